//! CloudWatch rules: the CIS monitoring chain and alarm hygiene.

mod alarm_without_actions;
mod cloudtrail_changes_unmonitored;
mod cmk_deletion_unmonitored;
mod config_changes_unmonitored;
mod console_auth_failures_unmonitored;
mod console_signin_without_mfa_unmonitored;
mod iam_policy_changes_unmonitored;
pub(crate) mod monitoring;
mod nacl_changes_unmonitored;
mod network_gateway_changes_unmonitored;
mod organizations_changes_unmonitored;
mod root_usage_unmonitored;
mod route_table_changes_unmonitored;
mod s3_policy_changes_unmonitored;
mod security_group_changes_unmonitored;
mod unauthorized_api_calls_unmonitored;
mod vpc_changes_unmonitored;

use crate::engine::Rule;

/// CloudWatch rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &alarm_without_actions::AlarmWithoutActions,
    &unauthorized_api_calls_unmonitored::UNAUTHORIZED_API_CALLS_UNMONITORED,
    &console_signin_without_mfa_unmonitored::CONSOLE_SIGNIN_WITHOUT_MFA_UNMONITORED,
    &root_usage_unmonitored::ROOT_USAGE_UNMONITORED,
    &iam_policy_changes_unmonitored::IAM_POLICY_CHANGES_UNMONITORED,
    &cloudtrail_changes_unmonitored::CLOUDTRAIL_CHANGES_UNMONITORED,
    &console_auth_failures_unmonitored::CONSOLE_AUTH_FAILURES_UNMONITORED,
    &cmk_deletion_unmonitored::CMK_DELETION_UNMONITORED,
    &s3_policy_changes_unmonitored::S3_POLICY_CHANGES_UNMONITORED,
    &config_changes_unmonitored::CONFIG_CHANGES_UNMONITORED,
    &security_group_changes_unmonitored::SECURITY_GROUP_CHANGES_UNMONITORED,
    &nacl_changes_unmonitored::NACL_CHANGES_UNMONITORED,
    &network_gateway_changes_unmonitored::NETWORK_GATEWAY_CHANGES_UNMONITORED,
    &route_table_changes_unmonitored::ROUTE_TABLE_CHANGES_UNMONITORED,
    &vpc_changes_unmonitored::VPC_CHANGES_UNMONITORED,
    &organizations_changes_unmonitored::ORGANIZATIONS_CHANGES_UNMONITORED,
];
