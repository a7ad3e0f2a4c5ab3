use crate::prelude::*;

/// Flags accounts where S3 Block Public Access is not fully on at the account level.
pub(crate) struct AccountPublicAccessBlockOff;

impl TypedRule for AccountPublicAccessBlockOff {
    type Config = aws::S3AccountPublicAccessBlock;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        a: &aws::S3AccountPublicAccessBlock,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let s = need(&a.settings, "settings")?;
        if s.all() {
            return Ok(Verdict::Pass);
        }
        let off: Vec<&str> = [
            (s.block_public_acls, "BlockPublicAcls"),
            (s.ignore_public_acls, "IgnorePublicAcls"),
            (s.block_public_policy, "BlockPublicPolicy"),
            (s.restrict_public_buckets, "RestrictPublicBuckets"),
        ]
        .iter()
        .filter(|(on, _)| !on)
        .map(|(_, n)| *n)
        .collect();
        Ok(Verdict::fail(
            format!(
                "Account {} has account-level S3 Block Public Access off for {}",
                r.account,
                off.join(", ")
            ),
            "config.settings",
            json!(s),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.account_public_access_block_off",
    title: "Account-level S3 Block Public Access is not fully enabled",
    severity: Severity::Medium,
    severity_rationale: "It is the account-wide safety net for every current and future bucket; missing it is \
        not an exposure in itself, so Medium.",
    service: "s3",
    description: "Checks that the account's S3 Block Public Access configuration has all four switches on.",
    risk: "Each bucket then depends on its own settings; a new bucket or one careless policy edit can expose \
        data account-wide.",
    remediation: Remediation {
        summary: "Turn on all four account-level Block Public Access settings (after confirming no bucket must \
            stay public).",
        cli: "aws s3control put-public-access-block --account-id {account} --public-access-block-configuration \
              BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
        terraform: "resource \"aws_s3_account_public_access_block\" \"this\" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
        console: "S3 console → Block Public Access settings for this account → Edit → tick 'Block all public \
            access' → Save changes.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Every public bucket in the account (websites, public downloads) stops answering \
        anonymous requests at once.",
    permissions: &["s3:GetAccountPublicAccessBlock"],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html",
    ],
    cases: &[
        Case::pass(
            "all four on",
            r#"{"config": {"settings": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}}}"#,
        ),
        Case::fail(
            "not configured (all off)",
            r#"{"config": {"settings": {}}}"#,
        ),
        Case::fail(
            "only ACL switches on",
            r#"{"config": {"settings": {"block_public_acls": true, "ignore_public_acls": true}}}"#,
        ),
        Case::unknown(
            "account setting denied",
            r#"{"config": {}, "gaps": [{"field": "settings", "api": "s3:GetAccountPublicAccessBlock", "reason": "denied"}]}"#,
        ),
    ],
};
