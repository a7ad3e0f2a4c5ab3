use crate::prelude::*;

/// Flags OpenSearch domains without fine-grained access control.
pub(crate) struct DomainFineGrainedAccessOff;

impl TypedRule for DomainFineGrainedAccessOff {
    type Config = aws::OpenSearchDomain;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &aws::OpenSearchDomain,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(
            &d.fine_grained_access_control,
            "fine_grained_access_control",
        )?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "OpenSearch domain `{}` has fine-grained access control off",
                    r.name
                ),
                "config.fine_grained_access_control",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.opensearch.domain_fine_grained_access_off",
    title: "OpenSearch domain has fine-grained access control off",
    severity: Severity::Low,
    severity_rationale: "Access is then all-or-nothing through the domain policy; anyone allowed in sees every index. \
        The domain policy still gates entry.",
    service: "opensearch",
    description: "Checks that fine-grained access control (index-, document- and field-level permissions, internal \
        users or IAM role mapping) is enabled.",
    risk: "Every principal the domain policy admits can read and change every index, including sensitive ones.",
    remediation: Remediation {
        summary: "Enable fine-grained access control with an IAM master role (requires HTTPS, node-to-node encryption and \
            encryption at rest).",
        cli: "aws opensearch update-domain-config --region {region} --domain-name {config.domain_name} \\\n  --advanced-security-options Enabled=true,MasterUserOptions={MasterUserARN=arn:aws:iam::{account}:role/<search-admin>}",
        terraform: "resource \"aws_opensearch_domain\" \"{name}\" {\n  # …\n  advanced_security_options {\n    enabled = true\n    master_user_options {\n      master_user_arn = aws_iam_role.search_admin.arn\n    }\n  }\n}",
        console: "OpenSearch console → Domains → {config.domain_name} → Actions → Edit security configuration → Enable \
            fine-grained access control.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Existing clients need role mappings afterwards or they lose access; cannot be turned off again.",
    permissions: &["es:DescribeDomain"],
    references: &["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"domain_name": "d", "fine_grained_access_control": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"domain_name": "d", "fine_grained_access_control": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"domain_name": "d"}}"#),
    ],
};
