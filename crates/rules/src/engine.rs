//! Rule traits, verdicts and the parallel evaluator.

use std::any::Any;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use posture_model::{
    Evidence, Finding, GapReason, InventoryIndex, Kind, Resource, Severity, Status, Typed,
    finding_uid,
};
use rayon::prelude::*;

/// How safe it is to apply a rule's fix automatically (after ruff's fix applicability).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// No availability impact; may run automatically where policy allows.
    Safe,
    /// May break something that depends on the current setting; needs a human.
    Unsafe,
    /// Guidance only; no automated fix.
    Manual,
}

impl FixSafety {
    /// Lower-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FixSafety::Safe => "safe",
            FixSafety::Unsafe => "unsafe",
            FixSafety::Manual => "manual",
        }
    }
}

/// How to fix a failing resource. Templates may use `{name}`, `{uid}`, `{account}`, `{region}`,
/// `{tag:KEY}` and `{config.FIELD}` placeholders, filled from the resource.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Remediation {
    /// One sentence: what to change.
    pub summary: &'static str,
    /// CLI command(s) (`aws`, `az`, `gcloud`).
    pub cli: &'static str,
    /// Terraform snippet.
    pub terraform: &'static str,
    /// Console steps.
    pub console: &'static str,
}

/// What a test case expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// The rule passes.
    Pass,
    /// The rule fails.
    Fail,
    /// The rule reports Unknown.
    Unknown,
    /// The rule does not apply.
    NotApplicable,
}

impl Expect {
    /// The status this expectation corresponds to.
    #[must_use]
    pub fn status(self) -> Status {
        match self {
            Expect::Pass => Status::Pass,
            Expect::Fail => Status::Fail,
            Expect::Unknown => Status::Unknown,
            Expect::NotApplicable => Status::NotApplicable,
        }
    }
}

/// A test case shipped with a rule.
///
/// `resource` is a partial resource in Posture's inventory JSON format: usually just
/// `{"config": {…}}`, optionally with `name`, `tags`, `relationships`, `gaps`. Missing
/// fields get defaults (kind = the rule's kind, account `111122223333`, region `us-east-1`).
/// `others` are further resources (full kind required) put in the same inventory, for
/// cross-resource rules.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Case {
    /// What the case shows.
    pub note: &'static str,
    /// Expected verdict.
    pub expect: Expect,
    /// The resource under test.
    pub resource: &'static str,
    /// Other resources in the inventory.
    pub others: &'static [&'static str],
}

impl Case {
    /// A case expecting Pass.
    #[must_use]
    pub const fn pass(note: &'static str, resource: &'static str) -> Case {
        Case {
            note,
            expect: Expect::Pass,
            resource,
            others: &[],
        }
    }
    /// A case expecting Fail.
    #[must_use]
    pub const fn fail(note: &'static str, resource: &'static str) -> Case {
        Case {
            note,
            expect: Expect::Fail,
            resource,
            others: &[],
        }
    }
    /// A case expecting Unknown.
    #[must_use]
    pub const fn unknown(note: &'static str, resource: &'static str) -> Case {
        Case {
            note,
            expect: Expect::Unknown,
            resource,
            others: &[],
        }
    }
    /// A case expecting NotApplicable.
    #[must_use]
    pub const fn not_applicable(note: &'static str, resource: &'static str) -> Case {
        Case {
            note,
            expect: Expect::NotApplicable,
            resource,
            others: &[],
        }
    }
    /// The same case with other resources in the inventory.
    #[must_use]
    pub const fn with(self, others: &'static [&'static str]) -> Case {
        Case { others, ..self }
    }
}

/// Everything known about a rule except its logic.
#[derive(Debug, serde::Serialize)]
pub struct RuleMeta {
    /// Immutable id: `<provider>.<service>.<misconfiguration>`, e.g. `aws.s3.bucket_public_acl`.
    pub id: &'static str,
    /// Names the misconfiguration ("S3 bucket ACL grants access to everyone").
    pub title: &'static str,
    /// Severity of a failure.
    pub severity: Severity,
    /// Why this severity.
    pub severity_rationale: &'static str,
    /// Service (`s3`, `ec2`, `storage`, …).
    pub service: &'static str,
    /// What the rule checks.
    pub description: &'static str,
    /// What can go wrong when it fails.
    pub risk: &'static str,
    /// How to fix it.
    pub remediation: Remediation,
    /// Fix safety class.
    pub fix_safety: FixSafety,
    /// Why that fix safety class.
    pub fix_safety_reason: &'static str,
    /// Read permissions / API calls the rule's data needs (`s3:GetBucketAcl`).
    pub permissions: &'static [&'static str],
    /// Reference URLs.
    pub references: &'static [&'static str],
    /// Test cases (at least one pass and one fail).
    pub cases: &'static [Case],
}

/// A rule's verdict on one resource.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Compliant.
    Pass,
    /// Misconfigured: what was found, and the observed values that show it.
    Fail {
        /// Sentence naming the resource and the problem.
        message: String,
        /// Observed values.
        evidence: Vec<Evidence>,
    },
    /// Could not be decided from the data (explicit; missing fields use [`Missing`]).
    Unknown(Cow<'static, str>),
    /// The rule does not apply to this resource.
    NotApplicable(Cow<'static, str>),
}

impl Verdict {
    /// A failure with one piece of evidence.
    pub fn fail(message: impl Into<String>, path: &str, observed: serde_json::Value) -> Verdict {
        Verdict::Fail {
            message: message.into(),
            evidence: vec![Evidence {
                path: path.to_owned(),
                observed,
            }],
        }
    }

    /// A failure without evidence.
    pub fn fail_msg(message: impl Into<String>) -> Verdict {
        Verdict::Fail {
            message: message.into(),
            evidence: Vec::new(),
        }
    }

    /// Pass when `ok`, otherwise the failure built by `f`.
    pub fn check(ok: bool, f: impl FnOnce() -> Verdict) -> Verdict {
        if ok { Verdict::Pass } else { f() }
    }
}

/// A field the rule needed was not observed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The configuration field, as named in the kind's typed struct.
    pub field: &'static str,
}

/// Read an observed field, or report it missing.
///
/// # Errors
/// [`Missing`] naming `field` when the value was not observed.
pub fn need<'a, T>(value: &'a Option<T>, field: &'static str) -> Result<&'a T, Missing> {
    value.as_ref().ok_or(Missing { field })
}

/// What a rule may look at besides the resource itself.
pub struct EvalContext<'a> {
    /// Lookups over the whole inventory.
    pub index: &'a InventoryIndex<'a>,
    /// The scan's reference time (Unix seconds): ages are measured against it.
    pub as_of: i64,
    memo: Memo,
}

type MemoMap = HashMap<&'static str, Arc<dyn Any + Send + Sync>>;

/// Facts derived once per scan from the whole inventory (for cross-resource rules that would
/// otherwise scan the inventory for every resource).
#[derive(Default)]
struct Memo(Mutex<MemoMap>);

impl<'a> EvalContext<'a> {
    /// A context over `index` at time `as_of`.
    #[must_use]
    pub fn new(index: &'a InventoryIndex<'a>, as_of: i64) -> EvalContext<'a> {
        EvalContext {
            index,
            as_of,
            memo: Memo::default(),
        }
    }

    /// A fact computed once per scan by `compute` and shared by every evaluation. `key` must be
    /// unique per fact (use the rule id); the value is a pure function of the inventory, so rules
    /// stay pure. Computation happens under a lock, exactly once.
    pub fn memo<T: Any + Send + Sync>(
        &self,
        key: &'static str,
        compute: impl FnOnce(&InventoryIndex<'a>) -> T,
    ) -> Arc<T> {
        let mut map = match self.memo.0.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(v) = map
            .get(key)
            .and_then(|v| Arc::clone(v).downcast::<T>().ok())
        {
            return v;
        }
        let v = Arc::new(compute(self.index));
        map.insert(key, Arc::clone(&v) as Arc<dyn Any + Send + Sync>);
        v
    }
}

/// Object-safe form of a rule, as stored in the catalog.
pub trait Rule: Send + Sync {
    /// Metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// The kind this rule evaluates.
    fn kind(&self) -> Kind;
    /// Evaluate one resource of [`Rule::kind`].
    ///
    /// # Errors
    /// [`Missing`] when a needed field was not observed.
    fn evaluate(&self, resource: &Resource, cx: &EvalContext<'_>) -> Result<Verdict, Missing>;
}

/// A rule over one typed configuration. Implement this; [`Rule`] comes for free.
pub trait TypedRule: Send + Sync {
    /// The configuration struct (and so the kind) the rule reads.
    type Config: Typed;
    /// Metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Evaluate one resource.
    ///
    /// # Errors
    /// [`Missing`] when a needed field was not observed.
    fn check(
        &self,
        resource: &Resource,
        config: &Self::Config,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing>;
}

impl<T: TypedRule> Rule for T {
    fn meta(&self) -> &'static RuleMeta {
        TypedRule::meta(self)
    }
    fn kind(&self) -> Kind {
        T::Config::KIND
    }
    fn evaluate(&self, resource: &Resource, cx: &EvalContext<'_>) -> Result<Verdict, Missing> {
        match T::Config::from_config(&resource.config) {
            Some(c) => self.check(resource, c, cx),
            None => Ok(Verdict::NotApplicable(Cow::Borrowed(
                "different resource kind",
            ))),
        }
    }
}

/// Which rules to run: `include` and `exclude` hold ids or globs (`aws.s3.*`, `*public*`).
#[derive(Clone, Debug, Default)]
pub struct RuleSelection {
    /// Run only these (all when empty).
    pub include: Vec<String>,
    /// Never run these.
    pub exclude: Vec<String>,
}

/// Match `text` against a pattern where `*` matches any run of characters.
#[must_use]
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else if let Some(pos) = rest.find(part) {
            rest = &rest[pos + part.len()..];
        } else {
            return false;
        }
    }
    true
}

impl RuleSelection {
    /// Whether a rule id is selected.
    #[must_use]
    pub fn selects(&self, id: &str) -> bool {
        (self.include.is_empty() || self.include.iter().any(|p| glob_match(p, id)))
            && !self.exclude.iter().any(|p| glob_match(p, id))
    }

    /// Patterns that match no rule of `catalog` (typos the user should hear about).
    #[must_use]
    pub fn unmatched<'a>(&'a self, catalog: &[&'static dyn Rule]) -> Vec<&'a str> {
        self.include
            .iter()
            .chain(self.exclude.iter())
            .filter(|p| !catalog.iter().any(|r| glob_match(p, r.meta().id)))
            .map(String::as_str)
            .collect()
    }
}

/// Extra detail kept for failures and unknowns.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    /// The message.
    pub message: String,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// For unknowns caused by a missing field: the field and why it is missing.
    pub missing: Option<(&'static str, Option<GapReason>)>,
}

/// One evaluation, compactly: 16 bytes plus detail for non-passing results.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Index of the resource in the evaluated slice.
    pub resource: u32,
    /// Index of the rule in [`Evaluation::rules`].
    pub rule: u16,
    /// Verdict.
    pub status: Status,
    /// Message and evidence (failures, unknowns, not-applicable).
    pub detail: Option<Box<Detail>>,
}

/// The result of evaluating a catalog over an inventory.
pub struct Evaluation {
    /// The rules that ran, indexed by [`Outcome::rule`].
    pub rules: Vec<&'static dyn Rule>,
    /// Every evaluation, ordered by resource then rule.
    pub outcomes: Vec<Outcome>,
    /// Per-scan facts the rules computed ([`EvalContext::memo`]), for reuse after evaluation.
    memo: MemoMap,
}

fn outcome(rule_ix: u16, res_ix: u32, r: &Resource, result: Result<Verdict, Missing>) -> Outcome {
    let (status, detail) = match result {
        Ok(Verdict::Pass) => (Status::Pass, None),
        Ok(Verdict::Fail { message, evidence }) => (
            Status::Fail,
            Some(Detail {
                message,
                evidence,
                missing: None,
            }),
        ),
        Ok(Verdict::Unknown(m)) => (
            Status::Unknown,
            Some(Detail {
                message: m.into_owned(),
                evidence: Vec::new(),
                missing: None,
            }),
        ),
        Ok(Verdict::NotApplicable(m)) => (
            Status::NotApplicable,
            Some(Detail {
                message: m.into_owned(),
                evidence: Vec::new(),
                missing: None,
            }),
        ),
        Err(Missing { field }) => {
            let gap = r.gap_for(field);
            let message = match gap {
                Some(g) => {
                    let api = g
                        .api
                        .as_deref()
                        .map(|a| format!(" ({a})"))
                        .unwrap_or_default();
                    let detail = if g.detail.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", g.detail)
                    };
                    format!(
                        "`{field}` could not be read: {}{api}{detail}",
                        g.reason.as_str()
                    )
                }
                None => format!("`{field}` is not present in the source data"),
            };
            (
                Status::Unknown,
                Some(Detail {
                    message,
                    evidence: Vec::new(),
                    missing: Some((field, gap.map(|g| g.reason))),
                }),
            )
        }
    };
    Outcome {
        resource: res_ix,
        rule: rule_ix,
        status,
        detail: detail.map(Box::new),
    }
}

/// Evaluate `rules` over `index`'s resources, in parallel.
///
/// Each resource is checked only by the rules of its kind. The result is deterministic: ordered
/// by resource position, then by rule position.
#[must_use]
pub fn evaluate(rules: &[&'static dyn Rule], index: &InventoryIndex<'_>, as_of: i64) -> Evaluation {
    let mut by_kind: Vec<Vec<(u16, &'static dyn Rule)>> = vec![Vec::new(); Kind::COUNT];
    for (i, r) in rules.iter().enumerate() {
        if let (Some(slot), Ok(ix)) = (by_kind.get_mut(r.kind().index()), u16::try_from(i)) {
            slot.push((ix, *r));
        }
    }
    let cx = EvalContext::new(index, as_of);
    let resources = index.resources();
    let outcomes: Vec<Outcome> = resources
        .par_iter()
        .enumerate()
        .with_min_len(256)
        .flat_map_iter(|(i, res)| {
            let res_ix = u32::try_from(i).unwrap_or(u32::MAX);
            let applicable = by_kind
                .get(res.kind().index())
                .map_or(&[][..], Vec::as_slice);
            let cx = &cx;
            applicable
                .iter()
                .map(move |(rule_ix, rule)| outcome(*rule_ix, res_ix, res, rule.evaluate(res, cx)))
        })
        .collect();
    let memo = match cx.memo.0.into_inner() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    Evaluation {
        rules: rules.to_vec(),
        outcomes,
        memo,
    }
}

/// Counts derived from an evaluation.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Tally {
    /// Evaluations per status.
    pub by_status: BTreeMap<Status, u64>,
    /// Failures per severity.
    pub failed_by_severity: BTreeMap<Severity, u64>,
    /// Failures per rule id.
    pub failed_by_rule: BTreeMap<&'static str, u64>,
    /// Unknowns per reason (`field: reason`).
    pub unknown_by_reason: BTreeMap<String, u64>,
}

impl Evaluation {
    /// A per-scan fact computed during evaluation under `key` ([`EvalContext::memo`]), so that
    /// later stages reuse it instead of computing it again.
    #[must_use]
    pub fn memoized<T: Any + Send + Sync>(&self, key: &str) -> Option<Arc<T>> {
        self.memo
            .get(key)
            .and_then(|v| Arc::clone(v).downcast::<T>().ok())
    }

    /// The rule of an outcome.
    #[must_use]
    pub fn rule(&self, o: &Outcome) -> Option<&'static dyn Rule> {
        self.rules.get(usize::from(o.rule)).copied()
    }

    /// Count outcomes by status, severity, rule and unknown reason.
    #[must_use]
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for o in &self.outcomes {
            *t.by_status.entry(o.status).or_insert(0) += 1;
            let Some(rule) = self.rule(o) else { continue };
            match o.status {
                Status::Fail => {
                    *t.failed_by_severity
                        .entry(rule.meta().severity)
                        .or_insert(0) += 1;
                    *t.failed_by_rule.entry(rule.meta().id).or_insert(0) += 1;
                }
                Status::Unknown => {
                    let reason = match o.detail.as_deref().and_then(|d| d.missing) {
                        Some((field, Some(g))) => format!("{field}: {}", g.as_str()),
                        Some((field, None)) => format!("{field}: not in source"),
                        None => "explicit".to_owned(),
                    };
                    *t.unknown_by_reason
                        .entry(format!("{} ({reason})", rule.meta().id))
                        .or_insert(0) += 1;
                }
                Status::Pass | Status::NotApplicable => {}
            }
        }
        t
    }

    /// Materialize the full finding for an outcome.
    #[must_use]
    pub fn finding(&self, o: &Outcome, resources: &[Resource]) -> Option<Finding> {
        let rule = self.rule(o)?;
        let r = resources.get(o.resource as usize)?;
        let meta = rule.meta();
        let (message, evidence) = match &o.detail {
            Some(d) => (d.message.clone(), d.evidence.clone()),
            None => (
                format!("{} `{}` is compliant", r.kind(), r.name),
                Vec::new(),
            ),
        };
        Some(Finding {
            uid: finding_uid(meta.id, &r.uid),
            rule_id: meta.id.to_owned(),
            title: meta.title.to_owned(),
            severity: meta.severity,
            status: o.status,
            message,
            evidence,
            resource_uid: r.uid.clone(),
            resource_name: r.name.clone(),
            resource_kind: r.kind().as_str().to_owned(),
            provider: r.provider.as_str().to_owned(),
            account: r.account.clone(),
            region: r.region.clone(),
        })
    }
}

/// Fill `{placeholder}`s of a remediation template from a resource. Unknown placeholders are
/// left as they are, so a reader sees what to substitute.
#[must_use]
pub fn render_template(template: &str, r: &Resource) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    let mut config: Option<serde_json::Value> = None;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let key = &after[..end];
        if key.contains('{') {
            // A literal brace (a Terraform block) with a placeholder inside: keep the brace and
            // keep scanning right after it, so the inner placeholder is still filled.
            out.push('{');
            rest = after;
            continue;
        }
        let value = if let Some(path) = key.strip_prefix("config.") {
            let cfg = config.get_or_insert_with(|| r.config.to_value());
            path.split('.')
                .try_fold(&*cfg, |v, k| v.get(k))
                .and_then(|v| match v {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Null => None,
                    other => Some(other.to_string()),
                })
        } else if key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '-')
            && !key.is_empty()
        {
            r.template_value(key)
        } else {
            None
        };
        match value {
            Some(v) => out.push_str(&v),
            None => {
                out.push('{');
                out.push_str(key);
                out.push('}');
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob() {
        assert!(glob_match("aws.s3.*", "aws.s3.bucket_public_acl"));
        assert!(glob_match("*public*", "aws.s3.bucket_public_acl"));
        assert!(!glob_match("aws.ec2.*", "aws.s3.bucket_public_acl"));
        assert!(glob_match(
            "aws.s3.bucket_public_acl",
            "aws.s3.bucket_public_acl"
        ));
        assert!(!glob_match("aws.s3", "aws.s3.bucket_public_acl"));
        assert!(glob_match("*", "x"));
    }

    #[test]
    fn template_fills_placeholders_inside_blocks() {
        let r: Resource = serde_json::from_value(serde_json::json!({
            "uid": "arn:aws:s3:::logs", "provider": "aws", "account": "1", "region": "eu-west-1",
            "kind": "aws.s3.bucket", "name": "logs", "config": {"versioning": {"status": "Off"}}
        }))
        .unwrap();
        assert_eq!(
            render_template("resource \"x\" \"{name}\" {\n  bucket = \"{name}\"\n}", &r),
            "resource \"x\" \"logs\" {\n  bucket = \"logs\"\n}"
        );
        assert_eq!(
            render_template(
                "{config.versioning.status} {unknown} {config.nope} { a }",
                &r
            ),
            "Off {unknown} {config.nope} { a }"
        );
        assert_eq!(render_template("open { only", &r), "open { only");
    }

    #[test]
    fn outcome_is_small() {
        assert!(std::mem::size_of::<Outcome>() <= 16);
    }
}
