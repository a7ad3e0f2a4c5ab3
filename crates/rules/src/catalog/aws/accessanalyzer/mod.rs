//! IAM Access Analyzer rules.

mod account_region_analyzer_missing;

use crate::engine::Rule;

/// Access Analyzer rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&account_region_analyzer_missing::AccountRegionAnalyzerMissing];
