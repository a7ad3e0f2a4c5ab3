//! The resource graph and what is computed over it: internet exposure per resource (with the
//! path, or the missing hop), and what each workload identity can reach.
//!
//! The graph is built once per scan from the typed configuration (ids of subnets, security
//! groups, network interfaces, route tables, …) and the importers' relationships. Everything is
//! kept by resource position, so an [`Analysis`] owns no borrowed data and can be shared by the
//! toxic-combination rules through `EvalContext::memo`.

use std::collections::HashMap;

use posture_model::kinds::{aws, azure, gcp};
use posture_model::{InventoryIndex, Kind, Resource, Typed};
use posture_rules::iam;
use serde::Serialize;

use crate::context::{ContextSettings, DataClass, Environment, Resolved};

/// Whether (and how) a resource can be reached from the internet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Exposure {
    /// A path exists; `path` lists its hops, entry first.
    Internet {
        /// The hops.
        path: Vec<String>,
    },
    /// No path: a hop definitely blocks it.
    Internal {
        /// The blocking hop.
        reason: String,
    },
    /// A hop's data is missing: exposure cannot be decided. Never treated as "not exposed".
    Unknown {
        /// The missing hops.
        missing: Vec<String>,
    },
    /// The resource is not network-addressable (IAM, KMS, account settings, …).
    NotNetworked,
}

impl Exposure {
    /// `internet`, `internal`, `unknown` or `not_networked`.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Exposure::Internet { .. } => "internet",
            Exposure::Internal { .. } => "internal",
            Exposure::Unknown { .. } => "unknown",
            Exposure::NotNetworked => "not_networked",
        }
    }

    /// One-line explanation.
    #[must_use]
    pub fn explain(&self) -> String {
        match self {
            Exposure::Internet { path } => format!("internet: {}", path.join(" → ")),
            Exposure::Internal { reason } => format!("not reachable: {reason}"),
            Exposure::Unknown { missing } => format!("unknown: missing {}", missing.join("; ")),
            Exposure::NotNetworked => "not network-addressable".to_owned(),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Exposure::Internet { .. } => 3,
            Exposure::Unknown { .. } => 2,
            Exposure::Internal { .. } => 1,
            Exposure::NotNetworked => 0,
        }
    }
}

/// A three-valued fact with its explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "value", content = "detail", rename_all = "snake_case")]
pub enum Tri {
    /// True, because …
    Yes(String),
    /// False.
    No(String),
    /// Undecidable: the missing data.
    Unknown(String),
}

impl Tri {
    fn yes(&self) -> bool {
        matches!(self, Tri::Yes(_))
    }
}

/// What a workload's identity can do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdentityReach {
    /// The identities (role ARNs, service-account e-mails, managed identity types).
    pub identities: Vec<String>,
    /// Full administrative access.
    pub admin: Tri,
    /// Can read data classified restricted or confidential.
    pub sensitive_read: Tri,
}

impl IdentityReach {
    fn none(why: &str) -> IdentityReach {
        IdentityReach {
            identities: Vec::new(),
            admin: Tri::No(why.to_owned()),
            sensitive_read: Tri::No(why.to_owned()),
        }
    }
    fn unknown(why: String) -> IdentityReach {
        IdentityReach {
            identities: Vec::new(),
            admin: Tri::Unknown(why.clone()),
            sensitive_read: Tri::Unknown(why),
        }
    }
}

/// One hop of a path.
enum Hop {
    Yes(String),
    No(String),
    Unknown(String),
}

/// All hops must hold; one blocking hop decides "internal" even when others are unknown.
fn combine(hops: Vec<Hop>) -> Exposure {
    let mut path = Vec::new();
    let mut missing = Vec::new();
    for h in hops {
        match h {
            Hop::No(reason) => return Exposure::Internal { reason },
            Hop::Yes(p) => path.push(p),
            Hop::Unknown(m) => missing.push(m),
        }
    }
    if missing.is_empty() {
        Exposure::Internet { path }
    } else {
        Exposure::Unknown { missing }
    }
}

/// Any alternative suffices: the first Yes, else Unknown if any, else the first No.
fn any_of(alts: Vec<Hop>, none: &str) -> Hop {
    let mut unknown = None;
    let mut no = None;
    for a in alts {
        match a {
            Hop::Yes(_) => return a,
            Hop::Unknown(m) => unknown = unknown.or(Some(m)),
            Hop::No(r) => no = no.or(Some(r)),
        }
    }
    match (unknown, no) {
        (Some(m), _) => Hop::Unknown(m),
        (None, Some(r)) => Hop::No(r),
        (None, None) => Hop::No(none.to_owned()),
    }
}

/// Everything computed over the graph, by resource position.
pub struct Analysis {
    exposure: Vec<Exposure>,
    environment: Vec<Option<Resolved<Environment>>>,
    data_class: Vec<Option<Resolved<DataClass>>>,
    identity: HashMap<u32, IdentityReach>,
    base: usize,
    len: usize,
}

/// Position of `r` in `resources`, when it is an element of that slice.
#[must_use]
pub fn position(resources: &[Resource], r: &Resource) -> Option<usize> {
    let size = std::mem::size_of::<Resource>().max(1);
    let base = resources.as_ptr() as usize;
    let at = std::ptr::from_ref(r) as usize;
    let off = at.checked_sub(base)?;
    (off % size == 0 && off / size < resources.len()).then_some(off / size)
}

type Key<'a> = (Kind, &'a str, &'a str);

struct Builder<'a, 'i> {
    ix: &'i InventoryIndex<'a>,
    res: &'a [Resource],
    /// (kind, account, short id) → position: `sg-…`, `subnet-…`, `rtb-…`, `i-…`.
    short: HashMap<Key<'a>, u32>,
    /// (account, subnet id) → route table with an explicit association.
    rtb_by_subnet: HashMap<(&'a str, &'a str), u32>,
    /// (account, vpc id) → main route table.
    main_rtb: HashMap<(&'a str, &'a str), u32>,
    /// (account, vpc id) → whether any route table of the VPC is in the inventory.
    vpc_has_rtb: HashMap<(&'a str, &'a str), bool>,
    /// (account, instance id) → ENIs attached to it.
    eni_by_instance: HashMap<(&'a str, &'a str), Vec<u32>>,
    /// (account, instance id) → load balancers targeting it.
    lb_by_target: HashMap<(&'a str, &'a str), Vec<u32>>,
    /// (account, vpc id) → load balancers with unknown targets.
    lb_unknown_targets: HashMap<(&'a str, &'a str), Vec<u32>>,
    /// Instance profile ARN → roles carrying it.
    role_by_profile: HashMap<&'a str, Vec<u32>>,
    /// Lower-cased subnet id → NSGs associated with it.
    nsg_by_subnet: HashMap<&'a str, Vec<u32>>,
    /// Lower-cased subnet id → route tables associated with it (Azure).
    az_rtb_by_subnet: HashMap<&'a str, Vec<u32>>,
    /// GCP network key (`projects/p/global/networks/n`) → firewalls / routes.
    gcp_fw: HashMap<String, Vec<u32>>,
    gcp_routes: HashMap<String, Vec<u32>>,
    /// Hop resources (security groups, NSGs, NICs, subnets, firewalls) → workloads using them.
    dependents: HashMap<u32, Vec<u32>>,
    settings: &'i ContextSettings,
}

fn cfg<T: Typed>(r: &Resource) -> Option<&T> {
    T::from_config(&r.config)
}

/// `…/projects/p/global/networks/n` (any URL form) → `projects/p/global/networks/n`.
#[must_use]
pub fn gcp_network_key(url: &str) -> String {
    url.find("projects/")
        .map_or_else(|| url.to_owned(), |i| url[i..].to_owned())
}

const WORLD: &str = "0.0.0.0/0 or ::/0";

impl<'a, 'i> Builder<'a, 'i> {
    fn new(ix: &'i InventoryIndex<'a>, settings: &'i ContextSettings) -> Builder<'a, 'i> {
        let res = ix.resources();
        let mut b = Builder {
            ix,
            res,
            short: HashMap::new(),
            rtb_by_subnet: HashMap::new(),
            main_rtb: HashMap::new(),
            vpc_has_rtb: HashMap::new(),
            eni_by_instance: HashMap::new(),
            lb_by_target: HashMap::new(),
            lb_unknown_targets: HashMap::new(),
            role_by_profile: HashMap::new(),
            nsg_by_subnet: HashMap::new(),
            az_rtb_by_subnet: HashMap::new(),
            gcp_fw: HashMap::new(),
            gcp_routes: HashMap::new(),
            dependents: HashMap::new(),
            settings,
        };
        for (i, r) in res.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let acct = r.account.as_str();
            match r.kind() {
                Kind::AwsEc2SecurityGroup => {
                    if let Some(c) = cfg::<aws::SecurityGroup>(r) {
                        b.short.insert((r.kind(), acct, c.group_id.as_str()), i);
                    }
                }
                Kind::AwsEc2Subnet => {
                    if let Some(c) = cfg::<aws::Subnet>(r) {
                        b.short.insert((r.kind(), acct, c.subnet_id.as_str()), i);
                    }
                }
                Kind::AwsEc2Instance => {
                    if let Some(c) = cfg::<aws::Ec2Instance>(r) {
                        b.short.insert((r.kind(), acct, c.instance_id.as_str()), i);
                    }
                }
                Kind::AwsEc2RouteTable => {
                    if let Some(c) = cfg::<aws::RouteTable>(r) {
                        for s in c.subnets.iter().flatten() {
                            b.rtb_by_subnet.insert((acct, s.as_str()), i);
                        }
                        if let Some(v) = c.vpc_id.as_deref() {
                            b.vpc_has_rtb.insert((acct, v), true);
                            if c.main == Some(true) {
                                b.main_rtb.insert((acct, v), i);
                            }
                        }
                    }
                }
                Kind::AwsEc2NetworkInterface => {
                    if let Some(c) = cfg::<aws::NetworkInterface>(r)
                        && let Some(inst) = c.attached_instance.as_deref().filter(|s| !s.is_empty())
                    {
                        b.eni_by_instance.entry((acct, inst)).or_default().push(i);
                    }
                }
                Kind::AwsElbv2LoadBalancer => {
                    if let Some(c) = cfg::<aws::LoadBalancer>(r) {
                        match &c.target_instances {
                            Some(t) => {
                                for inst in t {
                                    b.lb_by_target
                                        .entry((acct, inst.as_str()))
                                        .or_default()
                                        .push(i);
                                }
                            }
                            None => {
                                if let Some(v) = c.vpc_id.as_deref() {
                                    b.lb_unknown_targets.entry((acct, v)).or_default().push(i);
                                }
                            }
                        }
                    }
                }
                Kind::AwsIamRole => {
                    if let Some(c) = cfg::<aws::IamRole>(r) {
                        for p in c.instance_profiles.iter().flatten() {
                            b.role_by_profile.entry(p.as_str()).or_default().push(i);
                        }
                    }
                }
                Kind::AzureNetworkNsg => {
                    if let Some(c) = cfg::<azure::NetworkSecurityGroup>(r) {
                        for s in c.subnets.iter().flatten() {
                            b.nsg_by_subnet.entry(s.as_str()).or_default().push(i);
                        }
                    }
                }
                Kind::AzureNetworkRouteTable => {
                    if let Some(c) = cfg::<azure::RouteTable>(r) {
                        for s in c.subnets.iter().flatten() {
                            b.az_rtb_by_subnet.entry(s.as_str()).or_default().push(i);
                        }
                    }
                }
                Kind::GcpComputeFirewall => {
                    if let Some(n) = cfg::<gcp::Firewall>(r).and_then(|c| c.network.as_deref()) {
                        b.gcp_fw.entry(gcp_network_key(n)).or_default().push(i);
                    }
                }
                Kind::GcpComputeRoute => {
                    if let Some(n) = cfg::<gcp::Route>(r).and_then(|c| c.network.as_deref()) {
                        b.gcp_routes.entry(gcp_network_key(n)).or_default().push(i);
                    }
                }
                _ => {}
            }
        }
        b
    }

    fn get(&self, i: u32) -> Option<&'a Resource> {
        self.res.get(i as usize)
    }

    fn depend(&mut self, hop: u32, on: u32) {
        self.dependents.entry(hop).or_default().push(on);
    }

    // ----- AWS --------------------------------------------------------------------------------

    fn aws_security_groups(&mut self, me: u32, r: &Resource, sgs: Option<&Vec<String>>) -> Hop {
        let Some(sgs) = sgs else {
            return Hop::Unknown(format!("security groups of {}", r.name));
        };
        if sgs.is_empty() {
            return Hop::No("no security group attached".into());
        }
        let mut open = Vec::new();
        let mut missing = None;
        for id in sgs {
            let Some(&g) =
                self.short
                    .get(&(Kind::AwsEc2SecurityGroup, r.account.as_str(), id.as_str()))
            else {
                missing
                    .get_or_insert_with(|| format!("security group {id} (not in the inventory)"));
                continue;
            };
            self.depend(g, me);
            let Some(sg) = self.get(g).and_then(cfg::<aws::SecurityGroup>) else {
                continue;
            };
            let Some(ingress) = &sg.ingress else {
                missing.get_or_insert_with(|| format!("ingress rules of security group {id}"));
                continue;
            };
            for p in ingress.iter().filter(|p| p.open_to_world()) {
                open.push(format!("{id} allows {} from {WORLD}", perm_ports(p)));
            }
        }
        if !open.is_empty() {
            return Hop::Yes(open.join(", "));
        }
        match missing {
            Some(m) => Hop::Unknown(m),
            None => Hop::No(format!(
                "no security group allows inbound traffic from {WORLD}"
            )),
        }
    }

    fn aws_subnet_route(&mut self, me: u32, r: &Resource, subnet: &str, vpc: Option<&str>) -> Hop {
        let acct = r.account.as_str();
        if let Some(&s) = self.short.get(&(Kind::AwsEc2Subnet, acct, subnet)) {
            self.depend(s, me);
        }
        let vpc = vpc.or_else(|| {
            self.short
                .get(&(Kind::AwsEc2Subnet, acct, subnet))
                .and_then(|&s| self.get(s))
                .and_then(cfg::<aws::Subnet>)
                .and_then(|s| s.vpc_id.as_deref())
        });
        let rtb = self
            .rtb_by_subnet
            .get(&(acct, subnet))
            .copied()
            .or_else(|| vpc.and_then(|v| self.main_rtb.get(&(acct, v)).copied()));
        let Some(t) = rtb else {
            let why = match vpc {
                Some(v) if self.vpc_has_rtb.contains_key(&(acct, v)) => {
                    format!(
                        "route table of subnet {subnet} (no explicit association and no main route table of {v} observed)"
                    )
                }
                Some(v) => format!("route tables of {v} (none in the inventory)"),
                None => format!("route table of subnet {subnet}"),
            };
            return Hop::Unknown(why);
        };
        let Some(table) = self.get(t).and_then(cfg::<aws::RouteTable>) else {
            return Hop::Unknown(format!("route table of subnet {subnet}"));
        };
        let Some(routes) = &table.routes else {
            return Hop::Unknown(format!("routes of {}", table.route_table_id));
        };
        match routes.iter().find(|rt| rt.is_default_to_igw()) {
            Some(rt) => Hop::Yes(format!(
                "subnet {subnet} → {} ({} → {})",
                table.route_table_id, rt.destination, rt.target
            )),
            None => Hop::No(format!(
                "route table {} of subnet {subnet} has no default route to an internet gateway",
                table.route_table_id
            )),
        }
    }

    fn aws_instance(&mut self, me: u32, r: &Resource, c: &aws::Ec2Instance) -> Exposure {
        let acct = r.account.as_str();
        let mut alts = Vec::new();
        // Direct: a public IPv4 address on the instance or one of its interfaces.
        let enis: Vec<u32> = self
            .eni_by_instance
            .get(&(acct, c.instance_id.as_str()))
            .cloned()
            .unwrap_or_default();
        let eni_ip = enis.iter().find_map(|&e| {
            self.get(e)
                .and_then(cfg::<aws::NetworkInterface>)
                .and_then(|n| n.public_ip.as_deref().filter(|ip| !ip.is_empty()))
                .map(|ip| (e, ip))
        });
        for &e in &enis {
            self.depend(e, me);
        }
        let public = match (c.public_ip.as_deref(), eni_ip) {
            (Some(ip), _) if !ip.is_empty() => Hop::Yes(format!("public IP {ip}")),
            (_, Some((_, ip))) => Hop::Yes(format!("public IP {ip} (network interface)")),
            (Some(_), None) => Hop::No("no public IP address".into()),
            (None, None) => Hop::Unknown(format!("public IP of instance {}", c.instance_id)),
        };
        if !matches!(public, Hop::No(_)) {
            let route = match c.subnet_id.as_deref() {
                Some(s) => self.aws_subnet_route(me, r, s, c.vpc_id.as_deref()),
                None => Hop::Unknown(format!("subnet of instance {}", c.instance_id)),
            };
            let sg = self.aws_security_groups(me, r, c.security_groups.as_ref());
            alts.push(combine(vec![public, route, sg]));
        } else if let Hop::No(reason) = public {
            alts.push(Exposure::Internal { reason });
        }
        // Through a load balancer whose targets include the instance.
        for lb in self
            .lb_by_target
            .get(&(acct, c.instance_id.as_str()))
            .cloned()
            .unwrap_or_default()
        {
            let lbe = self.aws_load_balancer_at(lb);
            if let Exposure::Internet { mut path } = lbe {
                path.push(format!("targets instance {}", c.instance_id));
                alts.push(Exposure::Internet { path });
            } else {
                alts.push(lbe);
            }
        }
        if let Some(v) = c.vpc_id.as_deref()
            && let Some(lbs) = self.lb_unknown_targets.get(&(acct, v))
        {
            let internet_facing: Vec<&str> = lbs
                .iter()
                .filter_map(|&l| self.get(l))
                .filter(|l| {
                    cfg::<aws::LoadBalancer>(l)
                        .is_some_and(|x| x.scheme.as_deref() != Some("internal"))
                })
                .map(|l| l.name.as_str())
                .collect();
            if let Some(name) = internet_facing.first() {
                alts.push(Exposure::Unknown {
                    missing: vec![format!("targets of load balancer {name} (same VPC)")],
                });
            }
        }
        best(alts)
    }

    fn aws_load_balancer_at(&mut self, i: u32) -> Exposure {
        let Some(r) = self.get(i) else {
            return Exposure::NotNetworked;
        };
        match cfg::<aws::LoadBalancer>(r) {
            Some(c) => self.aws_load_balancer(i, r, c),
            None => Exposure::NotNetworked,
        }
    }

    fn aws_load_balancer(&mut self, me: u32, r: &Resource, c: &aws::LoadBalancer) -> Exposure {
        let scheme = match c.scheme.as_deref() {
            Some("internet-facing") => {
                Hop::Yes(format!("internet-facing load balancer {}", r.name))
            }
            Some(s) => Hop::No(format!("load balancer scheme is {s}")),
            None => Hop::Unknown(format!("scheme of load balancer {}", r.name)),
        };
        let route = match &c.subnets {
            Some(subnets) if !subnets.is_empty() => {
                let alts = subnets
                    .iter()
                    .map(|s| self.aws_subnet_route(me, r, s, c.vpc_id.as_deref()))
                    .collect();
                any_of(alts, "no subnet")
            }
            Some(_) => Hop::No("load balancer has no subnets".into()),
            None => Hop::Unknown(format!("subnets of load balancer {}", r.name)),
        };
        let sg = match &c.security_groups {
            // Network load balancers without security groups pass traffic to their targets.
            Some(v) if v.is_empty() => Hop::Yes("no security group (all listener ports)".into()),
            other => self.aws_security_groups(me, r, other.as_ref()),
        };
        combine(vec![scheme, route, sg])
    }

    fn aws_rds(&mut self, me: u32, r: &Resource, c: &aws::RdsDbInstance) -> Exposure {
        let public = match c.publicly_accessible {
            Some(true) => Hop::Yes("publicly accessible endpoint".into()),
            Some(false) => Hop::No("not publicly accessible".into()),
            None => Hop::Unknown("publicly_accessible".into()),
        };
        let route = match &c.subnet_ids {
            Some(s) if !s.is_empty() => {
                let alts = s
                    .iter()
                    .map(|s| self.aws_subnet_route(me, r, s, None))
                    .collect();
                any_of(alts, "no subnet")
            }
            _ => Hop::Unknown(format!("DB subnet group of {}", c.identifier)),
        };
        let sg = self.aws_security_groups(me, r, c.vpc_security_groups.as_ref());
        combine(vec![public, route, sg])
    }

    fn aws_lambda(c: &aws::LambdaFunction) -> Exposure {
        match c.url_auth_type.as_deref() {
            Some(a) if a.eq_ignore_ascii_case("NONE") => Exposure::Internet {
                path: vec!["function URL with auth type NONE".into()],
            },
            Some(a) if !a.is_empty() => Exposure::Internal {
                reason: format!("function URL requires {a} authentication"),
            },
            Some(_) => Exposure::Unknown {
                missing: vec![
                    "triggers other than a function URL (API Gateway, ALB) are not modeled".into(),
                ],
            },
            None => Exposure::Unknown {
                missing: vec!["url_auth_type".into()],
            },
        }
    }

    fn aws_bucket(&self, r: &Resource, c: &aws::S3Bucket) -> Exposure {
        let account_block = self
            .ix
            .of_kind_in(Kind::AwsS3AccountPublicAccessBlock, &r.account, None)
            .filter_map(cfg::<aws::S3AccountPublicAccessBlock>)
            .find_map(|a| a.settings);
        let block = |f: fn(&aws::PublicAccessBlock) -> bool| {
            account_block.as_ref().is_some_and(f) || c.public_access_block.as_ref().is_some_and(f)
        };
        let mut missing = Vec::new();
        let acl_public = match &c.acl {
            Some(acl) => acl.grants.iter().any(|g| {
                g.grantee.ends_with("/global/AllUsers")
                    || g.grantee.ends_with("/global/AuthenticatedUsers")
            }),
            None => {
                missing.push("bucket ACL".to_owned());
                false
            }
        };
        let policy_public = match &c.policy {
            Some(p) => iam::public_statements(p)
                .any(|(_, s)| iam::statement_allows_action(s, "s3:GetObject")),
            None => {
                missing.push("bucket policy".to_owned());
                false
            }
        };
        if acl_public && !block(|b| b.ignore_public_acls) {
            return Exposure::Internet {
                path: vec!["bucket ACL grants read to everyone".into()],
            };
        }
        if policy_public && !block(|b| b.restrict_public_buckets) {
            return Exposure::Internet {
                path: vec!["bucket policy allows s3:GetObject to Principal *".into()],
            };
        }
        if c.public_access_block.is_none()
            && account_block.is_none()
            && (acl_public || policy_public)
        {
            missing.push("Block Public Access settings".into());
        }
        if missing.is_empty() {
            Exposure::Internal {
                reason: "no public ACL grant or public policy statement is in effect".into(),
            }
        } else {
            Exposure::Unknown { missing }
        }
    }

    // ----- Azure ------------------------------------------------------------------------------

    fn azure_nsg_allows(&self, nsg: &Resource) -> Result<Vec<String>, String> {
        let c = cfg::<azure::NetworkSecurityGroup>(nsg).ok_or_else(|| nsg.name.clone())?;
        let rules = c
            .security_rules
            .as_ref()
            .ok_or_else(|| format!("security rules of NSG {}", nsg.name))?;
        let mut inbound: Vec<&azure::NsgRule> = rules
            .iter()
            .filter(|r| r.direction.eq_ignore_ascii_case("inbound") && r.from_internet())
            .collect();
        inbound.sort_by_key(|r| r.priority);
        let mut open = Vec::new();
        for r in inbound {
            let all_ports = r.destination_ports.iter().any(|p| p.trim() == "*");
            if r.access.eq_ignore_ascii_case("deny") {
                if all_ports && r.protocol == "*" {
                    break;
                }
                continue;
            }
            if r.access.eq_ignore_ascii_case("allow") {
                open.push(format!(
                    "NSG {} rule {} allows {}/{} from the internet",
                    nsg.name,
                    r.name,
                    r.protocol.to_ascii_lowercase(),
                    r.destination_ports.join(",")
                ));
            }
        }
        Ok(open)
    }

    fn azure_vm(&mut self, me: u32, r: &Resource, c: &azure::VirtualMachine) -> Exposure {
        let Some(nics) = &c.network_interfaces else {
            return Exposure::Unknown {
                missing: vec!["network interfaces of the VM".into()],
            };
        };
        let mut alts = Vec::new();
        for id in nics {
            let Some(nic_r) = self.ix.get(id) else {
                alts.push(Exposure::Unknown {
                    missing: vec![format!("network interface {id} (not in the inventory)")],
                });
                continue;
            };
            if let Some(p) = position(self.res, nic_r).and_then(|p| u32::try_from(p).ok()) {
                self.depend(p, me);
            }
            let Some(nic) = cfg::<azure::NetworkInterface>(nic_r) else {
                continue;
            };
            alts.push(self.azure_nic_path(me, r, nic_r, nic));
        }
        if alts.is_empty() {
            return Exposure::Internal {
                reason: "no network interface".into(),
            };
        }
        best(alts)
    }

    fn azure_nic_path(
        &mut self,
        me: u32,
        _r: &Resource,
        nic_r: &Resource,
        nic: &azure::NetworkInterface,
    ) -> Exposure {
        let public = match &nic.public_ips {
            Some(ips) if !ips.is_empty() => {
                let shown: Vec<String> = ips
                    .iter()
                    .map(|id| {
                        self.ix
                            .get(id)
                            .and_then(|p| {
                                cfg::<azure::PublicIpAddress>(p)
                                    .and_then(|x| x.ip_address.clone())
                                    .or_else(|| Some(p.name.clone()))
                            })
                            .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_owned())
                    })
                    .collect();
                Hop::Yes(format!("public IP {} on {}", shown.join(", "), nic_r.name))
            }
            Some(_) => Hop::No(format!("network interface {} has no public IP", nic_r.name)),
            None => Hop::Unknown(format!("public IPs of network interface {}", nic_r.name)),
        };
        // Route: a user-defined 0.0.0.0/0 to `None` drops traffic; to an appliance it is unclear.
        let subnets = nic.subnets.clone().unwrap_or_default();
        let mut route = Hop::Yes("system route 0.0.0.0/0 → Internet".into());
        for s in &subnets {
            for &t in self
                .az_rtb_by_subnet
                .get(s.as_str())
                .map_or(&[][..], Vec::as_slice)
            {
                let Some(rt) = self.get(t) else { continue };
                let Some(rc) = cfg::<azure::RouteTable>(rt) else {
                    continue;
                };
                let Some(routes) = &rc.routes else {
                    route = Hop::Unknown(format!("routes of route table {}", rt.name));
                    continue;
                };
                if let Some(d) = routes
                    .iter()
                    .find(|x| x.address_prefix.trim() == "0.0.0.0/0")
                {
                    route = match d.next_hop_type.to_ascii_lowercase().as_str() {
                        "internet" => {
                            Hop::Yes(format!("route table {} 0.0.0.0/0 → Internet", rt.name))
                        }
                        "none" => Hop::No(format!("route table {} drops 0.0.0.0/0", rt.name)),
                        other => Hop::Unknown(format!(
                            "return path through {other} (route table {})",
                            rt.name
                        )),
                    };
                }
            }
        }
        // NSGs: on the interface and on its subnets; every NSG present must allow.
        let mut nsgs: Vec<u32> = Vec::new();
        let mut nsg_missing = None;
        match nic.network_security_group.as_deref() {
            Some("") => {}
            Some(id) => match self.ix.get(id).and_then(|n| position(self.res, n)) {
                Some(p) => nsgs.push(u32::try_from(p).unwrap_or(u32::MAX)),
                None => nsg_missing = Some(format!("NSG {id} (not in the inventory)")),
            },
            None => nsg_missing = Some(format!("NSG of network interface {}", nic_r.name)),
        }
        for s in &subnets {
            nsgs.extend(
                self.nsg_by_subnet
                    .get(s.as_str())
                    .into_iter()
                    .flatten()
                    .copied(),
            );
        }
        let nsg = if let Some(m) = nsg_missing {
            Hop::Unknown(m)
        } else if nsgs.is_empty() {
            Hop::Yes("no NSG on the interface or its subnet (all inbound traffic allowed)".into())
        } else {
            let mut hop = Hop::Yes(String::new());
            let mut all_open = Vec::new();
            for &n in &nsgs {
                self.depend(n, me);
                let Some(nr) = self.get(n) else { continue };
                match self.azure_nsg_allows(nr) {
                    Ok(open) if open.is_empty() => {
                        hop = Hop::No(format!(
                            "NSG {} allows no inbound traffic from the internet",
                            nr.name
                        ));
                        break;
                    }
                    Ok(open) => all_open.extend(open),
                    Err(m) => hop = Hop::Unknown(m),
                }
            }
            match hop {
                Hop::Yes(_) => Hop::Yes(all_open.join(", ")),
                other => other,
            }
        };
        combine(vec![public, route, nsg])
    }

    fn azure_storage(c: &azure::StorageAccount) -> Exposure {
        match (
            c.public_network_access.as_deref(),
            c.network_default_action.as_deref(),
        ) {
            (Some(p), _) if p.eq_ignore_ascii_case("disabled") => Exposure::Internal {
                reason: "public network access disabled".into(),
            },
            (_, Some(a)) if a.eq_ignore_ascii_case("deny") => Exposure::Internal {
                reason: "storage firewall denies by default".into(),
            },
            (_, Some(_)) => Exposure::Internet {
                path: vec!["public endpoint, storage firewall default action Allow".into()],
            },
            (_, None) => Exposure::Unknown {
                missing: vec!["network_default_action".into()],
            },
        }
    }

    fn azure_sql(c: &azure::SqlServer) -> Exposure {
        if c.public_network_access
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("disabled"))
        {
            return Exposure::Internal {
                reason: "public network access disabled".into(),
            };
        }
        match &c.firewall_rules {
            Some(rules) => match rules
                .iter()
                .find(|f| posture_rules::net::ipv4_range_is_world(&f.start_ip, &f.end_ip))
            {
                Some(f) => Exposure::Internet {
                    path: vec![format!(
                        "firewall rule {} allows {}–{}",
                        f.name, f.start_ip, f.end_ip
                    )],
                },
                None => Exposure::Internal {
                    reason: "no firewall rule admits the whole internet".into(),
                },
            },
            None => Exposure::Unknown {
                missing: vec!["firewall_rules".into()],
            },
        }
    }

    fn azure_web_app(c: &azure::WebApp) -> Exposure {
        match c.public_network_access.as_deref() {
            Some(p) if p.eq_ignore_ascii_case("disabled") => Exposure::Internal {
                reason: "public network access disabled".into(),
            },
            Some(_) => Exposure::Internet {
                path: vec!["public app endpoint (*.azurewebsites.net)".into()],
            },
            None => Exposure::Unknown {
                missing: vec!["public_network_access".into()],
            },
        }
    }

    // ----- GCP --------------------------------------------------------------------------------

    fn gcp_instance(&mut self, me: u32, r: &Resource, c: &gcp::ComputeInstance) -> Exposure {
        let public = match c.external_ip {
            Some(true) => Hop::Yes("external IP".into()),
            Some(false) => Hop::No("no external IP".into()),
            None => Hop::Unknown("external_ip".into()),
        };
        if let Hop::No(reason) = public {
            return Exposure::Internal { reason };
        }
        let Some(networks) = &c.networks else {
            return combine(vec![
                public,
                Hop::Unknown("networks of the instance".into()),
            ]);
        };
        let tags = c.network_tags.clone().unwrap_or_default();
        let tagged =
            |targets: &[String]| targets.is_empty() || targets.iter().any(|t| tags.contains(t));
        let mut alts = Vec::new();
        for n in networks {
            let key = gcp_network_key(n);
            let net_name = key.rsplit('/').next().unwrap_or(&key).to_owned();
            let route = match self.gcp_routes.get(&key) {
                None => Hop::Unknown(format!(
                    "routes of network {net_name} (none in the inventory)"
                )),
                Some(routes) => {
                    let found = routes.iter().filter_map(|&i| self.get(i)).find(|rt| {
                        cfg::<gcp::Route>(rt).is_some_and(|x| {
                            x.is_default_to_internet() && tagged(x.tags.as_deref().unwrap_or(&[]))
                        })
                    });
                    match found {
                        Some(rt) => Hop::Yes(format!(
                            "route {} 0.0.0.0/0 → default-internet-gateway",
                            rt.name
                        )),
                        None => Hop::No(format!(
                            "network {net_name} has no default route to the internet gateway"
                        )),
                    }
                }
            };
            let fws: Vec<u32> = self.gcp_fw.get(&key).cloned().unwrap_or_default();
            let fw = if fws.is_empty() {
                Hop::Unknown(format!(
                    "firewall rules of network {net_name} (none in the inventory)"
                ))
            } else {
                let mut open = Vec::new();
                let mut missing = None;
                for &f in &fws {
                    let Some(fr) = self.get(f) else { continue };
                    let Some(x) = cfg::<gcp::Firewall>(fr) else {
                        continue;
                    };
                    if x.direction
                        .as_deref()
                        .is_some_and(|d| !d.eq_ignore_ascii_case("INGRESS"))
                        || x.disabled == Some(true)
                    {
                        continue;
                    }
                    let (Some(src), Some(allowed), Some(targets)) =
                        (&x.source_ranges, &x.allowed, &x.target_tags)
                    else {
                        missing.get_or_insert_with(|| {
                            format!("settings of firewall rule {}", fr.name)
                        });
                        continue;
                    };
                    if allowed.is_empty()
                        || !src.iter().any(|s| posture_rules::net::is_world(s))
                        || !tagged(targets)
                    {
                        continue;
                    }
                    self.depend(f, me);
                    let ports: Vec<String> = allowed
                        .iter()
                        .map(|a| {
                            if a.ports.is_empty() {
                                format!("{}/all", a.protocol)
                            } else {
                                format!("{}/{}", a.protocol, a.ports.join(","))
                            }
                        })
                        .collect();
                    open.push(format!(
                        "firewall rule {} allows {} from 0.0.0.0/0",
                        fr.name,
                        ports.join(" ")
                    ));
                }
                if !open.is_empty() {
                    Hop::Yes(open.join(", "))
                } else if let Some(m) = missing {
                    Hop::Unknown(m)
                } else {
                    Hop::No(format!(
                        "no ingress firewall rule of {net_name} admits 0.0.0.0/0 to this instance"
                    ))
                }
            };
            let p = match &public {
                Hop::Yes(s) => Hop::Yes(s.clone()),
                Hop::Unknown(s) => Hop::Unknown(s.clone()),
                Hop::No(s) => Hop::No(s.clone()),
            };
            alts.push(combine(vec![p, route, fw]));
        }
        if alts.is_empty() {
            return Exposure::Internal {
                reason: "no network interface".into(),
            };
        }
        let _ = r;
        best(alts)
    }

    fn gcp_sql(c: &gcp::SqlInstance) -> Exposure {
        match c.ipv4_enabled {
            Some(false) => Exposure::Internal {
                reason: "no public IPv4 address".into(),
            },
            None => Exposure::Unknown {
                missing: vec!["ipv4_enabled".into()],
            },
            Some(true) => match &c.authorized_networks {
                Some(n) if n.iter().any(|x| posture_rules::net::is_world(x)) => {
                    Exposure::Internet {
                        path: vec![
                            "public IPv4 address".into(),
                            "authorized network 0.0.0.0/0".into(),
                        ],
                    }
                }
                Some(_) => Exposure::Internal {
                    reason: "public IP, but no authorized network admits the whole internet".into(),
                },
                None => Exposure::Unknown {
                    missing: vec!["authorized_networks".into()],
                },
            },
        }
    }

    fn gcp_public_bindings(
        bindings: Option<&Vec<posture_model::kinds::Binding>>,
        what: &str,
    ) -> Exposure {
        match bindings {
            Some(b) => match b.iter().find(|b| {
                b.members
                    .iter()
                    .any(|m| m == "allUsers" || m == "allAuthenticatedUsers")
            }) {
                Some(b) => Exposure::Internet {
                    path: vec![format!(
                        "{what} IAM grants {} to allUsers/allAuthenticatedUsers",
                        b.role
                    )],
                },
                None => Exposure::Internal {
                    reason: format!(
                        "no {what} IAM binding names allUsers or allAuthenticatedUsers"
                    ),
                },
            },
            None => Exposure::Unknown {
                missing: vec!["iam_bindings".into()],
            },
        }
    }

    // ----- identities -------------------------------------------------------------------------

    fn aws_role_reach(&self, role: &Resource) -> IdentityReach {
        let Some(c) = cfg::<aws::IamRole>(role) else {
            return IdentityReach::unknown(format!("role {}", role.name));
        };
        let mut docs: Vec<(String, &posture_model::policy::PolicyDocument)> = Vec::new();
        let mut missing: Option<String> = None;
        let mut admin_via: Option<String> = None;
        let mut s3_all_via: Option<String> = None;
        match &c.attached_policies {
            Some(arns) => {
                for arn in arns {
                    let name = arn.rsplit('/').next().unwrap_or(arn);
                    if arn.contains(":iam::aws:policy/") {
                        match name {
                            "AdministratorAccess" => {
                                admin_via = Some(format!("{name} (AWS managed)"));
                            }
                            "PowerUserAccess"
                            | "ReadOnlyAccess"
                            | "AmazonS3FullAccess"
                            | "AmazonS3ReadOnlyAccess"
                            | "ViewOnlyAccess" => {
                                s3_all_via.get_or_insert_with(|| format!("{name} (AWS managed)"));
                            }
                            _ => {}
                        }
                        continue;
                    }
                    match self.ix.get(arn).and_then(cfg::<aws::IamPolicy>) {
                        Some(p) => match &p.document {
                            Some(d) => docs.push((p.policy_name.clone(), d)),
                            None => missing = Some(format!("document of policy {name}")),
                        },
                        None => missing = Some(format!("policy {name} (not in the inventory)")),
                    }
                }
            }
            None => missing = Some(format!("attached policies of role {}", c.role_name)),
        }
        match &c.inline_policies {
            Some(v) => docs.extend(
                v.iter()
                    .map(|p| (format!("inline {}", p.name), &p.document)),
            ),
            None => missing = missing.or(Some(format!("inline policies of role {}", c.role_name))),
        }
        let mut specific: Vec<String> = Vec::new();
        for (name, d) in &docs {
            if admin_via.is_none() && iam::admin_statements(d).next().is_some() {
                admin_via = Some(name.clone());
            }
            for s in &d.statements {
                if iam::statement_allows_action(s, "s3:GetObject") {
                    if s.resources
                        .iter()
                        .any(|x| x == "*" || x == "arn:aws:s3:::*" || x == "arn:aws:s3:::*/*")
                    {
                        s3_all_via.get_or_insert_with(|| name.clone());
                    } else {
                        specific.extend(s.resources.iter().cloned());
                    }
                }
            }
        }
        let label = format!("role {}", c.role_name);
        let admin = match (&admin_via, &missing) {
            (Some(v), _) => Tri::Yes(format!("{label} has full admin via {v}")),
            (None, Some(m)) => Tri::Unknown(m.clone()),
            (None, None) => Tri::No(format!("{label} has no admin policy")),
        };
        // Sensitive buckets in the role's account.
        let sensitive: Vec<&Resource> = self
            .ix
            .of_kind_in(Kind::AwsS3Bucket, &role.account, None)
            .filter(|b| {
                self.settings
                    .data_class(b)
                    .is_some_and(|c| c.value.is_sensitive())
            })
            .collect();
        let reads = if let Some(v) = admin_via.as_ref().or(s3_all_via.as_ref()) {
            sensitive.first().map(|b| {
                format!(
                    "{label} can read every bucket via {v}, including {}",
                    b.name
                )
            })
        } else {
            sensitive.iter().find_map(|b| {
                specific
                    .iter()
                    .find(|pat| iam::wildcard_match(pat, &format!("arn:aws:s3:::{}/x", b.name)))
                    .map(|pat| format!("{label} can read {} ({pat})", b.name))
            })
        };
        let sensitive_read = match (reads, &missing) {
            (Some(s), _) => Tri::Yes(s),
            (None, Some(m)) => Tri::Unknown(m.clone()),
            (None, None) => Tri::No(format!("{label} cannot read data classified sensitive")),
        };
        IdentityReach {
            identities: vec![role.uid.clone()],
            admin,
            sensitive_read,
        }
    }

    fn aws_instance_reach(&self, r: &Resource, c: &aws::Ec2Instance) -> IdentityReach {
        match c.iam_instance_profile.as_deref() {
            None => IdentityReach::unknown("iam_instance_profile".into()),
            Some("") => IdentityReach::none("no instance profile"),
            Some(p) => match self.role_by_profile.get(p).and_then(|v| v.first()) {
                Some(&role) => match self.get(role) {
                    Some(role) => self.aws_role_reach(role),
                    None => IdentityReach::unknown(format!("role of instance profile {p}")),
                },
                None => {
                    let _ = r;
                    IdentityReach::unknown(format!(
                        "role of instance profile {} (no role in the inventory lists it)",
                        p.rsplit('/').next().unwrap_or(p)
                    ))
                }
            },
        }
    }

    fn aws_lambda_reach(&self, c: &aws::LambdaFunction) -> IdentityReach {
        match c.role.as_deref() {
            None => IdentityReach::unknown("role".into()),
            Some("") => IdentityReach::none("no execution role"),
            Some(arn) => match self.ix.get(arn) {
                Some(role) => self.aws_role_reach(role),
                None => IdentityReach::unknown(format!(
                    "execution role {} (not in the inventory)",
                    arn.rsplit('/').next().unwrap_or(arn)
                )),
            },
        }
    }

    fn gcp_instance_reach(&self, r: &Resource, c: &gcp::ComputeInstance) -> IdentityReach {
        let Some(sas) = &c.service_accounts else {
            return IdentityReach::unknown("service_accounts".into());
        };
        if sas.is_empty() {
            return IdentityReach::none("no service account");
        }
        let project = self
            .ix
            .of_kind_in(Kind::GcpProject, &r.account, None)
            .find_map(cfg::<gcp::Project>);
        let mut out = IdentityReach {
            identities: sas.iter().map(|s| s.email.clone()).collect(),
            admin: Tri::No("service account has no owner/editor role on the project".into()),
            sensitive_read: Tri::No("service account has no broad data role".into()),
        };
        let Some(bindings) = project.and_then(|p| p.iam_bindings.as_ref()) else {
            out.admin = Tri::Unknown(format!("IAM policy of project {}", r.account));
            out.sensitive_read = out.admin.clone();
            return out;
        };
        for sa in sas {
            let member = format!("serviceAccount:{}", sa.email);
            let full_scope = sa
                .scopes
                .iter()
                .any(|s| s.ends_with("/auth/cloud-platform"));
            if let Some(b) = bindings.iter().find(|b| {
                matches!(b.role.as_str(), "roles/owner" | "roles/editor")
                    && b.members.contains(&member)
            }) {
                out.admin = if full_scope {
                    Tri::Yes(format!(
                        "{} has {} on the project with the cloud-platform scope",
                        sa.email, b.role
                    ))
                } else {
                    Tri::No(format!(
                        "{} has {} but the VM's OAuth scopes are limited",
                        sa.email, b.role
                    ))
                };
                if full_scope {
                    out.sensitive_read =
                        Tri::Yes(format!("{} can read project data via {}", sa.email, b.role));
                }
            }
        }
        out
    }
}

fn perm_ports(p: &aws::IpPermission) -> String {
    let proto = match p.protocol.as_str() {
        "-1" => "all",
        other => other,
    };
    match (p.from_port, p.to_port) {
        (Some(a), Some(b)) if a == b && a >= 0 => format!("{proto}/{a}"),
        (Some(a), Some(b)) if a >= 0 => format!("{proto}/{a}-{b}"),
        _ => format!("{proto}/all"),
    }
}

/// The most exposed alternative.
fn best(alts: Vec<Exposure>) -> Exposure {
    alts.into_iter()
        .max_by_key(Exposure::rank)
        .unwrap_or(Exposure::Internal {
            reason: "no path".into(),
        })
}

impl Analysis {
    /// Build the graph over `index` and compute exposure, context and identity reach.
    #[must_use]
    pub fn build(index: &InventoryIndex<'_>, settings: &ContextSettings) -> Analysis {
        let res = index.resources();
        let mut b = Builder::new(index, settings);
        let mut exposure = vec![Exposure::NotNetworked; res.len()];
        let mut identity = HashMap::new();
        for (i, r) in res.iter().enumerate() {
            let me = u32::try_from(i).unwrap_or(u32::MAX);
            let e = match r.kind() {
                Kind::AwsEc2Instance => cfg::<aws::Ec2Instance>(r).map(|c| {
                    identity.insert(me, b.aws_instance_reach(r, c));
                    b.aws_instance(me, r, c)
                }),
                Kind::AwsElbv2LoadBalancer => {
                    cfg::<aws::LoadBalancer>(r).map(|c| b.aws_load_balancer(me, r, c))
                }
                Kind::AwsRdsDbInstance => cfg::<aws::RdsDbInstance>(r).map(|c| b.aws_rds(me, r, c)),
                Kind::AwsLambdaFunction => cfg::<aws::LambdaFunction>(r).map(|c| {
                    identity.insert(me, b.aws_lambda_reach(c));
                    Builder::aws_lambda(c)
                }),
                Kind::AwsS3Bucket => cfg::<aws::S3Bucket>(r).map(|c| b.aws_bucket(r, c)),
                Kind::AzureComputeVm => {
                    cfg::<azure::VirtualMachine>(r).map(|c| b.azure_vm(me, r, c))
                }
                Kind::AzureStorageAccount => {
                    cfg::<azure::StorageAccount>(r).map(Builder::azure_storage)
                }
                Kind::AzureSqlServer => cfg::<azure::SqlServer>(r).map(Builder::azure_sql),
                Kind::AzureWebApp => cfg::<azure::WebApp>(r).map(Builder::azure_web_app),
                Kind::GcpComputeInstance => cfg::<gcp::ComputeInstance>(r).map(|c| {
                    identity.insert(me, b.gcp_instance_reach(r, c));
                    b.gcp_instance(me, r, c)
                }),
                Kind::GcpSqlInstance => cfg::<gcp::SqlInstance>(r).map(Builder::gcp_sql),
                Kind::GcpStorageBucket => cfg::<gcp::StorageBucket>(r).map(|c| {
                    if c.public_access_prevention.as_deref() == Some("enforced") {
                        Exposure::Internal {
                            reason: "public access prevention enforced".into(),
                        }
                    } else {
                        Builder::gcp_public_bindings(c.iam_bindings.as_ref(), "bucket")
                    }
                }),
                Kind::GcpBigQueryDataset => cfg::<gcp::BigQueryDataset>(r)
                    .map(|c| Builder::gcp_public_bindings(c.iam_bindings.as_ref(), "dataset")),
                _ => None,
            };
            if let Some(e) = e {
                exposure[i] = e;
            }
        }
        // Hop resources (security groups, NSGs, firewall rules, interfaces, subnets) take the
        // exposure of the most exposed workload that uses them.
        for (hop, deps) in &b.dependents {
            let Some(slot) = exposure.get(*hop as usize) else {
                continue;
            };
            if !matches!(slot, Exposure::NotNetworked) {
                continue;
            }
            let derived = deps
                .iter()
                .filter_map(|d| exposure.get(*d as usize).map(|e| (d, e)))
                .max_by_key(|(_, e)| e.rank())
                .map(|(d, e)| {
                    let via = res.get(*d as usize).map_or("", |r| r.name.as_str());
                    match e {
                        Exposure::Internet { path } => Exposure::Internet {
                            path: std::iter::once(format!("used by {via}"))
                                .chain(path.iter().cloned())
                                .collect(),
                        },
                        Exposure::Unknown { missing } => Exposure::Unknown {
                            missing: missing.clone(),
                        },
                        Exposure::Internal { .. } => Exposure::Internal {
                            reason: "no workload using it is reachable from the internet".into(),
                        },
                        Exposure::NotNetworked => Exposure::NotNetworked,
                    }
                });
            if let Some(d) = derived {
                exposure[*hop as usize] = d;
            }
        }
        // Unattached security groups / NSGs / firewall rules: nothing reaches through them.
        for (i, r) in res.iter().enumerate() {
            if matches!(exposure[i], Exposure::NotNetworked)
                && matches!(
                    r.kind(),
                    Kind::AwsEc2SecurityGroup | Kind::AzureNetworkNsg | Kind::GcpComputeFirewall
                )
                && !b
                    .dependents
                    .contains_key(&u32::try_from(i).unwrap_or(u32::MAX))
            {
                exposure[i] = Exposure::Internal {
                    reason: "not used by any workload in the inventory".into(),
                };
            }
        }
        let environment = res.iter().map(|r| settings.environment(r)).collect();
        let data_class = res.iter().map(|r| settings.data_class(r)).collect();
        Analysis {
            exposure,
            environment,
            data_class,
            identity,
            base: res.as_ptr() as usize,
            len: res.len(),
        }
    }

    /// Whether this analysis was built over `resources`.
    #[must_use]
    pub fn covers(&self, resources: &[Resource]) -> bool {
        resources.as_ptr() as usize == self.base && resources.len() == self.len
    }

    /// Exposure of the resource at position `i`.
    #[must_use]
    pub fn exposure(&self, i: usize) -> &Exposure {
        static NONE: Exposure = Exposure::NotNetworked;
        self.exposure.get(i).unwrap_or(&NONE)
    }

    /// Environment of the resource at `i`.
    #[must_use]
    pub fn environment(&self, i: usize) -> Option<&Resolved<Environment>> {
        self.environment.get(i).and_then(Option::as_ref)
    }

    /// Data classification of the resource at `i`.
    #[must_use]
    pub fn data_class(&self, i: usize) -> Option<&Resolved<DataClass>> {
        self.data_class.get(i).and_then(Option::as_ref)
    }

    /// What the identity of the workload at `i` can reach (instances, functions, VMs).
    #[must_use]
    pub fn identity(&self, i: usize) -> Option<&IdentityReach> {
        u32::try_from(i).ok().and_then(|i| self.identity.get(&i))
    }

    /// Counts per exposure label (for reports and benchmarks).
    #[must_use]
    pub fn exposure_counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let mut m = std::collections::BTreeMap::new();
        for e in &self.exposure {
            *m.entry(e.label()).or_insert(0) += 1;
        }
        m
    }
}

impl IdentityReach {
    /// Whether admin is established.
    #[must_use]
    pub fn is_admin(&self) -> bool {
        self.admin.yes()
    }
}
