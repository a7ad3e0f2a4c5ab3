use super::super::common::public_policy_verdict;
use crate::prelude::*;

/// Flags secrets whose resource policy lets any principal read or manage them.
pub(crate) struct SecretPolicyPublic;

impl TypedRule for SecretPolicyPublic {
    type Config = aws::Secret;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &aws::Secret,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let policy = need(&s.policy, "policy")?;
        Ok(public_policy_verdict(
            policy,
            &format!("Secret `{}` resource policy", r.name),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.secretsmanager.secret_policy_public",
    title: "Secret resource policy allows any principal",
    severity: Severity::Critical,
    severity_rationale: "A secret readable by any AWS account hands out the credential it protects to the world.",
    service: "secretsmanager",
    description: "Checks the secret's resource policy for Allow statements whose principal is `*` without a confining \
        condition (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, source VPC endpoint, …). A secret without a \
        policy passes.",
    risk: "Anyone retrieves the database password, API key or certificate stored in the secret.",
    remediation: Remediation {
        summary: "Remove the public statement or confine it to your organization or accounts, then rotate the secret.",
        cli: "aws secretsmanager delete-resource-policy --region {region} --secret-id {uid}\n\
              aws secretsmanager rotate-secret --region {region} --secret-id {uid}",
        terraform: "resource \"aws_secretsmanager_secret_policy\" \"{name}\" {\n  secret_arn          = \"{uid}\"\n  policy              = data.aws_iam_policy_document.{name}.json # specific principals only\n  block_public_policy = true\n}",
        console: "Secrets Manager console → Secrets → {config.name} → Resource permissions → Edit → remove or scope the \
            `*` statement → Save; then rotate the secret.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Cross-account consumers relying on the open statement lose access; rotation changes the credential.",
    permissions: &["secretsmanager:GetResourcePolicy"],
    references: &[
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html",
    ],
    cases: &[
        Case::pass(
            "no policy",
            r#"{"config": {"name": "s", "policy": {"statements": []}}}"#,
        ),
        Case::pass(
            "near miss: star confined to the organization",
            r#"{"config": {"name": "s", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["secretsmanager:GetSecretValue"], "resources": ["*"],
                "conditions": [{"operator": "StringEquals", "key": "aws:PrincipalOrgID", "values": ["o-abc123"]}]}]}}}"#,
        ),
        Case::fail(
            "anyone may read",
            r#"{"config": {"name": "s", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["secretsmanager:GetSecretValue"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown("policy not observed", r#"{"config": {"name": "s"}}"#),
    ],
};
