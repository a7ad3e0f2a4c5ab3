use crate::prelude::*;

/// Flags Application Gateway WAF policies that do not inspect request bodies.
pub(crate) struct WafPolicyRequestBodyInspectionOff;

impl TypedRule for WafPolicyRequestBodyInspectionOff {
    type Config = azure::WafPolicy;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::WafPolicy,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.request_body_check, "request_body_check")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("WAF policy `{}` does not inspect request bodies", r.name),
                "config.request_body_check",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.waf_policy_request_body_inspection_off",
    title: "WAF policy does not inspect request bodies",
    severity: Severity::Medium,
    severity_rationale: "Most injection payloads arrive in POST bodies; without inspection the WAF sees only URLs and headers.",
    service: "network",
    description: "Checks `policySettings.requestBodyCheck`.",
    risk: "Attacks placed in form fields or JSON bodies pass the WAF.",
    remediation: Remediation {
        summary: "Turn on request body inspection.",
        cli: "az network application-gateway waf-policy policy-setting update --policy-name {name} --resource-group <rg> --request-body-check true",
        terraform: "resource \"azurerm_web_application_firewall_policy\" \"{name}\" {\n  # …\n  policy_settings {\n    request_body_check = true\n  }\n}",
        console: "Azure portal → Web Application Firewall policies → {name} → Settings → Policy settings → Inspect request body: On → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Bodies over the size limit, or that match rules, start being blocked in Prevention mode.",
    permissions: &["Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/read"],
    references: &[
        "https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits",
    ],
    cases: &[
        Case::pass("compliant", r#"{"config": {"request_body_check": true}}"#),
        Case::fail(
            "non-compliant",
            r#"{"config": {"request_body_check": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
