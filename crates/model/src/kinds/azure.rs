//! Typed configuration of Azure resource kinds. `None` = not observed.

use serde::{Deserialize, Serialize};

/// A storage account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageAccount {
    /// `StorageV2`, `BlobStorage`, …
    pub account_kind: Option<String>,
    /// SKU name (`Standard_GRS`, …).
    pub sku: Option<String>,
    /// Anonymous (public) blob access allowed.
    pub allow_blob_public_access: Option<bool>,
    /// Secure transfer (HTTPS only) required.
    pub https_only: Option<bool>,
    /// `TLS1_0`, `TLS1_1`, `TLS1_2`, `TLS1_3`.
    pub minimum_tls_version: Option<String>,
    /// Shared key (account key) authorization allowed.
    pub allow_shared_key_access: Option<bool>,
    /// `Enabled`, `Disabled` or `SecuredByPerimeter`.
    pub public_network_access: Option<String>,
    /// Firewall default action (`Allow`/`Deny`).
    pub network_default_action: Option<String>,
    /// Firewall bypass (`AzureServices`, `None`, …).
    pub network_bypass: Option<String>,
    /// `Microsoft.Storage` or `Microsoft.Keyvault` (customer-managed key).
    pub key_source: Option<String>,
    /// Infrastructure (double) encryption.
    pub infrastructure_encryption: Option<bool>,
    /// Cross-tenant object replication allowed.
    pub allow_cross_tenant_replication: Option<bool>,
    /// Number of private endpoint connections.
    pub private_endpoint_count: Option<i64>,
    /// Blob soft delete enabled (blob service property).
    pub blob_soft_delete_enabled: Option<bool>,
    /// Container soft delete enabled (blob service property).
    pub container_soft_delete_enabled: Option<bool>,
    /// Blob versioning enabled (blob service property).
    pub blob_versioning_enabled: Option<bool>,
    /// Access-key expiration period in days (`keyPolicy`); 0 = no key rotation reminder.
    pub key_expiration_period_days: Option<i64>,
    /// Creation time of the older of the two access keys (RFC 3339); empty when never reported.
    pub oldest_key_created: Option<String>,
    /// The portal defaults to Entra ID authorization for data access.
    pub default_to_oauth: Option<bool>,
    /// File share soft delete enabled (file service property).
    pub file_share_soft_delete_enabled: Option<bool>,
    /// SMB protocol versions allowed (file service property; empty = service default, all).
    pub smb_versions: Option<Vec<String>>,
    /// SMB channel encryption algorithms allowed (file service property; empty = all).
    pub smb_channel_encryption: Option<Vec<String>>,
}

/// An Azure SQL logical server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlServer {
    /// `Enabled`/`Disabled`.
    pub public_network_access: Option<String>,
    /// `1.0`, `1.1`, `1.2`, `1.3`, `None`.
    pub minimal_tls_version: Option<String>,
    /// Server firewall rules.
    pub firewall_rules: Option<Vec<SqlFirewallRule>>,
    /// An Entra ID administrator is configured.
    pub entra_admin_configured: Option<bool>,
    /// Entra-only authentication.
    pub entra_only_auth: Option<bool>,
    /// Server auditing enabled.
    pub auditing_enabled: Option<bool>,
    /// Auditing retention in days (0 = unlimited).
    pub auditing_retention_days: Option<i64>,
    /// TDE protector uses a customer-managed key.
    pub tde_customer_managed_key: Option<bool>,
}

/// A SQL server firewall rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlFirewallRule {
    /// Rule name.
    pub name: String,
    /// Start IPv4 address.
    pub start_ip: String,
    /// End IPv4 address.
    pub end_ip: String,
}

/// A network security group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkSecurityGroup {
    /// User-defined rules (default rules are not included).
    pub security_rules: Option<Vec<NsgRule>>,
    /// Subnet ids the NSG is associated with.
    pub subnets: Option<Vec<String>>,
    /// Network interface ids the NSG is associated with.
    pub network_interfaces: Option<Vec<String>>,
}

/// One NSG security rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NsgRule {
    /// Rule name.
    pub name: String,
    /// `Inbound`/`Outbound`.
    pub direction: String,
    /// `Allow`/`Deny`.
    pub access: String,
    /// `Tcp`, `Udp`, `Icmp`, `*`.
    pub protocol: String,
    /// Priority (lower first).
    pub priority: i64,
    /// Source prefixes (`*`, `Internet`, `0.0.0.0/0`, CIDRs, service tags).
    pub source_prefixes: Vec<String>,
    /// Destination port ranges (`*`, `22`, `1000-2000`).
    pub destination_ports: Vec<String>,
}

impl NsgRule {
    /// Whether the source is the whole internet.
    #[must_use]
    pub fn from_internet(&self) -> bool {
        self.source_prefixes.iter().any(|p| {
            matches!(
                p.to_ascii_lowercase().as_str(),
                "*" | "internet" | "any" | "0.0.0.0/0" | "0.0.0.0" | "::/0" | "<nw>/0" | "/0"
            )
        })
    }

    /// Whether the destination ports include `port`.
    #[must_use]
    pub fn covers_port(&self, port: i64) -> bool {
        self.destination_ports.iter().any(|r| {
            let r = r.trim();
            if r == "*" {
                return true;
            }
            match r.split_once('-') {
                Some((a, b)) => match (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
                    (Ok(a), Ok(b)) => a <= port && port <= b,
                    _ => false,
                },
                None => r.parse::<i64>() == Ok(port),
            }
        })
    }

    /// Whether the rule applies to `protocol` (`tcp`/`udp`), counting `*` as all.
    #[must_use]
    pub fn covers_protocol(&self, protocol: &str) -> bool {
        self.protocol == "*" || self.protocol.eq_ignore_ascii_case(protocol)
    }
}

/// A Key Vault.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyVault {
    /// Soft delete enabled.
    pub soft_delete_enabled: Option<bool>,
    /// Purge protection enabled.
    pub purge_protection_enabled: Option<bool>,
    /// Azure RBAC used for data-plane authorization.
    pub rbac_authorization: Option<bool>,
    /// `Enabled`/`Disabled`.
    pub public_network_access: Option<String>,
    /// Firewall default action.
    pub network_default_action: Option<String>,
    /// Number of private endpoint connections.
    pub private_endpoint_count: Option<i64>,
}

/// A virtual machine.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualMachine {
    /// VM size.
    pub vm_size: Option<String>,
    /// `Linux`/`Windows`.
    pub os_type: Option<String>,
    /// Uses managed disks.
    pub managed_disks: Option<bool>,
    /// Password authentication disabled (Linux).
    pub password_auth_disabled: Option<bool>,
    /// Encryption at host.
    pub encryption_at_host: Option<bool>,
    /// Managed identity type (`SystemAssigned`, `UserAssigned`, `None`).
    pub identity_type: Option<String>,
    /// Network interface ids.
    pub network_interfaces: Option<Vec<String>>,
    /// Trusted launch secure boot.
    pub secure_boot: Option<bool>,
    /// Trusted launch vTPM.
    pub vtpm: Option<bool>,
}

/// A managed disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ManagedDisk {
    /// `EncryptionAtRestWithPlatformKey`, `EncryptionAtRestWithCustomerKey`, …
    pub encryption_type: Option<String>,
    /// `Attached`, `Unattached`, …
    pub disk_state: Option<String>,
    /// `AllowAll`, `AllowPrivate`, `DenyAll`.
    pub network_access_policy: Option<String>,
    /// `Enabled`/`Disabled`.
    pub public_network_access: Option<String>,
}

/// An App Service app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebApp {
    /// `app`, `functionapp`, …
    pub app_kind: Option<String>,
    /// HTTPS only.
    pub https_only: Option<bool>,
    /// Minimum TLS version.
    pub min_tls_version: Option<String>,
    /// `AllAllowed`, `FtpsOnly`, `Disabled`.
    pub ftps_state: Option<String>,
    /// Client certificates required.
    pub client_cert_enabled: Option<bool>,
    /// Managed identity type.
    pub identity_type: Option<String>,
    /// `Enabled`/`Disabled`.
    pub public_network_access: Option<String>,
    /// Remote debugging on.
    pub remote_debugging_enabled: Option<bool>,
    /// HTTP/2 enabled.
    pub http20_enabled: Option<bool>,
}

/// A network interface.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkInterface {
    /// The VM it is attached to (resource id, lower case); empty when unattached.
    pub virtual_machine: Option<String>,
    /// The NSG associated with the interface itself; empty when none.
    pub network_security_group: Option<String>,
    /// Subnet ids of its IP configurations.
    pub subnets: Option<Vec<String>>,
    /// Public IP address resource ids of its IP configurations.
    pub public_ips: Option<Vec<String>>,
}

/// A public IP address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicIpAddress {
    /// The address, when allocated.
    pub ip_address: Option<String>,
    /// `Static`/`Dynamic`.
    pub allocation_method: Option<String>,
    /// The IP configuration it is attached to (resource id, lower case); empty when unattached.
    pub ip_configuration: Option<String>,
}

/// A route table (user-defined routes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RouteTable {
    /// Routes.
    pub routes: Option<Vec<AzureRoute>>,
    /// Subnet ids it is associated with.
    pub subnets: Option<Vec<String>>,
}

/// A user-defined route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AzureRoute {
    /// Route name.
    pub name: String,
    /// Destination prefix (`0.0.0.0/0`, a CIDR or a service tag).
    pub address_prefix: String,
    /// `Internet`, `VirtualAppliance`, `VirtualNetworkGateway`, `VnetLocal` or `None`.
    pub next_hop_type: String,
}

/// A Key Vault key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyVaultKey {
    /// The vault (resource id, lower case).
    pub vault: Option<String>,
    /// Enabled for use.
    pub enabled: Option<bool>,
    /// Expiry (RFC 3339); empty when the key never expires.
    pub expires: Option<String>,
    /// A rotation policy with an automatic `Rotate` action exists.
    pub auto_rotation: Option<bool>,
}

/// A Key Vault secret.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyVaultSecret {
    /// The vault (resource id, lower case).
    pub vault: Option<String>,
    /// Enabled for use.
    pub enabled: Option<bool>,
    /// Expiry (RFC 3339); empty when the secret never expires.
    pub expires: Option<String>,
}

/// A virtual network.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualNetwork {
    /// Subnets.
    pub subnets: Option<Vec<VnetSubnet>>,
    /// DDoS Network Protection enabled.
    pub ddos_protection_enabled: Option<bool>,
}

/// A subnet of a virtual network.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VnetSubnet {
    /// Subnet name.
    pub name: String,
    /// The associated NSG (resource id, lower case); empty when none.
    pub network_security_group: String,
}

impl VnetSubnet {
    /// Subnets Azure does not allow (or does not support) an NSG on.
    #[must_use]
    pub fn nsg_exempt(&self) -> bool {
        matches!(
            self.name.to_ascii_lowercase().as_str(),
            "gatewaysubnet"
                | "azurefirewallsubnet"
                | "azurefirewallmanagementsubnet"
                | "routeserversubnet"
        )
    }
}

/// A Network Watcher (one per region and subscription).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkWatcher {
    /// `Succeeded`, `Failed`, …
    pub provisioning_state: Option<String>,
}

/// An NSG or VNet flow log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlowLog {
    /// The NSG or VNet it records (resource id, lower case).
    pub target: Option<String>,
    /// Flow logging enabled.
    pub enabled: Option<bool>,
    /// Retention policy enabled (when off, logs are kept forever).
    pub retention_enabled: Option<bool>,
    /// Retention in days (0 = forever).
    pub retention_days: Option<i64>,
    /// Traffic analytics (Log Analytics) enabled.
    pub traffic_analytics_enabled: Option<bool>,
}

/// An Azure Bastion host.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BastionHost {
    /// SKU (`Basic`, `Standard`, `Premium`, `Developer`).
    pub sku: Option<String>,
}

/// An Application Gateway.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationGateway {
    /// SKU tier (`Standard_v2`, `WAF_v2`, …).
    pub sku_tier: Option<String>,
    /// A WAF is active (legacy WAF configuration enabled or a WAF policy attached).
    pub waf_enabled: Option<bool>,
    /// Attached WAF policy (resource id, lower case); empty when none.
    pub firewall_policy: Option<String>,
    /// Minimum TLS protocol of the SSL policy (`TLSv1_0` … `TLSv1_3`).
    pub min_tls_version: Option<String>,
    /// HTTP/2 enabled.
    pub http2_enabled: Option<bool>,
}

/// An Application Gateway WAF policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WafPolicy {
    /// Policy state enabled.
    pub enabled: Option<bool>,
    /// `Prevention` or `Detection`.
    pub mode: Option<String>,
    /// Request body inspection enabled.
    pub request_body_check: Option<bool>,
    /// Managed rule set types (`OWASP`, `Microsoft_DefaultRuleSet`, `Microsoft_BotManagerRuleSet`).
    pub managed_rule_sets: Option<Vec<String>>,
}

/// A Microsoft Defender for Cloud plan (pricing) of a subscription.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DefenderPlan {
    /// Plan name (`VirtualMachines`, `StorageAccounts`, `CloudPosture`, …).
    pub plan: Option<String>,
    /// `Free` or `Standard`.
    pub pricing_tier: Option<String>,
    /// Sub-plan (`P1`, `P2`, `DefenderForStorageV2`, …).
    pub sub_plan: Option<String>,
}

/// Defender for Cloud security contact settings of a subscription.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityContact {
    /// Notification e-mail addresses.
    pub emails: Option<Vec<String>>,
    /// Roles notified (`Owner`, `Contributor`, …); empty when role notification is off.
    pub notified_roles: Option<Vec<String>>,
    /// Minimal alert severity notified (`Low`, `Medium`, `High`); empty when alert mail is off.
    pub alert_min_severity: Option<String>,
    /// Minimal attack-path risk level notified (`Low` … `Critical`); empty when off.
    pub attack_path_min_risk: Option<String>,
}

/// A diagnostic setting (of the subscription activity log or of a resource).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiagnosticSetting {
    /// What it exports (resource id, lower case; a subscription id for the activity log).
    pub target: Option<String>,
    /// Log categories and category groups.
    pub logs: Option<Vec<DiagnosticLog>>,
    /// Has a destination (workspace, storage account, event hub or partner).
    pub has_destination: Option<bool>,
}

/// One log entry of a diagnostic setting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiagnosticLog {
    /// Category (`Administrative`, `AuditEvent`, …); empty when a group is used.
    pub category: String,
    /// Category group (`allLogs`, `audit`); empty when a category is used.
    pub category_group: String,
    /// Enabled.
    pub enabled: bool,
}

impl DiagnosticSetting {
    /// Whether the setting exports `category` (directly, or through the `allLogs`/`audit` groups,
    /// which include every category of the activity log and Key Vault audit events).
    #[must_use]
    pub fn exports(&self, category: &str) -> bool {
        self.logs.iter().flatten().any(|l| {
            l.enabled
                && (l.category.eq_ignore_ascii_case(category)
                    || l.category_group.eq_ignore_ascii_case("allLogs")
                    || (l.category_group.eq_ignore_ascii_case("audit")
                        && category.eq_ignore_ascii_case("AuditEvent")))
        })
    }
}

/// An activity log alert rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityLogAlert {
    /// Enabled.
    pub enabled: Option<bool>,
    /// Scopes (lower case ids).
    pub scopes: Option<Vec<String>>,
    /// `allOf` conditions as `field` → `equals` (both lower case).
    pub conditions: Option<Vec<AlertCondition>>,
    /// Action groups notified.
    pub action_groups: Option<Vec<String>>,
}

/// One activity log alert condition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertCondition {
    /// Field (`category`, `operationName`, …), lower case.
    pub field: String,
    /// Expected value, lower case.
    pub equals: String,
}

/// A subscription.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subscription {
    /// `Enabled`, `Disabled`, `Warned`, …
    pub state: Option<String>,
}

/// An Azure RBAC role definition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleDefinition {
    /// Display name.
    pub role_name: Option<String>,
    /// `BuiltInRole` or `CustomRole`.
    pub role_type: Option<String>,
    /// Allowed actions (all permission blocks).
    pub actions: Option<Vec<String>>,
    /// Assignable scopes (lower case).
    pub assignable_scopes: Option<Vec<String>>,
}

/// An Azure RBAC role assignment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleAssignment {
    /// The role definition's GUID (last segment of its id, lower case).
    pub role_definition: Option<String>,
    /// Principal object id.
    pub principal_id: Option<String>,
    /// `User`, `Group`, `ServicePrincipal`, …
    pub principal_type: Option<String>,
    /// Scope (lower case).
    pub scope: Option<String>,
}

/// Well-known built-in role definition GUIDs.
pub mod builtin_roles {
    /// Owner.
    pub const OWNER: &str = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    /// User Access Administrator.
    pub const USER_ACCESS_ADMINISTRATOR: &str = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
}

/// An Azure Databricks workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DatabricksWorkspace {
    /// The customer VNet it is injected into (resource id, lower case); empty for a managed VNet.
    pub vnet: Option<String>,
    /// Names of the host (public) and container (private) subnets, when VNet-injected.
    pub subnets: Option<Vec<String>>,
    /// Secure cluster connectivity ("No Public IP").
    pub no_public_ip: Option<bool>,
    /// `Enabled`/`Disabled`.
    pub public_network_access: Option<String>,
    /// Number of private endpoint connections.
    pub private_endpoint_count: Option<i64>,
}

/// An Application Insights component.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppInsights {
    /// `web`, `other`, …
    pub application_type: Option<String>,
    /// The Log Analytics workspace it stores data in; empty for a classic component.
    pub workspace: Option<String>,
}

/// A virtual network gateway (VPN or ExpressRoute).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualNetworkGateway {
    /// `Vpn` or `ExpressRoute`.
    pub gateway_type: Option<String>,
    /// Point-to-site authentication types (`AAD`, `Certificate`, `Radius`); empty when
    /// point-to-site is not configured.
    pub p2s_auth_types: Option<Vec<String>>,
}

/// A Defender for Cloud setting (`WDATP`, `MCAS`, `Sentinel`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecuritySetting {
    /// Setting name.
    pub setting: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
}
