//! Compute Engine and VPC rules.

mod default_network_exists;
mod firewall_admin_ports_open;
mod instance_default_service_account_full_access;
mod instance_external_ip;
mod instance_project_ssh_keys_allowed;
mod instance_serial_port_enabled;

use crate::engine::Rule;

/// Compute rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &default_network_exists::DefaultNetworkExists,
    &firewall_admin_ports_open::FirewallAdminPortsOpen,
    &instance_default_service_account_full_access::InstanceDefaultServiceAccountFullAccess,
    &instance_external_ip::InstanceExternalIp,
    &instance_project_ssh_keys_allowed::InstanceProjectSshKeysAllowed,
    &instance_serial_port_enabled::InstanceSerialPortEnabled,
];
