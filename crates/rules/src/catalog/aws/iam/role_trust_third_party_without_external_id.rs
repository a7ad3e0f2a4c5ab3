use std::collections::HashSet;

use posture_model::InventoryIndex;
use posture_model::policy::Effect;

use crate::iam::{
    principal_accounts, requires_external_id, statement_matches_action, statement_restricted,
};
use crate::prelude::*;

/// Flags roles trusted by accounts outside the inventory without an `sts:ExternalId` condition.
pub(crate) struct RoleTrustThirdPartyWithoutExternalId;

fn estate_accounts(index: &InventoryIndex<'_>) -> HashSet<String> {
    index
        .resources()
        .iter()
        .filter(|r| r.provider.as_str() == "aws")
        .map(|r| r.account.clone())
        .collect()
}

impl TypedRule for RoleTrustThirdPartyWithoutExternalId {
    type Config = aws::IamRole;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        role: &aws::IamRole,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let trust = need(&role.assume_role_policy, "assume_role_policy")?;
        let ours = cx.memo(META.id, estate_accounts);
        let mut outside: Vec<&str> = Vec::new();
        let mut evidence = Vec::new();
        for (i, s) in trust.statements.iter().enumerate() {
            if s.effect != Effect::Allow
                || !statement_matches_action(s, "sts:AssumeRole")
                || requires_external_id(s)
                || statement_restricted(s)
            {
                continue;
            }
            let Some(p) = &s.principal else { continue };
            let third: Vec<&str> = principal_accounts(p)
                .into_iter()
                .filter(|a| *a != r.account && !ours.contains(*a))
                .collect();
            if !third.is_empty() {
                outside.extend(third);
                evidence.push(Evidence {
                    path: format!("config.assume_role_policy.statements[{i}]"),
                    observed: json!(s),
                });
            }
        }
        if outside.is_empty() {
            return Ok(Verdict::Pass);
        }
        outside.sort_unstable();
        outside.dedup();
        Ok(Verdict::Fail {
            message: format!(
                "IAM role `{}` trusts account(s) {} outside this inventory without requiring an sts:ExternalId",
                r.name,
                outside.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.role_trust_third_party_without_external_id",
    title: "IAM role trusts a third-party account without an external ID",
    severity: Severity::Medium,
    severity_rationale: "Exposes the role to the confused-deputy problem: another customer of the same vendor \
        can make the vendor assume your role. Medium because it needs that vendor's cooperation or compromise.",
    service: "iam",
    description: "For Allow statements of the trust policy on `sts:AssumeRole` that name AWS account principals, \
        fails when a named account is neither the role's own account nor any other account in the scanned \
        inventory, and the statement has no `sts:ExternalId` condition (nor an organization or account \
        condition). Accounts of your own organization that are not in the inventory are reported too: scan them \
        together, or add an `aws:PrincipalOrgID` condition.",
    risk: "A SaaS vendor's account can be tricked by any of its other customers into assuming your role, \
        because nothing ties the request to your tenancy.",
    remediation: Remediation {
        summary: "Add an `sts:ExternalId` condition with the unique value the vendor gave you.",
        cli: "aws iam get-role --role-name {config.role_name} --query Role.AssumeRolePolicyDocument > trust.json\n\
              # add to the statement: \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"<value from the vendor>\"}}\n\
              aws iam update-assume-role-policy --role-name {config.role_name} --policy-document file://trust.json",
        terraform: "data \"aws_iam_policy_document\" \"{name}_trust\" {\n  statement {\n    actions = [\"sts:AssumeRole\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"arn:aws:iam::<vendor-account>:root\"]\n    }\n    condition {\n      test     = \"StringEquals\"\n      variable = \"sts:ExternalId\"\n      values   = [var.vendor_external_id]\n    }\n  }\n}",
        console: "IAM console → Roles → {config.role_name} → Trust relationships → Edit trust policy: add a \
            StringEquals condition on sts:ExternalId with the vendor-provided value.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The vendor must send the same external ID, or its access stops.",
    permissions: &["iam:GetRole"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
    ],
    cases: &[
        Case::pass(
            "vendor must send an external id",
            r#"{"config": {"role_name": "vendor", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::999988887777:root"]}, "actions": ["sts:AssumeRole"],
                "conditions": [{"operator": "StringEquals", "key": "sts:ExternalId", "values": ["larkspur-7f3a"]}]}]}}}"#,
        ),
        Case::pass(
            "trusted by its own account",
            r#"{"config": {"role_name": "ops", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::111122223333:root"]}, "actions": ["sts:AssumeRole"]}]}}}"#,
        ),
        Case::pass(
            "trusted by another account of the same estate",
            r#"{"config": {"role_name": "deploy", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::444455556666:role/ci"]}, "actions": ["sts:AssumeRole"]}]}}}"#,
        )
        .with(&[r#"{"kind": "aws.ec2.vpc", "account": "444455556666", "config": {"vpc_id": "vpc-1"}}"#]),
        Case::fail(
            "unknown account, no external id",
            r#"{"config": {"role_name": "vendor", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["999988887777"]}, "actions": ["sts:AssumeRole"]}]}}}"#,
        ),
        Case::fail(
            "a wildcard external id is no check",
            r#"{"config": {"role_name": "vendor", "assume_role_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::999988887777:root"]}, "actions": ["sts:AssumeRole"],
                "conditions": [{"operator": "StringLike", "key": "sts:ExternalId", "values": ["*"]}]}]}}}"#,
        ),
        Case::unknown("trust policy not collected", r#"{"config": {"role_name": "vendor"}}"#),
    ],
};
