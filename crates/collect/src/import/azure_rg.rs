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
    key_policy: Option<KeyPolicy>,
    key_creation_time: Option<KeyCreationTime>,
    #[serde(rename = "defaultToOAuthAuthentication")]
    default_to_oauth_authentication: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct KeyPolicy {
    key_expiration_period_in_days: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct KeyCreationTime {
    key1: Option<String>,
    key2: Option<String>,
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
    /// Settings of a child resource (blob/file service, SQL auditing) merged into their parent
    /// when it is in the file, otherwise kept as an unmodeled resource.
    Patch {
        parent: String,
        patch: Result<Patch, String>,
        resource: Box<Resource>,
    },
    /// Not a resource row; the warning says why.
    Dropped(String),
}

/// Parent settings read from a child resource row.
enum Patch {
    Blob(BlobServiceProps),
    File(FileServiceProps),
    Auditing(AuditingProps),
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RetentionIn {
    enabled: Option<bool>,
    days: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BlobServiceProps {
    delete_retention_policy: Option<RetentionIn>,
    container_delete_retention_policy: Option<RetentionIn>,
    is_versioning_enabled: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FileServiceProps {
    share_delete_retention_policy: Option<RetentionIn>,
    protocol_settings: Option<FileProtocol>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FileProtocol {
    smb: Option<SmbSettings>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SmbSettings {
    versions: Option<String>,
    channel_encryption: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AuditingProps {
    state: Option<String>,
    retention_days: Option<i64>,
}

const PATCH_TYPES: [&str; 3] = [
    "microsoft.storage/storageaccounts/blobservices",
    "microsoft.storage/storageaccounts/fileservices",
    "microsoft.sql/servers/auditingsettings",
];

/// The parent fields a child row type fills.
fn patch_fields(native_type: &str) -> &'static [&'static str] {
    match native_type {
        "microsoft.storage/storageaccounts/blobservices" => &[
            "blob_soft_delete_enabled",
            "container_soft_delete_enabled",
            "blob_versioning_enabled",
        ],
        "microsoft.storage/storageaccounts/fileservices" => &[
            "file_share_soft_delete_enabled",
            "smb_versions",
            "smb_channel_encryption",
        ],
        "microsoft.sql/servers/auditingsettings" => {
            &["auditing_enabled", "auditing_retention_days"]
        }
        _ => &[],
    }
}

fn split_list(s: Option<String>) -> Vec<String> {
    s.unwrap_or_default()
        .split([';', ','])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Apply a child row's settings; `false` when the parent is of another kind.
fn apply_patch(r: &mut Resource, patch: Patch) -> bool {
    let clear =
        |r: &mut Resource, fields: &[&str]| r.gaps.retain(|g| !fields.contains(&g.field.as_str()));
    match (&mut r.config, patch) {
        (Config::AzureStorageAccount(s), Patch::Blob(b)) => {
            // ARM: both retention policies and versioning are off unless configured.
            s.blob_soft_delete_enabled = Some(
                b.delete_retention_policy
                    .and_then(|p| p.enabled)
                    .unwrap_or(false),
            );
            s.container_soft_delete_enabled = Some(
                b.container_delete_retention_policy
                    .and_then(|p| p.enabled)
                    .unwrap_or(false),
            );
            s.blob_versioning_enabled = Some(b.is_versioning_enabled.unwrap_or(false));
            clear(
                r,
                &[
                    "blob_soft_delete_enabled",
                    "container_soft_delete_enabled",
                    "blob_versioning_enabled",
                ],
            );
            true
        }
        (Config::AzureStorageAccount(s), Patch::File(f)) => {
            s.file_share_soft_delete_enabled = Some(
                f.share_delete_retention_policy
                    .and_then(|p| p.enabled)
                    .unwrap_or(false),
            );
            let smb = f.protocol_settings.and_then(|p| p.smb).unwrap_or_default();
            // An unset list means the service default: every supported value is allowed.
            s.smb_versions = Some(split_list(smb.versions));
            s.smb_channel_encryption = Some(split_list(smb.channel_encryption));
            clear(
                r,
                &[
                    "file_share_soft_delete_enabled",
                    "smb_versions",
                    "smb_channel_encryption",
                ],
            );
            true
        }
        (Config::AzureSqlServer(s), Patch::Auditing(a)) => {
            let Some(state) = a.state else {
                return true;
            };
            let on = state.eq_ignore_ascii_case("enabled");
            s.auditing_enabled = Some(on);
            // ARM: retentionDays 0 (or unset) means unlimited retention.
            s.auditing_retention_days = Some(a.retention_days.unwrap_or(0));
            clear(r, &["auditing_enabled", "auditing_retention_days"]);
            true
        }
        _ => false,
    }
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

    if let Some(t) = PATCH_TYPES.iter().find(|t| **t == native_type) {
        let parent = parent_id(&resource.uid, 2);
        let patch = match *t {
            "microsoft.storage/storageaccounts/blobservices" => {
                props::<BlobServiceProps>(row.properties).map(Patch::Blob)
            }
            "microsoft.storage/storageaccounts/fileservices" => {
                props::<FileServiceProps>(row.properties).map(Patch::File)
            }
            _ => props::<AuditingProps>(row.properties).map(Patch::Auditing),
        };
        resource.config = unmodeled(native_type, raw);
        if let Err(msg) = &patch {
            resource.gaps.push(error_gap(msg));
        }
        return Mapped::Patch {
            parent,
            patch,
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
        "microsoft.keyvault/vaults/keys" => vault_key(&row, &resource.uid, &mut cx),
        "microsoft.keyvault/vaults/secrets" => vault_secret(&row, &resource.uid, &mut cx),
        "microsoft.network/virtualnetworks" => vnet(&row, &mut cx),
        "microsoft.network/networkwatchers" => watcher(&row, &mut cx),
        "microsoft.network/networkwatchers/flowlogs" => flow_log(&row, &mut cx),
        "microsoft.network/bastionhosts" => bastion(&row, &mut cx),
        "microsoft.network/applicationgateways" => app_gateway(&row, &mut cx),
        "microsoft.network/applicationgatewaywebapplicationfirewallpolicies" => {
            waf_policy(&row, &mut cx)
        }
        "microsoft.security/pricings" => pricing(&row, &resource.name, &mut cx),
        "microsoft.security/securitycontacts" => security_contact(&row, &mut cx),
        "microsoft.insights/diagnosticsettings" => diagnostic_setting(&row, &resource.uid, &mut cx),
        "microsoft.insights/activitylogalerts" => activity_log_alert(&row, &mut cx),
        "microsoft.resources/subscriptions" => subscription(&row, &mut cx),
        "microsoft.authorization/roledefinitions" => role_definition(&row, &mut cx),
        "microsoft.authorization/roleassignments" => role_assignment(&row, &mut cx),
        "microsoft.databricks/workspaces" => databricks(&row, &mut cx),
        "microsoft.insights/components" => app_insights(&row, &mut cx),
        "microsoft.network/virtualnetworkgateways" => vnet_gateway(&row, &mut cx),
        "microsoft.security/settings" => security_setting(&row, &resource.name, &mut cx),
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
    let mut patches: Vec<(String, Result<Patch, String>, Resource)> = Vec::new();
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
            Mapped::Patch {
                parent,
                patch,
                resource,
            } => patches.push((parent, patch, *resource)),
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
    if !patches.is_empty() {
        let by_uid: HashMap<String, usize> = resources
            .iter()
            .enumerate()
            .map(|(i, r)| (r.uid.clone(), i))
            .collect();
        let mut orphans = Vec::new();
        for (parent, patch, child) in patches {
            let native = match &child.config {
                Config::Unmodeled(u) => u.native_type.clone(),
                _ => String::new(),
            };
            let applied = match (by_uid.get(&parent), patch) {
                (Some(&i), Ok(p)) => resources.get_mut(i).is_some_and(|r| apply_patch(r, p)),
                (Some(&i), Err(e)) => {
                    // The parent's fields stay unknown, now with the reason.
                    if let Some(r) = resources.get_mut(i) {
                        let fields = patch_fields(&native);
                        for g in &mut r.gaps {
                            if fields.contains(&g.field.as_str()) {
                                g.reason = GapReason::Error;
                                g.detail = format!("the `{native}` row could not be read: {e}");
                            }
                        }
                    }
                    false
                }
                (None, _) => false,
            };
            if applied {
                *skipped
                    .entry(format!("merged into parent ({native})"))
                    .or_insert(0) += 1;
            } else {
                orphans.push(child);
            }
        }
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
        | Config::AzureNetworkRouteTable(_)
        | Config::AzureNetworkVnet(_)
        | Config::AzureNetworkWatcher(_)
        | Config::AzureNetworkFlowLog(_)
        | Config::AzureNetworkBastion(_)
        | Config::AzureNetworkAppGateway(_)
        | Config::AzureNetworkWafPolicy(_)
        | Config::AzureNetworkVnetGateway(_) => "microsoft.network",
        Config::AzureDatabricksWorkspace(_) => "microsoft.databricks",
        Config::AzureKeyVault(_) | Config::AzureKeyVaultKey(_) | Config::AzureKeyVaultSecret(_) => {
            "microsoft.keyvault"
        }
        Config::AzureSecurityPricing(_)
        | Config::AzureSecurityContact(_)
        | Config::AzureSecuritySetting(_) => "microsoft.security",
        Config::AzureMonitorDiagnosticSetting(_)
        | Config::AzureMonitorActivityLogAlert(_)
        | Config::AzureMonitorAppInsights(_) => "microsoft.insights",
        Config::AzureSubscription(_) => "microsoft.resources",
        Config::AzureRoleDefinition(_) | Config::AzureRoleAssignment(_) => {
            "microsoft.authorization"
        }
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
            container_soft_delete_enabled: None,
            blob_versioning_enabled: None,
            // ARM: `keyPolicy` is present only when a key expiration period was set.
            key_expiration_period_days: Some(
                p.key_policy
                    .and_then(|k| k.key_expiration_period_in_days)
                    .unwrap_or(0),
            ),
            // Accounts created before key creation times were recorded report `null` times:
            // the age of their keys cannot be known → gap.
            oldest_key_created: cx.need(
                p.key_creation_time.and_then(|k| match (k.key1, k.key2) {
                    (Some(a), Some(b)) => Some(
                        if posture_model::time::parse_rfc3339(&a)
                            <= posture_model::time::parse_rfc3339(&b)
                        {
                            a
                        } else {
                            b
                        },
                    ),
                    _ => None,
                }),
                "oldest_key_created",
                "properties.keyCreationTime",
            ),
            // ARM: "The default interpretation is false for this property."
            default_to_oauth: Some(p.default_to_oauth_authentication.unwrap_or(false)),
            file_share_soft_delete_enabled: None,
            smb_versions: None,
            smb_channel_encryption: None,
        };
        for f in [
            "blob_soft_delete_enabled",
            "container_soft_delete_enabled",
            "blob_versioning_enabled",
        ] {
            cx.gap(
                f,
                "a blob service property (`blobServices/default`); no blob service row for this \
                 account is in the file"
                    .into(),
            );
        }
        for f in [
            "file_share_soft_delete_enabled",
            "smb_versions",
            "smb_channel_encryption",
        ] {
            cx.gap(
                f,
                "a file service property (`fileServices/default`); no file service row for this \
                 account is in the file"
                    .into(),
            );
        }
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
                "auditing settings are a child resource (`servers/auditingSettings`) and none \
                 for this server are in the file"
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

// ---------------------------------------------------------------------------------------------
// Governance kinds: Key Vault items, networking, Defender, monitoring, RBAC
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VaultItemProps {
    attributes: Option<VaultItemAttributes>,
    rotation_policy: Option<RotationPolicyIn>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VaultItemAttributes {
    enabled: Option<bool>,
    /// Unix seconds.
    exp: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RotationPolicyIn {
    lifetime_actions: Option<Vec<LifetimeActionIn>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LifetimeActionIn {
    action: Option<LifetimeActionType>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LifetimeActionType {
    #[serde(rename = "type")]
    ty: Option<String>,
}

/// `attributes` present: `exp` absent means the item never expires.
fn item_expiry(a: &VaultItemAttributes) -> String {
    a.exp
        .map(posture_model::time::format_rfc3339)
        .unwrap_or_default()
}

fn vault_key(row: &Row<'_>, uid: &str, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: VaultItemProps = props(row.properties)?;
        let vault = parent_id(uid, 2);
        cx.rel("in_vault", &vault);
        let attrs = cx.need(p.attributes, "enabled", "properties.attributes");
        if attrs.is_none() {
            cx.gap(
                "expires",
                "`properties.attributes` is absent from the Resource Graph row".into(),
            );
        }
        // The rotation policy appears in the key resource only in newer API versions; its
        // absence does not prove there is none → gap.
        let auto_rotation = p.rotation_policy.map(|r| {
            r.lifetime_actions.into_iter().flatten().any(|a| {
                a.action
                    .and_then(|t| t.ty)
                    .is_some_and(|t| t.eq_ignore_ascii_case("rotate"))
            })
        });
        Ok(az::KeyVaultKey {
            vault: Some(vault),
            enabled: attrs.as_ref().map(|a| a.enabled.unwrap_or(true)),
            expires: attrs.as_ref().map(item_expiry),
            auto_rotation: cx.need(auto_rotation, "auto_rotation", "properties.rotationPolicy"),
        })
    })())
}

fn vault_secret(row: &Row<'_>, uid: &str, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: VaultItemProps = props(row.properties)?;
        let vault = parent_id(uid, 2);
        cx.rel("in_vault", &vault);
        let attrs = cx.need(p.attributes, "enabled", "properties.attributes");
        if attrs.is_none() {
            cx.gap(
                "expires",
                "`properties.attributes` is absent from the Resource Graph row".into(),
            );
        }
        Ok(az::KeyVaultSecret {
            vault: Some(vault),
            // Key Vault: `enabled` defaults to true.
            enabled: attrs.as_ref().map(|a| a.enabled.unwrap_or(true)),
            expires: attrs.as_ref().map(item_expiry),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VnetProps {
    subnets: Option<Vec<SubnetIn>>,
    enable_ddos_protection: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SubnetIn {
    name: Option<String>,
    id: Option<String>,
    properties: Option<SubnetInProps>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SubnetInProps {
    network_security_group: Option<IdRef>,
}

fn vnet(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: VnetProps = props(row.properties)?;
        let subnets = p.subnets.map(|v| {
            v.into_iter()
                .map(|s| {
                    let nsg = s
                        .properties
                        .and_then(|p| p.network_security_group)
                        .and_then(|n| n.id)
                        .map(|n| n.to_ascii_lowercase())
                        .unwrap_or_default();
                    let name = s
                        .name
                        .or_else(|| s.id.as_deref().map(|i| last_segment(i).to_owned()))
                        .unwrap_or_default();
                    az::VnetSubnet {
                        name,
                        network_security_group: nsg,
                    }
                })
                .collect::<Vec<_>>()
        });
        for s in subnets.iter().flatten() {
            if !s.network_security_group.is_empty() {
                cx.rel("uses_network_security_group", &s.network_security_group);
            }
        }
        Ok(az::VirtualNetwork {
            subnets: cx.need(subnets, "subnets", "properties.subnets"),
            // ARM: `enableDdosProtection` "Default value is false".
            ddos_protection_enabled: Some(p.enable_ddos_protection.unwrap_or(false)),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ProvisioningProps {
    provisioning_state: Option<String>,
}

fn watcher(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: ProvisioningProps = props(row.properties)?;
        Ok(az::NetworkWatcher {
            provisioning_state: cx.need(
                p.provisioning_state,
                "provisioning_state",
                "properties.provisioningState",
            ),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FlowLogProps {
    target_resource_id: Option<String>,
    enabled: Option<bool>,
    retention_policy: Option<RetentionIn>,
    flow_analytics_configuration: Option<FlowAnalytics>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct FlowAnalytics {
    network_watcher_flow_analytics_configuration: Option<RetentionIn>,
}

fn flow_log(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: FlowLogProps = props(row.properties)?;
        let target = p.target_resource_id.map(|t| t.to_ascii_lowercase());
        if let Some(t) = &target {
            cx.rel("records", t);
        }
        let retention = p.retention_policy;
        Ok(az::FlowLog {
            target: cx.need(target, "target", "properties.targetResourceId"),
            enabled: cx.need(p.enabled, "enabled", "properties.enabled"),
            // ARM: without a retention policy (or with it disabled) logs are kept indefinitely.
            retention_enabled: Some(retention.as_ref().and_then(|r| r.enabled).unwrap_or(false)),
            retention_days: Some(retention.and_then(|r| r.days).unwrap_or(0)),
            traffic_analytics_enabled: Some(
                p.flow_analytics_configuration
                    .and_then(|f| f.network_watcher_flow_analytics_configuration)
                    .and_then(|c| c.enabled)
                    .unwrap_or(false),
            ),
        })
    })())
}

fn bastion(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let sku = column::<Sku>(row.sku, "sku")?.and_then(|s| s.name);
        Ok(az::BastionHost {
            sku: cx.need(sku, "sku", "sku.name"),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AppGatewayProps {
    sku: Option<AgwSku>,
    web_application_firewall_configuration: Option<RetentionIn>,
    firewall_policy: Option<IdRef>,
    ssl_policy: Option<AgwSslPolicy>,
    enable_http2: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AgwSku {
    tier: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AgwSslPolicy {
    policy_type: Option<String>,
    policy_name: Option<String>,
    min_protocol_version: Option<String>,
}

/// Minimum TLS of Application Gateway's predefined SSL policies (as documented by Azure).
fn predefined_min_tls(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "appgwsslpolicy20150501" => Some("TLSv1_0"),
        "appgwsslpolicy20170401" => Some("TLSv1_1"),
        "appgwsslpolicy20170401s" | "appgwsslpolicy20220101" => Some("TLSv1_2"),
        "appgwsslpolicy20220101s" => Some("TLSv1_2"),
        _ => None,
    }
}

fn app_gateway(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: AppGatewayProps = props(row.properties)?;
        let policy = p
            .firewall_policy
            .and_then(|f| f.id)
            .map(|f| f.to_ascii_lowercase())
            .unwrap_or_default();
        if !policy.is_empty() {
            cx.rel("uses_waf_policy", &policy);
        }
        let legacy_waf = p
            .web_application_firewall_configuration
            .and_then(|w| w.enabled)
            .unwrap_or(false);
        // The default SSL policy changed with API version 2023-02-01, so an absent policy
        // cannot be resolved from the row → gap.
        let min_tls = p.ssl_policy.and_then(|s| {
            s.min_protocol_version.or_else(|| {
                let predefined = s
                    .policy_type
                    .as_deref()
                    .is_none_or(|t| t.eq_ignore_ascii_case("predefined"));
                s.policy_name
                    .as_deref()
                    .filter(|_| predefined)
                    .and_then(predefined_min_tls)
                    .map(str::to_owned)
            })
        });
        Ok(az::ApplicationGateway {
            sku_tier: cx.need(
                p.sku.and_then(|s| s.tier),
                "sku_tier",
                "properties.sku.tier",
            ),
            waf_enabled: Some(legacy_waf || !policy.is_empty()),
            firewall_policy: Some(policy),
            min_tls_version: cx.need(min_tls, "min_tls_version", "properties.sslPolicy"),
            // ARM: HTTP/2 is off unless `enableHttp2` is true.
            http2_enabled: Some(p.enable_http2.unwrap_or(false)),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct WafPolicyProps {
    policy_settings: Option<WafSettings>,
    managed_rules: Option<WafManagedRules>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct WafSettings {
    state: Option<String>,
    mode: Option<String>,
    request_body_check: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct WafManagedRules {
    managed_rule_sets: Option<Vec<WafRuleSet>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct WafRuleSet {
    rule_set_type: Option<String>,
}

fn waf_policy(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: WafPolicyProps = props(row.properties)?;
        let settings = cx.need(p.policy_settings, "enabled", "properties.policySettings");
        let (enabled, mode, body) = match settings {
            Some(s) => (
                cx.need(
                    s.state.map(|st| st.eq_ignore_ascii_case("enabled")),
                    "enabled",
                    "properties.policySettings.state",
                ),
                cx.need(s.mode, "mode", "properties.policySettings.mode"),
                cx.need(
                    s.request_body_check,
                    "request_body_check",
                    "properties.policySettings.requestBodyCheck",
                ),
            ),
            None => {
                cx.gap("mode", "`properties.policySettings` is absent".into());
                cx.gap(
                    "request_body_check",
                    "`properties.policySettings` is absent".into(),
                );
                (None, None, None)
            }
        };
        let sets = p.managed_rules.and_then(|m| m.managed_rule_sets).map(|v| {
            v.into_iter()
                .filter_map(|r| r.rule_set_type)
                .collect::<Vec<_>>()
        });
        Ok(az::WafPolicy {
            enabled,
            mode,
            request_body_check: body,
            managed_rule_sets: cx.need(
                sets,
                "managed_rule_sets",
                "properties.managedRules.managedRuleSets",
            ),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PricingProps {
    pricing_tier: Option<String>,
    sub_plan: Option<String>,
}

fn pricing(row: &Row<'_>, name: &str, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: PricingProps = props(row.properties)?;
        Ok(az::DefenderPlan {
            plan: Some(name.to_owned()),
            pricing_tier: cx.need(p.pricing_tier, "pricing_tier", "properties.pricingTier"),
            sub_plan: Some(p.sub_plan.unwrap_or_default()),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ContactProps {
    emails: Option<String>,
    email: Option<String>,
    notifications_by_role: Option<RoleNotifications>,
    alert_notifications: Option<AlertNotifications>,
    notifications_sources: Option<Vec<NotificationSource>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RoleNotifications {
    state: Option<String>,
    roles: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AlertNotifications {
    state: Option<String>,
    minimal_severity: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NotificationSource {
    source_type: Option<String>,
    minimal_severity: Option<String>,
    minimal_risk_level: Option<String>,
}

fn is_on(s: Option<&str>) -> bool {
    s.is_some_and(|s| s.eq_ignore_ascii_case("on"))
}

fn security_contact(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: ContactProps = props(row.properties)?;
        let emails = p.emails.or(p.email).map(|e| split_list(Some(e)));
        let roles = p.notifications_by_role.map(|r| {
            if is_on(r.state.as_deref()) {
                r.roles.unwrap_or_default()
            } else {
                Vec::new()
            }
        });
        // API 2023-12-01-preview lists notification sources; 2020-01-01-preview has
        // `alertNotifications` and no attack-path setting.
        let (alert, attack) = match (p.notifications_sources, p.alert_notifications) {
            (Some(sources), _) => {
                let find = |t: &str| {
                    sources.iter().find(|s| {
                        s.source_type
                            .as_deref()
                            .is_some_and(|x| x.eq_ignore_ascii_case(t))
                    })
                };
                (
                    Some(
                        find("Alert")
                            .and_then(|s| s.minimal_severity.clone())
                            .unwrap_or_default(),
                    ),
                    Some(
                        find("AttackPath")
                            .and_then(|s| s.minimal_risk_level.clone())
                            .unwrap_or_default(),
                    ),
                )
            }
            (None, Some(a)) => (
                Some(if is_on(a.state.as_deref()) {
                    a.minimal_severity.unwrap_or_else(|| "High".into())
                } else {
                    String::new()
                }),
                None,
            ),
            (None, None) => (None, None),
        };
        Ok(az::SecurityContact {
            emails: cx.need(emails, "emails", "properties.emails"),
            notified_roles: cx.need(roles, "notified_roles", "properties.notificationsByRole"),
            alert_min_severity: cx.need(
                alert,
                "alert_min_severity",
                "properties.notificationsSources / properties.alertNotifications",
            ),
            attack_path_min_risk: cx.need(
                attack,
                "attack_path_min_risk",
                "properties.notificationsSources",
            ),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DiagProps {
    logs: Option<Vec<DiagLogIn>>,
    workspace_id: Option<String>,
    storage_account_id: Option<String>,
    event_hub_authorization_rule_id: Option<String>,
    marketplace_partner_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DiagLogIn {
    category: Option<String>,
    category_group: Option<String>,
    enabled: Option<bool>,
}

fn diagnostic_setting(row: &Row<'_>, uid: &str, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: DiagProps = props(row.properties)?;
        let target = uid
            .find("/providers/microsoft.insights/diagnosticsettings/")
            .map(|i| uid[..i].to_owned());
        if let Some(t) = &target {
            cx.rel("exports_logs_of", t);
        }
        let has_destination = [
            &p.workspace_id,
            &p.storage_account_id,
            &p.event_hub_authorization_rule_id,
            &p.marketplace_partner_id,
        ]
        .iter()
        .any(|d| d.as_deref().is_some_and(|s| !s.trim().is_empty()));
        let logs = p.logs.map(|v| {
            v.into_iter()
                .map(|l| az::DiagnosticLog {
                    category: l.category.unwrap_or_default(),
                    category_group: l.category_group.unwrap_or_default(),
                    enabled: l.enabled.unwrap_or(false),
                })
                .collect::<Vec<_>>()
        });
        Ok(az::DiagnosticSetting {
            target: cx.need(target, "target", "id"),
            logs: cx.need(logs, "logs", "properties.logs"),
            has_destination: Some(has_destination),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AlertProps {
    enabled: Option<bool>,
    scopes: Option<Vec<String>>,
    condition: Option<AlertAllOf>,
    actions: Option<AlertActions>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AlertAllOf {
    all_of: Option<Vec<AlertLeaf>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AlertLeaf {
    field: Option<String>,
    equals: Option<String>,
    any_of: Option<Vec<AlertLeaf>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AlertActions {
    action_groups: Option<Vec<ActionGroupRef>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ActionGroupRef {
    action_group_id: Option<String>,
}

fn activity_log_alert(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: AlertProps = props(row.properties)?;
        let conditions = p.condition.and_then(|c| c.all_of).map(|v| {
            let mut out = Vec::new();
            for leaf in v {
                // `anyOf` alternatives are flattened: each one satisfies the alert.
                let leaves: Vec<AlertLeaf> = match leaf.any_of {
                    Some(alts) if leaf.field.is_none() => alts,
                    _ => vec![leaf],
                };
                for l in leaves {
                    if let (Some(f), Some(e)) = (l.field, l.equals) {
                        out.push(az::AlertCondition {
                            field: f.to_ascii_lowercase(),
                            equals: e.to_ascii_lowercase(),
                        });
                    }
                }
            }
            out
        });
        let groups = p.actions.map(|a| {
            a.action_groups
                .into_iter()
                .flatten()
                .filter_map(|g| g.action_group_id)
                .map(|g| g.to_ascii_lowercase())
                .collect::<Vec<_>>()
        });
        Ok(az::ActivityLogAlert {
            // ARM: `enabled` "Default value is true".
            enabled: Some(p.enabled.unwrap_or(true)),
            scopes: cx.need(
                p.scopes
                    .map(|v| v.into_iter().map(|s| s.to_ascii_lowercase()).collect()),
                "scopes",
                "properties.scopes",
            ),
            conditions: cx.need(conditions, "conditions", "properties.condition.allOf"),
            action_groups: cx.need(groups, "action_groups", "properties.actions"),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SubscriptionProps {
    state: Option<String>,
}

fn subscription(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: SubscriptionProps = props(row.properties)?;
        Ok(az::Subscription {
            state: cx.need(p.state, "state", "properties.state"),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RoleDefProps {
    role_name: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    permissions: Option<Vec<RolePermissions>>,
    assignable_scopes: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RolePermissions {
    actions: Option<Vec<String>>,
}

fn role_definition(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: RoleDefProps = props(row.properties)?;
        let actions = p.permissions.map(|v| {
            v.into_iter()
                .flat_map(|b| b.actions.unwrap_or_default())
                .collect::<Vec<_>>()
        });
        Ok(az::RoleDefinition {
            role_name: cx.need(p.role_name, "role_name", "properties.roleName"),
            role_type: cx.need(p.ty, "role_type", "properties.type"),
            actions: cx.need(actions, "actions", "properties.permissions"),
            assignable_scopes: cx.need(
                p.assignable_scopes
                    .map(|v| v.into_iter().map(|s| s.to_ascii_lowercase()).collect()),
                "assignable_scopes",
                "properties.assignableScopes",
            ),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RoleAssignmentProps {
    role_definition_id: Option<String>,
    principal_id: Option<String>,
    principal_type: Option<String>,
    scope: Option<String>,
}

fn role_assignment(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: RoleAssignmentProps = props(row.properties)?;
        Ok(az::RoleAssignment {
            role_definition: cx.need(
                p.role_definition_id
                    .map(|d| last_segment(&d).to_ascii_lowercase()),
                "role_definition",
                "properties.roleDefinitionId",
            ),
            principal_id: cx.need(p.principal_id, "principal_id", "properties.principalId"),
            principal_type: cx.need(
                p.principal_type,
                "principal_type",
                "properties.principalType",
            ),
            scope: cx.need(
                p.scope.map(|s| s.to_ascii_lowercase()),
                "scope",
                "properties.scope",
            ),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DatabricksProps {
    parameters: Option<DatabricksParams>,
    public_network_access: Option<String>,
    private_endpoint_connections: Option<Vec<IgnoredAny>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DatabricksParams {
    custom_virtual_network_id: Option<ParamValue<String>>,
    custom_public_subnet_name: Option<ParamValue<String>>,
    custom_private_subnet_name: Option<ParamValue<String>>,
    enable_no_public_ip: Option<ParamValue<bool>>,
}

#[derive(Deserialize)]
struct ParamValue<T> {
    #[serde(default = "Option::default")]
    value: Option<T>,
}

impl<T> Default for ParamValue<T> {
    fn default() -> Self {
        ParamValue { value: None }
    }
}

fn databricks(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: DatabricksProps = props(row.properties)?;
        let params = p.parameters.unwrap_or_default();
        // No `customVirtualNetworkId` parameter = the workspace uses a Databricks-managed VNet.
        let vnet = params
            .custom_virtual_network_id
            .and_then(|v| v.value)
            .map(|v| v.to_ascii_lowercase())
            .unwrap_or_default();
        if !vnet.is_empty() {
            cx.rel("in_network", &vnet);
        }
        let subnets: Vec<String> = [
            params.custom_public_subnet_name,
            params.custom_private_subnet_name,
        ]
        .into_iter()
        .flatten()
        .filter_map(|v| v.value)
        .filter(|s| !s.is_empty())
        .collect();
        // The default of `enableNoPublicIp` changed between API versions → gap when absent.
        let npip = params.enable_no_public_ip.and_then(|v| v.value);
        Ok(az::DatabricksWorkspace {
            vnet: Some(vnet),
            subnets: Some(subnets),
            no_public_ip: cx.need(
                npip,
                "no_public_ip",
                "properties.parameters.enableNoPublicIp",
            ),
            public_network_access: cx.need(
                p.public_network_access,
                "public_network_access",
                "properties.publicNetworkAccess",
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

#[derive(Deserialize, Default)]
#[serde(default)]
struct AppInsightsProps {
    #[serde(rename = "Application_Type", alias = "applicationType")]
    application_type: Option<String>,
    #[serde(rename = "WorkspaceResourceId", alias = "workspaceResourceId")]
    workspace_resource_id: Option<String>,
}

fn app_insights(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: AppInsightsProps = props(row.properties)?;
        Ok(az::AppInsights {
            application_type: cx.need(
                p.application_type,
                "application_type",
                "properties.Application_Type",
            ),
            // Classic components have no workspace.
            workspace: Some(
                p.workspace_resource_id
                    .map(|w| w.to_ascii_lowercase())
                    .unwrap_or_default(),
            ),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct GatewayProps {
    gateway_type: Option<String>,
    vpn_client_configuration: Option<VpnClientConfig>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VpnClientConfig {
    vpn_authentication_types: Option<Vec<String>>,
    vpn_client_root_certificates: Option<Vec<IgnoredAny>>,
    radius_server_address: Option<String>,
    aad_tenant: Option<String>,
    vpn_client_address_pool: Option<IgnoredAny>,
}

fn vnet_gateway(row: &Row<'_>, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: GatewayProps = props(row.properties)?;
        let has_props = row.properties.value().is_some();
        let types = match p.vpn_client_configuration {
            Some(c) => Some(match c.vpn_authentication_types {
                Some(t) => t,
                // Older configurations do not list the types; infer them from what is set.
                None => {
                    let mut t = Vec::new();
                    if c.vpn_client_root_certificates
                        .is_some_and(|v| !v.is_empty())
                    {
                        t.push("Certificate".to_owned());
                    }
                    if c.radius_server_address.is_some_and(|s| !s.is_empty()) {
                        t.push("Radius".to_owned());
                    }
                    if c.aad_tenant.is_some_and(|s| !s.is_empty()) {
                        t.push("AAD".to_owned());
                    }
                    if t.is_empty() && c.vpn_client_address_pool.is_some() {
                        // A client address pool without any method: certificate is the default.
                        t.push("Certificate".to_owned());
                    }
                    t
                }
            }),
            // No `vpnClientConfiguration` in a present properties object = no point-to-site.
            None => has_props.then(Vec::new),
        };
        Ok(az::VirtualNetworkGateway {
            gateway_type: cx.need(p.gateway_type, "gateway_type", "properties.gatewayType"),
            p2s_auth_types: cx.need(types, "p2s_auth_types", "properties.vpnClientConfiguration"),
        })
    })())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SettingProps {
    enabled: Option<bool>,
}

fn security_setting(row: &Row<'_>, name: &str, cx: &mut Cx) -> MapResult {
    typed_or_default((|| {
        let p: SettingProps = props(row.properties)?;
        Ok(az::SecuritySetting {
            setting: Some(name.to_owned()),
            enabled: cx.need(p.enabled, "enabled", "properties.enabled"),
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
