use crate::iam::{statement_is_public, statement_matches_action};
use crate::prelude::*;

/// Flags roles whose trust policy lets any AWS principal assume them.
pub(crate) struct RoleTrustAllowsAnyPrincipal;

impl TypedRule for RoleTrustAllowsAnyPrincipal {
    type Config = aws::IamRole;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        role: &aws::IamRole,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let trust = need(&role.assume_role_policy, "assume_role_policy")?;
        let evidence: Vec<Evidence> = trust
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                statement_is_public(s)
                    && [
                        "sts:AssumeRole",
                        "sts:AssumeRoleWithWebIdentity",
                        "sts:AssumeRoleWithSAML",
                    ]
                    .iter()
                    .any(|a| statement_matches_action(s, a))
            })
            .map(|(i, s)| Evidence {
                path: format!("config.assume_role_policy.statements[{i}]"),
                observed: json!(s),
            })
            .collect();
        if evidence.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::Fail {
            message: format!(
                "IAM role `{}` can be assumed by any AWS principal (principal `*` without a restricting condition)",
                r.name
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.role_trust_allows_any_principal",
    title: "IAM role trust policy lets any AWS principal assume the role",
    severity: Severity::Critical,
    severity_rationale: "Anyone with any AWS account who learns or guesses the role ARN gets its permissions; no \
        credential of yours has to leak.",
    service: "iam",
    description: "Checks the role's trust policy for an Allow statement with principal `*` (or `{\"AWS\": \"*\"}`) \
        on an `sts:AssumeRole*` action whose conditions do not confine callers to known accounts, an \
        organization, or a network (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceIp`, …). An \
        `sts:ExternalId` condition alone does not count: it is a shared string, not an identity check.",
    risk: "Outsiders assume the role from their own accounts and act inside yours with whatever it is allowed \
        to do.",
    remediation: Remediation {
        summary: "Name the exact principals (account ids or role ARNs) in the trust policy, or add an \
            `aws:PrincipalOrgID` condition.",
        cli: "aws iam get-role --role-name {config.role_name} --query Role.AssumeRolePolicyDocument > trust.json\n\
              # edit trust.json: replace \"Principal\": {\"AWS\": \"*\"} with the trusted account or role ARNs\n\
              aws iam update-assume-role-policy --role-name {config.role_name} --policy-document file://trust.json",
        terraform: "data \"aws_iam_policy_document\" \"{name}_trust\" {\n  statement {\n    actions = [\"sts:AssumeRole\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"arn:aws:iam::{account}:root\"]\n    }\n  }\n}",
        console: "IAM console → Roles → {config.role_name} → Trust relationships → Edit trust policy: replace the `*` \
            principal with the accounts or roles that need the role.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Legitimate callers not named in the new policy can no longer assume the role.",
    permissions: &["iam:GetRole"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html",
    ],
    cases: &[
        Case::pass(
            "trusted by one account",
            r#"{"config": {"role_name": "ops", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::111122223333:root"]}, "actions": ["sts:AssumeRole"]}]}}}"#,
        ),
        Case::pass(
            "any principal, but only from the organization",
            r#"{"config": {"role_name": "ops", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["sts:AssumeRole"],
                "conditions": [{"operator": "StringEquals", "key": "aws:PrincipalOrgID", "values": ["o-abc123"]}]}]}}}"#,
        ),
        Case::pass(
            "a service principal",
            r#"{"config": {"role_name": "lambda", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"service": ["lambda.amazonaws.com"]}, "actions": ["sts:AssumeRole"]}]}}}"#,
        ),
        Case::fail(
            "principal star",
            r#"{"config": {"role_name": "ops", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["sts:AssumeRole"]}]}}}"#,
        ),
        Case::fail(
            "AWS star with only an external id",
            r#"{"config": {"role_name": "ops", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["sts:AssumeRole"],
                "conditions": [{"operator": "StringEquals", "key": "sts:ExternalId", "values": ["abc"]}]}]}}}"#,
        ),
        Case::unknown(
            "trust policy not collected",
            r#"{"config": {"role_name": "ops"}}"#,
        ),
    ],
};
