//! Azure Resource Graph query output (`az graph query -q "Resources"`, the REST API).
//!
//! Accepted shapes:
//! * a bare array of rows (resource-graph CLI extension ≤ 1.1),
//! * `{"count", "data": [...], "skip_token", "total_records"}` (CLI extension ≥ 2),
//! * `{"totalRecords", "count", "resultTruncated", "skipToken", "data": [...]}` (REST).
//!
//! Each row is read with a small borrowed struct; `properties` stays a `&RawValue` until the row's
//! type is known and is then deserialized straight into a per-type struct. Rows are mapped in
//! parallel. A row that is not a resource row (no `id`, wrong types in the row columns) is
//! dropped with a warning naming `$.data[i]`; a row whose `properties` do not match the expected
//! shape is kept with a `Gap { field: "*", reason: Error }`.
//!
//! Defaults: ARM omits many properties that were never set. A missing property is mapped to a
//! value only where the ARM REST reference documents how an unset value is interpreted (each such
//! place says so in a comment); everything else stays `None` with a `NotInSource` gap.
//!
//! Relationship kinds emitted (targets are lower-cased ARM ids):
//! `applies_to_subnet`, `applies_to_network_interface` (NSG), `uses_network_interface`,
//! `uses_disk` (VM), `attached_to` (disk → its VM, from `managedBy`), `hosted_on` (web app → App
//! Service plan), `in_subnet` (web app VNet integration).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use posture_model::kinds::azure as az;
use posture_model::{
    Config, CoverageEntry, CoverageStatus, Gap, GapReason, Inventory, Provider, Relationship,
    Resource, SourceReport, Unmodeled,
};
use rayon::prelude::*;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::ImportError;

const FORMAT: &str = "azure-resource-graph";
/// Warnings kept per file; the rest are summarized in one line.
const MAX_WARNINGS: usize = 200;
const FIREWALL_RULE_TYPE: &str = "microsoft.sql/servers/firewallrules";

// ---------------------------------------------------------------------------------------------
// Input shapes
// ---------------------------------------------------------------------------------------------

/// A JSON value that may be `null`: `Some` as soon as the key is present, so "column projected
/// but null" differs from "column not in the output".
#[derive(Default, Clone, Copy)]
struct Present<'a>(Option<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for Present<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&'a RawValue>::deserialize(d).map(|r| Present(Some(r)))
    }
}

impl<'a> Present<'a> {
    /// The value unless absent or `null`.
    fn value(self) -> Option<&'a RawValue> {
        self.0.filter(|r| r.get() != "null")
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    #[serde(borrow, default)]
    data: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default, alias = "skip_token")]
    skip_token: Present<'a>,
    #[serde(borrow, default)]
    result_truncated: Present<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "type")]
    ty: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    subscription_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    tenant_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    location: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    managed_by: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    tags: Present<'a>,
    #[serde(borrow, default)]
    sku: Present<'a>,
    #[serde(borrow, default)]
    identity: Present<'a>,
    #[serde(borrow, default)]
    properties: Present<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Sku {
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Identity {
    #[serde(rename = "type")]
    ty: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IdRef {
    id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NetworkAcls {
    default_action: Option<String>,
    bypass: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct StorageEncryption {
    key_source: Option<String>,
    require_infrastructure_encryption: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct StorageProps {
    allow_blob_public_access: Option<bool>,
    supports_https_traffic_only: Option<bool>,
    minimum_tls_version: Option<String>,
    allow_shared_key_access: Option<bool>,
    public_network_access: Option<String>,
    network_acls: Option<NetworkAcls>,
    encryption: Option<StorageEncryption>,
    allow_cross_tenant_replication: Option<bool>,
    private_endpoint_connections: Option<Vec<IgnoredAny>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SqlAdministrators {
    administrator_type: Option<String>,
    login: Option<String>,
    sid: Option<String>,
    #[serde(rename = "azureADOnlyAuthentication")]
    azure_ad_only_authentication: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SqlProps {
    public_network_access: Option<String>,
    minimal_tls_version: Option<String>,
    administrators: Option<SqlAdministrators>,
    key_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FirewallRuleProps {
    start_ip_address: Option<String>,
    end_ip_address: Option<String>,
}

/// An NSG rule. ARM nests the rule settings under `properties`; some projections flatten them,
/// so the same struct reads both and [`NsgRuleIn::effective`] picks the right level.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NsgRuleIn {
    name: Option<String>,
    properties: Option<Box<NsgRuleIn>>,
    direction: Option<String>,
    access: Option<String>,
    protocol: Option<String>,
    priority: Option<i64>,
    source_address_prefix: Option<String>,
    source_address_prefixes: Option<Vec<String>>,
    destination_port_range: Option<String>,
    destination_port_ranges: Option<Vec<String>>,
}

impl NsgRuleIn {
    fn effective(&self) -> &NsgRuleIn {
        self.properties.as_deref().unwrap_or(self)
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NsgProps {
    security_rules: Option<Vec<NsgRuleIn>>,
    subnets: Option<Vec<IdRef>>,
    network_interfaces: Option<Vec<IdRef>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VaultProps {
    enable_soft_delete: Option<bool>,
    enable_purge_protection: Option<bool>,
    enable_rbac_authorization: Option<bool>,
    public_network_access: Option<String>,
    network_acls: Option<NetworkAcls>,
    private_endpoint_connections: Option<Vec<IgnoredAny>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmProps {
    hardware_profile: Option<VmHardware>,
    storage_profile: Option<VmStorage>,
    os_profile: Option<VmOsProfile>,
    security_profile: Option<VmSecurity>,
    network_profile: Option<VmNetwork>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmHardware {
    vm_size: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmStorage {
    os_disk: Option<VmOsDisk>,
    data_disks: Option<Vec<VmDataDisk>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmOsDisk {
    os_type: Option<String>,
    managed_disk: Option<IdRef>,
    vhd: Option<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmDataDisk {
    managed_disk: Option<IdRef>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmOsProfile {
    linux_configuration: Option<VmLinux>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmLinux {
    disable_password_authentication: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmSecurity {
    encryption_at_host: Option<bool>,
    security_type: Option<String>,
    uefi_settings: Option<VmUefi>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmUefi {
    secure_boot_enabled: Option<bool>,
    #[serde(rename = "vTpmEnabled")]
    vtpm_enabled: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VmNetwork {
    network_interfaces: Option<Vec<IdRef>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DiskProps {
    encryption: Option<DiskEncryption>,
    disk_state: Option<String>,
    network_access_policy: Option<String>,
    public_network_access: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DiskEncryption {
    #[serde(rename = "type")]
    ty: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SiteProps {
    https_only: Option<bool>,
    client_cert_enabled: Option<bool>,
    public_network_access: Option<String>,
    site_config: Option<SiteConfig>,
    server_farm_id: Option<String>,
    virtual_network_subnet_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SiteConfig {
    min_tls_version: Option<String>,
    ftps_state: Option<String>,
    remote_debugging_enabled: Option<bool>,
    http20_enabled: Option<bool>,
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

pub(crate) fn import(path: &str, text: &[u8]) -> Result<Inventory, ImportError> {
    let text = std::str::from_utf8(text).map_err(|e| utf8_error(path, text, &e))?;
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut warnings = Vec::new();
    let (rows, prefix): (Vec<&RawValue>, &str) = if trimmed.starts_with('[') {
        let rows: Vec<&RawValue> =
            serde_json::from_str(text).map_err(|e| ImportError::json(path, "", &e))?;
        (rows, "$")
    } else {
        let env: Envelope<'_> =
            serde_json::from_str(text).map_err(|e| ImportError::json(path, "", &e))?;
        let Some(rows) = env.data else {
            return Err(ImportError::malformed(
                path,
                "$.data",
                "missing: expected `data`, the array of Resource Graph rows \
                 (`{\"count\", \"data\": [...], \"skip_token\"}` or the REST `{\"totalRecords\", \"data\": [...]}`)",
            ));
        };
        if let Some(tok) = env.skip_token.value() {
            let empty = tok.get() == "\"\"";
            if !empty {
                warnings.push(
                    "$.skip_token: the output is one page of a longer result (a skip token is set); \
                     resources on later pages are not in this file"
                        .to_owned(),
                );
            }
        }
        if env
            .result_truncated
            .value()
            .is_some_and(|v| v.get().contains("true"))
        {
            warnings.push(
                "$.resultTruncated: Resource Graph truncated the result; some resources are not in this file"
                    .to_owned(),
            );
        }
        (rows, "$.data")
    };

    let mapped: Vec<Mapped> = rows
        .par_iter()
        .enumerate()
        .map(|(i, raw)| map_row(path, prefix, i, raw))
        .collect();

    Ok(assemble(path, mapped, warnings))
}

fn utf8_error(path: &str, text: &[u8], e: &std::str::Utf8Error) -> ImportError {
    let at = e.valid_up_to();
    let before = text.get(..at).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    ImportError::malformed(
        path,
        format!("line {line}, column {col}"),
        "invalid UTF-8 (expected UTF-8 encoded JSON)",
    )
}

/// The outcome of one row.
enum Mapped {
    /// A resource, with a warning when part of it could not be mapped.
    Resource(Box<Resource>, Option<String>),
    /// A SQL server firewall rule: attached to its server when the server is in the file,
    /// otherwise kept as an unmodeled resource.
    FirewallRule {
        parent: String,
        rule: Result<az::SqlFirewallRule, String>,
        resource: Box<Resource>,
    },
    /// Not a resource row; the warning says why.
    Dropped(String),
}

fn row_loc(prefix: &str, i: usize) -> String {
    format!("{prefix}[{i}]")
}

fn map_row(path: &str, prefix: &str, i: usize, raw: &RawValue) -> Mapped {
    let row: Row<'_> = match serde_json::from_str(raw.get()) {
        Ok(r) => r,
        Err(e) => {
            return Mapped::Dropped(format!(
                "{}: not a Resource Graph row ({}); expected an object with `id`, `type`, \
                 `subscriptionId`, `properties`",
                row_loc(prefix, i),
                strip_pos(&e)
            ));
        }
    };
    let Some(id) = row.id.as_deref().filter(|s| !s.trim().is_empty()) else {
        return Mapped::Dropped(format!(
            "{}: row has no `id` (expected the ARM resource id; project `id` in the query)",
            row_loc(prefix, i)
        ));
    };
    let uid = id.to_ascii_lowercase();
    let native_type = match row.ty.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => t.to_ascii_lowercase(),
        None => type_from_id(&uid),
    };
    let account = row
        .subscription_id
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .or_else(|| segment_after(&uid, "subscriptions").map(str::to_owned))
        .or_else(|| row.tenant_id.as_deref().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let region = normalize_location(row.location.as_deref());
    let name = row
        .name
        .as_deref()
        .filter(|n| !n.is_empty())
        .map_or_else(|| last_segment(id).to_owned(), str::to_owned);
    let mut warning = None;
    let tags = match parse_tags(row.tags.value()) {
        Ok(t) => t,
        Err(msg) => {
            warning = Some(format!("{}: `tags` ignored ({msg})", row_loc(prefix, i)));
            BTreeMap::new()
        }
    };

    let mut resource = Resource {
        uid,
        provider: Provider::Azure,
        account,
        region,
        name,
        tags: tags.into(),
        config: Config::Unmodeled(Unmodeled {
            native_type: String::new(),
            raw: posture_model::RawJson::null(),
        }),
        relationships: Vec::new(),
        gaps: Vec::new(),
        source: path.into(),
    };

    if native_type == FIREWALL_RULE_TYPE {
        let parent = parent_id(&resource.uid, 2);
        let rule = props::<FirewallRuleProps>(row.properties).map(|p| az::SqlFirewallRule {
            name: resource.name.clone(),
            start_ip: p.start_ip_address.unwrap_or_default(),
            end_ip: p.end_ip_address.unwrap_or_default(),
        });
        resource.config = unmodeled(native_type, raw);
        if let Err(msg) = &rule {
            resource.gaps.push(error_gap(msg));
        }
        return Mapped::FirewallRule {
            parent,
            rule,
            resource: Box::new(resource),
        };
    }

    let mut cx = Cx::default();
    let result = match native_type.as_str() {
        "microsoft.storage/storageaccounts" => storage(&row, &mut cx),
        "microsoft.sql/servers" => sql_server(&row, &mut cx),
        "microsoft.network/networksecuritygroups" => nsg(&row, &mut cx),
        "microsoft.keyvault/vaults" => key_vault(&row, &mut cx),
        "microsoft.compute/virtualmachines" => vm(&row, &mut cx),
        "microsoft.compute/disks" => disk(&row, &mut cx),
        "microsoft.web/sites" => web_app(&row, &mut cx),
        "microsoft.network/networkinterfaces" => nic(&row, &mut cx),
        "microsoft.network/publicipaddresses" => public_ip(&row, &mut cx),
        "microsoft.network/routetables" => route_table(&row, &mut cx),
        _ => Ok(unmodeled(native_type.clone(), raw)),
    };
    match result {
        Ok(config) => {
            resource.config = config;
            resource.gaps = cx.gaps;
            resource.relationships = cx.rels;
        }
        Err(failed) => {
            let (config, msg) = *failed;
            resource.config = config;
            resource.gaps = vec![error_gap(&msg)];
            let w = format!(
                "{}: `{}` ({native_type}): properties could not be mapped, kept with an error gap: {msg}",
                row_loc(prefix, i),
                resource.uid
            );
            warning = Some(match warning {
                Some(prev) => format!("{prev}; {w}"),
                None => w,
            });
        }
    }
    Mapped::Resource(Box::new(resource), warning)
}

fn unmodeled(native_type: String, raw: &RawValue) -> Config {
    Config::Unmodeled(Unmodeled {
        native_type,
        raw: posture_model::RawJson::from_raw(raw),
    })
}

fn error_gap(msg: &str) -> Gap {
    Gap {
        field: "*".into(),
        api: None,
        reason: GapReason::Error,
        detail: msg.to_owned(),
    }
}

/// Merge firewall rules into their servers, build coverage and the source report.
fn assemble(path: &str, mapped: Vec<Mapped>, mut warnings: Vec<String>) -> Inventory {
    let mut resources: Vec<Resource> = Vec::with_capacity(mapped.len());
    let mut rules: HashMap<String, FirewallRules> = HashMap::new();
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut dropped_warnings = 0usize;
    let mut warn = |w: String, warnings: &mut Vec<String>| {
        if warnings.len() < MAX_WARNINGS {
            warnings.push(w);
        } else {
            dropped_warnings += 1;
        }
    };
    for m in mapped {
        match m {
            Mapped::Resource(r, w) => {
                if let Some(w) = w {
                    warn(w, &mut warnings);
                }
                resources.push(*r);
            }
            Mapped::FirewallRule {
                parent,
                rule,
                resource,
            } => rules.entry(parent).or_default().push((rule, *resource)),
            Mapped::Dropped(w) => {
                warn(w, &mut warnings);
                *skipped.entry("malformed row".into()).or_insert(0) += 1;
            }
        }
    }
    if !rules.is_empty() {
        for r in &mut resources {
            let Config::AzureSqlServer(server) = &mut r.config else {
                continue;
            };
            let Some(list) = rules.remove(&r.uid) else {
                continue;
            };
            let n = list.len() as u64;
            let mut ok = Vec::with_capacity(list.len());
            let mut failed = None;
            for (rule, _) in list {
                match rule {
                    Ok(x) => ok.push(x),
                    Err(e) => failed = Some(e),
                }
            }
            r.gaps.retain(|g| g.field != "firewall_rules");
            match failed {
                // One unreadable rule makes the whole list unreliable: never a partial list.
                Some(e) => {
                    server.firewall_rules = None;
                    r.gaps.push(Gap {
                        field: "firewall_rules".into(),
                        api: None,
                        reason: GapReason::Error,
                        detail: format!("a firewall rule row could not be read: {e}"),
                    });
                }
                None => {
                    ok.sort_by(|a, b| a.name.cmp(&b.name));
                    server.firewall_rules = Some(ok);
                }
            }
            *skipped
                .entry("merged into parent (microsoft.sql/servers/firewallrules)".into())
                .or_insert(0) += n;
        }
        // Rules whose server is not in the file stay visible as unmodeled resources.
        let mut orphans: Vec<Resource> = rules
            .into_values()
            .flat_map(|v| v.into_iter().map(|(_, r)| r))
            .collect();
        orphans.sort_by(|a, b| a.uid.cmp(&b.uid));
        resources.extend(orphans);
    }
    if dropped_warnings > 0 {
        warnings.push(format!("… and {dropped_warnings} more warnings not shown"));
    }

    let mut report = SourceReport {
        path: path.to_owned(),
        format: FORMAT.to_owned(),
        resources: resources.len() as u64,
        skipped,
        warnings,
        ..SourceReport::default()
    };
    let mut cov: BTreeMap<(&str, &str, &str), u64> = BTreeMap::new();
    for r in &resources {
        let service = match &r.config {
            Config::Unmodeled(u) => {
                match report.unmodeled.get_mut(&u.native_type) {
                    Some(n) => *n += 1,
                    None => {
                        report.unmodeled.insert(u.native_type.clone(), 1);
                    }
                }
                service_of(&u.native_type)
            }
            c => service_of_kind(c),
        };
        *cov.entry((&r.account, &r.region, service)).or_insert(0) += 1;
    }
    let coverage = cov
        .into_iter()
        .map(|((account, region, service), n)| CoverageEntry {
            provider: "azure".into(),
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
    inv
}

fn service_of(native_type: &str) -> &str {
    native_type
        .split_once('/')
        .map_or(native_type, |(ns, _)| ns)
}

fn service_of_kind(c: &Config) -> &'static str {
    match c {
        Config::AzureStorageAccount(_) => "microsoft.storage",
        Config::AzureSqlServer(_) => "microsoft.sql",
        Config::AzureNetworkNsg(_)
        | Config::AzureNetworkNic(_)
        | Config::AzureNetworkPublicIp(_)
        | Config::AzureNetworkRouteTable(_) => "microsoft.network",
        Config::AzureKeyVault(_) => "microsoft.keyvault",
        Config::AzureComputeVm(_) | Config::AzureComputeDisk(_) => "microsoft.compute",
        Config::AzureWebApp(_) => "microsoft.web",
        _ => "*",
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn strip_pos(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// Deserialize `properties` into `T`. Absent or `null` reads as `{}` (every field then gets a
/// gap); a JSON string is taken as double-encoded JSON (queries that `tostring()` the column).
fn props<T: DeserializeOwned + Default>(p: Present<'_>) -> Result<T, String> {
    let Some(raw) = p.value() else {
        return Ok(T::default());
    };
    let s = raw.get();
    let r = if s.starts_with('"') {
        serde_json::from_str::<String>(s).and_then(|inner| serde_json::from_str::<T>(&inner))
    } else {
        serde_json::from_str::<T>(s)
    };
    r.map_err(|e| format!("`properties`: {}", strip_pos(&e)))
}

fn column<T: DeserializeOwned + Default>(p: Present<'_>, name: &str) -> Result<Option<T>, String> {
    match p.value() {
        None => Ok(None),
        Some(raw) => serde_json::from_str::<T>(raw.get())
            .map(Some)
            .map_err(|e| format!("`{name}`: {}", strip_pos(&e))),
    }
}

fn parse_tags(raw: Option<&RawValue>) -> Result<BTreeMap<String, String>, String> {
    let Some(raw) = raw else {
        return Ok(BTreeMap::new());
    };
    // Tags are strings; the lenient path below handles numbers and booleans.
    if let Ok(m) = serde_json::from_str::<BTreeMap<String, String>>(raw.get()) {
        return Ok(m);
    }
    let m: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(raw.get()).map_err(|e| strip_pos(&e))?;
    Ok(m.into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, v)
        })
        .collect())
}

/// ARM location names are lower-case without spaces (`eastus`); ARM GETs sometimes use the
/// display name (`East US`). Empty or missing → `global`.
fn normalize_location(loc: Option<&str>) -> String {
    match loc.map(str::trim).filter(|l| !l.is_empty()) {
        None => "global".into(),
        Some(l) => l
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect(),
    }
}

/// The segment after `/{key}/` in an ARM id (case-insensitive key).
fn segment_after<'s>(id: &'s str, key: &str) -> Option<&'s str> {
    let mut it = id.split('/');
    while let Some(seg) = it.next() {
        if seg.eq_ignore_ascii_case(key) {
            return it.next().filter(|s| !s.is_empty());
        }
    }
    None
}

fn last_segment(id: &str) -> &str {
    id.trim_end_matches('/').rsplit('/').next().unwrap_or(id)
}

/// `…/providers/Microsoft.Sql/servers/s/firewallRules/r` minus `n` trailing segments.
fn parent_id(uid: &str, n: usize) -> String {
    let mut s = uid.trim_end_matches('/');
    for _ in 0..n {
        s = s.rsplit_once('/').map_or("", |(a, _)| a);
    }
    s.to_owned()
}

/// Derive `microsoft.x/y[/z]` from an ARM id when the row has no `type` column.
fn type_from_id(uid: &str) -> String {
    let Some(pos) = uid.rfind("/providers/") else {
        return String::new();
    };
    let rest = &uid[pos + "/providers/".len()..];
    let segs: Vec<&str> = rest.split('/').collect();
    let Some(ns) = segs.first() else {
        return String::new();
    };
    // namespace, then alternating type/name pairs.
    let mut t = (*ns).to_owned();
    for pair in segs.get(1..).unwrap_or_default().chunks(2) {
        if let Some(ty) = pair.first() {
            t.push('/');
            t.push_str(ty);
        }
    }
    t
}

/// Per-row mapping context: gaps and relationships.
#[derive(Default)]
struct Cx {
    gaps: Vec<Gap>,
    rels: Vec<Relationship>,
}

impl Cx {
    /// Record a `NotInSource` gap when `v` is `None`; return `v`.
    fn need<T>(&mut self, v: Option<T>, field: &str, source: &str) -> Option<T> {
        if v.is_none() {
            self.gap(
                field,
                format!("`{source}` is absent from the Resource Graph row"),
            );
        }
        v
    }

    fn gap(&mut self, field: &str, detail: String) {
        self.gaps.push(Gap {
            field: field.to_owned(),
            api: None,
            reason: GapReason::NotInSource,
            detail,
        });
    }

    fn rel(&mut self, kind: &str, target: &str) {
        let target = target.trim();
        if !target.is_empty() {
            self.rels.push(Relationship {
                kind: kind.to_owned(),
                target: target.to_ascii_lowercase(),
            });
        }
    }
}

fn ids(v: Option<Vec<IdRef>>) -> Option<Vec<String>> {
    v.map(|v| {
        v.into_iter()
            .filter_map(|r| r.id)
            .map(|s| s.to_ascii_lowercase())
            .collect()
    })
}

/// Err: the kind's all-`None` configuration and what went wrong.
type MapResult = Result<Config, Box<(Config, String)>>;
type FirewallRules = Vec<(Result<az::SqlFirewallRule, String>, Resource)>;

/// On a mapping failure, the resource keeps its kind with an all-`None` configuration.
fn typed_or_default<T: Default + Into<Config>>(r: Result<T, String>) -> MapResult {
    match r {
        Ok(c) => Ok(c.into()),
        Err(e) => Err(Box::new((T::default().into(), e))),
    }
}

fn identity_type(row: &Row<'_>, cx: &mut Cx) -> Result<Option<String>, String> {
    match row.identity.0 {
        // Column not projected by the query.
        None => Ok(cx.need(None, "identity_type", "identity")),
        Some(_) => match column::<Identity>(row.identity, "identity")? {
            // ARM documents `identity` as present only "if configured"; a projected `identity`
            // column that is null/empty means no managed identity.
            None => Ok(Some("None".to_owned())),
            Some(Identity { ty: None }) => Ok(Some("None".to_owned())),
            Some(Identity { ty: Some(t) }) => Ok(Some(t)),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Per-type mappings
// ---------------------------------------------------------------------------------------------

fn storage(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: StorageProps = props(row.properties)?;
        let sku = column::<Sku>(row.sku, "sku")?.and_then(|s| s.name);
        let acls = p.network_acls.unwrap_or_default();
        let enc = p.encryption.unwrap_or_default();
        // `allowBlobPublicAccess`: the documented interpretation of an unset value changed
        // (older API versions: "default interpretation is true"; current ones: "false" for
        // accounts created since late 2023), so an absent value cannot be resolved from the
        // row alone → gap.
        let allow_blob_public_access = cx.need(
            p.allow_blob_public_access,
            "allow_blob_public_access",
            "properties.allowBlobPublicAccess",
        );
        // ARM: "The default interpretation is TLS 1.0 for this property."
        let minimum_tls_version = Some(p.minimum_tls_version.unwrap_or_else(|| "TLS1_0".into()));
        // ARM: "The default value is null, which is equivalent to true."
        let allow_shared_key_access = Some(p.allow_shared_key_access.unwrap_or(true));
        let c = az::StorageAccount {
            account_kind: cx.need(
                row.kind.as_deref().map(str::to_owned),
                "account_kind",
                "kind",
            ),
            sku: cx.need(sku, "sku", "sku.name"),
            allow_blob_public_access,
            https_only: cx.need(
                p.supports_https_traffic_only,
                "https_only",
                "properties.supportsHttpsTrafficOnly",
            ),
            minimum_tls_version,
            allow_shared_key_access,
            public_network_access: cx.need(
                p.public_network_access,
                "public_network_access",
                "properties.publicNetworkAccess",
            ),
            network_default_action: cx.need(
                acls.default_action,
                "network_default_action",
                "properties.networkAcls.defaultAction",
            ),
            network_bypass: cx.need(
                acls.bypass,
                "network_bypass",
                "properties.networkAcls.bypass",
            ),
            key_source: cx.need(
                enc.key_source,
                "key_source",
                "properties.encryption.keySource",
            ),
            infrastructure_encryption: cx.need(
                enc.require_infrastructure_encryption,
                "infrastructure_encryption",
                "properties.encryption.requireInfrastructureEncryption",
            ),
            // Documented default ("false for new accounts") depends on the creation date → gap.
            allow_cross_tenant_replication: cx.need(
                p.allow_cross_tenant_replication,
                "allow_cross_tenant_replication",
                "properties.allowCrossTenantReplication",
            ),
            private_endpoint_count: cx.need(
                p.private_endpoint_connections
                    .map(|v| i64::try_from(v.len()).unwrap_or(i64::MAX)),
                "private_endpoint_count",
                "properties.privateEndpointConnections",
            ),
            blob_soft_delete_enabled: None,
        };
        cx.gap(
            "blob_soft_delete_enabled",
            "blob soft delete is a blob service property (`blobServices/default`), not part of \
             the Resource Graph `Resources` row"
                .into(),
        );
        Ok(c)
    })())
}

fn sql_server(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: SqlProps = props(row.properties)?;
        let (entra_admin_configured, entra_only_auth) = match p.administrators {
            Some(a) => {
                let configured = a
                    .administrator_type
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case("ActiveDirectory"))
                    || a.login.as_deref().is_some_and(|s| !s.is_empty())
                    || a.sid.as_deref().is_some_and(|s| !s.is_empty());
                (
                    Some(configured),
                    cx.need(
                        a.azure_ad_only_authentication,
                        "entra_only_auth",
                        "properties.administrators.azureADOnlyAuthentication",
                    ),
                )
            }
            None => (
                cx.need(None, "entra_admin_configured", "properties.administrators"),
                cx.need(None, "entra_only_auth", "properties.administrators"),
            ),
        };
        // `keyId` set = the TDE protector is a customer-managed key. Unset does not prove
        // service-managed (the encryption protector is a child resource) → gap.
        let tde_cmk = p.key_id.filter(|k| !k.trim().is_empty()).map(|_| true);
        let tde_cmk = cx.need(tde_cmk, "tde_customer_managed_key", "properties.keyId");
        let c = az::SqlServer {
            public_network_access: cx.need(
                p.public_network_access,
                "public_network_access",
                "properties.publicNetworkAccess",
            ),
            minimal_tls_version: cx.need(
                p.minimal_tls_version,
                "minimal_tls_version",
                "properties.minimalTlsVersion",
            ),
            // Filled in `assemble` when `microsoft.sql/servers/firewallrules` rows for this
            // server are in the same file (the gap is then removed).
            firewall_rules: None,
            entra_admin_configured,
            entra_only_auth,
            auditing_enabled: None,
            auditing_retention_days: None,
            tde_customer_managed_key: tde_cmk,
        };
        cx.gap(
            "firewall_rules",
            "firewall rules are child resources (`microsoft.sql/servers/firewallrules`) and none \
             for this server are in the file"
                .into(),
        );
        for f in ["auditing_enabled", "auditing_retention_days"] {
            cx.gap(
                f,
                "auditing settings are a child resource (`servers/auditingSettings`), not part \
                 of the Resource Graph `Resources` row"
                    .into(),
            );
        }
        Ok(c)
    })())
}

fn nsg(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: NsgProps = props(row.properties)?;
        let rules = p.security_rules.map(|rules| {
            rules
                .iter()
                .map(|entry| {
                    let r = entry.effective();
                    let mut source_prefixes: Vec<String> = Vec::new();
                    source_prefixes.extend(r.source_address_prefix.iter().cloned());
                    source_prefixes.extend(r.source_address_prefixes.iter().flatten().cloned());
                    let mut destination_ports: Vec<String> = Vec::new();
                    destination_ports.extend(r.destination_port_range.iter().cloned());
                    destination_ports.extend(r.destination_port_ranges.iter().flatten().cloned());
                    az::NsgRule {
                        name: entry
                            .name
                            .clone()
                            .or_else(|| r.name.clone())
                            .unwrap_or_default(),
                        direction: r.direction.clone().unwrap_or_default(),
                        access: r.access.clone().unwrap_or_default(),
                        protocol: r.protocol.clone().unwrap_or_default(),
                        priority: r.priority.unwrap_or_default(),
                        source_prefixes,
                        destination_ports,
                    }
                })
                .collect::<Vec<_>>()
        });
        let subnets = ids(p.subnets);
        let nics = ids(p.network_interfaces);
        for s in subnets.iter().flatten() {
            cx.rel("applies_to_subnet", s);
        }
        for n in nics.iter().flatten() {
            cx.rel("applies_to_network_interface", n);
        }
        Ok(az::NetworkSecurityGroup {
            security_rules: cx.need(rules, "security_rules", "properties.securityRules"),
            subnets: cx.need(subnets, "subnets", "properties.subnets"),
            network_interfaces: cx.need(nics, "network_interfaces", "properties.networkInterfaces"),
        })
    })())
}

fn key_vault(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: VaultProps = props(row.properties)?;
        Ok(az::KeyVault {
            soft_delete_enabled: cx.need(
                p.enable_soft_delete,
                "soft_delete_enabled",
                "properties.enableSoftDelete",
            ),
            // ARM: purge protection "does not accept false as its value": unset is the only
            // way to be off, so absent = not enabled.
            purge_protection_enabled: Some(p.enable_purge_protection.unwrap_or(false)),
            // ARM: "If null or not specified, the vault is created with the default value of
            // false."
            rbac_authorization: Some(p.enable_rbac_authorization.unwrap_or(false)),
            public_network_access: cx.need(
                p.public_network_access,
                "public_network_access",
                "properties.publicNetworkAccess",
            ),
            network_default_action: cx.need(
                p.network_acls.and_then(|a| a.default_action),
                "network_default_action",
                "properties.networkAcls.defaultAction",
            ),
            private_endpoint_count: cx.need(
                p.private_endpoint_connections
                    .map(|v| i64::try_from(v.len()).unwrap_or(i64::MAX)),
                "private_endpoint_count",
                "properties.privateEndpointConnections",
            ),
        })
    })())
}

fn vm(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: VmProps = props(row.properties)?;
        let storage = p.storage_profile.unwrap_or_default();
        let os_disk = storage.os_disk.unwrap_or_default();
        let os_type = cx.need(
            os_disk.os_type.clone(),
            "os_type",
            "properties.storageProfile.osDisk.osType",
        );
        let managed_disks = if os_disk.managed_disk.is_some() {
            Some(true)
        } else if os_disk.vhd.is_some() {
            Some(false)
        } else {
            cx.need(None, "managed_disks", "properties.storageProfile.osDisk")
        };
        if let Some(id) = os_disk.managed_disk.and_then(|m| m.id) {
            cx.rel("uses_disk", &id);
        }
        for d in storage.data_disks.into_iter().flatten() {
            if let Some(id) = d.managed_disk.and_then(|m| m.id) {
                cx.rel("uses_disk", &id);
            }
        }
        let linux = p.os_profile.and_then(|o| o.linux_configuration);
        let password_auth_disabled = match linux {
            Some(l) => cx.need(
                l.disable_password_authentication,
                "password_auth_disabled",
                "properties.osProfile.linuxConfiguration.disablePasswordAuthentication",
            ),
            // Not applicable to Windows; no gap.
            None if os_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("windows")) =>
            {
                None
            }
            None => cx.need(
                None,
                "password_auth_disabled",
                "properties.osProfile.linuxConfiguration",
            ),
        };
        let sec = p.security_profile.unwrap_or_default();
        // ARM: "The default behavior is: The Encryption at host will be disabled unless this
        // property is set to true for the resource."
        let encryption_at_host = Some(sec.encryption_at_host.unwrap_or(false));
        // ARM `securityType`: "It has to be set to any specified value to enable UefiSettings.
        // The default behavior is: UefiSettings will not be enabled unless this property is
        // set." So no security type = no secure boot / vTPM.
        let (secure_boot, vtpm) = if sec.security_type.as_deref().is_none_or(str::is_empty) {
            (Some(false), Some(false))
        } else {
            let u = sec.uefi_settings.unwrap_or_default();
            (
                cx.need(
                    u.secure_boot_enabled,
                    "secure_boot",
                    "properties.securityProfile.uefiSettings.secureBootEnabled",
                ),
                cx.need(
                    u.vtpm_enabled,
                    "vtpm",
                    "properties.securityProfile.uefiSettings.vTpmEnabled",
                ),
            )
        };
        let nics = ids(p.network_profile.and_then(|n| n.network_interfaces));
        for n in nics.iter().flatten() {
            cx.rel("uses_network_interface", n);
        }
        Ok(az::VirtualMachine {
            vm_size: cx.need(
                p.hardware_profile.and_then(|h| h.vm_size),
                "vm_size",
                "properties.hardwareProfile.vmSize",
            ),
            os_type,
            managed_disks,
            password_auth_disabled,
            encryption_at_host,
            identity_type: identity_type(row, cx)?,
            network_interfaces: cx.need(
                nics,
                "network_interfaces",
                "properties.networkProfile.networkInterfaces",
            ),
            secure_boot,
            vtpm,
        })
    })())
}

fn disk(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: DiskProps = props(row.properties)?;
        if let Some(vm) = row.managed_by.as_deref() {
            cx.rel("attached_to", vm);
        }
        Ok(az::ManagedDisk {
            encryption_type: cx.need(
                p.encryption.and_then(|e| e.ty),
                "encryption_type",
                "properties.encryption.type",
            ),
            disk_state: cx.need(p.disk_state, "disk_state", "properties.diskState"),
            network_access_policy: cx.need(
                p.network_access_policy,
                "network_access_policy",
                "properties.networkAccessPolicy",
            ),
            public_network_access: cx.need(
                p.public_network_access,
                "public_network_access",
                "properties.publicNetworkAccess",
            ),
        })
    })())
}

fn web_app(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: SiteProps = props(row.properties)?;
        if let Some(f) = p.server_farm_id.as_deref() {
            cx.rel("hosted_on", f);
        }
        if let Some(s) = p.virtual_network_subnet_id.as_deref() {
            cx.rel("in_subnet", s);
        }
        let sc = p.site_config.unwrap_or_default();
        // Resource Graph carries `siteConfig` with most values null; the real values live in
        // the `sites/config/web` child resource.
        let site_cfg = |cx: &mut Cx, field: &str, src: &str| {
            cx.gap(
                field,
                format!(
                    "`properties.siteConfig.{src}` is null or absent: Resource Graph does not \
                     carry the site configuration (`sites/config/web`)"
                ),
            );
        };
        let min_tls_version = sc.min_tls_version;
        if min_tls_version.is_none() {
            site_cfg(cx, "min_tls_version", "minTlsVersion");
        }
        let ftps_state = sc.ftps_state;
        if ftps_state.is_none() {
            site_cfg(cx, "ftps_state", "ftpsState");
        }
        let remote_debugging_enabled = sc.remote_debugging_enabled;
        if remote_debugging_enabled.is_none() {
            site_cfg(cx, "remote_debugging_enabled", "remoteDebuggingEnabled");
        }
        let http20_enabled = sc.http20_enabled;
        if http20_enabled.is_none() {
            site_cfg(cx, "http20_enabled", "http20Enabled");
        }
        Ok(az::WebApp {
            app_kind: cx.need(row.kind.as_deref().map(str::to_owned), "app_kind", "kind"),
            https_only: cx.need(p.https_only, "https_only", "properties.httpsOnly"),
            min_tls_version,
            ftps_state,
            // ARM `clientCertEnabled`: "true to enable client certificate authentication …;
            // otherwise, false. Default is false."
            client_cert_enabled: Some(p.client_cert_enabled.unwrap_or(false)),
            identity_type: identity_type(row, cx)?,
            public_network_access: cx.need(
                p.public_network_access.filter(|s| !s.is_empty()),
                "public_network_access",
                "properties.publicNetworkAccess",
            ),
            remote_debugging_enabled,
            http20_enabled,
        })
    })())
}

// ---------------------------------------------------------------------------------------------
// Network path kinds (exposure analysis): network interfaces, public IPs, route tables
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NicProps {
    ip_configurations: Option<Vec<NicIpConfig>>,
    network_security_group: Option<IdRef>,
    virtual_machine: Option<IdRef>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NicIpConfig {
    properties: Option<NicIpConfigProps>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NicIpConfigProps {
    subnet: Option<IdRef>,
    #[serde(rename = "publicIPAddress")]
    public_ip_address: Option<IdRef>,
}

fn nic(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: NicProps = props(row.properties)?;
        let lower = |r: Option<IdRef>| r.and_then(|r| r.id).map(|s| s.to_ascii_lowercase());
        let configs: Option<Vec<NicIpConfigProps>> = p
            .ip_configurations
            .map(|v| v.into_iter().filter_map(|c| c.properties).collect());
        let subnets = configs.as_ref().map(|v| {
            v.iter()
                .filter_map(|c| c.subnet.as_ref().and_then(|s| s.id.as_deref()))
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        });
        let public_ips = configs.as_ref().map(|v| {
            v.iter()
                .filter_map(|c| c.public_ip_address.as_ref().and_then(|s| s.id.as_deref()))
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        });
        let has_props = row.properties.value().is_some();
        // An absent `networkSecurityGroup` / `virtualMachine` in a present properties object
        // means "none".
        let nsg = lower(p.network_security_group).or_else(|| has_props.then(String::new));
        let vm = lower(p.virtual_machine).or_else(|| has_props.then(String::new));
        for s in subnets.iter().flatten() {
            cx.rel("in_subnet", s);
        }
        for ip in public_ips.iter().flatten() {
            cx.rel("uses_public_ip", ip);
        }
        if let Some(n) = nsg.as_deref().filter(|n| !n.is_empty()) {
            cx.rel("uses_network_security_group", n);
        }
        Ok(az::NetworkInterface {
            virtual_machine: cx.need(vm, "virtual_machine", "properties.virtualMachine"),
            network_security_group: cx.need(
                nsg,
                "network_security_group",
                "properties.networkSecurityGroup",
            ),
            subnets: cx.need(subnets, "subnets", "properties.ipConfigurations"),
            public_ips: cx.need(public_ips, "public_ips", "properties.ipConfigurations"),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PublicIpProps {
    ip_address: Option<String>,
    #[serde(rename = "publicIPAllocationMethod")]
    allocation_method: Option<String>,
    ip_configuration: Option<IdRef>,
}

fn public_ip(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: PublicIpProps = props(row.properties)?;
        let has_props = row.properties.value().is_some();
        let ip_configuration = p
            .ip_configuration
            .and_then(|r| r.id)
            .map(|s| s.to_ascii_lowercase())
            .or_else(|| has_props.then(String::new));
        Ok(az::PublicIpAddress {
            ip_address: p.ip_address,
            allocation_method: cx.need(
                p.allocation_method,
                "allocation_method",
                "properties.publicIPAllocationMethod",
            ),
            ip_configuration: cx.need(
                ip_configuration,
                "ip_configuration",
                "properties.ipConfiguration",
            ),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RouteTableProps {
    routes: Option<Vec<RouteIn>>,
    subnets: Option<Vec<IdRef>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RouteIn {
    name: Option<String>,
    properties: Option<RouteInProps>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RouteInProps {
    address_prefix: Option<String>,
    next_hop_type: Option<String>,
}

fn route_table(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: RouteTableProps = props(row.properties)?;
        let routes = p.routes.map(|v| {
            v.into_iter()
                .map(|r| {
                    let rp = r.properties.unwrap_or_default();
                    az::AzureRoute {
                        name: r.name.unwrap_or_default(),
                        address_prefix: rp.address_prefix.unwrap_or_default(),
                        next_hop_type: rp.next_hop_type.unwrap_or_default(),
                    }
                })
                .collect::<Vec<_>>()
        });
        let subnets = ids(p.subnets);
        for s in subnets.iter().flatten() {
            cx.rel("applies_to_subnet", s);
        }
        Ok(az::RouteTable {
            routes: cx.need(routes, "routes", "properties.routes"),
            subnets: cx.need(subnets, "subnets", "properties.subnets"),
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_helpers() {
        let id = "/subscriptions/abc/resourcegroups/rg/providers/microsoft.sql/servers/s1/firewallrules/r1";
        assert_eq!(type_from_id(id), "microsoft.sql/servers/firewallrules");
        assert_eq!(
            parent_id(id, 2),
            "/subscriptions/abc/resourcegroups/rg/providers/microsoft.sql/servers/s1"
        );
        assert_eq!(segment_after(id, "subscriptions"), Some("abc"));
        assert_eq!(last_segment(id), "r1");
        assert_eq!(type_from_id("/subscriptions/abc"), "");
        assert_eq!(normalize_location(Some("East US")), "eastus");
        assert_eq!(normalize_location(Some("")), "global");
    }
}
