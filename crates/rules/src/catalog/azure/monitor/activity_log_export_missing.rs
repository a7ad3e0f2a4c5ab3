use super::super::support::{diagnostic_settings_of, listed};

use crate::prelude::*;

/// Flags subscriptions whose activity log is not exported by a diagnostic setting.
pub(crate) struct ActivityLogExportMissing;

impl TypedRule for ActivityLogExportMissing {
    type Config = azure::Subscription;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &azure::Subscription,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let (seen, mine) = diagnostic_settings_of(cx, &r.account, &r.uid);
        if mine.iter().any(|(_, d)| d.has_destination == Some(true)) {
            return Ok(Verdict::Pass);
        }
        // A denied or failed listing of the subscription's diagnostic settings: their absence
        // (even with resource-level settings observed) proves nothing.
        listed(r, "diagnostic_settings")?;
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!("no diagnostic setting of subscription {} was observed: either none exists or they were not collected", r.account).into(),
            ));
        }
        Ok(Verdict::fail_msg(format!(
            "Subscription {} has no diagnostic setting exporting its activity log",
            r.account
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.monitor.activity_log_export_missing",
    title: "Subscription activity log is not exported",
    severity: Severity::Medium,
    severity_rationale: "The activity log is kept only 90 days and cannot be queried with other logs; investigations and alerting suffer.",
    service: "monitor",
    description: "Looks for a subscription-level diagnostic setting with a destination. Unknown when no diagnostic setting of the subscription was observed at all, or when listing the subscription's diagnostic settings failed (the reason is reported).",
    risk: "Control-plane actions (who deleted or opened what) older than 90 days are lost, and cannot feed a SIEM.",
    remediation: Remediation {
        summary: "Create a subscription diagnostic setting that sends the activity log to Log Analytics or a storage account.",
        cli: "az monitor diagnostic-settings subscription create --name activity-export --location <region> --workspace <workspace-id> --logs '[{\"category\":\"Administrative\",\"enabled\":true},{\"category\":\"Security\",\"enabled\":true},{\"category\":\"Alert\",\"enabled\":true},{\"category\":\"Policy\",\"enabled\":true}]'",
        terraform: "resource \"azurerm_monitor_diagnostic_setting\" \"activity\" {\n  name                       = \"activity-export\"\n  target_resource_id         = \"/subscriptions/{account}\"\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id\n  enabled_log { category = \"Administrative\" }\n  enabled_log { category = \"Security\" }\n  enabled_log { category = \"Alert\" }\n  enabled_log { category = \"Policy\" }\n}",
        console: "Azure portal → Monitor → Activity log → Export Activity Logs → subscription → + Add diagnostic setting → choose categories and a destination → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds log export (with ingestion cost).",
    permissions: &["Microsoft.Insights/diagnosticSettings/read"],
    references: &["https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log"],
    cases: &[
        Case::pass("exported", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333", "logs": [{"category": "Administrative", "enabled": true}], "has_destination": true}}"#]),
        Case::fail("only resource-level settings", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv", "logs": [], "has_destination": true}}"#]),
        Case::unknown("listing the subscription's diagnostic settings was denied; a resource-level setting was observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}, "gaps": [{"field": "diagnostic_settings", "api": "GET providers/Microsoft.Insights/diagnosticSettings", "reason": "denied", "detail": "403 AuthorizationFailed"}]}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv", "logs": [], "has_destination": true}}"#]),
        Case::pass("exported, although a later listing page failed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}, "gaps": [{"field": "diagnostic_settings", "reason": "throttled"}]}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333", "logs": [{"category": "Administrative", "enabled": true}], "has_destination": true}}"#]),
        Case::unknown("no settings observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#),
    ],
};
