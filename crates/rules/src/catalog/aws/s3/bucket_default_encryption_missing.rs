use crate::prelude::*;

/// Flags buckets without a default server-side encryption configuration.
pub(crate) struct BucketDefaultEncryptionMissing;

impl TypedRule for BucketDefaultEncryptionMissing {
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
        let enc = need(&b.encryption, "encryption")?;
        match enc.algorithm.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => Ok(Verdict::Pass),
            _ => Ok(Verdict::fail(
                format!("Bucket `{}` has no default encryption configured", r.name),
                "config.encryption.algorithm",
                json!(enc.algorithm),
            )),
        }
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_default_encryption_missing",
    title: "S3 bucket has no default encryption",
    severity: Severity::Low,
    severity_rationale: "Encryption at rest protects against storage-media and some insider scenarios, not \
        against API access; S3 also encrypts new objects by default since 2023, so a missing setting \
        mostly marks old objects and old configuration.",
    service: "s3",
    description: "Checks that the bucket has a default server-side encryption rule (SSE-S3, SSE-KMS or \
        DSSE-KMS).",
    risk: "Objects uploaded without an encryption header may be stored unencrypted, which breaks \
        encryption-at-rest requirements of most compliance regimes.",
    remediation: Remediation {
        summary: "Set a default encryption rule (SSE-KMS with a customer key where key control matters).",
        cli: "aws s3api put-bucket-encryption --bucket {name} --server-side-encryption-configuration \
              '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\"},\"BucketKeyEnabled\":true}]}'",
        terraform: "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"{name}\" {\n  bucket = \"{name}\"\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n    }\n    bucket_key_enabled = true\n  }\n}",
        console: "S3 console → Buckets → {name} → Properties → Default encryption → Edit → choose SSE-S3 or \
            SSE-KMS → Save changes.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only affects objects written afterwards and is transparent to authorized readers \
        (with SSE-KMS, readers also need kms:Decrypt, so prefer SSE-S3 for an automatic fix).",
    permissions: &["s3:GetEncryptionConfiguration"],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
    ],
    cases: &[
        Case::pass(
            "SSE-KMS default",
            r#"{"config": {"encryption": {"algorithm": "aws:kms", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/abc", "bucket_key_enabled": true}}}"#,
        ),
        Case::pass(
            "SSE-S3 default",
            r#"{"config": {"encryption": {"algorithm": "AES256"}}}"#,
        ),
        Case::fail(
            "no default encryption rule",
            r#"{"config": {"encryption": {"algorithm": null}}}"#,
        ),
        Case::fail(
            "blank algorithm",
            r#"{"config": {"encryption": {"algorithm": " "}}}"#,
        ),
        Case::unknown(
            "encryption configuration not collected",
            r#"{"config": {}, "gaps": [{"field": "encryption", "reason": "not_in_source"}]}"#,
        ),
    ],
};
