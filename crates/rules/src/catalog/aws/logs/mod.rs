//! CloudWatch Logs rules.

mod log_group_not_kms_encrypted;
mod log_group_retention_short;

use crate::engine::Rule;

/// CloudWatch Logs rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &log_group_not_kms_encrypted::LogGroupNotKmsEncrypted,
    &log_group_retention_short::LogGroupRetentionShort,
];
