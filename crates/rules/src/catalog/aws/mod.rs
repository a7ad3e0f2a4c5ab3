//! AWS rules, one module per service.

pub mod ec2;
pub mod iam;
pub mod s3;

use crate::engine::Rule;

/// Every AWS rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[ec2::RULES, iam::RULES, s3::RULES];
