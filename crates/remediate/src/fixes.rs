//! The automated fixes: which rule each one resolves, the AWS API calls it makes (with the
//! resource's real identifiers), the IAM write permissions they need, and what rollback is
//! possible. The SDK code that performs them is in [`crate::exec`].

use posture_collect_aws::Service;
use posture_model::Resource;
use posture_model::kinds::aws;
use posture_rules::net::ADMIN_PORTS;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// One automated fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixId {
    /// Turn on all four Block Public Access settings of a bucket.
    S3BucketBlockPublicAccess,
    /// Default encryption SSE-S3 on a bucket.
    S3BucketDefaultEncryption,
    /// Versioning on a bucket.
    S3BucketVersioning,
    /// Bucket ACL back to `private`.
    S3BucketAclPrivate,
    /// Account-level S3 Block Public Access.
    S3AccountBlockPublicAccess,
    /// CloudTrail log file validation.
    CloudTrailLogValidation,
    /// Make a trail multi-region.
    CloudTrailMultiRegion,
    /// Start logging on a stopped trail.
    CloudTrailStartLogging,
    /// KMS key rotation.
    KmsKeyRotation,
    /// EBS encryption by default in a region.
    EbsDefaultEncryption,
    /// A strong IAM password policy.
    IamPasswordPolicy,
    /// Revoke 0.0.0.0/0 and ::/0 on SSH/RDP from a security group.
    SecurityGroupRevokeWorldAdmin,
    /// RDS deletion protection.
    RdsDeletionProtection,
    /// RDS IAM database authentication.
    RdsIamAuth,
    /// RDS automatic minor version upgrades.
    RdsAutoMinorUpgrade,
    /// IMDSv2 required on an instance.
    Ec2Imdsv2Required,
    /// Detailed monitoring on an instance.
    Ec2DetailedMonitoring,
    /// Load balancer deletion protection.
    Elbv2DeletionProtection,
    /// Load balancer drops invalid header fields.
    Elbv2DropInvalidHeaders,
}

/// What the catalog knows about a fix.
#[derive(Clone, Copy, Debug)]
pub struct FixDef {
    /// The fix.
    pub id: FixId,
    /// The rules it resolves.
    pub rules: &'static [&'static str],
    /// The collector service to re-collect for validation.
    pub service: Service,
    /// IAM actions needed (reads of the before/after state included).
    pub permissions: &'static [&'static str],
    /// Whether the previous state can be put back from what is recorded.
    pub rollback_possible: bool,
    /// How to roll back.
    pub rollback: &'static str,
}

/// Every automated fix.
pub const FIXES: &[FixDef] = &[
    FixDef {
        id: FixId::S3BucketBlockPublicAccess,
        rules: &["aws.s3.bucket_public_access_block_off"],
        service: Service::S3,
        permissions: &[
            "s3:GetBucketPublicAccessBlock",
            "s3:PutBucketPublicAccessBlock",
        ],
        rollback_possible: true,
        rollback: "Put back the recorded four settings with PutPublicAccessBlock, or DeletePublicAccessBlock if there were none.",
    },
    FixDef {
        id: FixId::S3BucketDefaultEncryption,
        rules: &["aws.s3.bucket_default_encryption_missing"],
        service: Service::S3,
        permissions: &[
            "s3:GetEncryptionConfiguration",
            "s3:PutEncryptionConfiguration",
        ],
        rollback_possible: true,
        rollback: "DeleteBucketEncryption (objects written meanwhile stay encrypted).",
    },
    FixDef {
        id: FixId::S3BucketVersioning,
        rules: &["aws.s3.bucket_versioning_off"],
        service: Service::S3,
        permissions: &["s3:GetBucketVersioning", "s3:PutBucketVersioning"],
        rollback_possible: false,
        rollback: "Versioning can only be suspended afterwards, never returned to 'never enabled'; versions created meanwhile remain.",
    },
    FixDef {
        id: FixId::S3BucketAclPrivate,
        rules: &["aws.s3.bucket_public_acl"],
        service: Service::S3,
        permissions: &["s3:GetBucketAcl", "s3:PutBucketAcl"],
        rollback_possible: true,
        rollback: "Put back the recorded grants with PutBucketAcl (AccessControlPolicy).",
    },
    FixDef {
        id: FixId::S3AccountBlockPublicAccess,
        rules: &["aws.s3.account_public_access_block_off"],
        service: Service::S3Control,
        permissions: &[
            "s3:GetAccountPublicAccessBlock",
            "s3:PutAccountPublicAccessBlock",
        ],
        rollback_possible: true,
        rollback: "Put back the recorded settings with s3control PutPublicAccessBlock, or DeletePublicAccessBlock if there were none.",
    },
    FixDef {
        id: FixId::CloudTrailLogValidation,
        rules: &["aws.cloudtrail.trail_log_validation_off"],
        service: Service::CloudTrail,
        permissions: &["cloudtrail:GetTrail", "cloudtrail:UpdateTrail"],
        rollback_possible: true,
        rollback: "UpdateTrail --no-enable-log-file-validation.",
    },
    FixDef {
        id: FixId::CloudTrailMultiRegion,
        rules: &["aws.cloudtrail.trail_not_multi_region"],
        service: Service::CloudTrail,
        permissions: &["cloudtrail:GetTrail", "cloudtrail:UpdateTrail"],
        rollback_possible: true,
        rollback: "UpdateTrail --no-is-multi-region-trail.",
    },
    FixDef {
        id: FixId::CloudTrailStartLogging,
        rules: &["aws.cloudtrail.trail_not_logging"],
        service: Service::CloudTrail,
        permissions: &["cloudtrail:GetTrailStatus", "cloudtrail:StartLogging"],
        rollback_possible: true,
        rollback: "StopLogging on the trail.",
    },
    FixDef {
        id: FixId::KmsKeyRotation,
        rules: &["aws.kms.key_rotation_off"],
        service: Service::Kms,
        permissions: &["kms:GetKeyRotationStatus", "kms:EnableKeyRotation"],
        rollback_possible: true,
        rollback: "DisableKeyRotation (key material rotated meanwhile is kept).",
    },
    FixDef {
        id: FixId::EbsDefaultEncryption,
        rules: &["aws.ec2.ebs_default_encryption_off"],
        service: Service::Ec2,
        permissions: &[
            "ec2:GetEbsEncryptionByDefault",
            "ec2:EnableEbsEncryptionByDefault",
        ],
        rollback_possible: true,
        rollback: "DisableEbsEncryptionByDefault in the region (volumes created meanwhile stay encrypted).",
    },
    FixDef {
        id: FixId::IamPasswordPolicy,
        rules: &[
            "aws.iam.password_policy_weak",
            "aws.iam.password_policy_complexity_off",
        ],
        service: Service::Iam,
        permissions: &[
            "iam:GetAccountPasswordPolicy",
            "iam:UpdateAccountPasswordPolicy",
        ],
        rollback_possible: true,
        rollback: "UpdateAccountPasswordPolicy with the recorded settings, or DeleteAccountPasswordPolicy if there was none.",
    },
    FixDef {
        id: FixId::SecurityGroupRevokeWorldAdmin,
        rules: &["aws.ec2.security_group_admin_ports_open"],
        service: Service::Ec2,
        permissions: &[
            "ec2:DescribeSecurityGroups",
            "ec2:RevokeSecurityGroupIngress",
        ],
        rollback_possible: true,
        rollback: "AuthorizeSecurityGroupIngress with the recorded permissions.",
    },
    FixDef {
        id: FixId::RdsDeletionProtection,
        rules: &["aws.rds.instance_deletion_protection_off"],
        service: Service::Rds,
        permissions: &["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
        rollback_possible: true,
        rollback: "ModifyDBInstance --no-deletion-protection.",
    },
    FixDef {
        id: FixId::RdsIamAuth,
        rules: &["aws.rds.instance_iam_auth_off"],
        service: Service::Rds,
        permissions: &["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
        rollback_possible: true,
        rollback: "ModifyDBInstance --no-enable-iam-database-authentication.",
    },
    FixDef {
        id: FixId::RdsAutoMinorUpgrade,
        rules: &["aws.rds.instance_auto_minor_upgrade_off"],
        service: Service::Rds,
        permissions: &["rds:DescribeDBInstances", "rds:ModifyDBInstance"],
        rollback_possible: true,
        rollback: "ModifyDBInstance --no-auto-minor-version-upgrade (upgrades already applied stay).",
    },
    FixDef {
        id: FixId::Ec2Imdsv2Required,
        rules: &["aws.ec2.instance_imdsv2_not_required"],
        service: Service::Ec2,
        permissions: &["ec2:DescribeInstances", "ec2:ModifyInstanceMetadataOptions"],
        rollback_possible: true,
        rollback: "ModifyInstanceMetadataOptions --http-tokens optional.",
    },
    FixDef {
        id: FixId::Ec2DetailedMonitoring,
        rules: &["aws.ec2.instance_detailed_monitoring_off"],
        service: Service::Ec2,
        permissions: &["ec2:DescribeInstances", "ec2:MonitorInstances"],
        rollback_possible: true,
        rollback: "UnmonitorInstances.",
    },
    FixDef {
        id: FixId::Elbv2DeletionProtection,
        rules: &["aws.elbv2.load_balancer_deletion_protection_off"],
        service: Service::Elbv2,
        permissions: &[
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
            "elasticloadbalancing:ModifyLoadBalancerAttributes",
        ],
        rollback_possible: true,
        rollback: "ModifyLoadBalancerAttributes deletion_protection.enabled=false.",
    },
    FixDef {
        id: FixId::Elbv2DropInvalidHeaders,
        rules: &["aws.elbv2.load_balancer_invalid_headers_kept"],
        service: Service::Elbv2,
        permissions: &[
            "elasticloadbalancing:DescribeLoadBalancerAttributes",
            "elasticloadbalancing:ModifyLoadBalancerAttributes",
        ],
        rollback_possible: true,
        rollback: "ModifyLoadBalancerAttributes routing.http.drop_invalid_header_fields.enabled=false.",
    },
];

/// The fix for a rule, if one is automated.
#[must_use]
pub fn for_rule(rule_id: &str) -> Option<&'static FixDef> {
    FIXES.iter().find(|f| f.rules.contains(&rule_id))
}

/// The definition of a fix.
#[must_use]
pub fn def(id: FixId) -> &'static FixDef {
    FIXES.iter().find(|f| f.id == id).unwrap_or(&FIXES[0])
}

/// One API call a fix makes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiCall {
    /// AWS service (`s3`, `ec2`, …).
    pub service: String,
    /// Operation (`PutBucketEncryption`).
    pub operation: String,
    /// Region the call goes to.
    pub region: String,
    /// Parameters with the resource's identifiers.
    pub parameters: Value,
}

/// The identifiers a fix needs, read from the resource; an error says what is missing.
///
/// # Errors
/// When the resource is not of the kind the fix expects or lacks an identifier.
pub fn target(id: FixId, r: &Resource) -> Result<Value, String> {
    let cfg = r.config.to_value();
    let s = |k: &str| -> Result<String, String> {
        cfg.get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("resource `{}` has no `{k}` in its configuration", r.uid))
    };
    Ok(match id {
        FixId::S3BucketBlockPublicAccess
        | FixId::S3BucketDefaultEncryption
        | FixId::S3BucketVersioning
        | FixId::S3BucketAclPrivate => json!({"bucket": r.name}),
        FixId::S3AccountBlockPublicAccess | FixId::IamPasswordPolicy => {
            json!({"account": r.account})
        }
        FixId::CloudTrailLogValidation
        | FixId::CloudTrailMultiRegion
        | FixId::CloudTrailStartLogging => {
            // UpdateTrail and StartLogging take the ARN; the call goes to the trail's home region.
            let home = cfg
                .get("home_region")
                .and_then(Value::as_str)
                .unwrap_or(&r.region)
                .to_owned();
            json!({"trail": r.uid, "trail_name": s("trail_name")?, "home_region": home})
        }
        FixId::KmsKeyRotation => json!({"key_id": s("key_id")?}),
        FixId::EbsDefaultEncryption => json!({}),
        FixId::SecurityGroupRevokeWorldAdmin => {
            let sg: aws::SecurityGroup = serde_json::from_value(cfg.clone())
                .map_err(|e| format!("resource `{}` is not a security group: {e}", r.uid))?;
            json!({"group_id": sg.group_id, "revoke": world_admin_permissions(sg.ingress.as_deref().unwrap_or_default())})
        }
        FixId::RdsDeletionProtection | FixId::RdsIamAuth | FixId::RdsAutoMinorUpgrade => {
            json!({"db_instance_identifier": s("identifier")?})
        }
        FixId::Ec2Imdsv2Required | FixId::Ec2DetailedMonitoring => {
            json!({"instance_id": s("instance_id")?})
        }
        FixId::Elbv2DeletionProtection | FixId::Elbv2DropInvalidHeaders => {
            json!({"load_balancer_arn": r.uid})
        }
    })
}

/// The world-open (0.0.0.0/0, ::/0) parts of inbound rules that reach an admin port (SSH, RDP),
/// as EC2 `IpPermission` parameters: only the world ranges are revoked, other sources stay.
#[must_use]
pub fn world_admin_permissions(ingress: &[aws::IpPermission]) -> Vec<Value> {
    posture_rules::net::world_open(ingress, |p| {
        ADMIN_PORTS.iter().any(|(port, _)| p.covers_tcp_port(*port))
    })
    .into_iter()
    .map(|(_, p)| {
        let v4: Vec<&String> = p
            .ipv4_ranges
            .iter()
            .filter(|c| posture_rules::net::is_world(c))
            .collect();
        let v6: Vec<&String> = p
            .ipv6_ranges
            .iter()
            .filter(|c| posture_rules::net::is_world(c))
            .collect();
        json!({
            "IpProtocol": p.protocol,
            "FromPort": p.from_port,
            "ToPort": p.to_port,
            "IpRanges": v4.iter().map(|c| json!({"CidrIp": c})).collect::<Vec<_>>(),
            "Ipv6Ranges": v6.iter().map(|c| json!({"CidrIpv6": c})).collect::<Vec<_>>(),
        })
    })
    .collect()
}

/// The API calls a fix makes (writes only; the before/after reads are in the permissions).
#[must_use]
pub fn calls(id: FixId, t: &Value, region: &str) -> Vec<ApiCall> {
    let call = |service: &str, op: &str, region: &str, p: Value| ApiCall {
        service: service.to_owned(),
        operation: op.to_owned(),
        region: region.to_owned(),
        parameters: p,
    };
    let home = t["home_region"].as_str().unwrap_or(region);
    match id {
        FixId::S3BucketBlockPublicAccess => vec![call(
            "s3",
            "PutPublicAccessBlock",
            region,
            json!({
            "Bucket": t["bucket"], "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}),
        )],
        FixId::S3BucketDefaultEncryption => vec![call(
            "s3",
            "PutBucketEncryption",
            region,
            json!({
            "Bucket": t["bucket"], "ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": true}]}}),
        )],
        FixId::S3BucketVersioning => vec![call(
            "s3",
            "PutBucketVersioning",
            region,
            json!({
            "Bucket": t["bucket"], "VersioningConfiguration": {"Status": "Enabled"}}),
        )],
        FixId::S3BucketAclPrivate => vec![call(
            "s3",
            "PutBucketAcl",
            region,
            json!({"Bucket": t["bucket"], "ACL": "private"}),
        )],
        FixId::S3AccountBlockPublicAccess => vec![call(
            "s3control",
            "PutPublicAccessBlock",
            region,
            json!({
            "AccountId": t["account"], "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}),
        )],
        FixId::CloudTrailLogValidation => vec![call(
            "cloudtrail",
            "UpdateTrail",
            home,
            json!({"Name": t["trail"], "EnableLogFileValidation": true}),
        )],
        FixId::CloudTrailMultiRegion => vec![call(
            "cloudtrail",
            "UpdateTrail",
            home,
            json!({"Name": t["trail"], "IsMultiRegionTrail": true}),
        )],
        FixId::CloudTrailStartLogging => vec![call(
            "cloudtrail",
            "StartLogging",
            home,
            json!({"Name": t["trail"]}),
        )],
        FixId::KmsKeyRotation => vec![call(
            "kms",
            "EnableKeyRotation",
            region,
            json!({"KeyId": t["key_id"]}),
        )],
        FixId::EbsDefaultEncryption => vec![call(
            "ec2",
            "EnableEbsEncryptionByDefault",
            region,
            json!({}),
        )],
        FixId::IamPasswordPolicy => vec![call(
            "iam",
            "UpdateAccountPasswordPolicy",
            region,
            json!({
            "MinimumPasswordLength": MIN_PASSWORD_LENGTH, "PasswordReusePrevention": MIN_REUSE_PREVENTION,
            "RequireSymbols": true, "RequireNumbers": true, "RequireUppercaseCharacters": true, "RequireLowercaseCharacters": true,
            "AllowUsersToChangePassword": true, "note": "stricter existing values are kept"}),
        )],
        FixId::SecurityGroupRevokeWorldAdmin => vec![call(
            "ec2",
            "RevokeSecurityGroupIngress",
            region,
            json!({
            "GroupId": t["group_id"], "IpPermissions": t["revoke"]}),
        )],
        FixId::RdsDeletionProtection => vec![call(
            "rds",
            "ModifyDBInstance",
            region,
            json!({
            "DBInstanceIdentifier": t["db_instance_identifier"], "DeletionProtection": true, "ApplyImmediately": true}),
        )],
        FixId::RdsIamAuth => vec![call(
            "rds",
            "ModifyDBInstance",
            region,
            json!({
            "DBInstanceIdentifier": t["db_instance_identifier"], "EnableIAMDatabaseAuthentication": true, "ApplyImmediately": true}),
        )],
        FixId::RdsAutoMinorUpgrade => vec![call(
            "rds",
            "ModifyDBInstance",
            region,
            json!({
            "DBInstanceIdentifier": t["db_instance_identifier"], "AutoMinorVersionUpgrade": true, "ApplyImmediately": true}),
        )],
        FixId::Ec2Imdsv2Required => vec![call(
            "ec2",
            "ModifyInstanceMetadataOptions",
            region,
            json!({
            "InstanceId": t["instance_id"], "HttpTokens": "required", "HttpEndpoint": "enabled"}),
        )],
        FixId::Ec2DetailedMonitoring => vec![call(
            "ec2",
            "MonitorInstances",
            region,
            json!({"InstanceIds": [t["instance_id"]]}),
        )],
        FixId::Elbv2DeletionProtection => vec![call(
            "elasticloadbalancing",
            "ModifyLoadBalancerAttributes",
            region,
            json!({
            "LoadBalancerArn": t["load_balancer_arn"], "Attributes": [{"Key": "deletion_protection.enabled", "Value": "true"}]}),
        )],
        FixId::Elbv2DropInvalidHeaders => vec![call(
            "elasticloadbalancing",
            "ModifyLoadBalancerAttributes",
            region,
            json!({
            "LoadBalancerArn": t["load_balancer_arn"], "Attributes": [{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}]}),
        )],
    }
}

/// Password policy minimums the IAM fix sets (the rule's thresholds).
pub const MIN_PASSWORD_LENGTH: i32 = 14;
/// Remembered passwords the IAM fix sets.
pub const MIN_REUSE_PREVENTION: i32 = 24;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_fifteen_fixes_each_for_a_real_rule() {
        assert!(FIXES.len() >= 15, "{}", FIXES.len());
        let catalog = posture_rules::catalog();
        for f in FIXES {
            for rule in f.rules {
                let r = catalog
                    .iter()
                    .find(|r| r.meta().id == *rule)
                    .unwrap_or_else(|| panic!("{rule} is not a rule"));
                assert_ne!(
                    r.meta().fix_safety,
                    posture_rules::engine::FixSafety::Manual,
                    "{rule} is manual but has an automated fix"
                );
            }
            assert!(!f.permissions.is_empty());
            assert!(f.permissions.iter().all(|p| p.contains(':')));
        }
    }

    #[test]
    fn revokes_only_world_ranges_on_admin_ports() {
        let ingress: Vec<aws::IpPermission> = serde_json::from_value(json!([
            {"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0", "10.0.0.0/8"]},
            {"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"]},
            {"protocol": "tcp", "from_port": 3389, "to_port": 3389, "ipv6_ranges": ["::/0"]}
        ]))
        .unwrap();
        let p = world_admin_permissions(&ingress);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0]["IpRanges"], json!([{"CidrIp": "0.0.0.0/0"}]));
        assert_eq!(p[1]["Ipv6Ranges"], json!([{"CidrIpv6": "::/0"}]));
        assert_eq!(p[1]["FromPort"], 3389);
    }
}
