//! RDS DB instances, CloudTrail trails, KMS keys and Lambda functions.

use posture_model::Config;
use posture_model::kinds::aws::{
    AdvancedEventSelector, AdvancedFieldSelector, CloudTrailTrail, DataResource, EventSelector,
    KmsKey, LambdaFunction, RdsDbInstance,
};
use serde::Deserialize;
use serde_json::Value;

use super::de::{KeysOnly, LBool, LInt, LStr};
use super::map::{Cx, Dec, NOT_IN_CONF, gaps_for_none, policy};

// ----- RDS -----------------------------------------------------------------------------------

/// Config keeps the RDS SDK's odd camel-casing (`dBInstanceIdentifier`, `multiAZ`,
/// `iAMDatabaseAuthenticationEnabled`); the regular spellings are accepted too.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RdsSrc {
    #[serde(rename = "dBInstanceIdentifier", alias = "dbInstanceIdentifier")]
    identifier: LStr,
    engine: LStr,
    #[serde(rename = "engineVersion")]
    engine_version: LStr,
    #[serde(rename = "dBInstanceClass", alias = "dbInstanceClass")]
    instance_class: LStr,
    #[serde(rename = "storageEncrypted")]
    storage_encrypted: LBool,
    #[serde(rename = "kmsKeyId")]
    kms_key_id: LStr,
    #[serde(rename = "publiclyAccessible")]
    publicly_accessible: LBool,
    #[serde(rename = "multiAZ", alias = "multiAz")]
    multi_az: LBool,
    #[serde(rename = "backupRetentionPeriod")]
    backup_retention_period: LInt,
    #[serde(rename = "deletionProtection")]
    deletion_protection: LBool,
    #[serde(rename = "autoMinorVersionUpgrade")]
    auto_minor_version_upgrade: LBool,
    #[serde(
        rename = "iAMDatabaseAuthenticationEnabled",
        alias = "iamDatabaseAuthenticationEnabled"
    )]
    iam_auth: LBool,
    #[serde(rename = "vpcSecurityGroups")]
    vpc_security_groups: Option<Vec<Option<VpcSgRef>>>,
    #[serde(rename = "dBClusterIdentifier", alias = "dbClusterIdentifier")]
    cluster_identifier: LStr,
    #[serde(rename = "dBSubnetGroup", alias = "dbSubnetGroup")]
    subnet_group: Option<SubnetGroupSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SubnetGroupSrc {
    subnets: Option<Vec<Option<SubnetRef>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SubnetRef {
    subnet_identifier: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VpcSgRef {
    vpc_security_group_id: LStr,
}

pub(super) fn rds_db_instance(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<RdsSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let r = RdsDbInstance {
        identifier: src.identifier.0.unwrap_or_else(|| cx.name_or_id()),
        engine: src.engine.0,
        engine_version: src.engine_version.0,
        instance_class: src.instance_class.0,
        storage_encrypted: src.storage_encrypted.0,
        kms_key_id: src.kms_key_id.0,
        publicly_accessible: src.publicly_accessible.0,
        multi_az: src.multi_az.0,
        backup_retention_days: src.backup_retention_period.i32(),
        deletion_protection: src.deletion_protection.0,
        auto_minor_version_upgrade: src.auto_minor_version_upgrade.0,
        iam_auth_enabled: src.iam_auth.0,
        vpc_security_groups: src.vpc_security_groups.map(|v| {
            v.into_iter()
                .flatten()
                .filter_map(|g| g.vpc_security_group_id.0)
                .collect()
        }),
        // Describe output omits the cluster for stand-alone instances.
        cluster_identifier: src.cluster_identifier.0.or_else(|| has.then(String::new)),
        subnet_ids: src.subnet_group.and_then(|g| g.subnets).map(|v| {
            v.into_iter()
                .flatten()
                .filter_map(|s| s.subnet_identifier.0)
                .collect()
        }),
    };
    gaps_for_none!(cx, r, NOT_IN_CONF;
        engine, engine_version, instance_class, storage_encrypted, kms_key_id,
        publicly_accessible, multi_az, backup_retention_days, deletion_protection,
        auto_minor_version_upgrade, iam_auth_enabled, vpc_security_groups, cluster_identifier,
        subnet_ids);
    Config::AwsRdsDbInstance(Box::new(r))
}

// ----- CloudTrail ----------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct TrailSrc {
    #[serde(alias = "TrailName", alias = "Name")]
    name: LStr,
    #[serde(alias = "IsMultiRegionTrail")]
    is_multi_region_trail: LBool,
    #[serde(alias = "IsOrganizationTrail")]
    is_organization_trail: LBool,
    #[serde(alias = "IsLogging")]
    is_logging: LBool,
    #[serde(alias = "EnableLogFileValidation", alias = "LogFileValidationEnabled")]
    log_file_validation_enabled: LBool,
    #[serde(alias = "KMSKeyId", alias = "KmsKeyId")]
    kms_key_id: LStr,
    #[serde(alias = "S3BucketName")]
    s3_bucket_name: LStr,
    #[serde(alias = "CloudWatchLogsLogGroupArn")]
    cloud_watch_logs_log_group_arn: LStr,
    #[serde(alias = "IncludeGlobalServiceEvents")]
    include_global_service_events: LBool,
    #[serde(alias = "HomeRegion")]
    home_region: LStr,
    #[serde(alias = "EventSelectors")]
    event_selectors: Option<Vec<Option<EventSelectorSrc>>>,
    #[serde(alias = "AdvancedEventSelectors")]
    advanced_event_selectors: Option<Vec<Option<AdvancedSelectorSrc>>>,
}

/// `GetEventSelectors` output, when an export adds it to the supplementary configuration.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SelectorsSrc {
    #[serde(alias = "EventSelectors")]
    event_selectors: Option<Vec<Option<EventSelectorSrc>>>,
    #[serde(alias = "AdvancedEventSelectors")]
    advanced_event_selectors: Option<Vec<Option<AdvancedSelectorSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct EventSelectorSrc {
    #[serde(alias = "ReadWriteType")]
    read_write_type: LStr,
    #[serde(alias = "IncludeManagementEvents")]
    include_management_events: LBool,
    #[serde(alias = "DataResources")]
    data_resources: Option<Vec<Option<DataResourceSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DataResourceSrc {
    #[serde(alias = "Type")]
    r#type: LStr,
    #[serde(alias = "Values")]
    values: Option<Vec<LStr>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AdvancedSelectorSrc {
    #[serde(alias = "Name")]
    name: LStr,
    #[serde(alias = "FieldSelectors")]
    field_selectors: Option<Vec<Option<FieldSelectorSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FieldSelectorSrc {
    #[serde(alias = "Field")]
    field: LStr,
    #[serde(alias = "Equals")]
    equals: Option<Vec<LStr>>,
    #[serde(alias = "StartsWith")]
    starts_with: Option<Vec<LStr>>,
    #[serde(alias = "EndsWith")]
    ends_with: Option<Vec<LStr>>,
    #[serde(alias = "NotEquals")]
    not_equals: Option<Vec<LStr>>,
    #[serde(alias = "NotStartsWith")]
    not_starts_with: Option<Vec<LStr>>,
    #[serde(alias = "NotEndsWith")]
    not_ends_with: Option<Vec<LStr>>,
}

fn strs(v: Option<Vec<LStr>>) -> Vec<String> {
    v.unwrap_or_default()
        .into_iter()
        .filter_map(|s| s.0)
        .collect()
}

fn event_selectors(v: Vec<Option<EventSelectorSrc>>) -> Vec<EventSelector> {
    v.into_iter()
        .flatten()
        .map(|e| EventSelector {
            read_write_type: e.read_write_type.0,
            include_management_events: e.include_management_events.0,
            data_resources: e
                .data_resources
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .map(|d| DataResource {
                    resource_type: d.r#type.0.unwrap_or_default(),
                    values: strs(d.values),
                })
                .collect(),
        })
        .collect()
}

fn advanced_selectors(v: Vec<Option<AdvancedSelectorSrc>>) -> Vec<AdvancedEventSelector> {
    v.into_iter()
        .flatten()
        .map(|a| AdvancedEventSelector {
            name: a.name.0,
            field_selectors: a
                .field_selectors
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .map(|f| AdvancedFieldSelector {
                    field: f.field.0.unwrap_or_default(),
                    equals: strs(f.equals),
                    starts_with: strs(f.starts_with),
                    ends_with: strs(f.ends_with),
                    not_equals: strs(f.not_equals),
                    not_starts_with: strs(f.not_starts_with),
                    not_ends_with: strs(f.not_ends_with),
                })
                .collect(),
        })
        .collect()
}

/// Trail status, when an export adds it to the supplementary configuration.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct TrailStatusSrc {
    #[serde(alias = "IsLogging")]
    is_logging: LBool,
}

pub(super) fn cloudtrail_trail(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<TrailSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let mut is_logging = src.is_logging.0;
    if is_logging.is_none() {
        for key in ["IsLogging", "isLogging"] {
            if let Dec::Val(b) = cx.sup::<LBool>(key, "is_logging") {
                is_logging = b.0;
            }
        }
    }
    if is_logging.is_none() {
        for key in ["TrailStatus", "Status"] {
            if let Dec::Val(s) = cx.sup::<TrailStatusSrc>(key, "is_logging") {
                is_logging = s.is_logging.0;
            }
        }
    }
    let (mut selectors, mut advanced) = (
        src.event_selectors.map(event_selectors),
        src.advanced_event_selectors.map(advanced_selectors),
    );
    if selectors.is_none() && advanced.is_none() {
        for key in ["EventSelectors", "GetEventSelectors"] {
            if let Dec::Val(s) = cx.sup::<SelectorsSrc>(key, "event_selectors") {
                selectors = Some(s.event_selectors.map(event_selectors).unwrap_or_default());
                advanced = Some(
                    s.advanced_event_selectors
                        .map(advanced_selectors)
                        .unwrap_or_default(),
                );
            }
        }
    } else {
        selectors = selectors.or_else(|| Some(Vec::new()));
        advanced = advanced.or_else(|| Some(Vec::new()));
    }
    if selectors.is_none() && !cx.has_gap("event_selectors") {
        const NO_SELECTORS: &str =
            "AWS Config does not record trail event selectors (cloudtrail:GetEventSelectors)";
        cx.missing("event_selectors", NO_SELECTORS);
        cx.missing("advanced_event_selectors", NO_SELECTORS);
    }
    let t = CloudTrailTrail {
        event_selectors: selectors,
        advanced_event_selectors: advanced,
        trail_name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        is_multi_region: src.is_multi_region_trail.0,
        is_organization_trail: src.is_organization_trail.0,
        is_logging,
        log_file_validation: src.log_file_validation_enabled.0,
        // Both are omitted from the trail description when not configured.
        kms_key_id: src.kms_key_id.0.or_else(|| has.then(String::new)),
        s3_bucket_name: src.s3_bucket_name.0,
        cloudwatch_log_group_arn: src
            .cloud_watch_logs_log_group_arn
            .0
            .or_else(|| has.then(String::new)),
        include_global_service_events: src.include_global_service_events.0,
        home_region: src.home_region.0,
    };
    if t.is_logging.is_none() && !cx.has_gap("is_logging") {
        cx.missing(
            "is_logging",
            "AWS Config does not record whether a trail is logging (cloudtrail:GetTrailStatus)",
        );
    }
    gaps_for_none!(cx, t, NOT_IN_CONF;
        is_multi_region, is_organization_trail, log_file_validation, kms_key_id, s3_bucket_name,
        cloudwatch_log_group_arn, include_global_service_events, home_region);
    Config::AwsCloudTrailTrail(Box::new(t))
}

// ----- KMS -----------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct KeySrc {
    key_id: LStr,
    key_manager: LStr,
    key_spec: LStr,
    customer_master_key_spec: LStr,
    key_state: LStr,
    key_rotation_status: LBool,
    key_rotation_enabled: LBool,
}

pub(super) fn kms_key(cx: &mut Cx<'_, '_>) -> Config {
    let src: KeySrc = cx.conf().unwrap_or_default();
    let mut rotation = src.key_rotation_status.0.or(src.key_rotation_enabled.0);
    if rotation.is_none()
        && let Dec::Val(b) = cx.sup::<LBool>("KeyRotationStatus", "rotation_enabled")
    {
        rotation = b.0;
    }
    let mut key_policy = None;
    for key in ["Policy", "KeyPolicy"] {
        if key_policy.is_none()
            && let Dec::Val(v) = cx.sup::<Value>(key, "policy")
        {
            match policy(&v) {
                Ok(d) => key_policy = Some(d),
                Err(e) => {
                    let at = cx.at(&format!("supplementaryConfiguration.{key}"));
                    cx.error("policy", &at, &e);
                }
            }
        }
    }
    let k = KmsKey {
        key_id: src.key_id.0.unwrap_or_else(|| cx.id.to_owned()),
        key_manager: src.key_manager.0,
        key_spec: src.key_spec.0.or(src.customer_master_key_spec.0),
        key_state: src.key_state.0,
        rotation_enabled: rotation,
        policy: key_policy,
    };
    if k.rotation_enabled.is_none() && !cx.has_gap("rotation_enabled") {
        cx.missing(
            "rotation_enabled",
            "supplementaryConfiguration.KeyRotationStatus is not in the AWS Config item",
        );
    }
    if k.policy.is_none() && !cx.has_gap("policy") {
        cx.missing("policy", "AWS Config does not record KMS key policies");
    }
    gaps_for_none!(cx, k, NOT_IN_CONF; key_manager, key_spec, key_state);
    Config::AwsKmsKey(Box::new(k))
}

// ----- Lambda --------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FunctionSrc {
    function_name: LStr,
    runtime: LStr,
    role: LStr,
    environment: Option<EnvSrc>,
    vpc_config: Option<VpcConfigSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EnvSrc {
    /// Names only: the values (often secrets) are skipped by the deserializer, never stored.
    #[serde(alias = "Variables")]
    variables: Option<KeysOnly>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VpcConfigSrc {
    vpc_id: LStr,
    subnet_ids: Option<Vec<Value>>,
}

pub(super) fn lambda_function(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<FunctionSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let env_names = match src.environment {
        Some(EnvSrc { variables: Some(k) }) => Some(k.0),
        // GetFunction omits `environment` when the function has no variables.
        Some(_) => Some(Vec::new()),
        None => has.then(Vec::new),
    };
    let vpc_id = match src.vpc_config {
        Some(v) => v.vpc_id.0.filter(|s| !s.is_empty()).or_else(|| {
            let attached = v.subnet_ids.as_ref().is_some_and(|s| !s.is_empty());
            if attached {
                cx.related_id("AWS::EC2::VPC")
            } else {
                Some(String::new())
            }
        }),
        None => cx
            .related_id("AWS::EC2::VPC")
            .or_else(|| has.then(String::new)),
    };
    let mut fn_policy = None;
    if let Dec::Val(v) = cx.sup::<Value>("Policy", "policy") {
        match policy(&v) {
            Ok(d) => fn_policy = Some(d),
            Err(e) => {
                let at = cx.at("supplementaryConfiguration.Policy");
                cx.error("policy", &at, &e);
            }
        }
    }
    let f = LambdaFunction {
        function_name: src.function_name.0.unwrap_or_else(|| cx.name_or_id()),
        runtime: src.runtime.0,
        role: src.role.0,
        environment_variable_names: env_names,
        policy: fn_policy,
        url_auth_type: None,
        vpc_id,
    };
    if f.policy.is_none() && !cx.has_gap("policy") {
        cx.missing(
            "policy",
            "supplementaryConfiguration.Policy is not in the AWS Config item",
        );
    }
    cx.missing(
        "url_auth_type",
        "AWS Config does not record Lambda function URLs",
    );
    gaps_for_none!(cx, f, NOT_IN_CONF; runtime, role, environment_variable_names, vpc_id);
    Config::AwsLambdaFunction(Box::new(f))
}
