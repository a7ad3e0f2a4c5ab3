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
}

impl ScanView<'_> {
    /// Number of evaluations with a given status.
    #[must_use]
    pub fn count(&self, s: Status) -> u64 {
        self.tally.by_status.get(&s).copied().unwrap_or(0)
    }
}
