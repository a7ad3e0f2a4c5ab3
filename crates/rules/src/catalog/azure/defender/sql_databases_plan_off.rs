use super::super::support::defender_plan;

use crate::prelude::*;

/// Flags subscriptions where the Defender for Azure SQL Databases plan is on the free tier.
pub(crate) struct SqlDatabasesPlanOff;

impl TypedRule for SqlDatabasesPlanOff {
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
        defender_plan(r, c, "SqlServers", "Azure SQL Databases")
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.sql_databases_plan_off",
    title: "Microsoft Defender for Azure SQL Databases is off",
    severity: Severity::Medium,
    severity_rationale: "Turning the plan off does not expose anything, but attacks on the covered resources go undetected.",
    service: "defender",
    description: "Reads the `SqlServers` pricing of the subscription: `Standard` passes, `Free` fails. Covers: Azure SQL and SQL Managed Instance: injection, anomalous logins, vulnerability assessment. Other plans are not applicable to this rule.",
    risk: "Threats against azure sql databases resources raise no Defender alerts and no vulnerability findings.",
    remediation: Remediation {
        summary: "Enable the Defender for Azure SQL Databases plan on the subscription.",
        cli: "az security pricing create --name SqlServers --tier Standard --subscription {account}",
        terraform: "resource \"azurerm_security_center_subscription_pricing\" \"sql_databases\" {\n  tier          = \"Standard\"\n  resource_type = \"SqlServers\"\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription {account} → Defender plans → Azure SQL Databases: On → Save.",
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
            r#"{"name": "SqlServers", "config": {"plan": "SqlServers", "pricing_tier": "Standard"}}"#,
        ),
        Case::fail(
            "free",
            r#"{"name": "SqlServers", "config": {"plan": "SqlServers", "pricing_tier": "Free"}}"#,
        ),
        Case::not_applicable(
            "another plan",
            r#"{"name": "Dns", "config": {"plan": "Dns", "pricing_tier": "Free"}}"#,
        ),
        Case::unknown("tier not observed", r#"{"config": {"plan": "SqlServers"}}"#),
    ],
};
