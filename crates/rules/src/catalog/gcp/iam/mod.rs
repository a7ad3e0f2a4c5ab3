//! GCP iam rules.

mod service_account_key_not_rotated;
mod service_account_user_managed_key;

use crate::engine::Rule;

/// iam rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &service_account_key_not_rotated::ServiceAccountKeyNotRotated,
    &service_account_user_managed_key::ServiceAccountUserManagedKey,
];
