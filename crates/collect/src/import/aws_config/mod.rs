//! AWS Config importer: snapshot / history files, API-shaped items and advanced-query output.
//!
//! ## How it reads a file
//!
//! The three shapes of a configuration item (formats.md §1.1) differ in field names (`ARN` vs
//! `arn`, `awsAccountId` vs `accountId`, `name` vs `relationshipName`), in encoding
//! (`configuration` as an object or a JSON string) and in the container (`configurationItems`,
//! `baseConfigurationItems`, a single `configurationItem`, a bare array, or `Results` rows that
//! are themselves JSON strings). One envelope type ([`de::Item`]) accepts all spellings, so the
//! format detected by [`super::detect`] only names the report.
//!
//! * **Fast path.** The file is streamed item by item straight into borrowed envelopes
//!   (`configuration` and supplementary values stay `&RawValue`); each item is then mapped into
//!   its typed config by a small per-type source struct. Nothing is held as `serde_json::Value`
//!   except unmodeled configurations, ACLs and policy documents.
//! * **Isolating path.** If the fast path fails anywhere, the file is read again with every item
//!   kept raw and parsed on its own, so one bad item becomes a warning (and a resource with a
//!   `*` error gap when its identity can still be read) instead of failing the file. Errors that
//!   remain (broken JSON, a container of the wrong type) fail the file with the JSON path and
//!   line/column.
//!
//! Missing settings are recorded as [`GapReason::NotInSource`] gaps per typed field, so rules
//! report Unknown instead of passing on data the export does not carry.

mod de;
mod ec2;
mod iam;
mod map;
mod network;
mod other;
mod s3;
mod services;

use std::collections::{BTreeMap, HashMap, HashSet};

use std::fmt;

use posture_model::{
    Config, CoverageEntry, CoverageStatus, Gap, GapReason, Inventory, Provider, Relationship,
    Resource, SourceReport, Unmodeled,
};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::ImportError;
use de::{Item, S};
use map::{Cx, Warnings};

/// Where an item sits in the file, for warnings and errors.
#[derive(Clone, Copy, Debug)]
pub(super) enum Loc {
    /// The document root.
    Root,
    /// A top-level key (`$.configurationItems`).
    Key(&'static str),
    /// An element of a top-level array (`$.configurationItems[3]`).
    Elem(&'static str, usize),
    /// An element of a bare top-level array (`$[3]`).
    Bare(usize),
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Root => f.write_str("$"),
            Loc::Key(k) => write!(f, "$.{k}"),
            Loc::Elem(k, i) => write!(f, "$.{k}[{i}]"),
            Loc::Bare(i) => write!(f, "$[{i}]"),
        }
    }
}

pub(crate) fn import(
    path: &str,
    text: &[u8],
    format: super::Format,
) -> Result<Inventory, ImportError> {
    let text = std::str::from_utf8(text).map_err(|e| {
        ImportError::malformed(
            path,
            format!("byte {}", e.valid_up_to()),
            "invalid UTF-8 (expected a JSON text)",
        )
    })?;
    let mut st = State::new(path);
    let fast = {
        let mut d = serde_json::Deserializer::from_str(text);
        let r = d
            .deserialize_any(Top {
                st: &mut st,
                isolate: false,
            })
            .and_then(|()| d.end());
        r.is_ok()
    };
    if !fast {
        st = State::new(path);
        let mut d = serde_json::Deserializer::from_str(text);
        let r = d
            .deserialize_any(Top {
                st: &mut st,
                isolate: true,
            })
            .and_then(|()| d.end());
        if let Err(e) = r {
            let at = st.at.to_string();
            return Err(ImportError::json(path, &at, &e));
        }
    }
    Ok(st.finish(format))
}

/// Accumulates what one file produces.
struct State<'p> {
    path: &'p str,
    /// Innermost known location (for errors of the isolating pass).
    at: Loc,
    resources: Vec<Resource>,
    unmodeled: BTreeMap<String, u64>,
    skipped: BTreeMap<String, u64>,
    warnings: Warnings,
    coverage: Vec<(String, String, String, u64)>,
    coverage_ix: HashMap<(String, String, String), usize>,
    /// The coverage entry hit last (items of a file mostly share account, region and service).
    last_cov: Option<usize>,
    /// Coverage entry of each resource (to uncount resources hidden by a later deletion).
    res_cov: Vec<usize>,
    /// `(uid, resources.len() at the time)` of deleted-item tombstones (history files).
    tombstones: Vec<(String, usize)>,
    /// Relationship targets that could not be turned into an ARN: (resource, relationship,
    /// [`id_key`] of the target), resolved against `by_id` at the end.
    pending: Vec<(usize, usize, u64)>,
    /// [`id_key`] → resource index, for types whose ARN cannot be built from the id alone.
    by_id: Vec<(u64, usize)>,
    /// ELBv2 listeners seen in the file: (load balancer ARN, listener), joined at the end.
    listeners: Vec<(String, posture_model::kinds::aws::Listener)>,
}

impl<'p> State<'p> {
    fn new(path: &'p str) -> State<'p> {
        State {
            path,
            at: Loc::Root,
            resources: Vec::new(),
            unmodeled: BTreeMap::new(),
            skipped: BTreeMap::new(),
            warnings: Warnings::default(),
            coverage: Vec::new(),
            coverage_ix: HashMap::new(),
            last_cov: None,
            res_cov: Vec::new(),
            tombstones: Vec::new(),
            pending: Vec::new(),
            by_id: Vec::new(),
            listeners: Vec::new(),
        }
    }

    fn skip(&mut self, reason: &str) {
        match self.skipped.get_mut(reason) {
            Some(n) => *n += 1,
            None => {
                self.skipped.insert(reason.to_owned(), 1);
            }
        }
    }

    /// Parse one raw item on its own (isolating pass and query rows).
    fn process_raw(&mut self, raw: &str, loc: Loc) {
        match serde_json::from_str::<Item<'_>>(raw) {
            Ok(item) => self.process(item, loc, None),
            Err(e) => self.salvage(raw, loc, &e.to_string()),
        }
    }

    /// An item whose envelope does not parse: keep it (with a `*` error gap) when its identity
    /// can still be read, otherwise skip it with a warning.
    fn salvage(&mut self, raw: &str, loc: Loc, err: &str) {
        let v: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
        let get = |keys: &[&str]| -> Option<S<'static>> {
            keys.iter()
                .find_map(|k| v.get(*k).and_then(serde_json::Value::as_str))
                .map(|s| S(std::borrow::Cow::Owned(s.to_owned())))
        };
        let item = Item {
            resource_type: get(&["resourceType"]),
            resource_id: get(&["resourceId"]),
            resource_name: get(&["resourceName"]),
            arn: get(&["ARN", "arn"]),
            account: get(&["awsAccountId", "accountId"]),
            region: get(&["awsRegion"]),
            status: get(&["configurationItemStatus"]),
            ..Item::default()
        };
        let detail = format!("{loc}: item does not match the AWS Config item shape: {err}");
        if item.resource_type.is_none() || (item.resource_id.is_none() && item.arn.is_none()) {
            self.warnings.push(format!(
                "{detail}; skipped (no resourceType and resourceId/ARN)"
            ));
            self.skip("malformed");
            return;
        }
        self.warnings
            .push(format!("{detail}; kept with an error gap"));
        self.process(item, loc, Some(detail));
    }

    /// Map one item into a resource.
    fn process(&mut self, item: Item<'_>, loc: Loc, forced_error: Option<String>) {
        let status = item.status.as_ref().map_or("OK", S::as_str);
        let deleted = status.starts_with("ResourceDeleted");
        if deleted || status == "ResourceNotRecorded" {
            self.skip(status);
            if deleted && let Some(uid) = ident(&item).map(|i| i.uid) {
                self.tombstones.push((uid, self.resources.len()));
            }
            return;
        }
        let Some(id) = ident(&item) else {
            self.warnings.push(format!(
                "{loc}: item has no resourceType, or neither resourceId nor ARN; skipped"
            ));
            self.skip("malformed");
            return;
        };
        let Ident {
            uid,
            rtype,
            resource_id,
            account,
            region,
            partition,
        } = id;
        let name = item
            .resource_name
            .as_ref()
            .map(S::as_str)
            .filter(|n| !n.is_empty())
            .unwrap_or(resource_id)
            .to_owned();

        // Relationships.
        let mut relationships = Vec::new();
        let res_ix = self.resources.len();
        for rel in item.relationships.iter().flatten().flatten() {
            let (Some(rt), Some(rid)) = (rel.resource_type.as_ref(), rel.resource_id.as_ref())
            else {
                continue;
            };
            let kind = rel.name.as_ref().map_or_else(
                || {
                    format!(
                        "related_{}",
                        snake(rt.as_str().rsplit("::").next().unwrap_or(""))
                    )
                },
                |n| snake(n.as_str()),
            );
            let rel_region = if rt.as_str().starts_with("AWS::IAM::") {
                "global"
            } else {
                region
            };
            let target = match build_arn(
                partition,
                rt.as_str(),
                rel_region,
                account,
                rid.as_str(),
                rel.resource_name.as_ref().map(S::as_str),
            ) {
                Some(arn) => arn,
                None => {
                    self.pending.push((
                        res_ix,
                        relationships.len(),
                        id_key(rt.as_str(), rid.as_str()),
                    ));
                    rid.as_str().to_owned()
                }
            };
            relationships.push(Relationship { kind, target });
        }

        // Typed configuration.
        let mut cx = Cx::new(
            &item,
            resource_id,
            &mut self.warnings,
            loc,
            forced_error.is_some(),
        );
        let config = map_config(rtype, &mut cx);
        let mut gaps = cx.into_gaps();
        if let Some(detail) = forced_error {
            gaps.insert(
                0,
                Gap {
                    field: "*".into(),
                    api: None,
                    reason: GapReason::Error,
                    detail,
                },
            );
        }
        if rtype == "AWS::ElasticLoadBalancingV2::Listener"
            && let Config::Unmodeled(u) = &config
            && let Some(l) = network::listener_of(&u.raw)
        {
            self.listeners.push(l);
        }
        if let Config::Unmodeled(_) = &config {
            match self.unmodeled.get_mut(rtype) {
                Some(n) => *n += 1,
                None => {
                    self.unmodeled.insert(rtype.to_owned(), 1);
                }
            }
        }
        if !id_arn_type(rtype) {
            self.by_id.push((id_key(rtype, resource_id), res_ix));
        }
        self.count_coverage(account, region, service_of(rtype));
        let (account, region) = (account.to_owned(), region.to_owned());
        self.resources.push(Resource {
            uid,
            provider: Provider::Aws,
            account,
            region,
            name,
            tags: item.tags.map(|t| t.0.into()).unwrap_or_default(),
            config,
            relationships,
            gaps,
            source: self.path.into(),
        });
    }

    fn count_coverage(&mut self, account: &str, region: &str, service: &str) {
        if let Some(i) = self.last_cov
            && let Some(e) = self.coverage.get_mut(i)
            && e.0 == account
            && e.1 == region
            && e.2 == service
        {
            e.3 += 1;
            self.res_cov.push(i);
            return;
        }
        let key = (account.to_owned(), region.to_owned(), service.to_owned());
        let i = match self.coverage_ix.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.coverage.len();
                self.coverage_ix.insert(key.clone(), i);
                self.coverage.push((key.0, key.1, key.2, 0));
                i
            }
        };
        if let Some(e) = self.coverage.get_mut(i) {
            e.3 += 1;
        }
        self.last_cov = Some(i);
        self.res_cov.push(i);
    }

    fn finish(mut self, format: super::Format) -> Inventory {
        // Resolve relationship targets that are only known by id.
        if !self.pending.is_empty() {
            let by_id: HashMap<u64, usize> = std::mem::take(&mut self.by_id).into_iter().collect();
            for (ri, li, key) in std::mem::take(&mut self.pending) {
                let Some(uid) = by_id
                    .get(&key)
                    .and_then(|&t| self.resources.get(t))
                    .map(|r| r.uid.clone())
                else {
                    continue;
                };
                if let Some(rel) = self
                    .resources
                    .get_mut(ri)
                    .and_then(|r| r.relationships.get_mut(li))
                {
                    rel.target = uid;
                }
            }
        }
        // Listeners recorded as their own items belong to their load balancer.
        if !self.listeners.is_empty() {
            join_listeners(&mut self.resources, std::mem::take(&mut self.listeners));
        }
        // History files: a deletion hides the earlier states of the same resource.
        if !self.tombstones.is_empty() {
            let mut last_delete: HashMap<&str, usize> = HashMap::new();
            for (uid, at) in &self.tombstones {
                last_delete.insert(uid.as_str(), *at);
            }
            let dead: HashSet<usize> = self
                .resources
                .iter()
                .enumerate()
                .filter(|(i, r)| last_delete.get(r.uid.as_str()).is_some_and(|at| i < at))
                .map(|(i, _)| i)
                .collect();
            if !dead.is_empty() {
                for &i in &dead {
                    if let Some(e) = self.res_cov.get(i).and_then(|&c| self.coverage.get_mut(c)) {
                        e.3 = e.3.saturating_sub(1);
                    }
                }
                let mut i = 0;
                self.resources.retain(|_| {
                    let keep = !dead.contains(&i);
                    i += 1;
                    keep
                });
            }
        }
        let mut coverage: Vec<CoverageEntry> = self
            .coverage
            .into_iter()
            .filter(|e| e.3 > 0)
            .map(|(account, region, service, n)| CoverageEntry {
                provider: "aws".into(),
                account,
                region,
                service,
                status: CoverageStatus::Collected,
                reason: None,
                resources: n,
                source: self.path.to_owned(),
            })
            .collect();
        coverage.sort_by(|a, b| {
            (&a.account, &a.region, &a.service).cmp(&(&b.account, &b.region, &b.service))
        });
        let report = SourceReport {
            path: self.path.to_owned(),
            format: format.as_str().to_owned(),
            resources: self.resources.len() as u64,
            unmodeled: self.unmodeled,
            skipped: self.skipped,
            warnings: self.warnings.finish(),
            ..SourceReport::default()
        };
        let mut inv = Inventory::new();
        inv.resources = self.resources;
        inv.coverage = coverage;
        inv.sources.push(report);
        inv
    }
}

/// Put each load balancer's listeners (seen in the same file) into its configuration, replacing
/// the "not in the item" gaps.
fn join_listeners(
    resources: &mut [Resource],
    listeners: Vec<(String, posture_model::kinds::aws::Listener)>,
) {
    let mut by_lb: HashMap<String, Vec<posture_model::kinds::aws::Listener>> = HashMap::new();
    for (lb, l) in listeners {
        by_lb.entry(lb).or_default().push(l);
    }
    for r in resources.iter_mut() {
        let Some(ls) = by_lb.get(&r.uid) else {
            continue;
        };
        if let Config::AwsElbv2LoadBalancer(lb) = &mut r.config {
            let mut ls = ls.clone();
            ls.sort_by_key(|l| l.port);
            lb.listener_ports = Some(ls.iter().filter_map(|l| l.port).collect());
            lb.listeners = Some(ls);
            r.gaps
                .retain(|g| g.field != "listeners" && g.field != "listener_ports");
        }
    }
}

/// Identity of an item (borrowed from it, except the uid which may be built).
struct Ident<'i> {
    uid: String,
    rtype: &'i str,
    resource_id: &'i str,
    account: &'i str,
    region: &'i str,
    partition: &'i str,
}

fn ident<'i>(item: &'i Item<'_>) -> Option<Ident<'i>> {
    let rtype = item.resource_type.as_ref().map(S::as_str)?;
    if rtype.is_empty() {
        return None;
    }
    let arn = item
        .arn
        .as_ref()
        .map(S::as_str)
        .filter(|a| a.starts_with("arn:"));
    let arn_parts: Vec<&str> = arn.map(|a| a.splitn(6, ':').collect()).unwrap_or_default();
    let resource_id = item
        .resource_id
        .as_ref()
        .map(S::as_str)
        .filter(|s| !s.is_empty())
        .or_else(|| {
            arn_parts
                .get(5)
                .and_then(|r| r.rsplit(['/', ':']).next())
                .filter(|s| !s.is_empty())
        })?;
    let partition = arn_parts.get(1).copied().unwrap_or("aws");
    let account = item
        .account
        .as_ref()
        .map(S::as_str)
        .or_else(|| arn_parts.get(4).copied().filter(|s| !s.is_empty()))
        .unwrap_or("");
    let region = if rtype.starts_with("AWS::IAM::") {
        "global"
    } else {
        item.region
            .as_ref()
            .map(S::as_str)
            .filter(|s| !s.is_empty())
            .or_else(|| arn_parts.get(3).copied().filter(|s| !s.is_empty()))
            .unwrap_or("global")
    };
    let uid = match arn {
        Some(a) => a.to_owned(),
        None => build_arn(
            partition,
            rtype,
            region,
            account,
            resource_id,
            item.resource_name.as_ref().map(S::as_str),
        )
        .unwrap_or_else(|| format!("aws:{account}:{region}:{rtype}/{resource_id}")),
    };
    Some(Ident {
        uid,
        rtype,
        resource_id,
        account,
        region,
        partition,
    })
}

/// EC2 resource types whose ARN is `arn:<p>:ec2:<region>:<account>:<segment>/<id>`.
fn ec2_segment(rtype: &str) -> Option<&'static str> {
    Some(match rtype {
        "AWS::EC2::SecurityGroup" => "security-group",
        "AWS::EC2::Instance" => "instance",
        "AWS::EC2::Volume" => "volume",
        "AWS::EC2::VPC" => "vpc",
        "AWS::EC2::Subnet" => "subnet",
        "AWS::EC2::NetworkAcl" => "network-acl",
        "AWS::EC2::NetworkInterface" => "network-interface",
        "AWS::EC2::InternetGateway" => "internet-gateway",
        "AWS::EC2::RouteTable" => "route-table",
        "AWS::EC2::FlowLog" => "vpc-flow-log",
        "AWS::EC2::NatGateway" => "natgateway",
        "AWS::EC2::EIP" => "elastic-ip",
        "AWS::EC2::VPCEndpoint" => "vpc-endpoint",
        "AWS::EC2::VPCPeeringConnection" => "vpc-peering-connection",
        "AWS::EC2::CustomerGateway" => "customer-gateway",
        "AWS::EC2::VPNGateway" => "vpn-gateway",
        "AWS::EC2::VPNConnection" => "vpn-connection",
        "AWS::EC2::TransitGateway" => "transit-gateway",
        "AWS::EC2::LaunchTemplate" => "launch-template",
        _ => return None,
    })
}

/// Whether the type's ARN is built from its resource id alone (so it needs no id lookup).
fn id_arn_type(rtype: &str) -> bool {
    ec2_segment(rtype).is_some() || rtype == "AWS::S3::Bucket" || rtype == "AWS::KMS::Key"
}

/// The ARN of a resource from its type and id (and name, for name-addressed types), when the
/// format is known and does not depend on data we lack (IAM paths).
fn build_arn(
    partition: &str,
    rtype: &str,
    region: &str,
    account: &str,
    id: &str,
    name: Option<&str>,
) -> Option<String> {
    if id.starts_with("arn:") {
        return Some(id.to_owned());
    }
    if let Some(seg) = ec2_segment(rtype) {
        return Some(format!("arn:{partition}:ec2:{region}:{account}:{seg}/{id}"));
    }
    let name = name.filter(|n| !n.is_empty());
    match rtype {
        "AWS::S3::Bucket" => Some(format!("arn:{partition}:s3:::{id}")),
        "AWS::KMS::Key" => Some(format!("arn:{partition}:kms:{region}:{account}:key/{id}")),
        "AWS::Lambda::Function" => {
            name.map(|n| format!("arn:{partition}:lambda:{region}:{account}:function:{n}"))
        }
        "AWS::CloudTrail::Trail" => Some(format!(
            "arn:{partition}:cloudtrail:{region}:{account}:trail/{}",
            name.unwrap_or(id)
        )),
        "AWS::RDS::DBInstance" => {
            name.map(|n| format!("arn:{partition}:rds:{region}:{account}:db:{n}"))
        }
        _ => None,
    }
}

/// `AWS::S3::Bucket` → `s3`.
fn service_of(rtype: &str) -> &str {
    let mut it = rtype.split("::");
    match (it.next(), it.next()) {
        (Some(_), Some(svc)) if !svc.is_empty() => svc,
        _ => "*",
    }
}

/// Relationship name to snake case: `Is associated with SecurityGroup` →
/// `is_associated_with_security_group`, `Is attached to IAMRole` → `is_attached_to_iam_role`.
fn snake(s: &str) -> String {
    let b = s.trim().as_bytes();
    let mut out = String::with_capacity(b.len() + 8);
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && i > 0 {
                let prev = b.get(i - 1).copied().unwrap_or(b' ');
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                let boundary = prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next.is_ascii_lowercase());
                if boundary && !out.ends_with('_') {
                    out.push('_');
                }
            }
            out.push(char::from(c.to_ascii_lowercase()));
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// A 64-bit key for (resource type, resource id) (FNV-1a), used to resolve relationship
/// targets by id within a file without allocating per item.
fn id_key(rtype: &str, id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in rtype.as_bytes().iter().chain(&[0xff]).chain(id.as_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn map_config(rtype: &str, cx: &mut Cx<'_, '_>) -> Config {
    match rtype {
        "AWS::S3::Bucket" => s3::bucket(cx),
        "AWS::S3::AccountPublicAccessBlock" => s3::account_public_access_block(cx),
        "AWS::EC2::SecurityGroup" => ec2::security_group(cx),
        "AWS::EC2::Instance" => ec2::instance(cx),
        "AWS::EC2::Volume" => ec2::volume(cx),
        "AWS::EC2::VPC" => ec2::vpc(cx),
        "AWS::EC2::FlowLog" => ec2::flow_log(cx),
        "AWS::EC2::NetworkAcl" => ec2::network_acl(cx),
        "AWS::EC2::Subnet" => ec2::subnet(cx),
        "AWS::EC2::RouteTable" => network::route_table(cx),
        "AWS::EC2::InternetGateway" => network::internet_gateway(cx),
        "AWS::EC2::NetworkInterface" => network::network_interface(cx),
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => network::load_balancer(cx),
        "AWS::RDS::DBInstance" => other::rds_db_instance(cx),
        "AWS::IAM::Policy" => iam::policy_kind(cx),
        "AWS::IAM::User" => iam::user(cx),
        "AWS::IAM::Role" => iam::role(cx),
        "AWS::CloudTrail::Trail" => other::cloudtrail_trail(cx),
        "AWS::KMS::Key" => other::kms_key(cx),
        "AWS::Lambda::Function" => other::lambda_function(cx),
        "AWS::CloudWatch::Alarm" => services::cloudwatch_alarm(cx),
        "AWS::Logs::LogGroup" => services::log_group(cx),
        "AWS::Config::ConfigurationRecorder" => services::config_recorder(cx),
        "AWS::SNS::Topic" => services::sns_topic(cx),
        "AWS::SQS::Queue" => services::sqs_queue(cx),
        "AWS::DynamoDB::Table" => services::dynamodb_table(cx),
        "AWS::SecretsManager::Secret" => services::secret(cx),
        "AWS::GuardDuty::Detector" => services::guardduty_detector(cx),
        "AWS::SecurityHub::Hub" => services::securityhub_hub(cx),
        "AWS::AccessAnalyzer::Analyzer" => services::access_analyzer(cx),
        "AWS::IAM::ServerCertificate" => services::server_certificate(cx),
        "AWS::Organizations::Policy" => services::organizations_policy(cx),
        "AWS::EFS::FileSystem" => services::efs_file_system(cx),
        "AWS::ECR::Repository" => services::ecr_repository(cx),
        "AWS::EKS::Cluster" => services::eks_cluster(cx),
        "AWS::Redshift::Cluster" => services::redshift_cluster(cx),
        "AWS::OpenSearch::Domain" | "AWS::Elasticsearch::Domain" => services::opensearch_domain(cx),
        "AWS::CloudFront::Distribution" => services::cloudfront_distribution(cx),
        "AWS::ApiGateway::Stage" => services::apigateway_stage(cx),
        "AWS::RDS::DBSnapshot" => services::rds_snapshot(cx, false),
        "AWS::RDS::DBClusterSnapshot" => services::rds_snapshot(cx, true),
        "AWS::RDS::DBCluster" => services::rds_cluster(cx),
        _ => Config::Unmodeled(Unmodeled {
            native_type: rtype.to_owned(),
            raw: cx.unmodeled_raw(),
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Streaming visitors
// ---------------------------------------------------------------------------------------------

/// The document root: an object holding the items (under one of the known keys) or a bare
/// array of items.
struct Top<'s, 'p> {
    st: &'s mut State<'p>,
    isolate: bool,
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an object with `configurationItems`, `baseConfigurationItems`, `configurationItem` \
             or `Results`, or an array of configuration items",
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(k) = m.next_key::<S<'de>>()? {
            let key: &'static str = match k.as_str() {
                "configurationItems" => "configurationItems",
                "baseConfigurationItems" => "baseConfigurationItems",
                "configurationItem" => "configurationItem",
                "Results" => "Results",
                _ => {
                    m.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            found = true;
            self.st.at = Loc::Key(key);
            match key {
                "configurationItem" => m.next_value_seed(One {
                    st: &mut *self.st,
                    isolate: self.isolate,
                })?,
                "Results" => m.next_value_seed(Items {
                    st: &mut *self.st,
                    key: Some(key),
                    isolate: true,
                })?,
                _ => m.next_value_seed(Items {
                    st: &mut *self.st,
                    key: Some(key),
                    isolate: self.isolate,
                })?,
            }
            self.st.at = Loc::Root;
        }
        if !found {
            return Err(serde::de::Error::custom(
                "expected `configurationItems`, `baseConfigurationItems`, `configurationItem` \
                 or `Results` at the top level",
            ));
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, s: A) -> Result<(), A::Error> {
        Items {
            st: self.st,
            key: None,
            isolate: self.isolate,
        }
        .visit_seq(s)
    }
}

/// A list of items (or of query rows, which may be JSON strings).
struct Items<'s, 'p> {
    st: &'s mut State<'p>,
    key: Option<&'static str>,
    isolate: bool,
}

impl Items<'_, '_> {
    fn loc(&self, i: usize) -> Loc {
        match self.key {
            Some(k) => Loc::Elem(k, i),
            None => Loc::Bare(i),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of configuration items")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            let loc = self.loc(i);
            self.st.at = loc;
            if self.isolate {
                let Some(raw) = s.next_element::<&'de RawValue>()? else {
                    break;
                };
                let text = raw.get();
                if text.starts_with('"') {
                    // A query row: the item is a JSON string.
                    match serde_json::from_str::<String>(text) {
                        Ok(row) => self.st.process_raw(&row, loc),
                        Err(e) => self.st.salvage(text, loc, &e.to_string()),
                    }
                } else if text == "null" {
                    self.st.skip("null item");
                } else {
                    self.st.process_raw(text, loc);
                }
            } else {
                let Some(item) = s.next_element::<Option<Item<'de>>>()? else {
                    break;
                };
                match item {
                    Some(item) => self.st.process(item, loc, None),
                    None => self.st.skip("null item"),
                }
            }
            i += 1;
        }
        Ok(())
    }
}

/// A single item (`configurationItem` of a change notification).
struct One<'s, 'p> {
    st: &'s mut State<'p>,
    isolate: bool,
}

impl<'de> DeserializeSeed<'de> for One<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let loc = Loc::Key("configurationItem");
        if self.isolate {
            let raw = <&'de RawValue as serde::Deserialize>::deserialize(d)?;
            self.st.process_raw(raw.get(), loc);
        } else {
            let item = <Item<'de> as serde::Deserialize>::deserialize(d)?;
            self.st.process(item, loc, None);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_services;
