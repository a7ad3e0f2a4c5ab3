use super::data_events::account_verdict;
use crate::prelude::*;

/// Flags accounts in which no logging trail records S3 object-level write events for all buckets.
pub(crate) struct AccountS3WriteDataEventsOff;

impl TypedRule for AccountS3WriteDataEventsOff {
    type Config = aws::IamAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _a: &aws::IamAccount,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        Ok(account_verdict(r, cx, true))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.account_s3_write_data_events_off",
    title: "No trail records S3 object-level write events",
    severity: Severity::Medium,
    severity_rationale: "Without object-level write events nobody can tell who uploaded, overwrote or deleted which object, which matters most for tampering and ransomware investigations.",
    service: "cloudtrail",
    description: "Account-level check (evaluated on the account's `aws.iam.account` resource). Passes when a logging \
        trail of the account records S3 object-level (data) write events for every bucket: a basic event selector \
        with `AWS::S3::Object` for all buckets and read/write type `All` or `WriteOnly`, or an advanced selector on \
        `eventCategory` = `Data` and `resources.type` = `AWS::S3::Object` without narrowing ARNs, event names \
        or the opposite `readOnly` value. Unobserved event selectors or trail status make the result Unknown, \
        as does another account's organization trail that may record the events (membership is not observed).",
    risk: "Deletions, overwrites and uploads of objects (including ransomware encryption) leave no record of who made them.",
    remediation: Remediation {
        summary: "Add S3 data events for all buckets to the account's multi-region trail.",
        cli: "aws cloudtrail put-event-selectors --region <trail-home-region> --trail-name <trail> --advanced-event-selectors \\\n  '[{\"Name\":\"Management\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]},{\"Name\":\"S3 data\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]}]}]'",
        terraform: "resource \"aws_cloudtrail\" \"account\" {\n  # …\n  event_selector {\n    read_write_type           = \"All\"\n    include_management_events = true\n    data_resource {\n      type   = \"AWS::S3::Object\"\n      values = [\"arn:aws:s3\"]\n    }\n  }\n}",
        console: "CloudTrail console → Trails → the multi-region trail → Data events → Edit → Add data event type S3 → \
            Log all events (or write events) for all current and future buckets.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Recording only; data events are billed per event and can be costly on busy buckets.",
    permissions: &["cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors", "cloudtrail:GetTrailStatus"],
    references: &["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html"],
    cases: &[
        Case::pass("basic selector for all buckets", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_logging": true, "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": [{"resource_type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}], "advanced_event_selectors": []}}"#,
        ]),
        Case::pass("advanced selector for all buckets", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_logging": true, "event_selectors": [], "advanced_event_selectors": [{"name": "s3", "field_selectors": [{"field": "eventCategory", "equals": ["Data"]}, {"field": "resources.type", "equals": ["AWS::S3::Object"]}]}]}}"#,
        ]),
        Case::fail("near miss: data events for one bucket only", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_logging": true, "event_selectors": [{"read_write_type": "All", "data_resources": [{"resource_type": "AWS::S3::Object", "values": ["arn:aws:s3:::one-bucket/"]}]}], "advanced_event_selectors": []}}"#,
        ]),
        Case::fail("management events only", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_logging": true, "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
        ]),
        Case::unknown("selectors not observed", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_logging": true}}"#,
        ]),
        Case::unknown("only another account's organization trail records them", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "local", "is_logging": true, "event_selectors": [], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.cloudtrail.trail", "account": "999999999999", "config": {"trail_name": "org", "is_logging": true, "is_organization_trail": true, "event_selectors": [{"read_write_type": "All", "data_resources": [{"resource_type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}], "advanced_event_selectors": []}}"#,
        ]),
        Case::unknown("no trail observed", r#"{"region": "global", "config": {}}"#),
    ],
};
