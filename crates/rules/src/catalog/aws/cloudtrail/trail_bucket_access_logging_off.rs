use posture_model::Typed;

use crate::prelude::*;

/// Flags trails whose destination bucket has no server access logging.
pub(crate) struct TrailBucketAccessLoggingOff;

impl TypedRule for TrailBucketAccessLoggingOff {
    type Config = aws::CloudTrailTrail;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        t: &aws::CloudTrailTrail,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let bucket = need(&t.s3_bucket_name, "s3_bucket_name")?;
        let partition = r
            .uid
            .split(':')
            .nth(1)
            .filter(|p| p.starts_with("aws"))
            .unwrap_or("aws");
        let uid = format!("arn:{partition}:s3:::{bucket}");
        let Some(b) = cx
            .index
            .get(&uid)
            .and_then(|b| aws::S3Bucket::from_config(&b.config))
        else {
            return Ok(Verdict::Unknown(
                format!("trail bucket `{bucket}` is not in the inventory (it may belong to another account)").into(),
            ));
        };
        let Some(logging) = &b.logging else {
            return Ok(Verdict::Unknown(
                format!("access logging of trail bucket `{bucket}` was not observed").into(),
            ));
        };
        let on = logging
            .target_bucket
            .as_deref()
            .is_some_and(|x| !x.is_empty());
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Trail `{}` delivers to bucket `{bucket}`, which has no server access logging",
                    t.trail_name
                ),
                "bucket.logging",
                json!({"bucket": bucket, "logging": logging}),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.trail_bucket_access_logging_off",
    title: "CloudTrail log bucket has no server access logging",
    severity: Severity::Low,
    severity_rationale: "Access logging on the trail bucket records who read or deleted audit logs; it is a second \
        line of evidence, not a control.",
    service: "cloudtrail",
    description: "Cross-resource check: looks up the trail's destination bucket in the inventory and checks that it \
        has server access logging. A bucket outside the inventory (another account) or with unobserved logging is \
        Unknown.",
    risk: "Reads and deletions of the audit logs themselves (an attacker covering tracks) leave no record.",
    remediation: Remediation {
        summary: "Enable server access logging on the trail bucket, to a separate log bucket.",
        cli: "aws s3api put-bucket-logging --bucket {config.s3_bucket_name} \\\n  --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<access-log-bucket>\",\"TargetPrefix\":\"{config.s3_bucket_name}/\"}}'",
        terraform: "resource \"aws_s3_bucket_logging\" \"{name}_trail\" {\n  bucket        = \"{config.s3_bucket_name}\"\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = \"{config.s3_bucket_name}/\"\n}",
        console: "S3 console → {config.s3_bucket_name} → Properties → Server access logging → Edit → Enable → target bucket.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds logging only (the target bucket must allow the logging service).",
    permissions: &["cloudtrail:DescribeTrails", "s3:GetBucketLogging"],
    references: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"],
    cases: &[
        Case::pass("bucket logs", r#"{"uid": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "config": {"trail_name": "main", "s3_bucket_name": "trail-logs"}}"#).with(&[
            r#"{"kind": "aws.s3.bucket", "uid": "arn:aws:s3:::trail-logs", "config": {"logging": {"target_bucket": "access-logs", "target_prefix": "trail/"}}}"#,
        ]),
        Case::fail("bucket does not log", r#"{"uid": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "config": {"trail_name": "main", "s3_bucket_name": "trail-logs"}}"#).with(&[
            r#"{"kind": "aws.s3.bucket", "uid": "arn:aws:s3:::trail-logs", "config": {"logging": {}}}"#,
        ]),
        Case::unknown("near miss: another bucket logs, the trail bucket is elsewhere", r#"{"uid": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "config": {"trail_name": "main", "s3_bucket_name": "central-trail-logs"}}"#).with(&[
            r#"{"kind": "aws.s3.bucket", "uid": "arn:aws:s3:::trail-logs", "config": {"logging": {"target_bucket": "access-logs"}}}"#,
        ]),
        Case::unknown("bucket logging not observed", r#"{"uid": "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "config": {"trail_name": "main", "s3_bucket_name": "trail-logs"}}"#).with(&[
            r#"{"kind": "aws.s3.bucket", "uid": "arn:aws:s3:::trail-logs", "config": {}}"#,
        ]),
        Case::unknown("destination not observed", r#"{"config": {"trail_name": "main"}}"#),
    ],
};
