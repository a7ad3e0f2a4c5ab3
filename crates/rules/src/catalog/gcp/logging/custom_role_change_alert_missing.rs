use super::super::support::metric_alert;

use crate::prelude::*;

/// Flags projects without a log-based metric and alert for custom role changes.
pub(crate) struct CustomRoleChangeAlertMissing;

impl TypedRule for CustomRoleChangeAlertMissing {
    type Config = gcp::Project;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &gcp::Project,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        metric_alert(
            r,
            cx,
            &[
                "resource.type=\"iam_role\"",
                "CreateRole",
                "DeleteRole",
                "UpdateRole",
            ],
            "custom role changes",
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.logging.custom_role_change_alert_missing",
    title: "No log metric and alert for custom role changes",
    severity: Severity::Low,
    severity_rationale: "A detection gap for privilege changes.",
    service: "logging",
    description: "Looks for an enabled log-based metric whose filter contains the clauses of the recommended filter (`resource.type=\"iam_role\"`, `CreateRole`, `DeleteRole`, `UpdateRole`), and an enabled alert policy on `logging.googleapis.com/user/<metric>`. Unknown when no metric (or no alert policy) of the project was observed.",
    risk: "Custom roles can quietly gain powerful permissions.",
    remediation: Remediation {
        summary: "Create a log-based metric for custom role changes and an alert policy on it with a notification channel.",
        cli: "gcloud logging metrics create custom-role-change --project={account} --log-filter='resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")'\ngcloud alpha monitoring policies create --project={account} --notification-channels=<channel> --display-name='custom role changes' --condition-display-name='custom role changes' --condition-filter='metric.type=\"logging.googleapis.com/user/custom-role-change\" AND resource.type=\"global\"' --if='> 0' --duration=0s --aggregation='{\"alignmentPeriod\":\"60s\",\"perSeriesAligner\":\"ALIGN_COUNT\"}'",
        terraform: "resource \"google_logging_metric\" \"custom_role_change\" {\n  name   = \"custom-role-change\"\n  filter = <<-EOT\n    resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")\n  EOT\n  metric_descriptor {\n    metric_kind = \"DELTA\"\n    value_type  = \"INT64\"\n  }\n}\n\nresource \"google_monitoring_alert_policy\" \"custom_role_change\" {\n  display_name = \"custom role changes\"\n  combiner     = \"OR\"\n  notification_channels = [google_monitoring_notification_channel.secops.id]\n  conditions {\n    display_name = \"custom role changes\"\n    condition_threshold {\n      filter          = \"metric.type=\\\"logging.googleapis.com/user/${google_logging_metric.custom_role_change.name}\\\" AND resource.type=\\\"global\\\"\"\n      comparison      = \"COMPARISON_GT\"\n      threshold_value = 0\n      duration        = \"0s\"\n      aggregations {\n        alignment_period   = \"60s\"\n        per_series_aligner = \"ALIGN_COUNT\"\n      }\n    }\n  }\n}",
        console: "Cloud console → Logging → Log-based metrics → Create metric (Counter) with the filter for custom role changes → then ⋮ → Create alert from metric → add a notification channel → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds a metric and notifications.",
    permissions: &["logging.logMetrics.list", "monitoring.alertPolicies.list"],
    references: &["https://cloud.google.com/logging/docs/logs-based-metrics", "https://cloud.google.com/monitoring/alerts/using-alerting-ui"],
    cases: &[
        Case::pass("metric and alert", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "custom-role-change", "filter": "resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/custom-role-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::fail("no matching metric", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "errors", "filter": "severity>=ERROR", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/custom-role-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::unknown("listing log-based metrics was denied; only an unrelated metric observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}, "gaps": [{"field": "log_metrics", "api": "logging.logMetrics.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "errors", "filter": "severity>=ERROR", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/custom-role-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::fail("alert disabled", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "custom-role-change", "filter": "resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": false, "condition_filters": ["metric.type=\"logging.googleapis.com/user/custom-role-change\""], "notification_channels": 1}}"#]),
        Case::unknown("listing alert policies was denied; only a disabled alert observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}, "gaps": [{"field": "alert_policies", "api": "monitoring.alertPolicies.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "custom-role-change", "filter": "resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": false, "condition_filters": ["metric.type=\"logging.googleapis.com/user/custom-role-change\""], "notification_channels": 1}}"#]),
        Case::fail("alert on a metric with a longer name", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "custom-role-change", "filter": "resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/custom-role-change-old\""], "notification_channels": 1}}"#]),
        Case::unknown("metric but no alert policies observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "custom-role-change", "filter": "resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")", "disabled": false}}"#]),
        Case::unknown("no metrics observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#),
    ],
};
