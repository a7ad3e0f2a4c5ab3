use crate::prelude::*;

/// Flags RDS instances whose storage is not encrypted at rest.
pub(crate) struct InstanceStorageUnencrypted;

impl TypedRule for InstanceStorageUnencrypted {
    type Config = aws::RdsDbInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        db: &aws::RdsDbInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let encrypted = *need(&db.storage_encrypted, "storage_encrypted")?;
        Ok(Verdict::check(encrypted, || {
            Verdict::fail(
                format!("RDS instance `{}` stores data unencrypted", r.name),
                "config.storage_encrypted",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_storage_unencrypted",
    title: "RDS instance storage is not encrypted",
    severity: Severity::Medium,
    severity_rationale: "Databases usually hold the most sensitive data, but encryption at rest only helps \
        against access to the underlying storage, snapshots or media, not against database logins.",
    service: "rds",
    description: "Checks that storage encryption is on for the DB instance (which also covers its automated \
        backups, read replicas and snapshots).",
    risk: "Snapshots can be shared or copied without a key gate, and unencrypted storage fails most data \
        protection requirements.",
    remediation: Remediation {
        summary: "Encryption cannot be switched on in place: snapshot, copy the snapshot with a KMS key, restore, \
            then cut over.",
        cli: "aws rds create-db-snapshot --region {region} --db-instance-identifier {config.identifier} --db-snapshot-identifier {config.identifier}-pre-encrypt\n\
              aws rds copy-db-snapshot --region {region} --source-db-snapshot-identifier {config.identifier}-pre-encrypt \
              --target-db-snapshot-identifier {config.identifier}-encrypted --kms-key-id alias/aws/rds\n\
              aws rds restore-db-instance-from-db-snapshot --region {region} --db-instance-identifier {config.identifier}-enc \
              --db-snapshot-identifier {config.identifier}-encrypted",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}\n# Changing this forces a new instance: restore from an encrypted snapshot copy first.",
        console: "RDS console → Snapshots → take a snapshot of {config.identifier} → Actions → Copy snapshot → \
            enable encryption with a KMS key → Restore the copy → repoint applications → delete the old instance.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Requires a new instance restored from an encrypted copy and an application cut-over.",
    permissions: &["rds:DescribeDBInstances"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
    ],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"identifier": "db1", "storage_encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted",
            r#"{"config": {"identifier": "db1", "storage_encrypted": false}}"#,
        ),
        Case::unknown("not in export", r#"{"config": {"identifier": "db1"}}"#),
    ],
};
