//! Azure Storage rules.

mod account_min_tls_below_1_2;
mod account_network_default_allow;
mod account_public_blob_access;
mod account_secure_transfer_off;

use crate::engine::Rule;

/// Storage rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &account_min_tls_below_1_2::AccountMinTlsBelow12,
    &account_network_default_allow::AccountNetworkDefaultAllow,
    &account_public_blob_access::AccountPublicBlobAccess,
    &account_secure_transfer_off::AccountSecureTransferOff,
];
