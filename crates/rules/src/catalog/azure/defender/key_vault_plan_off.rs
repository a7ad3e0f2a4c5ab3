use super::super::support::defender_plan;

use crate::prelude::*;

/// Flags subscriptions where the Defender for Key Vault plan is on the free tier.
pub(crate) struct KeyVaultPlanOff;

impl TypedRule for KeyVaultPlanOff {
    type Config = azure::DefenderPlan;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::DefenderPlan,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        defender_plan(r, c, "KeyVaults", "Key Vault")
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.key_vault_plan_off",
    title: "Microsoft Defender for Key Vault is off",
    severity: Severity::Medium,
    severity_rationale: "Turning the plan off does not expose anything, but attacks on the covered resources go undetected.",
    service: "defender",
    description: "Reads the `KeyVaults` pricing of the subscription: `Standard` passes, `Free` fails. Covers: Key Vaults: unusual secret access and access from suspicious locations. Other plans are not applicable to this rule.",
    risk: "Threats against key vault resources raise no Defender alerts and no vulnerability findings.",
    remediation: Remediation {
        summary: "Enable the Defender for Key Vault plan on the subscription.",
        cli: "az security pricing create --name KeyVaults --tier Standard --subscription {account}",
        terraform: "resource \"azurerm_security_center_subscription_pricing\" \"key_vault\" {\n  tier          = \"Standard\"\n  resource_type = \"KeyVaults\"\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription {account} → Defender plans → Key Vault: On → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Detection only; billing starts per protected resource.",
    permissions: &["Microsoft.Security/pricings/read"],
    references: &[
        "https://learn.microsoft.com/azure/defender-for-cloud/defender-for-cloud-introduction",
    ],
    cases: &[
        Case::pass(
            "standard",
            r#"{"name": "KeyVaults", "config": {"plan": "KeyVaults", "pricing_tier": "Standard"}}"#,
        ),
        Case::fail(
            "free",
            r#"{"name": "KeyVaults", "config": {"plan": "KeyVaults", "pricing_tier": "Free"}}"#,
        ),
        Case::not_applicable(
            "another plan",
            r#"{"name": "Dns", "config": {"plan": "Dns", "pricing_tier": "Free"}}"#,
        ),
        Case::unknown("tier not observed", r#"{"config": {"plan": "KeyVaults"}}"#),
    ],
};
