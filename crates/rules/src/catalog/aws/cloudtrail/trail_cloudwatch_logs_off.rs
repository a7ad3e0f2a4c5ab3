use crate::prelude::*;

/// Flags trails that do not deliver to CloudWatch Logs.
pub(crate) struct TrailCloudwatchLogsOff;

impl TypedRule for TrailCloudwatchLogsOff {
    type Config = aws::CloudTrailTrail;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        t: &aws::CloudTrailTrail,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let group = need(&t.cloudwatch_log_group_arn, "cloudwatch_log_group_arn")?;
        Ok(Verdict::check(!group.trim().is_empty(), || {
            Verdict::fail(
                format!(
                    "CloudTrail trail `{}` does not send events to CloudWatch Logs",
                    r.name
                ),
                "config.cloudwatch_log_group_arn",
                json!(group),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.trail_cloudwatch_logs_off",
    title: "CloudTrail trail does not deliver to CloudWatch Logs",
    severity: Severity::Low,
    severity_rationale: "Events are still kept in S3; what is lost is near-real-time alerting (root use, policy \
        changes) through metric filters. Other detection (EventBridge, a SIEM) may cover it.",
    service: "cloudtrail",
    description: "Checks that the trail has a CloudWatch Logs log group configured, which the metric filters and \
        alarms of the monitoring recommendations (root use, unauthorized calls, IAM and network changes) depend on.",
    risk: "Suspicious API activity is only found when someone searches the S3 archive, usually long after the fact.",
    remediation: Remediation {
        summary: "Send the trail to a CloudWatch Logs log group (with a role CloudTrail can assume), then add metric \
            filters and alarms.",
        cli: "aws logs create-log-group --region {region} --log-group-name cloudtrail/{config.trail_name}\n\
              aws cloudtrail update-trail --region {region} --name {config.trail_name} \
              --cloud-watch-logs-log-group-arn arn:aws:logs:{region}:{account}:log-group:cloudtrail/{config.trail_name}:* \
              --cloud-watch-logs-role-arn arn:aws:iam::{account}:role/CloudTrail_CloudWatchLogs_Role",
        terraform: "resource \"aws_cloudtrail\" \"{name}\" {\n  # …\n  cloud_watch_logs_group_arn = \"${aws_cloudwatch_log_group.trail.arn}:*\"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cwl.arn\n}",
        console: "CloudTrail console → Trails → {config.trail_name} → CloudWatch Logs → Edit: Enabled, choose or create a \
            log group and IAM role.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds a delivery destination; CloudWatch Logs ingestion costs apply.",
    permissions: &["cloudtrail:DescribeTrails"],
    references: &[
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
    ],
    cases: &[
        Case::pass(
            "integrated",
            r#"{"config": {"trail_name": "main", "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:cloudtrail:*"}}"#,
        ),
        Case::fail(
            "not integrated",
            r#"{"config": {"trail_name": "main", "cloudwatch_log_group_arn": ""}}"#,
        ),
        Case::unknown("not recorded", r#"{"config": {"trail_name": "main"}}"#),
    ],
};
