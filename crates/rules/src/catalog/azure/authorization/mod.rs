//! Azure authorization rules.

mod custom_role_owner_equivalent;
mod subscription_owner_count;
mod user_access_admin_at_root;

use crate::engine::Rule;

/// authorization rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &custom_role_owner_equivalent::CustomRoleOwnerEquivalent,
    &subscription_owner_count::SubscriptionOwnerCount,
    &user_access_admin_at_root::UserAccessAdminAtRoot,
];
