use crate::prelude::*;

/// Flags Application Gateways without a web application firewall.
pub(crate) struct AppGatewayWafOff;

impl TypedRule for AppGatewayWafOff {
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
        let v = *need(&c.waf_enabled, "waf_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Application Gateway `{}` has no WAF", r.name),
                "config.waf_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.app_gateway_waf_off",
    title: "Application Gateway has no web application firewall",
    severity: Severity::Medium,
    severity_rationale: "The gateway fronts web apps from the internet; without WAF, common injection and scanning traffic reaches them unfiltered.",
    service: "network",
    description: "Passes when the legacy WAF configuration is enabled or a WAF policy is attached.",
    risk: "SQL injection, XSS and known-exploit traffic is forwarded to the backends.",
    remediation: Remediation {
        summary: "Move to the WAF_v2 SKU and attach a WAF policy in Prevention mode.",
        cli: "az network application-gateway update --ids {uid} --set sku.name=WAF_v2 sku.tier=WAF_v2 --set firewallPolicy.id=<waf-policy-id>",
        terraform: "resource \"azurerm_application_gateway\" \"{name}\" {\n  # …\n  sku {\n    name = \"WAF_v2\"\n    tier = \"WAF_v2\"\n  }\n  firewall_policy_id = azurerm_web_application_firewall_policy.main.id\n}",
        console: "Azure portal → Application gateways → {name} → Settings → Web application firewall → Tier: WAF V2 → associate a policy → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "A WAF in Prevention mode can block legitimate requests; start in Detection mode and tune.",
    permissions: &["Microsoft.Network/applicationGateways/read"],
    references: &["https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"waf_enabled": true}}"#),
        Case::fail("non-compliant", r#"{"config": {"waf_enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
