use crate::prelude::*;

/// Flags Application Gateway WAF policies without the bot manager rule set.
pub(crate) struct WafPolicyBotProtectionOff;

impl TypedRule for WafPolicyBotProtectionOff {
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
        let sets = need(&c.managed_rule_sets, "managed_rule_sets")?;
        let ok = sets
            .iter()
            .any(|s| s.eq_ignore_ascii_case("Microsoft_BotManagerRuleSet"));
        Ok(Verdict::check(ok, || {
            Verdict::fail(
                format!("WAF policy `{}` has no bot protection rule set", r.name),
                "config.managed_rule_sets",
                json!(sets),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.waf_policy_bot_protection_off",
    title: "WAF policy has no bot protection",
    severity: Severity::Low,
    severity_rationale: "Bad bots scrape and probe; blocking known-bad sources reduces noise and automated attacks.",
    service: "network",
    description: "Checks that the `Microsoft_BotManagerRuleSet` managed rule set is part of the policy.",
    risk: "Traffic from known malicious bots and scanners reaches the application.",
    remediation: Remediation {
        summary: "Add the bot manager rule set to the policy.",
        cli: "az network application-gateway waf-policy managed-rule rule-set add --policy-name {name} --resource-group <rg> --type Microsoft_BotManagerRuleSet --version 1.0",
        terraform: "resource \"azurerm_web_application_firewall_policy\" \"{name}\" {\n  # …\n  managed_rules {\n    managed_rule_set {\n      type    = \"Microsoft_BotManagerRuleSet\"\n      version = \"1.0\"\n    }\n  }\n}",
        console: "Azure portal → Web Application Firewall policies → {name} → Settings → Bot protection → Enable → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Automated clients you rely on (monitoring, partners) may be classified as bots and blocked.",
    permissions: &["Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/read"],
    references: &[
        "https://learn.microsoft.com/azure/web-application-firewall/ag/bot-protection-overview",
    ],
    cases: &[
        Case::pass(
            "bot rules on",
            r#"{"config": {"managed_rule_sets": ["OWASP", "Microsoft_BotManagerRuleSet"]}}"#,
        ),
        Case::fail(
            "OWASP only",
            r#"{"config": {"managed_rule_sets": ["OWASP"]}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
