use super::inline_admin::inline_admin;
use crate::prelude::*;

/// Flags IAM roles with an inline policy granting every action on every resource.
pub(crate) struct RoleInlinePolicyFullAdmin;

impl TypedRule for RoleInlinePolicyFullAdmin {
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
        if role
            .path
            .as_deref()
            .is_some_and(|p| p.starts_with("/aws-service-role/"))
        {
            return Ok(Verdict::NotApplicable(
                "service-linked role managed by AWS".into(),
            ));
        }
        let inline = need(&role.inline_policies, "inline_policies")?;
        let (names, evidence) = inline_admin(inline);
        if names.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::Fail {
            message: format!(
                "IAM role `{}` has inline polic{} granting `*` on `*`: {}",
                r.name,
                if names.len() == 1 { "y" } else { "ies" },
                names.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.role_inline_policy_full_admin",
    title: "IAM role inline policy grants full administrative access (*:*)",
    severity: Severity::High,
    severity_rationale: "Whoever can assume the role, or compromises the workload using it, controls the whole \
        account; High because assuming it still requires a trusted principal.",
    service: "iam",
    description: "Checks the role's inline policies for an Allow statement on every action and every resource \
        (`*`, `*:*`, or a `NotAction` that leaves IAM allowed) that no restricting condition confines. \
        Service-linked roles are not applicable; managed policies are covered by `aws.iam.policy_full_admin`.",
    risk: "A compromised Lambda function, instance or CI job running with this role can disable logging, create \
        backdoor users and reach every resource.",
    remediation: Remediation {
        summary: "Replace the inline wildcard with the specific actions and resources the role's users need.",
        cli: "aws iam get-role-policy --role-name {config.role_name} --policy-name <policy-name>\n\
              aws iam put-role-policy --role-name {config.role_name} --policy-name <policy-name> --policy-document file://least-privilege.json",
        terraform: "resource \"aws_iam_role_policy\" \"{name}\" {\n  role   = \"{config.role_name}\"\n  policy = data.aws_iam_policy_document.{name}_least_privilege.json\n}",
        console: "IAM console → Roles → {config.role_name} → Permissions → the inline policy → Edit: replace \
            `\"Action\": \"*\"` with the needed actions (IAM Access Analyzer can generate a policy from CloudTrail \
            activity).",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Workloads using the role fail on any permission left out; only the owner can scope it.",
    permissions: &["iam:ListRolePolicies", "iam:GetRolePolicy"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
    ],
    cases: &[
        Case::pass(
            "scoped inline policy",
            r#"{"config": {"role_name": "app", "path": "/", "inline_policies": [{"name": "s3", "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]}}]}}"#,
        ),
        Case::pass(
            "s3:* on * is broad but not full admin",
            r#"{"config": {"role_name": "app", "path": "/", "inline_policies": [{"name": "s3", "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:*"], "resources": ["*"]}]}}]}}"#,
        ),
        Case::fail(
            "NotAction that leaves IAM allowed",
            r#"{"config": {"role_name": "deployer", "path": "/", "inline_policies": [{"name": "almost-all", "document": {"statements": [
                {"effect": "Allow", "not_actions": ["aws-portal:*"], "resources": ["*"]}]}}]}}"#,
        ),
        Case::not_applicable(
            "service-linked role",
            r#"{"config": {"role_name": "AWSServiceRoleForX", "path": "/aws-service-role/x.amazonaws.com/", "inline_policies": []}}"#,
        ),
        Case::unknown(
            "inline policies not collected",
            r#"{"config": {"role_name": "app", "path": "/"}}"#,
        ),
    ],
};
