//! Azure databricks rules.

mod workspace_diagnostic_logs_off;
mod workspace_private_endpoint_missing;
mod workspace_public_ip_enabled;
mod workspace_public_network_access;
mod workspace_subnets_without_nsg;
mod workspace_vnet_injection_off;

use crate::engine::Rule;

/// databricks rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &workspace_diagnostic_logs_off::WorkspaceDiagnosticLogsOff,
    &workspace_private_endpoint_missing::WorkspacePrivateEndpointMissing,
    &workspace_public_ip_enabled::WorkspacePublicIpEnabled,
    &workspace_public_network_access::WorkspacePublicNetworkAccess,
    &workspace_subnets_without_nsg::WorkspaceSubnetsWithoutNsg,
    &workspace_vnet_injection_off::WorkspaceVnetInjectionOff,
];
