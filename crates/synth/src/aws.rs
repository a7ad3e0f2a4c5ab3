//! AWS Config configuration items: one in-memory item per resource, written in the three shapes
//! AWS Config delivers (snapshot file, `GetResourceConfigHistory` API output, advanced query rows),
//! plus builders for every resource type the sample and synthetic estates use.
//!
//! Field names follow AWS Config (camelCase SDK member names, `supplementaryConfiguration` keys as
//! Config records them); values are invented.

#![allow(clippy::too_many_arguments)]

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use crate::rng::{Rng, timestamp};

/// Tags as ordered key/value pairs.
pub type Tags = Vec<(String, String)>;

/// Build tags from string pairs.
#[must_use]
pub fn tags(pairs: &[(&str, &str)]) -> Tags {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A relationship of a configuration item.
#[derive(Clone, Debug)]
pub struct Rel {
    /// Related resource type.
    pub rtype: &'static str,
    /// Related resource id.
    pub id: String,
    /// Related resource name, when Config knows it.
    pub name: Option<String>,
    /// Free-text relationship name (`Is contained in Vpc`).
    pub rel: &'static str,
}

/// Build a relationship.
#[must_use]
pub fn rel(rtype: &'static str, id: &str, rel: &'static str) -> Rel {
    Rel {
        rtype,
        id: id.to_owned(),
        name: None,
        rel,
    }
}

/// One AWS Config configuration item.
#[derive(Clone, Debug)]
pub struct AwsItem {
    /// `AWS::S3::Bucket`, …
    pub rtype: &'static str,
    /// Resource id.
    pub id: String,
    /// Resource name (`null` for types without names).
    pub name: Option<String>,
    /// ARN (`null` for the few types Config records without one).
    pub arn: Option<String>,
    /// Account id.
    pub account: String,
    /// Region, or `global` for IAM.
    pub region: String,
    /// Availability zone or `Not Applicable`.
    pub az: String,
    /// Resource creation time.
    pub created: Option<String>,
    /// Capture time.
    pub capture: String,
    /// Configuration state id (milliseconds).
    pub state_id: u64,
    /// `OK`, `ResourceDiscovered`, `ResourceDeleted`, …
    pub status: &'static str,
    /// Tags.
    pub tags: Tags,
    /// Relationships.
    pub rels: Vec<Rel>,
    /// The `configuration` object (`Null` for deleted / not-recorded items).
    pub configuration: Value,
    /// The `supplementaryConfiguration` object.
    pub supplementary: Value,
}

/// Where an item lives.
#[derive(Clone, Copy, Debug)]
pub struct Scope<'a> {
    /// Account id.
    pub account: &'a str,
    /// Region.
    pub region: &'a str,
}

const NA: &str = "Not Applicable";

fn base(
    rng: &mut Rng,
    scope: Scope<'_>,
    rtype: &'static str,
    id: String,
    name: Option<String>,
    arn: Option<String>,
    tags: Tags,
) -> AwsItem {
    let secs = rng.range(18_000, 21_500);
    let created_days = rng.range(30, 1500) as i64;
    AwsItem {
        rtype,
        id,
        name,
        arn,
        account: scope.account.to_owned(),
        region: scope.region.to_owned(),
        az: NA.to_owned(),
        created: Some(timestamp(created_days, rng.next_u64())),
        // Captured between 05:00 and 06:00 UTC, before the 06:00 snapshot delivery.
        capture: timestamp(0, secs + 86_400 * rng.below(1000)),
        state_id: 1_795_737_600_000 + secs * 1000 + rng.below(1000),
        status: "OK",
        tags,
        rels: Vec::new(),
        configuration: Value::Null,
        supplementary: json!({}),
    }
}

fn tag_list(tags: &Tags) -> Value {
    Value::Array(
        tags.iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect(),
    )
}

struct TagMap<'a>(&'a Tags);

impl Serialize for TagMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

struct FileRels<'a>(&'a [Rel]);

impl Serialize for FileRels<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| {
            json!({"resourceId": r.id, "resourceName": r.name, "resourceType": r.rtype, "name": r.rel})
        }))
    }
}

/// The item in the file/event shape (snapshot files): `ARN`, `awsAccountId`, objects inline.
pub struct SnapshotShape<'a>(pub &'a AwsItem);

impl Serialize for SnapshotShape<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("relatedEvents", &[] as &[u8])?;
        m.serialize_entry("relationships", &FileRels(&i.rels))?;
        m.serialize_entry("configuration", &i.configuration)?;
        m.serialize_entry("supplementaryConfiguration", &i.supplementary)?;
        m.serialize_entry("tags", &TagMap(&i.tags))?;
        m.serialize_entry("configurationItemVersion", "1.3")?;
        m.serialize_entry("configurationItemCaptureTime", &i.capture)?;
        m.serialize_entry("configurationStateId", &i.state_id)?;
        m.serialize_entry("awsAccountId", &i.account)?;
        m.serialize_entry("configurationItemStatus", i.status)?;
        m.serialize_entry("resourceType", i.rtype)?;
        m.serialize_entry("resourceId", &i.id)?;
        m.serialize_entry("resourceName", &i.name)?;
        m.serialize_entry("ARN", &i.arn)?;
        m.serialize_entry("awsRegion", &i.region)?;
        m.serialize_entry("availabilityZone", &i.az)?;
        m.serialize_entry("configurationStateMd5Hash", "")?;
        m.serialize_entry("resourceCreationTime", &i.created)?;
        m.end()
    }
}

/// The item in the API shape (`GetResourceConfigHistory`): `arn`, `accountId`, `configuration`
/// and every `supplementaryConfiguration` value as JSON strings.
pub struct ApiShape<'a>(pub &'a AwsItem);

impl Serialize for ApiShape<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("version", "1.3")?;
        m.serialize_entry("accountId", &i.account)?;
        m.serialize_entry("configurationItemCaptureTime", &i.capture)?;
        m.serialize_entry("configurationItemStatus", i.status)?;
        m.serialize_entry("configurationStateId", &i.state_id.to_string())?;
        m.serialize_entry("configurationItemMD5Hash", "")?;
        m.serialize_entry("arn", &i.arn)?;
        m.serialize_entry("resourceType", i.rtype)?;
        m.serialize_entry("resourceId", &i.id)?;
        m.serialize_entry("resourceName", &i.name)?;
        m.serialize_entry("awsRegion", &i.region)?;
        m.serialize_entry("availabilityZone", &i.az)?;
        m.serialize_entry("resourceCreationTime", &i.created)?;
        m.serialize_entry("tags", &TagMap(&i.tags))?;
        m.serialize_entry("relatedEvents", &[] as &[u8])?;
        let rels: Vec<Value> = i
            .rels
            .iter()
            .map(|r| json!({"resourceType": r.rtype, "resourceId": r.id, "resourceName": r.name, "relationshipName": r.rel}))
            .collect();
        m.serialize_entry("relationships", &rels)?;
        m.serialize_entry("configuration", &i.configuration.to_string())?;
        let supp: serde_json::Map<String, Value> = i
            .supplementary
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| {
                        let s = match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        (k.clone(), Value::String(s))
                    })
                    .collect()
            })
            .unwrap_or_default();
        m.serialize_entry("supplementaryConfiguration", &supp)?;
        m.serialize_entry("recordingFrequency", "CONTINUOUS")?;
        m.serialize_entry("configurationItemDeliveryTime", &i.capture)?;
        m.end()
    }
}

/// The fields an advanced query selects (see [`select_row`]).
pub const SELECT_FIELDS: &[&str] = &[
    "resourceId",
    "resourceName",
    "resourceType",
    "arn",
    "accountId",
    "awsRegion",
    "availabilityZone",
    "configurationItemCaptureTime",
    "resourceCreationTime",
    "configuration",
    "supplementaryConfiguration",
    "tags",
    "relationships",
];

/// One `select-resource-config` row (to be written as a JSON string): tags as `[{key,value,tag}]`.
#[must_use]
pub fn select_row(i: &AwsItem) -> Value {
    json!({
        "resourceId": i.id,
        "resourceName": i.name,
        "resourceType": i.rtype,
        "arn": i.arn,
        "accountId": i.account,
        "awsRegion": i.region,
        "availabilityZone": i.az,
        "configurationItemCaptureTime": i.capture,
        "resourceCreationTime": i.created,
        "configuration": i.configuration,
        "supplementaryConfiguration": i.supplementary,
        "tags": i.tags.iter().map(|(k, v)| json!({"key": k, "value": v, "tag": format!("{k}={v}")})).collect::<Vec<_>>(),
        "relationships": i.rels.iter().map(|r| json!({"resourceId": r.id, "resourceName": r.name, "resourceType": r.rtype, "name": r.rel})).collect::<Vec<_>>(),
    })
}

/// Streams a snapshot file: `{"fileVersion":"1.0","configSnapshotId":…,"configurationItems":[…]}`.
pub struct SnapshotWriter<W: Write> {
    w: W,
    first: bool,
    /// Items written.
    pub items: usize,
}

impl<W: Write> SnapshotWriter<W> {
    /// Write the header.
    ///
    /// # Errors
    /// I/O errors.
    pub fn new(mut w: W, snapshot_id: &str) -> io::Result<Self> {
        write!(
            w,
            "{{\"fileVersion\":\"1.0\",\"configSnapshotId\":\"{snapshot_id}\",\"configurationItems\":["
        )?;
        Ok(SnapshotWriter {
            w,
            first: true,
            items: 0,
        })
    }

    /// Append one item.
    ///
    /// # Errors
    /// I/O or serialization errors.
    pub fn item(&mut self, item: &AwsItem) -> io::Result<()> {
        if !self.first {
            self.w.write_all(b",")?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.w, &SnapshotShape(item))?;
        self.items += 1;
        Ok(())
    }

    /// Close the document and return the writer.
    ///
    /// # Errors
    /// I/O errors.
    pub fn finish(mut self) -> io::Result<W> {
        self.w.write_all(b"]}")?;
        Ok(self.w)
    }
}

/// The snapshot object key AWS Config uses, relative to the bucket.
#[must_use]
pub fn snapshot_key(account: &str, region: &str, snapshot_id: &str) -> String {
    format!(
        "AWSLogs/{account}/Config/{region}/2026/11/27/ConfigSnapshot/{account}_Config_{region}_ConfigSnapshot_20261127T060000Z_{snapshot_id}.json.gz"
    )
}

// ---------------------------------------------------------------------------------------------
// Policy documents

/// Percent-encode a policy document the way IAM returns documents (RFC 3986 unreserved kept).
#[must_use]
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'*') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A policy document with the given statements.
#[must_use]
pub fn policy(statements: Vec<Value>) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("Version".into(), json!("2012-10-17"));
    m.insert("Statement".into(), Value::Array(statements));
    Value::Object(m)
}

/// An Allow statement.
#[must_use]
pub fn allow(actions: &[&str], resources: &[&str]) -> Value {
    json!({"Effect": "Allow", "Action": one_or_many(actions), "Resource": one_or_many(resources)})
}

fn one_or_many(v: &[&str]) -> Value {
    if v.len() == 1 { json!(v[0]) } else { json!(v) }
}

/// A trust policy for a service principal.
#[must_use]
pub fn service_trust(service: &str) -> Value {
    policy(vec![json!({
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": "sts:AssumeRole"
    })])
}

// ---------------------------------------------------------------------------------------------
// Builders

/// An S3 bucket's posture-relevant settings.
#[derive(Clone, Debug)]
pub struct Bucket {
    /// Bucket name.
    pub name: String,
    /// Tags.
    pub tags: Tags,
    /// The ACL grants READ to `AllUsers`.
    pub public_read_acl: bool,
    /// The ACL grants the log delivery group write access.
    pub log_delivery_acl: bool,
    /// Bucket policy.
    pub policy: Option<Value>,
    /// Public access block switches (acls, ignore, policy, restrict), `None` = not configured.
    pub pab: Option<[bool; 4]>,
    /// Default encryption: `None`, `AES256`, or a KMS key ARN.
    pub sse: Option<String>,
    /// `Off`, `Enabled`, `Suspended`.
    pub versioning: &'static str,
    /// MFA delete.
    pub mfa_delete: bool,
    /// Access-log target bucket.
    pub logging: Option<String>,
    /// Static website hosting.
    pub website: bool,
    /// Object lock.
    pub object_lock: bool,
    /// Supplementary keys left out of the item (settings the recorder could not read).
    pub omit: &'static [&'static str],
}

impl Bucket {
    /// A private, encrypted, versioned bucket.
    #[must_use]
    pub fn private(name: &str, tags: Tags) -> Bucket {
        Bucket {
            name: name.to_owned(),
            tags,
            public_read_acl: false,
            log_delivery_acl: false,
            policy: None,
            pab: Some([true; 4]),
            sse: Some("AES256".into()),
            versioning: "Enabled",
            mfa_delete: false,
            logging: None,
            website: false,
            object_lock: false,
            omit: &[],
        }
    }
}

fn canonical_id(account: &str) -> String {
    let mut r = Rng::new(account.bytes().fold(0u64, |a, b| a * 31 + u64::from(b)));
    r.hex(64)
}

/// An `AWS::S3::Bucket` item.
pub fn s3_bucket(rng: &mut Rng, scope: Scope<'_>, b: &Bucket) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::S3::Bucket",
        b.name.clone(),
        Some(b.name.clone()),
        Some(format!("arn:aws:s3:::{}", b.name)),
        b.tags.clone(),
    );
    let owner = canonical_id(scope.account);
    it.configuration = json!({
        "name": b.name,
        "owner": {"displayName": null, "id": owner},
        "creationDate": it.created,
    });
    let mut grants =
        vec![json!({"grantee": {"id": owner, "displayName": null}, "permission": "FullControl"})];
    if b.public_read_acl {
        grants.push(json!({"grantee": "AllUsers", "permission": "Read"}));
    }
    if b.log_delivery_acl {
        grants.push(json!({"grantee": "LogDelivery", "permission": "Write"}));
        grants.push(json!({"grantee": "LogDelivery", "permission": "ReadAcp"}));
    }
    let acl = json!({
        "grantSet": null,
        "grantList": grants,
        "owner": {"displayName": null, "id": owner},
        "isRequesterCharged": false
    });
    let mut s = serde_json::Map::new();
    // Config records the ACL as a JSON string inside the object.
    s.insert("AccessControlList".into(), Value::String(acl.to_string()));
    s.insert(
        "BucketAccelerateConfiguration".into(),
        json!({"status": null}),
    );
    s.insert(
        "BucketLoggingConfiguration".into(),
        json!({"destinationBucketName": b.logging, "logFilePrefix": b.logging.as_ref().map(|_| format!("s3/{}/", b.name))}),
    );
    s.insert(
        "BucketNotificationConfiguration".into(),
        json!({"configurations": {}}),
    );
    s.insert(
        "BucketPolicy".into(),
        json!({"policyText": b.policy.as_ref().map(Value::to_string)}),
    );
    s.insert(
        "BucketVersioningConfiguration".into(),
        json!({"status": b.versioning, "isMfaDeleteEnabled": if b.versioning == "Off" { Value::Null } else { json!(b.mfa_delete) }}),
    );
    s.insert("IsRequesterPaysEnabled".into(), json!(false));
    if let Some([a, i, p, r]) = b.pab {
        s.insert(
            "PublicAccessBlockConfiguration".into(),
            json!({"blockPublicAcls": a, "ignorePublicAcls": i, "blockPublicPolicy": p, "restrictPublicBuckets": r}),
        );
    }
    if let Some(alg) = &b.sse {
        let by_default = if alg == "AES256" {
            json!({"sseAlgorithm": "AES256", "kmsMasterKeyID": null})
        } else {
            json!({"sseAlgorithm": "aws:kms", "kmsMasterKeyID": alg})
        };
        s.insert(
            "ServerSideEncryptionConfiguration".into(),
            json!({"rules": [{"applyServerSideEncryptionByDefault": by_default, "bucketKeyEnabled": alg != "AES256"}]}),
        );
    }
    if b.website {
        s.insert(
            "BucketWebsiteConfiguration".into(),
            json!({"indexDocumentSuffix": "index.html", "errorDocument": "error.html", "redirectAllRequestsTo": null, "routingRules": []}),
        );
    }
    if b.object_lock {
        s.insert(
            "ObjectLockConfiguration".into(),
            json!({"objectLockEnabled": "Enabled", "rule": {"defaultRetention": {"mode": "COMPLIANCE", "days": null, "years": 7}}}),
        );
    }
    s.insert(
        "BucketLifecycleConfiguration".into(),
        json!({"rules": [{"id": "expire-noncurrent", "status": "Enabled", "filter": {"predicate": {"type": "LifecyclePrefixPredicate", "prefix": ""}}, "noncurrentVersionExpirationInDays": 90, "abortIncompleteMultipartUpload": {"daysAfterInitiation": 7}}]}),
    );
    for k in b.omit {
        s.remove(*k);
    }
    it.supplementary = Value::Object(s);
    it
}

/// An `AWS::S3::AccountPublicAccessBlock` item (recorded without an ARN).
pub fn account_pab(rng: &mut Rng, scope: Scope<'_>, pab: [bool; 4]) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::S3::AccountPublicAccessBlock",
        scope.account.to_owned(),
        Some(scope.account.to_owned()),
        None,
        Vec::new(),
    );
    let [a, i, p, r] = pab;
    it.configuration = json!({"blockPublicAcls": a, "ignorePublicAcls": i, "blockPublicPolicy": p, "restrictPublicBuckets": r});
    it
}

/// One security-group rule.
#[derive(Clone, Debug)]
pub struct Perm {
    /// `tcp`, `udp`, `icmp` or `-1`.
    pub proto: &'static str,
    /// Port range (`None` for all-traffic rules).
    pub ports: Option<(i32, i32)>,
    /// IPv4 sources.
    pub v4: Vec<String>,
    /// IPv6 sources.
    pub v6: Vec<String>,
    /// Source security groups.
    pub groups: Vec<String>,
    /// Rule description.
    pub desc: Option<&'static str>,
}

/// A TCP rule from IPv4 CIDRs.
#[must_use]
pub fn tcp(from: i32, to: i32, cidrs: &[&str]) -> Perm {
    Perm {
        proto: "tcp",
        ports: Some((from, to)),
        v4: cidrs.iter().map(|c| (*c).to_owned()).collect(),
        v6: Vec::new(),
        groups: Vec::new(),
        desc: None,
    }
}

/// A rule from another security group.
#[must_use]
pub fn from_group(proto: &'static str, ports: Option<(i32, i32)>, group: &str) -> Perm {
    Perm {
        proto,
        ports,
        v4: Vec::new(),
        v6: Vec::new(),
        groups: vec![group.to_owned()],
        desc: None,
    }
}

fn perm_json(p: &Perm, account: &str) -> Value {
    let mut o = serde_json::Map::new();
    if let Some((f, _)) = p.ports {
        o.insert("fromPort".into(), json!(f));
    }
    o.insert("ipProtocol".into(), json!(p.proto));
    o.insert(
        "ipv6Ranges".into(),
        Value::Array(
            p.v6.iter()
                .map(|c| json!({"cidrIpv6": c, "description": p.desc}))
                .collect(),
        ),
    );
    o.insert("prefixListIds".into(), json!([]));
    if let Some((_, t)) = p.ports {
        o.insert("toPort".into(), json!(t));
    }
    o.insert(
        "userIdGroupPairs".into(),
        Value::Array(
            p.groups
                .iter()
                .map(|g| json!({"groupId": g, "userId": account, "description": p.desc}))
                .collect(),
        ),
    );
    o.insert(
        "ipv4Ranges".into(),
        Value::Array(
            p.v4.iter()
                .map(|c| json!({"cidrIp": c, "description": p.desc}))
                .collect(),
        ),
    );
    o.insert("ipRanges".into(), json!(p.v4));
    Value::Object(o)
}

/// An `AWS::EC2::SecurityGroup` item.
#[allow(clippy::too_many_arguments)]
pub fn security_group(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    name: &str,
    desc: &str,
    vpc: &str,
    ingress: &[Perm],
    egress: &[Perm],
    tags: Tags,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::SecurityGroup",
        id.to_owned(),
        Some(name.to_owned()),
        Some(format!(
            "arn:aws:ec2:{}:{}:security-group/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    it.configuration = json!({
        "description": desc,
        "groupName": name,
        "ipPermissions": ingress.iter().map(|p| perm_json(p, scope.account)).collect::<Vec<_>>(),
        "ownerId": scope.account,
        "groupId": id,
        "ipPermissionsEgress": egress.iter().map(|p| perm_json(p, scope.account)).collect::<Vec<_>>(),
        "tags": tag_list(&it.tags),
        "vpcId": vpc,
    });
    it.rels
        .push(rel("AWS::EC2::VPC", vpc, "Is contained in Vpc"));
    it
}

/// All outbound traffic allowed (the default egress rule).
#[must_use]
pub fn egress_all() -> Vec<Perm> {
    vec![Perm {
        proto: "-1",
        ports: None,
        v4: vec!["0.0.0.0/0".into()],
        v6: Vec::new(),
        groups: Vec::new(),
        desc: None,
    }]
}

/// An EC2 instance's settings.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Instance id.
    pub id: String,
    /// `Name` tag and other tags.
    pub tags: Tags,
    /// Instance type.
    pub itype: &'static str,
    /// AZ.
    pub az: String,
    /// VPC.
    pub vpc: String,
    /// Subnet.
    pub subnet: String,
    /// Security groups (id, name).
    pub sgs: Vec<(String, String)>,
    /// Public IPv4 address.
    pub public_ip: Option<String>,
    /// Instance profile ARN.
    pub profile: Option<String>,
    /// IMDS `httpTokens`; `None` leaves `metadataOptions` out of the item.
    pub http_tokens: Option<&'static str>,
    /// `running` or `stopped`.
    pub state: &'static str,
    /// Attached volumes (id, device).
    pub volumes: Vec<(String, String)>,
    /// Platform (`windows`) or Linux.
    pub windows: bool,
}

/// An `AWS::EC2::Instance` item.
pub fn ec2_instance(rng: &mut Rng, scope: Scope<'_>, s: &Instance) -> AwsItem {
    let name = s
        .tags
        .iter()
        .find(|(k, _)| k == "Name")
        .map(|(_, v)| v.clone());
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::Instance",
        s.id.clone(),
        name,
        Some(format!(
            "arn:aws:ec2:{}:{}:instance/{}",
            scope.region, scope.account, s.id
        )),
        s.tags.clone(),
    );
    it.az = s.az.clone();
    let private_ip = format!(
        "10.{}.{}.{}",
        rng.range(0, 63),
        rng.range(0, 255),
        rng.range(4, 250)
    );
    let eni = format!("eni-{}", rng.hex(17));
    let groups: Vec<Value> = s
        .sgs
        .iter()
        .map(|(id, n)| json!({"groupName": n, "groupId": id}))
        .collect();
    let mut c = json!({
        "amiLaunchIndex": 0,
        "imageId": format!("ami-{}", rng.hex(17)),
        "instanceId": s.id,
        "instanceType": s.itype,
        "kernelId": null,
        "keyName": if s.windows { "larkspur-windows-2025" } else { "larkspur-ops-2025" },
        "launchTime": timestamp(rng.range(1, 200) as i64, rng.next_u64()),
        "monitoring": {"state": if rng.chance(0.5) { "enabled" } else { "disabled" }},
        "placement": {"availabilityZone": s.az, "groupName": "", "tenancy": "default"},
        "platform": if s.windows { json!("windows") } else { Value::Null },
        "privateDnsName": format!("ip-{}.ec2.internal", private_ip.replace('.', "-")),
        "privateIpAddress": private_ip,
        "productCodes": [],
        "publicDnsName": s.public_ip.as_ref().map(|ip| format!("ec2-{}.compute-1.amazonaws.com", ip.replace('.', "-"))).unwrap_or_default(),
        "publicIpAddress": s.public_ip,
        "state": {"code": if s.state == "running" { 16 } else { 80 }, "name": s.state},
        "stateTransitionReason": "",
        "subnetId": s.subnet,
        "vpcId": s.vpc,
        "architecture": "x86_64",
        "blockDeviceMappings": s.volumes.iter().map(|(v, d)| json!({"deviceName": d, "ebs": {"attachTime": it.created, "deleteOnTermination": true, "status": "attached", "volumeId": v}})).collect::<Vec<_>>(),
        "clientToken": rng.uuid(),
        "ebsOptimized": true,
        "enaSupport": true,
        "hypervisor": "xen",
        "iamInstanceProfile": s.profile.as_ref().map(|arn| {
            // Drawn to keep the generator's sequence stable; the id itself follows the ARN, so
            // every instance of a profile (and the role's `instanceProfileList`) agrees on it.
            let _ = rng.upper_alnum(17);
            json!({"arn": arn, "id": profile_id(arn)})
        }),
        "networkInterfaces": [{
            "association": s.public_ip.as_ref().map(|ip| json!({"ipOwnerId": "amazon", "publicIp": ip})),
            "attachment": {"attachTime": it.created, "attachmentId": format!("eni-attach-{}", rng.hex(17)), "deleteOnTermination": true, "deviceIndex": 0, "status": "attached", "networkCardIndex": 0},
            "description": "",
            "groups": groups,
            "ipv6Addresses": [],
            "macAddress": format!("0e:{}:{}:{}:{}:{}", rng.hex(2), rng.hex(2), rng.hex(2), rng.hex(2), rng.hex(2)),
            "networkInterfaceId": eni,
            "ownerId": scope.account,
            "privateIpAddress": private_ip,
            "sourceDestCheck": true,
            "status": "in-use",
            "subnetId": s.subnet,
            "vpcId": s.vpc,
            "interfaceType": "interface"
        }],
        "rootDeviceName": "/dev/xvda",
        "rootDeviceType": "ebs",
        "securityGroups": groups,
        "sourceDestCheck": true,
        "tags": tag_list(&s.tags),
        "virtualizationType": "hvm",
        "cpuOptions": {"coreCount": 1, "threadsPerCore": 2},
        "capacityReservationSpecification": {"capacityReservationPreference": "open"},
        "hibernationOptions": {"configured": false},
        "enclaveOptions": {"enabled": false},
        "bootMode": null,
    });
    if let (Some(tokens), Value::Object(o)) = (s.http_tokens, &mut c) {
        o.insert(
            "metadataOptions".into(),
            json!({"state": "applied", "httpTokens": tokens, "httpPutResponseHopLimit": if tokens == "required" { 2 } else { 1 }, "httpEndpoint": "enabled", "httpProtocolIpv6": "disabled", "instanceMetadataTags": "disabled"}),
        );
    }
    it.configuration = c;
    it.rels
        .push(rel("AWS::EC2::VPC", &s.vpc, "Is contained in Vpc"));
    it.rels
        .push(rel("AWS::EC2::Subnet", &s.subnet, "Is contained in Subnet"));
    it.rels.push(rel(
        "AWS::EC2::NetworkInterface",
        &eni,
        "Contains NetworkInterface",
    ));
    for (id, _) in &s.sgs {
        it.rels.push(rel(
            "AWS::EC2::SecurityGroup",
            id,
            "Is associated with SecurityGroup",
        ));
    }
    for (v, _) in &s.volumes {
        it.rels
            .push(rel("AWS::EC2::Volume", v, "Is attached to Volume"));
    }
    it.supplementary = json!({});
    it
}

/// An `AWS::EC2::Volume` item.
#[allow(clippy::too_many_arguments)]
pub fn ebs_volume(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    az: &str,
    size: i64,
    encrypted: bool,
    kms: Option<&str>,
    attached: Option<(&str, &str)>,
    tags: Tags,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::Volume",
        id.to_owned(),
        None,
        Some(format!(
            "arn:aws:ec2:{}:{}:volume/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    it.az = az.to_owned();
    it.configuration = json!({
        "attachments": attached.map(|(i, d)| vec![json!({"attachTime": it.created, "device": d, "instanceId": i, "state": "attached", "volumeId": id, "deleteOnTermination": true})]).unwrap_or_default(),
        "availabilityZone": az,
        "createTime": it.created,
        "encrypted": encrypted,
        "kmsKeyId": kms,
        "size": size,
        "snapshotId": "",
        "state": {"value": if attached.is_some() { "in-use" } else { "available" }},
        "volumeId": id,
        "iops": 3000,
        "tags": tag_list(&it.tags),
        "volumeType": "gp3",
        "fastRestored": null,
        "multiAttachEnabled": false,
        "throughput": 125,
    });
    if let Some((i, _)) = attached {
        it.rels
            .push(rel("AWS::EC2::Instance", i, "Is attached to Instance"));
    }
    it
}

/// An `AWS::EC2::VPC` item.
pub fn vpc(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    cidr: &str,
    is_default: bool,
    tags: Tags,
) -> AwsItem {
    let name = tags
        .iter()
        .find(|(k, _)| k == "Name")
        .map(|(_, v)| v.clone());
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::VPC",
        id.to_owned(),
        name,
        Some(format!(
            "arn:aws:ec2:{}:{}:vpc/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    it.configuration = json!({
        "cidrBlock": cidr,
        "dhcpOptionsId": format!("dopt-{}", rng.hex(8)),
        "state": {"value": "available"},
        "vpcId": id,
        "ownerId": scope.account,
        "instanceTenancy": "default",
        "ipv6CidrBlockAssociationSet": [],
        "cidrBlockAssociationSet": [{"associationId": format!("vpc-cidr-assoc-{}", rng.hex(17)), "cidrBlock": cidr, "cidrBlockState": {"state": "associated"}}],
        "isDefault": is_default,
        "tags": tag_list(&it.tags),
    });
    it
}

/// An `AWS::EC2::Subnet` item.
#[allow(clippy::too_many_arguments)]
pub fn subnet(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    vpc: &str,
    cidr: &str,
    az: &str,
    public: bool,
    tags: Tags,
) -> AwsItem {
    let name = tags
        .iter()
        .find(|(k, _)| k == "Name")
        .map(|(_, v)| v.clone());
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::Subnet",
        id.to_owned(),
        name,
        Some(format!(
            "arn:aws:ec2:{}:{}:subnet/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    it.az = az.to_owned();
    it.configuration = json!({
        "availabilityZone": az,
        "availabilityZoneId": format!("use1-az{}", rng.range(1, 6)),
        "availableIpAddressCount": rng.range(100, 4000),
        "cidrBlock": cidr,
        "defaultForAz": false,
        "mapPublicIpOnLaunch": public,
        "mapCustomerOwnedIpOnLaunch": false,
        "state": {"value": "available"},
        "subnetId": id,
        "vpcId": vpc,
        "ownerId": scope.account,
        "assignIpv6AddressOnCreation": false,
        "ipv6CidrBlockAssociationSet": [],
        "tags": tag_list(&it.tags),
        "subnetArn": it.arn,
    });
    it.rels
        .push(rel("AWS::EC2::VPC", vpc, "Is contained in Vpc"));
    it
}

/// One network ACL entry: (rule number, egress, protocol, action, cidr, port range).
pub type NaclEntry = (
    i32,
    bool,
    &'static str,
    &'static str,
    &'static str,
    Option<(i32, i32)>,
);

/// An `AWS::EC2::NetworkAcl` item.
#[allow(clippy::too_many_arguments)]
pub fn network_acl(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    vpc: &str,
    is_default: bool,
    entries: &[NaclEntry],
    subnets: &[String],
    tags: Tags,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::NetworkAcl",
        id.to_owned(),
        None,
        Some(format!(
            "arn:aws:ec2:{}:{}:network-acl/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    let mut all: Vec<Value> = entries
        .iter()
        .map(|(n, eg, proto, action, cidr, ports)| {
            json!({"cidrBlock": cidr, "egress": eg, "protocol": proto, "ruleAction": action, "ruleNumber": n, "portRange": ports.map(|(f, t)| json!({"from": f, "to": t}))})
        })
        .collect();
    for eg in [false, true] {
        all.push(json!({"cidrBlock": "0.0.0.0/0", "egress": eg, "protocol": "-1", "ruleAction": "deny", "ruleNumber": 32767, "portRange": null}));
    }
    it.configuration = json!({
        "associations": subnets.iter().map(|s| json!({"networkAclAssociationId": format!("aclassoc-{}", rng.hex(17)), "networkAclId": id, "subnetId": s})).collect::<Vec<_>>(),
        "entries": all,
        "isDefault": is_default,
        "networkAclId": id,
        "tags": tag_list(&it.tags),
        "vpcId": vpc,
        "ownerId": scope.account,
    });
    it.rels
        .push(rel("AWS::EC2::VPC", vpc, "Is attached to Vpc"));
    for s in subnets {
        it.rels
            .push(rel("AWS::EC2::Subnet", s, "Is attached to Subnet"));
    }
    it
}

/// An `AWS::EC2::FlowLog` item.
pub fn flow_log(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    resource: &str,
    traffic: &str,
    dest_bucket: &str,
    tags: Tags,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::FlowLog",
        id.to_owned(),
        None,
        Some(format!(
            "arn:aws:ec2:{}:{}:vpc-flow-log/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    it.configuration = json!({
        "creationTime": it.created,
        "deliverLogsStatus": "SUCCESS",
        "flowLogId": id,
        "flowLogStatus": "ACTIVE",
        "resourceId": resource,
        "trafficType": traffic,
        "logDestinationType": "s3",
        "logDestination": format!("arn:aws:s3:::{dest_bucket}/vpc-flow-logs/"),
        "logFormat": "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
        "maxAggregationInterval": 600,
        "destinationOptions": {"fileFormat": "parquet", "hiveCompatiblePartitions": true, "perHourPartition": false},
        "tags": tag_list(&it.tags),
    });
    it.rels
        .push(rel("AWS::EC2::VPC", resource, "Is associated with Vpc"));
    it
}

/// An RDS DB instance's settings.
#[derive(Clone, Debug)]
pub struct Db {
    /// Identifier.
    pub id: String,
    /// Engine.
    pub engine: &'static str,
    /// Engine version.
    pub version: &'static str,
    /// Class.
    pub class: &'static str,
    /// Storage encrypted; `None` leaves the field out of the item.
    pub encrypted: Option<bool>,
    /// KMS key ARN.
    pub kms: Option<String>,
    /// Publicly accessible.
    pub public: bool,
    /// Multi-AZ.
    pub multi_az: bool,
    /// Backup retention in days.
    pub backup_days: i32,
    /// Deletion protection.
    pub deletion_protection: bool,
    /// IAM auth.
    pub iam_auth: bool,
    /// VPC security groups.
    pub sgs: Vec<String>,
    /// VPC.
    pub vpc: String,
    /// Tags.
    pub tags: Tags,
}

/// An `AWS::RDS::DBInstance` item.
pub fn rds_instance(rng: &mut Rng, scope: Scope<'_>, d: &Db) -> AwsItem {
    let resource_id = format!("db-{}", rng.upper_alnum(26));
    let mut it = base(
        rng,
        scope,
        "AWS::RDS::DBInstance",
        resource_id.clone(),
        Some(d.id.clone()),
        Some(format!(
            "arn:aws:rds:{}:{}:db:{}",
            scope.region, scope.account, d.id
        )),
        d.tags.clone(),
    );
    let az = format!("{}{}", scope.region, ["a", "b", "c"][rng.index(3)]);
    let port = if d.engine.contains("postgres") {
        5432
    } else {
        3306
    };
    let mut c = json!({
        "dBInstanceIdentifier": d.id,
        "dBInstanceClass": d.class,
        "engine": d.engine,
        "dBInstanceStatus": "available",
        "masterUsername": "larkspur_admin",
        "dBName": d.id.replace('-', "_"),
        "endpoint": {"address": format!("{}.c{}.{}.rds.amazonaws.com", d.id, rng.hex(10), scope.region), "port": port, "hostedZoneId": "Z2R2ITUGPM61AM"},
        "allocatedStorage": ([100, 200, 500][rng.index(3)]),
        "instanceCreateTime": it.created,
        "preferredBackupWindow": "03:00-03:30",
        "backupRetentionPeriod": d.backup_days,
        "dBSecurityGroups": [],
        "vpcSecurityGroups": d.sgs.iter().map(|s| json!({"vpcSecurityGroupId": s, "status": "active"})).collect::<Vec<_>>(),
        "dBParameterGroups": [{"dBParameterGroupName": format!("default.{}{}", d.engine, d.version.split('.').next().unwrap_or("")), "parameterApplyStatus": "in-sync"}],
        "availabilityZone": az,
        "dBSubnetGroup": {"dBSubnetGroupName": format!("{}-subnets", d.id), "dBSubnetGroupDescription": "database subnets", "vpcId": d.vpc, "subnetGroupStatus": "Complete", "subnets": []},
        "preferredMaintenanceWindow": "sun:05:00-sun:05:30",
        "pendingModifiedValues": {},
        "latestRestorableTime": timestamp(0, 20_000),
        "multiAZ": d.multi_az,
        "engineVersion": d.version,
        "autoMinorVersionUpgrade": true,
        "readReplicaDBInstanceIdentifiers": [],
        "licenseModel": if d.engine.contains("postgres") { "postgresql-license" } else { "general-public-license" },
        "optionGroupMemberships": [],
        "publiclyAccessible": d.public,
        "storageType": "gp3",
        "dbInstancePort": 0,
        "storageEncrypted": d.encrypted,
        "kmsKeyId": d.kms,
        "dbiResourceId": resource_id,
        "cACertificateIdentifier": "rds-ca-rsa2048-g1",
        "copyTagsToSnapshot": true,
        "monitoringInterval": 60,
        "iAMDatabaseAuthenticationEnabled": d.iam_auth,
        "performanceInsightsEnabled": true,
        "deletionProtection": d.deletion_protection,
        "dBInstanceArn": it.arn,
        "enabledCloudwatchLogsExports": ["postgresql"],
        "tagList": tag_list(&d.tags),
    });
    if d.encrypted.is_none()
        && let Value::Object(o) = &mut c
    {
        o.remove("storageEncrypted");
        o.remove("kmsKeyId");
    }
    it.configuration = c;
    it.az = az;
    for s in &d.sgs {
        it.rels.push(rel(
            "AWS::EC2::SecurityGroup",
            s,
            "Is associated with SecurityGroup",
        ));
    }
    it.supplementary = json!({});
    it
}

fn iam_base(
    rng: &mut Rng,
    account: &str,
    rtype: &'static str,
    prefix: &str,
    name: &str,
    path: &str,
    arn_kind: &str,
    tags: Tags,
) -> AwsItem {
    let id = format!("{prefix}{}", rng.upper_alnum(17));
    base(
        rng,
        Scope {
            account,
            region: "global",
        },
        rtype,
        id,
        Some(name.to_owned()),
        Some(format!("arn:aws:iam::{account}:{arn_kind}{path}{name}")),
        tags,
    )
}

/// An `AWS::IAM::Policy` item (customer managed); the document is URL-encoded as IAM returns it.
pub fn iam_policy(
    rng: &mut Rng,
    account: &str,
    name: &str,
    description: &str,
    doc: &Value,
    attachments: i64,
    tags: Tags,
) -> AwsItem {
    let mut it = iam_base(
        rng,
        account,
        "AWS::IAM::Policy",
        "ANPA",
        name,
        "/",
        "policy",
        tags,
    );
    it.configuration = json!({
        "policyName": name,
        "policyId": it.id,
        "arn": it.arn,
        "path": "/",
        "defaultVersionId": "v2",
        "attachmentCount": attachments,
        "permissionsBoundaryUsageCount": 0,
        "isAttachable": true,
        "description": description,
        "createDate": it.created,
        "updateDate": it.created,
        "policyVersionList": [
            {"document": url_encode(&doc.to_string()), "versionId": "v2", "isDefaultVersion": true, "createDate": it.created},
        ],
        "tags": tag_list(&it.tags),
    });
    it
}

/// An `AWS::IAM::User` item. AWS Config does not record MFA devices or access keys; those come
/// from the credential report.
pub fn iam_user(
    rng: &mut Rng,
    account: &str,
    name: &str,
    groups: &[&str],
    attached: &[&str],
    inline: &[(&str, Value)],
    tags: Tags,
) -> AwsItem {
    let mut it = iam_base(
        rng,
        account,
        "AWS::IAM::User",
        "AIDA",
        name,
        "/",
        "user",
        tags,
    );
    it.configuration = json!({
        "path": "/",
        "userName": name,
        "userId": it.id,
        "arn": it.arn,
        "createDate": it.created,
        "userPolicyList": inline.iter().map(|(n, d)| json!({"policyName": n, "policyDocument": url_encode(&d.to_string())})).collect::<Vec<_>>(),
        "groupList": groups,
        "attachedManagedPolicies": attached.iter().map(|a| json!({"policyName": a.rsplit('/').next(), "policyArn": a})).collect::<Vec<_>>(),
        "permissionsBoundary": null,
        "tags": tag_list(&it.tags),
    });
    for a in attached {
        it.rels.push(rel(
            "AWS::IAM::Policy",
            a,
            "Is attached to CustomerManagedPolicy",
        ));
    }
    it
}

/// An `AWS::IAM::Role` item.
#[allow(clippy::too_many_arguments)]
pub fn iam_role(
    rng: &mut Rng,
    account: &str,
    name: &str,
    path: &str,
    trust: &Value,
    attached: &[&str],
    inline: &[(&str, Value)],
    tags: Tags,
) -> AwsItem {
    let mut it = iam_base(
        rng,
        account,
        "AWS::IAM::Role",
        "AROA",
        name,
        path,
        "role",
        tags,
    );
    it.configuration = json!({
        "path": path,
        "roleName": name,
        "roleId": it.id,
        "arn": it.arn,
        "createDate": it.created,
        "assumeRolePolicyDocument": url_encode(&trust.to_string()),
        "instanceProfileList": [],
        "rolePolicyList": inline.iter().map(|(n, d)| json!({"policyName": n, "policyDocument": url_encode(&d.to_string())})).collect::<Vec<_>>(),
        "attachedManagedPolicies": attached.iter().map(|a| json!({"policyName": a.rsplit('/').next(), "policyArn": a})).collect::<Vec<_>>(),
        "permissionsBoundary": null,
        "tags": tag_list(&it.tags),
        "roleLastUsed": {"lastUsedDate": timestamp(rng.range(0, 40) as i64, rng.next_u64()), "region": "us-east-1"},
    });
    for a in attached {
        it.rels.push(rel(
            "AWS::IAM::Policy",
            a,
            "Is attached to CustomerManagedPolicy",
        ));
    }
    it
}

/// A CloudTrail trail's settings.
#[derive(Clone, Debug)]
pub struct Trail {
    /// Name.
    pub name: String,
    /// Multi-region.
    pub multi_region: bool,
    /// Organization trail.
    pub org: bool,
    /// Log file validation.
    pub validation: bool,
    /// KMS key ARN.
    pub kms: Option<String>,
    /// Bucket.
    pub bucket: String,
    /// CloudWatch Logs group ARN.
    pub log_group: Option<String>,
    /// Global service events.
    pub global_events: bool,
    /// Tags.
    pub tags: Tags,
}

/// An `AWS::CloudTrail::Trail` item.
pub fn trail(rng: &mut Rng, scope: Scope<'_>, t: &Trail) -> AwsItem {
    let arn = format!(
        "arn:aws:cloudtrail:{}:{}:trail/{}",
        scope.region, scope.account, t.name
    );
    let mut it = base(
        rng,
        scope,
        "AWS::CloudTrail::Trail",
        t.name.clone(),
        Some(t.name.clone()),
        Some(arn.clone()),
        t.tags.clone(),
    );
    it.configuration = json!({
        "name": t.name,
        "s3BucketName": t.bucket,
        "s3KeyPrefix": null,
        "includeGlobalServiceEvents": t.global_events,
        "isMultiRegionTrail": t.multi_region,
        "homeRegion": scope.region,
        "trailARN": arn,
        "logFileValidationEnabled": t.validation,
        "cloudWatchLogsLogGroupArn": t.log_group,
        "cloudWatchLogsRoleArn": t.log_group.as_ref().map(|_| format!("arn:aws:iam::{}:role/cloudtrail-to-cloudwatch", scope.account)),
        "kmsKeyId": t.kms,
        "hasCustomEventSelectors": false,
        "hasInsightSelectors": false,
        "isOrganizationTrail": t.org,
        "snsTopicName": null,
        "snsTopicARN": null,
    });
    it.rels.push(rel(
        "AWS::S3::Bucket",
        &t.bucket,
        "Is associated with Bucket",
    ));
    it
}

/// An `AWS::KMS::Key` item; `rotation: None` leaves `KeyRotationStatus` out.
pub fn kms_key(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    description: &str,
    rotation: Option<bool>,
    tags: Tags,
) -> AwsItem {
    let arn = format!("arn:aws:kms:{}:{}:key/{id}", scope.region, scope.account);
    let mut it = base(
        rng,
        scope,
        "AWS::KMS::Key",
        id.to_owned(),
        None,
        Some(arn.clone()),
        tags,
    );
    it.configuration = json!({
        "awsaccountId": scope.account,
        "keyId": id,
        "arn": arn,
        "creationDate": it.created,
        "enabled": true,
        "description": description,
        "keyUsage": "ENCRYPT_DECRYPT",
        "keyState": "Enabled",
        "deletionDate": null,
        "validTo": null,
        "origin": "AWS_KMS",
        "customKeyStoreId": null,
        "cloudHsmClusterId": null,
        "expirationModel": null,
        "keyManager": "CUSTOMER",
        "customerMasterKeySpec": "SYMMETRIC_DEFAULT",
        "keySpec": "SYMMETRIC_DEFAULT",
        "encryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
        "signingAlgorithms": null,
        "multiRegion": false,
    });
    it.supplementary = match rotation {
        Some(r) => json!({"KeyRotationStatus": r}),
        None => json!({}),
    };
    it
}

/// A Lambda function's settings.
#[derive(Clone, Debug)]
pub struct Function {
    /// Name.
    pub name: String,
    /// Runtime.
    pub runtime: &'static str,
    /// Execution role ARN.
    pub role: String,
    /// Environment variables (names and harmless placeholder values).
    pub env: Vec<(&'static str, String)>,
    /// Resource-based policy.
    pub policy: Option<Value>,
    /// VPC (vpc, subnets, security groups).
    pub vpc: Option<(String, Vec<String>, Vec<String>)>,
    /// Tags.
    pub tags: Tags,
}

/// An `AWS::Lambda::Function` item (resource policy in `supplementaryConfiguration.Policy`).
pub fn lambda(rng: &mut Rng, scope: Scope<'_>, f: &Function) -> AwsItem {
    let arn = format!(
        "arn:aws:lambda:{}:{}:function:{}",
        scope.region, scope.account, f.name
    );
    let mut it = base(
        rng,
        scope,
        "AWS::Lambda::Function",
        f.name.clone(),
        Some(f.name.clone()),
        Some(arn.clone()),
        f.tags.clone(),
    );
    let env: serde_json::Map<String, Value> = f
        .env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::String(v.clone())))
        .collect();
    it.configuration = json!({
        "functionName": f.name,
        "functionArn": arn,
        "runtime": f.runtime,
        "role": f.role,
        "handler": if f.runtime.starts_with("python") { "app.handler" } else { "index.handler" },
        "codeSize": rng.range(4_000, 9_000_000),
        "description": "",
        "timeout": ([15, 30, 60, 300][rng.index(4)]),
        "memorySize": ([128, 256, 512, 1024][rng.index(4)]),
        "lastModified": timestamp(rng.range(1, 300) as i64, rng.next_u64()),
        "codeSha256": rng.hex(43),
        "version": "$LATEST",
        "vpcConfig": f.vpc.as_ref().map(|(v, s, g)| json!({"subnetIds": s, "securityGroupIds": g, "vpcId": v})),
        "environment": {"variables": env, "error": null},
        "tracingConfig": {"mode": "PassThrough"},
        "revisionId": rng.uuid(),
        "layers": [],
        "state": {"value": "Active"},
        "lastUpdateStatus": {"value": "Successful"},
        "packageType": {"value": "Zip"},
        "architectures": ["x86_64"],
        "ephemeralStorage": {"size": 512},
    });
    let mut supp = serde_json::Map::new();
    if let Some(p) = &f.policy {
        supp.insert("Policy".into(), Value::String(p.to_string()));
    }
    supp.insert(
        "Tags".into(),
        Value::Object(f.tags.iter().map(|(k, v)| (k.clone(), json!(v))).collect()),
    );
    it.supplementary = Value::Object(supp);
    let role_name = f.role.rsplit('/').next().unwrap_or_default().to_owned();
    it.rels.push(Rel {
        rtype: "AWS::IAM::Role",
        id: role_name.clone(),
        name: Some(role_name),
        rel: "Is associated with Role",
    });
    it
}

/// An item of any type from its parts: the configuration and supplementary configuration are
/// given as Config records them for that type.
pub fn service_item(
    rng: &mut Rng,
    scope: Scope<'_>,
    rtype: &'static str,
    id: &str,
    name: Option<&str>,
    arn: Option<String>,
    tags: Tags,
    configuration: Value,
    supplementary: Value,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        rtype,
        id.to_owned(),
        name.map(str::to_owned),
        arn,
        tags,
    );
    it.configuration = configuration;
    it.supplementary = supplementary;
    it
}

/// An SNS topic, SQS queue, DynamoDB table or CloudWatch alarm item with a well-configured
/// default shape (the sample's plain messaging and monitoring resources).
pub fn unmodeled(
    rng: &mut Rng,
    scope: Scope<'_>,
    rtype: &'static str,
    name: &str,
    tags: Tags,
) -> AwsItem {
    let (id, arn, c) = match rtype {
        "AWS::SNS::Topic" => {
            let arn = format!("arn:aws:sns:{}:{}:{name}", scope.region, scope.account);
            (
                arn.clone(),
                arn.clone(),
                json!({"TopicArn": arn, "DisplayName": name, "KmsMasterKeyId": "alias/aws/sns", "Subscription": [{"Endpoint": format!("{name}@larkspur-health.example"), "Protocol": "email"}], "FifoTopic": false}),
            )
        }
        "AWS::SQS::Queue" => {
            let url = format!(
                "https://sqs.{}.amazonaws.com/{}/{name}",
                scope.region, scope.account
            );
            (
                url.clone(),
                format!("arn:aws:sqs:{}:{}:{name}", scope.region, scope.account),
                json!({"QueueUrl": url, "QueueName": name, "VisibilityTimeout": 120, "MessageRetentionPeriod": 345_600, "SqsManagedSseEnabled": true, "ReceiveMessageWaitTimeSeconds": 20, "RedrivePolicy": format!("{{\"deadLetterTargetArn\":\"arn:aws:sqs:{}:{}:{name}-dlq\",\"maxReceiveCount\":5}}", scope.region, scope.account)}),
            )
        }
        "AWS::DynamoDB::Table" => {
            let arn = format!(
                "arn:aws:dynamodb:{}:{}:table/{name}",
                scope.region, scope.account
            );
            (
                name.to_owned(),
                arn.clone(),
                json!({"tableName": name, "tableArn": arn, "tableStatus": "ACTIVE", "billingModeSummary": {"billingMode": "PAY_PER_REQUEST"}, "keySchema": [{"attributeName": "pk", "keyType": "HASH"}, {"attributeName": "sk", "keyType": "RANGE"}], "attributeDefinitions": [{"attributeName": "pk", "attributeType": "S"}, {"attributeName": "sk", "attributeType": "S"}], "itemCount": rng.range(0, 9_000_000), "tableSizeBytes": rng.range(0, 90_000_000_000u64), "sSEDescription": {"status": "ENABLED", "sSEType": "KMS"}, "deletionProtectionEnabled": true}),
            )
        }
        _ => {
            // The two security alarms watch the metrics of the CloudTrail metric filters.
            let (namespace, metric) = match name {
                "root-account-usage" => ("LarkspurSecurity", "RootAccountUsage"),
                "unauthorized-api-calls" => ("LarkspurSecurity", "UnauthorizedApiCalls"),
                _ => ("AWS/ApiGateway", "5XXError"),
            };
            let arn = format!(
                "arn:aws:cloudwatch:{}:{}:alarm:{name}",
                scope.region, scope.account
            );
            (
                name.to_owned(),
                arn.clone(),
                json!({"alarmName": name, "alarmArn": arn, "metricName": metric, "namespace": namespace, "statistic": "Sum", "period": 60, "evaluationPeriods": 5, "threshold": 10.0, "comparisonOperator": "GreaterThanThreshold", "actionsEnabled": true, "alarmActions": [format!("arn:aws:sns:{}:{}:larkspur-oncall", scope.region, scope.account)], "treatMissingData": "notBreaching"}),
            )
        }
    };
    let mut it = base(
        rng,
        scope,
        rtype,
        id,
        Some(name.to_owned()),
        Some(arn),
        tags,
    );
    if rtype == "AWS::DynamoDB::Table" {
        it.supplementary = json!({"ContinuousBackupsDescription": {"continuousBackupsStatus": "ENABLED", "pointInTimeRecoveryDescription": {"pointInTimeRecoveryStatus": "ENABLED", "earliestRestorableDateTime": it.capture, "latestRestorableDateTime": it.capture}}});
    }
    it.configuration = c;
    it
}

// ---------------------------------------------------------------------------------------------
// Network paths: route tables, gateways, interfaces, load balancers, instance profiles

/// The stable `AIPA…` id of an instance profile, derived from its ARN.
#[must_use]
pub fn profile_id(arn: &str) -> String {
    let seed = arn.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("AIPA{}", Rng::new(seed).upper_alnum(17))
}

/// One `instanceProfileList` entry of an `AWS::IAM::Role` item (the role's own name listed in
/// `roles`, as IAM returns it).
#[must_use]
pub fn instance_profile_entry(arn: &str, role: &Value, created: Option<&str>) -> Value {
    let name = arn.rsplit('/').next().unwrap_or(arn);
    json!({
        "path": "/",
        "instanceProfileName": name,
        "instanceProfileId": profile_id(arn),
        "arn": arn,
        "createDate": created,
        "roles": [{
            "path": role["path"],
            "roleName": role["roleName"],
            "roleId": role["roleId"],
            "arn": role["arn"],
            "createDate": role["createDate"],
            "assumeRolePolicyDocument": role["assumeRolePolicyDocument"],
        }],
    })
}

/// One route: (destination CIDR, target id). The target's prefix picks the field (`igw-` →
/// `gatewayId`, `nat-` → `natGatewayId`, `tgw-` → `transitGatewayId`, `local`).
pub type RouteSpec<'a> = (&'a str, &'a str);

/// An `AWS::EC2::RouteTable` item: `main` adds the main association, `subnets` the explicit
/// ones.
#[allow(clippy::too_many_arguments)]
pub fn route_table(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    vpc: &str,
    main: bool,
    subnets: &[String],
    routes: &[RouteSpec<'_>],
    tags: Tags,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::RouteTable",
        id.to_owned(),
        None,
        Some(format!(
            "arn:aws:ec2:{}:{}:route-table/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    let mut assocs = Vec::new();
    if main {
        assocs.push(json!({"main": true, "routeTableAssociationId": format!("rtbassoc-{}", rng.hex(17)), "routeTableId": id, "associationState": {"state": "associated"}}));
    }
    for s in subnets {
        assocs.push(json!({"main": false, "routeTableAssociationId": format!("rtbassoc-{}", rng.hex(17)), "routeTableId": id, "subnetId": s, "associationState": {"state": "associated"}}));
    }
    let routes: Vec<Value> = routes
        .iter()
        .map(|(dest, target)| {
            let mut r =
                json!({"destinationCidrBlock": dest, "origin": "CreateRoute", "state": "active"});
            let field = match target.split('-').next().unwrap_or_default() {
                "nat" => "natGatewayId",
                "tgw" => "transitGatewayId",
                "pcx" => "vpcPeeringConnectionId",
                _ => "gatewayId",
            };
            r[field] = json!(target);
            if *target == "local" {
                r["origin"] = json!("CreateRouteTable");
            }
            r
        })
        .collect();
    it.configuration = json!({
        "associations": assocs,
        "propagatingVgws": [],
        "routeTableId": id,
        "routes": routes,
        "tags": tag_list(&it.tags),
        "vpcId": vpc,
        "ownerId": scope.account,
    });
    it.rels
        .push(rel("AWS::EC2::VPC", vpc, "Is contained in Vpc"));
    for s in subnets {
        it.rels
            .push(rel("AWS::EC2::Subnet", s, "Is associated with Subnet"));
    }
    for (_, target) in routes_targets(&it.configuration) {
        let rtype = if target.starts_with("igw-") {
            "AWS::EC2::InternetGateway"
        } else if target.starts_with("nat-") {
            "AWS::EC2::NatGateway"
        } else {
            continue;
        };
        let name = if rtype.ends_with("InternetGateway") {
            "Is attached to InternetGateway"
        } else {
            "Is attached to NatGateway"
        };
        it.rels.push(rel(rtype, &target, name));
    }
    it
}

fn routes_targets(c: &Value) -> Vec<(String, String)> {
    c["routes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let t = r["gatewayId"]
                .as_str()
                .or_else(|| r["natGatewayId"].as_str())?;
            Some((r["destinationCidrBlock"].as_str()?.to_owned(), t.to_owned()))
        })
        .collect()
}

/// An `AWS::EC2::InternetGateway` item attached to `vpc`.
pub fn internet_gateway(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    vpc: &str,
    tags: Tags,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::InternetGateway",
        id.to_owned(),
        None,
        Some(format!(
            "arn:aws:ec2:{}:{}:internet-gateway/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    it.configuration = json!({
        "attachments": [{"state": "available", "vpcId": vpc}],
        "internetGatewayId": id,
        "ownerId": scope.account,
        "tags": tag_list(&it.tags),
    });
    it.rels
        .push(rel("AWS::EC2::VPC", vpc, "Is attached to Vpc"));
    it
}

/// An `AWS::EC2::NatGateway` item (a type Posture does not model; present as Config records it).
pub fn nat_gateway(
    rng: &mut Rng,
    scope: Scope<'_>,
    id: &str,
    vpc: &str,
    subnet: &str,
    tags: Tags,
) -> AwsItem {
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::NatGateway",
        id.to_owned(),
        None,
        Some(format!(
            "arn:aws:ec2:{}:{}:natgateway/{id}",
            scope.region, scope.account
        )),
        tags,
    );
    let eni = format!("eni-{}", rng.hex(17));
    it.configuration = json!({
        "createTime": it.created,
        "natGatewayAddresses": [{"allocationId": format!("eipalloc-{}", rng.hex(17)), "networkInterfaceId": eni, "privateIp": format!("10.{}.{}.{}", rng.range(0, 63), rng.range(0, 9), rng.range(4, 250)), "publicIp": format!("198.51.100.{}", rng.range(2, 250)), "isPrimary": true, "status": "succeeded"}],
        "natGatewayId": id,
        "state": "available",
        "subnetId": subnet,
        "vpcId": vpc,
        "connectivityType": "public",
        "tags": tag_list(&it.tags),
    });
    it.rels
        .push(rel("AWS::EC2::VPC", vpc, "Is contained in Vpc"));
    it.rels
        .push(rel("AWS::EC2::Subnet", subnet, "Is contained in Subnet"));
    it
}

/// The `AWS::EC2::NetworkInterface` item of an instance's primary interface, taken from the
/// instance item's `networkInterfaces[0]` (same id, subnet, groups and public IP association).
pub fn instance_interface(rng: &mut Rng, instance: &AwsItem) -> Option<AwsItem> {
    let c = &instance.configuration;
    let n = c["networkInterfaces"].get(0)?;
    let id = n["networkInterfaceId"].as_str()?.to_owned();
    let scope = Scope {
        account: &instance.account,
        region: &instance.region,
    };
    let mut it = base(
        rng,
        scope,
        "AWS::EC2::NetworkInterface",
        id.clone(),
        None,
        Some(format!(
            "arn:aws:ec2:{}:{}:network-interface/{id}",
            scope.region, scope.account
        )),
        Vec::new(),
    );
    it.az = instance.az.clone();
    it.created.clone_from(&instance.created);
    let mut attachment = n["attachment"].clone();
    attachment["instanceId"] = c["instanceId"].clone();
    attachment["instanceOwnerId"] = json!(scope.account);
    let mut conf = json!({
        "attachment": attachment,
        "availabilityZone": instance.az,
        "description": "",
        "groups": n["groups"],
        "interfaceType": "interface",
        "ipv6Addresses": [],
        "macAddress": n["macAddress"],
        "networkInterfaceId": id,
        "ownerId": scope.account,
        "privateDnsName": c["privateDnsName"],
        "privateIpAddress": n["privateIpAddress"],
        "privateIpAddresses": [{"primary": true, "privateDnsName": c["privateDnsName"], "privateIpAddress": n["privateIpAddress"]}],
        "requesterManaged": false,
        "sourceDestCheck": true,
        "status": "in-use",
        "subnetId": n["subnetId"],
        "tagSet": [],
        "vpcId": n["vpcId"],
    });
    // Describe output has no `association` when the interface has no public address.
    if let Some(ip) = n["association"]["publicIp"].as_str() {
        conf["association"] =
            json!({"ipOwnerId": "amazon", "publicDnsName": c["publicDnsName"], "publicIp": ip});
    }
    it.configuration = conf;
    let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    it.rels.push(rel(
        "AWS::EC2::Instance",
        &s(&c["instanceId"]),
        "Is attached to Instance",
    ));
    for g in n["groups"].as_array().into_iter().flatten() {
        it.rels.push(rel(
            "AWS::EC2::SecurityGroup",
            &s(&g["groupId"]),
            "Is associated with SecurityGroup",
        ));
    }
    it.rels.push(rel(
        "AWS::EC2::Subnet",
        &s(&n["subnetId"]),
        "Is contained in Subnet",
    ));
    it.rels
        .push(rel("AWS::EC2::VPC", &s(&n["vpcId"]), "Is contained in Vpc"));
    Some(it)
}

/// An ELBv2 load balancer's settings.
#[derive(Clone, Debug)]
pub struct LoadBalancer {
    /// Name.
    pub name: String,
    /// `internet-facing` or `internal`.
    pub scheme: &'static str,
    /// VPC.
    pub vpc: String,
    /// Subnets with their zones (subnet, AZ).
    pub subnets: Vec<(String, String)>,
    /// Security groups.
    pub sgs: Vec<String>,
    /// Tags.
    pub tags: Tags,
}

/// An `AWS::ElasticLoadBalancingV2::LoadBalancer` item (application load balancer). Config keeps
/// listeners and target groups out of this item.
pub fn load_balancer(rng: &mut Rng, scope: Scope<'_>, lb: &LoadBalancer) -> AwsItem {
    let suffix = rng.hex(16);
    let arn = format!(
        "arn:aws:elasticloadbalancing:{}:{}:loadbalancer/app/{}/{suffix}",
        scope.region, scope.account, lb.name
    );
    let mut it = base(
        rng,
        scope,
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        arn.clone(),
        Some(lb.name.clone()),
        Some(arn.clone()),
        lb.tags.clone(),
    );
    let prefix = if lb.scheme == "internal" {
        "internal-"
    } else {
        ""
    };
    it.configuration = json!({
        "loadBalancerArn": arn,
        "dNSName": format!("{prefix}{}-{}.{}.elb.amazonaws.com", lb.name, rng.range(100_000_000, 2_000_000_000), scope.region),
        "canonicalHostedZoneId": "Z35SXDOTRQ7X7K",
        "createdTime": it.created,
        "loadBalancerName": lb.name,
        "scheme": lb.scheme,
        "vpcId": lb.vpc,
        "state": {"code": "active"},
        "type": "application",
        "availabilityZones": lb.subnets.iter().map(|(s, z)| json!({"zoneName": z, "subnetId": s, "loadBalancerAddresses": []})).collect::<Vec<_>>(),
        "securityGroups": lb.sgs,
        "ipAddressType": "ipv4",
    });
    it.supplementary = json!({
        "LoadBalancerAttributes": [
            {"key": "deletion_protection.enabled", "value": "true"},
            {"key": "routing.http.drop_invalid_header_fields.enabled", "value": "true"},
            {"key": "access_logs.s3.enabled", "value": "true"},
        ],
    });
    it.rels
        .push(rel("AWS::EC2::VPC", &lb.vpc, "Is contained in Vpc"));
    for (s, _) in &lb.subnets {
        it.rels
            .push(rel("AWS::EC2::Subnet", s, "Is contained in Subnet"));
    }
    for g in &lb.sgs {
        it.rels.push(rel(
            "AWS::EC2::SecurityGroup",
            g,
            "Is associated with SecurityGroup",
        ));
    }
    it
}
