use super::super::support::metric_alert;

use crate::prelude::*;

/// Flags projects without a log-based metric and alert for Cloud SQL configuration changes.
pub(crate) struct SqlConfigChangeAlertMissing;

impl TypedRule for SqlConfigChangeAlertMissing {
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
            &["cloudsql.instances.update"],
            "Cloud SQL configuration changes",
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.logging.sql_config_change_alert_missing",
    title: "No log metric and alert for Cloud SQL configuration changes",
    severity: Severity::Low,
    severity_rationale: "A detection gap for database exposure changes.",
    service: "logging",
    description: "Looks for an enabled log-based metric whose filter contains the clauses of the recommended filter (`cloudsql.instances.update`), and an enabled alert policy on `logging.googleapis.com/user/<metric>`. Unknown when no metric (or no alert policy) of the project was observed.",
    risk: "Database exposure (public IP, authorized networks, flags) can change unnoticed.",
    remediation: Remediation {
        summary: "Create a log-based metric for Cloud SQL configuration changes and an alert policy on it with a notification channel.",
        cli: "gcloud logging metrics create sql-config-change --project={account} --log-filter='protoPayload.methodName=\"cloudsql.instances.update\"'\ngcloud alpha monitoring policies create --project={account} --notification-channels=<channel> --display-name='Cloud SQL configuration changes' --condition-display-name='Cloud SQL configuration changes' --condition-filter='metric.type=\"logging.googleapis.com/user/sql-config-change\" AND resource.type=\"global\"' --if='> 0' --duration=0s --aggregation='{\"alignmentPeriod\":\"60s\",\"perSeriesAligner\":\"ALIGN_COUNT\"}'",
        terraform: "resource \"google_logging_metric\" \"sql_config_change\" {\n  name   = \"sql-config-change\"\n  filter = <<-EOT\n    protoPayload.methodName=\"cloudsql.instances.update\"\n  EOT\n  metric_descriptor {\n    metric_kind = \"DELTA\"\n    value_type  = \"INT64\"\n  }\n}\n\nresource \"google_monitoring_alert_policy\" \"sql_config_change\" {\n  display_name = \"Cloud SQL configuration changes\"\n  combiner     = \"OR\"\n  notification_channels = [google_monitoring_notification_channel.secops.id]\n  conditions {\n    display_name = \"Cloud SQL configuration changes\"\n    condition_threshold {\n      filter          = \"metric.type=\\\"logging.googleapis.com/user/${google_logging_metric.sql_config_change.name}\\\" AND resource.type=\\\"global\\\"\"\n      comparison      = \"COMPARISON_GT\"\n      threshold_value = 0\n      duration        = \"0s\"\n      aggregations {\n        alignment_period   = \"60s\"\n        per_series_aligner = \"ALIGN_COUNT\"\n      }\n    }\n  }\n}",
        console: "Cloud console → Logging → Log-based metrics → Create metric (Counter) with the filter for Cloud SQL configuration changes → then ⋮ → Create alert from metric → add a notification channel → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds a metric and notifications.",
    permissions: &["logging.logMetrics.list", "monitoring.alertPolicies.list"],
    references: &["https://cloud.google.com/logging/docs/logs-based-metrics", "https://cloud.google.com/monitoring/alerts/using-alerting-ui"],
    cases: &[
        Case::pass("metric and alert", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "sql-config-change", "filter": "protoPayload.methodName=\"cloudsql.instances.update\"", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/sql-config-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::fail("no matching metric", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "errors", "filter": "severity>=ERROR", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/sql-config-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::unknown("listing log-based metrics was denied; only an unrelated metric observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}, "gaps": [{"field": "log_metrics", "api": "logging.logMetrics.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "errors", "filter": "severity>=ERROR", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/sql-config-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::fail("alert disabled", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "sql-config-change", "filter": "protoPayload.methodName=\"cloudsql.instances.update\"", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": false, "condition_filters": ["metric.type=\"logging.googleapis.com/user/sql-config-change\""], "notification_channels": 1}}"#]),
        Case::unknown("listing alert policies was denied; only a disabled alert observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}, "gaps": [{"field": "alert_policies", "api": "monitoring.alertPolicies.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "sql-config-change", "filter": "protoPayload.methodName=\"cloudsql.instances.update\"", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": false, "condition_filters": ["metric.type=\"logging.googleapis.com/user/sql-config-change\""], "notification_channels": 1}}"#]),
        Case::fail("alert on a metric with a longer name", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "sql-config-change", "filter": "protoPayload.methodName=\"cloudsql.instances.update\"", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/sql-config-change-old\""], "notification_channels": 1}}"#]),
        Case::unknown("metric but no alert policies observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "sql-config-change", "filter": "protoPayload.methodName=\"cloudsql.instances.update\"", "disabled": false}}"#]),
        Case::unknown("no metrics observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#),
    ],
};
