//! GCP Cloud Asset Inventory exports.
//!
//! Accepted shapes:
//! * newline-delimited JSON, one `Asset` per line, snake_case (`gcloud asset export`) or
//!   camelCase (`gcloud asset list`, REST) keys,
//! * a JSON array of assets (`gcloud asset list --format=json`),
//! * `{"assets": [...], "nextPageToken": …}` (REST `ListAssets`),
//! * concatenated pretty-printed asset objects.
//!
//! The `resource` and `iam-policy` content types produce separate lines for one asset `name`;
//! they are merged into one resource. A modeled asset without IAM content keeps its IAM bindings
//! `None` with a gap (an empty list would let a "not public" rule pass).
//!
//! Lines are parsed in parallel with borrowed structs (`resource.data` stays a `&RawValue` until
//! the asset type is known). A bad line is dropped with a warning naming `line N`; asset data that
//! does not match its type's expected shape keeps the resource with a `Gap { field: "*",
//! reason: Error }`.
//!
//! Defaults: the Google APIs omit unset fields from their JSON. A missing value is mapped only
//! where the API reference documents its meaning (each such place says so in a comment, and all
//! of them can only make a rule fail, never pass); everything else stays `None` with a gap.
//!
//! Relationship kinds emitted (targets are CAI full resource names): `contained_in` (the
//! project), `in_network`, `applies_to_network`, `uses_disk`, `encrypted_with`, `logs_to`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use posture_model::kinds::gcp;
use posture_model::{
    Binding, Config, CoverageEntry, CoverageStatus, Gap, GapReason, Inventory, Provider,
    Relationship, Resource, SourceReport, Unmodeled,
};
use rayon::prelude::*;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::ImportError;

const FORMAT: &str = "gcp-asset-inventory";
const MAX_WARNINGS: usize = 200;
const PROJECT_TYPE: &str = "cloudresourcemanager.googleapis.com/Project";
const NO_IAM: &str = "the export has no iam-policy content for this asset \
                      (export with --content-type=iam-policy as well)";

// ---------------------------------------------------------------------------------------------
// Input shapes
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct AssetIn<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default, alias = "assetType")]
    asset_type: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    resource: Option<ResourceIn<'a>>,
    #[serde(borrow, default, alias = "iamPolicy")]
    iam_policy: Option<&'a RawValue>,
    #[serde(borrow, default)]
    ancestors: Option<Vec<Cow<'a, str>>>,
}

#[derive(Deserialize)]
struct ResourceIn<'a> {
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
    #[serde(borrow, default)]
    location: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    #[serde(borrow, default)]
    assets: Option<Vec<&'a RawValue>>,
    #[serde(default, alias = "next_page_token")]
    next_page_token: Option<String>,
}

/// Just enough of a JSON object to tell a wrapper from an asset.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    assets: Option<IgnoredAny>,
    #[serde(default)]
    name: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PolicyIn {
    bindings: Vec<BindingIn>,
    #[serde(alias = "auditConfigs")]
    audit_configs: Vec<AuditConfigIn>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BindingIn {
    role: String,
    members: Vec<String>,
    condition: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AuditConfigIn {
    service: String,
    #[serde(alias = "auditLogConfigs")]
    audit_log_configs: Vec<AuditLogConfigIn>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AuditLogConfigIn {
    #[serde(alias = "logType")]
    log_type: Option<StrOrNum>,
}

/// A value the APIs write as a string or a number (int64 fields, enums in some exports).
#[derive(Clone, Debug, Default)]
struct StrOrNum(String);

impl<'de> Deserialize<'de> for StrOrNum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum V {
            S(String),
            I(i64),
            U(u64),
            F(f64),
        }
        Ok(StrOrNum(match V::deserialize(d)? {
            V::S(s) => s,
            V::I(i) => i.to_string(),
            V::U(u) => u.to_string(),
            V::F(f) => f.to_string(),
        }))
    }
}

impl StrOrNum {
    fn as_i64(&self) -> Option<i64> {
        let s = self.0.trim().trim_end_matches('s');
        s.parse::<i64>().ok().or_else(|| {
            // "7776000.5s" style durations: keep the whole seconds.
            s.split_once('.').and_then(|(a, _)| a.parse::<i64>().ok())
        })
    }
}

// --- per-type `resource.data` shapes (camelCase REST representations) -------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BucketData {
    location: Option<String>,
    labels: Option<BTreeMap<String, String>>,
    project_number: Option<StrOrNum>,
    iam_configuration: Option<BucketIam>,
    versioning: Option<Enabled>,
    logging: Option<BucketLogging>,
    retention_policy: Option<RetentionPolicy>,
    encryption: Option<BucketEncryption>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BucketIam {
    uniform_bucket_level_access: Option<Enabled>,
    public_access_prevention: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Enabled {
    enabled: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BucketLogging {
    log_bucket: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RetentionPolicy {
    retention_period: Option<StrOrNum>,
    is_locked: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BucketEncryption {
    default_kms_key_name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SqlData {
    project: Option<String>,
    database_version: Option<String>,
    settings: Option<SqlSettings>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SqlSettings {
    user_labels: Option<BTreeMap<String, String>>,
    ip_configuration: Option<SqlIp>,
    backup_configuration: Option<Enabled>,
    database_flags: Option<Vec<SqlFlag>>,
    deletion_protection_enabled: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SqlIp {
    ipv4_enabled: Option<bool>,
    authorized_networks: Option<Vec<SqlAcl>>,
    require_ssl: Option<bool>,
    ssl_mode: Option<String>,
    private_network: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SqlAcl {
    value: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SqlFlag {
    name: String,
    value: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FirewallData {
    network: Option<String>,
    direction: Option<String>,
    disabled: Option<bool>,
    priority: Option<StrOrNum>,
    source_ranges: Option<Vec<String>>,
    allowed: Option<Vec<FirewallRuleIn>>,
    denied: Option<Vec<FirewallRuleIn>>,
    target_tags: Option<Vec<String>>,
    log_config: Option<FirewallLog>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FirewallRuleIn {
    #[serde(rename = "IPProtocol", alias = "ipProtocol")]
    ip_protocol: Option<StrOrNum>,
    ports: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FirewallLog {
    enable: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct InstanceData {
    labels: Option<BTreeMap<String, String>>,
    machine_type: Option<String>,
    status: Option<String>,
    network_interfaces: Option<Vec<NicIn>>,
    tags: Option<NetTags>,
    service_accounts: Option<Vec<SaIn>>,
    can_ip_forward: Option<bool>,
    metadata: Option<MetadataIn>,
    shielded_instance_config: Option<ShieldedIn>,
    confidential_instance_config: Option<ConfidentialIn>,
    disks: Option<Vec<DiskRef>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NicIn {
    network: Option<String>,
    access_configs: Option<Vec<AccessConfig>>,
    ipv6_access_configs: Option<Vec<AccessConfig>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AccessConfig {
    #[serde(rename = "natIP", alias = "natIp")]
    nat_ip: Option<String>,
    external_ipv6: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NetTags {
    items: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SaIn {
    email: String,
    scopes: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetadataIn {
    items: Option<Vec<MetadataItem>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetadataItem {
    key: String,
    value: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ShieldedIn {
    enable_secure_boot: Option<bool>,
    enable_vtpm: Option<bool>,
    enable_integrity_monitoring: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ConfidentialIn {
    enable_confidential_compute: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DiskRef {
    source: Option<String>,
    disk_encryption_key: Option<DiskKeyIn>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DiskKeyIn {
    sha256: Option<String>,
    kms_key_name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NetworkData {
    auto_create_subnetworks: Option<bool>,
    #[serde(rename = "IPv4Range", alias = "ipv4Range")]
    ipv4_range: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ProjectData {
    project_id: Option<String>,
    project_number: Option<StrOrNum>,
    lifecycle_state: Option<String>,
    state: Option<String>,
    labels: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct CryptoKeyData {
    purpose: Option<String>,
    rotation_period: Option<StrOrNum>,
    labels: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DatasetData {
    location: Option<String>,
    labels: Option<BTreeMap<String, String>>,
    dataset_reference: Option<DatasetRef>,
    access: Option<Vec<DatasetAccess>>,
    default_encryption_configuration: Option<DatasetEncryption>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DatasetRef {
    project_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DatasetAccess {
    role: Option<String>,
    user_by_email: Option<String>,
    group_by_email: Option<String>,
    domain: Option<String>,
    special_group: Option<String>,
    iam_member: Option<String>,
    view: Option<TableRef>,
    routine: Option<TableRef>,
    dataset: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct TableRef {
    project_id: String,
    dataset_id: String,
    table_id: Option<String>,
    routine_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DatasetEncryption {
    kms_key_name: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Splitting the input into assets
// ---------------------------------------------------------------------------------------------

/// One asset document and where it came from (`line 7`, `$.assets[3]`).
struct Item<'a> {
    loc: Loc,
    text: Result<&'a str, String>,
}

#[derive(Clone, Copy)]
enum Loc {
    Line(usize),
    Index(&'static str, usize),
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Loc::Line(n) => write!(f, "line {n}"),
            Loc::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

fn split<'a>(
    path: &str,
    text: &'a [u8],
    warnings: &mut Vec<String>,
) -> Result<Vec<Item<'a>>, ImportError> {
    let first = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|i| text.get(i).copied());
    if first == Some(b'[') {
        let s = whole_utf8(path, text)?;
        let v: Vec<&RawValue> =
            serde_json::from_str(s).map_err(|e| ImportError::json(path, "", &e))?;
        return Ok(indexed(v, "$"));
    }
    // First line complete on its own → JSON lines (or a one-line wrapper object).
    let first_line_end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
    let first_line = text.get(..first_line_end).unwrap_or_default();
    let first_ok = std::str::from_utf8(first_line)
        .ok()
        .and_then(|l| serde_json::from_str::<Probe>(l.trim()).ok());
    match first_ok {
        Some(p) if p.assets.is_some() && p.name.is_none() => {
            let s = whole_utf8(path, text)?;
            wrapper(path, s, warnings)
        }
        Some(_) => Ok(lines(text)),
        None => {
            // Either a bad first line of JSON lines, or a document spread over several lines.
            let eof_on_first = std::str::from_utf8(first_line)
                .ok()
                .map(|l| serde_json::from_str::<IgnoredAny>(l.trim()))
                .is_some_and(|r| r.is_err_and(|e| e.is_eof()));
            if !eof_on_first {
                return Ok(lines(text));
            }
            let s = whole_utf8(path, text)?;
            let mut out = Vec::new();
            let stream = serde_json::Deserializer::from_str(s).into_iter::<&RawValue>();
            for (i, v) in stream.enumerate() {
                let v = v.map_err(|e| ImportError::json(path, "", &e))?;
                let is_wrapper = serde_json::from_str::<Probe>(v.get())
                    .is_ok_and(|p| p.assets.is_some() && p.name.is_none());
                if is_wrapper {
                    out.extend(wrapper(path, v.get(), warnings)?);
                } else {
                    out.push(Item {
                        loc: Loc::Index("$", i),
                        text: Ok(v.get()),
                    });
                }
            }
            Ok(out)
        }
    }
}

fn indexed<'a>(v: Vec<&'a RawValue>, prefix: &'static str) -> Vec<Item<'a>> {
    v.into_iter()
        .enumerate()
        .map(|(i, r)| Item {
            loc: Loc::Index(prefix, i),
            text: Ok(r.get()),
        })
        .collect()
}

fn wrapper<'a>(
    path: &str,
    s: &'a str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Item<'a>>, ImportError> {
    let env: Envelope<'a> = serde_json::from_str(s).map_err(|e| ImportError::json(path, "", &e))?;
    if env
        .next_page_token
        .as_deref()
        .is_some_and(|t| !t.is_empty())
    {
        warnings.push(
            "$.nextPageToken: the output is one page of a longer listing; assets on later pages \
             are not in this file"
                .to_owned(),
        );
    }
    Ok(indexed(env.assets.unwrap_or_default(), "$.assets"))
}

fn lines(text: &[u8]) -> Vec<Item<'_>> {
    text.split(|&b| b == b'\n')
        .enumerate()
        .filter_map(|(i, l)| {
            let l = l.strip_suffix(b"\r").unwrap_or(l);
            let l = if i == 0 {
                l.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(l)
            } else {
                l
            };
            if l.iter().all(u8::is_ascii_whitespace) {
                return None;
            }
            Some(Item {
                loc: Loc::Line(i + 1),
                text: std::str::from_utf8(l).map_err(|_| "invalid UTF-8".to_owned()),
            })
        })
        .collect()
}

fn whole_utf8<'a>(path: &str, text: &'a [u8]) -> Result<&'a str, ImportError> {
    std::str::from_utf8(text).map_err(|e| {
        let at = e.valid_up_to();
        let before = text.get(..at).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        ImportError::malformed(
            path,
            format!("line {line}"),
            "invalid UTF-8 (expected UTF-8 encoded JSON)",
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Per-asset parsing (parallel)
// ---------------------------------------------------------------------------------------------

/// What one line contributed.
struct Parsed<'a> {
    loc: Loc,
    name: String,
    asset_type: String,
    /// `projects/NUMBER` from `ancestors` (closest project).
    ancestor_project: Option<String>,
    location: Option<String>,
    data: Option<DataOut<'a>>,
    iam: Option<IamOut<'a>>,
}

struct DataOut<'a> {
    config: Config,
    gaps: Vec<Gap>,
    rels: Vec<Relationship>,
    labels: BTreeMap<String, String>,
    project_id: Option<String>,
    project_number: Option<String>,
    display_name: Option<String>,
    /// The raw data, for unmodeled assets only.
    raw: Option<&'a RawValue>,
    warning: Option<String>,
}

struct IamOut<'a> {
    raw: &'a RawValue,
    policy: Result<Policy, String>,
}

fn strip_pos(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

fn parse_item<'a>(item: &Item<'a>) -> Result<Option<Parsed<'a>>, String> {
    let loc = item.loc;
    let text = item.text.as_ref().map_err(|e| format!("{loc}: {e}"))?;
    let a: AssetIn<'a> = serde_json::from_str(text).map_err(|e| {
        let m = strip_pos(&e);
        let m = if e.is_eof() {
            format!("{m} (the line looks truncated)")
        } else {
            m
        };
        format!("{loc}: not a Cloud Asset Inventory asset ({m}); expected an object with `name`, `asset_type`/`assetType`, `resource` or `iam_policy`")
    })?;
    let Some(name) = a.name.as_deref().filter(|n| !n.trim().is_empty()) else {
        return Err(format!(
            "{loc}: asset has no `name` (expected the full resource name, e.g. //storage.googleapis.com/bucket)"
        ));
    };
    let asset_type = a.asset_type.as_deref().unwrap_or_default().to_owned();
    let ancestor_project = a
        .ancestors
        .iter()
        .flatten()
        .find(|s| s.starts_with("projects/"))
        .map(|s| s.to_string());
    let (data, location) = match a.resource {
        Some(r) => (
            Some(map_data(&asset_type, name, r.data)),
            r.location.map(|l| l.to_ascii_lowercase()),
        ),
        None => (None, None),
    };
    let iam = a
        .iam_policy
        .filter(|r| r.get() != "null")
        .map(|raw| IamOut {
            raw,
            policy: parse_policy(raw),
        });
    if data.is_none() && iam.is_none() {
        // org-policy, access-policy, os-inventory, relationship content: not read (yet).
        return Ok(None);
    }
    Ok(Some(Parsed {
        loc,
        name: name.to_owned(),
        asset_type,
        ancestor_project,
        location,
        data,
        iam,
    }))
}

type Policy = (Vec<Binding>, BTreeMap<String, Vec<String>>);

fn parse_policy(raw: &RawValue) -> Result<Policy, String> {
    let p: PolicyIn =
        serde_json::from_str(raw.get()).map_err(|e| format!("`iam_policy`: {}", strip_pos(&e)))?;
    let bindings = p
        .bindings
        .into_iter()
        .map(|b| Binding {
            role: b.role,
            members: b.members,
            conditional: b.condition.is_some(),
        })
        .collect();
    let mut audit: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in p.audit_configs {
        let types = audit.entry(c.service).or_default();
        for l in c.audit_log_configs {
            let t = match l.log_type.map(|t| t.0) {
                Some(t) => match t.as_str() {
                    "1" => "ADMIN_READ".to_owned(),
                    "2" => "DATA_WRITE".to_owned(),
                    "3" => "DATA_READ".to_owned(),
                    _ => t,
                },
                None => continue,
            };
            if !types.contains(&t) {
                types.push(t);
            }
        }
    }
    Ok((bindings, audit))
}

/// Per-asset mapping context.
#[derive(Default)]
struct Cx {
    gaps: Vec<Gap>,
    rels: Vec<Relationship>,
}

impl Cx {
    fn need<T>(&mut self, v: Option<T>, field: &str, source: &str) -> Option<T> {
        if v.is_none() {
            self.gaps.push(Gap {
                field: field.to_owned(),
                api: None,
                reason: GapReason::NotInSource,
                detail: format!("`{source}` is absent from the asset's resource data"),
            });
        }
        v
    }

    fn rel(&mut self, kind: &str, target: Option<String>) {
        if let Some(t) = target.filter(|t| !t.is_empty()) {
            self.rels.push(Relationship {
                kind: kind.to_owned(),
                target: t,
            });
        }
    }
}

/// `https://www.googleapis.com/compute/v1/projects/p/global/networks/n` →
/// `//compute.googleapis.com/projects/p/global/networks/n`.
fn compute_name(url: &str) -> String {
    match url.find("/projects/") {
        Some(i) if url.contains("googleapis.com/compute/") => {
            format!("//compute.googleapis.com{}", &url[i..])
        }
        _ => url.to_owned(),
    }
}

fn kms_name(key: &str) -> String {
    // Strip a `/cryptoKeyVersions/N` suffix: the relationship points at the key.
    let key = key.find("/cryptoKeyVersions/").map_or(key, |i| &key[..i]);
    if key.starts_with("projects/") {
        format!("//cloudkms.googleapis.com/{key}")
    } else {
        key.to_owned()
    }
}

fn last_segment(s: &str) -> &str {
    s.trim_end_matches('/').rsplit('/').next().unwrap_or(s)
}

/// The `projects/X` segment of a full resource name.
fn project_segment(name: &str) -> Option<&str> {
    let mut it = name.split('/');
    while let Some(s) = it.next() {
        if s == "projects" {
            return it.next().filter(|s| !s.is_empty());
        }
    }
    None
}

struct Typed {
    config: Config,
    labels: Option<BTreeMap<String, String>>,
    project_id: Option<String>,
    project_number: Option<String>,
    display_name: Option<String>,
}

fn typed(config: impl Into<Config>) -> Typed {
    Typed {
        config: config.into(),
        labels: None,
        project_id: None,
        project_number: None,
        display_name: None,
    }
}

fn de<T: DeserializeOwned + Default>(raw: Option<&RawValue>) -> Result<T, String> {
    match raw.filter(|r| r.get() != "null") {
        None => Ok(T::default()),
        Some(r) => {
            serde_json::from_str(r.get()).map_err(|e| format!("`resource.data`: {}", strip_pos(&e)))
        }
    }
}

fn map_data<'a>(asset_type: &str, name: &str, raw: Option<&'a RawValue>) -> DataOut<'a> {
    let mut cx = Cx::default();
    let result: Option<Result<Typed, (Config, String)>> = match asset_type {
        "storage.googleapis.com/Bucket" => Some(
            de(raw)
                .map(|d| bucket(d, &mut cx))
                .map_err(|e| (gcp::StorageBucket::default().into(), e)),
        ),
        "sqladmin.googleapis.com/Instance" => Some(
            de(raw)
                .map(|d| sql(d, &mut cx))
                .map_err(|e| (gcp::SqlInstance::default().into(), e)),
        ),
        "compute.googleapis.com/Firewall" => Some(
            de(raw)
                .map(|d| firewall(d, &mut cx))
                .map_err(|e| (gcp::Firewall::default().into(), e)),
        ),
        "compute.googleapis.com/Instance" => Some(
            de(raw)
                .map(|d| instance(d, &mut cx))
                .map_err(|e| (gcp::ComputeInstance::default().into(), e)),
        ),
        "compute.googleapis.com/Network" => Some(
            de(raw)
                .map(|d: NetworkData| network(&d, &mut cx))
                .map_err(|e| (gcp::Network::default().into(), e)),
        ),
        PROJECT_TYPE => Some(
            de(raw)
                .map(|d| project(d, name, &mut cx))
                .map_err(|e| (gcp::Project::default().into(), e)),
        ),
        "cloudkms.googleapis.com/CryptoKey" => Some(
            de(raw)
                .map(|d| crypto_key(d, &mut cx))
                .map_err(|e| (gcp::CryptoKey::default().into(), e)),
        ),
        "bigquery.googleapis.com/Dataset" => Some(
            de(raw)
                .map(|d| dataset(d, &mut cx))
                .map_err(|e| (gcp::BigQueryDataset::default().into(), e)),
        ),
        "compute.googleapis.com/Route" => Some(
            de(raw)
                .map(|d| route(d, &mut cx))
                .map_err(|e| (gcp::Route::default().into(), e)),
        ),
        "compute.googleapis.com/Subnetwork" => Some(
            de(raw)
                .map(|d| subnetwork(d, &mut cx))
                .map_err(|e| (gcp::Subnetwork::default().into(), e)),
        ),
        "compute.googleapis.com/Project" => Some(
            de(raw)
                .map(|d| compute_project(d, &mut cx))
                .map_err(|e| (gcp::ComputeProject::default().into(), e)),
        ),
        "serviceusage.googleapis.com/Service" => Some(
            de(raw)
                .map(|d| api_service(d, name, &mut cx))
                .map_err(|e| (gcp::ApiService::default().into(), e)),
        ),
        "iam.googleapis.com/ServiceAccountKey" => Some(
            de(raw)
                .map(|d| sa_key(d, name, &mut cx))
                .map_err(|e| (gcp::ServiceAccountKey::default().into(), e)),
        ),
        "logging.googleapis.com/LogSink" => Some(
            de(raw)
                .map(|d| log_sink(d, name, &mut cx))
                .map_err(|e| (gcp::LogSink::default().into(), e)),
        ),
        "logging.googleapis.com/LogMetric" => Some(
            de(raw)
                .map(|d| log_metric(d, name, &mut cx))
                .map_err(|e| (gcp::LogMetric::default().into(), e)),
        ),
        "monitoring.googleapis.com/AlertPolicy" => Some(
            de(raw)
                .map(|d| alert_policy(d, &mut cx))
                .map_err(|e| (gcp::AlertPolicy::default().into(), e)),
        ),
        "dns.googleapis.com/ManagedZone" => Some(
            de(raw)
                .map(|d| dns_zone(d, &mut cx))
                .map_err(|e| (gcp::DnsManagedZone::default().into(), e)),
        ),
        "dns.googleapis.com/Policy" => Some(
            de(raw)
                .map(|d| dns_policy(d, &mut cx))
                .map_err(|e| (gcp::DnsPolicy::default().into(), e)),
        ),
        "apikeys.googleapis.com/Key" => Some(
            de(raw)
                .map(|d| api_key(d, &mut cx))
                .map_err(|e| (gcp::ApiKey::default().into(), e)),
        ),
        "compute.googleapis.com/BackendService" => Some(
            de(raw)
                .map(|d| backend_service(d, &mut cx))
                .map_err(|e| (gcp::BackendService::default().into(), e)),
        ),
        "bigquery.googleapis.com/Table" => Some(
            de(raw)
                .map(|d| bq_table(d, &mut cx))
                .map_err(|e| (gcp::BigQueryTable::default().into(), e)),
        ),
        "cloudresourcemanager.googleapis.com/Organization" => Some(
            de(raw)
                .map(|d| organization(d, &mut cx))
                .map_err(|e| (gcp::Organization::default().into(), e)),
        ),
        "essentialcontacts.googleapis.com/Contact" => Some(
            de(raw)
                .map(|d| essential_contact(d, name, &mut cx))
                .map_err(|e| (gcp::EssentialContact::default().into(), e)),
        ),
        "dataproc.googleapis.com/Cluster" => Some(
            de(raw)
                .map(|d| dataproc_cluster(d, &mut cx))
                .map_err(|e| (gcp::DataprocCluster::default().into(), e)),
        ),
        _ => None,
    };
    match result {
        None => {
            let (labels, project_id) = raw.map(unmodeled_common).unwrap_or_default();
            DataOut {
                config: Config::Unmodeled(Unmodeled {
                    native_type: asset_type.to_owned(),
                    raw: posture_model::RawJson::null(),
                }),
                gaps: Vec::new(),
                rels: Vec::new(),
                labels,
                project_id,
                project_number: None,
                display_name: None,
                raw,
                warning: None,
            }
        }
        Some(Ok(t)) => DataOut {
            config: t.config,
            gaps: cx.gaps,
            rels: cx.rels,
            labels: t.labels.unwrap_or_default(),
            project_id: t.project_id,
            project_number: t.project_number,
            display_name: t.display_name,
            raw: None,
            warning: None,
        },
        Some(Err((config, msg))) => DataOut {
            config,
            gaps: vec![Gap {
                field: "*".into(),
                api: None,
                reason: GapReason::Error,
                detail: msg.clone(),
            }],
            rels: Vec::new(),
            labels: BTreeMap::new(),
            project_id: None,
            project_number: None,
            display_name: None,
            raw: None,
            warning: Some(msg),
        },
    }
}

/// Labels and project id of an unmodeled asset's data, read leniently.
fn unmodeled_common(raw: &RawValue) -> (BTreeMap<String, String>, Option<String>) {
    #[derive(Deserialize, Default)]
    #[serde(default, rename_all = "camelCase")]
    struct Common {
        labels: Option<BTreeMap<String, serde_json::Value>>,
        project_id: Option<serde_json::Value>,
        project: Option<serde_json::Value>,
    }
    let c: Common = serde_json::from_str(raw.get()).unwrap_or_default();
    let labels = c
        .labels
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| match v {
            serde_json::Value::String(s) => Some((k, s)),
            _ => None,
        })
        .collect();
    let pid = [c.project_id, c.project]
        .into_iter()
        .flatten()
        .find_map(|v| match v {
            serde_json::Value::String(s) if !s.is_empty() && !s.contains('/') => Some(s),
            _ => None,
        });
    (labels, pid)
}

// --- per-type mappings -----------------------------------------------------------------------

fn bucket(d: BucketData, cx: &mut Cx) -> Typed {
    let iam = d.iam_configuration.unwrap_or_default();
    let retention = d.retention_policy;
    let log_bucket = d.logging.map(|l| l.log_bucket.unwrap_or_default());
    if let Some(b) = log_bucket.as_deref().filter(|b| !b.is_empty()) {
        cx.rel("logs_to", Some(format!("//storage.googleapis.com/{b}")));
    }
    let kms = d
        .encryption
        .map(|e| e.default_kms_key_name.unwrap_or_default());
    if let Some(k) = kms.as_deref().filter(|k| !k.is_empty()) {
        cx.rel("encrypted_with", Some(kms_name(k)));
    }
    let c = gcp::StorageBucket {
        location: cx.need(d.location, "location", "location"),
        uniform_bucket_level_access: cx.need(
            iam.uniform_bucket_level_access.and_then(|u| u.enabled),
            "uniform_bucket_level_access",
            "iamConfiguration.uniformBucketLevelAccess.enabled",
        ),
        public_access_prevention: cx.need(
            iam.public_access_prevention,
            "public_access_prevention",
            "iamConfiguration.publicAccessPrevention",
        ),
        // Filled when the asset's iam-policy content is merged in.
        iam_bindings: None,
        // Storage JSON API: the `versioning`, `logging`, `retentionPolicy` and `encryption`
        // objects appear only when configured (versioning is off by default, no logging, no
        // retention policy, Google-managed encryption). Their absence can only fail a rule.
        versioning_enabled: Some(d.versioning.and_then(|v| v.enabled).unwrap_or(false)),
        logging_bucket: Some(log_bucket.unwrap_or_default()),
        retention_period_seconds: Some(
            retention
                .as_ref()
                .and_then(|r| r.retention_period.as_ref())
                .and_then(StrOrNum::as_i64)
                .unwrap_or(0),
        ),
        retention_locked: Some(retention.and_then(|r| r.is_locked).unwrap_or(false)),
        default_kms_key: Some(kms.unwrap_or_default()),
    };
    Typed {
        labels: d.labels,
        project_number: d.project_number.map(|n| n.0),
        ..typed(c)
    }
}

fn sql(d: SqlData, cx: &mut Cx) -> Typed {
    let Some(settings) = d.settings else {
        let c = gcp::SqlInstance {
            database_version: cx.need(d.database_version, "database_version", "databaseVersion"),
            ..gcp::SqlInstance::default()
        };
        for f in [
            "ipv4_enabled",
            "authorized_networks",
            "ssl_mode",
            "require_ssl",
            "backup_enabled",
            "database_flags",
            "private_network",
            "deletion_protection",
        ] {
            cx.need(None::<()>, f, "settings");
        }
        return Typed {
            project_id: d.project,
            ..typed(c)
        };
    };
    let ip = settings.ip_configuration;
    let (ipv4_enabled, authorized_networks, require_ssl, ssl_mode, private_network) = match ip {
        Some(ip) => {
            if let Some(n) = ip.private_network.as_deref() {
                cx.rel("in_network", Some(compute_name(n)));
            }
            (
                // `ipv4Enabled`, `requireSsl` are BoolValue wrappers in the Cloud SQL Admin API:
                // absent means unset, not false.
                cx.need(
                    ip.ipv4_enabled,
                    "ipv4_enabled",
                    "settings.ipConfiguration.ipv4Enabled",
                ),
                // Repeated and plain string fields are omitted when empty (proto3 JSON mapping
                // of the Cloud SQL Admin API): within a present `ipConfiguration`, absent
                // means none.
                Some(
                    ip.authorized_networks
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|a| a.value)
                        .collect(),
                ),
                cx.need(
                    ip.require_ssl,
                    "require_ssl",
                    "settings.ipConfiguration.requireSsl",
                ),
                cx.need(ip.ssl_mode, "ssl_mode", "settings.ipConfiguration.sslMode"),
                Some(ip.private_network.unwrap_or_default()),
            )
        }
        None => {
            for f in [
                "ipv4_enabled",
                "authorized_networks",
                "require_ssl",
                "ssl_mode",
                "private_network",
            ] {
                cx.need(None::<()>, f, "settings.ipConfiguration");
            }
            (None, None, None, None, None)
        }
    };
    let c = gcp::SqlInstance {
        database_version: cx.need(d.database_version, "database_version", "databaseVersion"),
        ipv4_enabled,
        authorized_networks,
        ssl_mode,
        require_ssl,
        backup_enabled: cx.need(
            settings.backup_configuration.and_then(|b| b.enabled),
            "backup_enabled",
            "settings.backupConfiguration.enabled",
        ),
        // Repeated field omitted when empty (see above).
        database_flags: Some(
            settings
                .database_flags
                .unwrap_or_default()
                .into_iter()
                .map(|f| (f.name, f.value.unwrap_or_default()))
                .collect(),
        ),
        private_network,
        deletion_protection: cx.need(
            settings.deletion_protection_enabled,
            "deletion_protection",
            "settings.deletionProtectionEnabled",
        ),
    };
    Typed {
        labels: settings.user_labels,
        project_id: d.project,
        ..typed(c)
    }
}

fn fw_rules(v: Option<Vec<FirewallRuleIn>>) -> Vec<gcp::FirewallAllow> {
    v.unwrap_or_default()
        .into_iter()
        .map(|r| gcp::FirewallAllow {
            protocol: r.ip_protocol.map(|p| p.0).unwrap_or_default(),
            ports: r.ports,
        })
        .collect()
}

fn firewall(d: FirewallData, cx: &mut Cx) -> Typed {
    if let Some(n) = d.network.as_deref() {
        cx.rel("applies_to_network", Some(compute_name(n)));
    }
    let c = gcp::Firewall {
        network: cx.need(d.network, "network", "network"),
        // Compute API: "If unspecified, defaults to INGRESS."
        direction: Some(d.direction.unwrap_or_else(|| "INGRESS".into())),
        // Compute API: "If this is unspecified, the firewall rule will be enabled."
        disabled: Some(d.disabled.unwrap_or(false)),
        // Compute API: priority "Default value is 1000".
        priority: Some(
            d.priority
                .as_ref()
                .and_then(StrOrNum::as_i64)
                .unwrap_or(1000),
        ),
        // The Compute API omits empty lists.
        source_ranges: Some(d.source_ranges.unwrap_or_default()),
        allowed: Some(fw_rules(d.allowed)),
        denied: Some(fw_rules(d.denied)),
        target_tags: Some(d.target_tags.unwrap_or_default()),
        // `logConfig` appears only when logging was configured; absent = off.
        logging_enabled: Some(d.log_config.and_then(|l| l.enable).unwrap_or(false)),
    };
    typed(c)
}

fn instance(d: InstanceData, cx: &mut Cx) -> Typed {
    let (external_ip, networks) = match d.network_interfaces {
        Some(nics) => {
            // An access config is a one-to-one NAT: the VM has an external address whenever it
            // runs, even if a stopped VM's ephemeral `natIP` is not listed.
            let ext = nics.iter().any(|n| {
                n.access_configs.as_ref().is_some_and(|a| !a.is_empty())
                    || n.ipv6_access_configs
                        .iter()
                        .flatten()
                        .any(|a| a.external_ipv6.is_some() || a.nat_ip.is_some())
            });
            let nets: Vec<String> = nics
                .into_iter()
                .filter_map(|n| n.network)
                .map(|n| compute_name(&n))
                .collect();
            for n in &nets {
                cx.rel("in_network", Some(n.clone()));
            }
            (Some(ext), Some(nets))
        }
        None => (
            cx.need(None, "external_ip", "networkInterfaces"),
            cx.need(None, "networks", "networkInterfaces"),
        ),
    };
    // CSEK disks carry `diskEncryptionKey.sha256` (the raw key is never returned); CMEK disks
    // carry `kmsKeyName` instead.
    let csek_all_disks = d.disks.as_ref().map(|v| {
        !v.is_empty()
            && v.iter().all(|k| {
                k.disk_encryption_key.as_ref().is_some_and(|e| {
                    e.sha256.as_deref().is_some_and(|h| !h.is_empty())
                        && e.kms_key_name.as_deref().is_none_or(str::is_empty)
                })
            })
    });
    let csek_all_disks = cx.need(csek_all_disks, "csek_all_disks", "disks");
    for disk in d.disks.into_iter().flatten() {
        cx.rel("uses_disk", disk.source.map(|s| compute_name(&s)));
    }
    let (sb, vtpm, im) = match d.shielded_instance_config {
        Some(s) => (
            cx.need(
                s.enable_secure_boot,
                "shielded_secure_boot",
                "shieldedInstanceConfig.enableSecureBoot",
            ),
            cx.need(
                s.enable_vtpm,
                "shielded_vtpm",
                "shieldedInstanceConfig.enableVtpm",
            ),
            cx.need(
                s.enable_integrity_monitoring,
                "shielded_integrity_monitoring",
                "shieldedInstanceConfig.enableIntegrityMonitoring",
            ),
        ),
        None => (
            cx.need(None, "shielded_secure_boot", "shieldedInstanceConfig"),
            cx.need(None, "shielded_vtpm", "shieldedInstanceConfig"),
            cx.need(
                None,
                "shielded_integrity_monitoring",
                "shieldedInstanceConfig",
            ),
        ),
    };
    let c = gcp::ComputeInstance {
        machine_type: cx.need(
            d.machine_type.map(|m| last_segment(&m).to_owned()),
            "machine_type",
            "machineType",
        ),
        status: cx.need(d.status, "status", "status"),
        external_ip,
        networks,
        // The Compute API omits empty lists and unset objects: no `tags.items` = no network
        // tags, no `serviceAccounts` = none attached, no metadata items = none.
        network_tags: Some(d.tags.and_then(|t| t.items).unwrap_or_default()),
        service_accounts: Some(
            d.service_accounts
                .unwrap_or_default()
                .into_iter()
                .map(|s| gcp::ServiceAccountRef {
                    email: s.email,
                    scopes: s.scopes,
                })
                .collect(),
        ),
        // Compute API: `canIpForward` "If unspecified, defaults to false."
        can_ip_forward: Some(d.can_ip_forward.unwrap_or(false)),
        metadata: Some(
            d.metadata
                .and_then(|m| m.items)
                .unwrap_or_default()
                .into_iter()
                .map(|i| (i.key, i.value.unwrap_or_default()))
                .collect(),
        ),
        shielded_secure_boot: sb,
        shielded_vtpm: vtpm,
        shielded_integrity_monitoring: im,
        // `confidentialInstanceConfig` appears only for Confidential VMs; absent = off.
        confidential_compute: Some(
            d.confidential_instance_config
                .and_then(|c| c.enable_confidential_compute)
                .unwrap_or(false),
        ),
        csek_all_disks,
    };
    Typed {
        labels: d.labels,
        ..typed(c)
    }
}

fn network(d: &NetworkData, cx: &mut Cx) -> Typed {
    // Legacy networks carry `IPv4Range` and have no subnetworks.
    let legacy = d.ipv4_range.is_some();
    let auto = if legacy {
        Some(false)
    } else {
        cx.need(
            d.auto_create_subnetworks,
            "auto_create_subnetworks",
            "autoCreateSubnetworks",
        )
    };
    typed(gcp::Network {
        auto_create_subnetworks: auto,
        legacy: Some(legacy),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RouteData {
    network: Option<String>,
    dest_range: Option<String>,
    next_hop_gateway: Option<String>,
    priority: Option<StrOrNum>,
    tags: Option<Vec<String>>,
}

fn route(d: RouteData, cx: &mut Cx) -> Typed {
    let network = d.network.map(|n| compute_name(&n));
    if let Some(n) = &network {
        cx.rel("applies_to_network", Some(n.clone()));
    }
    typed(gcp::Route {
        network: cx.need(network, "network", "network"),
        dest_range: cx.need(d.dest_range, "dest_range", "destRange"),
        // The Compute API omits the next hop fields that are not used.
        next_hop_gateway: Some(d.next_hop_gateway.unwrap_or_default()),
        // Compute API: priority "Default value is 1000".
        priority: Some(
            d.priority
                .as_ref()
                .and_then(StrOrNum::as_i64)
                .unwrap_or(1000),
        ),
        // The Compute API omits an empty tag list (the route applies to every instance).
        tags: Some(d.tags.unwrap_or_default()),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SubnetworkData {
    network: Option<String>,
    ip_cidr_range: Option<String>,
    private_ip_google_access: Option<bool>,
    log_config: Option<SubnetLogConfig>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SubnetLogConfig {
    enable: Option<bool>,
}

fn subnetwork(d: SubnetworkData, cx: &mut Cx) -> Typed {
    let network = d.network.map(|n| compute_name(&n));
    if let Some(n) = &network {
        cx.rel("in_network", Some(n.clone()));
    }
    typed(gcp::Subnetwork {
        network: cx.need(network, "network", "network"),
        ip_cidr_range: cx.need(d.ip_cidr_range, "ip_cidr_range", "ipCidrRange"),
        // The Compute API omits false booleans and an unset log config.
        private_ip_google_access: Some(d.private_ip_google_access.unwrap_or(false)),
        flow_logs_enabled: Some(d.log_config.and_then(|l| l.enable).unwrap_or(false)),
    })
}

fn project(d: ProjectData, name: &str, cx: &mut Cx) -> Typed {
    let number = d
        .project_number
        .map(|n| n.0)
        .or_else(|| project_segment(name).map(str::to_owned));
    let c = gcp::Project {
        project_number: number.clone(),
        lifecycle_state: cx.need(
            d.lifecycle_state.or(d.state),
            "lifecycle_state",
            "lifecycleState",
        ),
        iam_bindings: None,
        audit_configs: None,
    };
    Typed {
        labels: d.labels,
        display_name: d.project_id.clone(),
        project_id: d.project_id,
        project_number: number,
        ..typed(c)
    }
}

fn crypto_key(d: CryptoKeyData, cx: &mut Cx) -> Typed {
    let c = gcp::CryptoKey {
        purpose: cx.need(d.purpose, "purpose", "purpose"),
        // Cloud KMS: without `rotationPeriod` the key is not rotated automatically.
        rotation_period_seconds: Some(
            d.rotation_period
                .as_ref()
                .and_then(StrOrNum::as_i64)
                .unwrap_or(0),
        ),
        iam_bindings: None,
    };
    Typed {
        labels: d.labels,
        ..typed(c)
    }
}

/// BigQuery's legacy dataset roles and their IAM equivalents (documented by BigQuery).
fn bq_role(role: &str) -> String {
    match role {
        "READER" => "roles/bigquery.dataViewer".into(),
        "WRITER" => "roles/bigquery.dataEditor".into(),
        "OWNER" => "roles/bigquery.dataOwner".into(),
        r => r.to_owned(),
    }
}

fn bq_member(a: &DatasetAccess) -> Option<String> {
    if let Some(m) = &a.iam_member {
        return Some(m.clone());
    }
    if let Some(u) = &a.user_by_email {
        return Some(format!("user:{u}"));
    }
    if let Some(g) = &a.group_by_email {
        return Some(format!("group:{g}"));
    }
    if let Some(d) = &a.domain {
        return Some(format!("domain:{d}"));
    }
    if let Some(s) = &a.special_group {
        return Some(match s.as_str() {
            "allAuthenticatedUsers" | "allUsers" => s.clone(),
            other => format!("specialGroup:{other}"),
        });
    }
    if let Some(v) = &a.view {
        return Some(format!(
            "view:{}.{}.{}",
            v.project_id,
            v.dataset_id,
            v.table_id.as_deref().unwrap_or_default()
        ));
    }
    if let Some(r) = &a.routine {
        return Some(format!(
            "routine:{}.{}.{}",
            r.project_id,
            r.dataset_id,
            r.routine_id.as_deref().unwrap_or_default()
        ));
    }
    a.dataset.as_ref().map(|_| "dataset:authorized".to_owned())
}

fn dataset(d: DatasetData, cx: &mut Cx) -> Typed {
    let bindings = d.access.map(|access| {
        let mut by_role: Vec<Binding> = Vec::new();
        for a in &access {
            let Some(member) = bq_member(a) else { continue };
            let role = bq_role(a.role.as_deref().unwrap_or_default());
            match by_role.iter_mut().find(|b| b.role == role) {
                Some(b) => b.members.push(member),
                None => by_role.push(Binding {
                    role,
                    members: vec![member],
                    conditional: false,
                }),
            }
        }
        by_role
    });
    let kms = d
        .default_encryption_configuration
        .map(|e| e.kms_key_name.unwrap_or_default());
    if let Some(k) = kms.as_deref().filter(|k| !k.is_empty()) {
        cx.rel("encrypted_with", Some(kms_name(k)));
    }
    let c = gcp::BigQueryDataset {
        location: cx.need(d.location, "location", "location"),
        iam_bindings: cx.need(bindings, "iam_bindings", "access"),
        // `defaultEncryptionConfiguration` appears only when a default CMEK is set.
        default_kms_key: Some(kms.unwrap_or_default()),
    };
    Typed {
        labels: d.labels,
        project_id: d.dataset_reference.and_then(|r| r.project_id),
        ..typed(c)
    }
}

// ---------------------------------------------------------------------------------------------
// Import: split, parse in parallel, merge by name, resolve projects, assemble
// ---------------------------------------------------------------------------------------------

// --- governance kinds: project settings, keys, logging, monitoring, DNS, API keys, … ----------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ComputeProjectData {
    common_instance_metadata: Option<MetadataIn>,
}

fn compute_project(d: ComputeProjectData, _cx: &mut Cx) -> Typed {
    // Compute API: `commonInstanceMetadata.items` is omitted when there is no metadata.
    let md = d
        .common_instance_metadata
        .and_then(|m| m.items)
        .unwrap_or_default()
        .into_iter()
        .map(|i| (i.key.to_ascii_lowercase(), i.value.unwrap_or_default()))
        .collect();
    typed(gcp::ComputeProject {
        common_instance_metadata: Some(md),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ServiceData {
    name: Option<String>,
    state: Option<String>,
    config: Option<ServiceConfigIn>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ServiceConfigIn {
    name: Option<String>,
}

fn api_service(d: ServiceData, name: &str, cx: &mut Cx) -> Typed {
    let service = d
        .config
        .and_then(|c| c.name)
        .or_else(|| d.name.as_deref().map(|n| last_segment(n).to_owned()))
        .or_else(|| Some(last_segment(name).to_owned()).filter(|s| s.contains('.')));
    typed(gcp::ApiService {
        service: cx.need(service, "service", "config.name"),
        state: cx.need(d.state, "state", "state"),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SaKeyData {
    key_type: Option<String>,
    valid_after_time: Option<String>,
    disabled: Option<bool>,
}

fn sa_key(d: SaKeyData, name: &str, cx: &mut Cx) -> Typed {
    // `…/serviceAccounts/EMAIL/keys/ID`
    let sa = name
        .split("/serviceAccounts/")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .map(str::to_owned);
    if let Some(p) = project_segment(name)
        && let Some(e) = &sa
    {
        cx.rel(
            "key_of",
            Some(format!(
                "//iam.googleapis.com/projects/{p}/serviceAccounts/{e}"
            )),
        );
    }
    typed(gcp::ServiceAccountKey {
        service_account: cx.need(sa, "service_account", "name"),
        key_type: cx.need(d.key_type, "key_type", "keyType"),
        valid_after: cx.need(d.valid_after_time, "valid_after", "validAfterTime"),
        // IAM API: `disabled` is omitted for enabled keys.
        disabled: Some(d.disabled.unwrap_or(false)),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SinkData {
    destination: Option<String>,
    filter: Option<String>,
    disabled: Option<bool>,
    include_children: Option<bool>,
}

/// `//logging.googleapis.com/projects/p/sinks/s` → `projects/p`.
fn logging_parent(name: &str) -> Option<String> {
    let rest = name
        .strip_prefix("//logging.googleapis.com/")
        .unwrap_or(name);
    let mut it = rest.split('/');
    match (it.next(), it.next()) {
        (Some(k), Some(v)) if !v.is_empty() => Some(format!("{k}/{v}")),
        _ => None,
    }
}

fn log_sink(d: SinkData, name: &str, cx: &mut Cx) -> Typed {
    if let Some(dest) = d.destination.as_deref()
        && let Some(b) = dest.strip_prefix("storage.googleapis.com/")
    {
        cx.rel("exports_to", Some(format!("//storage.googleapis.com/{b}")));
    }
    typed(gcp::LogSink {
        // Logging API: an empty or omitted filter exports every log entry.
        filter: Some(d.filter.unwrap_or_default()),
        destination: cx.need(d.destination, "destination", "destination"),
        disabled: Some(d.disabled.unwrap_or(false)),
        include_children: Some(d.include_children.unwrap_or(false)),
        parent: cx.need(logging_parent(name), "parent", "name"),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetricData {
    name: Option<String>,
    filter: Option<String>,
    disabled: Option<bool>,
}

fn log_metric(d: MetricData, name: &str, cx: &mut Cx) -> Typed {
    let metric = d
        .name
        .map(|n| last_segment(&n).to_owned())
        .or_else(|| Some(last_segment(name).to_owned()).filter(|s| !s.is_empty()));
    typed(gcp::LogMetric {
        metric_name: cx.need(metric, "metric_name", "name"),
        filter: cx.need(d.filter, "filter", "filter"),
        disabled: Some(d.disabled.unwrap_or(false)),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AlertPolicyData {
    enabled: Option<bool>,
    conditions: Option<Vec<AlertConditionIn>>,
    notification_channels: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AlertConditionIn {
    condition_threshold: Option<FilterIn>,
    condition_absent: Option<FilterIn>,
    condition_matched_log: Option<FilterIn>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FilterIn {
    filter: Option<String>,
}

fn alert_policy(d: AlertPolicyData, cx: &mut Cx) -> Typed {
    let filters = d.conditions.map(|v| {
        v.into_iter()
            .flat_map(|c| {
                [
                    c.condition_threshold,
                    c.condition_absent,
                    c.condition_matched_log,
                ]
            })
            .flatten()
            .filter_map(|f| f.filter)
            .collect::<Vec<_>>()
    });
    typed(gcp::AlertPolicy {
        // Monitoring API: `enabled` is a BoolValue that defaults to true when unset.
        enabled: Some(d.enabled.unwrap_or(true)),
        condition_filters: cx.need(filters, "condition_filters", "conditions"),
        notification_channels: Some(
            i64::try_from(d.notification_channels.map_or(0, |v| v.len())).unwrap_or(i64::MAX),
        ),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ZoneData {
    visibility: Option<String>,
    dnssec_config: Option<DnssecIn>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DnssecIn {
    state: Option<String>,
    default_key_specs: Option<Vec<KeySpecIn>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct KeySpecIn {
    key_type: Option<String>,
    algorithm: Option<String>,
}

fn dns_zone(d: ZoneData, _cx: &mut Cx) -> Typed {
    // Cloud DNS: `visibility` defaults to public; `dnssecConfig` is omitted when DNSSEC was never
    // configured (off).
    let sec = d.dnssec_config.unwrap_or_default();
    let state = sec
        .state
        .unwrap_or_else(|| "off".into())
        .to_ascii_lowercase();
    let algo = |t: &str| {
        sec.default_key_specs
            .iter()
            .flatten()
            .find(|k| {
                k.key_type
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(t))
            })
            .and_then(|k| k.algorithm.clone())
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let (ksk, zsk) = (algo("keySigning"), algo("zoneSigning"));
    typed(gcp::DnsManagedZone {
        visibility: Some(
            d.visibility
                .unwrap_or_else(|| "public".into())
                .to_ascii_lowercase(),
        ),
        dnssec_state: Some(state),
        ksk_algorithm: Some(ksk),
        zsk_algorithm: Some(zsk),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DnsPolicyData {
    enable_logging: Option<bool>,
    networks: Option<Vec<DnsPolicyNetwork>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DnsPolicyNetwork {
    network_url: Option<String>,
}

fn dns_policy(d: DnsPolicyData, cx: &mut Cx) -> Typed {
    let networks: Vec<String> = d
        .networks
        .unwrap_or_default()
        .into_iter()
        .filter_map(|n| n.network_url)
        .map(|n| compute_name(&n))
        .collect();
    for n in &networks {
        cx.rel("applies_to_network", Some(n.clone()));
    }
    typed(gcp::DnsPolicy {
        logging_enabled: Some(d.enable_logging.unwrap_or(false)),
        networks: Some(networks),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ApiKeyData {
    create_time: Option<String>,
    restrictions: Option<ApiKeyRestrictions>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ApiKeyRestrictions {
    api_targets: Option<Vec<ApiTarget>>,
    browser_key_restrictions: Option<IgnoredAny>,
    server_key_restrictions: Option<IgnoredAny>,
    android_key_restrictions: Option<IgnoredAny>,
    ios_key_restrictions: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ApiTarget {
    service: Option<String>,
}

fn api_key(d: ApiKeyData, cx: &mut Cx) -> Typed {
    // API Keys API: `restrictions` is omitted for an unrestricted key.
    let r = d.restrictions.unwrap_or_default();
    let app = r.browser_key_restrictions.is_some()
        || r.server_key_restrictions.is_some()
        || r.android_key_restrictions.is_some()
        || r.ios_key_restrictions.is_some();
    typed(gcp::ApiKey {
        created: cx.need(d.create_time, "created", "createTime"),
        api_targets: Some(
            r.api_targets
                .unwrap_or_default()
                .into_iter()
                .filter_map(|t| t.service)
                .collect(),
        ),
        application_restricted: Some(app),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BackendServiceData {
    load_balancing_scheme: Option<String>,
    protocol: Option<String>,
    log_config: Option<SubnetLogConfig>,
}

fn backend_service(d: BackendServiceData, _cx: &mut Cx) -> Typed {
    typed(gcp::BackendService {
        // Compute API: the scheme defaults to EXTERNAL and the protocol to HTTP.
        load_balancing_scheme: Some(d.load_balancing_scheme.unwrap_or_else(|| "EXTERNAL".into())),
        protocol: Some(d.protocol.unwrap_or_else(|| "HTTP".into())),
        // `logConfig` appears only when logging was configured; absent = off.
        logging_enabled: Some(d.log_config.and_then(|l| l.enable).unwrap_or(false)),
    })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct TableData {
    #[serde(rename = "type")]
    ty: Option<String>,
    labels: Option<BTreeMap<String, String>>,
    encryption_configuration: Option<DatasetEncryption>,
}

fn bq_table(d: TableData, cx: &mut Cx) -> Typed {
    let kms = d
        .encryption_configuration
        .and_then(|e| e.kms_key_name)
        .unwrap_or_default();
    if !kms.is_empty() {
        cx.rel("encrypted_with", Some(kms_name(&kms)));
    }
    Typed {
        labels: d.labels,
        // BigQuery: `type` defaults to TABLE; `encryptionConfiguration` only appears for CMEK.
        ..typed(gcp::BigQueryTable {
            table_type: Some(d.ty.unwrap_or_else(|| "TABLE".into())),
            kms_key: Some(kms),
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DataprocData {
    labels: Option<BTreeMap<String, String>>,
    config: Option<DataprocConfig>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DataprocConfig {
    encryption_config: Option<DataprocEncryption>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DataprocEncryption {
    gce_pd_kms_key_name: Option<String>,
    kms_key: Option<String>,
}

fn dataproc_cluster(d: DataprocData, cx: &mut Cx) -> Typed {
    let Some(config) = d.config else {
        return Typed {
            labels: d.labels,
            ..typed(gcp::DataprocCluster {
                kms_key: cx.need(None, "kms_key", "config"),
            })
        };
    };
    // Dataproc: `encryptionConfig` is omitted when Google-managed keys are used.
    let e = config.encryption_config.unwrap_or_default();
    let kms = e
        .gce_pd_kms_key_name
        .filter(|k| !k.is_empty())
        .or(e.kms_key)
        .unwrap_or_default();
    if !kms.is_empty() {
        cx.rel("encrypted_with", Some(kms_name(&kms)));
    }
    Typed {
        labels: d.labels,
        ..typed(gcp::DataprocCluster { kms_key: Some(kms) })
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct OrganizationData {
    display_name: Option<String>,
    lifecycle_state: Option<String>,
    state: Option<String>,
}

fn organization(d: OrganizationData, cx: &mut Cx) -> Typed {
    Typed {
        display_name: d.display_name.clone(),
        ..typed(gcp::Organization {
            display_name: cx.need(d.display_name, "display_name", "displayName"),
            lifecycle_state: cx.need(
                d.lifecycle_state.or(d.state),
                "lifecycle_state",
                "lifecycleState",
            ),
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ContactData {
    name: Option<String>,
    email: Option<String>,
    notification_category_subscriptions: Option<Vec<String>>,
}

fn essential_contact(d: ContactData, name: &str, cx: &mut Cx) -> Typed {
    // `organizations/1/contacts/2` (from the data, or the asset name) → `organizations/1`.
    let full = d.name.clone().unwrap_or_else(|| {
        name.trim_start_matches("//essentialcontacts.googleapis.com/")
            .to_owned()
    });
    let parent = full.split_once("/contacts/").map(|(p, _)| p.to_owned());
    typed(gcp::EssentialContact {
        parent: cx.need(parent, "parent", "name"),
        email: cx.need(d.email, "email", "email"),
        categories: cx.need(
            d.notification_category_subscriptions,
            "categories",
            "notificationCategorySubscriptions",
        ),
    })
}

pub(crate) fn import(path: &str, text: &[u8]) -> Result<Inventory, ImportError> {
    let mut warnings: Vec<String> = Vec::new();
    let items = split(path, text, &mut warnings)?;
    let parsed: Vec<Result<Option<Parsed<'_>>, String>> =
        items.par_iter().map(parse_item).collect();

    let total = parsed.len();
    let mut failed: Vec<String> = Vec::new();
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut assets: Vec<Parsed<'_>> = Vec::with_capacity(total);
    let mut by_name: HashMap<String, usize> = HashMap::with_capacity(total);
    for p in parsed {
        match p {
            Err(w) => failed.push(w),
            Ok(None) => {
                *skipped
                    .entry("asset without resource or iam-policy content".into())
                    .or_insert(0) += 1;
            }
            Ok(Some(p)) => match by_name.get(&p.name) {
                Some(&i) => {
                    if let Some(existing) = assets.get_mut(i) {
                        merge(existing, p);
                    }
                }
                None => {
                    by_name.insert(p.name.clone(), assets.len());
                    assets.push(p);
                }
            },
        }
    }
    if assets.is_empty() && !failed.is_empty() {
        // Nothing usable: the file as a whole is malformed. Name the first bad place.
        let first = failed.first().cloned().unwrap_or_default();
        let (location, message) = first
            .split_once(": ")
            .map_or(("$".to_owned(), first.clone()), |(l, m)| {
                (l.to_owned(), m.to_owned())
            });
        let message = if failed.len() > 1 {
            format!(
                "{message} (and {} more bad items, none readable)",
                failed.len() - 1
            )
        } else {
            message
        };
        return Err(ImportError::malformed(path, location, message));
    }
    if !failed.is_empty() {
        *skipped.entry("malformed asset".into()).or_insert(0) += failed.len() as u64;
    }

    // Project number → id, from project assets and any asset that names both.
    let mut numbers: HashMap<String, String> = HashMap::new();
    for a in &assets {
        let Some(d) = &a.data else { continue };
        let Some(id) = d.project_id.as_deref().filter(|s| !s.is_empty()) else {
            continue;
        };
        let number = if a.asset_type == PROJECT_TYPE {
            d.project_number.clone()
        } else {
            a.ancestor_project
                .as_deref()
                .and_then(|p| p.strip_prefix("projects/"))
                .map(str::to_owned)
        };
        if let Some(n) = number {
            numbers.entry(n).or_insert_with(|| id.to_owned());
        }
    }

    let mut warn_out: Vec<String> = warnings;
    let mut dropped = 0usize;
    let mut push_warn = |w: String, out: &mut Vec<String>| {
        if out.len() < MAX_WARNINGS {
            out.push(w);
        } else {
            dropped += 1;
        }
    };
    for w in failed {
        push_warn(w, &mut warn_out);
    }

    let mut resources = Vec::with_capacity(assets.len());
    for a in assets {
        let (r, w) = build(path, a, &numbers);
        if let Some(w) = w {
            push_warn(w, &mut warn_out);
        }
        resources.push(r);
    }
    if dropped > 0 {
        warn_out.push(format!("… and {dropped} more warnings not shown"));
    }

    let mut report = SourceReport {
        path: path.to_owned(),
        format: FORMAT.to_owned(),
        resources: resources.len() as u64,
        skipped,
        warnings: warn_out,
        ..SourceReport::default()
    };
    let mut cov: BTreeMap<(&str, &str, &str), u64> = BTreeMap::new();
    let mut types: Vec<&str> = Vec::with_capacity(resources.len());
    for r in &resources {
        let t = match &r.config {
            Config::Unmodeled(u) => {
                match report.unmodeled.get_mut(&u.native_type) {
                    Some(n) => *n += 1,
                    None => {
                        report.unmodeled.insert(u.native_type.clone(), 1);
                    }
                }
                u.native_type.as_str()
            }
            c => kind_service(c),
        };
        types.push(t);
    }
    for (r, t) in resources.iter().zip(&types) {
        let service = t.split_once(".googleapis.com").map_or(*t, |(s, _)| s);
        let service = if service.is_empty() { "*" } else { service };
        *cov.entry((&r.account, &r.region, service)).or_insert(0) += 1;
    }
    let coverage = cov
        .into_iter()
        .map(|((account, region, service), n)| CoverageEntry {
            provider: "gcp".into(),
            account: account.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
            status: CoverageStatus::Collected,
            reason: None,
            resources: n,
            source: path.to_owned(),
        })
        .collect();
    let mut inv = Inventory::new();
    inv.resources = resources;
    inv.coverage = coverage;
    inv.sources.push(report);
    Ok(inv)
}

fn kind_service(c: &Config) -> &'static str {
    match c {
        Config::GcpStorageBucket(_) => "storage",
        Config::GcpSqlInstance(_) => "sqladmin",
        Config::GcpComputeFirewall(_)
        | Config::GcpComputeProject(_)
        | Config::GcpComputeBackendService(_)
        | Config::GcpComputeInstance(_)
        | Config::GcpComputeNetwork(_)
        | Config::GcpComputeRoute(_)
        | Config::GcpComputeSubnetwork(_) => "compute",
        Config::GcpProject(_) => "cloudresourcemanager",
        Config::GcpKmsCryptoKey(_) => "cloudkms",
        Config::GcpBigQueryDataset(_) | Config::GcpBigQueryTable(_) => "bigquery",
        Config::GcpServiceUsageService(_) => "serviceusage",
        Config::GcpIamServiceAccountKey(_) => "iam",
        Config::GcpLoggingSink(_) | Config::GcpLoggingMetric(_) => "logging",
        Config::GcpMonitoringAlertPolicy(_) => "monitoring",
        Config::GcpDnsManagedZone(_) | Config::GcpDnsPolicy(_) => "dns",
        Config::GcpApiKey(_) => "apikeys",
        Config::GcpDataprocCluster(_) => "dataproc",
        Config::GcpOrganization(_) => "cloudresourcemanager",
        Config::GcpEssentialContact(_) => "essentialcontacts",
        _ => "*",
    }
}

/// Merge a later line for the same asset name: resource content and IAM content fill each
/// other; a repeated content type replaces the earlier one (the later line wins).
fn merge<'a>(into: &mut Parsed<'a>, p: Parsed<'a>) {
    if into.asset_type.is_empty() {
        into.asset_type = p.asset_type;
    }
    if p.ancestor_project.is_some() {
        into.ancestor_project = p.ancestor_project;
    }
    if p.data.is_some() {
        into.data = p.data;
        into.location = p.location;
        into.loc = p.loc;
    }
    if p.iam.is_some() {
        into.iam = p.iam;
    }
}

fn build(
    path: &str,
    a: Parsed<'_>,
    numbers: &HashMap<String, String>,
) -> (Resource, Option<String>) {
    let loc = a.loc;
    let mut warning: Option<String> = None;
    let has_data = a.data.is_some();
    let mut d = a.data.unwrap_or_else(|| {
        // IAM content only: keep the kind, nothing else observed.
        let mut d = map_data(&a.asset_type, &a.name, None);
        d.gaps = vec![Gap {
            field: "*".into(),
            api: None,
            reason: GapReason::NotInSource,
            detail: "the export has only the IAM policy of this asset (no resource content)".into(),
        }];
        d.rels.clear();
        d
    });
    if let Some(w) = d.warning.take() {
        warning = Some(format!(
            "{loc}: `{}` ({}): resource data could not be mapped, kept with an error gap: {w}",
            a.name, a.asset_type
        ));
    }

    // IAM.
    let iam_policy: Option<Result<Policy, String>> = a.iam.as_ref().map(|i| i.policy.clone());
    if let Some(Err(e)) = &iam_policy {
        let w = format!("{loc}: `{}`: IAM policy ignored: {e}", a.name);
        warning = Some(match warning {
            Some(prev) => format!("{prev}; {w}"),
            None => w,
        });
    }
    apply_iam(&mut d, iam_policy, has_data);

    // Unmodeled: keep the raw data (and the IAM policy, when there is one).
    if let Config::Unmodeled(u) = &mut d.config {
        let mut raw = d
            .raw
            .and_then(|r| serde_json::from_str::<serde_json::Value>(r.get()).ok())
            .unwrap_or(serde_json::Value::Null);
        if let Some(i) = &a.iam
            && let Ok(p) = serde_json::from_str::<serde_json::Value>(i.raw.get())
        {
            match &mut raw {
                serde_json::Value::Object(m) => {
                    m.insert("iamPolicy".into(), p);
                }
                serde_json::Value::Null => {
                    raw = serde_json::json!({ "iamPolicy": p });
                }
                _ => {}
            }
        }
        u.raw = posture_model::RawJson::from_value(&raw);
    }

    // Account: the project id, from the data, the name, or the project number.
    let ancestor_number = a
        .ancestor_project
        .as_deref()
        .and_then(|p| p.strip_prefix("projects/"));
    let name_project = project_segment(&a.name);
    let account = d
        .project_id
        .clone()
        .filter(|s| !s.is_empty())
        .or_else(|| {
            name_project
                .filter(|p| !p.bytes().all(|b| b.is_ascii_digit()))
                .map(str::to_owned)
        })
        .or_else(|| {
            let n = ancestor_number
                .or(d.project_number.as_deref())
                .or(name_project)?;
            Some(numbers.get(n).cloned().unwrap_or_else(|| n.to_owned()))
        })
        .unwrap_or_default();
    if let Some(n) = ancestor_number
        && a.asset_type != PROJECT_TYPE
    {
        d.rels.push(Relationship {
            kind: "contained_in".into(),
            target: format!("//cloudresourcemanager.googleapis.com/projects/{n}"),
        });
    }

    let region = a
        .location
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "global".into());
    let name = d
        .display_name
        .take()
        .unwrap_or_else(|| last_segment(&a.name).to_owned());
    let r = Resource {
        uid: a.name,
        provider: Provider::Gcp,
        account,
        region,
        name,
        tags: d.labels.into(),
        config: d.config,
        relationships: d.rels,
        gaps: d.gaps,
        source: path.into(),
    };
    (r, warning)
}

fn apply_iam(d: &mut DataOut<'_>, policy: Option<Result<Policy, String>>, has_data: bool) {
    let gap = |reason: GapReason, detail: String| Gap {
        field: "iam_bindings".into(),
        api: None,
        reason,
        detail,
    };
    let (bindings_slot, audit_slot): (Option<&mut Option<Vec<Binding>>>, _) = match &mut d.config {
        Config::GcpStorageBucket(c) => (Some(&mut c.iam_bindings), None),
        Config::GcpKmsCryptoKey(c) => (Some(&mut c.iam_bindings), None),
        Config::GcpProject(c) => (Some(&mut c.iam_bindings), Some(&mut c.audit_configs)),
        Config::GcpBigQueryDataset(c) => {
            // Dataset access comes from `access[]`; an IAM policy, when present, adds to it.
            if let Some(Ok((bindings, _))) = policy {
                let list = c.iam_bindings.get_or_insert_with(Vec::new);
                for b in bindings {
                    if !list.contains(&b) {
                        list.push(b);
                    }
                }
                d.gaps.retain(|g| g.field != "iam_bindings");
            }
            return;
        }
        _ => (None, None),
    };
    let Some(slot) = bindings_slot else {
        return;
    };
    match policy {
        Some(Ok((bindings, audit))) => {
            *slot = Some(bindings);
            if let Some(a) = audit_slot {
                // IAM policies omit `auditConfigs` when none are set (proto3 JSON mapping).
                *a = Some(audit);
            }
        }
        Some(Err(e)) => {
            d.gaps.push(gap(GapReason::Error, e.clone()));
            if audit_slot.is_some() {
                d.gaps.push(Gap {
                    field: "audit_configs".into(),
                    ..gap(GapReason::Error, e)
                });
            }
        }
        None if has_data => {
            d.gaps.push(gap(GapReason::NotInSource, NO_IAM.into()));
            if audit_slot.is_some() {
                d.gaps.push(Gap {
                    field: "audit_configs".into(),
                    ..gap(GapReason::NotInSource, NO_IAM.into())
                });
            }
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(
            compute_name("https://www.googleapis.com/compute/v1/projects/p/global/networks/n"),
            "//compute.googleapis.com/projects/p/global/networks/n"
        );
        assert_eq!(
            kms_name("projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3"),
            "//cloudkms.googleapis.com/projects/p/locations/l/keyRings/r/cryptoKeys/k"
        );
        assert_eq!(StrOrNum("7776000s".into()).as_i64(), Some(7_776_000));
        assert_eq!(StrOrNum("86400.5s".into()).as_i64(), Some(86_400));
        assert_eq!(StrOrNum("x".into()).as_i64(), None);
        assert_eq!(
            project_segment("//compute.googleapis.com/projects/acme/global/firewalls/f"),
            Some("acme")
        );
    }
}
