//! GCP rules, one module per service.

pub mod bigquery;
pub mod compute;
pub mod kms;
mod public_members;
pub mod resourcemanager;
pub mod sql;
pub mod storage;

use crate::engine::Rule;

/// Every GCP rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[
    bigquery::RULES,
    compute::RULES,
    kms::RULES,
    resourcemanager::RULES,
    sql::RULES,
    storage::RULES,
];
