//! App Service rules.

mod app_https_only_off;
mod app_min_tls_below_1_2;

use crate::engine::Rule;

/// App Service rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &app_https_only_off::AppHttpsOnlyOff,
    &app_min_tls_below_1_2::AppMinTlsBelow12,
];
