//! Typed configuration of GCP resource kinds. `None` = not observed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Binding;

/// A Cloud Storage bucket.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageBucket {
    /// Location (`US`, `EUROPE-WEST1`, …).
    pub location: Option<String>,
    /// Uniform bucket-level access enabled.
    pub uniform_bucket_level_access: Option<bool>,
    /// `enforced` or `inherited`/`unspecified`.
    pub public_access_prevention: Option<String>,
    /// The bucket's IAM bindings.
    pub iam_bindings: Option<Vec<Binding>>,
    /// Object versioning.
    pub versioning_enabled: Option<bool>,
    /// Access logging target bucket; empty when off.
    pub logging_bucket: Option<String>,
    /// Retention policy period in seconds (0 = none).
    pub retention_period_seconds: Option<i64>,
    /// Retention policy locked.
    pub retention_locked: Option<bool>,
    /// Default CMEK; empty when Google-managed.
    pub default_kms_key: Option<String>,
}

/// A Cloud SQL instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SqlInstance {
    /// `POSTGRES_15`, `MYSQL_8_0`, `SQLSERVER_2019_STANDARD`, …
    pub database_version: Option<String>,
    /// Has a public IPv4 address.
    pub ipv4_enabled: Option<bool>,
    /// Authorized networks (CIDRs).
    pub authorized_networks: Option<Vec<String>>,
    /// SSL mode (`ALLOW_UNENCRYPTED_AND_ENCRYPTED`, `ENCRYPTED_ONLY`, `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`).
    pub ssl_mode: Option<String>,
    /// Legacy `requireSsl`.
    pub require_ssl: Option<bool>,
    /// Automated backups enabled.
    pub backup_enabled: Option<bool>,
    /// Database flags.
    pub database_flags: Option<BTreeMap<String, String>>,
    /// Private network (VPC) attached.
    pub private_network: Option<String>,
    /// Deletion protection.
    pub deletion_protection: Option<bool>,
}

impl SqlInstance {
    /// The engine family: `postgres`, `mysql`, `sqlserver` or empty.
    #[must_use]
    pub fn engine(&self) -> &'static str {
        match self.database_version.as_deref() {
            Some(v) if v.starts_with("POSTGRES") => "postgres",
            Some(v) if v.starts_with("MYSQL") => "mysql",
            Some(v) if v.starts_with("SQLSERVER") => "sqlserver",
            _ => "",
        }
    }
}

/// A VPC firewall rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Firewall {
    /// Network URL.
    pub network: Option<String>,
    /// `INGRESS`/`EGRESS`.
    pub direction: Option<String>,
    /// Disabled rules have no effect.
    pub disabled: Option<bool>,
    /// Priority.
    pub priority: Option<i64>,
    /// Source ranges.
    pub source_ranges: Option<Vec<String>>,
    /// Allowed protocol/ports.
    pub allowed: Option<Vec<FirewallAllow>>,
    /// Denied protocol/ports.
    pub denied: Option<Vec<FirewallAllow>>,
    /// Target network tags (empty = all instances).
    pub target_tags: Option<Vec<String>>,
    /// Firewall rule logging.
    pub logging_enabled: Option<bool>,
}

/// A protocol with ports in a firewall rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FirewallAllow {
    /// `tcp`, `udp`, `icmp`, `all`, or a number.
    pub protocol: String,
    /// Ports or ranges; empty = all ports.
    pub ports: Vec<String>,
}

impl FirewallAllow {
    /// Whether this entry allows `port` for `protocol` (`tcp`/`udp`).
    #[must_use]
    pub fn covers(&self, protocol: &str, port: i64) -> bool {
        let p = self.protocol.to_ascii_lowercase();
        let num = match protocol {
            "tcp" => "6",
            "udp" => "17",
            _ => "",
        };
        if p != "all" && p != protocol && p != num {
            return false;
        }
        self.ports.is_empty()
            || self.ports.iter().any(|r| match r.split_once('-') {
                Some((a, b)) => match (a.parse::<i64>(), b.parse::<i64>()) {
                    (Ok(a), Ok(b)) => a <= port && port <= b,
                    _ => false,
                },
                None => r.parse::<i64>() == Ok(port),
            })
    }
}

/// A Compute Engine VM.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComputeInstance {
    /// Machine type.
    pub machine_type: Option<String>,
    /// `RUNNING`, `TERMINATED`, …
    pub status: Option<String>,
    /// Has an external (public) IP on any interface.
    pub external_ip: Option<bool>,
    /// Networks of its interfaces.
    pub networks: Option<Vec<String>>,
    /// Network tags.
    pub network_tags: Option<Vec<String>>,
    /// Attached service accounts.
    pub service_accounts: Option<Vec<ServiceAccountRef>>,
    /// IP forwarding.
    pub can_ip_forward: Option<bool>,
    /// Instance metadata (`block-project-ssh-keys`, `serial-port-enable`, `enable-oslogin`, …).
    pub metadata: Option<BTreeMap<String, String>>,
    /// Shielded VM secure boot.
    pub shielded_secure_boot: Option<bool>,
    /// Shielded VM vTPM.
    pub shielded_vtpm: Option<bool>,
    /// Shielded VM integrity monitoring.
    pub shielded_integrity_monitoring: Option<bool>,
    /// Confidential computing.
    pub confidential_compute: Option<bool>,
}

/// A service account attached to a VM.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceAccountRef {
    /// Service account e-mail.
    pub email: String,
    /// OAuth scopes.
    pub scopes: Vec<String>,
}

/// A VPC network.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Network {
    /// Auto-mode subnets.
    pub auto_create_subnetworks: Option<bool>,
    /// Legacy network (no subnets).
    pub legacy: Option<bool>,
}

/// A project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// Project number.
    pub project_number: Option<String>,
    /// `ACTIVE`, `DELETE_REQUESTED`, …
    pub lifecycle_state: Option<String>,
    /// The project's IAM policy bindings.
    pub iam_bindings: Option<Vec<Binding>>,
    /// Audit log configs: service → enabled log types.
    pub audit_configs: Option<BTreeMap<String, Vec<String>>>,
}

/// A Cloud KMS crypto key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CryptoKey {
    /// `ENCRYPT_DECRYPT`, `ASYMMETRIC_SIGN`, …
    pub purpose: Option<String>,
    /// Rotation period in seconds (0 = no rotation).
    pub rotation_period_seconds: Option<i64>,
    /// The key's IAM bindings.
    pub iam_bindings: Option<Vec<Binding>>,
}

/// A BigQuery dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BigQueryDataset {
    /// Location.
    pub location: Option<String>,
    /// Access entries as bindings (role → members, `allUsers` for public).
    pub iam_bindings: Option<Vec<Binding>>,
    /// Default CMEK; empty when Google-managed.
    pub default_kms_key: Option<String>,
}

/// A VPC route.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Route {
    /// Network URL.
    pub network: Option<String>,
    /// Destination range.
    pub dest_range: Option<String>,
    /// Next-hop gateway URL (`…/global/gateways/default-internet-gateway`); empty for other hops.
    pub next_hop_gateway: Option<String>,
    /// Priority.
    pub priority: Option<i64>,
    /// Instance network tags it applies to (empty = all).
    pub tags: Option<Vec<String>>,
}

impl Route {
    /// Whether this is a default route to the internet gateway.
    #[must_use]
    pub fn is_default_to_internet(&self) -> bool {
        matches!(
            self.dest_range.as_deref().map(str::trim),
            Some("0.0.0.0/0" | "::/0")
        ) && self
            .next_hop_gateway
            .as_deref()
            .is_some_and(|g| g.ends_with("default-internet-gateway"))
    }
}

/// A VPC subnetwork.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subnetwork {
    /// Network URL.
    pub network: Option<String>,
    /// Primary IPv4 range.
    pub ip_cidr_range: Option<String>,
    /// Private Google Access.
    pub private_ip_google_access: Option<bool>,
    /// VPC flow logs enabled.
    pub flow_logs_enabled: Option<bool>,
}
