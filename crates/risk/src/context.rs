//! Business context: a resource's environment and data classification, read from tags/labels
//! with configurable keys and value maps, overridden per account, inferred from names when no
//! tag says (and then marked as inferred).

use std::collections::BTreeMap;

use posture_model::Resource;
use serde::Serialize;

/// A deployment environment, from most to least critical.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Production.
    Prod,
    /// Staging / pre-production.
    Staging,
    /// Test / QA.
    Test,
    /// Development.
    Dev,
    /// Sandbox / experiments.
    Sandbox,
}

impl Environment {
    /// Lower-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Prod => "prod",
            Environment::Staging => "staging",
            Environment::Test => "test",
            Environment::Dev => "dev",
            Environment::Sandbox => "sandbox",
        }
    }

    /// Parse a canonical label.
    #[must_use]
    pub fn parse(s: &str) -> Option<Environment> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "prod" => Environment::Prod,
            "staging" => Environment::Staging,
            "test" => Environment::Test,
            "dev" => Environment::Dev,
            "sandbox" => Environment::Sandbox,
            _ => return None,
        })
    }
}

/// A data classification, from most to least sensitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DataClass {
    /// Regulated or secret data: PII, PHI, card data, credentials.
    Restricted,
    /// Business-confidential data.
    Confidential,
    /// Internal data.
    Internal,
    /// Data meant to be public.
    Public,
}

impl DataClass {
    /// Lower-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DataClass::Restricted => "restricted",
            DataClass::Confidential => "confidential",
            DataClass::Internal => "internal",
            DataClass::Public => "public",
        }
    }

    /// Parse a canonical label.
    #[must_use]
    pub fn parse(s: &str) -> Option<DataClass> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "restricted" => DataClass::Restricted,
            "confidential" => DataClass::Confidential,
            "internal" => DataClass::Internal,
            "public" => DataClass::Public,
            _ => return None,
        })
    }

    /// Restricted or confidential.
    #[must_use]
    pub fn is_sensitive(self) -> bool {
        self <= DataClass::Confidential
    }
}

/// Where a context value came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Source {
    /// A tag or label (`key=value`).
    Tag {
        /// The tag key.
        key: String,
        /// The raw value.
        value: String,
    },
    /// The per-account override in the configuration.
    Account {
        /// The account, subscription or project.
        account: String,
    },
    /// Inferred from the resource's name (no tag said).
    Inferred {
        /// The name fragment that matched.
        matched: String,
    },
}

impl Source {
    /// Short description for explanations.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Source::Tag { key, value } => format!("tag {key}={value}"),
            Source::Account { account } => format!("account override for {account}"),
            Source::Inferred { matched } => format!("inferred from the name (`{matched}`)"),
        }
    }
}

/// A resolved context value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Resolved<T> {
    /// The value.
    pub value: T,
    /// Its source.
    pub source: Source,
}

/// How context is read. Defaults cover common conventions; `posture.toml`'s `[context]`
/// section overrides them.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextSettings {
    /// Tag/label keys holding the environment, first match wins (case-insensitive).
    pub environment_keys: Vec<String>,
    /// Tag/label keys holding the data classification.
    pub data_classification_keys: Vec<String>,
    /// Extra raw value → environment mappings (`production` → `prod`), on top of the built-ins.
    pub environment_values: BTreeMap<String, String>,
    /// Extra raw value → classification mappings (`pii` → `restricted`), on top of the built-ins.
    pub data_classification_values: BTreeMap<String, String>,
    /// Infer from resource names when no tag says.
    pub infer_from_names: bool,
    /// Account / subscription / project → environment; wins over tags.
    pub account_environments: BTreeMap<String, String>,
    /// Account / subscription / project → classification; wins over tags.
    pub account_data_classifications: BTreeMap<String, String>,
}

impl Default for ContextSettings {
    fn default() -> Self {
        ContextSettings {
            environment_keys: ["env", "environment", "stage", "tier"]
                .map(String::from)
                .to_vec(),
            data_classification_keys: [
                "data-classification",
                "data_classification",
                "dataclassification",
                "classification",
                "confidentiality",
                "data-sensitivity",
            ]
            .map(String::from)
            .to_vec(),
            environment_values: BTreeMap::new(),
            data_classification_values: BTreeMap::new(),
            infer_from_names: true,
            account_environments: BTreeMap::new(),
            account_data_classifications: BTreeMap::new(),
        }
    }
}

/// Built-in environment value map (lower case).
pub const ENVIRONMENT_VALUES: &[(&str, Environment)] = &[
    ("prod", Environment::Prod),
    ("prd", Environment::Prod),
    ("production", Environment::Prod),
    ("live", Environment::Prod),
    ("staging", Environment::Staging),
    ("stage", Environment::Staging),
    ("stg", Environment::Staging),
    ("preprod", Environment::Staging),
    ("pre-prod", Environment::Staging),
    ("uat", Environment::Staging),
    ("test", Environment::Test),
    ("testing", Environment::Test),
    ("qa", Environment::Test),
    ("dev", Environment::Dev),
    ("development", Environment::Dev),
    ("sandbox", Environment::Sandbox),
    ("sbx", Environment::Sandbox),
    ("lab", Environment::Sandbox),
    ("experiment", Environment::Sandbox),
];

/// Built-in classification value map (lower case).
pub const DATA_CLASS_VALUES: &[(&str, DataClass)] = &[
    ("restricted", DataClass::Restricted),
    ("pii", DataClass::Restricted),
    ("phi", DataClass::Restricted),
    ("pci", DataClass::Restricted),
    ("secret", DataClass::Restricted),
    ("highly-confidential", DataClass::Restricted),
    ("sensitive", DataClass::Restricted),
    ("confidential", DataClass::Confidential),
    ("private", DataClass::Confidential),
    // Financial records (claims, invoices, bank data) are commonly tagged by their domain.
    ("financial", DataClass::Confidential),
    ("finance", DataClass::Confidential),
    ("internal", DataClass::Internal),
    ("internal-only", DataClass::Internal),
    ("public", DataClass::Public),
    ("open", DataClass::Public),
];

/// Name fragments (whole `-`/`_`/`.`-separated words) that suggest an environment.
const ENV_WORDS: &[(&str, Environment)] = &[
    ("prod", Environment::Prod),
    ("prd", Environment::Prod),
    ("production", Environment::Prod),
    ("staging", Environment::Staging),
    ("stg", Environment::Staging),
    ("uat", Environment::Staging),
    ("test", Environment::Test),
    ("qa", Environment::Test),
    ("dev", Environment::Dev),
    ("sandbox", Environment::Sandbox),
    ("sbx", Environment::Sandbox),
];

/// Name fragments that suggest a classification.
const DATA_WORDS: &[(&str, DataClass)] = &[
    ("pii", DataClass::Restricted),
    ("phi", DataClass::Restricted),
    ("patient", DataClass::Restricted),
    ("patients", DataClass::Restricted),
    ("medical", DataClass::Restricted),
    ("health", DataClass::Restricted),
    ("payroll", DataClass::Restricted),
    ("ssn", DataClass::Restricted),
    ("cardholder", DataClass::Restricted),
    ("secrets", DataClass::Restricted),
    ("customer", DataClass::Confidential),
    ("customers", DataClass::Confidential),
    ("finance", DataClass::Confidential),
    ("billing", DataClass::Confidential),
    ("hr", DataClass::Confidential),
    ("backup", DataClass::Confidential),
    ("backups", DataClass::Confidential),
    ("public", DataClass::Public),
    ("static", DataClass::Public),
    ("assets", DataClass::Public),
    ("website", DataClass::Public),
    ("cdn", DataClass::Public),
];

fn tag<'r>(r: &'r Resource, keys: &[String]) -> Option<(&'r str, &'r str)> {
    keys.iter().find_map(|k| {
        r.tags
            .iter()
            .find(|(tk, _)| tk.eq_ignore_ascii_case(k))
            .map(|(tk, v)| (tk.as_str(), v.as_str()))
    })
}

fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

impl ContextSettings {
    fn env_value(&self, raw: &str) -> Option<Environment> {
        let v = raw.trim().to_ascii_lowercase();
        if let Some((_, mapped)) = self
            .environment_values
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&v))
        {
            return Environment::parse(mapped);
        }
        ENVIRONMENT_VALUES
            .iter()
            .find(|(k, _)| *k == v)
            .map(|(_, e)| *e)
            .or_else(|| Environment::parse(&v))
    }

    fn class_value(&self, raw: &str) -> Option<DataClass> {
        let v = raw.trim().to_ascii_lowercase();
        if let Some((_, mapped)) = self
            .data_classification_values
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&v))
        {
            return DataClass::parse(mapped);
        }
        DATA_CLASS_VALUES
            .iter()
            .find(|(k, _)| *k == v)
            .map(|(_, c)| *c)
            .or_else(|| DataClass::parse(&v))
    }

    /// The environment of a resource: account override, else tag, else (when enabled) its name.
    #[must_use]
    pub fn environment(&self, r: &Resource) -> Option<Resolved<Environment>> {
        if let Some(e) = self
            .account_environments
            .get(&r.account)
            .and_then(|v| self.env_value(v))
        {
            return Some(Resolved {
                value: e,
                source: Source::Account {
                    account: r.account.clone(),
                },
            });
        }
        if let Some((k, v)) = tag(r, &self.environment_keys)
            && let Some(e) = self.env_value(v)
        {
            return Some(Resolved {
                value: e,
                source: Source::Tag {
                    key: k.to_owned(),
                    value: v.to_owned(),
                },
            });
        }
        if self.infer_from_names {
            for w in words(&r.name).chain(words(&r.account)) {
                if let Some((m, e)) = ENV_WORDS.iter().find(|(k, _)| *k == w) {
                    return Some(Resolved {
                        value: *e,
                        source: Source::Inferred {
                            matched: (*m).to_owned(),
                        },
                    });
                }
            }
        }
        None
    }

    /// The data classification of a resource: account override, else tag, else its name.
    #[must_use]
    pub fn data_class(&self, r: &Resource) -> Option<Resolved<DataClass>> {
        if let Some(c) = self
            .account_data_classifications
            .get(&r.account)
            .and_then(|v| self.class_value(v))
        {
            return Some(Resolved {
                value: c,
                source: Source::Account {
                    account: r.account.clone(),
                },
            });
        }
        if let Some((k, v)) = tag(r, &self.data_classification_keys)
            && let Some(c) = self.class_value(v)
        {
            return Some(Resolved {
                value: c,
                source: Source::Tag {
                    key: k.to_owned(),
                    value: v.to_owned(),
                },
            });
        }
        if self.infer_from_names {
            // The most sensitive word wins (`public-patient-exports` is restricted).
            let best = words(&r.name)
                .filter_map(|w| DATA_WORDS.iter().find(|(k, _)| *k == w))
                .min_by_key(|(_, c)| *c);
            if let Some((m, c)) = best {
                return Some(Resolved {
                    value: *c,
                    source: Source::Inferred {
                        matched: (*m).to_owned(),
                    },
                });
            }
        }
        None
    }

    /// Values in the maps that are not canonical labels (configuration errors to report).
    #[must_use]
    pub fn invalid_values(&self) -> Vec<String> {
        let mut bad = Vec::new();
        for (k, v) in self
            .environment_values
            .iter()
            .chain(&self.account_environments)
        {
            if Environment::parse(v).is_none() {
                bad.push(format!(
                    "`{k}` = `{v}`: not an environment (prod, staging, test, dev, sandbox)"
                ));
            }
        }
        for (k, v) in self
            .data_classification_values
            .iter()
            .chain(&self.account_data_classifications)
        {
            if DataClass::parse(v).is_none() {
                bad.push(format!(
                    "`{k}` = `{v}`: not a classification (restricted, confidential, internal, public)"
                ));
            }
        }
        bad
    }
}
