use super::super::support::defender_plan;

use crate::prelude::*;

/// Flags subscriptions where the Defender for SQL servers on machines plan is on the free tier.
pub(crate) struct SqlServersOnMachinesPlanOff;

impl TypedRule for SqlServersOnMachinesPlanOff {
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
        defender_plan(r, c, "SqlServerVirtualMachines", "SQL servers on machines")
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.sql_servers_on_machines_plan_off",
    title: "Microsoft Defender for SQL servers on machines is off",
    severity: Severity::Medium,
    severity_rationale: "Turning the plan off does not expose anything, but attacks on the covered resources go undetected.",
    service: "defender",
    description: "Reads the `SqlServerVirtualMachines` pricing of the subscription: `Standard` passes, `Free` fails. Covers: SQL Server on VMs and Arc: the same threats as Azure SQL. Other plans are not applicable to this rule.",
    risk: "Threats against sql servers on machines resources raise no Defender alerts and no vulnerability findings.",
    remediation: Remediation {
        summary: "Enable the Defender for SQL servers on machines plan on the subscription.",
        cli: "az security pricing create --name SqlServerVirtualMachines --tier Standard --subscription {account}",
        terraform: "resource \"azurerm_security_center_subscription_pricing\" \"sql_servers_on_machines\" {\n  tier          = \"Standard\"\n  resource_type = \"SqlServerVirtualMachines\"\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription {account} → Defender plans → SQL servers on machines: On → Save.",
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
            r#"{"name": "SqlServerVirtualMachines", "config": {"plan": "SqlServerVirtualMachines", "pricing_tier": "Standard"}}"#,
        ),
        Case::fail(
            "free",
            r#"{"name": "SqlServerVirtualMachines", "config": {"plan": "SqlServerVirtualMachines", "pricing_tier": "Free"}}"#,
        ),
        Case::not_applicable(
            "another plan",
            r#"{"name": "Dns", "config": {"plan": "Dns", "pricing_tier": "Free"}}"#,
        ),
        Case::unknown(
            "tier not observed",
            r#"{"config": {"plan": "SqlServerVirtualMachines"}}"#,
        ),
    ],
};
