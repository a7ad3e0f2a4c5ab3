use crate::prelude::*;

/// Flags RDS clusters whose storage is not encrypted.
pub(crate) struct ClusterStorageUnencrypted;

impl TypedRule for ClusterStorageUnencrypted {
    type Config = aws::RdsCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::RdsCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.storage_encrypted, "storage_encrypted")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("RDS cluster `{}` storage is not encrypted", r.name),
                "config.storage_encrypted",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.cluster_storage_unencrypted",
    title: "RDS cluster storage is not encrypted",
    severity: Severity::High,
    severity_rationale: "The cluster's volume, automated backups and snapshots all stay unencrypted, and encryption can \
        only be added by restoring into a new cluster.",
    service: "rds",
    description: "Checks that the DB cluster (Aurora, Multi-AZ DB cluster, DocumentDB, Neptune) has storage encryption.",
    risk: "Database contents and every backup are stored in the clear, failing encryption-at-rest requirements.",
    remediation: Remediation {
        summary: "Snapshot the cluster, copy the snapshot with encryption, restore a new encrypted cluster, and switch over.",
        cli: "aws rds create-db-cluster-snapshot --region {region} --db-cluster-identifier {config.identifier} --db-cluster-snapshot-identifier {config.identifier}-pre-enc\n\
              aws rds copy-db-cluster-snapshot --region {region} --source-db-cluster-snapshot-identifier {config.identifier}-pre-enc --target-db-cluster-snapshot-identifier {config.identifier}-enc --kms-key-id alias/aws/rds\n\
              aws rds restore-db-cluster-from-snapshot --region {region} --db-cluster-identifier {config.identifier}-encrypted --snapshot-identifier {config.identifier}-enc --engine {config.engine}",
        terraform: "resource \"aws_rds_cluster\" \"{name}\" {\n  # …\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}",
        console: "RDS console → Snapshots → take a cluster snapshot → Copy snapshot with encryption → Restore snapshot → new \
            cluster; repoint applications.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Needs a migration to a new cluster with a cutover window and endpoint changes.",
    permissions: &["rds:DescribeDBClusters"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html",
    ],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"identifier": "c", "storage_encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted",
            r#"{"config": {"identifier": "c", "storage_encrypted": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"identifier": "c"}}"#),
    ],
};
