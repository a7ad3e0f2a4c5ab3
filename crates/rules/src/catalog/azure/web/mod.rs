//! App Service rules.

mod app_ftp_enabled;
mod app_http2_off;
mod app_https_only_off;
mod app_managed_identity_missing;
mod app_min_tls_below_1_2;
mod app_remote_debugging_enabled;

use crate::engine::Rule;

/// web rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &app_ftp_enabled::AppFtpEnabled,
    &app_http2_off::AppHttp2Off,
    &app_https_only_off::AppHttpsOnlyOff,
    &app_managed_identity_missing::AppManagedIdentityMissing,
    &app_min_tls_below_1_2::AppMinTlsBelow12,
    &app_remote_debugging_enabled::AppRemoteDebuggingEnabled,
];
