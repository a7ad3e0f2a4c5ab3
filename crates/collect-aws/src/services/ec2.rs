//! EC2 and VPC: instances, security groups, volumes, VPCs, subnets, network ACLs, flow logs,
//! route tables, internet gateways and network interfaces. Ten paginated Describe calls per
//! region, nothing per resource.

use aws_sdk_ec2::Client;
use aws_sdk_ec2::types as t;
use posture_model::kinds::aws::{
    EbsVolume, Ec2Instance, FlowLog, InternetGateway, IpPermission, NaclEntry, NetworkAcl,
    NetworkInterface, Route, RouteTable, SecurityGroup, Subnet, Vpc,
};
use posture_model::{Config, Resource};

use super::iam::pages;
use super::tags;
use crate::Cx;
use crate::client::Fail;

fn ec2_tags(list: &[t::Tag]) -> posture_model::Tags {
    tags(list.iter().map(|t| (t.key(), t.value())))
}

fn s(v: Option<&str>) -> Option<String> {
    v.map(str::to_owned)
}

pub(super) async fn collect(cx: &Cx) -> crate::Out {
    let ec2 = Client::from_conf(
        aws_sdk_ec2::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .build(),
    );
    let (a, b, c, d, e, f, g, h, i, j) = tokio::join!(
        instances(cx, &ec2),
        security_groups(cx, &ec2),
        volumes(cx, &ec2),
        vpcs(cx, &ec2),
        subnets(cx, &ec2),
        network_acls(cx, &ec2),
        flow_logs(cx, &ec2),
        route_tables(cx, &ec2),
        internet_gateways(cx, &ec2),
        network_interfaces(cx, &ec2),
    );
    // A failed listing fails the service for this region (the coverage entry names the call);
    // what the other listings returned is kept.
    let mut out = crate::Out::default();
    for r in [a, b, c, d, e, f, g, h, i, j] {
        match r {
            Ok(v) => out.resources.extend(v),
            Err(f) => {
                if let Some(first) = &out.failed {
                    out.warnings.push(format!(
                        "{} {}: {f} (after {})",
                        cx.account, cx.region, first.api
                    ));
                } else {
                    out.failed = Some(f);
                }
            }
        }
    }
    out
}

async fn instances(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeInstances",
        ec2.describe_instances().into_paginator(),
        |p| {
            for resv in p.reservations() {
                for i in resv.instances() {
                    let Some(id) = i.instance_id() else { continue };
                    let meta = i.metadata_options();
                    let c = Ec2Instance {
                        instance_id: id.to_owned(),
                        instance_type: i.instance_type().map(|x| x.as_str().to_owned()),
                        state: i
                            .state()
                            .and_then(|s| s.name())
                            .map(|n| n.as_str().to_owned()),
                        image_id: s(i.image_id()),
                        public_ip: Some(i.public_ip_address().unwrap_or_default().to_owned()),
                        subnet_id: s(i.subnet_id()),
                        vpc_id: s(i.vpc_id()),
                        security_groups: Some(
                            i.security_groups()
                                .iter()
                                .filter_map(|g| s(g.group_id()))
                                .collect(),
                        ),
                        iam_instance_profile: Some(
                            i.iam_instance_profile()
                                .and_then(|p| p.arn())
                                .unwrap_or_default()
                                .to_owned(),
                        ),
                        metadata_http_tokens: meta
                            .and_then(|m| m.http_tokens())
                            .map(|x| x.as_str().to_owned()),
                        metadata_http_endpoint: meta
                            .and_then(|m| m.http_endpoint())
                            .map(|x| x.as_str().to_owned()),
                        monitoring_enabled: i
                            .monitoring()
                            .and_then(|m| m.state())
                            .map(|s| s.as_str().eq_ignore_ascii_case("enabled")),
                    };
                    let mut r = cx.resource(
                        cx.arn("ec2", &format!("instance/{id}")),
                        id.to_owned(),
                        Config::AwsEc2Instance(Box::new(c)),
                    );
                    r.tags = ec2_tags(i.tags());
                    if let Some(n) = r.tags.get("Name").filter(|n| !n.is_empty()) {
                        r.name = n.clone();
                    }
                    out.push(r);
                }
            }
        }
    )?;
    Ok(out)
}

fn perm(p: &t::IpPermission) -> IpPermission {
    IpPermission {
        protocol: p.ip_protocol().unwrap_or("-1").to_owned(),
        from_port: p.from_port(),
        to_port: p.to_port(),
        ipv4_ranges: p
            .ip_ranges()
            .iter()
            .filter_map(|r| s(r.cidr_ip()))
            .collect(),
        ipv6_ranges: p
            .ipv6_ranges()
            .iter()
            .filter_map(|r| s(r.cidr_ipv6()))
            .collect(),
        prefix_lists: p
            .prefix_list_ids()
            .iter()
            .filter_map(|r| s(r.prefix_list_id()))
            .collect(),
        source_groups: p
            .user_id_group_pairs()
            .iter()
            .filter_map(|g| s(g.group_id()))
            .collect(),
    }
}

async fn security_groups(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeSecurityGroups",
        ec2.describe_security_groups().into_paginator(),
        |p| {
            for g in p.security_groups() {
                let Some(id) = g.group_id() else { continue };
                let c = SecurityGroup {
                    group_id: id.to_owned(),
                    group_name: g.group_name().unwrap_or_default().to_owned(),
                    description: s(g.description()),
                    vpc_id: s(g.vpc_id()),
                    ingress: Some(g.ip_permissions().iter().map(perm).collect()),
                    egress: Some(g.ip_permissions_egress().iter().map(perm).collect()),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("security-group/{id}")),
                    g.group_name().unwrap_or(id).to_owned(),
                    Config::AwsEc2SecurityGroup(Box::new(c)),
                );
                r.tags = ec2_tags(g.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn volumes(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeVolumes",
        ec2.describe_volumes().into_paginator(),
        |p| {
            for v in p.volumes() {
                let Some(id) = v.volume_id() else { continue };
                let c = EbsVolume {
                    volume_id: id.to_owned(),
                    encrypted: v.encrypted(),
                    kms_key_id: s(v.kms_key_id()),
                    size_gib: v.size().map(i64::from),
                    state: v.state().map(|x| x.as_str().to_owned()),
                    attached_instances: Some(
                        v.attachments()
                            .iter()
                            .filter_map(|a| s(a.instance_id()))
                            .collect(),
                    ),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("volume/{id}")),
                    id.to_owned(),
                    Config::AwsEc2Volume(Box::new(c)),
                );
                r.tags = ec2_tags(v.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn vpcs(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeVpcs",
        ec2.describe_vpcs().into_paginator(),
        |p| {
            for v in p.vpcs() {
                let Some(id) = v.vpc_id() else { continue };
                let c = Vpc {
                    vpc_id: id.to_owned(),
                    cidr_block: s(v.cidr_block()),
                    is_default: v.is_default(),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("vpc/{id}")),
                    id.to_owned(),
                    Config::AwsEc2Vpc(Box::new(c)),
                );
                r.tags = ec2_tags(v.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn subnets(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeSubnets",
        ec2.describe_subnets().into_paginator(),
        |p| {
            for n in p.subnets() {
                let Some(id) = n.subnet_id() else { continue };
                let c = Subnet {
                    subnet_id: id.to_owned(),
                    vpc_id: s(n.vpc_id()),
                    cidr_block: s(n.cidr_block()),
                    map_public_ip_on_launch: n.map_public_ip_on_launch(),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("subnet/{id}")),
                    id.to_owned(),
                    Config::AwsEc2Subnet(Box::new(c)),
                );
                r.tags = ec2_tags(n.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn network_acls(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeNetworkAcls",
        ec2.describe_network_acls().into_paginator(),
        |p| {
            for a in p.network_acls() {
                let Some(id) = a.network_acl_id() else {
                    continue;
                };
                let c = NetworkAcl {
                    network_acl_id: id.to_owned(),
                    vpc_id: s(a.vpc_id()),
                    is_default: a.is_default(),
                    entries: Some(
                        a.entries()
                            .iter()
                            .map(|e| NaclEntry {
                                rule_number: e.rule_number().unwrap_or(32767),
                                egress: e.egress().unwrap_or(false),
                                protocol: e.protocol().unwrap_or("-1").to_owned(),
                                action: e
                                    .rule_action()
                                    .map(|x| x.as_str().to_ascii_lowercase())
                                    .unwrap_or_default(),
                                cidr_block: s(e.cidr_block()),
                                ipv6_cidr_block: s(e.ipv6_cidr_block()),
                                from_port: e.port_range().and_then(|r| r.from()),
                                to_port: e.port_range().and_then(|r| r.to()),
                            })
                            .collect(),
                    ),
                    subnets: Some(
                        a.associations()
                            .iter()
                            .filter_map(|x| s(x.subnet_id()))
                            .collect(),
                    ),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("network-acl/{id}")),
                    id.to_owned(),
                    Config::AwsEc2NetworkAcl(Box::new(c)),
                );
                r.tags = ec2_tags(a.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn flow_logs(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeFlowLogs",
        ec2.describe_flow_logs().into_paginator(),
        |p| {
            for f in p.flow_logs() {
                let Some(id) = f.flow_log_id() else { continue };
                let c = FlowLog {
                    flow_log_id: id.to_owned(),
                    resource_id: f.resource_id().unwrap_or_default().to_owned(),
                    traffic_type: f.traffic_type().map(|x| x.as_str().to_owned()),
                    destination_type: f.log_destination_type().map(|x| x.as_str().to_owned()),
                    destination: s(f.log_destination()).or_else(|| s(f.log_group_name())),
                    status: s(f.flow_log_status()),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("vpc-flow-log/{id}")),
                    id.to_owned(),
                    Config::AwsEc2FlowLog(Box::new(c)),
                );
                r.tags = ec2_tags(f.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn route_tables(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeRouteTables",
        ec2.describe_route_tables().into_paginator(),
        |p| {
            for t in p.route_tables() {
                let Some(id) = t.route_table_id() else {
                    continue;
                };
                let c = RouteTable {
                    route_table_id: id.to_owned(),
                    vpc_id: s(t.vpc_id()),
                    main: Some(t.associations().iter().any(|a| a.main() == Some(true))),
                    subnets: Some(
                        t.associations()
                            .iter()
                            .filter_map(|a| s(a.subnet_id()))
                            .collect(),
                    ),
                    routes: Some(
                        t.routes()
                            .iter()
                            .map(|r| Route {
                                destination: r
                                    .destination_cidr_block()
                                    .or(r.destination_ipv6_cidr_block())
                                    .or(r.destination_prefix_list_id())
                                    .unwrap_or_default()
                                    .to_owned(),
                                target: r
                                    .gateway_id()
                                    .or(r.nat_gateway_id())
                                    .or(r.transit_gateway_id())
                                    .or(r.vpc_peering_connection_id())
                                    .or(r.egress_only_internet_gateway_id())
                                    .or(r.network_interface_id())
                                    .or(r.instance_id())
                                    .unwrap_or_default()
                                    .to_owned(),
                                state: r.state().map(|s| s.as_str().to_ascii_lowercase()),
                            })
                            .collect(),
                    ),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("route-table/{id}")),
                    id.to_owned(),
                    Config::AwsEc2RouteTable(Box::new(c)),
                );
                r.tags = ec2_tags(t.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn internet_gateways(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeInternetGateways",
        ec2.describe_internet_gateways().into_paginator(),
        |p| {
            for g in p.internet_gateways() {
                let Some(id) = g.internet_gateway_id() else {
                    continue;
                };
                let c = InternetGateway {
                    internet_gateway_id: id.to_owned(),
                    vpcs: Some(
                        g.attachments()
                            .iter()
                            .filter_map(|a| s(a.vpc_id()))
                            .collect(),
                    ),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("internet-gateway/{id}")),
                    id.to_owned(),
                    Config::AwsEc2InternetGateway(Box::new(c)),
                );
                r.tags = ec2_tags(g.tags());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}

async fn network_interfaces(cx: &Cx, ec2: &Client) -> Result<Vec<Resource>, Fail> {
    let mut out = Vec::new();
    pages!(
        cx,
        "ec2:DescribeNetworkInterfaces",
        ec2.describe_network_interfaces().into_paginator(),
        |p| {
            for n in p.network_interfaces() {
                let Some(id) = n.network_interface_id() else {
                    continue;
                };
                let c = NetworkInterface {
                    network_interface_id: id.to_owned(),
                    interface_type: n.interface_type().map(|x| x.as_str().to_owned()),
                    subnet_id: s(n.subnet_id()),
                    vpc_id: s(n.vpc_id()),
                    security_groups: Some(
                        n.groups().iter().filter_map(|g| s(g.group_id())).collect(),
                    ),
                    public_ip: Some(
                        n.association()
                            .and_then(|a| a.public_ip())
                            .unwrap_or_default()
                            .to_owned(),
                    ),
                    attached_instance: Some(
                        n.attachment()
                            .and_then(|a| a.instance_id())
                            .unwrap_or_default()
                            .to_owned(),
                    ),
                };
                let mut r = cx.resource(
                    cx.arn("ec2", &format!("network-interface/{id}")),
                    id.to_owned(),
                    Config::AwsEc2NetworkInterface(Box::new(c)),
                );
                r.tags = ec2_tags(n.tag_set());
                out.push(r);
            }
        }
    )?;
    Ok(out)
}
