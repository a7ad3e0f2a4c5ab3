//! # posture-report
//!
//! Turns a scan (inventory + evaluation) into something people and programs read: the terminal
//! summary and tables, and Posture's JSON findings document. One module per output format; later
//! stages add OCSF, ASFF, SARIF, CSV, HTML, OSCAL and POA&M writers here.
//!
//! ## Why it has this shape
//!
//! * Rendering lives only here: the model and the rules carry no colors or layout.
//! * Writers **stream**: findings are materialized one at a time from the engine's compact
//!   outcomes, so writing a million findings does not hold a million `Finding`s in memory.
//! * Output is **deterministic** (stable ordering and ids) so reports can be diffed.
#![warn(missing_docs)]

pub mod json;
pub mod style;
pub mod summary;

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
