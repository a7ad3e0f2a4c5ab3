//! S3 rules.

mod bucket_public_acl;

use crate::engine::Rule;

/// S3 rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[&bucket_public_acl::BucketPublicAcl];
