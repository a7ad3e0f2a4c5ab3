use crate::prelude::*;

/// Flags buckets where the four Block Public Access switches are not all in effect.
pub(crate) struct BucketPublicAccessBlockOff;

impl TypedRule for BucketPublicAccessBlockOff {
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
        let bucket = need(&b.public_access_block, "public_access_block")?;
        if bucket.all() {
            return Ok(Verdict::Pass);
        }
        // The effective setting is the bucket's OR the account's, switch by switch.
        let account = cx
            .index
            .of_kind_in(Kind::AwsS3AccountPublicAccessBlock, &r.account, None)
            .find_map(|a| match &a.config {
                posture_model::Config::AwsS3AccountPublicAccessBlock(c) => c.settings,
                _ => None,
            })
            .unwrap_or_default();
        let effective = aws::PublicAccessBlock {
            block_public_acls: bucket.block_public_acls || account.block_public_acls,
            ignore_public_acls: bucket.ignore_public_acls || account.ignore_public_acls,
            block_public_policy: bucket.block_public_policy || account.block_public_policy,
            restrict_public_buckets: bucket.restrict_public_buckets
                || account.restrict_public_buckets,
        };
        if effective.all() {
            return Ok(Verdict::Pass);
        }
        let off: Vec<&str> = [
            (effective.block_public_acls, "BlockPublicAcls"),
            (effective.ignore_public_acls, "IgnorePublicAcls"),
            (effective.block_public_policy, "BlockPublicPolicy"),
            (effective.restrict_public_buckets, "RestrictPublicBuckets"),
        ]
        .iter()
        .filter(|(on, _)| !on)
        .map(|(_, n)| *n)
        .collect();
        Ok(Verdict::fail(
            format!(
                "Bucket `{}` has Block Public Access off for {} (neither the bucket nor the account sets it)",
                r.name,
                off.join(", ")
            ),
            "config.public_access_block",
            json!(bucket),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_public_access_block_off",
    title: "S3 bucket Block Public Access is not fully enabled",
    severity: Severity::Medium,
    severity_rationale: "Not an exposure by itself, but it removes the guard rail that stops a later ACL or \
        policy change from making the bucket public.",
    service: "s3",
    description: "Checks that all four Block Public Access switches (BlockPublicAcls, IgnorePublicAcls, \
        BlockPublicPolicy, RestrictPublicBuckets) are in effect for the bucket, counting a switch as on when \
        either the bucket or its account sets it.",
    risk: "A single mistaken `put-bucket-acl` or policy edit can publish the bucket's contents with nothing \
        to catch it.",
    remediation: Remediation {
        summary: "Enable all four Block Public Access settings on the bucket (or on the whole account).",
        cli: "aws s3api put-public-access-block --bucket {name} --public-access-block-configuration \
              BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
        terraform: "resource \"aws_s3_bucket_public_access_block\" \"{name}\" {\n  bucket                  = \"{name}\"\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
        console: "S3 console → Buckets → {name} → Permissions → Block public access (bucket settings) → Edit → \
            tick 'Block all public access' → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Buckets intentionally shared through public ACLs or policies (static websites, public \
        datasets) stop serving anonymous requests.",
    permissions: &[
        "s3:GetBucketPublicAccessBlock",
        "s3:GetAccountPublicAccessBlock",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    ],
    cases: &[
        Case::pass(
            "all four on at bucket level",
            r#"{"config": {"public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}}}"#,
        ),
        Case::fail(
            "no bucket configuration and no account setting",
            r#"{"config": {"public_access_block": {"block_public_acls": false, "ignore_public_acls": false, "block_public_policy": false, "restrict_public_buckets": false}}}"#,
        ),
        Case::fail(
            "RestrictPublicBuckets off",
            r#"{"config": {"public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": false}}}"#,
        ),
        Case::pass(
            "bucket off but the account blocks everything",
            r#"{"config": {"public_access_block": {}}}"#,
        )
        .with(&[r#"{"kind": "aws.s3.account_public_access_block", "config": {"settings": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}}}"#]),
        Case::pass(
            "bucket and account each cover two switches",
            r#"{"config": {"public_access_block": {"block_public_acls": true, "ignore_public_acls": true}}}"#,
        )
        .with(&[r#"{"kind": "aws.s3.account_public_access_block", "config": {"settings": {"block_public_policy": true, "restrict_public_buckets": true}}}"#]),
        Case::unknown(
            "setting could not be read",
            r#"{"config": {}, "gaps": [{"field": "public_access_block", "api": "s3:GetBucketPublicAccessBlock", "reason": "denied"}]}"#,
        ),
    ],
};
