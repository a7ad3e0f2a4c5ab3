//! The SDK side of each fix: read the current state, decide whether it already complies (so a
//! second run changes nothing), write, read again. States are small JSON objects recorded as the
//! run's before/after for rollback.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{Value, json};

use crate::fixes::{FixId, MIN_PASSWORD_LENGTH, MIN_REUSE_PREVENTION};

/// A failed AWS API call.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApiError {
    /// `service:Operation`.
    pub operation: String,
    /// AWS error code (`AccessDenied`), empty when the call never got an answer.
    pub code: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.code.is_empty() {
            write!(f, "{}: {}", self.operation, self.message)
        } else {
            write!(f, "{}: {}: {}", self.operation, self.code, self.message)
        }
    }
}

fn api_err<E>(op: &str, e: &SdkError<E, HttpResponse>) -> ApiError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let code = e.code().unwrap_or_default().to_owned();
    let mut message = e.message().unwrap_or_default().to_owned();
    if message.is_empty() {
        let mut parts = Vec::new();
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(x) = cur {
            parts.push(x.to_string());
            cur = x.source();
        }
        if let SdkError::ServiceError(s) = e {
            parts.push(format!("HTTP {}", s.raw().status().as_u16()));
        }
        message = parts.join(": ");
    }
    ApiError {
        operation: op.to_owned(),
        code,
        message,
    }
}

fn build_err(op: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError {
        operation: op.to_owned(),
        code: String::new(),
        message: format!("request could not be built: {e}"),
    }
}

/// The SDK configuration for writes: the standard credential chain (environment, shared files,
/// `profile`, SSO, web identity, IMDS), `AWS_ENDPOINT_URL*`, standard retries.
pub async fn sdk_config(profile: Option<&str>) -> SdkConfig {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(Duration::from_secs(20))
                .operation_timeout(Duration::from_secs(90))
                .build(),
        );
    if let Some(p) = profile {
        loader = loader.profile_name(p);
    }
    let conf = loader.load().await;
    if conf.region().is_none() {
        return conf.to_builder().region(Region::new("us-east-1")).build();
    }
    conf
}

/// The account the credentials belong to.
///
/// # Errors
/// [`ApiError`] from STS.
pub async fn caller_account(conf: &SdkConfig) -> Result<String, ApiError> {
    let sts = aws_sdk_sts::Client::new(conf);
    let me = sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| api_err("sts:GetCallerIdentity", &e))?;
    Ok(me.account().unwrap_or_default().to_owned())
}

fn regional(conf: &SdkConfig, region: &str) -> SdkConfig {
    conf.to_builder()
        .region(Region::new(region.to_owned()))
        .build()
}

fn s3(conf: &SdkConfig) -> aws_sdk_s3::Client {
    // Path-style addressing when an endpoint is configured (emulators, proxies, VPC endpoints
    // given by IP), as the collector does.
    let path_style = conf.endpoint_url().is_some();
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(conf)
            .force_path_style(path_style)
            .build(),
    )
}

fn s3control(conf: &SdkConfig) -> aws_sdk_s3control::Client {
    aws_sdk_s3control::Client::from_conf(
        aws_sdk_s3control::config::Builder::from(conf)
            .interceptor(posture_collect_aws::StripAccountPrefix)
            .build(),
    )
}

fn s(t: &Value, k: &str) -> String {
    t.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The four Block Public Access switches as read (`None` = not set).
type BpaSwitches = (Option<bool>, Option<bool>, Option<bool>, Option<bool>);

fn bpa_json(c: Option<BpaSwitches>) -> Value {
    match c {
        None => json!({"configured": false}),
        Some((a, b, c, d)) => json!({
            "configured": true,
            "block_public_acls": a.unwrap_or(false),
            "ignore_public_acls": b.unwrap_or(false),
            "block_public_policy": c.unwrap_or(false),
            "restrict_public_buckets": d.unwrap_or(false),
        }),
    }
}

/// Read the current state of what the fix changes.
///
/// # Errors
/// [`ApiError`] when the read fails.
#[allow(clippy::too_many_lines)]
pub async fn read(id: FixId, conf: &SdkConfig, region: &str, t: &Value) -> Result<Value, ApiError> {
    let conf = regional(conf, region);
    match id {
        FixId::S3BucketBlockPublicAccess => {
            let op = "s3:GetPublicAccessBlock";
            match s3(&conf)
                .get_public_access_block()
                .bucket(s(t, "bucket"))
                .send()
                .await
            {
                Ok(o) => Ok(bpa_json(o.public_access_block_configuration().map(|c| {
                    (
                        c.block_public_acls(),
                        c.ignore_public_acls(),
                        c.block_public_policy(),
                        c.restrict_public_buckets(),
                    )
                }))),
                Err(e) if e.code() == Some("NoSuchPublicAccessBlockConfiguration") => {
                    Ok(bpa_json(None))
                }
                Err(e) => Err(api_err(op, &e)),
            }
        }
        FixId::S3BucketDefaultEncryption => {
            let op = "s3:GetBucketEncryption";
            match s3(&conf)
                .get_bucket_encryption()
                .bucket(s(t, "bucket"))
                .send()
                .await
            {
                Ok(o) => {
                    let algs: Vec<String> = o
                        .server_side_encryption_configuration()
                        .map(|c| {
                            c.rules()
                                .iter()
                                .filter_map(|r| r.apply_server_side_encryption_by_default())
                                .map(|d| d.sse_algorithm().as_str().to_owned())
                                .collect()
                        })
                        .unwrap_or_default();
                    Ok(json!({"algorithms": algs}))
                }
                Err(e) if e.code() == Some("ServerSideEncryptionConfigurationNotFoundError") => {
                    Ok(json!({"algorithms": []}))
                }
                Err(e) => Err(api_err(op, &e)),
            }
        }
        FixId::S3BucketVersioning => {
            let o = s3(&conf)
                .get_bucket_versioning()
                .bucket(s(t, "bucket"))
                .send()
                .await
                .map_err(|e| api_err("s3:GetBucketVersioning", &e))?;
            Ok(json!({"status": o.status().map_or("Off", |x| x.as_str())}))
        }
        FixId::S3BucketAclPrivate => {
            let o = s3(&conf)
                .get_bucket_acl()
                .bucket(s(t, "bucket"))
                .send()
                .await
                .map_err(|e| api_err("s3:GetBucketAcl", &e))?;
            let grants: Vec<Value> = o
                .grants()
                .iter()
                .map(|g| {
                    let ge = g.grantee();
                    json!({
                        "type": ge.map(|x| x.r#type().as_str().to_owned()),
                        "id": ge.and_then(|x| x.id()),
                        "uri": ge.and_then(|x| x.uri()),
                        "permission": g.permission().map(|p| p.as_str().to_owned()),
                    })
                })
                .collect();
            Ok(json!({"owner": o.owner().and_then(|x| x.id()), "grants": grants}))
        }
        FixId::S3AccountBlockPublicAccess => {
            let op = "s3control:GetPublicAccessBlock";
            match s3control(&conf)
                .get_public_access_block()
                .account_id(s(t, "account"))
                .send()
                .await
            {
                Ok(o) => Ok(bpa_json(o.public_access_block_configuration().map(|c| {
                    (
                        c.block_public_acls(),
                        c.ignore_public_acls(),
                        c.block_public_policy(),
                        c.restrict_public_buckets(),
                    )
                }))),
                Err(e) if e.code() == Some("NoSuchPublicAccessBlockConfiguration") => {
                    Ok(bpa_json(None))
                }
                Err(e) => Err(api_err(op, &e)),
            }
        }
        FixId::CloudTrailLogValidation | FixId::CloudTrailMultiRegion => {
            let ct = aws_sdk_cloudtrail::Client::new(&conf);
            let o = ct
                .get_trail()
                .name(s(t, "trail"))
                .send()
                .await
                .map_err(|e| api_err("cloudtrail:GetTrail", &e))?;
            let tr = o.trail();
            Ok(json!({
                "log_file_validation": tr.and_then(|x| x.log_file_validation_enabled()).unwrap_or(false),
                "is_multi_region": tr.and_then(|x| x.is_multi_region_trail()).unwrap_or(false),
            }))
        }
        FixId::CloudTrailStartLogging => {
            let ct = aws_sdk_cloudtrail::Client::new(&conf);
            let o = ct
                .get_trail_status()
                .name(s(t, "trail"))
                .send()
                .await
                .map_err(|e| api_err("cloudtrail:GetTrailStatus", &e))?;
            Ok(json!({"is_logging": o.is_logging().unwrap_or(false)}))
        }
        FixId::KmsKeyRotation => {
            let o = aws_sdk_kms::Client::new(&conf)
                .get_key_rotation_status()
                .key_id(s(t, "key_id"))
                .send()
                .await
                .map_err(|e| api_err("kms:GetKeyRotationStatus", &e))?;
            Ok(json!({"rotation_enabled": o.key_rotation_enabled()}))
        }
        FixId::EbsDefaultEncryption => {
            let o = aws_sdk_ec2::Client::new(&conf)
                .get_ebs_encryption_by_default()
                .send()
                .await
                .map_err(|e| api_err("ec2:GetEbsEncryptionByDefault", &e))?;
            Ok(json!({"ebs_encryption_by_default": o.ebs_encryption_by_default().unwrap_or(false)}))
        }
        FixId::IamPasswordPolicy => {
            match aws_sdk_iam::Client::new(&conf)
                .get_account_password_policy()
                .send()
                .await
            {
                Ok(o) => {
                    let p = o.password_policy();
                    Ok(json!({
                        "configured": p.is_some(),
                        "minimum_password_length": p.and_then(|p| p.minimum_password_length()),
                        "password_reuse_prevention": p.and_then(|p| p.password_reuse_prevention()),
                        "max_password_age": p.and_then(|p| p.max_password_age()),
                        "require_symbols": p.is_some_and(|p| p.require_symbols()),
                        "require_numbers": p.is_some_and(|p| p.require_numbers()),
                        "require_uppercase_characters": p.is_some_and(|p| p.require_uppercase_characters()),
                        "require_lowercase_characters": p.is_some_and(|p| p.require_lowercase_characters()),
                        "allow_users_to_change_password": p.is_some_and(|p| p.allow_users_to_change_password()),
                        "hard_expiry": p.and_then(|p| p.hard_expiry()),
                    }))
                }
                Err(e) if e.code() == Some("NoSuchEntity") => Ok(json!({"configured": false})),
                Err(e) => Err(api_err("iam:GetAccountPasswordPolicy", &e)),
            }
        }
        FixId::SecurityGroupRevokeWorldAdmin => {
            let o = aws_sdk_ec2::Client::new(&conf)
                .describe_security_groups()
                .group_ids(s(t, "group_id"))
                .send()
                .await
                .map_err(|e| api_err("ec2:DescribeSecurityGroups", &e))?;
            let Some(g) = o.security_groups().first() else {
                return Err(ApiError {
                    operation: "ec2:DescribeSecurityGroups".into(),
                    code: "InvalidGroup.NotFound".into(),
                    message: format!("security group {} not found", s(t, "group_id")),
                });
            };
            let ingress: Vec<Value> = g
                .ip_permissions()
                .iter()
                .map(|p| {
                    json!({
                        "protocol": p.ip_protocol().unwrap_or("-1"),
                        "from_port": p.from_port(),
                        "to_port": p.to_port(),
                        "ipv4_ranges": p.ip_ranges().iter().filter_map(|r| r.cidr_ip()).collect::<Vec<_>>(),
                        "ipv6_ranges": p.ipv6_ranges().iter().filter_map(|r| r.cidr_ipv6()).collect::<Vec<_>>(),
                        "source_groups": p.user_id_group_pairs().iter().filter_map(|r| r.group_id()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            Ok(json!({"ingress": ingress}))
        }
        FixId::RdsDeletionProtection | FixId::RdsIamAuth | FixId::RdsAutoMinorUpgrade => {
            let o = aws_sdk_rds::Client::new(&conf)
                .describe_db_instances()
                .db_instance_identifier(s(t, "db_instance_identifier"))
                .send()
                .await
                .map_err(|e| api_err("rds:DescribeDBInstances", &e))?;
            let d = o.db_instances().first();
            Ok(json!({
                "deletion_protection": d.and_then(|d| d.deletion_protection()).unwrap_or(false),
                "iam_database_authentication_enabled": d.and_then(|d| d.iam_database_authentication_enabled()).unwrap_or(false),
                "auto_minor_version_upgrade": d.and_then(|d| d.auto_minor_version_upgrade()).unwrap_or(false),
            }))
        }
        FixId::Ec2Imdsv2Required | FixId::Ec2DetailedMonitoring => {
            let o = aws_sdk_ec2::Client::new(&conf)
                .describe_instances()
                .instance_ids(s(t, "instance_id"))
                .send()
                .await
                .map_err(|e| api_err("ec2:DescribeInstances", &e))?;
            let i = o.reservations().iter().flat_map(|r| r.instances()).next();
            Ok(json!({
                "http_tokens": i.and_then(|i| i.metadata_options()).and_then(|m| m.http_tokens()).map(|x| x.as_str().to_owned()),
                "http_endpoint": i.and_then(|i| i.metadata_options()).and_then(|m| m.http_endpoint()).map(|x| x.as_str().to_owned()),
                "monitoring": i.and_then(|i| i.monitoring()).and_then(|m| m.state()).map(|x| x.as_str().to_owned()),
            }))
        }
        FixId::Elbv2DeletionProtection | FixId::Elbv2DropInvalidHeaders => {
            let o = aws_sdk_elasticloadbalancingv2::Client::new(&conf)
                .describe_load_balancer_attributes()
                .load_balancer_arn(s(t, "load_balancer_arn"))
                .send()
                .await
                .map_err(|e| api_err("elasticloadbalancing:DescribeLoadBalancerAttributes", &e))?;
            let m: serde_json::Map<String, Value> = o
                .attributes()
                .iter()
                .filter_map(|a| Some((a.key()?.to_owned(), Value::from(a.value()?))))
                .collect();
            Ok(json!({"attributes": m}))
        }
    }
}

fn truthy(v: &Value, k: &str) -> bool {
    v.get(k).and_then(Value::as_bool).unwrap_or(false)
}

fn world_admin_open(state: &Value) -> Vec<Value> {
    let ingress: Vec<posture_model::kinds::aws::IpPermission> =
        serde_json::from_value(state["ingress"].clone()).unwrap_or_default();
    crate::fixes::world_admin_permissions(&ingress)
}

/// Whether `state` (from [`read`]) already complies: then the fix makes no call.
#[must_use]
pub fn compliant(id: FixId, state: &Value) -> bool {
    let bpa = || {
        [
            "block_public_acls",
            "ignore_public_acls",
            "block_public_policy",
            "restrict_public_buckets",
        ]
        .iter()
        .all(|k| truthy(state, k))
    };
    match id {
        FixId::S3BucketBlockPublicAccess | FixId::S3AccountBlockPublicAccess => bpa(),
        FixId::S3BucketDefaultEncryption => state["algorithms"]
            .as_array()
            .is_some_and(|a| !a.is_empty()),
        FixId::S3BucketVersioning => state["status"] == "Enabled",
        FixId::S3BucketAclPrivate => state["grants"].as_array().is_some_and(|g| {
            g.iter().all(|x| {
                !x["uri"].as_str().is_some_and(|u| {
                    u.ends_with("/global/AllUsers") || u.ends_with("/global/AuthenticatedUsers")
                })
            })
        }),
        FixId::CloudTrailLogValidation => truthy(state, "log_file_validation"),
        FixId::CloudTrailMultiRegion => truthy(state, "is_multi_region"),
        FixId::CloudTrailStartLogging => truthy(state, "is_logging"),
        FixId::KmsKeyRotation => truthy(state, "rotation_enabled"),
        FixId::EbsDefaultEncryption => truthy(state, "ebs_encryption_by_default"),
        FixId::IamPasswordPolicy => {
            truthy(state, "configured")
                && state["minimum_password_length"].as_i64().unwrap_or(0)
                    >= i64::from(MIN_PASSWORD_LENGTH)
                && state["password_reuse_prevention"].as_i64().unwrap_or(0)
                    >= i64::from(MIN_REUSE_PREVENTION)
                && [
                    "require_symbols",
                    "require_numbers",
                    "require_uppercase_characters",
                    "require_lowercase_characters",
                ]
                .iter()
                .all(|k| truthy(state, k))
        }
        FixId::SecurityGroupRevokeWorldAdmin => world_admin_open(state).is_empty(),
        FixId::RdsDeletionProtection => truthy(state, "deletion_protection"),
        FixId::RdsIamAuth => truthy(state, "iam_database_authentication_enabled"),
        FixId::RdsAutoMinorUpgrade => truthy(state, "auto_minor_version_upgrade"),
        FixId::Ec2Imdsv2Required => state["http_tokens"] == "required",
        FixId::Ec2DetailedMonitoring => {
            matches!(state["monitoring"].as_str(), Some("enabled" | "pending"))
        }
        FixId::Elbv2DeletionProtection => {
            state["attributes"]["deletion_protection.enabled"] == "true"
        }
        FixId::Elbv2DropInvalidHeaders => {
            state["attributes"]["routing.http.drop_invalid_header_fields.enabled"] == "true"
        }
    }
}

fn opt_i32(v: &Value, k: &str) -> Option<i32> {
    v.get(k)
        .and_then(Value::as_i64)
        .and_then(|x| i32::try_from(x).ok())
}

/// Make the change. `before` is what [`read`] returned (some fixes keep stricter values from it).
///
/// # Errors
/// [`ApiError`] of the failing call.
#[allow(clippy::too_many_lines)]
pub async fn write(
    id: FixId,
    conf: &SdkConfig,
    region: &str,
    t: &Value,
    before: &Value,
) -> Result<(), ApiError> {
    let conf = regional(conf, region);
    match id {
        FixId::S3BucketBlockPublicAccess => {
            let c = aws_sdk_s3::types::PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build();
            s3(&conf)
                .put_public_access_block()
                .bucket(s(t, "bucket"))
                .public_access_block_configuration(c)
                .send()
                .await
                .map_err(|e| api_err("s3:PutPublicAccessBlock", &e))?;
        }
        FixId::S3BucketDefaultEncryption => {
            use aws_sdk_s3::types::{
                ServerSideEncryption, ServerSideEncryptionByDefault,
                ServerSideEncryptionConfiguration, ServerSideEncryptionRule,
            };
            let op = "s3:PutBucketEncryption";
            let by_default = ServerSideEncryptionByDefault::builder()
                .sse_algorithm(ServerSideEncryption::Aes256)
                .build()
                .map_err(|e| build_err(op, e))?;
            let cfg = ServerSideEncryptionConfiguration::builder()
                .rules(
                    ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(by_default)
                        .bucket_key_enabled(true)
                        .build(),
                )
                .build()
                .map_err(|e| build_err(op, e))?;
            s3(&conf)
                .put_bucket_encryption()
                .bucket(s(t, "bucket"))
                .server_side_encryption_configuration(cfg)
                .send()
                .await
                .map_err(|e| api_err(op, &e))?;
        }
        FixId::S3BucketVersioning => {
            let v = aws_sdk_s3::types::VersioningConfiguration::builder()
                .status(aws_sdk_s3::types::BucketVersioningStatus::Enabled)
                .build();
            s3(&conf)
                .put_bucket_versioning()
                .bucket(s(t, "bucket"))
                .versioning_configuration(v)
                .send()
                .await
                .map_err(|e| api_err("s3:PutBucketVersioning", &e))?;
        }
        FixId::S3BucketAclPrivate => {
            s3(&conf)
                .put_bucket_acl()
                .bucket(s(t, "bucket"))
                .acl(aws_sdk_s3::types::BucketCannedAcl::Private)
                .send()
                .await
                .map_err(|e| api_err("s3:PutBucketAcl", &e))?;
        }
        FixId::S3AccountBlockPublicAccess => {
            let c = aws_sdk_s3control::types::PublicAccessBlockConfiguration::builder()
                .block_public_acls(true)
                .ignore_public_acls(true)
                .block_public_policy(true)
                .restrict_public_buckets(true)
                .build();
            s3control(&conf)
                .put_public_access_block()
                .account_id(s(t, "account"))
                .public_access_block_configuration(c)
                .send()
                .await
                .map_err(|e| api_err("s3control:PutPublicAccessBlock", &e))?;
        }
        FixId::CloudTrailLogValidation => {
            aws_sdk_cloudtrail::Client::new(&conf)
                .update_trail()
                .name(s(t, "trail"))
                .enable_log_file_validation(true)
                .send()
                .await
                .map_err(|e| api_err("cloudtrail:UpdateTrail", &e))?;
        }
        FixId::CloudTrailMultiRegion => {
            aws_sdk_cloudtrail::Client::new(&conf)
                .update_trail()
                .name(s(t, "trail"))
                .is_multi_region_trail(true)
                .send()
                .await
                .map_err(|e| api_err("cloudtrail:UpdateTrail", &e))?;
        }
        FixId::CloudTrailStartLogging => {
            aws_sdk_cloudtrail::Client::new(&conf)
                .start_logging()
                .name(s(t, "trail"))
                .send()
                .await
                .map_err(|e| api_err("cloudtrail:StartLogging", &e))?;
        }
        FixId::KmsKeyRotation => {
            aws_sdk_kms::Client::new(&conf)
                .enable_key_rotation()
                .key_id(s(t, "key_id"))
                .send()
                .await
                .map_err(|e| api_err("kms:EnableKeyRotation", &e))?;
        }
        FixId::EbsDefaultEncryption => {
            aws_sdk_ec2::Client::new(&conf)
                .enable_ebs_encryption_by_default()
                .send()
                .await
                .map_err(|e| api_err("ec2:EnableEbsEncryptionByDefault", &e))?;
        }
        FixId::IamPasswordPolicy => {
            // Keep whatever the account already has that is stricter than our minimums.
            let len = opt_i32(before, "minimum_password_length")
                .unwrap_or(0)
                .max(MIN_PASSWORD_LENGTH);
            let reuse = opt_i32(before, "password_reuse_prevention")
                .unwrap_or(0)
                .max(MIN_REUSE_PREVENTION);
            let mut req = aws_sdk_iam::Client::new(&conf)
                .update_account_password_policy()
                .minimum_password_length(len)
                .password_reuse_prevention(reuse)
                .require_symbols(true)
                .require_numbers(true)
                .require_uppercase_characters(true)
                .require_lowercase_characters(true)
                .allow_users_to_change_password(
                    !truthy(before, "configured")
                        || truthy(before, "allow_users_to_change_password"),
                );
            if let Some(age) = opt_i32(before, "max_password_age") {
                req = req.max_password_age(age);
            }
            if let Some(h) = before.get("hard_expiry").and_then(Value::as_bool) {
                req = req.hard_expiry(h);
            }
            req.send()
                .await
                .map_err(|e| api_err("iam:UpdateAccountPasswordPolicy", &e))?;
        }
        FixId::SecurityGroupRevokeWorldAdmin => {
            use aws_sdk_ec2::types::{IpPermission, IpRange, Ipv6Range};
            // Revoke what is world-open now (read just before), not what the plan saw.
            let perms: Vec<IpPermission> = world_admin_open(before)
                .iter()
                .map(|p| {
                    let mut b = IpPermission::builder()
                        .ip_protocol(p["IpProtocol"].as_str().unwrap_or("-1"));
                    if let Some(f) = p["FromPort"].as_i64().and_then(|x| i32::try_from(x).ok()) {
                        b = b.from_port(f);
                    }
                    if let Some(to) = p["ToPort"].as_i64().and_then(|x| i32::try_from(x).ok()) {
                        b = b.to_port(to);
                    }
                    for c in p["IpRanges"].as_array().into_iter().flatten() {
                        b = b.ip_ranges(
                            IpRange::builder()
                                .cidr_ip(c["CidrIp"].as_str().unwrap_or_default())
                                .build(),
                        );
                    }
                    for c in p["Ipv6Ranges"].as_array().into_iter().flatten() {
                        b = b.ipv6_ranges(
                            Ipv6Range::builder()
                                .cidr_ipv6(c["CidrIpv6"].as_str().unwrap_or_default())
                                .build(),
                        );
                    }
                    b.build()
                })
                .collect();
            aws_sdk_ec2::Client::new(&conf)
                .revoke_security_group_ingress()
                .group_id(s(t, "group_id"))
                .set_ip_permissions(Some(perms))
                .send()
                .await
                .map_err(|e| api_err("ec2:RevokeSecurityGroupIngress", &e))?;
        }
        FixId::RdsDeletionProtection | FixId::RdsIamAuth | FixId::RdsAutoMinorUpgrade => {
            let mut req = aws_sdk_rds::Client::new(&conf)
                .modify_db_instance()
                .db_instance_identifier(s(t, "db_instance_identifier"))
                .apply_immediately(true);
            req = match id {
                FixId::RdsDeletionProtection => req.deletion_protection(true),
                FixId::RdsIamAuth => req.enable_iam_database_authentication(true),
                _ => req.auto_minor_version_upgrade(true),
            };
            req.send()
                .await
                .map_err(|e| api_err("rds:ModifyDBInstance", &e))?;
        }
        FixId::Ec2Imdsv2Required => {
            aws_sdk_ec2::Client::new(&conf)
                .modify_instance_metadata_options()
                .instance_id(s(t, "instance_id"))
                .http_tokens(aws_sdk_ec2::types::HttpTokensState::Required)
                .http_endpoint(aws_sdk_ec2::types::InstanceMetadataEndpointState::Enabled)
                .send()
                .await
                .map_err(|e| api_err("ec2:ModifyInstanceMetadataOptions", &e))?;
        }
        FixId::Ec2DetailedMonitoring => {
            aws_sdk_ec2::Client::new(&conf)
                .monitor_instances()
                .instance_ids(s(t, "instance_id"))
                .send()
                .await
                .map_err(|e| api_err("ec2:MonitorInstances", &e))?;
        }
        FixId::Elbv2DeletionProtection | FixId::Elbv2DropInvalidHeaders => {
            let key = if id == FixId::Elbv2DeletionProtection {
                "deletion_protection.enabled"
            } else {
                "routing.http.drop_invalid_header_fields.enabled"
            };
            aws_sdk_elasticloadbalancingv2::Client::new(&conf)
                .modify_load_balancer_attributes()
                .load_balancer_arn(s(t, "load_balancer_arn"))
                .attributes(
                    aws_sdk_elasticloadbalancingv2::types::LoadBalancerAttribute::builder()
                        .key(key)
                        .value("true")
                        .build(),
                )
                .send()
                .await
                .map_err(|e| api_err("elasticloadbalancing:ModifyLoadBalancerAttributes", &e))?;
        }
    }
    Ok(())
}
