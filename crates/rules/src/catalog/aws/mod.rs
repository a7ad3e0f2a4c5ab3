//! AWS rules, one module per service.

pub mod accessanalyzer;
pub mod apigateway;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub(crate) mod common;
pub mod config;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod efs;
pub mod eks;
pub mod elbv2;
pub mod guardduty;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod opensearch;
pub mod organizations;
pub mod rds;
pub mod redshift;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod sns;
pub mod sqs;

use crate::engine::Rule;

/// Every AWS rule, per service.
pub(crate) const RULES: &[&[&'static dyn Rule]] = &[
    accessanalyzer::RULES,
    apigateway::RULES,
    cloudfront::RULES,
    cloudtrail::RULES,
    cloudwatch::RULES,
    config::RULES,
    dynamodb::RULES,
    ec2::RULES,
    ecr::RULES,
    efs::RULES,
    eks::RULES,
    elbv2::RULES,
    guardduty::RULES,
    iam::RULES,
    kms::RULES,
    lambda::RULES,
    logs::RULES,
    opensearch::RULES,
    organizations::RULES,
    rds::RULES,
    redshift::RULES,
    s3::RULES,
    secretsmanager::RULES,
    securityhub::RULES,
    sns::RULES,
    sqs::RULES,
];
