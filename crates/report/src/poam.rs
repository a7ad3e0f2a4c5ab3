//! `--format poam`: FedRAMP Plan of Action and Milestones, columns A–AA of FedRAMP's template
//! ("Open POA&M Items" / "Closed POA&M Items"), as CSV (open items; closed items follow in the
//! same file with `Status Date` set) and as XLSX (two sheets).
//!
//! One item per failing finding. Mapping: `POAM ID` = `PST-` + the first 12 hex digits of the
//! finding uid (stable across scans); `Controls` = the NIST SP 800-53 requirements the rule
//! supports (`nist-800-53-r5`, `fedramp-*`), else every mapped requirement; `Weakness Name` = rule
//! title; `Weakness Description` = the message and evidence; `Weakness Detector Source` =
//! `Posture <version>`; `Weakness Source Identifier` = rule id; `Asset Identifier` = resource uid
//! (account, region); `Overall Remediation Plan` = the fix summary and CLI; `Original Detection
//! Date` = first seen (store) or scan date; `Scheduled Completion Date` = the SLA due date from
//! the store, else FedRAMP's traditional windows from detection (critical/high 30 days, medium
//! 90, low/info 180); `Status Date` = resolution date (closed items) or the report date;
//! `Original Risk Rating` = High (critical, high), Moderate (medium), Low (low, info); the
//! deviation columns are `No`. Columns Posture cannot know (point of contact, resources
//! required, milestones, vendor dependency details) are left empty for the owner to fill.
//! Open items are those failing; closed items exist only when rows come from the store.

use std::io::{self, Write};

use posture_model::{Severity, Status};

use crate::source::{FindingSource, Row, date};
use crate::xlsx::Sheet;

/// Columns A–AA.
pub const COLUMNS: [&str; 27] = [
    "POAM ID",
    "Controls",
    "Weakness Name",
    "Weakness Description",
    "Weakness Detector Source",
    "Weakness Source Identifier",
    "Asset Identifier",
    "Point of Contact",
    "Resources Required",
    "Overall Remediation Plan",
    "Original Detection Date",
    "Scheduled Completion Date",
    "Planned Milestones",
    "Milestone Changes",
    "Status Date",
    "Vendor Dependency",
    "Last Vendor Check-in Date",
    "Vendor Dependent Product Name",
    "Original Risk Rating",
    "Adjusted Risk Rating",
    "Risk Adjustment",
    "False Positive",
    "Operational Requirement",
    "Deviation Rationale",
    "Supporting Documents",
    "Comments",
    "Auto-Approve",
];

fn rating(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "High",
        Severity::Medium => "Moderate",
        Severity::Low | Severity::Info => "Low",
    }
}

fn window_days(s: Severity) -> i64 {
    match s {
        Severity::Critical | Severity::High => 30,
        Severity::Medium => 90,
        Severity::Low | Severity::Info => 180,
    }
}

/// Whether a row belongs in the POA&M, and whether it is closed.
fn classify(row: &Row<'_>) -> Option<bool> {
    match row.lifecycle {
        Some(l) if l.display == "resolved" => Some(true),
        Some(_) => (row.finding.status == Status::Fail).then_some(false),
        None => (row.finding.status == Status::Fail).then_some(false),
    }
}

/// The 27 cells of one item.
#[must_use]
pub fn cells(row: &Row<'_>, as_of: i64) -> Vec<String> {
    let f = row.finding;
    let nist: Vec<&String> = row
        .controls
        .iter()
        .filter(|(fw, _)| fw.starts_with("nist-800-53") || fw.starts_with("fedramp-"))
        .flat_map(|(_, r)| r)
        .collect();
    let mut controls: Vec<String> = if nist.is_empty() {
        row.controls
            .iter()
            .flat_map(|(fw, r)| r.iter().map(move |x| format!("{fw} {x}")))
            .collect()
    } else {
        nist.into_iter().cloned().collect()
    };
    controls.sort();
    controls.dedup();
    let mut desc = f.message.clone();
    for e in &f.evidence {
        desc.push_str(&format!("\nEvidence: {} = {}", e.path, e.observed));
    }
    let plan = row.fix.map_or_else(
        || {
            row.rule
                .map_or(String::new(), |r| r.remediation.summary.to_owned())
        },
        |x| format!("{}\n{}", x.summary, x.cli),
    );
    let detected = row.detected_at(as_of);
    let due = row
        .lifecycle
        .and_then(|l| l.due_at)
        .unwrap_or(detected + window_days(f.severity) * 86_400);
    let status_date = row.lifecycle.and_then(|l| l.resolved_at).unwrap_or(as_of);
    let mut comments = format!("Posture finding {} ({})", f.uid, f.status.as_str());
    if row.excepted() {
        comments.push_str("; covered by an approved exception");
    }
    vec![
        format!("PST-{}", f.uid.get(..12).unwrap_or(&f.uid)),
        controls.join(", "),
        f.title.clone(),
        desc,
        format!("Posture {}", env!("CARGO_PKG_VERSION")),
        f.rule_id.clone(),
        format!("{} ({} {})", f.resource_uid, f.account, f.region),
        String::new(),
        String::new(),
        plan,
        date(detected),
        date(due),
        String::new(),
        String::new(),
        date(status_date),
        "No".into(),
        String::new(),
        String::new(),
        rating(f.severity).into(),
        rating(f.severity).into(),
        "No".into(),
        "No".into(),
        "No".into(),
        String::new(),
        String::new(),
        comments,
        "No".into(),
    ]
}

/// Write the POA&M as CSV (open items first, then closed).
///
/// # Errors
/// I/O errors of `w`.
pub fn write_csv(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<()> {
    let as_of = src.meta().as_of;
    let line = |w: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let v: Vec<String> = cells.iter().map(|c| crate::csv::cell(c)).collect();
        w.write_all(v.join(",").as_bytes())?;
        w.write_all(b"\r\n")
    };
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.push("Item State");
    line(w, &header)?;
    for want_closed in [false, true] {
        src.for_each(&mut |row| {
            if classify(row) != Some(want_closed) {
                return Ok(());
            }
            let mut c = cells(row, as_of);
            c.push(if want_closed { "closed" } else { "open" }.to_owned());
            let refs: Vec<&str> = c.iter().map(String::as_str).collect();
            line(w, &refs)
        })?;
    }
    w.flush()
}

/// Write the POA&M as an XLSX workbook with "Open POA&M Items" and "Closed POA&M Items".
///
/// # Errors
/// I/O errors of `w`.
pub fn write_xlsx(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<()> {
    let as_of = src.meta().as_of;
    let mut open = Sheet::new("Open POA&M Items", &COLUMNS);
    let mut closed = Sheet::new("Closed POA&M Items", &COLUMNS);
    src.for_each(&mut |row| {
        let Some(is_closed) = classify(row) else {
            return Ok(());
        };
        let c = cells(row, as_of);
        let refs: Vec<&str> = c.iter().map(String::as_str).collect();
        if is_closed {
            closed.row(&refs);
        } else {
            open.row(&refs);
        }
        Ok(())
    })?;
    crate::xlsx::write(&[open, closed], w)
}
