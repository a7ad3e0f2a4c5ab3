//! # posture-config
//!
//! `posture.toml`: found in the working directory or given with `--config`; every key can be
//! overridden by an environment variable `POSTURE_<SECTION>_<KEY>` (upper case, e.g.
//! `POSTURE_SCAN_FAIL_ON=high`, lists comma-separated). Unknown keys and bad values are errors
//! that name the key (and the file or variable).
//!
//! ## Why it has this shape
//!
//! * **One table of keys** ([`KEYS`]) drives environment overrides, validation messages and the
//!   generated reference (`docs/configuration.md`), so the three cannot drift apart.
//! * **Strict by default.** A typo in a security tool's configuration silently ignored is a gate
//!   silently disabled; every unknown key fails loudly.
//! * Later stages (store, risk, remediation, serve) add their sections here.
#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use posture_model::Severity;
use serde::{Deserialize, Serialize};

/// Name of the file looked up in the working directory.
pub const FILE_NAME: &str = "posture.toml";

/// Environment variables with the `POSTURE_` prefix that are not configuration keys.
pub const RESERVED_ENV: &[&str] = &[
    "POSTURE_CONFIG",
    "POSTURE_DATABASE",
    "POSTURE_LOG",
    "POSTURE_UPDATE_DOCS",
    "POSTURE_NO_COLOR",
];

/// Output format of `posture scan`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Colored summary and tables for a terminal.
    #[default]
    Table,
    /// Posture's JSON findings document.
    Json,
}

/// When to color terminal output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// Color when writing to a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// `[scan]`: defaults for `posture scan`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScanConfig {
    /// Exit non-zero when a failing finding has at least this severity.
    pub fail_on: Option<Severity>,
    /// Rule ids or globs to run (all when empty).
    pub rules: Vec<String>,
    /// Rule ids or globs never to run.
    pub skip_rules: Vec<String>,
    /// Default output format.
    pub format: OutputFormat,
    /// How many failing rules the summary lists.
    pub top_rules: usize,
}

/// `[output]`: terminal behavior.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutputConfig {
    /// When to use colors.
    pub color: ColorChoice,
    /// Show progress bars on long work (only on a terminal).
    pub progress: bool,
}

/// `[context]`: how business context is read from tags (used by risk scoring).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContextConfig {
    /// Tag/label keys holding the environment (first match wins).
    pub environment_keys: Vec<String>,
    /// Tag/label keys holding the data classification.
    pub data_classification_keys: Vec<String>,
    /// Extra raw tag value → environment (`prod`, `staging`, `test`, `dev`, `sandbox`).
    pub environment_values: BTreeMap<String, String>,
    /// Extra raw tag value → classification (`restricted`, `confidential`, `internal`, `public`).
    pub data_classification_values: BTreeMap<String, String>,
    /// Infer environment and classification from resource names when no tag says.
    pub infer_from_names: bool,
    /// Account / subscription / project → environment (wins over tags).
    pub account_environments: BTreeMap<String, String>,
    /// Account / subscription / project → classification (wins over tags).
    pub account_data_classifications: BTreeMap<String, String>,
}

impl Default for ContextConfig {
    fn default() -> Self {
        ContextConfig {
            environment_keys: vec![
                "env".into(),
                "environment".into(),
                "Environment".into(),
                "stage".into(),
            ],
            data_classification_keys: vec![
                "data-classification".into(),
                "data_classification".into(),
                "DataClassification".into(),
                "confidentiality".into(),
            ],
            environment_values: BTreeMap::new(),
            data_classification_values: BTreeMap::new(),
            infer_from_names: true,
            account_environments: BTreeMap::new(),
            account_data_classifications: BTreeMap::new(),
        }
    }
}

/// `[risk]`: risk-score weights (exponents of each factor; 0 switches a factor off) and the
/// frameworks whose controls count as compliance impact. See `docs/risk.md`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskConfig {
    /// Weight of the rule's severity.
    pub severity_weight: f64,
    /// Weight of internet exposure.
    pub exposure_weight: f64,
    /// Weight of the data classification.
    pub data_weight: f64,
    /// Weight of the environment.
    pub environment_weight: f64,
    /// Weight of compliance impact.
    pub compliance_weight: f64,
    /// Framework ids in scope for compliance impact (empty: every framework).
    pub frameworks: Vec<String>,
}

impl Default for RiskConfig {
    fn default() -> Self {
        RiskConfig {
            severity_weight: 1.0,
            exposure_weight: 1.0,
            data_weight: 1.0,
            environment_weight: 1.0,
            compliance_weight: 1.0,
            frameworks: Vec::new(),
        }
    }
}

/// `[store]`: the persistent store (scan history, lifecycle, exceptions, audit).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreConfig {
    /// Database: a SQLite file path or a `postgres://` URL. Unset: the default SQLite file.
    pub database: Option<String>,
    /// Approved exceptions matching nothing for this many scans are reported as stale.
    pub stale_exception_scans: Option<u64>,
}

/// `[sla]`: remediation deadlines per severity (durations like `24h`, `7d`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlaConfig {
    /// Critical findings.
    pub critical: String,
    /// High findings.
    pub high: String,
    /// Medium findings.
    pub medium: String,
    /// Low findings.
    pub low: String,
}

impl Default for SlaConfig {
    fn default() -> Self {
        SlaConfig {
            critical: "24h".into(),
            high: "7d".into(),
            medium: "30d".into(),
            low: "90d".into(),
        }
    }
}

/// `[azure]`: live Azure scans (`posture scan azure`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AzureConfig {
    /// `public`, `usgov` or `china`: picks the default endpoints.
    pub cloud: Option<String>,
    /// Entra ID authority host URL.
    pub authority_host: Option<String>,
    /// Azure Resource Manager URL (also the token audience).
    pub resource_manager: Option<String>,
    /// Resource Graph URL (default: the Resource Manager URL).
    pub resource_graph: Option<String>,
    /// Managed identity token endpoint.
    pub managed_identity_endpoint: Option<String>,
    /// `auto`, `client-secret`, `certificate`, `managed-identity` or `cli`.
    pub credential: Option<String>,
    /// Subscriptions to scan when none is given on the command line.
    pub subscriptions: Vec<String>,
    /// Management groups to scan when none is given on the command line.
    pub management_groups: Vec<String>,
    /// API calls in flight at once.
    pub concurrency: Option<u64>,
    /// Timeout of one API call attempt.
    pub timeout: Option<String>,
    /// Retries of a throttled or failed call.
    pub max_retries: Option<u64>,
}

/// `[gcp]`: live GCP scans (`posture scan gcp`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GcpConfig {
    /// Service-account key or application-default credentials file.
    pub credentials: Option<String>,
    /// OAuth2 token endpoint URL.
    pub token_endpoint: Option<String>,
    /// Cloud Asset Inventory API base URL.
    pub cloudasset_endpoint: Option<String>,
    /// Cloud SQL Admin API base URL.
    pub sqladmin_endpoint: Option<String>,
    /// Cloud Storage JSON API base URL.
    pub storage_endpoint: Option<String>,
    /// Cloud Logging API base URL.
    pub logging_endpoint: Option<String>,
    /// Metadata server base URL.
    pub metadata_endpoint: Option<String>,
    /// Projects to scan when no scope is given on the command line.
    pub projects: Vec<String>,
    /// Folders to scan when no scope is given on the command line.
    pub folders: Vec<String>,
    /// Organizations to scan when no scope is given on the command line.
    pub organizations: Vec<String>,
    /// API calls in flight at once.
    pub concurrency: Option<u64>,
    /// Timeout of one API call attempt.
    pub timeout: Option<String>,
    /// Retries of a throttled or failed call.
    pub max_retries: Option<u64>,
}

/// Parse a duration such as `24h`, `7d`, `2w`, `90m` or `3600s` into seconds.
///
/// # Errors
/// A message naming the value.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration (e.g. 24h, 7d, 30d)"))?;
    let mult = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(format!("`{s}`: unknown unit (use s, m, h, d or w)")),
    };
    if n == 0 {
        return Err(format!("`{s}` must be positive"));
    }
    n.checked_mul(mult)
        .filter(|v| *v < (1 << 40))
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// The whole configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[scan]`.
    pub scan: ScanConfig,
    /// `[output]`.
    pub output: OutputConfig,
    /// `[context]`.
    pub context: ContextConfig,
    /// `[risk]`.
    pub risk: RiskConfig,
    /// `[store]`.
    pub store: StoreConfig,
    /// `[sla]`.
    pub sla: SlaConfig,
    /// `[azure]`.
    pub azure: AzureConfig,
    /// `[gcp]`.
    pub gcp: GcpConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scan: ScanConfig {
                top_rules: 10,
                ..ScanConfig::default()
            },
            output: OutputConfig {
                progress: true,
                ..OutputConfig::default()
            },
            context: ContextConfig::default(),
            risk: RiskConfig::default(),
            store: StoreConfig::default(),
            sla: SlaConfig::default(),
            azure: AzureConfig::default(),
            gcp: GcpConfig::default(),
        }
    }
}

/// The type of a configuration value (drives environment parsing and docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// A string (possibly restricted to listed values).
    Str,
    /// A list of strings; comma-separated in environment variables.
    List,
    /// `true`/`false`.
    Bool,
    /// A non-negative integer.
    Int,
    /// A duration: a positive number with a unit (`s`, `m`, `h`, `d`, `w`), e.g. `24h`, `7d`.
    Duration,
    /// A non-negative number (`1.0`, `0.5`).
    Float,
    /// A table of string → string; `k=v,k=v` in environment variables.
    Map,
}

/// One configuration key.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// Section.
    pub section: &'static str,
    /// Key within the section.
    pub key: &'static str,
    /// Type.
    pub ty: ValueType,
    /// Allowed values (empty = any).
    pub values: &'static [&'static str],
    /// What it does.
    pub doc: &'static str,
}

impl Key {
    /// The environment variable overriding this key.
    #[must_use]
    pub fn env_var(&self) -> String {
        format!(
            "POSTURE_{}_{}",
            self.section.to_ascii_uppercase(),
            self.key.to_ascii_uppercase()
        )
    }
}

/// Every configuration key.
pub const KEYS: &[Key] = &[
    Key {
        section: "scan",
        key: "fail_on",
        ty: ValueType::Str,
        values: &["critical", "high", "medium", "low", "info"],
        doc: "Exit with status 3 when a failing finding has at least this severity (CI gate). Unset: never.",
    },
    Key {
        section: "scan",
        key: "rules",
        ty: ValueType::List,
        values: &[],
        doc: "Rule ids or globs (`aws.s3.*`) to run; empty runs the whole catalog.",
    },
    Key {
        section: "scan",
        key: "skip_rules",
        ty: ValueType::List,
        values: &[],
        doc: "Rule ids or globs never to run.",
    },
    Key {
        section: "scan",
        key: "format",
        ty: ValueType::Str,
        values: &["table", "json"],
        doc: "Default output format of `posture scan`.",
    },
    Key {
        section: "scan",
        key: "top_rules",
        ty: ValueType::Int,
        values: &[],
        doc: "How many failing rules the summary lists (default 10).",
    },
    Key {
        section: "output",
        key: "color",
        ty: ValueType::Str,
        values: &["auto", "always", "never"],
        doc: "Terminal colors; `auto` honors `NO_COLOR` and colors only terminals.",
    },
    Key {
        section: "output",
        key: "progress",
        ty: ValueType::Bool,
        values: &[],
        doc: "Show progress bars on long work (terminals only; default true).",
    },
    Key {
        section: "context",
        key: "environment_keys",
        ty: ValueType::List,
        values: &[],
        doc: "Tag/label keys that hold a resource's environment, first match wins.",
    },
    Key {
        section: "context",
        key: "data_classification_keys",
        ty: ValueType::List,
        values: &[],
        doc: "Tag/label keys that hold a resource's data classification.",
    },
    Key {
        section: "context",
        key: "environment_values",
        ty: ValueType::Map,
        values: &[],
        doc: "Extra tag value → environment mappings (`{ \"live-eu\" = \"prod\" }`); targets: prod, staging, test, dev, sandbox. Built-ins cover prod/prd/production/live, stg/staging/uat, qa/test, dev/development, sandbox.",
    },
    Key {
        section: "context",
        key: "data_classification_values",
        ty: ValueType::Map,
        values: &[],
        doc: "Extra tag value → classification mappings; targets: restricted, confidential, internal, public. Built-ins map pii/phi/pci/secret/sensitive to restricted.",
    },
    Key {
        section: "context",
        key: "infer_from_names",
        ty: ValueType::Bool,
        values: &[],
        doc: "When no tag says, infer environment and classification from resource names (`patient-exports-prod`); inferred values are marked as such (default true).",
    },
    Key {
        section: "context",
        key: "account_environments",
        ty: ValueType::Map,
        values: &[],
        doc: "Account / subscription / project → environment; wins over tags.",
    },
    Key {
        section: "context",
        key: "account_data_classifications",
        ty: ValueType::Map,
        values: &[],
        doc: "Account / subscription / project → data classification; wins over tags.",
    },
    Key {
        section: "risk",
        key: "severity_weight",
        ty: ValueType::Float,
        values: &[],
        doc: "Exponent of the severity factor in the risk score (default 1.0; 0 switches it off).",
    },
    Key {
        section: "risk",
        key: "exposure_weight",
        ty: ValueType::Float,
        values: &[],
        doc: "Exponent of the internet-exposure factor (default 1.0).",
    },
    Key {
        section: "risk",
        key: "data_weight",
        ty: ValueType::Float,
        values: &[],
        doc: "Exponent of the data-classification factor (default 1.0).",
    },
    Key {
        section: "risk",
        key: "environment_weight",
        ty: ValueType::Float,
        values: &[],
        doc: "Exponent of the environment factor (default 1.0).",
    },
    Key {
        section: "risk",
        key: "compliance_weight",
        ty: ValueType::Float,
        values: &[],
        doc: "Exponent of the compliance-impact factor (default 1.0).",
    },
    Key {
        section: "risk",
        key: "frameworks",
        ty: ValueType::List,
        values: &[],
        doc: "Framework ids whose mapped controls count as compliance impact; empty counts every framework.",
    },
    Key {
        section: "store",
        key: "database",
        ty: ValueType::Str,
        values: &[],
        doc: "Where scan history is kept: a SQLite file path or a `postgres://` URL. Unset: `$XDG_DATA_HOME/posture/posture.db` (else `~/.local/share/posture/posture.db`). `--database` / `POSTURE_DATABASE` override it.",
    },
    Key {
        section: "store",
        key: "stale_exception_scans",
        ty: ValueType::Int,
        values: &[],
        doc: "Report approved exceptions that matched nothing for this many scans as stale (default 5).",
    },
    Key {
        section: "sla",
        key: "critical",
        ty: ValueType::Duration,
        values: &[],
        doc: "Time to remediate a critical finding (default `24h`).",
    },
    Key {
        section: "sla",
        key: "high",
        ty: ValueType::Duration,
        values: &[],
        doc: "Time to remediate a high finding (default `7d`).",
    },
    Key {
        section: "sla",
        key: "medium",
        ty: ValueType::Duration,
        values: &[],
        doc: "Time to remediate a medium finding (default `30d`).",
    },
    Key {
        section: "sla",
        key: "low",
        ty: ValueType::Duration,
        values: &[],
        doc: "Time to remediate a low finding (default `90d`).",
    },
    Key {
        section: "azure",
        key: "cloud",
        ty: ValueType::Str,
        values: &["public", "usgov", "china"],
        doc: "Azure cloud whose endpoints are the defaults: `public` (default), `usgov` (Azure US Government) or `china` (Azure operated by 21Vianet).",
    },
    Key {
        section: "azure",
        key: "authority_host",
        ty: ValueType::Str,
        values: &[],
        doc: "Microsoft Entra ID authority URL for tokens (default from `cloud`, e.g. `https://login.microsoftonline.com`). Outbound calls go only to the configured endpoints.",
    },
    Key {
        section: "azure",
        key: "resource_manager",
        ty: ValueType::Str,
        values: &[],
        doc: "Azure Resource Manager URL (default from `cloud`, e.g. `https://management.azure.com`); also the token audience.",
    },
    Key {
        section: "azure",
        key: "resource_graph",
        ty: ValueType::Str,
        values: &[],
        doc: "Azure Resource Graph URL (default: `resource_manager`).",
    },
    Key {
        section: "azure",
        key: "managed_identity_endpoint",
        ty: ValueType::Str,
        values: &[],
        doc: "Managed identity token endpoint (default: `IDENTITY_ENDPOINT`, else IMDS `http://169.254.169.254/metadata/identity/oauth2/token` when `credential = \"managed-identity\"`).",
    },
    Key {
        section: "azure",
        key: "credential",
        ty: ValueType::Str,
        values: &[
            "auto",
            "client-secret",
            "certificate",
            "managed-identity",
            "cli",
        ],
        doc: "Which credential `posture scan azure` uses: `auto` (client secret, certificate, managed identity, Azure CLI, in that order), `client-secret`, `certificate`, `managed-identity` or `cli`.",
    },
    Key {
        section: "azure",
        key: "subscriptions",
        ty: ValueType::List,
        values: &[],
        doc: "Subscriptions scanned when `--subscription`/`--management-group` are not given (empty: every enabled subscription the identity can read).",
    },
    Key {
        section: "azure",
        key: "management_groups",
        ty: ValueType::List,
        values: &[],
        doc: "Management groups whose subscriptions are scanned when no scope is given on the command line.",
    },
    Key {
        section: "azure",
        key: "concurrency",
        ty: ValueType::Int,
        values: &[],
        doc: "Azure API calls in flight at once (default 8).",
    },
    Key {
        section: "azure",
        key: "timeout",
        ty: ValueType::Duration,
        values: &[],
        doc: "Timeout of one Azure API call attempt (default `60s`).",
    },
    Key {
        section: "azure",
        key: "max_retries",
        ty: ValueType::Int,
        values: &[],
        doc: "Retries of a throttled (429), unavailable (5xx) or timed-out Azure call, honoring `Retry-After` (default 5).",
    },
    Key {
        section: "gcp",
        key: "credentials",
        ty: ValueType::Str,
        values: &[],
        doc: "Service-account key or application-default credentials file (default: `GOOGLE_APPLICATION_CREDENTIALS`, then gcloud's `application_default_credentials.json`, then the metadata server).",
    },
    Key {
        section: "gcp",
        key: "token_endpoint",
        ty: ValueType::Str,
        values: &[],
        doc: "OAuth2 token endpoint (default `https://oauth2.googleapis.com/token`). Outbound calls go only to the configured endpoints.",
    },
    Key {
        section: "gcp",
        key: "cloudasset_endpoint",
        ty: ValueType::Str,
        values: &[],
        doc: "Cloud Asset Inventory API base URL (default `https://cloudasset.googleapis.com`).",
    },
    Key {
        section: "gcp",
        key: "sqladmin_endpoint",
        ty: ValueType::Str,
        values: &[],
        doc: "Cloud SQL Admin API base URL (default `https://sqladmin.googleapis.com`).",
    },
    Key {
        section: "gcp",
        key: "storage_endpoint",
        ty: ValueType::Str,
        values: &[],
        doc: "Cloud Storage JSON API base URL (default `https://storage.googleapis.com`).",
    },
    Key {
        section: "gcp",
        key: "logging_endpoint",
        ty: ValueType::Str,
        values: &[],
        doc: "Cloud Logging API base URL (default `https://logging.googleapis.com`).",
    },
    Key {
        section: "gcp",
        key: "metadata_endpoint",
        ty: ValueType::Str,
        values: &[],
        doc: "Metadata server base URL, used when no credentials file is found (default `http://metadata.google.internal`).",
    },
    Key {
        section: "gcp",
        key: "projects",
        ty: ValueType::List,
        values: &[],
        doc: "Projects scanned when `--project`/`--folder`/`--organization` are not given (empty: the credentials' project).",
    },
    Key {
        section: "gcp",
        key: "folders",
        ty: ValueType::List,
        values: &[],
        doc: "Folders scanned when no scope is given on the command line.",
    },
    Key {
        section: "gcp",
        key: "organizations",
        ty: ValueType::List,
        values: &[],
        doc: "Organizations scanned when no scope is given on the command line.",
    },
    Key {
        section: "gcp",
        key: "concurrency",
        ty: ValueType::Int,
        values: &[],
        doc: "GCP API calls in flight at once (default 8).",
    },
    Key {
        section: "gcp",
        key: "timeout",
        ty: ValueType::Duration,
        values: &[],
        doc: "Timeout of one GCP API call attempt (default `60s`).",
    },
    Key {
        section: "gcp",
        key: "max_retries",
        ty: ValueType::Int,
        values: &[],
        doc: "Retries of a throttled (429), unavailable (5xx) or timed-out GCP call, honoring `Retry-After` (default 5).",
    },
];

/// A configuration error; always names the key and where it came from.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read configuration: {source}")]
    Io {
        /// File.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// Invalid TOML, unknown key or bad value in the file.
    #[error("{path}: {message}")]
    File {
        /// File.
        path: String,
        /// What is wrong (names the key).
        message: String,
    },
    /// A bad environment override.
    #[error("environment variable {var}: {message}")]
    Env {
        /// Variable name.
        var: String,
        /// What is wrong.
        message: String,
    },
}

/// Where the configuration came from.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The configuration.
    pub config: Config,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// Keys set from the environment.
    pub env_overrides: Vec<String>,
}

/// Load the configuration: `explicit` path if given (must exist), else `posture.toml` in `cwd`
/// if present, else defaults; then apply `env` overrides.
///
/// # Errors
/// [`ConfigError`] naming the file or variable, the key and what was expected.
pub fn load(
    explicit: Option<&Path>,
    cwd: &Path,
    env: &BTreeMap<String, String>,
) -> Result<Loaded, ConfigError> {
    let candidate = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let p = cwd.join(FILE_NAME);
            p.is_file().then_some(p)
        }
    };
    let mut table = toml::Table::new();
    if let Some(path) = &candidate {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        table = text.parse::<toml::Table>().map_err(|e| ConfigError::File {
            path: path.display().to_string(),
            message: format!("invalid TOML: {}", e.message()),
        })?;
        check_keys(&table).map_err(|message| ConfigError::File {
            path: path.display().to_string(),
            message,
        })?;
    }
    let env_overrides = apply_env(&mut table, env)?;
    let source = candidate
        .as_ref()
        .map_or_else(|| "environment".to_owned(), |p| p.display().to_string());
    let config: Config = toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| ConfigError::File {
            path: source,
            message: e.message().to_owned(),
        })?;
    Ok(Loaded {
        config,
        file: candidate,
        env_overrides,
    })
}

fn check_keys(table: &toml::Table) -> Result<(), String> {
    for (section, value) in table {
        let known: Vec<&Key> = KEYS.iter().filter(|k| k.section == section).collect();
        if known.is_empty() {
            let sections: Vec<&str> = dedup(KEYS.iter().map(|k| k.section));
            return Err(format!(
                "unknown section `[{section}]` (known sections: {})",
                sections.join(", ")
            ));
        }
        let Some(inner) = value.as_table() else {
            return Err(format!("`{section}` must be a table (`[{section}]`)"));
        };
        for (key, v) in inner {
            let Some(k) = known.iter().find(|k| k.key == key) else {
                let keys: Vec<&str> = known.iter().map(|k| k.key).collect();
                return Err(format!(
                    "unknown key `{section}.{key}` (keys of [{section}]: {})",
                    keys.join(", ")
                ));
            };
            check_value(k, v).map_err(|m| format!("`{section}.{key}`: {m}"))?;
        }
    }
    Ok(())
}

fn check_value(k: &Key, v: &toml::Value) -> Result<(), String> {
    match (k.ty, v) {
        (ValueType::Str, toml::Value::String(s)) => {
            if !k.values.is_empty() && !k.values.contains(&s.to_ascii_lowercase().as_str()) {
                return Err(format!(
                    "`{s}` is not allowed (expected one of: {})",
                    k.values.join(", ")
                ));
            }
            Ok(())
        }
        (ValueType::List, toml::Value::Array(items)) => {
            if items.iter().all(toml::Value::is_str) {
                Ok(())
            } else {
                Err("expected a list of strings".into())
            }
        }
        (ValueType::Bool, toml::Value::Boolean(_)) => Ok(()),
        (ValueType::Int, toml::Value::Integer(i)) if *i >= 0 => Ok(()),
        (ValueType::Duration, toml::Value::String(d)) => parse_duration(d).map(|_| ()),
        (ValueType::Float, toml::Value::Float(f)) if *f >= 0.0 && f.is_finite() => Ok(()),
        (ValueType::Float, toml::Value::Integer(i)) if *i >= 0 => Ok(()),
        (ValueType::Map, toml::Value::Table(t)) => {
            if t.values().all(toml::Value::is_str) {
                Ok(())
            } else {
                Err("expected a table of strings".into())
            }
        }
        (ValueType::Float, _) => Err("expected a non-negative number".into()),
        (ValueType::Map, _) => Err("expected a table of strings (`{ key = \"value\" }`)".into()),
        (ValueType::Str, _) => Err("expected a string".into()),
        (ValueType::List, _) => Err("expected a list of strings".into()),
        (ValueType::Bool, _) => Err("expected true or false".into()),
        (ValueType::Int, _) => Err("expected a non-negative integer".into()),
        (ValueType::Duration, _) => {
            Err("expected a duration string such as \"24h\" or \"7d\"".into())
        }
    }
}

fn dedup<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = it.collect();
    v.dedup();
    v
}

fn apply_env(
    table: &mut toml::Table,
    env: &BTreeMap<String, String>,
) -> Result<Vec<String>, ConfigError> {
    let mut applied = Vec::new();
    let sections: Vec<&str> = dedup(KEYS.iter().map(|k| k.section));
    for (var, raw) in env {
        let Some(rest) = var.strip_prefix("POSTURE_") else {
            continue;
        };
        if RESERVED_ENV.contains(&var.as_str()) {
            continue;
        }
        let Some(k) = KEYS.iter().find(|k| k.env_var() == *var) else {
            // Only complain about variables that address a known section: others may belong to
            // the user's own tooling.
            if let Some(sec) = sections
                .iter()
                .find(|s| rest.starts_with(&format!("{}_", s.to_ascii_uppercase())))
            {
                let vars: Vec<String> = KEYS
                    .iter()
                    .filter(|k| k.section == *sec)
                    .map(Key::env_var)
                    .collect();
                return Err(ConfigError::Env {
                    var: var.clone(),
                    message: format!("not a configuration key (known: {})", vars.join(", ")),
                });
            }
            continue;
        };
        let value = match k.ty {
            ValueType::Str | ValueType::Duration => toml::Value::String(raw.trim().to_owned()),
            ValueType::List => toml::Value::Array(
                raw.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| toml::Value::String(s.to_owned()))
                    .collect(),
            ),
            ValueType::Bool => match raw.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => toml::Value::Boolean(true),
                "0" | "false" | "no" | "off" => toml::Value::Boolean(false),
                _ => {
                    return Err(ConfigError::Env {
                        var: var.clone(),
                        message: format!("`{raw}` is not a boolean (expected true or false)"),
                    });
                }
            },
            ValueType::Float => match raw.trim().parse::<f64>() {
                Ok(f) => toml::Value::Float(f),
                Err(_) => {
                    return Err(ConfigError::Env {
                        var: var.clone(),
                        message: format!("`{raw}` is not a number"),
                    });
                }
            },
            ValueType::Map => {
                let mut m = toml::Table::new();
                for pair in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    let Some((k, v)) = pair.split_once('=') else {
                        return Err(ConfigError::Env {
                            var: var.clone(),
                            message: format!("`{pair}` is not `key=value`"),
                        });
                    };
                    m.insert(
                        k.trim().to_owned(),
                        toml::Value::String(v.trim().to_owned()),
                    );
                }
                toml::Value::Table(m)
            }
            ValueType::Int => match raw.trim().parse::<i64>() {
                Ok(i) if i >= 0 => toml::Value::Integer(i),
                _ => {
                    return Err(ConfigError::Env {
                        var: var.clone(),
                        message: format!("`{raw}` is not a non-negative integer"),
                    });
                }
            },
        };
        check_value(k, &value).map_err(|message| ConfigError::Env {
            var: var.clone(),
            message,
        })?;
        let section = table
            .entry(k.section.to_owned())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(t) = section {
            t.insert(k.key.to_owned(), value);
        }
        applied.push(format!("{}.{}", k.section, k.key));
    }
    Ok(applied)
}

/// The configuration reference as Markdown (written to `docs/configuration.md`).
#[must_use]
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# Configuration reference\n\n<!-- Generated from crates/config/src/lib.rs (KEYS); do not edit. -->\n\n\
         Posture reads `posture.toml` from the working directory, or the file given with `--config`.\n\
         Every key can be overridden with an environment variable `POSTURE_<SECTION>_<KEY>`; list values are\n\
         comma-separated there. Unknown sections, unknown keys and bad values are errors that name the key.\n",
    );
    let mut last = "";
    for k in KEYS {
        if k.section != last {
            out.push_str(&format!("\n## `[{}]`\n\n| key | type | environment variable | meaning |\n|---|---|---|---|\n", k.section));
            last = k.section;
        }
        let ty = match k.ty {
            ValueType::Str if !k.values.is_empty() => k
                .values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(" \\| "),
            ValueType::Str => "string".into(),
            ValueType::List => "list of strings".into(),
            ValueType::Bool => "boolean".into(),
            ValueType::Int => "integer".into(),
            ValueType::Duration => "duration (`24h`, `7d`)".into(),
            ValueType::Float => "number".into(),
            ValueType::Map => "table of strings (`k=v,k=v` in the environment)".into(),
        };
        out.push_str(&format!(
            "| `{}` | {} | `{}` | {} |\n",
            k.key,
            ty,
            k.env_var(),
            k.doc
        ));
    }
    out.push_str("\n## Example\n\n```toml\n[scan]\nfail_on = \"high\"\nskip_rules = [\"aws.s3.bucket_access_logging_off\"]\n\n[output]\ncolor = \"auto\"\n\n[store]\ndatabase = \"postgres://posture@db.internal/posture\"\n\n[sla]\ncritical = \"24h\"\nhigh = \"7d\"\n\n[context]\ndata_classification_values = { \"tier-0\" = \"restricted\" }\naccount_environments = { \"111122223333\" = \"prod\" }\n\n[risk]\nexposure_weight = 1.5\nframeworks = [\"cis-aws-6.0\"]\n```\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    fn load_str(text: &str, e: &[(&str, &str)]) -> Result<Loaded, ConfigError> {
        let dir = tempfile::tempdir().map_err(|source| ConfigError::Io {
            path: "tmp".into(),
            source,
        })?;
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, text).map_err(|source| ConfigError::Io {
            path: "tmp".into(),
            source,
        })?;
        load(None, dir.path(), &env(e))
    }

    #[test]
    fn defaults_without_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let l = load(None, dir.path(), &BTreeMap::new()).unwrap();
        assert_eq!(l.config, Config::default());
        assert!(l.file.is_none());
    }

    #[test]
    fn file_values_and_env_overrides() {
        let l = load_str(
            "[scan]\nfail_on = \"medium\"\nrules = [\"aws.*\"]\n",
            &[
                ("POSTURE_SCAN_FAIL_ON", "critical"),
                ("POSTURE_OUTPUT_PROGRESS", "false"),
                ("POSTURE_SCAN_SKIP_RULES", "a, b"),
            ],
        )
        .unwrap();
        assert_eq!(l.config.scan.fail_on, Some(Severity::Critical));
        assert_eq!(l.config.scan.rules, vec!["aws.*"]);
        assert_eq!(l.config.scan.skip_rules, vec!["a", "b"]);
        assert!(!l.config.output.progress);
        assert_eq!(l.env_overrides.len(), 3);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key() {
        let e = load_str("[scan]\nfail_onn = \"high\"\n", &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown key `scan.fail_onn`"), "{e}");
        let e = load_str("[scn]\n", &[]).unwrap_err().to_string();
        assert!(e.contains("unknown section `[scn]`"), "{e}");
        let e = load_str("[scan]\nfail_on = \"severe\"\n", &[])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`scan.fail_on`") && e.contains("critical, high"),
            "{e}"
        );
        let e = load_str("[output]\nprogress = \"yes\"\n", &[])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`output.progress`: expected true or false"),
            "{e}"
        );
        let e = load_str("", &[("POSTURE_SCAN_FAILON", "x")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("POSTURE_SCAN_FAILON") && e.contains("POSTURE_SCAN_FAIL_ON"),
            "{e}"
        );
        let e = load_str("", &[("POSTURE_OUTPUT_COLOR", "purple")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("POSTURE_OUTPUT_COLOR") && e.contains("auto, always, never"),
            "{e}"
        );
        let e = load_str("[sla]\ncritical = \"soon\"\n", &[])
            .unwrap_err()
            .to_string();
        assert!(e.contains("`sla.critical`") && e.contains("soon"), "{e}");
        let e = load_str("", &[("POSTURE_SLA_HIGH", "3x")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("POSTURE_SLA_HIGH"), "{e}");
        let l = load_str("[sla]\nhigh = \"3d\"\n[store]\ndatabase = \"x.db\"\n", &[]).unwrap();
        assert_eq!(l.config.sla.high, "3d");
        assert_eq!(l.config.store.database.as_deref(), Some("x.db"));
        assert_eq!(parse_duration("24h"), Ok(86_400));
        assert!(parse_duration("0d").is_err());
        let e = load_str("[scan\n", &[]).unwrap_err().to_string();
        assert!(e.contains("invalid TOML"), "{e}");
        // Unrelated POSTURE_ variables are left alone.
        assert!(
            load_str(
                "",
                &[("POSTURE_SOMETHING_ELSE", "1"), ("POSTURE_DATABASE", "x")]
            )
            .is_ok()
        );
    }

    #[test]
    fn every_key_is_deserializable_and_documented() {
        for k in KEYS {
            let mut t = toml::Table::new();
            let v = match k.ty {
                ValueType::Str => {
                    toml::Value::String(k.values.first().copied().unwrap_or("x").into())
                }
                ValueType::List => toml::Value::Array(vec![toml::Value::String("x".into())]),
                ValueType::Bool => toml::Value::Boolean(true),
                ValueType::Int => toml::Value::Integer(3),
                ValueType::Duration => toml::Value::String("12h".into()),
                ValueType::Float => toml::Value::Float(0.5),
                ValueType::Map => {
                    let mut m = toml::Table::new();
                    m.insert("live".into(), toml::Value::String("prod".into()));
                    toml::Value::Table(m)
                }
            };
            let mut inner = toml::Table::new();
            inner.insert(k.key.into(), v);
            t.insert(k.section.into(), toml::Value::Table(inner));
            let r: Result<Config, _> = toml::Value::Table(t).try_into();
            assert!(r.is_ok(), "{}.{}: {:?}", k.section, k.key, r.err());
        }
    }

    #[test]
    fn reference_doc_is_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/configuration.md");
        let want = reference_markdown();
        if std::env::var_os("POSTURE_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/configuration.md is stale: run `POSTURE_UPDATE_DOCS=1 cargo test -p posture-config`"
        );
    }
}
