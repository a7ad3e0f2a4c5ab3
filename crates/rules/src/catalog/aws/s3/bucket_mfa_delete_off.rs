use crate::prelude::*;

/// Flags versioned buckets without MFA delete.
pub(crate) struct BucketMfaDeleteOff;

impl TypedRule for BucketMfaDeleteOff {
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
        if !v.status.eq_ignore_ascii_case("Enabled") {
            return Ok(Verdict::NotApplicable("versioning is not enabled".into()));
        }
        Ok(Verdict::check(v.mfa_delete, || {
            Verdict::fail(
                format!(
                    "Versioned bucket `{}` lets object versions be deleted without MFA",
                    r.name
                ),
                "config.versioning.mfa_delete",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_mfa_delete_off",
    title: "S3 bucket versioning is on but MFA delete is off",
    severity: Severity::Low,
    severity_rationale: "Versioning already keeps old versions; MFA delete only adds a second factor before they \
        can be purged, and it can only be managed by the root user, so it suits a few critical buckets.",
    service: "s3",
    description: "For buckets with versioning enabled, checks whether MFA delete is enabled. Buckets without \
        versioning are not applicable (see `aws.s3.bucket_versioning_off`). Object Lock is a more practical \
        alternative for most backup and log buckets.",
    risk: "A stolen credential with delete permissions can permanently remove every version of every object, \
        defeating versioning as a ransomware or sabotage safeguard.",
    remediation: Remediation {
        summary: "Enable MFA delete (root user with its MFA device), or protect the data with Object Lock instead.",
        cli: "# must run with the root user's credentials and MFA device:\n\
              aws s3api put-bucket-versioning --bucket {name} --versioning-configuration Status=Enabled,MFADelete=Enabled \
              --mfa 'arn:aws:iam::{account}:mfa/root-account-mfa-device <code>'",
        terraform: "resource \"aws_s3_bucket_versioning\" \"{name}\" {\n  bucket = \"{name}\"\n  mfa    = \"${var.root_mfa_serial} ${var.root_mfa_code}\"\n  versioning_configuration {\n    status     = \"Enabled\"\n    mfa_delete = \"Enabled\"\n  }\n}",
        console: "MFA delete cannot be enabled in the S3 console; use the CLI command as the root user, or enable \
            Object Lock on a new bucket (S3 console → Create bucket → Object Lock).",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Needs the root user's credentials and MFA device; afterwards every version deletion and \
        versioning change needs them too.",
    permissions: &["s3:GetBucketVersioning"],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html",
    ],
    cases: &[
        Case::pass(
            "MFA delete on",
            r#"{"config": {"versioning": {"status": "Enabled", "mfa_delete": true}}}"#,
        ),
        Case::not_applicable(
            "versioning never enabled",
            r#"{"config": {"versioning": {"status": "Off", "mfa_delete": false}}}"#,
        ),
        Case::not_applicable(
            "versioning suspended",
            r#"{"config": {"versioning": {"status": "Suspended", "mfa_delete": false}}}"#,
        ),
        Case::fail(
            "versioned without MFA delete",
            r#"{"config": {"versioning": {"status": "Enabled", "mfa_delete": false}}}"#,
        ),
        Case::unknown("versioning not read", r#"{"config": {}}"#),
    ],
};
