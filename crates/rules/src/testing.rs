//! Running a rule's own test cases (used by the catalog meta-test and `posture rules test`).

use posture_model::{InventoryIndex, Resource, Status};
use serde_json::{Map, Value};

use crate::engine::{Case, Missing, Rule, Verdict};

/// Reference time for cases: 2026-01-01T00:00:00Z.
pub const CASE_AS_OF: i64 = 1_767_225_600;

/// Build a full resource from a case's partial JSON.
///
/// # Errors
/// A message naming what is wrong with the case JSON.
pub fn case_resource(json: &str, default_kind: &str, n: usize) -> Result<Resource, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("case JSON: {e}"))?;
    let Value::Object(mut m) = v else {
        return Err("case JSON must be an object".into());
    };
    let kind = m
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or(default_kind)
        .to_owned();
    let provider = kind.split('.').next().unwrap_or("aws").to_owned();
    let defaults: [(&str, Value); 7] = [
        ("kind", Value::String(kind.clone())),
        ("provider", Value::String(provider)),
        ("account", Value::String("111122223333".into())),
        ("region", Value::String("us-east-1".into())),
        ("name", Value::String(format!("example-{n}"))),
        ("uid", Value::Null),
        ("config", Value::Object(Map::new())),
    ];
    for (k, d) in defaults {
        if !m.contains_key(k) || (k == "uid" && m.get(k).is_some_and(Value::is_null)) {
            let d = if k == "uid" {
                let name = m
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("example")
                    .to_owned();
                Value::String(format!("case:{kind}:{name}:{n}"))
            } else {
                d
            };
            m.insert(k.to_owned(), d);
        }
    }
    serde_json::from_value(Value::Object(m)).map_err(|e| format!("case resource: {e}"))
}

/// The outcome of one case.
#[derive(Debug)]
pub struct CaseResult {
    /// The case.
    pub case: Case,
    /// What the rule returned (`Err` = the case itself is malformed).
    pub got: Result<(Status, String), String>,
}

impl CaseResult {
    /// Whether the rule did what the case expects.
    #[must_use]
    pub fn ok(&self) -> bool {
        matches!(&self.got, Ok((s, _)) if *s == self.case.expect.status())
    }
}

/// Run every case of `rule`.
#[must_use]
pub fn run_cases(rule: &dyn Rule) -> Vec<CaseResult> {
    let meta = rule.meta();
    meta.cases
        .iter()
        .enumerate()
        .map(|(n, case)| CaseResult {
            case: *case,
            got: run_case(rule, case, n),
        })
        .collect()
}

fn run_case(rule: &dyn Rule, case: &Case, n: usize) -> Result<(Status, String), String> {
    let kind = rule.kind().as_str();
    let subject = case_resource(case.resource, kind, n)?;
    if subject.kind() != rule.kind() {
        return Err(format!(
            "case resource has kind {}, rule reads {kind}",
            subject.kind()
        ));
    }
    let mut all = vec![subject];
    for (i, o) in case.others.iter().enumerate() {
        all.push(case_resource(o, kind, 1000 + i).map_err(|e| format!("other #{i}: {e}"))?);
    }
    let index = InventoryIndex::new(&all);
    let cx = crate::engine::EvalContext::new(&index, CASE_AS_OF);
    let subject = all.first().ok_or("no subject")?;
    Ok(match rule.evaluate(subject, &cx) {
        Ok(Verdict::Pass) => (Status::Pass, String::new()),
        Ok(Verdict::Fail { message, .. }) => (Status::Fail, message),
        Ok(Verdict::Unknown(m)) => (Status::Unknown, m.into_owned()),
        Ok(Verdict::NotApplicable(m)) => (Status::NotApplicable, m.into_owned()),
        Err(Missing { field }) => (Status::Unknown, format!("missing `{field}`")),
    })
}
