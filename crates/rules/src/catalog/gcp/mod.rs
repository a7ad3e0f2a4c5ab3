//! GCP rules, one module per service.

pub mod apikeys;
pub mod bigquery;
pub mod compute;
pub mod dataproc;
pub mod dns;
pub mod iam;
pub mod kms;
pub mod logging;
mod public_members;
pub mod resourcemanager;
pub mod sql;
pub mod storage;
mod support;

use crate::engine::Rule;

/// Every GCP rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[
    apikeys::RULES,
    bigquery::RULES,
    compute::RULES,
    dataproc::RULES,
    dns::RULES,
    iam::RULES,
    kms::RULES,
    logging::RULES,
    resourcemanager::RULES,
    sql::RULES,
    storage::RULES,
];
