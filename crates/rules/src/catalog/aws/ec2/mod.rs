//! EC2 (and VPC) rules.

mod default_security_group_allows_traffic;
mod instance_imdsv2_not_required;
mod security_group_admin_ports_open;
mod security_group_database_ports_open;
mod volume_unencrypted;

use crate::engine::Rule;

/// EC2 rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &default_security_group_allows_traffic::DefaultSecurityGroupAllowsTraffic,
    &instance_imdsv2_not_required::InstanceImdsv2NotRequired,
    &security_group_admin_ports_open::SecurityGroupAdminPortsOpen,
    &security_group_database_ports_open::SecurityGroupDatabasePortsOpen,
    &volume_unencrypted::VolumeUnencrypted,
];
