use posture_model::policy::Effect;

use super::policy_gate::attached_document;
use crate::iam::{statement_is_admin, statement_restricted};
use crate::prelude::*;

/// Flags policies with Allow statements written as `NotAction` (allow everything except …).
pub(crate) struct PolicyAllowNotAction;

impl TypedRule for PolicyAllowNotAction {
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
        let evidence: Vec<Evidence> = doc
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.effect == Effect::Allow
                    && !s.not_actions.is_empty()
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
        Ok(Verdict::Fail {
            message: format!(
                "Policy `{}` allows every action except a list (Allow with NotAction) in {} statement(s)",
                r.name,
                evidence.len()
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.policy_allow_not_action",
    title: "IAM policy allows everything except a list of actions (Allow + NotAction)",
    severity: Severity::Medium,
    severity_rationale: "Such a statement silently grants every action of every service AWS adds later; it is \
        rarely as narrow as its author believed. Medium because the exclusions usually remove the most \
        dangerous services.",
    service: "iam",
    description: "For attached customer-managed policies, flags Allow statements that use `NotAction` and have no \
        restricting condition. Deny + NotAction (the usual guardrail pattern) is fine, and statements that \
        already amount to full admin are reported by `aws.iam.policy_full_admin` instead.",
    risk: "Permissions nobody meant to grant (new services, data-plane actions) come along for free, making the \
        policy far broader than its review suggested.",
    remediation: Remediation {
        summary: "Rewrite the statement as an explicit Action list (or a Deny + NotAction guardrail paired with a \
            scoped Allow).",
        cli: "aws iam get-policy-version --policy-arn {uid} --version-id $(aws iam get-policy --policy-arn {uid} --query Policy.DefaultVersionId --output text)\n\
              aws iam create-policy-version --policy-arn {uid} --policy-document file://explicit-actions.json --set-as-default",
        terraform: "data \"aws_iam_policy_document\" \"{name}\" {\n  statement {\n    effect    = \"Allow\"\n    actions   = [\"s3:GetObject\", \"s3:ListBucket\"] # explicit list instead of not_actions\n    resources = [\"*\"]\n  }\n}",
        console: "IAM console → Policies → {name} → Edit → JSON: replace `NotAction` in Allow statements with the \
            list of actions that are needed.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The explicit list must be built from what the identities actually use.",
    permissions: &["iam:ListPolicies", "iam:GetPolicyVersion"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
    ],
    cases: &[
        Case::pass(
            "explicit actions",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "Deny with NotAction is a guardrail",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Deny", "not_actions": ["iam:*", "sts:*"], "resources": ["*"],
                 "conditions": [{"operator": "StringNotEquals", "key": "aws:RequestedRegion", "values": ["eu-west-1"]}]}]}}}"#,
        ),
        Case::pass(
            "NotAction confined to the organization",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "not_actions": ["iam:*"], "resources": ["*"],
                 "conditions": [{"operator": "StringEquals", "key": "aws:PrincipalOrgID", "values": ["o-abc123"]}]}]}}}"#,
        ),
        Case::fail(
            "everything except IAM",
            r#"{"config": {"policy_name": "power-user", "attachment_count": 3, "document": {"statements": [
                {"effect": "Allow", "not_actions": ["iam:*", "organizations:*", "account:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown(
            "document not collected",
            r#"{"config": {"policy_name": "p", "attachment_count": 1}}"#,
        ),
    ],
};
