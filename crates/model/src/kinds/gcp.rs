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
    /// Every attached disk is encrypted with a customer-supplied key (CSEK).
    pub csek_all_disks: Option<bool>,
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

/// A project's Compute Engine settings (the `compute.googleapis.com/Project` asset).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComputeProject {
    /// Project-wide instance metadata (`enable-oslogin`, `ssh-keys`, …; keys lower case).
    pub common_instance_metadata: Option<BTreeMap<String, String>>,
}

impl ComputeProject {
    /// Whether metadata value `key` is a true value (`TRUE`, `true`, `1`, …).
    #[must_use]
    pub fn metadata_true(&self, key: &str) -> Option<bool> {
        self.common_instance_metadata
            .as_ref()
            .map(|m| m.get(key).is_some_and(|v| is_true(v)))
    }
}

/// Whether a metadata value reads as true (Compute Engine accepts `TRUE`, `true`, `1`, `y`, `yes`).
#[must_use]
pub fn is_true(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "y" | "yes" | "on"
    )
}

/// An enabled or disabled API of a project (`serviceusage.googleapis.com/Service`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiService {
    /// The API (`cloudasset.googleapis.com`).
    pub service: Option<String>,
    /// `ENABLED` or `DISABLED`.
    pub state: Option<String>,
}

/// A service account key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceAccountKey {
    /// The service account e-mail.
    pub service_account: Option<String>,
    /// `USER_MANAGED` or `SYSTEM_MANAGED`.
    pub key_type: Option<String>,
    /// Valid from (RFC 3339), i.e. the creation time.
    pub valid_after: Option<String>,
    /// Disabled keys cannot authenticate.
    pub disabled: Option<bool>,
}

/// A log sink (project, folder or organization).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogSink {
    /// Filter; empty = every log entry.
    pub filter: Option<String>,
    /// Destination (`storage.googleapis.com/BUCKET`, `bigquery.googleapis.com/…`, …).
    pub destination: Option<String>,
    /// Disabled sinks export nothing.
    pub disabled: Option<bool>,
    /// Folder/organization sinks: also exports the logs of children.
    pub include_children: Option<bool>,
    /// The parent (`projects/p`, `folders/f`, `organizations/o`).
    pub parent: Option<String>,
}

/// A log-based metric.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogMetric {
    /// Metric name (the alert references `logging.googleapis.com/user/NAME`).
    pub metric_name: Option<String>,
    /// The log filter.
    pub filter: Option<String>,
    /// Disabled metrics count nothing.
    pub disabled: Option<bool>,
}

/// A Cloud Monitoring alert policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertPolicy {
    /// Enabled.
    pub enabled: Option<bool>,
    /// Filters of its conditions (threshold/absence filters name the metric type).
    pub condition_filters: Option<Vec<String>>,
    /// Number of notification channels.
    pub notification_channels: Option<i64>,
}

/// A Cloud DNS managed zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DnsManagedZone {
    /// `public` or `private`.
    pub visibility: Option<String>,
    /// DNSSEC state (`on`, `off`, `transfer`).
    pub dnssec_state: Option<String>,
    /// Key-signing key algorithm (`rsasha256`, …); empty when DNSSEC is off.
    pub ksk_algorithm: Option<String>,
    /// Zone-signing key algorithm; empty when DNSSEC is off.
    pub zsk_algorithm: Option<String>,
}

/// A Cloud DNS server policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DnsPolicy {
    /// Query logging enabled.
    pub logging_enabled: Option<bool>,
    /// Networks it applies to (`//compute.googleapis.com/projects/p/global/networks/n`).
    pub networks: Option<Vec<String>>,
}

/// An API key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiKey {
    /// Creation time (RFC 3339).
    pub created: Option<String>,
    /// APIs the key may call; empty = every enabled API.
    pub api_targets: Option<Vec<String>>,
    /// Restricted to referrers, IPs, Android or iOS apps.
    pub application_restricted: Option<bool>,
}

/// A load balancer backend service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackendService {
    /// `EXTERNAL`, `EXTERNAL_MANAGED`, `INTERNAL_MANAGED`, …
    pub load_balancing_scheme: Option<String>,
    /// `HTTP`, `HTTPS`, `HTTP2`, `TCP`, …
    pub protocol: Option<String>,
    /// Request logging enabled.
    pub logging_enabled: Option<bool>,
}

/// A BigQuery table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BigQueryTable {
    /// `TABLE`, `VIEW`, `MATERIALIZED_VIEW`, `EXTERNAL`, …
    pub table_type: Option<String>,
    /// CMEK; empty when Google-managed.
    pub kms_key: Option<String>,
}

/// A Dataproc cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataprocCluster {
    /// CMEK for the cluster's persistent disks; empty when Google-managed.
    pub kms_key: Option<String>,
}

/// An organization (the root of the resource hierarchy).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    /// Display name (the domain).
    pub display_name: Option<String>,
    /// `ACTIVE`, `DELETE_REQUESTED`, …
    pub lifecycle_state: Option<String>,
}

/// An Essential Contacts contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EssentialContact {
    /// Where it is set (`organizations/1`, `folders/2`, `projects/p`).
    pub parent: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Notification categories (`SECURITY`, `TECHNICAL`, `ALL`, …).
    pub categories: Option<Vec<String>>,
}
