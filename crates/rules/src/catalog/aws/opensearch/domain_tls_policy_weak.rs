use crate::prelude::*;

/// Flags OpenSearch domains whose endpoint still negotiates TLS 1.0/1.1.
pub(crate) struct DomainTlsPolicyWeak;

impl TypedRule for DomainTlsPolicyWeak {
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
        let p = need(&d.tls_security_policy, "tls_security_policy")?;
        Ok(Verdict::check(p.contains("TLS-1-2"), || {
            Verdict::fail(
                format!(
                    "OpenSearch domain `{}` accepts TLS older than 1.2 ({p})",
                    r.name
                ),
                "config.tls_security_policy",
                json!(p),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.opensearch.domain_tls_policy_weak",
    title: "OpenSearch domain allows TLS older than 1.2",
    severity: Severity::Low,
    severity_rationale: "TLS 1.0/1.1 have known weaknesses but exploiting them needs a network position and a willing \
        old client.",
    service: "opensearch",
    description: "Checks that the endpoint's TLS security policy requires TLS 1.2 or later \
        (`Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-2-PFS-2023-10`).",
    risk: "Clients can be downgraded to deprecated protocol versions, and compliance scans flag the endpoint.",
    remediation: Remediation {
        summary: "Switch to a TLS 1.2+ security policy.",
        cli: "aws opensearch update-domain-config --region {region} --domain-name {config.domain_name} \\\n  --domain-endpoint-options TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10",
        terraform: "resource \"aws_opensearch_domain\" \"{name}\" {\n  # …\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"\n  }\n}",
        console: "OpenSearch console → Domains → {config.domain_name} → Actions → Edit security configuration → TLS security \
            policy → TLS 1.2.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Very old clients that only speak TLS 1.0/1.1 can no longer connect.",
    permissions: &["es:DescribeDomain"],
    references: &[
        "https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html",
    ],
    cases: &[
        Case::pass(
            "TLS 1.2 with PFS",
            r#"{"config": {"domain_name": "d", "tls_security_policy": "Policy-Min-TLS-1-2-PFS-2023-10"}}"#,
        ),
        Case::fail(
            "TLS 1.0",
            r#"{"config": {"domain_name": "d", "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"domain_name": "d"}}"#),
    ],
};
