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
