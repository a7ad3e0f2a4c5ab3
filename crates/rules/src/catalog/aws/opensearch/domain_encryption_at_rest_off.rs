use crate::prelude::*;

/// Flags OpenSearch domains without encryption at rest.
pub(crate) struct DomainEncryptionAtRestOff;

impl TypedRule for DomainEncryptionAtRestOff {
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
        let v = *need(&d.encryption_at_rest, "encryption_at_rest")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("OpenSearch domain `{}` is not encrypted at rest", r.name),
                "config.encryption_at_rest",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.opensearch.domain_encryption_at_rest_off",
    title: "OpenSearch domain is not encrypted at rest",
    severity: Severity::Medium,
    severity_rationale: "Indexes, logs and snapshots are stored unencrypted; search clusters often hold copies of \
        application and log data, including personal data.",
    service: "opensearch",
    description: "Checks that encryption at rest (KMS) is enabled for the domain's indexes, logs, swap and automated \
        snapshots.",
    risk: "Indexed data is stored in the clear, failing encryption-at-rest requirements, with no key to revoke access.",
    remediation: Remediation {
        summary: "Enable encryption at rest (OpenSearch 2.x / Elasticsearch 6.7+ can do it in place with a blue/green change).",
        cli: "aws opensearch update-domain-config --region {region} --domain-name {config.domain_name} --encryption-at-rest-options Enabled=true",
        terraform: "resource \"aws_opensearch_domain\" \"{name}\" {\n  # …\n  encrypt_at_rest {\n    enabled = true\n  }\n}",
        console: "OpenSearch console → Domains → {config.domain_name} → Actions → Edit security configuration → Encryption of \
            data at rest → Enable.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Transparent to clients; the change runs as a blue/green deployment.",
    permissions: &["es:DescribeDomain"],
    references: &[
        "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html",
    ],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"domain_name": "d", "encryption_at_rest": true}}"#,
        ),
        Case::fail(
            "not encrypted",
            r#"{"config": {"domain_name": "d", "encryption_at_rest": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"domain_name": "d"}}"#),
    ],
};
