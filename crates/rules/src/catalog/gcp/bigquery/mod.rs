//! BigQuery rules.

mod dataset_public;

use crate::engine::Rule;

/// BigQuery rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[&dataset_public::DatasetPublic];
