//! GCP logging rules.

mod audit_config_change_alert_missing;
mod custom_role_change_alert_missing;
mod firewall_change_alert_missing;
mod network_change_alert_missing;
mod ownership_change_alert_missing;
mod project_sink_missing;
mod route_change_alert_missing;
mod sql_config_change_alert_missing;
mod storage_iam_change_alert_missing;

use crate::engine::Rule;

/// logging rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &audit_config_change_alert_missing::AuditConfigChangeAlertMissing,
    &custom_role_change_alert_missing::CustomRoleChangeAlertMissing,
    &firewall_change_alert_missing::FirewallChangeAlertMissing,
    &network_change_alert_missing::NetworkChangeAlertMissing,
    &ownership_change_alert_missing::OwnershipChangeAlertMissing,
    &project_sink_missing::ProjectSinkMissing,
    &route_change_alert_missing::RouteChangeAlertMissing,
    &sql_config_change_alert_missing::SqlConfigChangeAlertMissing,
    &storage_iam_change_alert_missing::StorageIamChangeAlertMissing,
];
