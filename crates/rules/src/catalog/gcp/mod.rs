//! GCP rules, one module per service.

use crate::engine::Rule;

/// Every GCP rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[];
