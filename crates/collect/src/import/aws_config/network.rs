//! Network path types used by exposure analysis: route tables, internet gateways, network
//! interfaces and ELBv2 load balancers. Config records the EC2 / ELBv2 `Describe*` output in
//! camelCase.

use posture_model::Config;
use posture_model::kinds::aws::{
    InternetGateway, LoadBalancer, NetworkInterface, Route, RouteTable,
};
use serde::Deserialize;

use super::de::{LBool, LStr};
use super::map::{Cx, Dec, NOT_IN_CONF, gaps_for_none};
use posture_model::kinds::aws::Listener;

// ----- route table ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RouteTableSrc {
    route_table_id: LStr,
    vpc_id: LStr,
    associations: Option<Vec<Option<AssocSrc>>>,
    routes: Option<Vec<Option<RouteSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AssocSrc {
    main: LBool,
    subnet_id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RouteSrc {
    destination_cidr_block: LStr,
    destination_ipv6_cidr_block: LStr,
    destination_prefix_list_id: LStr,
    gateway_id: LStr,
    nat_gateway_id: LStr,
    instance_id: LStr,
    network_interface_id: LStr,
    vpc_peering_connection_id: LStr,
    transit_gateway_id: LStr,
    egress_only_internet_gateway_id: LStr,
    state: LStr,
}

pub(super) fn route_table(cx: &mut Cx<'_, '_>) -> Config {
    let src: RouteTableSrc = cx.conf().unwrap_or_default();
    let assocs: Option<Vec<AssocSrc>> = src.associations.map(|v| v.into_iter().flatten().collect());
    let t = RouteTable {
        route_table_id: src.route_table_id.0.unwrap_or_else(|| cx.id.to_owned()),
        vpc_id: src.vpc_id.0.or_else(|| cx.related_id("AWS::EC2::VPC")),
        main: assocs
            .as_ref()
            .map(|a| a.iter().any(|x| x.main.0 == Some(true))),
        subnets: assocs.map(|a| a.into_iter().filter_map(|x| x.subnet_id.0).collect()),
        routes: src.routes.map(|v| {
            v.into_iter()
                .flatten()
                .map(|r| Route {
                    destination: r
                        .destination_cidr_block
                        .0
                        .or(r.destination_ipv6_cidr_block.0)
                        .or(r.destination_prefix_list_id.0)
                        .unwrap_or_default(),
                    target: r
                        .gateway_id
                        .0
                        .or(r.nat_gateway_id.0)
                        .or(r.transit_gateway_id.0)
                        .or(r.vpc_peering_connection_id.0)
                        .or(r.egress_only_internet_gateway_id.0)
                        .or(r.network_interface_id.0)
                        .or(r.instance_id.0)
                        .unwrap_or_default(),
                    state: r.state.0.map(|s| s.to_ascii_lowercase()),
                })
                .collect()
        }),
    };
    gaps_for_none!(cx, t, NOT_IN_CONF; vpc_id, main, subnets, routes);
    Config::AwsEc2RouteTable(Box::new(t))
}

// ----- internet gateway ----------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct IgwSrc {
    internet_gateway_id: LStr,
    attachments: Option<Vec<Option<IgwAttachment>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct IgwAttachment {
    vpc_id: LStr,
}

pub(super) fn internet_gateway(cx: &mut Cx<'_, '_>) -> Config {
    let src: IgwSrc = cx.conf().unwrap_or_default();
    let g = InternetGateway {
        internet_gateway_id: src
            .internet_gateway_id
            .0
            .unwrap_or_else(|| cx.id.to_owned()),
        vpcs: src
            .attachments
            .map(|v| v.into_iter().flatten().filter_map(|a| a.vpc_id.0).collect())
            .or_else(|| cx.related_id("AWS::EC2::VPC").map(|v| vec![v])),
    };
    gaps_for_none!(cx, g, NOT_IN_CONF; vpcs);
    Config::AwsEc2InternetGateway(Box::new(g))
}

// ----- network interface ---------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct EniSrc {
    network_interface_id: LStr,
    interface_type: LStr,
    subnet_id: LStr,
    vpc_id: LStr,
    groups: Option<Vec<Option<GroupSrc>>>,
    association: Option<EniAssoc>,
    attachment: Option<EniAttachment>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct GroupSrc {
    group_id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct EniAssoc {
    public_ip: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct EniAttachment {
    instance_id: LStr,
}

pub(super) fn network_interface(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<EniSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let n = NetworkInterface {
        network_interface_id: src
            .network_interface_id
            .0
            .unwrap_or_else(|| cx.id.to_owned()),
        interface_type: src.interface_type.0,
        subnet_id: src
            .subnet_id
            .0
            .or_else(|| cx.related_id("AWS::EC2::Subnet")),
        vpc_id: src.vpc_id.0.or_else(|| cx.related_id("AWS::EC2::VPC")),
        security_groups: src.groups.map(|v| {
            v.into_iter()
                .flatten()
                .filter_map(|g| g.group_id.0)
                .collect()
        }),
        // Describe output omits `association` when the interface has no public address.
        public_ip: match src.association {
            Some(a) => a.public_ip.0.or_else(|| Some(String::new())),
            None => has.then(String::new),
        },
        attached_instance: match src.attachment {
            Some(a) => a.instance_id.0.or_else(|| Some(String::new())),
            None => has.then(String::new),
        },
    };
    gaps_for_none!(cx, n, NOT_IN_CONF;
        interface_type, subnet_id, vpc_id, security_groups, public_ip, attached_instance);
    Config::AwsEc2NetworkInterface(Box::new(n))
}

// ----- ELBv2 load balancer -------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct LbSrc {
    load_balancer_name: LStr,
    #[serde(rename = "type")]
    lb_type: LStr,
    scheme: LStr,
    vpc_id: LStr,
    availability_zones: Option<Vec<Option<ZoneSrc>>>,
    security_groups: Option<Vec<Option<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ZoneSrc {
    subnet_id: LStr,
}

/// One `{key, value}` load balancer attribute.
#[derive(Deserialize, Default)]
#[serde(default)]
struct LbAttrSrc {
    #[serde(alias = "Key")]
    key: LStr,
    #[serde(alias = "Value")]
    value: LStr,
}

const NOT_IN_LB_ITEM: &str = "AWS Config records target groups as separate items; Posture does \
     not join them yet";

/// Listeners are joined from `AWS::ElasticLoadBalancingV2::Listener` items of the same file; this
/// gap stays only when none was there.
const NO_LISTENER_ITEM: &str = "AWS Config records listeners as separate items \
     (AWS::ElasticLoadBalancingV2::Listener); none for this load balancer was in the same file";

pub(super) fn load_balancer(cx: &mut Cx<'_, '_>) -> Config {
    let src: LbSrc = cx.conf().unwrap_or_default();
    let lb = LoadBalancer {
        load_balancer_name: src.load_balancer_name.0.unwrap_or_else(|| cx.name_or_id()),
        lb_type: src.lb_type.0,
        scheme: src.scheme.0,
        vpc_id: src.vpc_id.0.or_else(|| cx.related_id("AWS::EC2::VPC")),
        subnets: src.availability_zones.map(|v| {
            v.into_iter()
                .flatten()
                .filter_map(|z| z.subnet_id.0)
                .collect()
        }),
        security_groups: src
            .security_groups
            .map(|v| v.into_iter().flatten().collect()),
        listener_ports: None,
        target_instances: None,
        listeners: None,
        deletion_protection: None,
        access_logs_enabled: None,
        drop_invalid_header_fields: None,
    };
    let mut lb = lb;
    if let Dec::Val(attrs) =
        cx.sup::<Vec<Option<LbAttrSrc>>>("LoadBalancerAttributes", "deletion_protection")
    {
        let get = |key: &str| {
            attrs
                .iter()
                .flatten()
                .find(|a| a.key.0.as_deref() == Some(key))
                .and_then(|a| a.value.0.as_deref().map(|v| v.eq_ignore_ascii_case("true")))
        };
        lb.deletion_protection = get("deletion_protection.enabled");
        lb.access_logs_enabled = get("access_logs.s3.enabled");
        lb.drop_invalid_header_fields = get("routing.http.drop_invalid_header_fields.enabled");
    }
    const NO_ATTRS: &str =
        "supplementaryConfiguration.LoadBalancerAttributes is not in the AWS Config item";
    if !cx.has_gap("deletion_protection") {
        gaps_for_none!(cx, lb, NO_ATTRS; deletion_protection, access_logs_enabled);
    }
    if lb.drop_invalid_header_fields.is_none()
        && lb.lb_type.as_deref() == Some("application")
        && !cx.has_gap("drop_invalid_header_fields")
    {
        cx.missing(
            "drop_invalid_header_fields",
            "supplementaryConfiguration.LoadBalancerAttributes does not hold the attribute",
        );
    }
    gaps_for_none!(cx, lb, NOT_IN_CONF; lb_type, scheme, vpc_id, subnets, security_groups);
    gaps_for_none!(cx, lb, NO_LISTENER_ITEM; listeners, listener_ports);
    gaps_for_none!(cx, lb, NOT_IN_LB_ITEM; target_instances);
    Config::AwsElbv2LoadBalancer(Box::new(lb))
}

// ----- ELBv2 listeners (joined into their load balancer) -------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListenerSrc {
    #[serde(rename = "loadBalancerArn", alias = "LoadBalancerArn")]
    load_balancer_arn: LStr,
    #[serde(rename = "port", alias = "Port")]
    port: super::de::LInt,
    #[serde(rename = "protocol", alias = "Protocol")]
    protocol: LStr,
    #[serde(rename = "sslPolicy", alias = "SslPolicy")]
    ssl_policy: LStr,
    #[serde(rename = "defaultActions", alias = "DefaultActions")]
    default_actions: Option<Vec<Option<ActionSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActionSrc {
    #[serde(rename = "type", alias = "Type")]
    action_type: LStr,
    #[serde(rename = "redirectConfig", alias = "RedirectConfig")]
    redirect: Option<RedirectSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RedirectSrc {
    #[serde(rename = "protocol", alias = "Protocol")]
    protocol: LStr,
}

/// The load balancer ARN and the listener described by an `AWS::ElasticLoadBalancingV2::Listener`
/// configuration (kept as an unmodeled resource and joined into its load balancer at the end of
/// the file). `None` when the configuration does not name its load balancer.
pub(super) fn listener_of(raw: &posture_model::RawJson) -> Option<(String, Listener)> {
    let src: ListenerSrc = serde_json::from_str(raw.get()).ok()?;
    let lb = src.load_balancer_arn.0?;
    let redirects_to_https = src
        .default_actions
        .unwrap_or_default()
        .iter()
        .flatten()
        .any(|a| {
            a.action_type
                .0
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("redirect"))
                && a.redirect.as_ref().is_some_and(|r| {
                    r.protocol
                        .0
                        .as_deref()
                        .is_some_and(|p| p.eq_ignore_ascii_case("HTTPS"))
                })
        });
    Some((
        lb,
        Listener {
            port: src.port.i32(),
            protocol: src.protocol.0.unwrap_or_default().to_ascii_uppercase(),
            ssl_policy: src.ssl_policy.0,
            redirects_to_https,
        },
    ))
}
