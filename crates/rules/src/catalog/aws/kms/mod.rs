//! KMS rules.

mod key_rotation_off;

use crate::engine::Rule;

/// KMS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[&key_rotation_off::KeyRotationOff];
