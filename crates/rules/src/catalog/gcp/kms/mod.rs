//! Cloud KMS rules.

mod crypto_key_rotation_missing;

use crate::engine::Rule;

/// Cloud KMS rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&crypto_key_rotation_missing::CryptoKeyRotationMissing];
