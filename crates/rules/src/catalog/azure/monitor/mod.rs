//! Azure monitor rules.

mod activity_log_categories_incomplete;
mod activity_log_export_missing;
mod alert_nsg_delete_missing;
mod alert_nsg_write_missing;
mod alert_policy_assignment_delete_missing;
mod alert_policy_assignment_write_missing;
mod alert_public_ip_delete_missing;
mod alert_public_ip_write_missing;
mod alert_security_solution_delete_missing;
mod alert_security_solution_write_missing;
mod alert_service_health_missing;
mod alert_sql_firewall_rule_delete_missing;
mod alert_sql_firewall_rule_write_missing;

use crate::engine::Rule;

/// monitor rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &activity_log_categories_incomplete::ActivityLogCategoriesIncomplete,
    &activity_log_export_missing::ActivityLogExportMissing,
    &alert_nsg_delete_missing::AlertNsgDeleteMissing,
    &alert_nsg_write_missing::AlertNsgWriteMissing,
    &alert_policy_assignment_delete_missing::AlertPolicyAssignmentDeleteMissing,
    &alert_policy_assignment_write_missing::AlertPolicyAssignmentWriteMissing,
    &alert_public_ip_delete_missing::AlertPublicIpDeleteMissing,
    &alert_public_ip_write_missing::AlertPublicIpWriteMissing,
    &alert_security_solution_delete_missing::AlertSecuritySolutionDeleteMissing,
    &alert_security_solution_write_missing::AlertSecuritySolutionWriteMissing,
    &alert_service_health_missing::AlertServiceHealthMissing,
    &alert_sql_firewall_rule_delete_missing::AlertSqlFirewallRuleDeleteMissing,
    &alert_sql_firewall_rule_write_missing::AlertSqlFirewallRuleWriteMissing,
];
