//! EC2 / VPC rules.

mod security_group_admin_ports_open;

use crate::engine::Rule;

/// EC2 rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&security_group_admin_ports_open::SecurityGroupAdminPortsOpen];
