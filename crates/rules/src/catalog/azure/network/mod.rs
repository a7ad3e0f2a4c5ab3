//! Azure networking rules.

mod nsg_admin_ports_open;

use crate::engine::Rule;

/// Network rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[&nsg_admin_ports_open::NsgAdminPortsOpen];
