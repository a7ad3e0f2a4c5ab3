//! AWS Organizations rules.

mod scp_unattached;

use crate::engine::Rule;

/// Organizations rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[&scp_unattached::ScpUnattached];
