use super::super::support::metric_alert;

use crate::prelude::*;

/// Flags projects without a log-based metric and alert for audit configuration changes.
pub(crate) struct AuditConfigChangeAlertMissing;

impl TypedRule for AuditConfigChangeAlertMissing {
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
            &["SetIamPolicy", "auditConfigDeltas"],
            "audit configuration changes",
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.logging.audit_config_change_alert_missing",
    title: "No log metric and alert for audit configuration changes",
    severity: Severity::Low,
    severity_rationale: "Detects attempts to blind logging; a detection gap, not an exposure.",
    service: "logging",
    description: "Looks for an enabled log-based metric whose filter contains the clauses of the recommended filter (`SetIamPolicy`, `auditConfigDeltas`), and an enabled alert policy on `logging.googleapis.com/user/<metric>`. Unknown when no metric (or no alert policy) of the project was observed.",
    risk: "An intruder can switch off data-access logging before acting.",
    remediation: Remediation {
        summary: "Create a log-based metric for audit configuration changes and an alert policy on it with a notification channel.",
        cli: "gcloud logging metrics create audit-config-change --project={account} --log-filter='protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*'\ngcloud alpha monitoring policies create --project={account} --notification-channels=<channel> --display-name='audit configuration changes' --condition-display-name='audit configuration changes' --condition-filter='metric.type=\"logging.googleapis.com/user/audit-config-change\" AND resource.type=\"global\"' --if='> 0' --duration=0s --aggregation='{\"alignmentPeriod\":\"60s\",\"perSeriesAligner\":\"ALIGN_COUNT\"}'",
        terraform: "resource \"google_logging_metric\" \"audit_config_change\" {\n  name   = \"audit-config-change\"\n  filter = <<-EOT\n    protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*\n  EOT\n  metric_descriptor {\n    metric_kind = \"DELTA\"\n    value_type  = \"INT64\"\n  }\n}\n\nresource \"google_monitoring_alert_policy\" \"audit_config_change\" {\n  display_name = \"audit configuration changes\"\n  combiner     = \"OR\"\n  notification_channels = [google_monitoring_notification_channel.secops.id]\n  conditions {\n    display_name = \"audit configuration changes\"\n    condition_threshold {\n      filter          = \"metric.type=\\\"logging.googleapis.com/user/${google_logging_metric.audit_config_change.name}\\\" AND resource.type=\\\"global\\\"\"\n      comparison      = \"COMPARISON_GT\"\n      threshold_value = 0\n      duration        = \"0s\"\n      aggregations {\n        alignment_period   = \"60s\"\n        per_series_aligner = \"ALIGN_COUNT\"\n      }\n    }\n  }\n}",
        console: "Cloud console → Logging → Log-based metrics → Create metric (Counter) with the filter for audit configuration changes → then ⋮ → Create alert from metric → add a notification channel → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds a metric and notifications.",
    permissions: &["logging.logMetrics.list", "monitoring.alertPolicies.list"],
    references: &["https://cloud.google.com/logging/docs/logs-based-metrics", "https://cloud.google.com/monitoring/alerts/using-alerting-ui"],
    cases: &[
        Case::pass("metric and alert", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "audit-config-change", "filter": "protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/audit-config-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::fail("no matching metric", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "errors", "filter": "severity>=ERROR", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/audit-config-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::unknown("listing log-based metrics was denied; only an unrelated metric observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}, "gaps": [{"field": "log_metrics", "api": "logging.logMetrics.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "errors", "filter": "severity>=ERROR", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/audit-config-change\" AND resource.type=\"global\""], "notification_channels": 1}}"#]),
        Case::fail("alert disabled", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "audit-config-change", "filter": "protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": false, "condition_filters": ["metric.type=\"logging.googleapis.com/user/audit-config-change\""], "notification_channels": 1}}"#]),
        Case::unknown("listing alert policies was denied; only a disabled alert observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}, "gaps": [{"field": "alert_policies", "api": "monitoring.alertPolicies.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "audit-config-change", "filter": "protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": false, "condition_filters": ["metric.type=\"logging.googleapis.com/user/audit-config-change\""], "notification_channels": 1}}"#]),
        Case::fail("alert on a metric with a longer name", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "audit-config-change", "filter": "protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*", "disabled": false}}"#, r#"{"kind": "gcp.monitoring.alert_policy", "config": {"enabled": true, "condition_filters": ["metric.type=\"logging.googleapis.com/user/audit-config-change-old\""], "notification_channels": 1}}"#]),
        Case::unknown("metric but no alert policies observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.metric", "config": {"metric_name": "audit-config-change", "filter": "protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*", "disabled": false}}"#]),
        Case::unknown("no metrics observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#),
    ],
};
