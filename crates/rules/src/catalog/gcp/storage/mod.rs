//! Cloud Storage rules.

mod bucket_public;
mod bucket_uniform_access_off;

use crate::engine::Rule;

/// Cloud Storage rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &bucket_public::BucketPublic,
    &bucket_uniform_access_off::BucketUniformAccessOff,
];
