use super::super::support::defender_plan;

use crate::prelude::*;

/// Flags subscriptions where the Defender for open-source relational databases plan is on the free tier.
pub(crate) struct OpenSourceDatabasesPlanOff;

impl TypedRule for OpenSourceDatabasesPlanOff {
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
        defender_plan(
            r,
            c,
            "OpenSourceRelationalDatabases",
            "open-source relational databases",
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.open_source_databases_plan_off",
    title: "Microsoft Defender for open-source relational databases is off",
    severity: Severity::Medium,
    severity_rationale: "Turning the plan off does not expose anything, but attacks on the covered resources go undetected.",
    service: "defender",
    description: "Reads the `OpenSourceRelationalDatabases` pricing of the subscription: `Standard` passes, `Free` fails. Covers: PostgreSQL, MySQL and MariaDB: brute force and anomalous access. Other plans are not applicable to this rule.",
    risk: "Threats against open-source relational databases resources raise no Defender alerts and no vulnerability findings.",
    remediation: Remediation {
        summary: "Enable the Defender for open-source relational databases plan on the subscription.",
        cli: "az security pricing create --name OpenSourceRelationalDatabases --tier Standard --subscription {account}",
        terraform: "resource \"azurerm_security_center_subscription_pricing\" \"open_source_databases\" {\n  tier          = \"Standard\"\n  resource_type = \"OpenSourceRelationalDatabases\"\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription {account} → Defender plans → open-source relational databases: On → Save.",
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
            r#"{"name": "OpenSourceRelationalDatabases", "config": {"plan": "OpenSourceRelationalDatabases", "pricing_tier": "Standard"}}"#,
        ),
        Case::fail(
            "free",
            r#"{"name": "OpenSourceRelationalDatabases", "config": {"plan": "OpenSourceRelationalDatabases", "pricing_tier": "Free"}}"#,
        ),
        Case::not_applicable(
            "another plan",
            r#"{"name": "Dns", "config": {"plan": "Dns", "pricing_tier": "Free"}}"#,
        ),
        Case::unknown(
            "tier not observed",
            r#"{"config": {"plan": "OpenSourceRelationalDatabases"}}"#,
        ),
    ],
};
