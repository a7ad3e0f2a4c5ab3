//! GuardDuty rules.

mod account_region_detector_missing;
mod detector_s3_protection_off;
mod detector_suspended;

use crate::engine::Rule;

/// GuardDuty rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &account_region_detector_missing::AccountRegionDetectorMissing,
    &detector_s3_protection_off::DetectorS3ProtectionOff,
    &detector_suspended::DetectorSuspended,
];
