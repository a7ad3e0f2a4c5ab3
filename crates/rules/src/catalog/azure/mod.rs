//! Azure rules, one module per service.

use crate::engine::Rule;

/// Every Azure rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[];
