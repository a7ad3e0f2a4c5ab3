//! Azure SQL rules.

mod server_auditing_off;
mod server_auditing_retention_short;
mod server_entra_admin_missing;
mod server_firewall_allows_internet;
mod server_min_tls_below_1_2;

use crate::engine::Rule;

/// sql rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &server_auditing_off::ServerAuditingOff,
    &server_auditing_retention_short::ServerAuditingRetentionShort,
    &server_entra_admin_missing::ServerEntraAdminMissing,
    &server_firewall_allows_internet::ServerFirewallAllowsInternet,
    &server_min_tls_below_1_2::ServerMinTlsBelow12,
];
