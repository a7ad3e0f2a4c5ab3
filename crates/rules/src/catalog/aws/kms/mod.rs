//! KMS rules.

mod key_pending_deletion;
mod key_policy_public;
mod key_rotation_off;

use crate::engine::Rule;

/// KMS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &key_pending_deletion::KeyPendingDeletion,
    &key_policy_public::KeyPolicyPublic,
    &key_rotation_off::KeyRotationOff,
];
