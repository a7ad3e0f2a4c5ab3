use crate::prelude::*;

/// Flags buckets whose ACL grants anything to everyone or to any authenticated AWS user.
pub(crate) struct BucketPublicAcl;

const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

impl TypedRule for BucketPublicAcl {
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
        let acl = need(&b.acl, "acl")?;
        let public: Vec<&aws::AclGrant> = acl
            .grants
            .iter()
            .filter(|g| g.grantee == ALL_USERS || g.grantee == AUTH_USERS)
            .collect();
        if public.is_empty() {
            return Ok(Verdict::Pass);
        }
        // Block Public Access "ignore public ACLs" neutralizes the grants, at bucket or account level.
        if b.public_access_block.is_some_and(|p| p.ignore_public_acls) {
            return Ok(Verdict::Pass);
        }
        let account_ignores = cx
            .index
            .of_kind_in(Kind::AwsS3AccountPublicAccessBlock, &r.account, None)
            .filter_map(|a| match &a.config {
                posture_model::Config::AwsS3AccountPublicAccessBlock(c) => c.settings,
                _ => None,
            })
            .any(|s| s.ignore_public_acls);
        if account_ignores {
            return Ok(Verdict::Pass);
        }
        let grants: Vec<String> = public
            .iter()
            .map(|g| {
                let who = if g.grantee == ALL_USERS {
                    "everyone"
                } else {
                    "any AWS user"
                };
                format!("{} to {who}", g.permission)
            })
            .collect();
        Ok(Verdict::fail(
            format!("Bucket `{}` ACL grants {}", r.name, grants.join(", ")),
            "config.acl.grants",
            json!(public),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_public_acl",
    title: "S3 bucket ACL grants access to everyone",
    severity: Severity::High,
    severity_rationale: "Anyone on the internet can read (or write) the bucket without credentials; \
        only High rather than Critical because data sensitivity is not known from the ACL alone.",
    service: "s3",
    description: "Checks the bucket ACL for grants to the AllUsers or AuthenticatedUsers groups that \
        Block Public Access (bucket or account level, `IgnorePublicAcls`) does not neutralize.",
    risk: "Objects can be listed, downloaded or overwritten by anyone; public buckets are a leading \
        cause of cloud data breaches.",
    remediation: Remediation {
        summary: "Remove the public grants and turn on Block Public Access for the bucket.",
        cli: "aws s3api put-bucket-acl --bucket {name} --acl private\n\
              aws s3api put-public-access-block --bucket {name} --public-access-block-configuration \
              BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
        terraform: "resource \"aws_s3_bucket_public_access_block\" \"{name}\" {\n  bucket                  = \"{name}\"\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
        console: "S3 console → Buckets → {name} → Permissions → Access control list: remove grants to \
            'Everyone' and 'Authenticated users group'; then Block public access → Edit → enable all four settings.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Sites or clients that read the bucket anonymously stop working.",
    permissions: &["s3:GetBucketAcl", "s3:GetBucketPublicAccessBlock", "s3:GetAccountPublicAccessBlock"],
    references: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html"],
    cases: &[
        Case::pass("private ACL", r#"{"config": {"acl": {"grants": [{"grantee_type": "canonical_user", "grantee": "abc", "permission": "FULL_CONTROL"}]}}}"#),
        Case::fail("AllUsers READ", r#"{"config": {"acl": {"grants": [{"grantee_type": "group", "grantee": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}]}}}"#),
        Case::fail("AuthenticatedUsers WRITE", r#"{"config": {"acl": {"grants": [{"grantee_type": "group", "grantee": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "permission": "WRITE"}]}}}"#),
        Case::pass("public grant neutralized by bucket BPA", r#"{"config": {"acl": {"grants": [{"grantee_type": "group", "grantee": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}]},
            "public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}}}"#),
        Case::pass("public grant neutralized by account BPA", r#"{"config": {"acl": {"grants": [{"grantee_type": "group", "grantee": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}]}}}"#)
            .with(&[r#"{"kind": "aws.s3.account_public_access_block", "config": {"settings": {"ignore_public_acls": true}}}"#]),
        Case::unknown("ACL could not be read", r#"{"config": {}, "gaps": [{"field": "acl", "api": "s3:GetBucketAcl", "reason": "denied"}]}"#),
    ],
};
