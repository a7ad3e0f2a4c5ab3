//! IAM rules.

mod password_policy_weak;
mod policy_full_admin;
mod root_access_keys_present;
mod root_mfa_off;
mod user_access_key_older_than_90_days;
mod user_console_without_mfa;

use crate::engine::Rule;

/// IAM rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &password_policy_weak::PasswordPolicyWeak,
    &policy_full_admin::PolicyFullAdmin,
    &root_access_keys_present::RootAccessKeysPresent,
    &root_mfa_off::RootMfaOff,
    &user_access_key_older_than_90_days::UserAccessKeyOlderThan90Days,
    &user_console_without_mfa::UserConsoleWithoutMfa,
];
