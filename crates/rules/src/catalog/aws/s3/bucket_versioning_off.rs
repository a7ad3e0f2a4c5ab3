use crate::prelude::*;

/// Flags buckets where versioning is not enabled.
pub(crate) struct BucketVersioningOff;

impl TypedRule for BucketVersioningOff {
    type Config = aws::S3Bucket;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        b: &aws::S3Bucket,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = need(&b.versioning, "versioning")?;
        if v.status.eq_ignore_ascii_case("Enabled") {
            return Ok(Verdict::Pass);
        }
        let state = if v.status.is_empty() {
            "Off"
        } else {
            v.status.as_str()
        };
        Ok(Verdict::fail(
            format!("Bucket `{}` versioning is {state}", r.name),
            "config.versioning.status",
            json!(v.status),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_versioning_off",
    title: "S3 bucket versioning is off or suspended",
    severity: Severity::Medium,
    severity_rationale: "Without versions, an overwrite or delete (by mistake, a bug or ransomware) is final; \
        it causes data loss rather than exposure, so Medium.",
    service: "s3",
    description: "Checks that versioning is `Enabled` on the bucket; `Suspended` and never-enabled buckets \
        fail.",
    risk: "Deleted or overwritten objects cannot be recovered, and an attacker with write access can destroy \
        data irreversibly.",
    remediation: Remediation {
        summary: "Enable versioning, with a lifecycle rule that expires noncurrent versions to bound cost.",
        cli: "aws s3api put-bucket-versioning --bucket {name} --versioning-configuration Status=Enabled",
        terraform: "resource \"aws_s3_bucket_versioning\" \"{name}\" {\n  bucket = \"{name}\"\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}",
        console: "S3 console → Buckets → {name} → Properties → Bucket Versioning → Edit → Enable → Save changes.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Cannot be undone (only suspended), and for buckets with frequent overwrites storage \
        cost grows until a noncurrent-version lifecycle rule is in place.",
    permissions: &["s3:GetBucketVersioning"],
    references: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"],
    cases: &[
        Case::pass(
            "enabled",
            r#"{"config": {"versioning": {"status": "Enabled", "mfa_delete": false}}}"#,
        ),
        Case::fail(
            "suspended",
            r#"{"config": {"versioning": {"status": "Suspended"}}}"#,
        ),
        Case::fail(
            "never enabled",
            r#"{"config": {"versioning": {"status": "Off"}}}"#,
        ),
        Case::unknown(
            "versioning read throttled",
            r#"{"config": {}, "gaps": [{"field": "versioning", "api": "s3:GetBucketVersioning", "reason": "throttled"}]}"#,
        ),
    ],
};
