//! A normalized cloud resource.

use std::fmt;
use std::sync::Arc;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::kinds::{Config, Kind, Unmodeled};
use crate::tags::Tags;

/// The cloud a resource lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud.
    Gcp,
}

impl Provider {
    /// Lower-case identifier used in ids and output (`aws`, `azure`, `gcp`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
            Provider::Gcp => "gcp",
        }
    }

    /// Every provider, in display order.
    pub const ALL: [Provider; 3] = [Provider::Aws, Provider::Azure, Provider::Gcp];
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A typed edge from one resource to another (by uid).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    /// What the edge means, in snake case: `attached_to`, `contained_in`, `uses_security_group`, …
    pub kind: String,
    /// The uid (or, when the target was not resolved, the native id) of the other resource.
    pub target: String,
}

/// Why a piece of configuration could not be observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// The credentials in use were not allowed to read it.
    Denied,
    /// The API kept throttling after retries.
    Throttled,
    /// The call timed out.
    Timeout,
    /// The source (an export file) does not contain this setting.
    NotInSource,
    /// The collector does not read this setting (yet).
    NotCollected,
    /// Any other error; the detail says what happened.
    Error,
}

impl GapReason {
    /// Snake-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            GapReason::Denied => "denied",
            GapReason::Throttled => "throttled",
            GapReason::Timeout => "timeout",
            GapReason::NotInSource => "not_in_source",
            GapReason::NotCollected => "not_collected",
            GapReason::Error => "error",
        }
    }
}

/// A read that failed or a setting that is missing for one resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The configuration field affected (as named in the kind's typed config), or `*` for all.
    pub field: String,
    /// The API call that failed, when known (`s3:GetBucketAcl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    /// Why it is missing.
    pub reason: GapReason,
    /// Human-readable detail (the error message, the file that lacked it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// One normalized cloud resource.
///
/// JSON form (one element of the inventory's `resources` array):
///
/// ```json
/// {"uid": "arn:aws:s3:::acme-logs", "provider": "aws", "account": "111122223333",
///  "region": "us-east-1", "kind": "aws.s3.bucket", "name": "acme-logs",
///  "tags": {"env": "prod"}, "config": {"versioning": {"status": "Enabled", "mfa_delete": false}},
///  "relationships": [], "gaps": []}
/// ```
///
/// `native_type` appears only for `unmodeled` resources and holds the provider's type name.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// Stable identifier: the ARN, the Azure resource id (lower-cased), the GCP full resource name.
    pub uid: String,
    /// The cloud.
    pub provider: Provider,
    /// AWS account id, Azure subscription id or GCP project id.
    pub account: String,
    /// Region or location (`global` when the resource has none).
    pub region: String,
    /// Display name.
    pub name: String,
    /// Tags (AWS), tags (Azure) or labels (GCP).
    pub tags: Tags,
    /// Typed configuration; its variant is the resource kind.
    pub config: Config,
    /// Edges to other resources.
    pub relationships: Vec<Relationship>,
    /// Reads that failed or settings that are missing.
    pub gaps: Vec<Gap>,
    /// Where the resource came from (an input file, or `live:aws`). Shared by every resource of
    /// the same input.
    pub source: Arc<str>,
}

impl Resource {
    /// The resource kind (the variant of its configuration).
    #[must_use]
    pub fn kind(&self) -> Kind {
        self.config.kind()
    }

    /// The gap recorded for `field` (or for the whole resource), if any.
    #[must_use]
    pub fn gap_for(&self, field: &str) -> Option<&Gap> {
        self.gaps
            .iter()
            .find(|g| g.field == field)
            .or_else(|| self.gaps.iter().find(|g| g.field == "*"))
    }

    /// A value for `{placeholder}` substitution in remediation templates: `uid`, `name`,
    /// `account`, `region`, `provider`, `kind`, or `tag:<key>`.
    #[must_use]
    pub fn template_value(&self, key: &str) -> Option<String> {
        match key {
            "uid" => Some(self.uid.clone()),
            "name" => Some(self.name.clone()),
            "account" => Some(self.account.clone()),
            "region" => Some(self.region.clone()),
            "provider" => Some(self.provider.as_str().to_owned()),
            "kind" => Some(self.kind().as_str().to_owned()),
            _ => key
                .strip_prefix("tag:")
                .and_then(|k| self.tags.get(k).cloned()),
        }
    }

    /// An empty resource (used to move a resource out of a vector slot).
    #[must_use]
    pub fn placeholder() -> Resource {
        Resource {
            uid: String::new(),
            provider: Provider::Aws,
            account: String::new(),
            region: String::new(),
            name: String::new(),
            tags: Tags::new(),
            config: Config::Unmodeled(Unmodeled {
                native_type: String::new(),
                raw: crate::kinds::RawJson::null(),
            }),
            relationships: Vec::new(),
            gaps: Vec::new(),
            source: Arc::from(""),
        }
    }

    /// Merge another observation of the same resource into this one: for each configuration
    /// field, an observed value (`Some`) fills a missing one, and when both observed the same
    /// field, `other`'s value wins; tags, relationships and gaps are united, and gaps for fields
    /// that are now observed are dropped. A modeled kind always beats `unmodeled`.
    pub fn merge_from(&mut self, other: Resource) {
        use serde_json::Value;
        match (self.kind(), other.kind()) {
            (a, b) if a == b && a != Kind::Unmodeled => {
                let mut mine = self.config.to_value();
                if let (Value::Object(m), Value::Object(o)) = (&mut mine, other.config.to_value()) {
                    for (k, v) in o {
                        if !v.is_null() {
                            m.insert(k, v);
                        }
                    }
                }
                if let Ok(c) = Config::from_json(a, &mine.to_string()) {
                    self.config = c;
                }
            }
            (Kind::Unmodeled, b) if b != Kind::Unmodeled => self.config = other.config,
            (_, Kind::Unmodeled) => {}
            _ => self.config = other.config,
        }
        for (k, v) in other.tags {
            self.tags.insert(k, v);
        }
        for rel in other.relationships {
            if !self.relationships.contains(&rel) {
                self.relationships.push(rel);
            }
        }
        for g in other.gaps {
            if !self.gaps.contains(&g) {
                self.gaps.push(g);
            }
        }
        let observed = self.config.to_value();
        self.gaps.retain(|g| {
            g.field == "*"
                || observed
                    .get(&g.field)
                    .is_none_or(serde_json::Value::is_null)
        });
        if self.name.is_empty() {
            self.name = other.name;
        }
        if !other.source.is_empty() && !self.source.split(", ").any(|s| s == &*other.source) {
            self.source = if self.source.is_empty() {
                other.source
            } else {
                Arc::from(format!("{}, {}", self.source, other.source))
            };
        }
    }

    /// Follow relationships of the given kind.
    pub fn related<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.relationships
            .iter()
            .filter(move |r| r.kind == kind)
            .map(|r| r.target.as_str())
    }
}

#[derive(Serialize)]
struct ResourceOut<'a> {
    uid: &'a str,
    provider: Provider,
    account: &'a str,
    region: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    native_type: Option<&'a str>,
    name: &'a str,
    tags: &'a Tags,
    config: ConfigOut<'a>,
    relationships: &'a [Relationship],
    gaps: &'a [Gap],
    #[serde(skip_serializing_if = "str::is_empty")]
    source: &'a str,
}

struct ConfigOut<'a>(&'a Config);

impl Serialize for ConfigOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_inner(s)
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let native_type = match &self.config {
            Config::Unmodeled(u) => Some(u.native_type.as_str()),
            _ => None,
        };
        ResourceOut {
            uid: &self.uid,
            provider: self.provider,
            account: &self.account,
            region: &self.region,
            kind: self.kind().as_str(),
            native_type,
            name: &self.name,
            tags: &self.tags,
            config: ConfigOut(&self.config),
            relationships: &self.relationships,
            gaps: &self.gaps,
            source: &self.source,
        }
        .serialize(s)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceIn {
    uid: String,
    provider: Provider,
    #[serde(default)]
    account: String,
    #[serde(default)]
    region: String,
    kind: String,
    #[serde(default)]
    native_type: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    tags: Tags,
    #[serde(default)]
    config: Option<Box<RawValue>>,
    #[serde(default)]
    relationships: Vec<Relationship>,
    #[serde(default)]
    gaps: Vec<Gap>,
    #[serde(default)]
    source: Arc<str>,
}

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = ResourceIn::deserialize(d)?;
        let raw = r.config.as_deref().map_or("{}", RawValue::get);
        let config = if r.kind == Kind::Unmodeled.as_str() {
            Config::Unmodeled(Unmodeled {
                native_type: r.native_type.unwrap_or_default(),
                raw: crate::kinds::RawJson::parse(raw).map_err(D::Error::custom)?,
            })
        } else {
            let kind = Kind::parse(&r.kind).ok_or_else(|| {
                D::Error::custom(format!(
                    "unknown resource kind `{}` (expected one of the kinds listed by `posture inventory kinds`, or `unmodeled`)",
                    r.kind
                ))
            })?;
            Config::from_json(kind, raw)
                .map_err(|e| D::Error::custom(format!("config of kind `{}`: {e}", r.kind)))?
        };
        Ok(Resource {
            uid: r.uid,
            provider: r.provider,
            account: r.account,
            region: r.region,
            name: r.name,
            tags: r.tags,
            config,
            relationships: r.relationships,
            gaps: r.gaps,
            source: r.source,
        })
    }
}
