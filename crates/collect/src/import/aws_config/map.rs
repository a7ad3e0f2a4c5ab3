//! The per-item mapping context shared by the per-service mappers: decoding `configuration` and
//! supplementary values (objects or JSON strings), recording gaps and warnings.

use posture_model::policy::PolicyDocument;
use posture_model::{Gap, GapReason};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::Loc;
use super::de::{Item, Rel, S, SupMap};

/// Most warnings kept per file; the rest are counted.
const MAX_WARNINGS: usize = 200;

/// Warnings of one file, capped.
#[derive(Debug, Default)]
pub(super) struct Warnings {
    list: Vec<String>,
    suppressed: u64,
}

impl Warnings {
    pub(super) fn push(&mut self, w: String) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(w);
        } else {
            self.suppressed += 1;
        }
    }

    pub(super) fn finish(mut self) -> Vec<String> {
        if self.suppressed > 0 {
            self.list.push(format!(
                "{} more warnings not shown (only the first {MAX_WARNINGS} are kept)",
                self.suppressed
            ));
        }
        self.list
    }
}

/// A decoded raw value.
pub(super) enum Dec<T> {
    /// The key is not there.
    Absent,
    /// It is there and `null` (or an empty / `"null"` string).
    Null,
    /// It decoded.
    Val(T),
    /// It did not decode (a gap and a warning were recorded).
    Bad,
}

/// Decode a value that is either JSON itself or a JSON string holding JSON (API shape).
/// `Ok(None)` is null. With `plain_string`, a string that does not hold JSON is decoded as the
/// string value itself (`"Enabled"`).
pub(super) fn decode<T: DeserializeOwned>(
    raw: &RawValue,
    plain_string: bool,
) -> Result<Option<T>, String> {
    let text = raw.get();
    if text.starts_with('"') {
        let inner: String = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let t = inner.trim();
        if t.is_empty() || t == "null" {
            return Ok(None);
        }
        match serde_json::from_str::<T>(t) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if plain_string && let Ok(v) = serde_json::from_str::<T>(text) {
                    return Ok(Some(v));
                }
                Err(format!("JSON-encoded string does not decode: {e}"))
            }
        }
    } else if text == "null" {
        Ok(None)
    } else {
        serde_json::from_str::<T>(text)
            .map(Some)
            .map_err(|e| e.to_string())
    }
}

/// Parse a policy document (object, JSON string, or URL-encoded JSON string; `null` = none).
pub(super) fn policy(v: &serde_json::Value) -> Result<PolicyDocument, String> {
    PolicyDocument::from_aws_json(v).map_err(|e| e.to_string())
}

/// The mapping context of one item.
pub(super) struct Cx<'i, 'w> {
    /// `resourceId`.
    pub id: &'i str,
    /// `resourceName`, when present and not empty.
    pub name: Option<&'i str>,
    conf: Option<&'i RawValue>,
    sup: Option<&'i SupMap<'i>>,
    /// The item's relationships.
    rels: &'i [Option<Rel<'i>>],
    gaps: Vec<Gap>,
    /// The configuration (or the whole item) could not be read: no per-field gaps then, the
    /// `*` error gap covers them.
    failed: bool,
    warn: &'w mut Warnings,
    loc: Loc,
}

impl<'i, 'w> Cx<'i, 'w> {
    pub(super) fn new(
        item: &'i Item<'i>,
        id: &'i str,
        warn: &'w mut Warnings,
        loc: Loc,
        failed: bool,
    ) -> Cx<'i, 'w> {
        Cx {
            id,
            name: item
                .resource_name
                .as_ref()
                .map(S::as_str)
                .filter(|n| !n.is_empty()),
            conf: item.configuration,
            sup: item.sup.as_ref(),
            rels: item.relationships.as_deref().unwrap_or_default(),
            gaps: Vec::new(),
            failed,
            warn,
            loc,
        }
    }

    pub(super) fn into_gaps(self) -> Vec<Gap> {
        self.gaps
    }

    /// The `resourceName`, else the `resourceId`.
    pub(super) fn name_or_id(&self) -> String {
        self.name.unwrap_or(self.id).to_owned()
    }

    /// The id of the first related resource of `rtype` (`AWS::EC2::VPC`).
    pub(super) fn related_id(&self, rtype: &str) -> Option<String> {
        self.rels
            .iter()
            .flatten()
            .find(|r| {
                r.resource_type
                    .as_ref()
                    .is_some_and(|t| t.as_str() == rtype)
            })
            .and_then(|r| r.resource_id.as_ref())
            .map(|id| id.as_str().to_owned())
    }

    /// Decode `configuration` into the type's source struct. `None` when it is absent, null,
    /// or broken (then a `*` error gap and a warning are recorded).
    pub(super) fn conf<T: DeserializeOwned>(&mut self) -> Option<T> {
        let raw = self.conf?;
        match decode::<T>(raw, false) {
            Ok(v) => v,
            Err(e) => {
                self.fail_all(&format!("{}.configuration", self.loc), &e);
                None
            }
        }
    }

    /// Whether the item carries a (non-null) configuration that decoded.
    pub(super) fn has_conf(&self) -> bool {
        !self.failed && self.conf.is_some_and(|c| c.get() != "null")
    }

    /// The raw configuration as a JSON value (for unmodeled types).
    pub(super) fn unmodeled_raw(&mut self) -> posture_model::RawJson {
        let Some(raw) = self.conf else {
            return posture_model::RawJson::null();
        };
        // Snapshot items carry the configuration as an object: keep its text as it is. API-shaped
        // items carry it as a JSON string: decode it first.
        if !raw.get().starts_with('"') {
            return posture_model::RawJson::from_raw(raw);
        }
        match decode::<serde_json::Value>(raw, false) {
            Ok(v) => posture_model::RawJson::from_value(&v.unwrap_or(serde_json::Value::Null)),
            Err(e) => {
                let text = raw.get().to_owned();
                self.fail_all(&format!("{}.configuration", self.loc), &e);
                posture_model::RawJson::from_value(&serde_json::Value::String(text))
            }
        }
    }

    fn fail_all(&mut self, at: &str, e: &str) {
        self.warn.push(format!(
            "{at}: configuration does not decode ({e}); resource kept with an error gap"
        ));
        if !self.failed {
            self.gaps.push(Gap {
                field: "*".into(),
                api: None,
                reason: GapReason::Error,
                detail: format!("{at}: {e}"),
            });
        }
        self.failed = true;
    }

    /// Decode `supplementaryConfiguration.<key>`; a broken value records an error gap on `field`.
    pub(super) fn sup<T: DeserializeOwned>(&mut self, key: &str, field: &'static str) -> Dec<T> {
        let Some(raw) = self.sup.and_then(|s| s.get(key)) else {
            return Dec::Absent;
        };
        match decode::<T>(raw, true) {
            Ok(Some(v)) => Dec::Val(v),
            Ok(None) => Dec::Null,
            Err(e) => {
                let at = format!("{}.supplementaryConfiguration.{key}", self.loc);
                self.error(field, &at, &e);
                Dec::Bad
            }
        }
    }

    /// Record that `field` could not be mapped because the value at `at` is broken.
    pub(super) fn error(&mut self, field: &'static str, at: &str, e: &str) {
        self.warn
            .push(format!("{at}: {e}; `{field}` recorded as a gap"));
        self.gaps.push(Gap {
            field: field.into(),
            api: None,
            reason: GapReason::Error,
            detail: format!("{at}: {e}"),
        });
    }

    /// The path of the configuration, for messages.
    pub(super) fn conf_path(&self) -> String {
        self.at("configuration")
    }

    /// A path inside the item, for messages: `at("supplementaryConfiguration.Policy")`.
    pub(super) fn at(&self, suffix: &str) -> String {
        format!("{}.{suffix}", self.loc)
    }

    /// Whether a gap was recorded for `field` already.
    pub(super) fn has_gap(&self, field: &str) -> bool {
        self.gaps.iter().any(|g| g.field == field)
    }

    /// Record that the item does not contain `field` (unless the whole item already failed).
    pub(super) fn missing(&mut self, field: &'static str, detail: &str) {
        if self.failed {
            return;
        }
        self.gaps.push(Gap {
            field: field.into(),
            api: None,
            reason: GapReason::NotInSource,
            detail: detail.to_owned(),
        });
    }
}

/// Default gap detail for a configuration field the item lacks.
pub(super) const NOT_IN_CONF: &str = "not in the AWS Config item's configuration";

/// Record a `NotInSource` gap for every listed `Option` field of `$c` that is `None`.
macro_rules! gaps_for_none {
    ($cx:expr, $c:expr, $detail:expr; $($field:ident),+ $(,)?) => {
        $(
            if $c.$field.is_none() {
                $cx.missing(stringify!($field), $detail);
            }
        )+
    };
}
pub(super) use gaps_for_none;
