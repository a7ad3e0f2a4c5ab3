use crate::prelude::*;

/// Flags buckets where ACLs still take effect (object ownership not `BucketOwnerEnforced`).
pub(crate) struct BucketAclsEnabled;

impl TypedRule for BucketAclsEnabled {
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
        let ownership = need(&b.object_ownership, "object_ownership")?;
        Ok(Verdict::check(
            ownership.eq_ignore_ascii_case("BucketOwnerEnforced"),
            || {
                Verdict::fail(
                    format!(
                        "Bucket `{}` still honours ACLs (object ownership `{ownership}`)",
                        r.name
                    ),
                    "config.object_ownership",
                    json!(ownership),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_acls_enabled",
    title: "S3 bucket ACLs are enabled (object ownership not enforced)",
    severity: Severity::Low,
    severity_rationale: "ACLs are a second, easily overlooked access-control system; a grant must still be made \
        for data to be exposed, so Low.",
    service: "s3",
    description: "Checks that the bucket's object ownership setting is `BucketOwnerEnforced`, which disables ACLs \
        so that only policies decide access and the bucket owner owns every object. `BucketOwnerPreferred` and \
        `ObjectWriter` (the setting of buckets without ownership controls) fail.",
    risk: "Objects uploaded by other accounts stay owned by them, and per-object ACL grants (including public ones) \
        bypass policy reviews.",
    remediation: Remediation {
        summary: "Set object ownership to BucketOwnerEnforced after moving any needed ACL grants into the bucket policy.",
        cli: "aws s3api put-bucket-ownership-controls --bucket {name} --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
        terraform: "resource \"aws_s3_bucket_ownership_controls\" \"{name}\" {\n  bucket = \"{name}\"\n  rule {\n    object_ownership = \"BucketOwnerEnforced\"\n  }\n}",
        console: "S3 console → Buckets → {name} → Permissions → Object Ownership → Edit: ACLs disabled (recommended).",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Access granted only through ACLs (log delivery to old-style targets, cross-account writers) \
        stops until it is re-granted in the bucket policy.",
    permissions: &["s3:GetBucketOwnershipControls"],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
    ],
    cases: &[
        Case::pass(
            "ACLs disabled",
            r#"{"config": {"object_ownership": "BucketOwnerEnforced"}}"#,
        ),
        Case::fail(
            "owner preferred",
            r#"{"config": {"object_ownership": "BucketOwnerPreferred"}}"#,
        ),
        Case::fail(
            "no ownership controls (object writer)",
            r#"{"config": {"object_ownership": "ObjectWriter"}}"#,
        ),
        Case::unknown("not read", r#"{"config": {}}"#),
    ],
};
