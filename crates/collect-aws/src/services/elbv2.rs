//! Elastic Load Balancing v2: load balancers with their listener ports and the instances
//! registered in their target groups (what the exposure graph needs).

use aws_sdk_elasticloadbalancingv2::Client;
use posture_model::kinds::aws::LoadBalancer;
use posture_model::{Config, Resource};

use super::iam::pages;
use super::{each, gap, tags};
use crate::Cx;
use crate::client::Fail;

pub(super) async fn collect(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let elb = Client::from_conf(
        aws_sdk_elasticloadbalancingv2::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .build(),
    );
    let mut lbs = Vec::new();
    pages!(
        cx,
        "elasticloadbalancing:DescribeLoadBalancers",
        elb.describe_load_balancers().into_paginator(),
        |p| {
            lbs.extend(p.load_balancers().iter().cloned());
        }
    )?;
    // Tags: one call per 20 load balancers.
    let arns: Vec<String> = lbs
        .iter()
        .filter_map(|l| l.load_balancer_arn().map(str::to_owned))
        .collect();
    let mut tag_map = std::collections::HashMap::new();
    let mut tag_fail = None;
    for chunk in arns.chunks(20) {
        match cx
            .call(
                "elasticloadbalancing:DescribeTags",
                elb.describe_tags()
                    .set_resource_arns(Some(chunk.to_vec()))
                    .send(),
            )
            .await
        {
            Ok(o) => {
                for d in o.tag_descriptions() {
                    if let Some(a) = d.resource_arn() {
                        tag_map.insert(
                            a.to_owned(),
                            tags(d.tags().iter().map(|t| (t.key(), t.value()))),
                        );
                    }
                }
            }
            Err(f) => tag_fail = Some(f),
        }
    }
    let cx2 = cx.clone();
    let mut out = each(lbs, move |l| {
        let (cx, elb) = (cx2.clone(), elb.clone());
        async move { load_balancer(&cx, &elb, l).await }
    })
    .await;
    for r in &mut out {
        if let Some(t) = tag_map.remove(&r.uid) {
            r.tags = t;
        } else if let Some(f) = &tag_fail {
            gap(r, "tags", f);
        }
    }
    Ok(out)
}

async fn load_balancer(
    cx: &Cx,
    elb: &Client,
    l: aws_sdk_elasticloadbalancingv2::types::LoadBalancer,
) -> Resource {
    let name = l.load_balancer_name().unwrap_or_default().to_owned();
    let arn = l.load_balancer_arn().unwrap_or_default().to_owned();
    let mut c = LoadBalancer {
        load_balancer_name: name.clone(),
        lb_type: l.r#type().map(|t| t.as_str().to_owned()),
        scheme: l.scheme().map(|s| s.as_str().to_owned()),
        vpc_id: l.vpc_id().map(str::to_owned),
        subnets: Some(
            l.availability_zones()
                .iter()
                .filter_map(|z| z.subnet_id().map(str::to_owned))
                .collect(),
        ),
        security_groups: Some(l.security_groups().to_vec()),
        listener_ports: None,
        target_instances: None,
        ..LoadBalancer::default()
    };
    let mut r = cx.resource(
        arn.clone(),
        name,
        Config::AwsElbv2LoadBalancer(Box::default()),
    );
    let (listeners, groups) = tokio::join!(
        cx.call(
            "elasticloadbalancing:DescribeListeners",
            elb.describe_listeners().load_balancer_arn(&arn).send()
        ),
        cx.call(
            "elasticloadbalancing:DescribeTargetGroups",
            elb.describe_target_groups().load_balancer_arn(&arn).send()
        ),
    );
    match listeners {
        Ok(o) => {
            let mut ports: Vec<i32> = o.listeners().iter().filter_map(|x| x.port()).collect();
            ports.sort_unstable();
            ports.dedup();
            c.listener_ports = Some(ports);
        }
        Err(f) => gap(&mut r, "listener_ports", &f),
    }
    match groups {
        Ok(o) => {
            let mut instances = Vec::new();
            let mut failed = None;
            for g in o.target_groups() {
                let is_instance = g.target_type().is_none_or(|t| t.as_str() == "instance");
                let Some(tg) = g.target_group_arn().filter(|_| is_instance) else {
                    continue;
                };
                match cx
                    .call(
                        "elasticloadbalancing:DescribeTargetHealth",
                        elb.describe_target_health().target_group_arn(tg).send(),
                    )
                    .await
                {
                    Ok(h) => instances.extend(
                        h.target_health_descriptions()
                            .iter()
                            .filter_map(|d| d.target().and_then(|t| t.id()).map(str::to_owned)),
                    ),
                    Err(f) => failed = Some(f),
                }
            }
            match failed {
                Some(f) => gap(&mut r, "target_instances", &f),
                None => {
                    instances.sort();
                    instances.dedup();
                    c.target_instances = Some(instances);
                }
            }
        }
        Err(f) => gap(&mut r, "target_instances", &f),
    }
    r.config = Config::AwsElbv2LoadBalancer(Box::new(c));
    r
}
