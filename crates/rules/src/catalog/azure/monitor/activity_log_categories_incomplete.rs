use crate::prelude::*;

/// Flags subscription activity-log exports that leave out required categories.
pub(crate) struct ActivityLogCategoriesIncomplete;

impl TypedRule for ActivityLogCategoriesIncomplete {
    type Config = azure::DiagnosticSetting;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::DiagnosticSetting,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let target = need(&c.target, "target")?;
        let is_subscription = target.split('/').filter(|s| !s.is_empty()).count() == 2;
        if !is_subscription {
            return Ok(Verdict::NotApplicable(
                "a resource diagnostic setting, not the subscription activity log".into(),
            ));
        }
        need(&c.logs, "logs")?;
        let missing: Vec<&str> = ["Administrative", "Alert", "Policy", "Security"]
            .into_iter()
            .filter(|cat| !c.exports(cat))
            .collect();
        Ok(Verdict::check(missing.is_empty(), || {
            Verdict::fail(
                format!(
                    "Activity log export `{}` leaves out {}",
                    r.name,
                    missing.join(", ")
                ),
                "config.logs",
                json!(missing),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.monitor.activity_log_categories_incomplete",
    title: "Activity log export leaves out required categories",
    severity: Severity::Low,
    severity_rationale: "The export exists but misses event types that investigations and alerts rely on.",
    service: "monitor",
    description: "For subscription-level diagnostic settings, checks that the Administrative, Alert, Policy and Security categories (or the allLogs group) are enabled.",
    risk: "Security-relevant control-plane events (Defender alerts, policy denials, administrative writes) are missing from the log archive.",
    remediation: Remediation {
        summary: "Enable the missing categories on the diagnostic setting.",
        cli: "az monitor diagnostic-settings subscription update --name {name} --logs '[{\"category\":\"Administrative\",\"enabled\":true},{\"category\":\"Alert\",\"enabled\":true},{\"category\":\"Policy\",\"enabled\":true},{\"category\":\"Security\",\"enabled\":true}]'",
        terraform: "resource \"azurerm_monitor_diagnostic_setting\" \"{name}\" {\n  # …\n  enabled_log { category = \"Administrative\" }\n  enabled_log { category = \"Alert\" }\n  enabled_log { category = \"Policy\" }\n  enabled_log { category = \"Security\" }\n}",
        console: "Azure portal → Monitor → Activity log → Export Activity Logs → {name} → Edit setting → check Administrative, Alert, Policy, Security → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds log volume.",
    permissions: &["Microsoft.Insights/diagnosticSettings/read"],
    references: &["https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema"],
    cases: &[
        Case::pass(
            "all four",
            r#"{"config": {"target": "/subscriptions/111122223333", "has_destination": true, "logs": [{"category": "Administrative", "enabled": true}, {"category": "Alert", "enabled": true}, {"category": "Policy", "enabled": true}, {"category": "Security", "enabled": true}]}}"#,
        ),
        Case::pass(
            "allLogs group",
            r#"{"config": {"target": "/subscriptions/111122223333", "logs": [{"category_group": "allLogs", "enabled": true}]}}"#,
        ),
        Case::fail(
            "administrative only",
            r#"{"config": {"target": "/subscriptions/111122223333", "logs": [{"category": "Administrative", "enabled": true}, {"category": "Security", "enabled": false}]}}"#,
        ),
        Case::not_applicable(
            "resource setting",
            r#"{"config": {"target": "/subscriptions/111122223333/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv", "logs": []}}"#,
        ),
        Case::unknown(
            "logs not observed",
            r#"{"config": {"target": "/subscriptions/111122223333"}}"#,
        ),
    ],
};
