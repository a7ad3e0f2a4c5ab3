use crate::iam::public_statements;
use crate::prelude::*;

/// Flags buckets whose policy lets anyone in, unless Block Public Access restricts it.
pub(crate) struct BucketPolicyPublic;

impl TypedRule for BucketPolicyPublic {
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
        let policy = need(&b.policy, "policy")?;
        let mut public = public_statements(policy).peekable();
        if public.peek().is_none() {
            return Ok(Verdict::Pass);
        }
        // `RestrictPublicBuckets` limits a public policy to AWS service principals and the
        // owning account, at bucket or account level.
        if b.public_access_block
            .is_some_and(|p| p.restrict_public_buckets)
        {
            return Ok(Verdict::Pass);
        }
        let account_restricts = cx
            .index
            .of_kind_in(Kind::AwsS3AccountPublicAccessBlock, &r.account, None)
            .filter_map(|a| match &a.config {
                posture_model::Config::AwsS3AccountPublicAccessBlock(c) => c.settings,
                _ => None,
            })
            .any(|s| s.restrict_public_buckets);
        if account_restricts {
            return Ok(Verdict::Pass);
        }
        let mut actions: Vec<&str> = Vec::new();
        let mut evidence = Vec::new();
        for (i, s) in public {
            actions.extend(s.actions.iter().map(String::as_str));
            if !s.not_actions.is_empty() {
                actions.push("everything except its NotAction list");
            }
            evidence.push(Evidence {
                path: format!("config.policy.statements[{i}]"),
                observed: json!(s),
            });
        }
        actions.sort_unstable();
        actions.dedup();
        Ok(Verdict::Fail {
            message: format!(
                "Bucket `{}` policy allows anyone (principal `*`, no restricting condition) to use {}",
                r.name,
                actions.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_policy_public",
    title: "S3 bucket policy grants access to everyone",
    severity: Severity::High,
    severity_rationale: "A public policy statement exposes the bucket to every AWS account and anonymous \
        callers; High rather than Critical because the policy may only allow harmless actions and the \
        data's sensitivity is not known.",
    service: "s3",
    description: "Checks the bucket policy for Allow statements whose principal is `*` (or `{\"AWS\": \"*\"}`) \
        and whose conditions do not confine the caller to a known account, organization, VPC endpoint \
        or IP range. A bucket is not flagged when Block Public Access `RestrictPublicBuckets` is on for \
        the bucket or its account, because S3 then ignores the public grant for outside callers.",
    risk: "Anyone who learns the bucket name can call the allowed actions: read or list objects, upload \
        content that is later served from the bucket, or delete data.",
    remediation: Remediation {
        summary: "Scope the statement to named principals or add an organization / VPC endpoint condition, \
            and turn on Block Public Access.",
        cli: "aws s3api get-bucket-policy --bucket {name} --query Policy --output text > policy.json\n\
              # edit policy.json: replace \"Principal\": \"*\" or add an aws:PrincipalOrgID condition\n\
              aws s3api put-bucket-policy --bucket {name} --policy file://policy.json\n\
              aws s3api put-public-access-block --bucket {name} --public-access-block-configuration \
              BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
        terraform: "data \"aws_iam_policy_document\" \"{name}\" {\n  statement {\n    actions   = [\"s3:GetObject\"]\n    resources = [\"arn:aws:s3:::{name}/*\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"arn:aws:iam::{account}:root\"]\n    }\n  }\n}\n\nresource \"aws_s3_bucket_policy\" \"{name}\" {\n  bucket = \"{name}\"\n  policy = data.aws_iam_policy_document.{name}.json\n}",
        console: "S3 console → Buckets → {name} → Permissions → Bucket policy → Edit: replace the `*` principal \
            with the accounts or roles that need access (or add a restricting condition); then Block public \
            access (bucket settings) → Edit → enable all four settings.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Anonymous or cross-account readers (public websites, partners, CDNs without origin \
        access control) lose access.",
    permissions: &[
        "s3:GetBucketPolicy",
        "s3:GetBucketPublicAccessBlock",
        "s3:GetAccountPublicAccessBlock",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html",
    ],
    cases: &[
        Case::pass("no policy statements", r#"{"config": {"policy": {"statements": []}}}"#),
        Case::pass(
            "principal is a named account",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::444455556666:root"]}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]}}}"#,
        ),
        Case::pass(
            "star principal confined to the organization",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"],
                "conditions": [{"operator": "StringEquals", "key": "aws:PrincipalOrgID", "values": ["o-abc123"]}]}]}}}"#,
        ),
        Case::pass(
            "star principal in a Deny statement",
            r#"{"config": {"policy": {"statements": [{"effect": "Deny", "principal": {"any": true}, "actions": ["s3:*"], "resources": ["arn:aws:s3:::b/*"],
                "conditions": [{"operator": "Bool", "key": "aws:SecureTransport", "values": ["false"]}]}]}}}"#,
        ),
        Case::fail(
            "anonymous read",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]}}}"#,
        ),
        Case::fail(
            "negated org condition does not restrict",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["s3:PutObject"], "resources": ["arn:aws:s3:::b/*"],
                "conditions": [{"operator": "StringNotEquals", "key": "aws:PrincipalOrgID", "values": ["o-abc123"]}]}]}}}"#,
        ),
        Case::fail(
            "bucket BPA present but RestrictPublicBuckets off",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]},
                "public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": false, "restrict_public_buckets": false}}}"#,
        ),
        Case::pass(
            "public statement neutralized by bucket RestrictPublicBuckets",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]},
                "public_access_block": {"restrict_public_buckets": true}}}"#,
        ),
        Case::pass(
            "public statement neutralized by account RestrictPublicBuckets",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]}}}"#,
        )
        .with(&[r#"{"kind": "aws.s3.account_public_access_block", "config": {"settings": {"restrict_public_buckets": true}}}"#]),
        Case::fail(
            "account BPA of another account does not count",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]}}}"#,
        )
        .with(&[r#"{"kind": "aws.s3.account_public_access_block", "account": "999999999999", "config": {"settings": {"restrict_public_buckets": true}}}"#]),
        Case::unknown(
            "policy could not be read",
            r#"{"config": {}, "gaps": [{"field": "policy", "api": "s3:GetBucketPolicy", "reason": "denied"}]}"#,
        ),
    ],
};
