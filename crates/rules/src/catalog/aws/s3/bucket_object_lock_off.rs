use std::collections::BTreeSet;

use posture_model::Typed;

use crate::prelude::*;

/// Flags CloudTrail log buckets without S3 Object Lock.
pub(crate) struct BucketObjectLockOff;

impl TypedRule for BucketObjectLockOff {
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
        // Buckets that receive CloudTrail logs, from every trail in the inventory.
        let trail_buckets = cx.memo(META.id, |ix| {
            ix.of_kind(Kind::AwsCloudTrailTrail)
                .filter_map(|t| aws::CloudTrailTrail::from_config(&t.config))
                .filter_map(|t| t.s3_bucket_name.clone())
                .collect::<BTreeSet<String>>()
        });
        if !trail_buckets.contains(&r.name) {
            return Ok(Verdict::NotApplicable(
                "not the destination of a CloudTrail trail in the inventory".into(),
            ));
        }
        let on = *need(&b.object_lock_enabled, "object_lock_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("CloudTrail log bucket `{}` has no Object Lock", r.name),
                "config.object_lock_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_object_lock_off",
    title: "CloudTrail log bucket has no S3 Object Lock",
    severity: Severity::Low,
    severity_rationale: "Log file validation already reveals tampering; Object Lock additionally prevents deletion by \
        someone with write access to the bucket, which keeps the evidence rather than only proving it was changed.",
    service: "s3",
    description: "Cross-resource check: for buckets that are the destination of a CloudTrail trail in the inventory, \
        checks that S3 Object Lock is enabled (so retention can make log objects undeletable for a period). Other \
        buckets are not applicable.",
    risk: "An intruder with access to the log bucket deletes the audit trail of their own actions.",
    remediation: Remediation {
        summary: "Enable Object Lock on the bucket (possible on existing buckets with versioning) and set a default \
            retention in governance or compliance mode.",
        cli: "aws s3api put-object-lock-configuration --bucket {name} \\\n  --object-lock-configuration '{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"GOVERNANCE\",\"Days\":365}}}'",
        terraform: "resource \"aws_s3_bucket_object_lock_configuration\" \"{name}\" {\n  bucket = \"{name}\"\n  rule {\n    default_retention {\n      mode = \"GOVERNANCE\"\n      days = 365\n    }\n  }\n}",
        console: "S3 console → {name} → Properties → Object Lock → Edit → Enable → default retention (governance, 365 days).",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Locked objects cannot be deleted before retention ends (in compliance mode not even by the root \
        user), which also blocks lifecycle expiry and clean-up.",
    permissions: &["s3:GetBucketObjectLockConfiguration", "cloudtrail:DescribeTrails"],
    references: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html"],
    cases: &[
        Case::pass("trail bucket with Object Lock", r#"{"name": "trail-logs", "config": {"object_lock_enabled": true}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "s3_bucket_name": "trail-logs"}}"#,
        ]),
        Case::fail("trail bucket without Object Lock", r#"{"name": "trail-logs", "config": {"object_lock_enabled": false}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "s3_bucket_name": "trail-logs"}}"#,
        ]),
        Case::not_applicable("near miss: an ordinary bucket without Object Lock", r#"{"name": "assets", "config": {"object_lock_enabled": false}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "s3_bucket_name": "trail-logs"}}"#,
        ]),
        Case::unknown("Object Lock not observed", r#"{"name": "trail-logs", "config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "s3_bucket_name": "trail-logs"}}"#,
        ]),
    ],
};
