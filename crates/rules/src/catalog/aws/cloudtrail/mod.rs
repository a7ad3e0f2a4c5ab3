//! CloudTrail rules.

mod account_multi_region_trail_missing;
mod trail_cloudwatch_logs_off;
mod trail_log_validation_off;
mod trail_not_kms_encrypted;
mod trail_not_logging;
mod trail_not_multi_region;

mod account_s3_read_data_events_off;
mod account_s3_write_data_events_off;
pub(crate) mod data_events;
mod trail_bucket_access_logging_off;
use crate::engine::Rule;

/// CloudTrail rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &account_multi_region_trail_missing::AccountMultiRegionTrailMissing,
    &trail_cloudwatch_logs_off::TrailCloudwatchLogsOff,
    &trail_log_validation_off::TrailLogValidationOff,
    &trail_not_kms_encrypted::TrailNotKmsEncrypted,
    &trail_not_logging::TrailNotLogging,
    &trail_not_multi_region::TrailNotMultiRegion,
    &account_s3_read_data_events_off::AccountS3ReadDataEventsOff,
    &account_s3_write_data_events_off::AccountS3WriteDataEventsOff,
    &trail_bucket_access_logging_off::TrailBucketAccessLoggingOff,
];
