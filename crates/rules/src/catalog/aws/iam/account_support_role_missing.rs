use posture_model::Typed;

use crate::prelude::*;

/// The AWS-managed policy that lets a principal open and manage AWS Support cases.
const SUPPORT_POLICY: &str = "policy/AWSSupportAccess";

/// Flags accounts where no IAM role carries the AWS Support access policy.
pub(crate) struct AccountSupportRoleMissing;

impl TypedRule for AccountSupportRoleMissing {
    type Config = aws::IamAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _a: &aws::IamAccount,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mut roles = 0usize;
        let mut unknown = 0usize;
        for role in cx.index.of_kind_in(Kind::AwsIamRole, &r.account, None) {
            let Some(c) = aws::IamRole::from_config(&role.config) else {
                continue;
            };
            roles += 1;
            match &c.attached_policies {
                Some(list) if list.iter().any(|p| p.ends_with(SUPPORT_POLICY)) => {
                    return Ok(Verdict::Pass);
                }
                Some(_) => {}
                None => unknown += 1,
            }
        }
        if roles == 0 {
            return Ok(Verdict::Unknown(
                format!(
                    "no IAM role of account {} was observed: roles were not collected",
                    r.account
                )
                .into(),
            ));
        }
        if unknown > 0 {
            return Ok(Verdict::Unknown(
                format!("{unknown} of {roles} roles have no observed attached-policy list").into(),
            ));
        }
        Ok(Verdict::fail(
            format!(
                "No IAM role in account {} has the AWSSupportAccess policy ({roles} roles checked)",
                r.account
            ),
            "roles.attached_policies",
            json!(SUPPORT_POLICY),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.account_support_role_missing",
    title: "No IAM role can manage AWS Support cases",
    severity: Severity::Low,
    severity_rationale: "An operational-readiness gap: during an incident nobody without root or admin rights can \
        open a support case. It exposes nothing.",
    service: "iam",
    description: "Looks at every IAM role of the account in the inventory and passes when at least one has the \
        AWS-managed `AWSSupportAccess` policy attached. Unknown when no role of the account was observed or some \
        role's attached policies were not recorded.",
    risk: "In an incident, teams either wait for an administrator or fall back to the root user to reach AWS \
        Support, both of which slow the response and widen privileged use.",
    remediation: Remediation {
        summary: "Create a role for the incident responders (assumable through your identity provider) and attach \
            AWSSupportAccess to it.",
        cli: "aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json\n\
              aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess",
        terraform: "resource \"aws_iam_role\" \"support\" {\n  name               = \"aws-support\"\n  assume_role_policy = data.aws_iam_policy_document.support_trust.json\n}\n\nresource \"aws_iam_role_policy_attachment\" \"support\" {\n  role       = aws_iam_role.support.name\n  policy_arn = \"arn:aws:iam::aws:policy/AWSSupportAccess\"\n}",
        console: "IAM console → Roles → Create role: trusted entity your account or identity provider; permissions \
            AWSSupportAccess; name it aws-support.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Creates a new role; nothing existing changes.",
    permissions: &["iam:ListRoles", "iam:ListAttachedRolePolicies", "iam:ListEntitiesForPolicy"],
    references: &[
        "https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html",
        "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html",
    ],
    cases: &[
        Case::pass("a support role exists", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.iam.role", "region": "global", "config": {"role_name": "support", "attached_policies": ["arn:aws:iam::aws:policy/AWSSupportAccess"]}}"#,
        ]),
        Case::fail("roles exist, none with support access", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.iam.role", "region": "global", "config": {"role_name": "app", "attached_policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}"#,
        ]),
        Case::fail("the support role is in another account", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.iam.role", "config": {"role_name": "app", "attached_policies": []}}"#,
            r#"{"kind": "aws.iam.role", "account": "444455556666", "config": {"role_name": "support", "attached_policies": ["arn:aws:iam::aws:policy/AWSSupportAccess"]}}"#,
        ]),
        Case::unknown("no roles observed", r#"{"config": {}}"#),
        Case::unknown("attached policies not recorded", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.iam.role", "config": {"role_name": "app"}}"#,
        ]),
    ],
};
