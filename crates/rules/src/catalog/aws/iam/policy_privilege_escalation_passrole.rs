use super::policy_gate::attached_document;
use crate::iam::{effective_allow_everywhere, effectively_allows, statement_is_admin};
use crate::prelude::*;

/// Services that run code with a role passed to them, and the action that launches it.
const LAUNCHERS: &[&str] = &[
    "ec2:RunInstances",
    "lambda:CreateFunction",
    "cloudformation:CreateStack",
];

/// Flags policies that allow passing any role to a compute service they can also launch.
pub(crate) struct PolicyPrivilegeEscalationPassrole;

impl TypedRule for PolicyPrivilegeEscalationPassrole {
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
        // Full-admin statements are reported by aws.iam.policy_full_admin.
        let Some(pass) = effective_allow_everywhere(doc, "iam:PassRole", statement_is_admin) else {
            return Ok(Verdict::Pass);
        };
        let launch: Vec<(&str, usize)> = LAUNCHERS
            .iter()
            .filter_map(|a| effectively_allows(doc, a).map(|i| (*a, i)))
            .collect();
        if launch.is_empty() {
            return Ok(Verdict::Pass);
        }
        let mut evidence = vec![Evidence {
            path: format!("config.document.statements[{pass}]"),
            observed: json!(doc.statements.get(pass)),
        }];
        for (_, i) in &launch {
            if *i != pass && !evidence.iter().any(|e| e.path.ends_with(&format!("[{i}]"))) {
                evidence.push(Evidence {
                    path: format!("config.document.statements[{i}]"),
                    observed: json!(doc.statements.get(*i)),
                });
            }
        }
        let actions: Vec<&str> = launch.iter().map(|(a, _)| *a).collect();
        Ok(Verdict::Fail {
            message: format!(
                "Policy `{}` allows iam:PassRole on every role together with {}: its holders can run code as any role",
                r.name,
                actions.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.policy_privilege_escalation_passrole",
    title: "IAM policy allows passing any role to compute it can launch",
    severity: Severity::High,
    severity_rationale: "A holder can start an instance, function or stack with the most powerful role in the \
        account and act through it: a direct path to administrator.",
    service: "iam",
    description: "For attached customer-managed policies, fails when `iam:PassRole` is effectively allowed on \
        every resource (`*` or a `NotResource`, no restricting condition, not removed by an unconditional Deny) \
        and the same policy allows launching compute that runs with a passed role: `ec2:RunInstances`, \
        `lambda:CreateFunction` or `cloudformation:CreateStack`. Wildcards such as `iam:Pass*` or `iam:*Role*` \
        count; full-admin statements are left to `aws.iam.policy_full_admin`.",
    risk: "A developer or a compromised CI pipeline launches a resource with an administrator role attached and \
        reads its credentials, escalating to full control of the account.",
    remediation: Remediation {
        summary: "Limit iam:PassRole to the specific role ARNs the workload launches with, and add an \
            `iam:PassedToService` condition.",
        cli: "aws iam create-policy-version --policy-arn {uid} --set-as-default --policy-document file://scoped.json\n\
              # scoped.json: {\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::{account}:role/app-*\",\n\
              #   \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}}}",
        terraform: "data \"aws_iam_policy_document\" \"{name}\" {\n  statement {\n    actions   = [\"iam:PassRole\"]\n    resources = [\"arn:aws:iam::{account}:role/app-*\"]\n    condition {\n      test     = \"StringEquals\"\n      variable = \"iam:PassedToService\"\n      values   = [\"ec2.amazonaws.com\"]\n    }\n  }\n}",
        console: "IAM console → Policies → {name} → Edit: change the Resource of the iam:PassRole statement from `*` \
            to the roles that may be passed, and add an iam:PassedToService condition.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Deployments that pass roles not in the new list fail; the owner must list them.",
    permissions: &["iam:ListPolicies", "iam:GetPolicyVersion"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html",
    ],
    cases: &[
        Case::pass(
            "PassRole limited to one role",
            r#"{"config": {"policy_name": "deploy", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["iam:PassRole"], "resources": ["arn:aws:iam::111122223333:role/app"]},
                {"effect": "Allow", "actions": ["ec2:RunInstances"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "PassRole on * without any launch permission",
            r#"{"config": {"policy_name": "pass", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["iam:PassRole"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "an unconditional Deny removes PassRole",
            r#"{"config": {"policy_name": "deploy", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["iam:PassRole", "lambda:CreateFunction"], "resources": ["*"]},
                {"effect": "Deny", "actions": ["iam:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::fail(
            "PassRole and RunInstances on *",
            r#"{"config": {"policy_name": "deploy", "attachment_count": 2, "document": {"statements": [
                {"effect": "Allow", "actions": ["iam:PassRole"], "resources": ["*"]},
                {"effect": "Allow", "actions": ["ec2:RunInstances"], "resources": ["*"]}]}}}"#,
        ),
        Case::fail(
            "wildcards inside action names",
            r#"{"config": {"policy_name": "dev", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["iam:*Role*", "lambda:Create*"], "resources": ["*"]}]}}}"#,
        ),
        Case::not_applicable(
            "unattached",
            r#"{"config": {"policy_name": "deploy", "attachment_count": 0, "document": {"statements": [
                {"effect": "Allow", "actions": ["iam:PassRole", "ec2:RunInstances"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown(
            "document not collected",
            r#"{"config": {"policy_name": "deploy", "attachment_count": 1}}"#,
        ),
    ],
};
