use super::super::support::defender_plan;

use crate::prelude::*;

/// Flags subscriptions where the Defender for Resource Manager plan is on the free tier.
pub(crate) struct ResourceManagerPlanOff;

impl TypedRule for ResourceManagerPlanOff {
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
        defender_plan(r, c, "Arm", "Resource Manager")
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.resource_manager_plan_off",
    title: "Microsoft Defender for Resource Manager is off",
    severity: Severity::Medium,
    severity_rationale: "Turning the plan off does not expose anything, but attacks on the covered resources go undetected.",
    service: "defender",
    description: "Reads the `Arm` pricing of the subscription: `Standard` passes, `Free` fails. Covers: ARM control plane: suspicious management operations and toolkits. Other plans are not applicable to this rule.",
    risk: "Threats against resource manager resources raise no Defender alerts and no vulnerability findings.",
    remediation: Remediation {
        summary: "Enable the Defender for Resource Manager plan on the subscription.",
        cli: "az security pricing create --name Arm --tier Standard --subscription {account}",
        terraform: "resource \"azurerm_security_center_subscription_pricing\" \"resource_manager\" {\n  tier          = \"Standard\"\n  resource_type = \"Arm\"\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription {account} → Defender plans → Resource Manager: On → Save.",
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
            r#"{"name": "Arm", "config": {"plan": "Arm", "pricing_tier": "Standard"}}"#,
        ),
        Case::fail(
            "free",
            r#"{"name": "Arm", "config": {"plan": "Arm", "pricing_tier": "Free"}}"#,
        ),
        Case::not_applicable(
            "another plan",
            r#"{"name": "Dns", "config": {"plan": "Dns", "pricing_tier": "Free"}}"#,
        ),
        Case::unknown("tier not observed", r#"{"config": {"plan": "Arm"}}"#),
    ],
};
