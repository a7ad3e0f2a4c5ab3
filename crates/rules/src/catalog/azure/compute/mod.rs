//! Azure compute rules.

mod disk_network_access_allow_all;

use crate::engine::Rule;

/// Compute rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&disk_network_access_allow_all::DiskNetworkAccessAllowAll];
