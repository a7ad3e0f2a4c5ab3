//! BigQuery rules.

mod dataset_default_cmek_missing;
mod dataset_public;
mod table_cmek_missing;

use crate::engine::Rule;

/// bigquery rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &dataset_default_cmek_missing::DatasetDefaultCmekMissing,
    &dataset_public::DatasetPublic,
    &table_cmek_missing::TableCmekMissing,
];
