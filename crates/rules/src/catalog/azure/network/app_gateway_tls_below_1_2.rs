use crate::prelude::*;

/// Flags Application Gateways whose SSL policy allows TLS below 1.2.
pub(crate) struct AppGatewayTlsBelow12;

impl TypedRule for AppGatewayTlsBelow12 {
    type Config = azure::ApplicationGateway;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::ApplicationGateway,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = need(&c.min_tls_version, "min_tls_version")?;
        let ok = matches!(v.to_ascii_lowercase().as_str(), "tlsv1_2" | "tlsv1_3");
        Ok(Verdict::check(ok, || {
            Verdict::fail(
                format!(
                    "Application Gateway `{}` accepts TLS below 1.2 (minimum `{v}`)",
                    r.name
                ),
                "config.min_tls_version",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.app_gateway_tls_below_1_2",
    title: "Application Gateway accepts TLS versions below 1.2",
    severity: Severity::Medium,
    severity_rationale: "Deprecated protocol versions on an internet-facing listener; exploitation needs an on-path attacker.",
    service: "network",
    description: "Reads the minimum protocol of the gateway's SSL policy (custom, or derived from the predefined policy name). A gateway without an explicit policy is Unknown because the default depends on the API version that created it.",
    risk: "Clients can be downgraded to TLS 1.0/1.1.",
    remediation: Remediation {
        summary: "Use a predefined policy with TLS 1.2+ (AppGwSslPolicy20220101S) or a custom policy with TLSv1_2 minimum.",
        cli: "az network application-gateway ssl-policy set --ids {uid} --policy-type Predefined --name AppGwSslPolicy20220101S",
        terraform: "resource \"azurerm_application_gateway\" \"{name}\" {\n  # …\n  ssl_policy {\n    policy_type = \"Predefined\"\n    policy_name = \"AppGwSslPolicy20220101S\"\n  }\n}",
        console: "Azure portal → Application gateways → {name} → Settings → Listeners → Listener TLS certificates → SSL policy → choose 20220101S → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients limited to TLS 1.0/1.1 can no longer connect.",
    permissions: &["Microsoft.Network/applicationGateways/read"],
    references: &[
        "https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview",
    ],
    cases: &[
        Case::pass("TLS 1.2", r#"{"config": {"min_tls_version": "TLSv1_2"}}"#),
        Case::fail("TLS 1.0", r#"{"config": {"min_tls_version": "TLSv1_0"}}"#),
        Case::unknown("no explicit policy", r#"{"config": {}}"#),
    ],
};
