use crate::prelude::*;

/// Flags unencrypted RDS snapshots.
pub(crate) struct SnapshotUnencrypted;

impl TypedRule for SnapshotUnencrypted {
    type Config = aws::RdsSnapshot;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::RdsSnapshot,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.encrypted, "encrypted")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("RDS snapshot `{}` is not encrypted", r.name),
                "config.encrypted",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.snapshot_unencrypted",
    title: "RDS snapshot is not encrypted",
    severity: Severity::Medium,
    severity_rationale: "An unencrypted snapshot can be made public or shared with any account in one call and carries \
        no key-based access control.",
    service: "rds",
    description: "Checks that the DB snapshot or DB cluster snapshot is encrypted.",
    risk: "Database copies are stored unencrypted and can leave the account without any key-based control.",
    remediation: Remediation {
        summary: "Copy the snapshot with a KMS key and delete the unencrypted original (and encrypt the source database).",
        cli: "aws rds copy-db-snapshot --region {region} --source-db-snapshot-identifier {config.identifier} --target-db-snapshot-identifier {config.identifier}-enc --kms-key-id alias/aws/rds\n\
              aws rds delete-db-snapshot --region {region} --db-snapshot-identifier {config.identifier}",
        terraform: "resource \"aws_db_snapshot_copy\" \"{name}\" {\n  source_db_snapshot_identifier = \"{config.identifier}\"\n  target_db_snapshot_identifier = \"{config.identifier}-enc\"\n  kms_key_id                    = aws_kms_key.rds.arn\n}",
        console: "RDS console → Snapshots → {config.identifier} → Actions → Copy snapshot → Enable encryption; then delete the original.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Restore procedures referencing the original snapshot must be updated before deleting it.",
    permissions: &["rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
    ],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"identifier": "s", "encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted",
            r#"{"config": {"identifier": "s", "encrypted": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"identifier": "s"}}"#),
    ],
};
