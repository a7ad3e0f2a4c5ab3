//! Key Vault rules.

mod vault_public_network_access;
mod vault_purge_protection_off;

use crate::engine::Rule;

/// Key Vault rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &vault_public_network_access::VaultPublicNetworkAccess,
    &vault_purge_protection_off::VaultPurgeProtectionOff,
];
