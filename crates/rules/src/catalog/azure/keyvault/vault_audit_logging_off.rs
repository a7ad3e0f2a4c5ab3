use super::super::support::{diagnostic_settings_of, listed};

use crate::prelude::*;

/// Flags Key Vaults whose audit events are not exported by a diagnostic setting.
pub(crate) struct VaultAuditLoggingOff;

impl TypedRule for VaultAuditLoggingOff {
    type Config = azure::KeyVault;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &azure::KeyVault,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let (seen, mine) = diagnostic_settings_of(cx, &r.account, &r.uid);
        let ok = mine
            .iter()
            .any(|(_, d)| d.has_destination == Some(true) && d.exports("AuditEvent"));
        if ok {
            return Ok(Verdict::Pass);
        }
        // Reading this resource's diagnostic settings failed: what was seen may be incomplete.
        listed(r, "diagnostic_settings")?;
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!(
                    "no diagnostic setting of subscription {} was observed: either none exists or they were not collected",
                    r.account
                )
                .into(),
            ));
        }
        if mine.iter().any(|(_, d)| d.logs.is_none()) {
            return Ok(Verdict::Unknown(
                "the log categories of the vault's diagnostic setting were not observed".into(),
            ));
        }
        Ok(Verdict::fail_msg(format!(
            "Key Vault `{}` has no diagnostic setting exporting AuditEvent logs ({} setting(s) on the vault)",
            r.name,
            mine.len()
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.keyvault.vault_audit_logging_off",
    title: "Key Vault audit events are not logged",
    severity: Severity::Medium,
    severity_rationale: "Without audit logs, secret and key reads by an intruder go unnoticed and cannot be investigated.",
    service: "keyvault",
    description: "Looks for a diagnostic setting on the vault that sends the `AuditEvent` category (or the `audit`/`allLogs` group) to a destination. Unknown when no diagnostic settings of the subscription were collected.",
    risk: "Who read which secret, and when, cannot be established after a compromise.",
    remediation: Remediation {
        summary: "Add a diagnostic setting that sends the audit category group to Log Analytics or a storage account.",
        cli: "az monitor diagnostic-settings create --name audit --resource {uid} --workspace <workspace-id> --logs '[{\"categoryGroup\":\"audit\",\"enabled\":true}]'",
        terraform: "resource \"azurerm_monitor_diagnostic_setting\" \"{name}_audit\" {\n  name                       = \"audit\"\n  target_resource_id         = \"{uid}\"\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id\n  enabled_log {\n    category_group = \"audit\"\n  }\n}",
        console: "Azure portal → Key vaults → {name} → Monitoring → Diagnostic settings → + Add diagnostic setting → check \"audit\" → choose a destination → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds log export (with ingestion cost).",
    permissions: &["Microsoft.KeyVault/vaults/read", "Microsoft.Insights/diagnosticSettings/read"],
    references: &["https://learn.microsoft.com/azure/key-vault/general/logging"],
    cases: &[
        Case::pass("audit group exported", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1", "config": {}}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1/providers/microsoft.insights/diagnosticsettings/audit", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1", "logs": [{"category_group": "audit", "enabled": true}], "has_destination": true}}"#]),
        Case::fail("setting exports only metrics", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1", "config": {}}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1", "logs": [], "has_destination": true}}"#]),
        Case::unknown("reading the diagnostic settings was denied; an incomplete setting observed", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1", "config": {}, "gaps": [{"field": "diagnostic_settings", "api": "Microsoft.Insights/diagnosticSettings/read", "reason": "denied", "detail": "403 AuthorizationFailed"}]}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1", "logs": [], "has_destination": true}}"#]),
        Case::fail("only another vault is logged", r#"{"uid": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv1", "config": {}}"#).with(&[r#"{"kind": "azure.monitor.diagnostic_setting", "config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv2", "logs": [{"category": "AuditEvent", "enabled": true}], "has_destination": true}}"#]),
        Case::unknown("no diagnostic settings collected", r#"{"config": {}}"#),
    ],
};
