use crate::prelude::*;

/// Flags log groups that keep events for less than a year.
pub(crate) struct LogGroupRetentionShort;

const MIN_DAYS: i32 = 365;

impl TypedRule for LogGroupRetentionShort {
    type Config = aws::LogGroup;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        g: &aws::LogGroup,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let days = *need(&g.retention_days, "retention_days")?;
        // 0 = never expire.
        Ok(Verdict::check(days == 0 || days >= MIN_DAYS, || {
            Verdict::fail(
                format!("Log group `{}` keeps events for only {days} days", r.name),
                "config.retention_days",
                json!(days),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.logs.log_group_retention_short",
    title: "CloudWatch log group keeps events for less than a year",
    severity: Severity::Low,
    severity_rationale: "Short retention does not expose anything, but breaches are often found months later and the \
        logs needed to scope them are gone.",
    service: "logs",
    description: "Checks that the log group's retention is at least 365 days or that events never expire.",
    risk: "Investigations and audits lack the application and security logs from before the retention window.",
    remediation: Remediation {
        summary: "Set retention to 365 days or more (or archive to S3 before expiry).",
        cli: "aws logs put-retention-policy --region {region} --log-group-name {config.log_group_name} --retention-in-days 365",
        terraform: "resource \"aws_cloudwatch_log_group\" \"{name}\" {\n  name              = \"{config.log_group_name}\"\n  retention_in_days = 365\n}",
        console: "CloudWatch console → Log groups → {config.log_group_name} → Actions → Edit retention setting → 1 year.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Longer retention only keeps more data (storage is billed).",
    permissions: &["logs:DescribeLogGroups"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
    ],
    cases: &[
        Case::pass(
            "one year",
            r#"{"config": {"log_group_name": "g", "retention_days": 365}}"#,
        ),
        Case::pass(
            "near miss: never expires",
            r#"{"config": {"log_group_name": "g", "retention_days": 0}}"#,
        ),
        Case::fail(
            "two weeks",
            r#"{"config": {"log_group_name": "g", "retention_days": 14}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"log_group_name": "g"}}"#),
    ],
};
