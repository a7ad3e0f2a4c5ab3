use crate::prelude::*;

/// Flags RDS clusters keeping automated backups for less than seven days.
pub(crate) struct ClusterBackupsInsufficient;

const MIN_RETENTION_DAYS: i32 = 7;

impl TypedRule for ClusterBackupsInsufficient {
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
        let days = *need(&c.backup_retention_days, "backup_retention_days")?;
        Ok(Verdict::check(days >= MIN_RETENTION_DAYS, || {
            Verdict::fail(
                format!(
                    "RDS cluster `{}` keeps automated backups for {days} day(s)",
                    r.name
                ),
                "config.backup_retention_days",
                json!(days),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.cluster_backups_insufficient",
    title: "RDS cluster keeps automated backups for less than 7 days",
    severity: Severity::Medium,
    severity_rationale: "Corruption or malicious changes noticed after the retention window cannot be rolled back; a \
        week is the usual minimum to catch problems found over a weekend.",
    service: "rds",
    description: "Checks that the DB cluster's automated backup retention is at least 7 days (clusters always keep at \
        least one day).",
    risk: "Point-in-time restore cannot reach back before a bad migration or ransomware discovered a few days late.",
    remediation: Remediation {
        summary: "Raise the backup retention period to 7 days or more.",
        cli: "aws rds modify-db-cluster --region {region} --db-cluster-identifier {config.identifier} --backup-retention-period 14 --apply-immediately",
        terraform: "resource \"aws_rds_cluster\" \"{name}\" {\n  # …\n  backup_retention_period = 14\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Backup retention period → 14 days → Apply immediately.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "No downtime; backup storage beyond the cluster size is billed.",
    permissions: &["rds:DescribeDBClusters"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html",
    ],
    cases: &[
        Case::pass(
            "14 days",
            r#"{"config": {"identifier": "c", "backup_retention_days": 14}}"#,
        ),
        Case::pass(
            "near miss: exactly 7",
            r#"{"config": {"identifier": "c", "backup_retention_days": 7}}"#,
        ),
        Case::fail(
            "1 day",
            r#"{"config": {"identifier": "c", "backup_retention_days": 1}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"identifier": "c"}}"#),
    ],
};
