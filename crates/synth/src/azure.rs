//! Azure Resource Graph rows (`az graph query -q "Resources"`), one builder per resource type.
//! Column names and `properties` follow ARM; `type` is lower-cased as Resource Graph returns it.

#![allow(clippy::too_many_arguments)]

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::aws::Tags;
use crate::rng::{Rng, timestamp};

/// Where a row lives.
#[derive(Clone, Debug)]
pub struct Rg {
    /// Subscription id.
    pub sub: String,
    /// Tenant id.
    pub tenant: String,
    /// Resource group.
    pub rg: String,
    /// Location.
    pub location: String,
}

impl Rg {
    /// The ARM id of a resource in this group.
    #[must_use]
    pub fn id(&self, provider_type: &str, name: &str) -> String {
        format!(
            "/subscriptions/{}/resourceGroups/{}/providers/{provider_type}/{name}",
            self.sub, self.rg
        )
    }
}

fn tag_obj(tags: &Tags) -> Value {
    Value::Object(tags.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

/// A Resource Graph row.
#[allow(clippy::too_many_arguments)]
fn row(
    g: &Rg,
    provider_type: &str,
    name: &str,
    kind: &str,
    sku: Value,
    identity: Value,
    managed_by: &str,
    tags: &Tags,
    properties: Value,
) -> Value {
    let mut r = json!({
        "id": g.id(provider_type, name),
        "name": name.rsplit('/').next().unwrap_or(name),
        "type": provider_type.to_ascii_lowercase(),
        "tenantId": g.tenant,
        "kind": kind,
        "location": g.location,
        "resourceGroup": g.rg,
        "subscriptionId": g.sub,
        "managedBy": managed_by,
        "sku": null,
        "plan": null,
        "properties": null,
        "tags": tag_obj(tags),
        "identity": null,
        "zones": null,
        "extendedLocation": null,
    });
    r["sku"] = sku;
    r["properties"] = properties;
    r["identity"] = identity;
    r
}

fn system_identity(rng: &mut Rng, g: &Rg) -> Value {
    json!({"type": "SystemAssigned", "principalId": rng.uuid(), "tenantId": g.tenant})
}

/// A storage account's settings; `None` leaves a property out (older accounts lack some).
#[derive(Clone, Debug)]
pub struct Storage {
    /// `allowBlobPublicAccess`.
    pub public_blob: Option<bool>,
    /// `supportsHttpsTrafficOnly`.
    pub https_only: bool,
    /// `minimumTlsVersion`.
    pub tls: Option<&'static str>,
    /// `allowSharedKeyAccess`.
    pub shared_key: Option<bool>,
    /// `publicNetworkAccess`.
    pub public_network: &'static str,
    /// `networkAcls.defaultAction`.
    pub default_action: &'static str,
    /// Customer-managed key.
    pub cmk: bool,
    /// Private endpoints.
    pub private_endpoints: usize,
}

impl Storage {
    /// A locked-down account.
    #[must_use]
    pub fn private() -> Storage {
        Storage {
            public_blob: Some(false),
            https_only: true,
            tls: Some("TLS1_2"),
            shared_key: Some(false),
            public_network: "Disabled",
            default_action: "Deny",
            cmk: false,
            private_endpoints: 1,
        }
    }
}

/// A `microsoft.storage/storageaccounts` row.
pub fn storage_account(rng: &mut Rng, g: &Rg, name: &str, s: &Storage, tags: &Tags) -> Value {
    let mut p = json!({
        "provisioningState": "Succeeded",
        "creationTime": timestamp(rng.range(30, 1400) as i64, rng.next_u64()),
        "primaryLocation": g.location,
        "statusOfPrimary": "available",
        "accessTier": "Hot",
        "supportsHttpsTrafficOnly": s.https_only,
        "minimumTlsVersion": s.tls,
        "allowBlobPublicAccess": s.public_blob,
        "allowSharedKeyAccess": s.shared_key,
        "allowCrossTenantReplication": false,
        "publicNetworkAccess": s.public_network,
        "networkAcls": {"bypass": "AzureServices", "defaultAction": s.default_action, "ipRules": [], "virtualNetworkRules": [], "resourceAccessRules": []},
        "encryption": {
            "keySource": if s.cmk { "Microsoft.Keyvault" } else { "Microsoft.Storage" },
            "requireInfrastructureEncryption": s.cmk,
            "services": {"blob": {"enabled": true, "keyType": "Account"}, "file": {"enabled": true, "keyType": "Account"}},
            "keyvaultproperties": if s.cmk { json!({"keyvaulturi": format!("https://kv-{}.vault.azure.net", g.rg), "keyname": "storage-cmk"}) } else { Value::Null },
        },
        "primaryEndpoints": {
            "blob": format!("https://{name}.blob.core.windows.net/"),
            "queue": format!("https://{name}.queue.core.windows.net/"),
            "table": format!("https://{name}.table.core.windows.net/"),
            "file": format!("https://{name}.file.core.windows.net/"),
            "dfs": format!("https://{name}.dfs.core.windows.net/"),
            "web": format!("https://{name}.z13.web.core.windows.net/"),
        },
        "privateEndpointConnections": (0..s.private_endpoints).map(|i| json!({"id": g.id("Microsoft.Storage/storageAccounts", &format!("{name}/privateEndpointConnections/{name}.pe{i}")), "properties": {"privateLinkServiceConnectionState": {"status": "Approved"}}})).collect::<Vec<_>>(),
        "dnsEndpointType": "Standard",
        "keyCreationTime": {"key1": timestamp(200, 1), "key2": timestamp(200, 2)},
    });
    // Locked-down accounts (no shared key) also follow the key hygiene settings: recent keys,
    // a rotation reminder and Entra authorization by default in the portal.
    if s.shared_key == Some(false)
        && let Value::Object(o) = &mut p
    {
        o.insert(
            "keyCreationTime".into(),
            json!({"key1": timestamp(20, 1), "key2": timestamp(20, 2)}),
        );
        o.insert("keyPolicy".into(), json!({"keyExpirationPeriodInDays": 90}));
        o.insert("defaultToOAuthAuthentication".into(), json!(true));
    }
    if let Value::Object(o) = &mut p {
        for (k, present) in [
            ("minimumTlsVersion", s.tls.is_some()),
            ("allowBlobPublicAccess", s.public_blob.is_some()),
            ("allowSharedKeyAccess", s.shared_key.is_some()),
        ] {
            if !present {
                o.remove(k);
            }
        }
    }
    row(
        g,
        "Microsoft.Storage/storageAccounts",
        name,
        "StorageV2",
        json!({"name": "Standard_GRS", "tier": "Standard"}),
        Value::Null,
        "",
        tags,
        p,
    )
}

/// A `microsoft.sql/servers` row.
#[allow(clippy::too_many_arguments)]
pub fn sql_server(
    rng: &mut Rng,
    g: &Rg,
    name: &str,
    public: bool,
    tls: &str,
    entra_admin: bool,
    entra_only: bool,
    tags: &Tags,
) -> Value {
    let admins = if entra_admin {
        json!({"administratorType": "ActiveDirectory", "principalType": "Group", "login": "sg-larkspur-dba", "sid": rng.uuid(), "tenantId": g.tenant, "azureADOnlyAuthentication": entra_only})
    } else {
        Value::Null
    };
    let identity = system_identity(rng, g);
    row(
        g,
        "Microsoft.Sql/servers",
        name,
        "v12.0",
        Value::Null,
        identity,
        "",
        tags,
        json!({
            "administratorLogin": "larkspuradmin",
            "version": "12.0",
            "state": "Ready",
            "fullyQualifiedDomainName": format!("{name}.database.windows.net"),
            "privateEndpointConnections": [],
            "minimalTlsVersion": tls,
            "publicNetworkAccess": if public { "Enabled" } else { "Disabled" },
            "administrators": admins,
            "restrictOutboundNetworkAccess": "Disabled",
        }),
    )
}

/// A `microsoft.sql/servers/firewallrules` row.
pub fn sql_firewall_rule(g: &Rg, server: &str, name: &str, start: &str, end: &str) -> Value {
    let mut r = row(
        g,
        "Microsoft.Sql/servers/firewallRules",
        &format!("{server}/{name}"),
        "v12.0",
        Value::Null,
        Value::Null,
        "",
        &Vec::new(),
        json!({"startIpAddress": start, "endIpAddress": end}),
    );
    // Child resources carry no location of their own.
    r["location"] = json!("");
    r["id"] = json!(g.id(
        "Microsoft.Sql/servers",
        &format!("{server}/firewallRules/{name}")
    ));
    r
}

/// One NSG rule.
#[derive(Clone, Debug)]
pub struct NsgRule {
    /// Name.
    pub name: &'static str,
    /// Priority.
    pub priority: i64,
    /// `Tcp`, `Udp`, `*`.
    pub protocol: &'static str,
    /// Sources (one → `sourceAddressPrefix`, several → `sourceAddressPrefixes`).
    pub sources: Vec<&'static str>,
    /// Destination ports.
    pub ports: Vec<&'static str>,
    /// `Allow`/`Deny`.
    pub access: &'static str,
}

/// An inbound allow rule.
#[must_use]
pub fn inbound(
    name: &'static str,
    priority: i64,
    sources: &[&'static str],
    ports: &[&'static str],
) -> NsgRule {
    NsgRule {
        name,
        priority,
        protocol: "Tcp",
        sources: sources.to_vec(),
        ports: ports.to_vec(),
        access: "Allow",
    }
}

/// A `microsoft.network/networksecuritygroups` row.
pub fn nsg(
    rng: &mut Rng,
    g: &Rg,
    name: &str,
    rules: &[NsgRule],
    subnets: &[String],
    tags: &Tags,
) -> Value {
    let id = g.id("Microsoft.Network/networkSecurityGroups", name);
    let rule_json = |r: &NsgRule, rng: &mut Rng| {
        let (src, srcs) = if r.sources.len() == 1 {
            (json!(r.sources[0]), json!([]))
        } else {
            (Value::Null, json!(r.sources))
        };
        let (port, ports) = if r.ports.len() == 1 {
            (json!(r.ports[0]), json!([]))
        } else {
            (Value::Null, json!(r.ports))
        };
        let mut p = json!({
            "provisioningState": "Succeeded",
            "protocol": r.protocol,
            "sourcePortRange": "*",
            "destinationAddressPrefix": "*",
            "access": r.access,
            "priority": r.priority,
            "direction": "Inbound",
            "sourcePortRanges": [],
            "destinationPortRanges": ports,
            "sourceAddressPrefixes": srcs,
            "destinationAddressPrefixes": [],
        });
        if !src.is_null() {
            p["sourceAddressPrefix"] = src;
        }
        if !port.is_null() {
            p["destinationPortRange"] = port;
        }
        json!({"name": r.name, "id": format!("{id}/securityRules/{}", r.name), "etag": format!("W/\"{}\"", rng.uuid()), "type": "Microsoft.Network/networkSecurityGroups/securityRules", "properties": p})
    };
    let security_rules: Vec<Value> = rules.iter().map(|r| rule_json(r, rng)).collect();
    let defaults: Vec<Value> = [
        ("AllowVnetInBound", 65000, "VirtualNetwork", "Allow", "Inbound"),
        ("AllowAzureLoadBalancerInBound", 65001, "AzureLoadBalancer", "Allow", "Inbound"),
        ("DenyAllInBound", 65500, "*", "Deny", "Inbound"),
        ("AllowVnetOutBound", 65000, "VirtualNetwork", "Allow", "Outbound"),
        ("AllowInternetOutBound", 65001, "*", "Allow", "Outbound"),
        ("DenyAllOutBound", 65500, "*", "Deny", "Outbound"),
    ]
    .iter()
    .map(|(n, prio, src, access, dir)| {
        json!({"name": n, "id": format!("{id}/defaultSecurityRules/{n}"), "type": "Microsoft.Network/networkSecurityGroups/defaultSecurityRules", "properties": {"provisioningState": "Succeeded", "description": "Default rule", "protocol": "*", "sourcePortRange": "*", "destinationPortRange": "*", "sourceAddressPrefix": src, "destinationAddressPrefix": "*", "access": access, "priority": prio, "direction": dir, "sourcePortRanges": [], "destinationPortRanges": [], "sourceAddressPrefixes": [], "destinationAddressPrefixes": []}})
    })
    .collect();
    row(
        g,
        "Microsoft.Network/networkSecurityGroups",
        name,
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        json!({
            "provisioningState": "Succeeded",
            "resourceGuid": rng.uuid(),
            "securityRules": security_rules,
            "defaultSecurityRules": defaults,
            "subnets": subnets.iter().map(|s| json!({"id": s})).collect::<Vec<_>>(),
        }),
    )
}

/// A `microsoft.keyvault/vaults` row.
#[allow(clippy::too_many_arguments)]
pub fn key_vault(
    rng: &mut Rng,
    g: &Rg,
    name: &str,
    purge_protection: Option<bool>,
    rbac: bool,
    public: bool,
    default_action: &str,
    private_endpoints: usize,
    tags: &Tags,
) -> Value {
    let mut p = json!({
        "sku": {"family": "A", "name": "standard"},
        "tenantId": g.tenant,
        "accessPolicies": if rbac { json!([]) } else { json!([{"tenantId": g.tenant, "objectId": rng.uuid(), "permissions": {"keys": ["Get", "List", "WrapKey", "UnwrapKey"], "secrets": ["Get", "List", "Set", "Delete"], "certificates": []}}]) },
        "enabledForDeployment": false,
        "enabledForDiskEncryption": true,
        "enabledForTemplateDeployment": false,
        "enableSoftDelete": true,
        "softDeleteRetentionInDays": 90,
        "enableRbacAuthorization": rbac,
        "enablePurgeProtection": purge_protection,
        "vaultUri": format!("https://{name}.vault.azure.net/"),
        "provisioningState": "Succeeded",
        "publicNetworkAccess": if public { "Enabled" } else { "Disabled" },
        "networkAcls": {"bypass": "AzureServices", "defaultAction": default_action, "ipRules": [], "virtualNetworkRules": []},
        "privateEndpointConnections": (0..private_endpoints).map(|i| json!({"id": g.id("Microsoft.KeyVault/vaults", &format!("{name}/privateEndpointConnections/pe{i}")), "properties": {"provisioningState": "Succeeded", "privateLinkServiceConnectionState": {"status": "Approved", "actionsRequired": "None"}}})).collect::<Vec<_>>(),
    });
    // Vaults created without purge protection do not carry the property at all.
    if purge_protection.is_none()
        && let Value::Object(o) = &mut p
    {
        o.remove("enablePurgeProtection");
    }
    row(
        g,
        "Microsoft.KeyVault/vaults",
        name,
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        p,
    )
}

/// A virtual machine's settings.
#[derive(Clone, Debug)]
pub struct Vm {
    /// Size.
    pub size: &'static str,
    /// Windows or Linux.
    pub windows: bool,
    /// Linux password authentication disabled.
    pub password_auth_disabled: bool,
    /// Encryption at host.
    pub encryption_at_host: bool,
    /// Managed identity.
    pub identity: bool,
    /// Trusted launch (secure boot + vTPM).
    pub trusted_launch: bool,
}

/// A `microsoft.compute/virtualmachines` row; returns the row and its OS disk name.
pub fn vm(rng: &mut Rng, g: &Rg, name: &str, v: &Vm, tags: &Tags) -> (Value, String) {
    let disk = format!("{name}_OsDisk_1_{}", rng.hex(32));
    let nic = g.id(
        "Microsoft.Network/networkInterfaces",
        &format!("{name}-nic"),
    );
    let os_profile = if v.windows {
        json!({"computerName": name, "adminUsername": "lkhadmin", "windowsConfiguration": {"provisionVMAgent": true, "enableAutomaticUpdates": true, "patchSettings": {"patchMode": "AutomaticByOS", "assessmentMode": "ImageDefault"}}, "secrets": [], "allowExtensionOperations": true})
    } else {
        json!({"computerName": name, "adminUsername": "lkhadmin", "linuxConfiguration": {"disablePasswordAuthentication": v.password_auth_disabled, "provisionVMAgent": true, "patchSettings": {"patchMode": "ImageDefault", "assessmentMode": "ImageDefault"}}, "secrets": [], "allowExtensionOperations": true})
    };
    let identity = if v.identity {
        system_identity(rng, g)
    } else {
        Value::Null
    };
    let mut security = json!({"encryptionAtHost": v.encryption_at_host});
    if v.trusted_launch {
        security["securityType"] = json!("TrustedLaunch");
        security["uefiSettings"] = json!({"secureBootEnabled": true, "vTpmEnabled": true});
    }
    let r = row(
        g,
        "Microsoft.Compute/virtualMachines",
        name,
        "",
        Value::Null,
        identity,
        "",
        tags,
        json!({
            "vmId": rng.uuid(),
            "hardwareProfile": {"vmSize": v.size},
            "storageProfile": {
                "imageReference": if v.windows { json!({"publisher": "MicrosoftWindowsServer", "offer": "WindowsServer", "sku": "2022-datacenter-azure-edition", "version": "latest"}) } else { json!({"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest"}) },
                "osDisk": {"osType": if v.windows { "Windows" } else { "Linux" }, "name": disk, "createOption": "FromImage", "caching": "ReadWrite", "managedDisk": {"storageAccountType": "Premium_LRS", "id": g.id("Microsoft.Compute/disks", &disk)}, "deleteOption": "Delete", "diskSizeGB": 128},
                "dataDisks": [],
            },
            "osProfile": os_profile,
            "networkProfile": {"networkInterfaces": [{"id": nic}]},
            "securityProfile": security,
            "diagnosticsProfile": {"bootDiagnostics": {"enabled": true}},
            "provisioningState": "Succeeded",
            "timeCreated": timestamp(rng.range(30, 900) as i64, rng.next_u64()),
            "extended": {"instanceView": {"computerName": name, "osName": if v.windows { "Windows Server 2022 Datacenter" } else { "ubuntu" }, "powerState": {"code": "PowerState/running", "level": "Info", "displayStatus": "VM running"}}},
        }),
    );
    (r, disk)
}

/// A `microsoft.compute/disks` row.
#[allow(clippy::too_many_arguments)]
pub fn disk(
    rng: &mut Rng,
    g: &Rg,
    name: &str,
    size: i64,
    cmk: bool,
    managed_by: Option<&str>,
    network_policy: &str,
    tags: &Tags,
) -> Value {
    row(
        g,
        "Microsoft.Compute/disks",
        name,
        "",
        json!({"name": "Premium_LRS", "tier": "Premium"}),
        Value::Null,
        managed_by.unwrap_or(""),
        tags,
        json!({
            "osType": "Linux",
            "hyperVGeneration": "V2",
            "creationData": {"createOption": "FromImage"},
            "diskSizeGB": size,
            "diskIOPSReadWrite": 500,
            "diskMBpsReadWrite": 100,
            "encryption": if cmk { json!({"type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": g.id("Microsoft.Compute/diskEncryptionSets", "des-larkspur")}) } else { json!({"type": "EncryptionAtRestWithPlatformKey"}) },
            "networkAccessPolicy": network_policy,
            "publicNetworkAccess": if network_policy == "AllowAll" { "Enabled" } else { "Disabled" },
            "timeCreated": timestamp(rng.range(30, 900) as i64, rng.next_u64()),
            "provisioningState": "Succeeded",
            "diskState": if managed_by.is_some() { "Attached" } else { "Unattached" },
            "diskSizeBytes": size * 1_073_741_824,
            "uniqueId": rng.uuid(),
            "tier": "P10",
        }),
    )
}

/// An App Service app's settings.
#[derive(Clone, Debug)]
pub struct WebApp {
    /// `app,linux`, `functionapp,linux`, …
    pub kind: &'static str,
    /// HTTPS only.
    pub https_only: bool,
    /// Minimum TLS; `None` writes a `siteConfig` whose settings Resource Graph left null.
    pub tls: Option<&'static str>,
    /// FTPS state.
    pub ftps: &'static str,
    /// Client certificates.
    pub client_cert: bool,
    /// Managed identity.
    pub identity: bool,
    /// Public network access.
    pub public: bool,
    /// Remote debugging.
    pub remote_debug: bool,
}

/// A `microsoft.web/sites` row.
pub fn web_app(rng: &mut Rng, g: &Rg, name: &str, w: &WebApp, tags: &Tags) -> Value {
    let site_config = match w.tls {
        Some(tls) => json!({
            "numberOfWorkers": 1,
            "linuxFxVersion": if w.kind.contains("function") { "PYTHON|3.12" } else { "NODE|22-lts" },
            "alwaysOn": true,
            "http20Enabled": true,
            "minTlsVersion": tls,
            "scmMinTlsVersion": tls,
            "ftpsState": w.ftps,
            "remoteDebuggingEnabled": w.remote_debug,
            "acrUseManagedIdentityCreds": false,
            "functionAppScaleLimit": 0,
            "minimumElasticInstanceCount": 0,
        }),
        None => json!({
            "numberOfWorkers": 1,
            "linuxFxVersion": "DOTNETCORE|8.0",
            "alwaysOn": false,
            "http20Enabled": null,
            "minTlsVersion": null,
            "ftpsState": null,
            "remoteDebuggingEnabled": null,
            "acrUseManagedIdentityCreds": false,
        }),
    };
    let identity = if w.identity {
        system_identity(rng, g)
    } else {
        Value::Null
    };
    row(
        g,
        "Microsoft.Web/sites",
        name,
        w.kind,
        Value::Null,
        identity,
        "",
        tags,
        json!({
            "name": name,
            "state": "Running",
            "hostNames": [format!("{name}.azurewebsites.net")],
            "enabled": true,
            "enabledHostNames": [format!("{name}.azurewebsites.net"), format!("{name}.scm.azurewebsites.net")],
            "serverFarmId": g.id("Microsoft.Web/serverfarms", &format!("asp-{}", g.rg)),
            "siteConfig": site_config,
            "httpsOnly": w.https_only,
            "clientCertEnabled": w.client_cert,
            "clientCertMode": "Required",
            "publicNetworkAccess": if w.public { "Enabled" } else { "Disabled" },
            "defaultHostName": format!("{name}.azurewebsites.net"),
            "outboundIpAddresses": "20.0.0.1,20.0.0.2",
            "customDomainVerificationId": rng.hex(64).to_ascii_uppercase(),
            "keyVaultReferenceIdentity": "SystemAssigned",
            "lastModifiedTimeUtc": timestamp(rng.range(1, 100) as i64, rng.next_u64()),
        }),
    )
}

/// A row of a type Posture does not model.
pub fn unmodeled(rng: &mut Rng, g: &Rg, provider_type: &str, name: &str, tags: &Tags) -> Value {
    let props = match provider_type {
        "Microsoft.Network/virtualNetworks" => {
            json!({"provisioningState": "Succeeded", "resourceGuid": rng.uuid(), "addressSpace": {"addressPrefixes": ["10.40.0.0/16"]}, "subnets": [{"name": "default", "properties": {"addressPrefix": "10.40.0.0/24"}}], "enableDdosProtection": false})
        }
        "Microsoft.Network/publicIPAddresses" => {
            json!({"provisioningState": "Succeeded", "ipAddress": format!("20.{}.{}.{}", rng.range(0, 255), rng.range(0, 255), rng.range(1, 254)), "publicIPAddressVersion": "IPv4", "publicIPAllocationMethod": "Static", "idleTimeoutInMinutes": 4})
        }
        "Microsoft.OperationalInsights/workspaces" => {
            json!({"provisioningState": "Succeeded", "customerId": rng.uuid(), "sku": {"name": "PerGB2018"}, "retentionInDays": 90, "publicNetworkAccessForIngestion": "Enabled", "publicNetworkAccessForQuery": "Enabled"})
        }
        _ => {
            json!({"provisioningState": "Succeeded", "Application_Type": "web", "Ver": "v2", "IngestionMode": "LogAnalytics", "ConnectionString": null, "RetentionInDays": 90})
        }
    };
    row(
        g,
        provider_type,
        name,
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        props,
    )
}

/// Write `az graph query` output: `{"count", "data", "skip_token", "total_records"}`, streaming
/// rows from `rows`. `pretty` indents like the CLI does.
///
/// # Errors
/// I/O errors.
pub fn write_graph_output<W: Write>(
    mut w: W,
    count: usize,
    total: usize,
    skip_token: Option<&str>,
    rows: impl Iterator<Item = Value>,
    pretty: bool,
) -> io::Result<W> {
    write!(w, "{{\n  \"count\": {count},\n  \"data\": [")?;
    for (i, r) in rows.enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write_value(&mut w, &r, pretty, 2)?;
    }
    let token = match skip_token {
        Some(t) => serde_json::to_string(t)?,
        None => "null".to_owned(),
    };
    write!(
        w,
        "\n  ],\n  \"skip_token\": {token},\n  \"total_records\": {total}\n}}\n"
    )?;
    Ok(w)
}

/// Write a bare JSON array of rows (resource-graph extension 1.x output).
///
/// # Errors
/// I/O errors.
pub fn write_bare_array<W: Write>(mut w: W, rows: &[Value]) -> io::Result<W> {
    w.write_all(b"[")?;
    for (i, r) in rows.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write_value(&mut w, r, true, 1)?;
    }
    w.write_all(b"\n]\n")?;
    Ok(w)
}

/// Write `v` compactly or pretty-printed with two-space indentation, nested `level` deep.
fn write_value<W: Write>(w: &mut W, v: &Value, pretty: bool, level: usize) -> io::Result<()> {
    if !pretty {
        serde_json::to_writer(&mut *w, v)?;
        return Ok(());
    }
    let text = serde_json::to_string_pretty(v)?;
    let pad = "  ".repeat(level);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
        }
        w.write_all(pad.as_bytes())?;
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A `microsoft.network/networkinterfaces` row: one IP configuration in `subnet`, with an
/// optional public IP and an optional NSG on the interface.
#[allow(clippy::too_many_arguments)]
pub fn nic(
    rng: &mut Rng,
    g: &Rg,
    name: &str,
    vm: &str,
    subnet: &str,
    public_ip: Option<&str>,
    nsg: Option<&str>,
    tags: &Tags,
) -> Value {
    let id = g.id("Microsoft.Network/networkInterfaces", name);
    let mut ipc = json!({
        "provisioningState": "Succeeded",
        "privateIPAddress": format!("10.{}.{}.{}", rng.range(20, 60), rng.range(0, 15), rng.range(4, 250)),
        "privateIPAllocationMethod": "Dynamic",
        "subnet": {"id": subnet},
        "primary": true,
        "privateIPAddressVersion": "IPv4",
    });
    if let Some(p) = public_ip {
        ipc["publicIPAddress"] = json!({"id": p});
    }
    let mut p = json!({
        "provisioningState": "Succeeded",
        "resourceGuid": rng.uuid(),
        "ipConfigurations": [{"name": "ipconfig1", "id": format!("{id}/ipConfigurations/ipconfig1"), "type": "Microsoft.Network/networkInterfaces/ipConfigurations", "properties": ipc}],
        "dnsSettings": {"dnsServers": [], "appliedDnsServers": []},
        "macAddress": format!("00-0D-3A-{}-{}-{}", rng.hex(2), rng.hex(2), rng.hex(2)).to_ascii_uppercase(),
        "enableAcceleratedNetworking": true,
        "enableIPForwarding": false,
        "primary": true,
        "virtualMachine": {"id": vm},
        "hostedWorkloads": [],
        "tapConfigurations": [],
        "nicType": "Standard",
        "auxiliaryMode": "None",
    });
    // ARM leaves `networkSecurityGroup` out when the interface has none.
    if let Some(n) = nsg {
        p["networkSecurityGroup"] = json!({"id": n});
    }
    row(
        g,
        "Microsoft.Network/networkInterfaces",
        name,
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        p,
    )
}

/// The `properties` of a `microsoft.network/publicipaddresses` row bound to `ip_configuration`.
#[must_use]
pub fn public_ip_properties(rng: &mut Rng, ip: &str, ip_configuration: &str) -> Value {
    json!({
        "provisioningState": "Succeeded",
        "resourceGuid": rng.uuid(),
        "ipAddress": ip,
        "publicIPAddressVersion": "IPv4",
        "publicIPAllocationMethod": "Static",
        "idleTimeoutInMinutes": 4,
        "ipTags": [],
        "ipConfiguration": {"id": ip_configuration},
    })
}

/// A `microsoft.network/publicipaddresses` row (Standard SKU, static).
pub fn public_ip(
    rng: &mut Rng,
    g: &Rg,
    name: &str,
    ip: &str,
    ip_configuration: &str,
    tags: &Tags,
) -> Value {
    let p = public_ip_properties(rng, ip, ip_configuration);
    row(
        g,
        "Microsoft.Network/publicIPAddresses",
        name,
        "",
        json!({"name": "Standard", "tier": "Regional"}),
        Value::Null,
        "",
        tags,
        p,
    )
}

/// A `microsoft.network/routetables` row: user-defined routes (name, prefix, next hop type) on
/// `subnets`.
pub fn route_table(
    rng: &mut Rng,
    g: &Rg,
    name: &str,
    routes: &[(&str, &str, &str)],
    subnets: &[String],
    tags: &Tags,
) -> Value {
    let id = g.id("Microsoft.Network/routeTables", name);
    let routes: Vec<Value> = routes
        .iter()
        .map(|(n, prefix, hop)| {
            json!({"name": n, "id": format!("{id}/routes/{n}"), "etag": format!("W/\"{}\"", rng.uuid()), "type": "Microsoft.Network/routeTables/routes", "properties": {"provisioningState": "Succeeded", "addressPrefix": prefix, "nextHopType": hop, "hasBgpOverride": false}})
        })
        .collect();
    row(
        g,
        "Microsoft.Network/routeTables",
        name,
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        json!({
            "provisioningState": "Succeeded",
            "resourceGuid": rng.uuid(),
            "disableBgpRoutePropagation": true,
            "routes": routes,
            "subnets": subnets.iter().map(|s| json!({"id": s})).collect::<Vec<_>>(),
        }),
    )
}

/// A row scoped to a subscription rather than a resource group (Defender, RBAC, diagnostic
/// settings), as Resource Graph's `securityresources`/`authorizationresources` tables return it.
fn sub_row(sub: &str, tenant: &str, path: &str, provider_type: &str, props: &Value) -> Value {
    json!({
        "id": format!("/subscriptions/{sub}{path}"),
        "name": path.rsplit('/').next().unwrap_or(path),
        "type": provider_type.to_ascii_lowercase(),
        "tenantId": tenant,
        "kind": "",
        "location": "",
        "resourceGroup": "",
        "subscriptionId": sub,
        "properties": props.clone(),
    })
}

/// The governance side of a subscription: the subscription itself, Defender plans and contacts,
/// activity-log export and alerts, RBAC, Key Vault keys and secrets, VNets, Network Watcher, flow
/// logs, Bastion, an Application Gateway with its WAF policy, and the blob/file service and SQL
/// auditing child rows of existing accounts and servers. `hardened` picks the configuration a
/// careful team would have; the other one plants the failures. Returns the rows and the planted
/// issues (resource name, issue).
#[allow(clippy::too_many_lines)]
pub fn governance(
    rng: &mut Rng,
    g: &Rg,
    display_name: &str,
    hardened: bool,
    vault: &str,
    storage_accounts: &[(&Rg, &str)],
    sql_servers: &[(&Rg, &str)],
    tags: &Tags,
) -> (Vec<Value>, Vec<(String, &'static str)>) {
    let sub = g.sub.as_str();
    let tenant = g.tenant.as_str();
    let h = hardened;
    let mut v = Vec::new();
    let mut planted: Vec<(String, &'static str)> = Vec::new();
    let mut plant = |name: &str, issue: &'static str| {
        if !h {
            planted.push((name.to_owned(), issue));
        }
    };

    v.push(json!({
        "id": format!("/subscriptions/{sub}"),
        "name": display_name,
        "type": "microsoft.resources/subscriptions",
        "tenantId": tenant,
        "subscriptionId": sub,
        "properties": {"state": "Enabled", "subscriptionPolicies": {"locationPlacementId": "Public_2014-09-01", "quotaId": "EnterpriseAgreement_2014-09-01", "spendingLimit": "Off"}},
        "tags": tag_obj(tags),
    }));

    // Defender for Cloud plans: prod runs the paid plans it needs, dev only some.
    for (plan, sub_plan, dev_on) in [
        ("CloudPosture", "", false),
        ("Api", "P1", false),
        ("VirtualMachines", "P2", true),
        ("Containers", "", false),
        ("StorageAccounts", "DefenderForStorageV2", false),
        ("AppServices", "", false),
        ("CosmosDbs", "", false),
        ("OpenSourceRelationalDatabases", "", false),
        ("SqlServers", "", true),
        ("SqlServerVirtualMachines", "", false),
        ("KeyVaults", "PerKeyVault", false),
        ("Arm", "PerSubscription", false),
    ] {
        let on = h || dev_on;
        if !on {
            plant(
                &format!("{display_name} / Defender plan {plan}"),
                "Defender plan on the free tier",
            );
        }
        v.push(sub_row(
            sub,
            tenant,
            &format!("/providers/Microsoft.Security/pricings/{plan}"),
            "Microsoft.Security/pricings",
            &if on {
                json!({"pricingTier": "Standard", "subPlan": if sub_plan.is_empty() { Value::Null } else { json!(sub_plan) }, "freeTrialRemainingTime": "PT0S", "enablementTime": "2025-03-02T10:00:00Z"})
            } else {
                json!({"pricingTier": "Free", "freeTrialRemainingTime": "P30D"})
            },
        ));
    }
    v.push(sub_row(
        sub,
        tenant,
        "/providers/Microsoft.Security/securityContacts/default",
        "Microsoft.Security/securityContacts",
        &if h {
            json!({"isEnabled": true, "emails": "secops@larkspur.example;cloud-oncall@larkspur.example", "phone": "", "notificationsByRole": {"state": "On", "roles": ["Owner", "ServiceAdmin"]}, "notificationsSources": [{"sourceType": "Alert", "minimalSeverity": "Medium"}, {"sourceType": "AttackPath", "minimalRiskLevel": "Critical"}]})
        } else {
            json!({"isEnabled": true, "emails": "", "notificationsByRole": {"state": "Off", "roles": []}, "notificationsSources": []})
        },
    ));
    plant(
        &format!("{display_name} / security contact"),
        "no contact e-mail, owners not notified, no alert or attack-path mail",
    );

    // Activity log export.
    let categories: &[&str] = if h {
        &[
            "Administrative",
            "Security",
            "ServiceHealth",
            "Alert",
            "Recommendation",
            "Policy",
            "Autoscale",
            "ResourceHealth",
        ]
    } else {
        &["Administrative"]
    };
    v.push(sub_row(
        sub,
        tenant,
        "/providers/microsoft.insights/diagnosticSettings/activity-to-law",
        "Microsoft.Insights/diagnosticSettings",
        &json!({
            "workspaceId": format!("/subscriptions/{sub}/resourceGroups/{}/providers/Microsoft.OperationalInsights/workspaces/log-{display_name}", g.rg),
            "logs": categories.iter().map(|c| json!({"category": c, "categoryGroup": null, "enabled": true})).collect::<Vec<_>>(),
            "metrics": [],
        }),
    ));
    plant(
        "activity-to-law",
        "activity-log export leaves out Security, Alert and Policy",
    );
    // Key Vault audit logging.
    v.push(json!({
        "id": format!("{}/providers/microsoft.insights/diagnosticSettings/kv-audit", g.id("Microsoft.KeyVault/vaults", vault)),
        "name": "kv-audit",
        "type": "microsoft.insights/diagnosticsettings",
        "tenantId": tenant,
        "subscriptionId": sub,
        "properties": {
            "workspaceId": format!("/subscriptions/{sub}/resourceGroups/{}/providers/Microsoft.OperationalInsights/workspaces/log-{display_name}", g.rg),
            "logs": [{"category": null, "categoryGroup": if h { "audit" } else { "allLogs" }, "enabled": h}],
            "metrics": [{"category": "AllMetrics", "enabled": true}],
        },
    }));
    plant(
        vault,
        "Key Vault audit events not exported (log group disabled)",
    );

    // Activity log alerts: prod watches every operation CIS lists, dev only VM deletion.
    let ops: &[(&str, &str)] = if h {
        &[
            (
                "policy-assignment-write",
                "Microsoft.Authorization/policyAssignments/write",
            ),
            (
                "policy-assignment-delete",
                "Microsoft.Authorization/policyAssignments/delete",
            ),
            ("nsg-write", "Microsoft.Network/networkSecurityGroups/write"),
            (
                "nsg-delete",
                "Microsoft.Network/networkSecurityGroups/delete",
            ),
            (
                "security-solution-write",
                "Microsoft.Security/securitySolutions/write",
            ),
            (
                "security-solution-delete",
                "Microsoft.Security/securitySolutions/delete",
            ),
            (
                "sql-firewall-write",
                "Microsoft.Sql/servers/firewallRules/write",
            ),
            (
                "sql-firewall-delete",
                "Microsoft.Sql/servers/firewallRules/delete",
            ),
            (
                "public-ip-write",
                "Microsoft.Network/publicIPAddresses/write",
            ),
            (
                "public-ip-delete",
                "Microsoft.Network/publicIPAddresses/delete",
            ),
        ]
    } else {
        &[("vm-delete", "Microsoft.Compute/virtualMachines/delete")]
    };
    let action_group = format!(
        "/subscriptions/{sub}/resourceGroups/{}/providers/microsoft.insights/actionGroups/ag-secops",
        g.rg
    );
    let alert_row = |name: &str, all_of: Value| {
        let mut r = row(
            g,
            "microsoft.insights/activityLogAlerts",
            name,
            "",
            Value::Null,
            Value::Null,
            "",
            tags,
            json!({"enabled": true, "scopes": [format!("/subscriptions/{sub}")], "condition": {"allOf": all_of}, "actions": {"actionGroups": [{"actionGroupId": action_group, "webhookProperties": {}}]}, "description": ""}),
        );
        r["location"] = json!("global");
        r
    };
    for (name, op) in ops {
        v.push(alert_row(
            &format!("alert-{name}"),
            json!([{"field": "category", "equals": "Administrative"}, {"field": "operationName", "equals": op}]),
        ));
    }
    if h {
        v.push(alert_row(
            "alert-service-health",
            json!([{"field": "category", "equals": "ServiceHealth"}]),
        ));
    }
    plant(
        &format!("{display_name} / activity log alerts"),
        "no alerts for policy, NSG, security solution, SQL firewall, public IP or Service Health changes",
    );

    // RBAC.
    let owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    let uaa = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    let reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    let assignments: Vec<(&str, &str, String)> = if h {
        vec![
            (owner, "User", format!("/subscriptions/{sub}")),
            (owner, "User", format!("/subscriptions/{sub}")),
            (reader, "Group", format!("/subscriptions/{sub}")),
        ]
    } else {
        vec![
            (owner, "User", format!("/subscriptions/{sub}")),
            (uaa, "User", "/".to_owned()),
            (reader, "Group", format!("/subscriptions/{sub}")),
        ]
    };
    for (role, ptype, scope) in assignments {
        let id = rng.uuid();
        v.push(sub_row(
            sub,
            tenant,
            &format!("/providers/Microsoft.Authorization/roleAssignments/{id}"),
            "Microsoft.Authorization/roleAssignments",
            &json!({"roleDefinitionId": format!("/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{role}"), "principalId": rng.uuid(), "principalType": ptype, "scope": scope, "createdOn": "2025-02-11T09:30:00Z"}),
        ));
    }
    plant(
        &format!("{display_name} / role assignments"),
        "one subscription Owner; User Access Administrator left at root scope",
    );
    let role_id = rng.uuid();
    v.push(sub_row(
        sub,
        tenant,
        &format!("/providers/Microsoft.Authorization/roleDefinitions/{role_id}"),
        "Microsoft.Authorization/roleDefinitions",
        &if h {
            json!({"roleName": "Larkspur VM Operator", "type": "CustomRole", "description": "Start, stop and restart VMs", "permissions": [{"actions": ["Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/restart/action", "Microsoft.Compute/virtualMachines/deallocate/action"], "notActions": [], "dataActions": [], "notDataActions": []}], "assignableScopes": [format!("/subscriptions/{sub}")]})
        } else {
            json!({"roleName": "Larkspur Dev Admin", "type": "CustomRole", "description": "Everything, for the dev team", "permissions": [{"actions": ["*"], "notActions": [], "dataActions": [], "notDataActions": []}], "assignableScopes": [format!("/subscriptions/{sub}")]})
        },
    ));
    plant(
        "Larkspur Dev Admin",
        "custom role with `*` at subscription scope",
    );

    // Key Vault keys and secrets.
    let key_id = g.id(
        "Microsoft.KeyVault/vaults",
        &format!("{vault}/keys/cmk-data"),
    );
    let mut key = row(
        g,
        "Microsoft.KeyVault/vaults/keys",
        &format!("{vault}/keys/cmk-data"),
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        if h {
            json!({"attributes": {"enabled": true, "exp": 1_798_761_600i64, "created": 1_735_689_600i64}, "kty": "RSA", "keySize": 3072, "keyOps": ["wrapKey", "unwrapKey"], "rotationPolicy": {"lifetimeActions": [{"trigger": {"timeAfterCreate": "P90D"}, "action": {"type": "rotate"}}, {"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "notify"}}], "attributes": {"expiryTime": "P1Y"}}, "keyUri": format!("https://{vault}.vault.azure.net/keys/cmk-data")})
        } else {
            json!({"attributes": {"enabled": true, "created": 1_735_689_600i64}, "kty": "RSA", "keySize": 2048, "keyOps": ["encrypt", "decrypt"], "rotationPolicy": {"lifetimeActions": [{"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "notify"}}]}, "keyUri": format!("https://{vault}.vault.azure.net/keys/cmk-data")})
        },
    );
    key["id"] = json!(key_id);
    v.push(key);
    plant(
        &format!("{vault}/keys/cmk-data"),
        "key never expires and is not rotated automatically",
    );
    let mut secret = row(
        g,
        "Microsoft.KeyVault/vaults/secrets",
        &format!("{vault}/secrets/db-password"),
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        json!({"attributes": if h { json!({"enabled": true, "exp": 1_790_812_800i64}) } else { json!({"enabled": true}) }, "contentType": "text/plain", "secretUri": format!("https://{vault}.vault.azure.net/secrets/db-password")}),
    );
    secret["id"] = json!(g.id(
        "Microsoft.KeyVault/vaults",
        &format!("{vault}/secrets/db-password")
    ));
    v.push(secret);
    plant(
        &format!("{vault}/secrets/db-password"),
        "secret never expires",
    );

    // Networking.
    let env = if h { "prod" } else { "dev" };
    let vnet = format!("vnet-lkh-{env}-hub");
    let nsg_id = g.id(
        "Microsoft.Network/networkSecurityGroups",
        &format!("nsg-{env}-hub"),
    );
    let subnet = |name: &str, nsg: bool| json!({"name": name, "id": g.id("Microsoft.Network/virtualNetworks", &format!("{vnet}/subnets/{name}")), "properties": {"addressPrefix": "10.60.1.0/24", "networkSecurityGroup": if nsg { json!({"id": nsg_id}) } else { Value::Null }}});
    let mut subnets = vec![subnet("snet-app", true), subnet("GatewaySubnet", false)];
    if h {
        subnets.push(subnet("AzureBastionSubnet", true));
        subnets.push(subnet("snet-dbw-host", true));
        subnets.push(subnet("snet-dbw-container", true));
    } else {
        subnets.push(subnet("snet-scratch", false));
    }
    v.push(row(g, "Microsoft.Network/virtualNetworks", &vnet, "", Value::Null, Value::Null, "", tags,
        json!({"provisioningState": "Succeeded", "addressSpace": {"addressPrefixes": ["10.60.0.0/16"]}, "subnets": subnets, "enableDdosProtection": h, "ddosProtectionPlan": if h { json!({"id": format!("/subscriptions/{sub}/resourceGroups/{}/providers/Microsoft.Network/ddosProtectionPlans/ddos-larkspur", g.rg)}) } else { Value::Null }})));
    plant(
        &vnet,
        "subnet without NSG, no DDoS protection, no Network Watcher in its region",
    );
    let watcher_rg = Rg {
        sub: g.sub.clone(),
        tenant: g.tenant.clone(),
        rg: "NetworkWatcherRG".into(),
        location: if h {
            g.location.clone()
        } else {
            "westus2".into()
        },
    };
    let watcher = format!("NetworkWatcher_{}", watcher_rg.location);
    v.push(row(
        &watcher_rg,
        "Microsoft.Network/networkWatchers",
        &watcher,
        "",
        Value::Null,
        Value::Null,
        "",
        &Vec::new(),
        json!({"provisioningState": "Succeeded"}),
    ));
    let mut fl = row(
        &watcher_rg,
        "Microsoft.Network/networkWatchers/flowLogs",
        &format!("{watcher}/flowlog-{env}-hub"),
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        json!({"targetResourceId": g.id("Microsoft.Network/virtualNetworks", &vnet), "storageId": format!("/subscriptions/{sub}/resourceGroups/{}/providers/Microsoft.Storage/storageAccounts/lkh{env}flowlogs", g.rg), "enabled": true, "retentionPolicy": {"days": if h { 365 } else { 7 }, "enabled": true}, "format": {"type": "JSON", "version": 2}, "flowAnalyticsConfiguration": {"networkWatcherFlowAnalyticsConfiguration": {"enabled": h, "trafficAnalyticsInterval": 10}}}),
    );
    fl["id"] = json!(watcher_rg.id(
        "Microsoft.Network/networkWatchers",
        &format!("{watcher}/flowLogs/flowlog-{env}-hub")
    ));
    v.push(fl);
    plant(
        &format!("flowlog-{env}-hub"),
        "flow log kept 7 days, not sent to Log Analytics",
    );
    if h {
        let mut b = row(
            g,
            "Microsoft.Network/bastionHosts",
            "bas-lkh-prod-hub",
            "",
            json!({"name": "Standard"}),
            Value::Null,
            "",
            tags,
            json!({"provisioningState": "Succeeded", "scaleUnits": 2, "ipConfigurations": [{"name": "ipconfig", "properties": {"subnet": {"id": g.id("Microsoft.Network/virtualNetworks", &format!("{vnet}/subnets/AzureBastionSubnet"))}}}]}),
        );
        b["sku"] = json!({"name": "Standard"});
        v.push(b);
    }
    plant(display_name, "virtual networks but no Azure Bastion");
    let waf = format!("waf-lkh-{env}");
    v.push(row(g, "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", &waf, "", Value::Null, Value::Null, "", tags,
        json!({"provisioningState": "Succeeded", "policySettings": {"state": "Enabled", "mode": if h { "Prevention" } else { "Detection" }, "requestBodyCheck": h, "maxRequestBodySizeInKb": 128, "fileUploadLimitInMb": 100}, "managedRules": {"managedRuleSets": if h { json!([{"ruleSetType": "Microsoft_DefaultRuleSet", "ruleSetVersion": "2.1"}, {"ruleSetType": "Microsoft_BotManagerRuleSet", "ruleSetVersion": "1.1"}]) } else { json!([{"ruleSetType": "OWASP", "ruleSetVersion": "3.2"}]) }, "exclusions": []}, "customRules": []})));
    plant(
        &waf,
        "WAF policy without request body inspection or bot protection",
    );
    let agw = format!("agw-lkh-{env}");
    v.push(row(g, "Microsoft.Network/applicationGateways", &agw, "", Value::Null, Value::Null, "", tags,
        if h {
            json!({"provisioningState": "Succeeded", "sku": {"name": "WAF_v2", "tier": "WAF_v2", "capacity": 2}, "sslPolicy": {"policyType": "Predefined", "policyName": "AppGwSslPolicy20220101S"}, "firewallPolicy": {"id": g.id("Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", &waf)}, "enableHttp2": true})
        } else {
            json!({"provisioningState": "Succeeded", "sku": {"name": "Standard_v2", "tier": "Standard_v2", "capacity": 1}, "sslPolicy": {"policyType": "Predefined", "policyName": "AppGwSslPolicy20150501"}, "enableHttp2": false})
        }));
    plant(
        &agw,
        "Application Gateway without WAF, TLS 1.0 allowed, HTTP/2 off",
    );

    // Databricks, the VPN gateway and the Defender for Endpoint setting.
    let dbw = format!("dbw-lkh-{env}-analytics");
    let dbw_params = if h {
        json!({"customVirtualNetworkId": {"type": "String", "value": g.id("Microsoft.Network/virtualNetworks", &vnet)}, "customPublicSubnetName": {"type": "String", "value": "snet-dbw-host"}, "customPrivateSubnetName": {"type": "String", "value": "snet-dbw-container"}, "enableNoPublicIp": {"type": "Bool", "value": true}, "prepareEncryption": {"type": "Bool", "value": false}})
    } else {
        json!({"enableNoPublicIp": {"type": "Bool", "value": false}, "prepareEncryption": {"type": "Bool", "value": false}})
    };
    let mut w = row(
        g,
        "Microsoft.Databricks/workspaces",
        &dbw,
        "",
        Value::Null,
        Value::Null,
        "",
        tags,
        json!({"provisioningState": "Succeeded", "managedResourceGroupId": format!("/subscriptions/{sub}/resourceGroups/databricks-rg-{dbw}"), "parameters": dbw_params, "publicNetworkAccess": if h { "Disabled" } else { "Enabled" }, "requiredNsgRules": if h { "NoAzureDatabricksRules" } else { "AllRules" }, "privateEndpointConnections": if h { json!([{"id": g.id("Microsoft.Databricks/workspaces", &format!("{dbw}/privateEndpointConnections/{dbw}.pe0")), "properties": {"privateLinkServiceConnectionState": {"status": "Approved"}, "groupIds": ["databricks_ui_api"]}}]) } else { json!([]) }, "workspaceUrl": format!("adb-{}.azuredatabricks.net", rng.digits(16))}),
    );
    w["sku"] = json!({"name": "premium"});
    v.push(w);
    if h {
        v.push(json!({
            "id": format!("{}/providers/microsoft.insights/diagnosticSettings/dbw-logs", g.id("Microsoft.Databricks/workspaces", &dbw)),
            "name": "dbw-logs",
            "type": "microsoft.insights/diagnosticsettings",
            "tenantId": tenant,
            "subscriptionId": sub,
            "properties": {"workspaceId": format!("/subscriptions/{sub}/resourceGroups/{}/providers/Microsoft.OperationalInsights/workspaces/log-{display_name}", g.rg), "logs": [{"category": null, "categoryGroup": "allLogs", "enabled": true}]},
        }));
    }
    plant(
        &dbw,
        "Databricks in a managed VNet, public IPs on nodes, public network access, no private endpoint, no diagnostic logs",
    );
    v.push(row(g, "Microsoft.Network/virtualNetworkGateways", &format!("vpngw-lkh-{env}"), "", Value::Null, Value::Null, "", tags,
        json!({"provisioningState": "Succeeded", "gatewayType": "Vpn", "vpnType": "RouteBased", "sku": {"name": "VpnGw2AZ", "tier": "VpnGw2AZ"}, "vpnClientConfiguration": if h {
            json!({"vpnClientAddressPool": {"addressPrefixes": ["172.16.10.0/24"]}, "vpnClientProtocols": ["OpenVPN"], "vpnAuthenticationTypes": ["AAD"], "aadTenant": format!("https://login.microsoftonline.com/{tenant}/"), "aadAudience": "41b23e61-6c1e-4545-b367-cd054e0ed4b4", "aadIssuer": format!("https://sts.windows.net/{tenant}/")})
        } else {
            json!({"vpnClientAddressPool": {"addressPrefixes": ["172.16.20.0/24"]}, "vpnClientProtocols": ["IkeV2", "SSTP"], "vpnAuthenticationTypes": ["Certificate"], "vpnClientRootCertificates": [{"name": "larkspur-dev-root", "properties": {"publicCertData": "MIIC5zCCAc+gAwIBAgIQExample"}}]})
        }})));
    plant(
        &format!("vpngw-lkh-{env}"),
        "point-to-site VPN authenticates with certificates, not Entra ID",
    );
    let mut wdatp = sub_row(
        sub,
        tenant,
        "/providers/Microsoft.Security/settings/WDATP",
        "Microsoft.Security/settings",
        &json!({"enabled": h}),
    );
    wdatp["kind"] = json!("DataExportSettings");
    v.push(wdatp);
    plant(
        &format!("{display_name} / WDATP setting"),
        "Defender for Endpoint integration off",
    );

    // Child rows of existing storage accounts and SQL servers.
    for (i, (sg, sa)) in storage_accounts.iter().enumerate() {
        let good = h && i == 0;
        let sa_id = sg.id("Microsoft.Storage/storageAccounts", sa);
        let mut blob = row(
            sg,
            "Microsoft.Storage/storageAccounts/blobServices",
            &format!("{sa}/blobServices/default"),
            "",
            Value::Null,
            Value::Null,
            "",
            &Vec::new(),
            json!({"deleteRetentionPolicy": {"enabled": good || i == 1, "days": 14}, "containerDeleteRetentionPolicy": {"enabled": good, "days": 14}, "isVersioningEnabled": good, "cors": {"corsRules": []}}),
        );
        blob["id"] = json!(format!("{sa_id}/blobServices/default"));
        v.push(blob);
        let mut file = row(
            sg,
            "Microsoft.Storage/storageAccounts/fileServices",
            &format!("{sa}/fileServices/default"),
            "",
            Value::Null,
            Value::Null,
            "",
            &Vec::new(),
            json!({"shareDeleteRetentionPolicy": {"enabled": good, "days": 14}, "protocolSettings": {"smb": if good { json!({"versions": "SMB3.1.1", "channelEncryption": "AES-256-GCM", "authenticationMethods": "Kerberos"}) } else { json!({}) }}}),
        );
        file["id"] = json!(format!("{sa_id}/fileServices/default"));
        v.push(file);
        if !good {
            planted.push((
                (*sa).to_owned(),
                "blob/container soft delete, versioning or file share protections off",
            ));
        }
    }
    for (i, (sg, server)) in sql_servers.iter().enumerate() {
        let good = h && i == 0;
        let id = sg.id("Microsoft.Sql/servers", server);
        let mut a = row(
            sg,
            "Microsoft.Sql/servers/auditingSettings",
            &format!("{server}/auditingSettings/default"),
            "",
            Value::Null,
            Value::Null,
            "",
            &Vec::new(),
            json!({"state": if good || i == 1 { "Enabled" } else { "Disabled" }, "retentionDays": if good { 0 } else { 30 }, "isAzureMonitorTargetEnabled": true}),
        );
        a["id"] = json!(format!("{id}/auditingSettings/default"));
        v.push(a);
        if !good {
            planted.push((
                (*server).to_owned(),
                "SQL auditing off or kept only 30 days",
            ));
        }
    }
    (v, planted)
}

/// Move child rows (blob/file services, SQL auditing settings) right after their parent, so a
/// paged export keeps them in the same file as the resource they belong to.
pub fn place_children(rows: &mut Vec<Value>) {
    let is_child = |r: &Value| {
        r["type"].as_str().is_some_and(|t| {
            t.ends_with("/blobservices")
                || t.ends_with("/fileservices")
                || t.ends_with("/auditingsettings")
        })
    };
    let children: Vec<Value> = rows.iter().filter(|r| is_child(r)).cloned().collect();
    rows.retain(|r| !is_child(r));
    for c in children {
        let id = c["id"].as_str().unwrap_or_default().to_ascii_lowercase();
        let parent = id.rsplitn(3, '/').nth(2).unwrap_or_default().to_owned();
        let at = rows
            .iter()
            .rposition(|r| {
                let rid = r["id"].as_str().unwrap_or_default().to_ascii_lowercase();
                rid == parent || rid.starts_with(&format!("{parent}/"))
            })
            .map_or(rows.len(), |i| i + 1);
        rows.insert(at, c);
    }
}
