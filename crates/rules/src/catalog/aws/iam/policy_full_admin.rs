use crate::iam::admin_statements;
use crate::prelude::*;

/// Flags attached customer-managed policies that allow every action on every resource.
pub(crate) struct PolicyFullAdmin;

impl TypedRule for PolicyFullAdmin {
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
        if p.aws_managed {
            return Ok(Verdict::NotApplicable("AWS-managed policy".into()));
        }
        let doc = need(&p.document, "document")?;
        let admin: Vec<(usize, &posture_model::policy::Statement)> =
            admin_statements(doc).collect();
        if admin.is_empty() {
            return Ok(Verdict::Pass);
        }
        let attached = need(&p.attachment_count, "attachment_count")?;
        if *attached == 0 {
            return Ok(Verdict::NotApplicable(
                "policy is not attached to any identity".into(),
            ));
        }
        Ok(Verdict::Fail {
            message: format!(
                "Policy `{}` grants `*` on `*` without conditions and is attached to {attached} identit{}",
                r.name,
                if *attached == 1 { "y" } else { "ies" }
            ),
            evidence: admin
                .iter()
                .map(|(i, s)| Evidence {
                    path: format!("config.document.statements[{i}]"),
                    observed: json!(s),
                })
                .collect(),
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.policy_full_admin",
    title: "IAM policy grants full administrative access (*:*)",
    severity: Severity::High,
    severity_rationale: "Any identity holding it can do everything in the account, including disabling \
        logging and creating backdoor users; High because use still needs the identity's credentials.",
    service: "iam",
    description: "Checks attached customer-managed policies for an Allow statement on every action and \
        every resource (`*`, `*:*`, or a `NotAction` that leaves IAM allowed) not confined by a \
        source-IP, VPC or organization condition.",
    risk: "A leaked key or a compromised workload with this policy means full account takeover.",
    remediation: Remediation {
        summary: "Replace the wildcard statement with the specific actions and resources the identities need.",
        cli: "aws iam create-policy-version --policy-arn {uid} --policy-document file://least-privilege.json --set-as-default",
        terraform: "resource \"aws_iam_policy\" \"{name}\" {\n  name   = \"{name}\"\n  policy = data.aws_iam_policy_document.{name}_least_privilege.json\n}",
        console: "IAM console → Policies → {name} → Edit: replace `\"Action\": \"*\"` with the needed actions; \
            use IAM Access Analyzer's policy generation from CloudTrail activity as a starting point.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Only the owner knows which permissions the attached identities really need.",
    permissions: &["iam:ListPolicies", "iam:GetPolicyVersion"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    ],
    cases: &[
        Case::pass(
            "scoped policy",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [{"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/*"]}]}}}"#,
        ),
        Case::fail(
            "star on star",
            r#"{"config": {"policy_name": "p", "attachment_count": 2, "document": {"statements": [{"effect": "Allow", "actions": ["*"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "star restricted to a source IP",
            r#"{"config": {"policy_name": "p", "attachment_count": 2, "document": {"statements": [{"effect": "Allow", "actions": ["*"], "resources": ["*"],
            "conditions": [{"operator": "IpAddress", "key": "aws:SourceIp", "values": ["203.0.113.0/24"]}]}]}}}"#,
        ),
        Case::not_applicable(
            "unattached",
            r#"{"config": {"policy_name": "p", "attachment_count": 0, "document": {"statements": [{"effect": "Allow", "actions": ["*"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown(
            "document not collected",
            r#"{"config": {"policy_name": "p", "attachment_count": 1}}"#,
        ),
    ],
};
