//! # posture-report
//!
//! Turns a scan (inventory + evaluation) into something people and programs read: the terminal
//! summary and tables, Posture's JSON findings document, and the interchange formats (CSV, OCSF,
//! ASFF, SARIF, JUnit, HTML, OSCAL assessment-results, FedRAMP POA&M as CSV and XLSX), the
//! 90-day evidence summary and scan diffs. One module per format; see `docs/reports.md`.
//!
//! Interchange writers read a [`source::FindingSource`]: a scan ([`source::ScanSource`], streamed)
//! or rows read from the store ([`source::StoredSource`]; this crate does not depend on the
//! store).
//!
//! ## Why it has this shape
//!
//! * Rendering lives only here: the model and the rules carry no colors or layout.
//! * Writers **stream**: findings are materialized one at a time from the engine's compact
//!   outcomes, so writing a million findings does not hold a million `Finding`s in memory.
//! * Output is **deterministic** (stable ordering and ids) so reports can be diffed.
#![warn(missing_docs)]

pub mod asff;
pub mod csv;
pub mod diff;
pub mod html;
pub mod json;
pub mod junit;
pub mod ocsf;
pub mod oscal;
pub mod poam;
pub mod sarif;
pub mod source;
pub mod style;
pub mod summary;
pub mod summary90;
pub mod xlsx;

use std::collections::BTreeMap;

use posture_model::{Inventory, Status};
use posture_rules::Evaluation;
use posture_rules::engine::Tally;

/// Everything a writer needs about one scan.
pub struct ScanView<'a> {
    /// The imported inventory (resources are in evaluation order).
    pub inventory: &'a Inventory,
    /// The evaluation.
    pub evaluation: &'a Evaluation,
    /// Counts derived from the evaluation.
    pub tally: Tally,
    /// Reference time of the scan (RFC 3339).
    pub as_of: String,
    /// Statuses included in detailed output.
    pub statuses: Vec<Status>,
    /// Wall-clock timings in seconds (`import`, `evaluate`, …).
    pub timings: Vec<(&'static str, f64)>,
    /// Control references per rule id (framework id → requirement ids), from the compliance
    /// frameworks; written as `controls` on every JSON finding when set.
    pub controls: Option<&'a BTreeMap<String, BTreeMap<String, Vec<String>>>>,
    /// Posture of the framework the scan was limited to (`posture scan --framework`).
    pub compliance: Option<ComplianceSummary>,
    /// Risk scores, parallel to `evaluation.outcomes` (`None` for passes and not-applicable
    /// results); written as `risk` on JSON findings and listed as "top risks" in the summary.
    pub risk: Option<&'a posture_risk::Scores<'a>>,
}

/// A framework's posture, as computed by `posture-compliance` (kept as plain numbers here so
/// rendering does not depend on the compliance crate).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ComplianceSummary {
    /// Framework id.
    pub framework: String,
    /// Framework name and version.
    pub name: String,
    /// Requirements in the framework.
    pub requirements: usize,
    /// Requirements passed.
    pub pass: usize,
    /// Requirements failed.
    pub fail: usize,
    /// Requirements unknown (missing data or rules not run).
    pub unknown: usize,
    /// Requirements whose non-passing findings are all excepted.
    pub excepted: usize,
    /// Requirements no rule decides.
    pub manual: usize,
    /// Requirements whose rules evaluated no resource.
    pub not_applicable: usize,
    /// Passed ÷ applicable requirements, in percent.
    pub percent_passed: Option<f64>,
    /// Automatically decided ÷ applicable requirements, in percent.
    pub coverage: Option<f64>,
}

impl ScanView<'_> {
    /// Number of evaluations with a given status.
    #[must_use]
    pub fn count(&self, s: Status) -> u64 {
        self.tally.by_status.get(&s).copied().unwrap_or(0)
    }
}

/// The interchange formats (everything but the terminal table and the JSON findings document,
/// which read a [`ScanView`] directly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV, one line per finding.
    Csv,
    /// OCSF 1.8.0 Detection (2004) and Compliance (2003) Findings.
    Ocsf,
    /// AWS Security Finding Format, batches as JSON Lines.
    Asff,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
    /// Self-contained HTML.
    Html,
    /// OSCAL assessment-results JSON.
    Oscal,
    /// FedRAMP POA&M CSV.
    Poam,
    /// FedRAMP POA&M XLSX.
    PoamXlsx,
}

/// Render `src` in `format`. Returns a line for the user about what was left out, if anything.
///
/// # Errors
/// I/O errors of `w`.
pub fn render(
    format: Format,
    src: &dyn source::FindingSource,
    html: &html::HtmlOptions,
    w: &mut dyn std::io::Write,
) -> std::io::Result<Option<String>> {
    match format {
        Format::Csv => csv::write(src, w)?,
        Format::Ocsf => ocsf::write(src, w)?,
        Format::Asff => {
            let s = asff::write(src, w)?;
            return Ok(Some(format!(
                "ASFF: {} findings in {} batches{}",
                s.written,
                s.batches,
                if s.skipped_non_aws > 0 {
                    format!(
                        "; {} Azure/GCP findings left out (Security Hub takes AWS findings)",
                        s.skipped_non_aws
                    )
                } else {
                    String::new()
                }
            )));
        }
        Format::Sarif => sarif::write(src, w)?,
        Format::Junit => junit::write(src, w)?,
        Format::Html => html::write(src, html, w)?,
        Format::Oscal => oscal::write(src, w)?,
        Format::Poam => poam::write_csv(src, w)?,
        Format::PoamXlsx => poam::write_xlsx(src, w)?,
    }
    Ok(None)
}
