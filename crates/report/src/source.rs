//! What every interchange writer reads: a stream of [`Row`]s plus [`ReportMeta`].
//!
//! Two sources implement [`FindingSource`]:
//!
//! * [`ScanSource`] wraps a [`ScanView`] and materializes one finding at a time from the engine's
//!   compact outcomes (nothing is collected; a million findings never sit in memory at once);
//! * [`StoredSource`] holds rows handed in by the caller (the CLI reads them from the store), so
//!   this crate needs no dependency on `posture-store`.
//!
//! Writers may call [`FindingSource::for_each`] more than once (two-pass formats such as HTML and
//! OSCAL do); every call yields the same rows in the same order.

use std::collections::BTreeMap;
use std::io;

use posture_model::{Finding, Resource, Status};
use posture_rules::RuleMeta;
use posture_rules::engine::render_template;

use crate::{ComplianceSummary, ScanView};

/// A rule's fix with its templates filled from the resource.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Fix {
    /// One sentence: what to change.
    pub summary: String,
    /// CLI command(s).
    pub cli: String,
    /// Terraform snippet.
    pub terraform: String,
    /// Console steps.
    pub console: String,
    /// `safe`, `unsafe` or `manual`.
    pub fix_safety: String,
    /// Why that class.
    pub fix_safety_reason: String,
}

impl Fix {
    /// The rule's fix, filled from `resource`.
    #[must_use]
    pub fn render(meta: &RuleMeta, resource: &Resource) -> Fix {
        Fix {
            summary: meta.remediation.summary.to_owned(),
            cli: render_template(meta.remediation.cli, resource),
            terraform: render_template(meta.remediation.terraform, resource),
            console: render_template(meta.remediation.console, resource),
            fix_safety: meta.fix_safety.as_str().to_owned(),
            fix_safety_reason: meta.fix_safety_reason.to_owned(),
        }
    }
}

/// Lifecycle facts known only to the store.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Lifecycle {
    /// `new`, `open`, `reopened` or `resolved`.
    pub state: String,
    /// `open`, `excepted` or `resolved`.
    pub display: String,
    /// First seen failing (Unix seconds).
    pub first_seen: i64,
    /// Last seen failing or unknown.
    pub last_seen: i64,
    /// SLA clock start.
    pub opened_at: i64,
    /// When it was resolved.
    pub resolved_at: Option<i64>,
    /// SLA due date.
    pub due_at: Option<i64>,
    /// Past its due date.
    pub overdue: bool,
    /// Covering exception.
    pub exception_id: Option<i64>,
}

/// One finding as the writers see it.
pub struct Row<'a> {
    /// The finding (message, evidence, resource facts).
    pub finding: &'a Finding,
    /// The rule's metadata, when the rule is in the catalog.
    pub rule: Option<&'static RuleMeta>,
    /// Resource tags.
    pub tags: &'a posture_model::Tags,
    /// The fix, for failing findings.
    pub fix: Option<&'a Fix>,
    /// Framework id → requirement ids the rule supports.
    pub controls: &'a BTreeMap<String, Vec<String>>,
    /// Lifecycle, when the row comes from the store.
    pub lifecycle: Option<&'a Lifecycle>,
}

impl Row<'_> {
    /// When the finding was first detected (store) or the scan time.
    #[must_use]
    pub fn detected_at(&self, as_of: i64) -> i64 {
        self.lifecycle.map_or(as_of, |l| l.first_seen)
    }
    /// Covered by an approved exception.
    #[must_use]
    pub fn excepted(&self) -> bool {
        self.lifecycle.is_some_and(|l| l.display == "excepted")
    }
}

/// A rule that ran (or that a stored finding names).
#[derive(Clone, Copy)]
pub struct RuleRef {
    /// Metadata.
    pub meta: &'static RuleMeta,
}

/// Facts about the report as a whole.
#[derive(Clone, Debug, Default)]
pub struct ReportMeta {
    /// Reference time (Unix seconds).
    pub as_of: i64,
    /// Where the rows come from: `scan` or `store`.
    pub origin: &'static str,
    /// Store scan id, when known.
    pub scan_id: Option<i64>,
    /// Resources observed.
    pub resources: u64,
    /// Rule evaluations.
    pub evaluations: u64,
    /// Evaluations per status.
    pub by_status: BTreeMap<Status, u64>,
    /// Coverage entries collected / total.
    pub coverage: (u64, u64),
    /// Accounts seen.
    pub accounts: Vec<String>,
    /// Framework id → display name.
    pub frameworks: BTreeMap<String, String>,
    /// Posture per framework (for the HTML report).
    pub postures: Vec<ComplianceSummary>,
    /// Notes on what this source cannot provide (shown by writers that have room for them).
    pub notes: Vec<String>,
}

/// A stream of findings plus metadata.
pub trait FindingSource {
    /// Report-wide facts.
    fn meta(&self) -> &ReportMeta;
    /// The rules that ran, in a stable order (by id).
    fn rules(&self) -> Vec<&'static RuleMeta>;
    /// Visit every selected row, in a stable order.
    ///
    /// # Errors
    /// Whatever `f` returns.
    fn for_each(&self, f: &mut dyn FnMut(&Row<'_>) -> io::Result<()>) -> io::Result<()>;
}

/// A [`ScanView`] as a [`FindingSource`]: streams, materializing one finding at a time.
pub struct ScanSource<'a> {
    view: &'a ScanView<'a>,
    meta: ReportMeta,
}

impl<'a> ScanSource<'a> {
    /// Wrap a view. `frameworks` maps framework ids to display names; `postures` are shown by
    /// the HTML report.
    #[must_use]
    pub fn new(
        view: &'a ScanView<'a>,
        frameworks: BTreeMap<String, String>,
        postures: Vec<ComplianceSummary>,
    ) -> ScanSource<'a> {
        let inv = view.inventory;
        let accounts: std::collections::BTreeSet<&str> =
            inv.resources.iter().map(|r| r.account.as_str()).collect();
        let collected = inv
            .coverage
            .iter()
            .filter(|c| c.status == posture_model::CoverageStatus::Collected)
            .count() as u64;
        let meta = ReportMeta {
            as_of: posture_model::time::parse_rfc3339(&view.as_of).unwrap_or(0),
            origin: "scan",
            scan_id: None,
            resources: inv.resources.len() as u64,
            evaluations: view.evaluation.outcomes.len() as u64,
            by_status: view.tally.by_status.clone(),
            coverage: (collected, inv.coverage.len() as u64),
            accounts: accounts.into_iter().map(str::to_owned).collect(),
            frameworks,
            postures,
            notes: Vec::new(),
        };
        ScanSource { view, meta }
    }
}

impl FindingSource for ScanSource<'_> {
    fn meta(&self) -> &ReportMeta {
        &self.meta
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        let mut v: Vec<&'static RuleMeta> = self
            .view
            .evaluation
            .rules
            .iter()
            .map(|r| r.meta())
            .collect();
        v.sort_by_key(|m| m.id);
        v.dedup_by_key(|m| m.id);
        v
    }

    fn for_each(&self, f: &mut dyn FnMut(&Row<'_>) -> io::Result<()>) -> io::Result<()> {
        let v = self.view;
        let resources = &v.inventory.resources;
        let no_controls = BTreeMap::new();
        for o in &v.evaluation.outcomes {
            if !v.statuses.contains(&o.status) {
                continue;
            }
            let (Some(finding), Some(rule), Some(res)) = (
                v.evaluation.finding(o, resources),
                v.evaluation.rule(o),
                resources.get(o.resource as usize),
            ) else {
                continue;
            };
            let meta = rule.meta();
            let fix = (o.status == Status::Fail).then(|| Fix::render(meta, res));
            let controls = v
                .controls
                .and_then(|c| c.get(meta.id))
                .unwrap_or(&no_controls);
            f(&Row {
                finding: &finding,
                rule: Some(meta),
                tags: &res.tags,
                fix: fix.as_ref(),
                controls,
                lifecycle: None,
            })?;
        }
        Ok(())
    }
}

/// One stored row, owned.
#[derive(Clone, Debug)]
pub struct StoredRow {
    /// The finding (evidence is empty: the store does not keep it).
    pub finding: Finding,
    /// Tags.
    pub tags: posture_model::Tags,
    /// Fix re-rendered from the current rule catalog.
    pub fix: Option<Fix>,
    /// Framework requirements.
    pub controls: BTreeMap<String, Vec<String>>,
    /// Lifecycle.
    pub lifecycle: Lifecycle,
}

/// Rows read from the store (or anywhere else), as a [`FindingSource`].
pub struct StoredSource {
    /// Report-wide facts.
    pub meta: ReportMeta,
    /// Rows, in the order they are written (sort them with [`StoredSource::sort`]).
    pub rows: Vec<StoredRow>,
    /// Catalog used to look rules up by id.
    pub catalog: Vec<&'static RuleMeta>,
}

impl StoredSource {
    /// Order rows like a scan: by resource uid, then rule id.
    pub fn sort(&mut self) {
        self.rows.sort_by(|a, b| {
            (&a.finding.resource_uid, &a.finding.rule_id)
                .cmp(&(&b.finding.resource_uid, &b.finding.rule_id))
        });
    }

    fn rule(&self, id: &str) -> Option<&'static RuleMeta> {
        self.catalog.iter().copied().find(|m| m.id == id)
    }
}

impl FindingSource for StoredSource {
    fn meta(&self) -> &ReportMeta {
        &self.meta
    }

    fn rules(&self) -> Vec<&'static RuleMeta> {
        let ids: std::collections::BTreeSet<&str> = self
            .rows
            .iter()
            .map(|r| r.finding.rule_id.as_str())
            .collect();
        ids.into_iter().filter_map(|id| self.rule(id)).collect()
    }

    fn for_each(&self, f: &mut dyn FnMut(&Row<'_>) -> io::Result<()>) -> io::Result<()> {
        let by_id: BTreeMap<&str, &'static RuleMeta> =
            self.catalog.iter().map(|m| (m.id, *m)).collect();
        for r in &self.rows {
            f(&Row {
                finding: &r.finding,
                rule: by_id.get(r.finding.rule_id.as_str()).copied(),
                tags: &r.tags,
                fix: r.fix.as_ref(),
                controls: &r.controls,
                lifecycle: Some(&r.lifecycle),
            })?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Small shared helpers.

/// Milliseconds since the Unix epoch (OCSF `timestamp_t`).
#[must_use]
pub fn millis(secs: i64) -> i64 {
    secs.saturating_mul(1000)
}

/// RFC 3339 (UTC, seconds).
#[must_use]
pub fn rfc3339(secs: i64) -> String {
    posture_model::time::format_rfc3339(secs)
}

/// `YYYY-MM-DD`.
#[must_use]
pub fn date(secs: i64) -> String {
    let (y, m, d) = posture_model::time::civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// A deterministic UUID derived from `parts` (SHA-256 of the NUL-joined parts, truncated to 128
/// bits, with the version nibble set to 5 and the RFC 4122 variant bits). "UUIDv5-style": the
/// same input always gives the same id, and the text matches OSCAL's UUID pattern (version 4 or
/// 5); it is not the SHA-1 UUIDv5 of a namespace.
#[must_use]
pub fn stable_uuid(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"posture-report-uuid\0");
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Escape text for HTML and XML element content and attribute values.
#[must_use]
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids: dropped (a report must stay well-formed).
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Truncate to at most `max` bytes on a character boundary, adding `…` when cut.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Serialize to a JSON string (serde_json cannot fail on the values used here; `null` if it did).
pub(crate) fn json_string<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned())
}

/// Map serde_json errors to I/O errors.
pub(crate) fn io_err(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_is_stable_and_well_formed() {
        let a = stable_uuid(&["x", "y"]);
        assert_eq!(a, stable_uuid(&["x", "y"]));
        assert_ne!(a, stable_uuid(&["xy"]));
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'5');
        assert!(matches!(a.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn escape_hostile_text() {
        let s = escape_xml("<script>alert('x')</script>&\"\u{1}");
        assert_eq!(
            s,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
        assert!(!escape_xml("a\"onmouseover=\"x").contains('"'));
    }

    #[test]
    fn truncate_on_char_boundary() {
        assert_eq!(truncate("abc", 5), "abc");
        let t = truncate("ééééé", 6);
        assert!(t.len() <= 6, "{t}");
        assert!(t.ends_with('…'));
    }
}
