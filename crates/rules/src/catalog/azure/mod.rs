//! Azure rules, one module per service.

pub mod authorization;
pub mod compute;
pub mod databricks;
pub mod defender;
pub mod keyvault;
pub mod monitor;
pub mod network;
pub mod sql;
pub mod storage;
mod support;
pub mod web;

use crate::engine::Rule;

/// Every Azure rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[
    authorization::RULES,
    compute::RULES,
    databricks::RULES,
    defender::RULES,
    keyvault::RULES,
    monitor::RULES,
    network::RULES,
    sql::RULES,
    storage::RULES,
    web::RULES,
];
