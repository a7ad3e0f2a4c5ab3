//! Cloud KMS rules.

mod crypto_key_public;
mod crypto_key_rotation_missing;

use crate::engine::Rule;

/// kms rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &crypto_key_public::CryptoKeyPublic,
    &crypto_key_rotation_missing::CryptoKeyRotationMissing,
];
