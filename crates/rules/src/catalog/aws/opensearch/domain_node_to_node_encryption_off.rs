use crate::prelude::*;

/// Flags OpenSearch domains whose nodes talk unencrypted.
pub(crate) struct DomainNodeToNodeEncryptionOff;

impl TypedRule for DomainNodeToNodeEncryptionOff {
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
        let v = *need(&d.node_to_node_encryption, "node_to_node_encryption")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "OpenSearch domain `{}` does not encrypt traffic between its nodes",
                    r.name
                ),
                "config.node_to_node_encryption",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.opensearch.domain_node_to_node_encryption_off",
    title: "OpenSearch domain does not encrypt node-to-node traffic",
    severity: Severity::Medium,
    severity_rationale: "Shard replication and queries cross the VPC network in clear text; reading them needs a foothold \
        inside the network, which limits the exposure.",
    service: "opensearch",
    description: "Checks that node-to-node encryption (TLS between the domain's nodes) is enabled.",
    risk: "Anyone able to capture traffic in the VPC reads indexed documents as they replicate.",
    remediation: Remediation {
        summary: "Enable node-to-node encryption.",
        cli: "aws opensearch update-domain-config --region {region} --domain-name {config.domain_name} --node-to-node-encryption-options Enabled=true",
        terraform: "resource \"aws_opensearch_domain\" \"{name}\" {\n  # …\n  node_to_node_encryption {\n    enabled = true\n  }\n}",
        console: "OpenSearch console → Domains → {config.domain_name} → Actions → Edit security configuration → Node-to-node \
            encryption → Enable.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Internal to the domain; applied with a blue/green deployment.",
    permissions: &["es:DescribeDomain"],
    references: &["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"domain_name": "d", "node_to_node_encryption": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"domain_name": "d", "node_to_node_encryption": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"domain_name": "d"}}"#),
    ],
};
