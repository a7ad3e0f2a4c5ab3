//! IAM rules.

mod account_support_role_missing;
mod inline_admin;
mod password_policy_complexity_off;
mod password_policy_weak;
mod policy_allow_not_action;
mod policy_full_admin;
mod policy_gate;
mod policy_kms_decrypt_all_keys;
mod policy_privilege_escalation_passrole;
mod policy_s3_full_access_all_buckets;
mod role_inline_policy_full_admin;
mod role_trust_allows_any_principal;
mod role_trust_third_party_without_external_id;
mod root_access_keys_present;
mod root_hardware_mfa_off;
mod root_mfa_off;
mod root_used_recently;
mod user_access_key_older_than_90_days;
mod user_console_without_mfa;
mod user_credentials_unused_45_days;
mod user_inline_policy_full_admin;
mod user_multiple_active_access_keys;
mod user_policies_attached_directly;

mod role_cloudshell_full_access;
mod server_certificate_expired;
mod user_cloudshell_full_access;
mod user_unused_initial_access_key;
use crate::engine::Rule;

/// IAM rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &account_support_role_missing::AccountSupportRoleMissing,
    &password_policy_complexity_off::PasswordPolicyComplexityOff,
    &password_policy_weak::PasswordPolicyWeak,
    &policy_allow_not_action::PolicyAllowNotAction,
    &policy_full_admin::PolicyFullAdmin,
    &policy_kms_decrypt_all_keys::PolicyKmsDecryptAllKeys,
    &policy_privilege_escalation_passrole::PolicyPrivilegeEscalationPassrole,
    &policy_s3_full_access_all_buckets::PolicyS3FullAccessAllBuckets,
    &role_inline_policy_full_admin::RoleInlinePolicyFullAdmin,
    &role_trust_allows_any_principal::RoleTrustAllowsAnyPrincipal,
    &role_trust_third_party_without_external_id::RoleTrustThirdPartyWithoutExternalId,
    &root_access_keys_present::RootAccessKeysPresent,
    &root_hardware_mfa_off::RootHardwareMfaOff,
    &root_mfa_off::RootMfaOff,
    &root_used_recently::RootUsedRecently,
    &user_access_key_older_than_90_days::UserAccessKeyOlderThan90Days,
    &user_console_without_mfa::UserConsoleWithoutMfa,
    &user_credentials_unused_45_days::UserCredentialsUnused45Days,
    &user_inline_policy_full_admin::UserInlinePolicyFullAdmin,
    &user_multiple_active_access_keys::UserMultipleActiveAccessKeys,
    &user_policies_attached_directly::UserPoliciesAttachedDirectly,
    &role_cloudshell_full_access::RoleCloudshellFullAccess,
    &server_certificate_expired::ServerCertificateExpired,
    &user_cloudshell_full_access::UserCloudshellFullAccess,
    &user_unused_initial_access_key::UserUnusedInitialAccessKey,
];
