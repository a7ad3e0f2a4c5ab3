//! Cloud Storage rules.

mod bucket_public;
mod bucket_uniform_access_off;
mod log_bucket_retention_unlocked;

use crate::engine::Rule;

/// storage rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &bucket_public::BucketPublic,
    &bucket_uniform_access_off::BucketUniformAccessOff,
    &log_bucket_retention_unlocked::LogBucketRetentionUnlocked,
];
