//! Azure rules, one module per service.

pub mod compute;
pub mod keyvault;
pub mod network;
pub mod sql;
pub mod storage;
pub mod web;

use crate::engine::Rule;

/// Every Azure rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[
    compute::RULES,
    keyvault::RULES,
    network::RULES,
    sql::RULES,
    storage::RULES,
    web::RULES,
];
