//! Azure networking rules.

mod app_gateway_http2_off;
mod app_gateway_tls_below_1_2;
mod app_gateway_waf_off;
mod flow_log_retention_short;
mod flow_log_traffic_analytics_off;
mod nsg_admin_ports_open;
mod nsg_http_open;
mod nsg_udp_open;
mod subscription_bastion_missing;
mod vnet_ddos_protection_off;
mod vnet_network_watcher_missing;
mod vnet_subnet_without_nsg;
mod vpn_gateway_p2s_not_entra_only;
mod waf_policy_bot_protection_off;
mod waf_policy_request_body_inspection_off;

use crate::engine::Rule;

/// network rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &app_gateway_http2_off::AppGatewayHttp2Off,
    &app_gateway_tls_below_1_2::AppGatewayTlsBelow12,
    &app_gateway_waf_off::AppGatewayWafOff,
    &flow_log_retention_short::FlowLogRetentionShort,
    &flow_log_traffic_analytics_off::FlowLogTrafficAnalyticsOff,
    &nsg_admin_ports_open::NsgAdminPortsOpen,
    &nsg_http_open::NsgHttpOpen,
    &nsg_udp_open::NsgUdpOpen,
    &subscription_bastion_missing::SubscriptionBastionMissing,
    &vnet_ddos_protection_off::VnetDdosProtectionOff,
    &vnet_network_watcher_missing::VnetNetworkWatcherMissing,
    &vnet_subnet_without_nsg::VnetSubnetWithoutNsg,
    &vpn_gateway_p2s_not_entra_only::VpnGatewayP2sNotEntraOnly,
    &waf_policy_bot_protection_off::WafPolicyBotProtectionOff,
    &waf_policy_request_body_inspection_off::WafPolicyRequestBodyInspectionOff,
];
