use crate::prelude::*;

/// Flags virtual networks without DDoS Network Protection.
pub(crate) struct VnetDdosProtectionOff;

impl TypedRule for VnetDdosProtectionOff {
    type Config = azure::VirtualNetwork;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::VirtualNetwork,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.ddos_protection_enabled, "ddos_protection_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("VNet `{}` has no DDoS Network Protection", r.name),
                "config.ddos_protection_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.vnet_ddos_protection_off",
    title: "Virtual network has no DDoS Network Protection",
    severity: Severity::Low,
    severity_rationale: "Basic infrastructure protection always applies; the paid plan adds tuning, telemetry and support for public-facing workloads.",
    service: "network",
    description: "Checks `enableDdosProtection` (a DDoS protection plan is attached). Unset means off.",
    risk: "Volumetric attacks on public IPs in the network are only mitigated at platform thresholds, without adaptive tuning, alerts or cost protection.",
    remediation: Remediation {
        summary: "Attach a DDoS protection plan to VNets with internet-facing workloads.",
        cli: "az network vnet update --ids {uid} --ddos-protection true --ddos-protection-plan <plan-id>",
        terraform: "resource \"azurerm_virtual_network\" \"{name}\" {\n  # …\n  ddos_protection_plan {\n    id     = azurerm_network_ddos_protection_plan.main.id\n    enable = true\n  }\n}",
        console: "Azure portal → Virtual networks → {name} → Settings → DDoS protection → Enable → choose a plan → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "No traffic impact; the plan has a significant monthly cost.",
    permissions: &["Microsoft.Network/virtualNetworks/read"],
    references: &["https://learn.microsoft.com/azure/ddos-protection/ddos-protection-overview"],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"ddos_protection_enabled": true}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"ddos_protection_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
