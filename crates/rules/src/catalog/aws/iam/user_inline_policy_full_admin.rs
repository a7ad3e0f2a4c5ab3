use super::inline_admin::inline_admin;
use crate::prelude::*;

/// Flags IAM users with an inline policy granting every action on every resource.
pub(crate) struct UserInlinePolicyFullAdmin;

impl TypedRule for UserInlinePolicyFullAdmin {
    type Config = aws::IamUser;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        u: &aws::IamUser,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let inline = need(&u.inline_policies, "inline_policies")?;
        let (names, evidence) = inline_admin(inline);
        if names.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::Fail {
            message: format!(
                "IAM user `{}` has inline polic{} granting `*` on `*`: {}",
                r.name,
                if names.len() == 1 { "y" } else { "ies" },
                names.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_inline_policy_full_admin",
    title: "IAM user inline policy grants full administrative access (*:*)",
    severity: Severity::High,
    severity_rationale: "The user's password or access key is enough to do anything in the account; High (not \
        Critical) because the credential must still be obtained.",
    service: "iam",
    description: "Checks the user's inline policies for an Allow statement on every action and every resource \
        (`*`, `*:*`, or a `NotAction` that leaves IAM allowed) that no source-IP, VPC or organization condition \
        confines. Managed policies are covered by `aws.iam.policy_full_admin`.",
    risk: "Inline grants are invisible in the policy list, so an all-powerful user can hide in plain sight; a \
        leaked key means full account takeover.",
    remediation: Remediation {
        summary: "Delete the inline policy and grant the user's real needs through a group or a role.",
        cli: "aws iam get-user-policy --user-name {config.user_name} --policy-name <policy-name>\n\
              aws iam delete-user-policy --user-name {config.user_name} --policy-name <policy-name>",
        terraform: "# Remove the aws_iam_user_policy resource granting \"*\" to \"{config.user_name}\";\n# grant scoped permissions through aws_iam_group_policy_attachment instead.",
        console: "IAM console → Users → {config.user_name} → Permissions → the inline policy → Remove; add the user \
            to a group with least-privilege permissions.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Only the owner knows which permissions the user really needs.",
    permissions: &["iam:ListUserPolicies", "iam:GetUserPolicy"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    ],
    cases: &[
        Case::pass(
            "scoped inline policy",
            r#"{"config": {"user_name": "alice", "inline_policies": [{"name": "logs", "document": {"statements": [
                {"effect": "Allow", "actions": ["logs:GetLogEvents"], "resources": ["*"]}]}}]}}"#,
        ),
        Case::pass(
            "star restricted to the corporate network",
            r#"{"config": {"user_name": "alice", "inline_policies": [{"name": "admin", "document": {"statements": [
                {"effect": "Allow", "actions": ["*"], "resources": ["*"], "conditions": [{"operator": "IpAddress", "key": "aws:SourceIp", "values": ["198.51.100.0/24"]}]}]}}]}}"#,
        ),
        Case::fail(
            "star on star",
            r#"{"config": {"user_name": "alice", "inline_policies": [{"name": "admin", "document": {"statements": [
                {"effect": "Allow", "actions": ["*"], "resources": ["*"]}]}}]}}"#,
        ),
        Case::unknown(
            "inline policies not collected",
            r#"{"config": {"user_name": "alice"}}"#,
        ),
    ],
};
