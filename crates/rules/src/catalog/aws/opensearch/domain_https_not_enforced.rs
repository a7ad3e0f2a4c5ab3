use crate::prelude::*;

/// Flags OpenSearch domains that accept plain HTTP.
pub(crate) struct DomainHttpsNotEnforced;

impl TypedRule for DomainHttpsNotEnforced {
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
        let v = *need(&d.enforce_https, "enforce_https")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("OpenSearch domain `{}` accepts plain HTTP requests", r.name),
                "config.enforce_https",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.opensearch.domain_https_not_enforced",
    title: "OpenSearch domain accepts plain HTTP",
    severity: Severity::Medium,
    severity_rationale: "Requests, credentials and results can travel unencrypted between clients and the domain.",
    service: "opensearch",
    description: "Checks that the domain endpoint requires HTTPS (`EnforceHTTPS`).",
    risk: "Search results and signed or basic-auth credentials are readable and alterable in transit.",
    remediation: Remediation {
        summary: "Require HTTPS on the domain endpoint.",
        cli: "aws opensearch update-domain-config --region {region} --domain-name {config.domain_name} \\\n  --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10",
        terraform: "resource \"aws_opensearch_domain\" \"{name}\" {\n  # …\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"\n  }\n}",
        console: "OpenSearch console → Domains → {config.domain_name} → Actions → Edit security configuration → Require HTTPS.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients still calling http:// fail until they switch.",
    permissions: &["es:DescribeDomain"],
    references: &[
        "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html",
    ],
    cases: &[
        Case::pass(
            "HTTPS required",
            r#"{"config": {"domain_name": "d", "enforce_https": true}}"#,
        ),
        Case::fail(
            "HTTP allowed",
            r#"{"config": {"domain_name": "d", "enforce_https": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"domain_name": "d"}}"#),
    ],
};
