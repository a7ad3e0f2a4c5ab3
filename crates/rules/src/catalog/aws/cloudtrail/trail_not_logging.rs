use crate::prelude::*;

/// Flags trails whose logging is stopped.
pub(crate) struct TrailNotLogging;

impl TypedRule for TrailNotLogging {
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
        let logging = *need(&t.is_logging, "is_logging")?;
        Ok(Verdict::check(logging, || {
            Verdict::fail(
                format!("CloudTrail trail `{}` exists but is not logging", r.name),
                "config.is_logging",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.trail_not_logging",
    title: "CloudTrail trail is not logging",
    severity: Severity::High,
    severity_rationale: "A stopped trail records nothing while looking configured; stopping logging is also a \
        classic first step of an intruder covering their tracks.",
    service: "cloudtrail",
    description: "Checks the trail's logging status (`GetTrailStatus` → `IsLogging`). The status is not part of \
        the trail's configuration in every export; when it was not observed the result is Unknown.",
    risk: "API activity, including an attacker's, goes unrecorded; investigations and alerts built on the trail \
        see nothing.",
    remediation: Remediation {
        summary: "Start logging, and find out who stopped it (CloudTrail `StopLogging` event).",
        cli: "aws cloudtrail start-logging --region {region} --name {config.trail_name}\n\
              aws cloudtrail lookup-events --region {region} --lookup-attributes AttributeKey=EventName,AttributeValue=StopLogging",
        terraform: "resource \"aws_cloudtrail\" \"{name}\" {\n  # …\n  enable_logging = true\n}",
        console: "CloudTrail console → Trails → {config.trail_name} → Logging: On.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only resumes recording; storage costs resume too.",
    permissions: &["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
    references: &[
        "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html",
    ],
    cases: &[
        Case::pass(
            "logging",
            r#"{"config": {"trail_name": "main", "is_logging": true}}"#,
        ),
        Case::fail(
            "stopped",
            r#"{"config": {"trail_name": "main", "is_logging": false}}"#,
        ),
        Case::unknown(
            "status not in the export",
            r#"{"config": {"trail_name": "main"}, "gaps": [{"field": "is_logging", "api": "cloudtrail:GetTrailStatus", "reason": "not_in_source"}]}"#,
        ),
    ],
};
