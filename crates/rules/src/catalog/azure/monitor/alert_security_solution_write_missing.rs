use super::super::support::{Watch, activity_alert};

use crate::prelude::*;

/// Flags subscriptions without an activity log alert for creating or updating security solutions.
pub(crate) struct AlertSecuritySolutionWriteMissing;

impl TypedRule for AlertSecuritySolutionWriteMissing {
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
        activity_alert(
            r,
            cx,
            Watch::Operation("microsoft.security/securitysolutions/write"),
            "creating or updating security solutions",
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.monitor.alert_security_solution_write_missing",
    title: "No activity log alert for security solution create/update",
    severity: Severity::Low,
    severity_rationale: "A detection gap: the change itself is logged, but nobody is told when it happens.",
    service: "monitor",
    description: "Looks for an enabled activity log alert, scoped to the subscription and notifying an action group, whose condition matches the operation `Microsoft.Security/securitySolutions/write`. Unknown when no activity log alert of the subscription was observed at all.",
    risk: "Security tooling can be reconfigured by an intruder unnoticed.",
    remediation: Remediation {
        summary: "Create an activity log alert for `Microsoft.Security/securitySolutions/write` with an action group.",
        cli: "az monitor activity-log alert create --name alert-security-solution-write --resource-group <rg> --scope /subscriptions/{account} --condition category=Administrative and operationName=Microsoft.Security/securitySolutions/write --action-group <action-group-id>",
        terraform: "resource \"azurerm_monitor_activity_log_alert\" \"security_solution_write\" {\n  name                = \"alert-security-solution-write\"\n  resource_group_name = \"<rg>\"\n  location            = \"global\"\n  scopes              = [\"/subscriptions/{account}\"]\n  criteria {\n    category       = \"Administrative\"\n    operation_name = \"Microsoft.Security/securitySolutions/write\"\n  }\n  action {\n    action_group_id = azurerm_monitor_action_group.secops.id\n  }\n}",
        console: "Azure portal → Monitor → Alerts → + Create → Alert rule → scope: subscription {account} → Condition: Activity log signal \"Microsoft.Security/securitySolutions/write\" → Actions: choose an action group → Create.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds notifications.",
    permissions: &["Microsoft.Insights/activityLogAlerts/read"],
    references: &["https://learn.microsoft.com/azure/azure-monitor/alerts/activity-log-alerts"],
    cases: &[
        Case::pass("matching alert", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": true, "scopes": ["/subscriptions/111122223333"], "conditions": [{"field": "category", "equals": "administrative"}, {"field": "operationname", "equals": "microsoft.security/securitysolutions/write"}], "action_groups": ["/ag/secops"]}}"#]),
        Case::fail("alert disabled", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": false, "scopes": ["/subscriptions/111122223333"], "conditions": [{"field": "operationname", "equals": "microsoft.security/securitysolutions/write"}], "action_groups": ["/ag/secops"]}}"#]),
        Case::unknown("reading the subscription's alerts failed; only a non-matching alert (alert disabled) was observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}, "gaps": [{"field": "activity_log_alerts", "api": "Microsoft.Insights/activityLogAlerts/read", "reason": "denied", "detail": "403 AuthorizationFailed"}]}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": false, "scopes": ["/subscriptions/111122223333"], "conditions": [{"field": "operationname", "equals": "microsoft.security/securitysolutions/write"}], "action_groups": ["/ag/secops"]}}"#]),
        Case::fail("other operation only", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": true, "scopes": ["/subscriptions/111122223333"], "conditions": [{"field": "operationname", "equals": "microsoft.compute/virtualmachines/delete"}], "action_groups": ["/ag/secops"]}}"#]),
        Case::fail("no action group", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": true, "scopes": ["/subscriptions/111122223333"], "conditions": [{"field": "operationname", "equals": "microsoft.security/securitysolutions/write"}], "action_groups": []}}"#]),
        Case::unknown("no alerts observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#),
    ],
};
