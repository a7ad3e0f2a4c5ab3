//! API Gateway rules.

mod stage_cache_unencrypted;
mod stage_logging_off;
mod stage_tracing_off;
mod stage_waf_missing;

use crate::engine::Rule;

/// API Gateway rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &stage_cache_unencrypted::StageCacheUnencrypted,
    &stage_logging_off::StageLoggingOff,
    &stage_tracing_off::StageTracingOff,
    &stage_waf_missing::StageWafMissing,
];
