//! AWS rules, one module per service.

pub mod cloudtrail;
pub mod ec2;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod rds;
pub mod s3;

use crate::engine::Rule;

/// Every AWS rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[
    cloudtrail::RULES,
    ec2::RULES,
    iam::RULES,
    kms::RULES,
    lambda::RULES,
    rds::RULES,
    s3::RULES,
];
