//! Key Vault rules.

mod key_auto_rotation_off;
mod key_expiration_missing;
mod secret_expiration_missing;
mod vault_audit_logging_off;
mod vault_private_endpoint_missing;
mod vault_public_network_access;
mod vault_purge_protection_off;
mod vault_rbac_authorization_off;

use crate::engine::Rule;

/// keyvault rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &key_auto_rotation_off::KeyAutoRotationOff,
    &key_expiration_missing::KeyExpirationMissing,
    &secret_expiration_missing::SecretExpirationMissing,
    &vault_audit_logging_off::VaultAuditLoggingOff,
    &vault_private_endpoint_missing::VaultPrivateEndpointMissing,
    &vault_public_network_access::VaultPublicNetworkAccess,
    &vault_purge_protection_off::VaultPurgeProtectionOff,
    &vault_rbac_authorization_off::VaultRbacAuthorizationOff,
];
