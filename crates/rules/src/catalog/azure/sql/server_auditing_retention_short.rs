use crate::prelude::*;

/// Flags Azure SQL servers whose audit logs are kept less than 90 days.
pub(crate) struct ServerAuditingRetentionShort;

impl TypedRule for ServerAuditingRetentionShort {
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
        if !*need(&c.auditing_enabled, "auditing_enabled")? {
            return Ok(Verdict::NotApplicable(
                "auditing is off (see the auditing rule)".into(),
            ));
        }
        let days = *need(&c.auditing_retention_days, "auditing_retention_days")?;
        Ok(Verdict::check(days == 0 || days >= 90, || {
            Verdict::fail(
                format!("SQL server `{}` keeps audit logs {days} days", r.name),
                "config.auditing_retention_days",
                json!(days),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.sql.server_auditing_retention_short",
    title: "Azure SQL audit log retention is under 90 days",
    severity: Severity::Low,
    severity_rationale: "Logs exist but may be gone before an incident is discovered.",
    service: "sql",
    description: "For servers with auditing on, checks the retention of the storage destination: 0 (unlimited) or at least 90 days passes.",
    risk: "Intrusions discovered late cannot be reconstructed.",
    remediation: Remediation {
        summary: "Raise audit retention to 90 days or more (or unlimited).",
        cli: "az sql server audit-policy update --ids {uid} --retention-days 90",
        terraform: "resource \"azurerm_mssql_server_extended_auditing_policy\" \"{name}\" {\n  server_id         = \"{uid}\"\n  retention_in_days = 90\n}",
        console: "Azure portal → SQL servers → {name} → Security → Auditing → Storage → Advanced properties → Retention (days): 90 → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only storage cost changes.",
    permissions: &["Microsoft.Sql/servers/auditingSettings/read"],
    references: &["https://learn.microsoft.com/azure/azure-sql/database/auditing-setup"],
    cases: &[
        Case::pass(
            "unlimited",
            r#"{"config": {"auditing_enabled": true, "auditing_retention_days": 0}}"#,
        ),
        Case::pass(
            "90 days",
            r#"{"config": {"auditing_enabled": true, "auditing_retention_days": 90}}"#,
        ),
        Case::fail(
            "30 days",
            r#"{"config": {"auditing_enabled": true, "auditing_retention_days": 30}}"#,
        ),
        Case::not_applicable("auditing off", r#"{"config": {"auditing_enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {"auditing_enabled": true}}"#),
    ],
};
