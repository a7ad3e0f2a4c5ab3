use super::super::support::defender_plan;

use crate::prelude::*;

/// Flags subscriptions where the Defender for App Service plan is on the free tier.
pub(crate) struct AppServicePlanOff;

impl TypedRule for AppServicePlanOff {
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
        defender_plan(r, c, "AppServices", "App Service")
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.app_service_plan_off",
    title: "Microsoft Defender for App Service is off",
    severity: Severity::Medium,
    severity_rationale: "Turning the plan off does not expose anything, but attacks on the covered resources go undetected.",
    service: "defender",
    description: "Reads the `AppServices` pricing of the subscription: `Standard` passes, `Free` fails. Covers: Web apps: attacks against the app and dangling DNS. Other plans are not applicable to this rule.",
    risk: "Threats against app service resources raise no Defender alerts and no vulnerability findings.",
    remediation: Remediation {
        summary: "Enable the Defender for App Service plan on the subscription.",
        cli: "az security pricing create --name AppServices --tier Standard --subscription {account}",
        terraform: "resource \"azurerm_security_center_subscription_pricing\" \"app_service\" {\n  tier          = \"Standard\"\n  resource_type = \"AppServices\"\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription {account} → Defender plans → App Service: On → Save.",
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
            r#"{"name": "AppServices", "config": {"plan": "AppServices", "pricing_tier": "Standard"}}"#,
        ),
        Case::fail(
            "free",
            r#"{"name": "AppServices", "config": {"plan": "AppServices", "pricing_tier": "Free"}}"#,
        ),
        Case::not_applicable(
            "another plan",
            r#"{"name": "Dns", "config": {"plan": "Dns", "pricing_tier": "Free"}}"#,
        ),
        Case::unknown(
            "tier not observed",
            r#"{"config": {"plan": "AppServices"}}"#,
        ),
    ],
};
