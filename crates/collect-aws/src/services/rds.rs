//! RDS DB instances (one paginated Describe per region; tags come with it).

use aws_sdk_rds::Client;
use posture_model::kinds::aws::RdsDbInstance;
use posture_model::{Config, Resource};

use super::iam::pages;
use super::tags;
use crate::Cx;
use crate::client::Fail;

pub(super) async fn collect(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let rds = Client::from_conf(
        aws_sdk_rds::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .build(),
    );
    let mut out = Vec::new();
    pages!(
        cx,
        "rds:DescribeDBInstances",
        rds.describe_db_instances().into_paginator(),
        |p| {
            for d in p.db_instances() {
                let Some(id) = d.db_instance_identifier() else {
                    continue;
                };
                let c = RdsDbInstance {
                    identifier: id.to_owned(),
                    engine: d.engine().map(str::to_owned),
                    engine_version: d.engine_version().map(str::to_owned),
                    instance_class: d.db_instance_class().map(str::to_owned),
                    storage_encrypted: d.storage_encrypted(),
                    kms_key_id: d.kms_key_id().map(str::to_owned),
                    publicly_accessible: d.publicly_accessible(),
                    multi_az: d.multi_az(),
                    backup_retention_days: d.backup_retention_period(),
                    deletion_protection: d.deletion_protection(),
                    auto_minor_version_upgrade: d.auto_minor_version_upgrade(),
                    iam_auth_enabled: d.iam_database_authentication_enabled(),
                    vpc_security_groups: Some(
                        d.vpc_security_groups()
                            .iter()
                            .filter_map(|g| g.vpc_security_group_id().map(str::to_owned))
                            .collect(),
                    ),
                    cluster_identifier: Some(
                        d.db_cluster_identifier().unwrap_or_default().to_owned(),
                    ),
                    subnet_ids: d.db_subnet_group().map(|g| {
                        g.subnets()
                            .iter()
                            .filter_map(|s| s.subnet_identifier().map(str::to_owned))
                            .collect()
                    }),
                };
                let uid = d
                    .db_instance_arn()
                    .map_or_else(|| cx.arn("rds", &format!("db:{id}")), str::to_owned);
                let mut r = cx.resource(uid, id.to_owned(), Config::AwsRdsDbInstance(Box::new(c)));
                r.tags = tags(d.tag_list().iter().map(|t| (t.key(), t.value())));
                out.push(r);
            }
        }
    )?;
    Ok(out)
}
