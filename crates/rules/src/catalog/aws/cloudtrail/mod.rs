//! CloudTrail rules.

mod trail_log_validation_off;
mod trail_not_kms_encrypted;
mod trail_not_multi_region;

use crate::engine::Rule;

/// CloudTrail rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &trail_log_validation_off::TrailLogValidationOff,
    &trail_not_kms_encrypted::TrailNotKmsEncrypted,
    &trail_not_multi_region::TrailNotMultiRegion,
];
