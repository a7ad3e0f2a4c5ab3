use crate::prelude::*;

/// Flags trails whose log files are not encrypted with a KMS key.
pub(crate) struct TrailNotKmsEncrypted;

impl TypedRule for TrailNotKmsEncrypted {
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
        let key = need(&t.kms_key_id, "kms_key_id")?;
        Ok(Verdict::check(!key.trim().is_empty(), || {
            Verdict::fail(
                format!(
                    "Trail `{}` log files are not encrypted with a KMS key (SSE-S3 only)",
                    r.name
                ),
                "config.kms_key_id",
                json!(key),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.trail_not_kms_encrypted",
    title: "CloudTrail logs are not encrypted with a KMS key",
    severity: Severity::Low,
    severity_rationale: "Logs are still encrypted with S3-managed keys; a KMS key adds a second, separately \
        audited permission for reading them, which is defense in depth.",
    service: "cloudtrail",
    description: "Checks that the trail encrypts delivered log files with a customer-managed KMS key (SSE-KMS).",
    risk: "Anyone with read access to the log bucket can read the account's full API history, including \
        resource names and caller identities.",
    remediation: Remediation {
        summary: "Create a KMS key whose policy allows CloudTrail to encrypt and your auditors to decrypt, and \
            configure the trail to use it.",
        cli: "aws cloudtrail update-trail --region {region} --name {config.trail_name} --kms-key-id alias/cloudtrail",
        terraform: "resource \"aws_cloudtrail\" \"{name}\" {\n  # …\n  kms_key_id = aws_kms_key.cloudtrail.arn\n}",
        console: "CloudTrail console → Trails → {config.trail_name} → General details → Edit → Log file SSE-KMS \
            encryption: Enabled → choose or create a key → Save changes.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Log consumers (SIEM, Athena, auditors) that lack kms:Decrypt on the new key can no \
        longer read new log files; a wrong key policy stops delivery.",
    permissions: &["cloudtrail:DescribeTrails"],
    references: &[
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
    ],
    cases: &[
        Case::pass(
            "KMS key set",
            r#"{"config": {"trail_name": "main", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/abc"}}"#,
        ),
        Case::fail(
            "no key",
            r#"{"config": {"trail_name": "main", "kms_key_id": ""}}"#,
        ),
        Case::unknown(
            "key field not in export",
            r#"{"config": {"trail_name": "main"}}"#,
        ),
    ],
};
