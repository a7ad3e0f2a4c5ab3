//! Security Hub rules.

mod account_region_hub_missing;

use crate::engine::Rule;

/// Security Hub rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&account_region_hub_missing::AccountRegionHubMissing];
