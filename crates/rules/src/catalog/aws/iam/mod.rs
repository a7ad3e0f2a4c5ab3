//! IAM rules.

mod policy_full_admin;

use crate::engine::Rule;

/// IAM rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[&policy_full_admin::PolicyFullAdmin];
