use crate::prelude::*;

/// Flags Azure SQL servers without server-level auditing.
pub(crate) struct ServerAuditingOff;

impl TypedRule for ServerAuditingOff {
    type Config = azure::SqlServer;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::SqlServer,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.auditing_enabled, "auditing_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("SQL server `{}` has auditing off", r.name),
                "config.auditing_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.sql.server_auditing_off",
    title: "Azure SQL server auditing is off",
    severity: Severity::Medium,
    severity_rationale: "No exposure by itself, but database activity by an intruder or insider leaves no trace.",
    service: "sql",
    description: "Reads the server `auditingSettings` (state). Servers whose auditing settings were not collected are Unknown.",
    risk: "Logins, schema changes and data access cannot be reviewed or investigated.",
    remediation: Remediation {
        summary: "Enable server auditing to Log Analytics, a storage account or Event Hubs.",
        cli: "az sql server audit-policy update --ids {uid} --state Enabled --lats Enabled --lawri <workspace-id>",
        terraform: "resource \"azurerm_mssql_server_extended_auditing_policy\" \"{name}\" {\n  server_id              = \"{uid}\"\n  log_monitoring_enabled = true\n}",
        console: "Azure portal → SQL servers → {name} → Security → Auditing → Enable Azure SQL Auditing → choose a destination → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Auditing adds log volume and cost; queries are unaffected.",
    permissions: &["Microsoft.Sql/servers/auditingSettings/read"],
    references: &["https://learn.microsoft.com/azure/azure-sql/database/auditing-overview"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"auditing_enabled": true}}"#),
        Case::fail(
            "non-compliant",
            r#"{"config": {"auditing_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
