use super::super::support::{Watch, activity_alert};

use crate::prelude::*;

/// Flags subscriptions without a Service Health activity log alert.
pub(crate) struct AlertServiceHealthMissing;

impl TypedRule for AlertServiceHealthMissing {
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
            Watch::Category("servicehealth"),
            "Service Health events",
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.monitor.alert_service_health_missing",
    title: "No activity log alert for Service Health events",
    severity: Severity::Low,
    severity_rationale: "An availability and awareness gap: platform incidents and planned maintenance are not pushed to anyone.",
    service: "monitor",
    description: "Looks for an enabled activity log alert, scoped to the subscription and notifying an action group, on the ServiceHealth category. Unknown when no activity log alert was observed at all.",
    risk: "Outages, security advisories and retirements announced through Service Health reach the team late.",
    remediation: Remediation {
        summary: "Create a Service Health alert with an action group.",
        cli: "az monitor activity-log alert create --name service-health --resource-group <rg> --scope /subscriptions/{account} --condition category=ServiceHealth --action-group <action-group-id>",
        terraform: "resource \"azurerm_monitor_activity_log_alert\" \"service_health\" {\n  name                = \"service-health\"\n  resource_group_name = \"<rg>\"\n  location            = \"global\"\n  scopes              = [\"/subscriptions/{account}\"]\n  criteria {\n    category = \"ServiceHealth\"\n  }\n  action {\n    action_group_id = azurerm_monitor_action_group.ops.id\n  }\n}",
        console: "Azure portal → Service Health → Health alerts → + Create service health alert → subscription {account} → Actions: choose an action group → Create.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds notifications.",
    permissions: &["Microsoft.Insights/activityLogAlerts/read"],
    references: &["https://learn.microsoft.com/azure/service-health/alerts-activity-log-service-notifications-portal"],
    cases: &[
        Case::pass("service health alert", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": true, "scopes": ["/subscriptions/111122223333"], "conditions": [{"field": "category", "equals": "servicehealth"}], "action_groups": ["/ag/ops"]}}"#]),
        Case::fail("scoped to another subscription", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": true, "scopes": ["/subscriptions/other"], "conditions": [{"field": "category", "equals": "servicehealth"}], "action_groups": ["/ag/ops"]}}"#]),
        Case::unknown("reading the subscription's alerts failed; only a non-matching alert (scoped to another subscription) was observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}, "gaps": [{"field": "activity_log_alerts", "api": "Microsoft.Insights/activityLogAlerts/read", "reason": "denied", "detail": "403 AuthorizationFailed"}]}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": true, "scopes": ["/subscriptions/other"], "conditions": [{"field": "category", "equals": "servicehealth"}], "action_groups": ["/ag/ops"]}}"#]),
        Case::unknown("alert settings not observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.monitor.activity_log_alert", "config": {"enabled": true}}"#]),
        Case::unknown("no alerts observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#),
    ],
};
