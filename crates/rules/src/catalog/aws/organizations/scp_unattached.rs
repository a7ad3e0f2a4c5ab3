use crate::prelude::*;

/// Flags customer-managed service control policies attached to nothing.
pub(crate) struct ScpUnattached;

impl TypedRule for ScpUnattached {
    type Config = aws::OrganizationsPolicy;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        p: &aws::OrganizationsPolicy,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let ty = need(&p.policy_type, "policy_type")?;
        if ty != "SERVICE_CONTROL_POLICY" && ty != "RESOURCE_CONTROL_POLICY" {
            return Ok(Verdict::NotApplicable(
                format!("{ty} is not a guardrail policy").into(),
            ));
        }
        if *need(&p.aws_managed, "aws_managed")? {
            return Ok(Verdict::NotApplicable("AWS-managed policy".into()));
        }
        let targets = need(&p.targets, "targets")?;
        Ok(Verdict::check(!targets.is_empty(), || {
            Verdict::fail(
                format!(
                    "Organizations policy `{}` is attached to no root, OU or account",
                    r.name
                ),
                "config.targets",
                json!(targets),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.organizations.scp_unattached",
    title: "Service control policy is attached to nothing",
    severity: Severity::Low,
    severity_rationale: "An unattached guardrail enforces nothing; the risk is the false belief that it does. The \
        accounts are no worse off than without it.",
    service: "organizations",
    description: "For customer-managed service control and resource control policies, checks that the policy is \
        attached to at least one root, organizational unit or account. AWS-managed policies and other policy types \
        (tag, backup, AI opt-out) are not applicable.",
    risk: "Guardrails someone wrote (deny leaving the organization, deny disabling logging) protect no account.",
    remediation: Remediation {
        summary: "Attach the policy where it was meant to apply (test on a sandbox OU first), or delete it.",
        cli: "aws organizations attach-policy --policy-id <policy-id> --target-id <root-or-ou-or-account-id>",
        terraform: "resource \"aws_organizations_policy_attachment\" \"{name}\" {\n  policy_id = \"<policy-id>\"\n  target_id = \"<root-or-ou-or-account-id>\"\n}",
        console: "AWS Organizations console → Policies → Service control policies → {name} → Targets → Attach.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Attaching a deny policy can break workloads in every account below the target; stage it.",
    permissions: &[
        "organizations:ListPolicies",
        "organizations:ListTargetsForPolicy",
    ],
    references: &[
        "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html",
    ],
    cases: &[
        Case::pass(
            "attached to the root",
            r#"{"config": {"name": "p", "policy_type": "SERVICE_CONTROL_POLICY", "aws_managed": false, "targets": ["r-abcd"]}}"#,
        ),
        Case::fail(
            "attached nowhere",
            r#"{"config": {"name": "p", "policy_type": "SERVICE_CONTROL_POLICY", "aws_managed": false, "targets": []}}"#,
        ),
        Case::not_applicable(
            "near miss: FullAWSAccess",
            r#"{"config": {"name": "FullAWSAccess", "policy_type": "SERVICE_CONTROL_POLICY", "aws_managed": true, "targets": []}}"#,
        ),
        Case::not_applicable(
            "tag policy",
            r#"{"config": {"name": "tags", "policy_type": "TAG_POLICY", "aws_managed": false, "targets": []}}"#,
        ),
        Case::unknown(
            "targets not observed",
            r#"{"config": {"name": "p", "policy_type": "SERVICE_CONTROL_POLICY", "aws_managed": false}}"#,
        ),
    ],
};
