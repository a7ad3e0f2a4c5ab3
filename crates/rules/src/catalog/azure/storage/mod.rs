//! Azure Storage rules.

mod account_access_keys_not_rotated;
mod account_blob_soft_delete_off;
mod account_blob_versioning_off;
mod account_container_soft_delete_off;
mod account_cross_tenant_replication_allowed;
mod account_file_share_soft_delete_off;
mod account_geo_redundancy_off;
mod account_key_rotation_reminder_off;
mod account_min_tls_below_1_2;
mod account_network_default_allow;
mod account_oauth_default_off;
mod account_private_endpoint_missing;
mod account_public_blob_access;
mod account_public_network_access_enabled;
mod account_secure_transfer_off;
mod account_shared_key_access_enabled;
mod account_smb_channel_encryption_weak;
mod account_smb_protocol_outdated;
mod account_trusted_services_bypass_off;

use crate::engine::Rule;

/// storage rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &account_access_keys_not_rotated::AccountAccessKeysNotRotated,
    &account_blob_soft_delete_off::AccountBlobSoftDeleteOff,
    &account_blob_versioning_off::AccountBlobVersioningOff,
    &account_container_soft_delete_off::AccountContainerSoftDeleteOff,
    &account_cross_tenant_replication_allowed::AccountCrossTenantReplicationAllowed,
    &account_file_share_soft_delete_off::AccountFileShareSoftDeleteOff,
    &account_geo_redundancy_off::AccountGeoRedundancyOff,
    &account_key_rotation_reminder_off::AccountKeyRotationReminderOff,
    &account_min_tls_below_1_2::AccountMinTlsBelow12,
    &account_network_default_allow::AccountNetworkDefaultAllow,
    &account_oauth_default_off::AccountOauthDefaultOff,
    &account_private_endpoint_missing::AccountPrivateEndpointMissing,
    &account_public_blob_access::AccountPublicBlobAccess,
    &account_public_network_access_enabled::AccountPublicNetworkAccessEnabled,
    &account_secure_transfer_off::AccountSecureTransferOff,
    &account_shared_key_access_enabled::AccountSharedKeyAccessEnabled,
    &account_smb_channel_encryption_weak::AccountSmbChannelEncryptionWeak,
    &account_smb_protocol_outdated::AccountSmbProtocolOutdated,
    &account_trusted_services_bypass_off::AccountTrustedServicesBypassOff,
];
