use crate::prelude::*;

/// Flags buckets without server access logging.
pub(crate) struct BucketAccessLoggingOff;

impl TypedRule for BucketAccessLoggingOff {
    type Config = aws::S3Bucket;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        b: &aws::S3Bucket,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let logging = need(&b.logging, "logging")?;
        if logging
            .target_bucket
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty())
        {
            return Ok(Verdict::Pass);
        }
        // A bucket that receives other buckets' access logs should not log into itself or into a
        // chain of log buckets; it is out of scope for this rule.
        let targets = cx.memo(META.id, |index| {
            index
                .of_kind(Kind::AwsS3Bucket)
                .filter_map(|o| match &o.config {
                    posture_model::Config::AwsS3Bucket(c) => c
                        .logging
                        .as_ref()
                        .and_then(|l| l.target_bucket.clone())
                        .map(|t| (o.account.clone(), t)),
                    _ => None,
                })
                .collect::<std::collections::HashSet<(String, String)>>()
        });
        let is_log_target = targets.contains(&(r.account.clone(), r.name.clone()));
        if is_log_target {
            return Ok(Verdict::NotApplicable(
                "bucket is the access-log destination of other buckets".into(),
            ));
        }
        Ok(Verdict::fail(
            format!("Bucket `{}` has server access logging off", r.name),
            "config.logging.target_bucket",
            json!(logging.target_bucket),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_access_logging_off",
    title: "S3 bucket server access logging is off",
    severity: Severity::Low,
    severity_rationale: "It does not expose anything; it limits investigation after an incident, and \
        CloudTrail data events can cover the same need.",
    service: "s3",
    description: "Checks that server access logging delivers the bucket's request log to a target bucket. \
        Buckets that are themselves the log destination of other buckets in the account are not applicable.",
    risk: "Without request logs, reads and deletions by a leaked credential or a public grant cannot be \
        reconstructed.",
    remediation: Remediation {
        summary: "Enable server access logging to a dedicated log bucket in the same region and account.",
        cli: "aws s3api put-bucket-logging --bucket {name} --bucket-logging-status \
              '{\"LoggingEnabled\":{\"TargetBucket\":\"<log-bucket>\",\"TargetPrefix\":\"{name}/\"}}'",
        terraform: "resource \"aws_s3_bucket_logging\" \"{name}\" {\n  bucket        = \"{name}\"\n  target_bucket = \"<log-bucket>\"\n  target_prefix = \"{name}/\"\n}",
        console: "S3 console → Buckets → {name} → Properties → Server access logging → Edit → Enable, choose the \
            destination bucket and prefix → Save changes.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds log delivery; requests to the bucket are unaffected (the destination bucket \
        must exist and allow the logging service).",
    permissions: &["s3:GetBucketLogging"],
    references: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"],
    cases: &[
        Case::pass(
            "logging to a log bucket",
            r#"{"config": {"logging": {"target_bucket": "acme-s3-logs", "target_prefix": "data/"}}}"#,
        ),
        Case::fail("logging off", r#"{"config": {"logging": {"target_bucket": null}}}"#),
        Case::fail("empty target", r#"{"config": {"logging": {"target_bucket": ""}}}"#),
        Case::not_applicable(
            "the log bucket itself",
            r#"{"name": "acme-s3-logs", "config": {"logging": {}}}"#,
        )
        .with(&[r#"{"kind": "aws.s3.bucket", "name": "data", "config": {"logging": {"target_bucket": "acme-s3-logs"}}}"#]),
        Case::unknown(
            "logging status not collected",
            r#"{"config": {}, "gaps": [{"field": "logging", "reason": "not_collected"}]}"#,
        ),
    ],
};
