//! # posture-compliance
//!
//! Compliance frameworks as data, and the posture of an evaluated estate per framework.
//!
//! ## Why it has this shape
//!
//! * **Frameworks are data, mapped from the framework side.** One TOML file per framework version
//!   (`frameworks/<id>.toml`) lists *every* requirement of its source catalog, each mapped to
//!   Posture rule ids or left manual. Rules know nothing about frameworks; a rule's control
//!   references are derived from the files ([`Library::controls_for_rule`]). Percentages divide
//!   by the full requirement count, so manual requirements are listed too.
//! * **Fail fast.** Loading rejects malformed TOML, unknown fields, unknown rule ids, duplicate
//!   requirement ids, requirements that are neither mapped nor manual, and equivalences that point
//!   nowhere, naming the file and the requirement.
//! * **Baselines select from catalogs.** A file with `base = "<catalog id>"` and `select = [...]`
//!   (FedRAMP Low/Moderate over NIST SP 800-53 r5) inherits titles, sections and rule mappings
//!   from the catalog, so a mapping is written once.
//! * **Users extend and override.** [`load_dir`] reads `*.toml` files of the same schema; a user
//!   framework with the id of a built-in replaces it.
//!
//! ## File schema
//!
//! ```toml
//! [framework]
//! id = "cis-aws-6.0"                 # lower-case letters, digits, '-', '.'
//! name = "CIS Amazon Web Services Foundations Benchmark"
//! version = "6.0.0"
//! publisher = "Center for Internet Security"
//! source = "https://www.cisecurity.org/benchmark/amazon_web_services"
//! completeness = "complete"          # or "partial": not every requirement of the source is listed
//! notes = "Titles are our own paraphrases."
//!
//! [[requirement]]
//! id = "3.1.1"
//! section = "3 Storage"
//! title = "S3 bucket policies refuse plain-HTTP requests"
//! rules = ["aws.s3.bucket_insecure_transport_allowed"]   # or: manual = true
//! equivalent = ["cis-aws-5.0:2.1.1"]                     # optional, "framework:requirement"
//! ```
//!
//! A baseline file has a `[framework]` table with `base` and `select` and no requirements.
#![warn(missing_docs)]

pub mod docs;
pub mod posture;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The built-in framework files: `(file name, TOML text)`, in display order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "cis-aws-5.0.toml",
        include_str!("../frameworks/cis-aws-5.0.toml"),
    ),
    (
        "cis-aws-6.0.toml",
        include_str!("../frameworks/cis-aws-6.0.toml"),
    ),
    (
        "cis-aws-7.0.toml",
        include_str!("../frameworks/cis-aws-7.0.toml"),
    ),
    (
        "cis-azure-6.0.toml",
        include_str!("../frameworks/cis-azure-6.0.toml"),
    ),
    (
        "cis-gcp-5.0.toml",
        include_str!("../frameworks/cis-gcp-5.0.toml"),
    ),
    ("soc2.toml", include_str!("../frameworks/soc2.toml")),
    (
        "iso-27001-2022.toml",
        include_str!("../frameworks/iso-27001-2022.toml"),
    ),
    (
        "iso-27017-2015.toml",
        include_str!("../frameworks/iso-27017-2015.toml"),
    ),
    (
        "nist-800-53-r5.toml",
        include_str!("../frameworks/nist-800-53-r5.toml"),
    ),
    (
        "fedramp-r5-low.toml",
        include_str!("../frameworks/fedramp-r5-low.toml"),
    ),
    (
        "fedramp-r5-moderate.toml",
        include_str!("../frameworks/fedramp-r5-moderate.toml"),
    ),
    (
        "fedramp-r5-high.toml",
        include_str!("../frameworks/fedramp-r5-high.toml"),
    ),
    (
        "pci-dss-4.0.toml",
        include_str!("../frameworks/pci-dss-4.0.toml"),
    ),
    (
        "hipaa-security.toml",
        include_str!("../frameworks/hipaa-security.toml"),
    ),
    ("gdpr.toml", include_str!("../frameworks/gdpr.toml")),
    (
        "nydfs-500.toml",
        include_str!("../frameworks/nydfs-500.toml"),
    ),
    (
        "ffiec-cat.toml",
        include_str!("../frameworks/ffiec-cat.toml"),
    ),
];

/// Whether a framework file lists every requirement of its source catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Completeness {
    /// Every requirement of the source (within the stated scope) is listed.
    Complete,
    /// Only part of the source is listed; the notes say which part and why.
    Partial,
}

impl Completeness {
    /// Lower-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Completeness::Complete => "complete",
            Completeness::Partial => "partial",
        }
    }
}

/// A reference to one requirement of one framework (`framework:requirement`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RequirementRef {
    /// Framework id.
    pub framework: String,
    /// Requirement id.
    pub requirement: String,
}

impl RequirementRef {
    /// Parse `framework:requirement` (split at the first `:`).
    #[must_use]
    pub fn parse(s: &str) -> Option<RequirementRef> {
        let (f, r) = s.split_once(':')?;
        let (f, r) = (f.trim(), r.trim());
        (!f.is_empty() && !r.is_empty()).then(|| RequirementRef {
            framework: f.to_owned(),
            requirement: r.to_owned(),
        })
    }
}

impl fmt::Display for RequirementRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.framework, self.requirement)
    }
}

/// One requirement (control, recommendation, criterion) of a framework.
#[derive(Clone, Debug, Serialize)]
pub struct Requirement {
    /// Id as published (`3.1.1`, `AC-2(1)`, `CC6.1`, `A.8.24`).
    pub id: String,
    /// Short title in our own words (or the public-domain title for NIST).
    pub title: String,
    /// Section or family it belongs to.
    pub section: String,
    /// Posture rule ids that decide it; empty means manual.
    pub rules: Vec<String>,
    /// Equivalent requirements of other frameworks, as stated by the mapping data.
    pub equivalent: Vec<RequirementRef>,
}

impl Requirement {
    /// No rule can decide it: a person has to.
    #[must_use]
    pub fn is_manual(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A framework: metadata and every requirement.
#[derive(Clone, Debug, Serialize)]
pub struct Framework {
    /// Id (`cis-aws-6.0`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Version as published.
    pub version: String,
    /// Who publishes it.
    pub publisher: String,
    /// Where it is published.
    pub source: String,
    /// Whether every requirement of the source is listed.
    pub completeness: Completeness,
    /// Scope and completeness notes.
    pub notes: String,
    /// For baselines: the catalog framework the requirements are selected from.
    pub base: Option<String>,
    /// Where it was loaded from (`built-in:<file>` or a path).
    pub origin: String,
    /// Every requirement, in file order.
    pub requirements: Vec<Requirement>,
}

impl Framework {
    /// Look a requirement up by id (exact, then case-insensitive).
    #[must_use]
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id).or_else(|| {
            self.requirements
                .iter()
                .find(|r| r.id.eq_ignore_ascii_case(id))
        })
    }

    /// Requirements decided by rules.
    #[must_use]
    pub fn automated(&self) -> usize {
        self.requirements.iter().filter(|r| !r.is_manual()).count()
    }

    /// Requirements left to people.
    #[must_use]
    pub fn manual(&self) -> usize {
        self.requirements.iter().filter(|r| r.is_manual()).count()
    }

    /// The distinct rule ids mapped anywhere in the framework.
    #[must_use]
    pub fn rule_ids(&self) -> BTreeSet<&str> {
        self.requirements
            .iter()
            .flat_map(|r| r.rules.iter().map(String::as_str))
            .collect()
    }
}

/// Why a framework file could not be loaded: the file, the requirement when there is one, and
/// what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// File (or `built-in:<file>`).
    pub file: String,
    /// Requirement id, when the problem is in one requirement.
    pub requirement: Option<String>,
    /// What was wrong.
    pub message: String,
}

impl LoadError {
    fn new(file: &str, requirement: Option<&str>, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_owned(),
            requirement: requirement.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.requirement {
            Some(r) => write!(f, "{}: requirement `{r}`: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    framework: FileHeader,
    #[serde(default)]
    requirement: Vec<FileRequirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHeader {
    id: String,
    name: String,
    version: String,
    publisher: String,
    source: String,
    completeness: Completeness,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    select: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRequirement {
    id: String,
    title: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    manual: bool,
    #[serde(default)]
    equivalent: Vec<String>,
}

/// A parsed framework file, checked on its own but not yet against rules or other files.
#[derive(Clone, Debug)]
pub struct Parsed {
    framework: Framework,
    select: Vec<String>,
}

impl Parsed {
    /// The framework id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.framework.id
    }
}

fn valid_framework_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
}

/// Parse one framework file. `origin` names it in errors.
///
/// # Errors
/// Malformed TOML, unknown fields, a bad id, duplicate requirement ids, a requirement with both
/// or neither of `rules` and `manual = true`, malformed `equivalent` entries, or a baseline
/// (`base`) that also lists requirements.
pub fn parse(origin: &str, text: &str) -> Result<Parsed, LoadError> {
    let doc: FileDoc = toml::from_str(text).map_err(|e| {
        LoadError::new(
            origin,
            None,
            format!("not a valid framework file: {}", e.to_string().trim_end()),
        )
    })?;
    let h = doc.framework;
    if !valid_framework_id(&h.id) {
        return Err(LoadError::new(
            origin,
            None,
            format!(
                "framework id `{}` must be lower-case letters, digits, '-' and '.'",
                h.id
            ),
        ));
    }
    for (field, value) in [("name", &h.name), ("version", &h.version)] {
        if value.trim().is_empty() {
            return Err(LoadError::new(
                origin,
                None,
                format!("`framework.{field}` is empty"),
            ));
        }
    }
    match (&h.base, h.select.is_empty(), doc.requirement.is_empty()) {
        (Some(_), _, false) => {
            return Err(LoadError::new(
                origin,
                None,
                "a baseline (`base`) selects requirements with `select`; it cannot list its own",
            ));
        }
        (Some(_), true, _) => {
            return Err(LoadError::new(
                origin,
                None,
                "a baseline (`base`) needs a non-empty `select` list",
            ));
        }
        (None, false, _) => {
            return Err(LoadError::new(
                origin,
                None,
                "`select` is only meaningful with `base`",
            ));
        }
        (None, true, true) => {
            return Err(LoadError::new(
                origin,
                None,
                "the framework lists no requirement",
            ));
        }
        _ => {}
    }
    let mut seen = BTreeSet::new();
    for s in &h.select {
        if !seen.insert(s.as_str()) {
            return Err(LoadError::new(
                origin,
                Some(s),
                "selected twice in `select`",
            ));
        }
    }
    let mut seen = BTreeSet::new();
    let mut requirements = Vec::with_capacity(doc.requirement.len());
    for r in doc.requirement {
        let rid = r.id.trim();
        if rid.is_empty() || rid.contains(':') {
            return Err(LoadError::new(
                origin,
                Some(&r.id),
                "requirement id must be non-empty and must not contain ':'",
            ));
        }
        if !seen.insert(rid.to_owned()) {
            return Err(LoadError::new(
                origin,
                Some(rid),
                "duplicate requirement id",
            ));
        }
        if r.title.trim().is_empty() {
            return Err(LoadError::new(origin, Some(rid), "`title` is empty"));
        }
        match (r.rules.is_empty(), r.manual) {
            (true, false) => {
                return Err(LoadError::new(
                    origin,
                    Some(rid),
                    "map it to `rules = [...]` or mark it `manual = true`",
                ));
            }
            (false, true) => {
                return Err(LoadError::new(
                    origin,
                    Some(rid),
                    "`manual = true` and `rules` exclude each other",
                ));
            }
            _ => {}
        }
        let mut rules_seen = BTreeSet::new();
        for rule in &r.rules {
            if !rules_seen.insert(rule.as_str()) {
                return Err(LoadError::new(
                    origin,
                    Some(rid),
                    format!("rule `{rule}` listed twice"),
                ));
            }
        }
        let mut equivalent = Vec::with_capacity(r.equivalent.len());
        for e in &r.equivalent {
            let Some(re) = RequirementRef::parse(e) else {
                return Err(LoadError::new(
                    origin,
                    Some(rid),
                    format!("equivalent `{e}` is not `framework:requirement`"),
                ));
            };
            equivalent.push(re);
        }
        requirements.push(Requirement {
            id: rid.to_owned(),
            title: r.title.trim().to_owned(),
            section: r.section,
            rules: r.rules,
            equivalent,
        });
    }
    Ok(Parsed {
        framework: Framework {
            id: h.id,
            name: h.name,
            version: h.version,
            publisher: h.publisher,
            source: h.source,
            completeness: h.completeness,
            notes: h.notes,
            base: h.base,
            origin: origin.to_owned(),
            requirements,
        },
        select: h.select,
    })
}

/// Parse every `*.toml` file of a directory (sorted by name).
///
/// # Errors
/// The directory cannot be read, a file cannot be read or parsed, or two files declare the same
/// framework id.
pub fn load_dir(dir: &Path) -> Result<Vec<Parsed>, LoadError> {
    let shown = dir.display().to_string();
    let rd = std::fs::read_dir(dir)
        .map_err(|e| LoadError::new(&shown, None, format!("cannot read directory: {e}")))?;
    let mut paths: Vec<_> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    let mut out: Vec<Parsed> = Vec::with_capacity(paths.len());
    for p in paths {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(&p)
            .map_err(|e| LoadError::new(&name, None, format!("cannot read: {e}")))?;
        let parsed = parse(&name, &text)?;
        if let Some(prev) = out.iter().find(|x| x.id() == parsed.id()) {
            return Err(LoadError::new(
                &name,
                None,
                format!(
                    "framework id `{}` is also declared by {}",
                    parsed.id(),
                    prev.framework.origin
                ),
            ));
        }
        out.push(parsed);
    }
    Ok(out)
}

/// Parse the built-in framework files.
///
/// # Errors
/// A built-in file is malformed (a test keeps this from shipping).
pub fn parse_builtin() -> Result<Vec<Parsed>, LoadError> {
    BUILTIN
        .iter()
        .map(|(name, text)| parse(&format!("built-in:{name}"), text))
        .collect()
}

/// The loaded frameworks and the indexes derived from them.
#[derive(Clone, Debug)]
pub struct Library {
    frameworks: Vec<Framework>,
    /// rule id → framework id → requirement ids.
    by_rule: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Undirected equivalence edges.
    edges: BTreeMap<RequirementRef, BTreeSet<RequirementRef>>,
}

impl Library {
    /// The built-in frameworks, checked against the built-in rule catalog.
    ///
    /// # Errors
    /// A built-in file is inconsistent (a test keeps this from shipping).
    pub fn builtin() -> Result<Library, LoadError> {
        Library::build(parse_builtin()?, &|id| {
            posture_rules::catalog::find(id).is_some()
        })
    }

    /// The built-in frameworks plus, when given, the user frameworks in `dir` (a user framework
    /// with a built-in's id replaces it).
    ///
    /// # Errors
    /// Any file is malformed or inconsistent; the error names the file and requirement.
    pub fn load(dir: Option<&Path>) -> Result<Library, LoadError> {
        let mut parsed = parse_builtin()?;
        if let Some(d) = dir {
            parsed.extend(load_dir(d)?);
        }
        Library::build(parsed, &|id| posture_rules::catalog::find(id).is_some())
    }

    /// Check parsed files against each other and against the rules `known_rule` accepts, resolve
    /// baselines, and index. A later file with the id of an earlier one replaces it.
    ///
    /// # Errors
    /// Unknown rule ids, baselines whose catalog or selected requirements do not exist, and
    /// equivalences that name a missing framework or requirement.
    pub fn build(
        parsed: Vec<Parsed>,
        known_rule: &dyn Fn(&str) -> bool,
    ) -> Result<Library, LoadError> {
        let mut list: Vec<Parsed> = Vec::with_capacity(parsed.len());
        for p in parsed {
            if let Some(slot) = list.iter_mut().find(|x| x.id() == p.id()) {
                *slot = p;
            } else {
                list.push(p);
            }
        }
        for p in &list {
            for r in &p.framework.requirements {
                if let Some(bad) = r.rules.iter().find(|id| !known_rule(id)) {
                    return Err(LoadError::new(
                        &p.framework.origin,
                        Some(&r.id),
                        format!("unknown rule id `{bad}` (see `posture rules list`)"),
                    ));
                }
            }
        }
        // Resolve baselines against their catalogs.
        let mut resolved: Vec<Framework> = Vec::with_capacity(list.len());
        for p in &list {
            let mut fw = p.framework.clone();
            if let Some(base_id) = &fw.base {
                let Some(base) = list.iter().find(|x| x.id() == base_id) else {
                    return Err(LoadError::new(
                        &fw.origin,
                        None,
                        format!("base framework `{base_id}` is not loaded"),
                    ));
                };
                if base.framework.base.is_some() {
                    return Err(LoadError::new(
                        &fw.origin,
                        None,
                        format!("base framework `{base_id}` is itself a baseline"),
                    ));
                }
                for sel in &p.select {
                    let Some(r) = base.framework.requirements.iter().find(|r| &r.id == sel) else {
                        return Err(LoadError::new(
                            &fw.origin,
                            Some(sel),
                            format!("selected, but `{base_id}` has no such requirement"),
                        ));
                    };
                    let mut r = r.clone();
                    r.equivalent = vec![RequirementRef {
                        framework: base_id.clone(),
                        requirement: r.id.clone(),
                    }];
                    fw.requirements.push(r);
                }
            }
            resolved.push(fw);
        }
        // Equivalences must point at loaded requirements.
        let mut edges: BTreeMap<RequirementRef, BTreeSet<RequirementRef>> = BTreeMap::new();
        for fw in &resolved {
            for r in &fw.requirements {
                for e in &r.equivalent {
                    let Some(target) = resolved.iter().find(|f| f.id == e.framework) else {
                        return Err(LoadError::new(
                            &fw.origin,
                            Some(&r.id),
                            format!("equivalent `{e}`: no framework `{}` is loaded", e.framework),
                        ));
                    };
                    if !target.requirements.iter().any(|t| t.id == e.requirement) {
                        return Err(LoadError::new(
                            &fw.origin,
                            Some(&r.id),
                            format!(
                                "equivalent `{e}`: `{}` has no requirement `{}`",
                                e.framework, e.requirement
                            ),
                        ));
                    }
                    let me = RequirementRef {
                        framework: fw.id.clone(),
                        requirement: r.id.clone(),
                    };
                    edges.entry(me.clone()).or_default().insert(e.clone());
                    edges.entry(e.clone()).or_default().insert(me);
                }
            }
        }
        let mut by_rule: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        for fw in &resolved {
            for r in &fw.requirements {
                for rule in &r.rules {
                    by_rule
                        .entry(rule.clone())
                        .or_default()
                        .entry(fw.id.clone())
                        .or_default()
                        .push(r.id.clone());
                }
            }
        }
        Ok(Library {
            frameworks: resolved,
            by_rule,
            edges,
        })
    }

    /// Every framework, built-ins first in display order.
    #[must_use]
    pub fn frameworks(&self) -> &[Framework] {
        &self.frameworks
    }

    /// A framework by id (exact, then case-insensitive).
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id).or_else(|| {
            self.frameworks
                .iter()
                .find(|f| f.id.eq_ignore_ascii_case(id))
        })
    }

    /// The control references of a rule: framework id → requirement ids (empty when unmapped).
    #[must_use]
    pub fn controls_for_rule(&self, rule_id: &str) -> BTreeMap<String, Vec<String>> {
        self.by_rule.get(rule_id).cloned().unwrap_or_default()
    }

    /// Control references of every mapped rule: rule id → framework id → requirement ids.
    #[must_use]
    pub fn controls_by_rule(&self) -> &BTreeMap<String, BTreeMap<String, Vec<String>>> {
        &self.by_rule
    }

    /// Requirements of other frameworks stated equivalent to `framework:requirement`, following
    /// equivalences transitively (CIS AWS v5 ↔ v6 ↔ v7), without the requirement itself.
    #[must_use]
    pub fn equivalents(&self, r: &RequirementRef) -> Vec<RequirementRef> {
        let mut seen: BTreeSet<RequirementRef> = BTreeSet::new();
        seen.insert(r.clone());
        let mut queue: VecDeque<RequirementRef> = VecDeque::from([r.clone()]);
        while let Some(cur) = queue.pop_front() {
            if let Some(next) = self.edges.get(&cur) {
                for n in next {
                    if seen.insert(n.clone()) {
                        queue.push_back(n.clone());
                    }
                }
            }
        }
        seen.remove(r);
        let order = |f: &str| self.frameworks.iter().position(|x| x.id == f);
        let mut out: Vec<RequirementRef> = seen.into_iter().collect();
        out.sort_by(|a, b| {
            order(&a.framework)
                .cmp(&order(&b.framework))
                .then(a.requirement.cmp(&b.requirement))
        });
        out
    }
}

#[cfg(test)]
mod tests;
