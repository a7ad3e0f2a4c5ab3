//! CloudTrail trails. `DescribeTrails` in every region also returns the multi-region trails of
//! other home regions ("shadow" trails); only a trail's home region reports it, so each trail is
//! collected once.

use aws_sdk_cloudtrail::Client;
use posture_model::kinds::aws::CloudTrailTrail;
use posture_model::{Config, Resource};

use super::{each, gap, tags};
use crate::Cx;
use crate::client::Fail;

pub(super) async fn collect(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let ct = Client::from_conf(
        aws_sdk_cloudtrail::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .build(),
    );
    let list = cx
        .call(
            "cloudtrail:DescribeTrails",
            ct.describe_trails().include_shadow_trails(false).send(),
        )
        .await?;
    let trails: Vec<_> = list
        .trail_list()
        .iter()
        .filter(|t| t.home_region().is_none_or(|h| h == cx.region))
        .cloned()
        .collect();
    let cx = cx.clone();
    Ok(each(trails, move |t| {
        let (cx, ct) = (cx.clone(), ct.clone());
        async move { trail(&cx, &ct, t).await }
    })
    .await)
}

async fn trail(cx: &Cx, ct: &Client, t: aws_sdk_cloudtrail::types::Trail) -> Resource {
    let name = t.name().unwrap_or_default().to_owned();
    let arn = t.trail_arn().map_or_else(
        || cx.arn("cloudtrail", &format!("trail/{name}")),
        str::to_owned,
    );
    let mut c = CloudTrailTrail {
        trail_name: name.clone(),
        is_multi_region: t.is_multi_region_trail(),
        is_organization_trail: t.is_organization_trail(),
        is_logging: None,
        log_file_validation: t.log_file_validation_enabled(),
        kms_key_id: Some(t.kms_key_id().unwrap_or_default().to_owned()),
        s3_bucket_name: t.s3_bucket_name().map(str::to_owned),
        cloudwatch_log_group_arn: Some(
            t.cloud_watch_logs_log_group_arn()
                .unwrap_or_default()
                .to_owned(),
        ),
        include_global_service_events: t.include_global_service_events(),
        home_region: t.home_region().map(str::to_owned),
        ..CloudTrailTrail::default()
    };
    let mut r = cx.resource(
        arn.clone(),
        name,
        Config::AwsCloudTrailTrail(Box::default()),
    );
    let (status, tag_list) = tokio::join!(
        cx.call(
            "cloudtrail:GetTrailStatus",
            ct.get_trail_status().name(&arn).send()
        ),
        cx.call(
            "cloudtrail:ListTags",
            ct.list_tags().resource_id_list(&arn).send()
        ),
    );
    match status {
        Ok(s) => c.is_logging = s.is_logging(),
        Err(f) => gap(&mut r, "is_logging", &f),
    }
    match tag_list {
        Ok(o) => {
            r.tags = tags(
                o.resource_tag_list()
                    .iter()
                    .flat_map(|x| x.tags_list())
                    .map(|t| (Some(t.key()), t.value())),
            );
        }
        Err(f) => gap(&mut r, "tags", &f),
    }
    r.config = Config::AwsCloudTrailTrail(Box::new(c));
    r
}
