//! Posture's JSON findings document (`--format json`).
//!
//! ```json
//! {
//!   "format": "posture-findings", "version": 1,
//!   "tool": {"name": "posture", "version": "0.1.0"},
//!   "as_of": "2026-11-28T12:00:00Z",
//!   "summary": {"resources": 612, "evaluations": 1400, "by_status": {"fail": 80, …},
//!               "failed_by_severity": {…}, "unknown_by_reason": {…}, "unmodeled": {…}},
//!   "sources": [ {"path", "format", "resources", "unmodeled", "skipped", "warnings", "error"} ],
//!   "coverage": [ {"provider", "account", "region", "service", "status", "reason", "resources", "source"} ],
//!   "findings": [ {"uid", "rule_id", "title", "severity", "status", "message", "evidence",
//!                  "resource_uid", "resource_name", "resource_kind", "provider", "account", "region",
//!                  "remediation": {"summary", "cli", "terraform", "console", "fix_safety", "fix_safety_reason"},
//!                  "controls": {"cis-aws-6.0": ["3.1.1"], "nist-800-53-r5": ["SC-8"], …},
//!                  "risk": {"score": 87, "factors": [{"name", "level", "value", "weight",
//!                           "multiplier", "points", "detail"}, …]}} ]
//! }
//! ```
//!
//! `findings` holds the statuses selected with `--status` (default: fail and unknown), ordered
//! by resource uid then rule id. `remediation` appears on failing findings, with the templates
//! filled from the resource. `controls` lists the compliance requirements the finding's rule
//! supports, per framework (`{}` for an unmapped rule); `summary.compliance` appears when the scan
//! was limited to one framework. `risk` (failing and unknown findings) is the 0-100 risk score
//! with its five factors (`docs/risk.md`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use posture_model::{Finding, Status};
use posture_rules::engine::render_template;
use serde::Serialize;

use crate::ScanView;

/// Value of the document's `format` field.
pub const FINDINGS_FORMAT: &str = "posture-findings";

#[derive(Serialize)]
struct Remediation<'a> {
    summary: &'a str,
    cli: String,
    terraform: String,
    console: String,
    fix_safety: &'a str,
    fix_safety_reason: &'a str,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    #[serde(skip_serializing_if = "Option::is_none")]
    remediation: Option<Remediation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    controls: Option<&'a BTreeMap<String, Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    risk: Option<posture_risk::RiskScore>,
}

/// Summary numbers shared by the JSON document and the terminal summary.
#[derive(Serialize)]
pub struct Summary<'a> {
    /// Resources in the inventory.
    pub resources: usize,
    /// Rule evaluations.
    pub evaluations: usize,
    /// Evaluations per status.
    pub by_status: BTreeMap<&'static str, u64>,
    /// Failures per severity.
    pub failed_by_severity: BTreeMap<&'static str, u64>,
    /// Failures per rule.
    pub failed_by_rule: &'a BTreeMap<&'static str, u64>,
    /// Unknown evaluations per rule and reason.
    pub unknown_by_reason: &'a BTreeMap<String, u64>,
    /// Resources of unmodeled types, per native type.
    pub unmodeled: BTreeMap<String, u64>,
    /// Inputs that failed.
    pub failed_sources: usize,
    /// Posture of the framework the scan was limited to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compliance: Option<&'a crate::ComplianceSummary>,
}

/// Build the summary.
#[must_use]
pub fn summary<'a>(v: &'a ScanView<'_>) -> Summary<'a> {
    let mut unmodeled = BTreeMap::new();
    for s in &v.inventory.sources {
        for (t, n) in &s.unmodeled {
            *unmodeled.entry(t.clone()).or_insert(0) += n;
        }
    }
    Summary {
        resources: v.inventory.resources.len(),
        evaluations: v.evaluation.outcomes.len(),
        by_status: v
            .tally
            .by_status
            .iter()
            .map(|(s, n)| (s.as_str(), *n))
            .collect(),
        failed_by_severity: v
            .tally
            .failed_by_severity
            .iter()
            .map(|(s, n)| (s.as_str(), *n))
            .collect(),
        failed_by_rule: &v.tally.failed_by_rule,
        unknown_by_reason: &v.tally.unknown_by_reason,
        unmodeled,
        failed_sources: v
            .inventory
            .sources
            .iter()
            .filter(|s| s.error.is_some())
            .count(),
        compliance: v.compliance.as_ref(),
    }
}

/// Write the findings document.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(v: &ScanView<'_>, w: &mut dyn Write) -> io::Result<()> {
    let resources = &v.inventory.resources;
    let to_io = |e: serde_json::Error| io::Error::other(e);
    let no_controls = BTreeMap::new();
    write!(
        w,
        "{{\"format\":\"{FINDINGS_FORMAT}\",\"version\":1,\"tool\":{{\"name\":\"posture\",\"version\":\"{}\"}},",
        env!("CARGO_PKG_VERSION")
    )?;
    write!(w, "\"as_of\":")?;
    serde_json::to_writer(&mut *w, &v.as_of).map_err(to_io)?;
    write!(w, ",\"summary\":")?;
    serde_json::to_writer(&mut *w, &summary(v)).map_err(to_io)?;
    write!(w, ",\"sources\":")?;
    serde_json::to_writer(&mut *w, &v.inventory.sources).map_err(to_io)?;
    write!(w, ",\"coverage\":")?;
    serde_json::to_writer(&mut *w, &v.inventory.coverage).map_err(to_io)?;
    write!(w, ",\"findings\":[")?;
    let mut first = true;
    for (n, o) in v.evaluation.outcomes.iter().enumerate() {
        if !v.statuses.contains(&o.status) {
            continue;
        }
        let (Some(f), Some(rule)) = (v.evaluation.finding(o, resources), v.evaluation.rule(o))
        else {
            continue;
        };
        let remediation = (o.status == Status::Fail).then(|| {
            let m = rule.meta();
            let r = resources.get(o.resource as usize);
            let fill = |t: &str| r.map_or_else(|| t.to_owned(), |r| render_template(t, r));
            Remediation {
                summary: m.remediation.summary,
                cli: fill(m.remediation.cli),
                terraform: fill(m.remediation.terraform),
                console: fill(m.remediation.console),
                fix_safety: m.fix_safety.as_str(),
                fix_safety_reason: m.fix_safety_reason,
            }
        });
        if !first {
            w.write_all(b",")?;
        }
        first = false;
        w.write_all(b"\n")?;
        serde_json::to_writer(
            &mut *w,
            &FindingOut {
                finding: &f,
                remediation,
                controls: v
                    .controls
                    .map(|c| c.get(f.rule_id.as_str()).unwrap_or(&no_controls)),
                risk: v.risk.and_then(|r| r.get(n)),
            },
        )
        .map_err(to_io)?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}
