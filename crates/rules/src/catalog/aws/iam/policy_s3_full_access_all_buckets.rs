use posture_model::policy::Effect;

use super::policy_gate::attached_document;
use crate::iam::{
    statement_all_resources, statement_covers_service, statement_denies_everywhere,
    statement_is_admin, statement_restricted,
};
use crate::prelude::*;

/// Flags policies that allow every S3 action on every bucket.
pub(crate) struct PolicyS3FullAccessAllBuckets;

impl TypedRule for PolicyS3FullAccessAllBuckets {
    type Config = aws::IamPolicy;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        p: &aws::IamPolicy,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let doc = match attached_document(p)? {
            Ok(d) => d,
            Err(v) => return Ok(v),
        };
        // An unconditional Deny of destructive S3 actions everywhere takes the "full" out of it.
        if doc.statements.iter().any(|s| {
            statement_denies_everywhere(s, "s3:DeleteBucket")
                && statement_denies_everywhere(s, "s3:PutBucketPolicy")
        }) {
            return Ok(Verdict::Pass);
        }
        let evidence: Vec<Evidence> = doc
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.effect == Effect::Allow
                    && statement_covers_service(s, "s3")
                    && statement_all_resources(s)
                    && !statement_restricted(s)
                    && !statement_is_admin(s)
            })
            .map(|(i, s)| Evidence {
                path: format!("config.document.statements[{i}]"),
                observed: json!(s),
            })
            .collect();
        if evidence.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "Policy `{}` allows every S3 action (`s3:*`) on every bucket",
                r.name
            ),
            &evidence[0].path,
            evidence[0].observed.clone(),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.policy_s3_full_access_all_buckets",
    title: "IAM policy allows all S3 actions on all buckets",
    severity: Severity::Medium,
    severity_rationale: "Holders can read, delete and re-permission every bucket of the account, including log and \
        backup buckets; Medium because it is limited to one service.",
    service: "iam",
    description: "For attached customer-managed policies, flags Allow statements that cover the whole S3 service \
        (`s3:*`, or a `NotAction` that excludes nothing in S3) on every resource, without a restricting \
        condition. Full-admin statements are left to `aws.iam.policy_full_admin`; an unconditional Deny of bucket \
        deletion and policy changes everywhere makes the policy pass.",
    risk: "A leaked credential can exfiltrate every dataset, delete backups and CloudTrail logs, or make buckets \
        public by rewriting their policies.",
    remediation: Remediation {
        summary: "Scope the statement to the buckets the identities use and to the actions they need (read vs write).",
        cli: "aws iam create-policy-version --policy-arn {uid} --set-as-default --policy-document file://scoped.json\n\
              # scoped.json: \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], \"Resource\": \"arn:aws:s3:::<bucket>/*\"",
        terraform: "data \"aws_iam_policy_document\" \"{name}\" {\n  statement {\n    actions   = [\"s3:GetObject\", \"s3:PutObject\"]\n    resources = [\"arn:aws:s3:::app-data/*\"]\n  }\n  statement {\n    actions   = [\"s3:ListBucket\"]\n    resources = [\"arn:aws:s3:::app-data\"]\n  }\n}",
        console: "IAM console → Policies → {name} → Edit: replace `s3:*` with the needed actions and `*` with the bucket \
            ARNs.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Only the owner knows which buckets and actions are needed.",
    permissions: &["iam:ListPolicies", "iam:GetPolicyVersion"],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-iam.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    ],
    cases: &[
        Case::pass(
            "s3:* on one bucket",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:*"], "resources": ["arn:aws:s3:::app", "arn:aws:s3:::app/*"]}]}}}"#,
        ),
        Case::pass(
            "read-only on all buckets",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:Get*", "s3:List*"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "s3:* confined to a VPC endpoint",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:*"], "resources": ["*"],
                 "conditions": [{"operator": "StringEquals", "key": "aws:SourceVpce", "values": ["vpce-1a2b"]}]}]}}}"#,
        ),
        Case::fail(
            "s3:* on *",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::not_applicable(
            "AWS-managed AmazonS3FullAccess",
            r#"{"config": {"policy_name": "AmazonS3FullAccess", "aws_managed": true, "attachment_count": 4, "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown(
            "document not collected",
            r#"{"config": {"policy_name": "p", "attachment_count": 1}}"#,
        ),
    ],
};
