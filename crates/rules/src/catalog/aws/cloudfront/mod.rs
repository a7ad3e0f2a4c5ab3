//! CloudFront rules.

mod distribution_http_allowed;
mod distribution_logging_off;
mod distribution_origin_http;
mod distribution_s3_origin_without_access_control;
mod distribution_waf_missing;
mod distribution_weak_viewer_tls;

use crate::engine::Rule;

/// CloudFront rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &distribution_http_allowed::DistributionHttpAllowed,
    &distribution_logging_off::DistributionLoggingOff,
    &distribution_origin_http::DistributionOriginHttp,
    &distribution_s3_origin_without_access_control::DistributionS3OriginWithoutAccessControl,
    &distribution_waf_missing::DistributionWafMissing,
    &distribution_weak_viewer_tls::DistributionWeakViewerTls,
];
