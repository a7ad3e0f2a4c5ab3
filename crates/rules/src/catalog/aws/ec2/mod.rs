//! EC2 (and VPC) rules.

mod default_security_group_allows_traffic;
mod default_vpc_in_use;
mod flow_log_traffic_type_partial;
mod instance_detailed_monitoring_off;
mod instance_imdsv2_not_required;
mod instance_no_iam_role;
mod instance_public_ip;
mod network_acl_admin_ports_open;
mod security_group_admin_ports_open;
mod security_group_all_traffic_open;
mod security_group_cifs_open;
mod security_group_database_ports_open;
mod security_group_wide_port_range_open;
mod subnet_auto_assigns_public_ip;
mod volume_unattached;
mod volume_unencrypted;
mod vpc_flow_logs_off;

mod ebs_default_encryption_off;
mod image_public;
mod route_table_peering_route_too_broad;
mod snapshot_public;
mod snapshot_unencrypted;
use crate::engine::Rule;

/// EC2 rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &default_security_group_allows_traffic::DefaultSecurityGroupAllowsTraffic,
    &default_vpc_in_use::DefaultVpcInUse,
    &flow_log_traffic_type_partial::FlowLogTrafficTypePartial,
    &instance_detailed_monitoring_off::InstanceDetailedMonitoringOff,
    &instance_imdsv2_not_required::InstanceImdsv2NotRequired,
    &instance_no_iam_role::InstanceNoIamRole,
    &instance_public_ip::InstancePublicIp,
    &network_acl_admin_ports_open::NetworkAclAdminPortsOpen,
    &security_group_admin_ports_open::SecurityGroupAdminPortsOpen,
    &security_group_all_traffic_open::SecurityGroupAllTrafficOpen,
    &security_group_cifs_open::SecurityGroupCifsOpen,
    &security_group_database_ports_open::SecurityGroupDatabasePortsOpen,
    &security_group_wide_port_range_open::SecurityGroupWidePortRangeOpen,
    &subnet_auto_assigns_public_ip::SubnetAutoAssignsPublicIp,
    &volume_unattached::VolumeUnattached,
    &volume_unencrypted::VolumeUnencrypted,
    &vpc_flow_logs_off::VpcFlowLogsOff,
    &ebs_default_encryption_off::EbsDefaultEncryptionOff,
    &image_public::ImagePublic,
    &snapshot_public::SnapshotPublic,
    &snapshot_unencrypted::SnapshotUnencrypted,
    &route_table_peering_route_too_broad::RouteTablePeeringRouteTooBroad,
];
