//! EC2 resource types: security groups, instances, volumes, VPCs, flow logs, network ACLs and
//! subnets. Config records these as the EC2 `Describe*` output in camelCase.

use posture_model::Config;
use posture_model::kinds::aws::{
    EbsVolume, Ec2Instance, FlowLog, IpPermission, NaclEntry, NetworkAcl, SecurityGroup, Subnet,
    Vpc,
};
use serde::Deserialize;

use super::de::{LBool, LInt, LStr, StrOrObj};
use super::map::{Cx, NOT_IN_CONF, gaps_for_none};

// ----- security group ------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SgSrc {
    group_id: LStr,
    group_name: LStr,
    description: LStr,
    vpc_id: LStr,
    ip_permissions: Option<Vec<PermSrc>>,
    ip_permissions_egress: Option<Vec<PermSrc>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PermSrc {
    ip_protocol: LStr,
    from_port: LInt,
    to_port: LInt,
    ipv4_ranges: Option<Vec<Option<V4>>>,
    /// Legacy spelling: a list of CIDR strings (or objects).
    ip_ranges: Option<Vec<StrOrObj>>,
    ipv6_ranges: Option<Vec<Option<V6>>>,
    prefix_list_ids: Option<Vec<Option<Pl>>>,
    user_id_group_pairs: Option<Vec<Option<Pair>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct V4 {
    cidr_ip: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct V6 {
    cidr_ipv6: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Pl {
    prefix_list_id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Pair {
    group_id: LStr,
    group_name: LStr,
}

fn perm(p: PermSrc) -> IpPermission {
    let mut ipv4: Vec<String> = p
        .ipv4_ranges
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|r| r.cidr_ip.0)
        .collect();
    for legacy in p.ip_ranges.into_iter().flatten().filter_map(|r| r.0) {
        if !ipv4.contains(&legacy) {
            ipv4.push(legacy);
        }
    }
    IpPermission {
        protocol: p.ip_protocol.0.unwrap_or_else(|| "-1".into()),
        from_port: p.from_port.i32(),
        to_port: p.to_port.i32(),
        ipv4_ranges: ipv4,
        ipv6_ranges: p
            .ipv6_ranges
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|r| r.cidr_ipv6.0)
            .collect(),
        prefix_lists: p
            .prefix_list_ids
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|r| r.prefix_list_id.0)
            .collect(),
        source_groups: p
            .user_id_group_pairs
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|r| r.group_id.0.or(r.group_name.0))
            .collect(),
    }
}

pub(super) fn security_group(cx: &mut Cx<'_, '_>) -> Config {
    let src: SgSrc = cx.conf().unwrap_or_default();
    let sg = SecurityGroup {
        group_id: src.group_id.0.unwrap_or_else(|| cx.id.to_owned()),
        group_name: src.group_name.0.unwrap_or_else(|| cx.name_or_id()),
        description: src.description.0,
        vpc_id: src.vpc_id.0.or_else(|| cx.related_id("AWS::EC2::VPC")),
        ingress: src
            .ip_permissions
            .map(|v| v.into_iter().map(perm).collect()),
        egress: src
            .ip_permissions_egress
            .map(|v| v.into_iter().map(perm).collect()),
    };
    gaps_for_none!(cx, sg, NOT_IN_CONF; description, vpc_id, ingress, egress);
    Config::AwsEc2SecurityGroup(Box::new(sg))
}

// ----- instance ------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct InstanceSrc {
    instance_id: LStr,
    instance_type: LStr,
    state: Option<NameSrc>,
    image_id: LStr,
    public_ip_address: LStr,
    subnet_id: LStr,
    vpc_id: LStr,
    security_groups: Option<Vec<Option<GroupRef>>>,
    iam_instance_profile: Option<ProfileRef>,
    metadata_options: Option<MetadataSrc>,
    monitoring: Option<StateSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NameSrc {
    name: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StateSrc {
    state: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct GroupRef {
    group_id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProfileRef {
    arn: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct MetadataSrc {
    http_tokens: LStr,
    http_endpoint: LStr,
}

pub(super) fn instance(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<InstanceSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let meta = src.metadata_options.unwrap_or_default();
    let i = Ec2Instance {
        instance_id: src.instance_id.0.unwrap_or_else(|| cx.id.to_owned()),
        instance_type: src.instance_type.0,
        state: src.state.and_then(|s| s.name.0),
        image_id: src.image_id.0,
        // Describe output omits the address when there is none: observed "no public IP".
        public_ip: src.public_ip_address.0.or_else(|| has.then(String::new)),
        subnet_id: src
            .subnet_id
            .0
            .or_else(|| cx.related_id("AWS::EC2::Subnet")),
        vpc_id: src.vpc_id.0.or_else(|| cx.related_id("AWS::EC2::VPC")),
        security_groups: src.security_groups.map(|v| {
            v.into_iter()
                .flatten()
                .filter_map(|g| g.group_id.0)
                .collect()
        }),
        iam_instance_profile: match src.iam_instance_profile {
            Some(p) => p.arn.0.or_else(|| Some(String::new())),
            None => has.then(String::new),
        },
        metadata_http_tokens: meta.http_tokens.0,
        metadata_http_endpoint: meta.http_endpoint.0,
        monitoring_enabled: src
            .monitoring
            .and_then(|m| m.state.0)
            .map(|s| s.eq_ignore_ascii_case("enabled")),
    };
    gaps_for_none!(cx, i, NOT_IN_CONF;
        instance_type, state, image_id, public_ip, subnet_id, vpc_id, security_groups,
        iam_instance_profile, metadata_http_tokens, metadata_http_endpoint, monitoring_enabled);
    Config::AwsEc2Instance(Box::new(i))
}

// ----- volume --------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VolumeSrc {
    volume_id: LStr,
    encrypted: LBool,
    kms_key_id: LStr,
    size: LInt,
    state: LStr,
    attachments: Option<Vec<Option<Attachment>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Attachment {
    instance_id: LStr,
}

pub(super) fn volume(cx: &mut Cx<'_, '_>) -> Config {
    let src: VolumeSrc = cx.conf().unwrap_or_default();
    let v = EbsVolume {
        volume_id: src.volume_id.0.unwrap_or_else(|| cx.id.to_owned()),
        encrypted: src.encrypted.0,
        kms_key_id: src.kms_key_id.0,
        size_gib: src.size.0,
        state: src.state.0,
        attached_instances: src.attachments.map(|a| {
            a.into_iter()
                .flatten()
                .filter_map(|x| x.instance_id.0)
                .collect()
        }),
    };
    gaps_for_none!(cx, v, NOT_IN_CONF; encrypted, kms_key_id, size_gib, state, attached_instances);
    Config::AwsEc2Volume(Box::new(v))
}

// ----- VPC, subnet ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VpcSrc {
    vpc_id: LStr,
    cidr_block: LStr,
    is_default: LBool,
}

pub(super) fn vpc(cx: &mut Cx<'_, '_>) -> Config {
    let src: VpcSrc = cx.conf().unwrap_or_default();
    let v = Vpc {
        vpc_id: src.vpc_id.0.unwrap_or_else(|| cx.id.to_owned()),
        cidr_block: src.cidr_block.0,
        is_default: src.is_default.0,
    };
    gaps_for_none!(cx, v, NOT_IN_CONF; cidr_block, is_default);
    Config::AwsEc2Vpc(Box::new(v))
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SubnetSrc {
    subnet_id: LStr,
    vpc_id: LStr,
    cidr_block: LStr,
    map_public_ip_on_launch: LBool,
}

pub(super) fn subnet(cx: &mut Cx<'_, '_>) -> Config {
    let src: SubnetSrc = cx.conf().unwrap_or_default();
    let s = Subnet {
        subnet_id: src.subnet_id.0.unwrap_or_else(|| cx.id.to_owned()),
        vpc_id: src.vpc_id.0.or_else(|| cx.related_id("AWS::EC2::VPC")),
        cidr_block: src.cidr_block.0,
        map_public_ip_on_launch: src.map_public_ip_on_launch.0,
    };
    gaps_for_none!(cx, s, NOT_IN_CONF; vpc_id, cidr_block, map_public_ip_on_launch);
    Config::AwsEc2Subnet(Box::new(s))
}

// ----- flow log ------------------------------------------------------------------------------

/// Config records flow logs in the EC2 camelCase spelling; the CloudFormation PascalCase one
/// is accepted too.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FlowLogSrc {
    #[serde(alias = "Id", alias = "FlowLogId")]
    flow_log_id: LStr,
    #[serde(alias = "ResourceId")]
    resource_id: LStr,
    #[serde(alias = "TrafficType")]
    traffic_type: LStr,
    #[serde(alias = "LogDestinationType")]
    log_destination_type: LStr,
    #[serde(alias = "LogDestination")]
    log_destination: LStr,
    #[serde(alias = "LogGroupName")]
    log_group_name: LStr,
    #[serde(alias = "FlowLogStatus")]
    flow_log_status: LStr,
}

pub(super) fn flow_log(cx: &mut Cx<'_, '_>) -> Config {
    let src: FlowLogSrc = cx.conf().unwrap_or_default();
    let f = FlowLog {
        flow_log_id: src.flow_log_id.0.unwrap_or_else(|| cx.id.to_owned()),
        resource_id: src
            .resource_id
            .0
            .or_else(|| cx.related_id("AWS::EC2::VPC"))
            .unwrap_or_default(),
        traffic_type: src.traffic_type.0,
        destination_type: src.log_destination_type.0,
        destination: src.log_destination.0.or(src.log_group_name.0),
        status: src.flow_log_status.0,
    };
    if f.resource_id.is_empty() {
        cx.missing("resource_id", NOT_IN_CONF);
    }
    gaps_for_none!(cx, f, NOT_IN_CONF; traffic_type, destination_type, destination, status);
    Config::AwsEc2FlowLog(Box::new(f))
}

// ----- network ACL ---------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NaclSrc {
    network_acl_id: LStr,
    vpc_id: LStr,
    is_default: LBool,
    entries: Option<Vec<Option<NaclEntrySrc>>>,
    associations: Option<Vec<Option<NaclAssoc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NaclEntrySrc {
    rule_number: LInt,
    egress: LBool,
    protocol: LStr,
    rule_action: LStr,
    cidr_block: LStr,
    ipv6_cidr_block: LStr,
    port_range: Option<PortRange>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PortRange {
    from: LInt,
    to: LInt,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NaclAssoc {
    subnet_id: LStr,
}

pub(super) fn network_acl(cx: &mut Cx<'_, '_>) -> Config {
    let src: NaclSrc = cx.conf().unwrap_or_default();
    let n = NetworkAcl {
        network_acl_id: src.network_acl_id.0.unwrap_or_else(|| cx.id.to_owned()),
        vpc_id: src.vpc_id.0.or_else(|| cx.related_id("AWS::EC2::VPC")),
        is_default: src.is_default.0,
        entries: src.entries.map(|v| {
            v.into_iter()
                .flatten()
                .map(|e| {
                    let ports = e.port_range.unwrap_or_default();
                    NaclEntry {
                        rule_number: e.rule_number.i32().unwrap_or(i32::MAX),
                        egress: e.egress.0.unwrap_or(false),
                        protocol: e.protocol.0.unwrap_or_else(|| "-1".into()),
                        action: e.rule_action.0.unwrap_or_default().to_ascii_lowercase(),
                        cidr_block: e.cidr_block.0,
                        ipv6_cidr_block: e.ipv6_cidr_block.0,
                        from_port: ports.from.i32(),
                        to_port: ports.to.i32(),
                    }
                })
                .collect()
        }),
        subnets: src.associations.map(|v| {
            v.into_iter()
                .flatten()
                .filter_map(|a| a.subnet_id.0)
                .collect()
        }),
    };
    gaps_for_none!(cx, n, NOT_IN_CONF; vpc_id, is_default, entries, subnets);
    Config::AwsEc2NetworkAcl(Box::new(n))
}
