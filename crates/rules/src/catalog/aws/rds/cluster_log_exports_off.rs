use crate::prelude::*;

/// Flags RDS clusters that export no database logs to CloudWatch Logs.
pub(crate) struct ClusterLogExportsOff;

impl TypedRule for ClusterLogExportsOff {
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
        let logs = need(&c.cloudwatch_logs_exports, "cloudwatch_logs_exports")?;
        Ok(Verdict::check(!logs.is_empty(), || {
            Verdict::fail(
                format!(
                    "RDS cluster `{}` exports no logs to CloudWatch Logs",
                    r.name
                ),
                "config.cloudwatch_logs_exports",
                json!(logs),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.cluster_log_exports_off",
    title: "RDS cluster exports no logs to CloudWatch Logs",
    severity: Severity::Low,
    severity_rationale: "Database logs are the record of failed logins and suspicious queries; without export they stay \
        on the instances for a short time only. Detection gap, not exposure.",
    service: "rds",
    description: "Checks that the DB cluster exports at least one log type (`postgresql`, `audit`, `error`, \
        `slowquery`, …) to CloudWatch Logs.",
    risk: "Brute-force logins and data-access anomalies inside the database are not retained or alertable.",
    remediation: Remediation {
        summary: "Export the engine's audit/error logs to CloudWatch Logs.",
        cli: "aws rds modify-db-cluster --region {region} --db-cluster-identifier {config.identifier} \\\n  --cloudwatch-logs-export-configuration '{\"EnableLogTypes\":[\"postgresql\"]}' --apply-immediately",
        terraform: "resource \"aws_rds_cluster\" \"{name}\" {\n  # …\n  enabled_cloudwatch_logs_exports = [\"postgresql\"] # or audit, error, slowquery for MySQL\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Log exports → tick the log types → Apply.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "No restart for Aurora; ingestion is billed. Audit logging for MySQL also needs a parameter change.",
    permissions: &["rds:DescribeDBClusters"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html",
    ],
    cases: &[
        Case::pass(
            "postgresql log exported",
            r#"{"config": {"identifier": "c", "cloudwatch_logs_exports": ["postgresql"]}}"#,
        ),
        Case::fail(
            "none",
            r#"{"config": {"identifier": "c", "cloudwatch_logs_exports": []}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"identifier": "c"}}"#),
    ],
};
