//! Compute Engine and VPC rules.

mod backend_service_logging_off;
mod default_network_exists;
mod firewall_admin_ports_open;
mod instance_confidential_computing_off;
mod instance_csek_missing;
mod instance_default_service_account;
mod instance_default_service_account_full_access;
mod instance_external_ip;
mod instance_ip_forwarding_enabled;
mod instance_project_ssh_keys_allowed;
mod instance_serial_port_enabled;
mod instance_shielded_vm_off;
mod network_dns_logging_off;
mod network_legacy;
mod project_os_login_off;
mod subnetwork_flow_logs_off;

use crate::engine::Rule;

/// compute rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &backend_service_logging_off::BackendServiceLoggingOff,
    &default_network_exists::DefaultNetworkExists,
    &firewall_admin_ports_open::FirewallAdminPortsOpen,
    &instance_confidential_computing_off::InstanceConfidentialComputingOff,
    &instance_csek_missing::InstanceCsekMissing,
    &instance_default_service_account::InstanceDefaultServiceAccount,
    &instance_default_service_account_full_access::InstanceDefaultServiceAccountFullAccess,
    &instance_external_ip::InstanceExternalIp,
    &instance_ip_forwarding_enabled::InstanceIpForwardingEnabled,
    &instance_project_ssh_keys_allowed::InstanceProjectSshKeysAllowed,
    &instance_serial_port_enabled::InstanceSerialPortEnabled,
    &instance_shielded_vm_off::InstanceShieldedVmOff,
    &network_dns_logging_off::NetworkDnsLoggingOff,
    &network_legacy::NetworkLegacy,
    &project_os_login_off::ProjectOsLoginOff,
    &subnetwork_flow_logs_off::SubnetworkFlowLogsOff,
];
