//! Secrets Manager rules.

mod secret_not_rotated_90_days;
mod secret_policy_public;
mod secret_rotation_off;
mod secret_unused_90_days;

use crate::engine::Rule;

/// Secrets Manager rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &secret_not_rotated_90_days::SecretNotRotated90Days,
    &secret_policy_public::SecretPolicyPublic,
    &secret_rotation_off::SecretRotationOff,
    &secret_unused_90_days::SecretUnused90Days,
];
