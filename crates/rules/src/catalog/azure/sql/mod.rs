//! Azure SQL rules.

mod server_firewall_allows_internet;

use crate::engine::Rule;

/// SQL rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&server_firewall_allows_internet::ServerFirewallAllowsInternet];
