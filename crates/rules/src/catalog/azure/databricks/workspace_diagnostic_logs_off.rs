use super::super::support::{diagnostic_settings_of, listed};

use crate::prelude::*;

/// Flags Databricks workspaces without diagnostic log delivery.
pub(crate) struct WorkspaceDiagnosticLogsOff;

impl TypedRule for WorkspaceDiagnosticLogsOff {
    type Config = azure::DatabricksWorkspace;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &azure::DatabricksWorkspace,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let (seen, mine) = diagnostic_settings_of(cx, &r.account, &r.uid);
        let ok = mine.iter().any(|(_, d)| {
            d.has_destination == Some(true) && d.logs.iter().flatten().any(|l| l.enabled)
        });
        if ok {
            return Ok(Verdict::Pass);
        }
        // Reading this resource's diagnostic settings failed: what was seen may be incomplete.
        listed(r, "diagnostic_settings")?;
        if seen == 0 {
            return Ok(Verdict::Unknown(format!("no diagnostic setting of subscription {} was observed: either none exists or they were not collected", r.account).into()));
        }
        Ok(Verdict::fail_msg(format!(
            "Databricks workspace `{}` has no diagnostic setting delivering its logs",
            r.name
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.databricks.workspace_diagnostic_logs_off",
    title: "Databricks workspace does not deliver diagnostic logs",
    severity: Severity::Medium,
    severity_rationale: "Workspace, cluster, notebook and job activity is not recorded; data access by an intruder goes unnoticed.",
    service: "databricks",
    description: "Looks for a diagnostic setting on the workspace with at least one enabled log category and a destination. Unknown when no diagnostic setting of the subscription was observed.",
    risk: "Who ran which notebook or job against which data cannot be reconstructed.",
    remediation: Remediation {
        summary: "Add a diagnostic setting sending the workspace logs (allLogs) to Log Analytics or storage (Premium tier required).",
        cli: "az monitor diagnostic-settings create --name dbw-logs --resource {uid} --workspace <workspace-id> --logs '[{\"categoryGroup\":\"allLogs\",\"enabled\":true}]'",
        terraform: "resource \"azurerm_monitor_diagnostic_setting\" \"{name}\" {\n  name                       = \"dbw-logs\"\n  target_resource_id         = \"{uid}\"\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id\n  enabled_log {\n    category_group = \"allLogs\"\n  }\n}",
        console: "Azure portal → Azure Databricks → {name} → Monitoring → Diagnostic settings → + Add → allLogs → destination → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds log export (ingestion cost).",
    permissions: &["Microsoft.Insights/diagnosticSettings/read"],
    references: &["https://learn.microsoft.com/azure/databricks/admin/account-settings/audit-log-delivery"],
    cases: &[
        Case::pass("logs delivered", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.databricks/workspaces/dbw", "config": {}}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.databricks/workspaces/dbw", "logs": [{"category_group": "allLogs", "enabled": true}], "has_destination": true}}"#]),
        Case::fail("setting without destination", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.databricks/workspaces/dbw", "config": {}}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.databricks/workspaces/dbw", "logs": [{"category_group": "allLogs", "enabled": true}], "has_destination": false}}"#]),
        Case::unknown("reading the diagnostic settings was denied; an incomplete setting observed", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.databricks/workspaces/dbw", "config": {}, "gaps": [{"field": "diagnostic_settings", "api": "Microsoft.Insights/diagnosticSettings/read", "reason": "denied", "detail": "403 AuthorizationFailed"}]}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.databricks/workspaces/dbw", "logs": [{"category_group": "allLogs", "enabled": true}], "has_destination": false}}"#]),
        Case::unknown("no diagnostic settings observed", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.databricks/workspaces/dbw", "config": {}}"#),
    ],
};
