//! Cloud SQL rules.

mod instance_backups_off;
mod instance_open_to_internet;
mod instance_ssl_not_enforced;

use crate::engine::Rule;

/// Cloud SQL rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &instance_backups_off::InstanceBackupsOff,
    &instance_open_to_internet::InstanceOpenToInternet,
    &instance_ssl_not_enforced::InstanceSslNotEnforced,
];
