use crate::prelude::*;

/// Minimum automated-backup retention, in days.
const MIN_RETENTION_DAYS: i32 = 7;

/// Flags RDS instances with automated backups off or kept for less than a week.
pub(crate) struct InstanceBackupsInsufficient;

impl TypedRule for InstanceBackupsInsufficient {
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
        // Aurora members take their backups from the cluster.
        if db
            .cluster_identifier
            .as_deref()
            .is_some_and(|c| !c.is_empty())
        {
            return Ok(Verdict::NotApplicable(
                "backups are configured on the Aurora cluster".into(),
            ));
        }
        let days = *need(&db.backup_retention_days, "backup_retention_days")?;
        if days >= MIN_RETENTION_DAYS {
            return Ok(Verdict::Pass);
        }
        let message = if days <= 0 {
            format!("RDS instance `{}` has automated backups turned off", r.name)
        } else {
            format!(
                "RDS instance `{}` keeps automated backups for only {days} day{} (minimum {MIN_RETENTION_DAYS})",
                r.name,
                if days == 1 { "" } else { "s" }
            )
        };
        Ok(Verdict::fail(
            message,
            "config.backup_retention_days",
            json!(days),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_backups_insufficient",
    title: "RDS instance automated backups are off or kept under 7 days",
    severity: Severity::Medium,
    severity_rationale: "Affects recoverability rather than confidentiality; losing a database without \
        point-in-time recovery is severe but needs a second failure or attack.",
    service: "rds",
    description: "Checks that automated backups are on with a retention period of at least 7 days. Aurora \
        cluster members are not applicable (their retention is a cluster setting).",
    risk: "Corruption, a bad migration or a destructive attacker cannot be rolled back beyond the short window, \
        or at all when backups are off.",
    remediation: Remediation {
        summary: "Set the backup retention period to 7 days or more.",
        cli: "aws rds modify-db-instance --region {region} --db-instance-identifier {config.identifier} --backup-retention-period 7 --apply-immediately",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  backup_retention_period = 7\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Additional configuration → Backup → \
            Backup retention period: 7 days or more → Continue → Apply immediately.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Turning backups on from 0 causes an immediate outage on some engines while the first \
        backup is taken; raising an existing period is harmless.",
    permissions: &["rds:DescribeDBInstances"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
    ],
    cases: &[
        Case::pass(
            "14 days",
            r#"{"config": {"identifier": "db1", "backup_retention_days": 14}}"#,
        ),
        Case::pass(
            "exactly 7 days",
            r#"{"config": {"identifier": "db1", "backup_retention_days": 7}}"#,
        ),
        Case::fail(
            "backups off",
            r#"{"config": {"identifier": "db1", "backup_retention_days": 0}}"#,
        ),
        Case::fail(
            "only 1 day",
            r#"{"config": {"identifier": "db1", "backup_retention_days": 1}}"#,
        ),
        Case::not_applicable(
            "Aurora member (cluster holds the setting)",
            r#"{"config": {"identifier": "db1", "cluster_identifier": "aurora-1", "backup_retention_days": 1}}"#,
        ),
        Case::unknown(
            "retention not collected",
            r#"{"config": {"identifier": "db1"}}"#,
        ),
    ],
};
