//! # posture-risk
//!
//! Risk prioritization: which findings matter first.
//!
//! * [`graph`]: the resource graph built from the inventory (typed ids and relationships), and
//!   what is computed over it — internet exposure per resource with the path (or the missing hop:
//!   missing data gives *unknown*, never "not exposed"), and what workload identities can reach.
//! * [`context`]: environment and data classification from tags/labels, per-account overrides and
//!   name inference (marked as inferred).
//! * [`score`]: the 0-100 risk score per finding, the product of severity, exposure, data,
//!   environment and compliance-impact factors raised to configurable weights, with each factor's
//!   contribution.
//! * [`toxic`]: toxic combinations as real rules (`risk.toxic.*`), evaluated with the catalog.
//!
//! Pure: no I/O, no clock. See `docs/risk.md`.
#![warn(missing_docs)]

pub mod context;
pub mod graph;
pub mod score;
pub mod toxic;

use posture_model::{InventoryIndex, Status};
use posture_rules::Evaluation;

pub use context::{ContextSettings, DataClass, Environment};
pub use graph::{Analysis, Exposure, IdentityReach, Tri};
pub use score::{Factor, RiskScore, RiskSettings, Scorer, Weights};

/// Risk scores of an evaluation, parallel to `evaluation.outcomes` (`None` for passes and
/// not-applicable results).
///
/// Only the number is kept per outcome; the factors (with their level names and exposure paths)
/// are recomputed when a finding is rendered. A million-resource scan has hundreds of thousands
/// of scored findings, and keeping every explanation in memory would cost gigabytes.
pub struct Scores<'a> {
    evaluation: &'a Evaluation,
    scorer: Scorer<'a>,
    values: Vec<u8>,
}

/// Marks an outcome without a score in [`Scores`].
const NOT_SCORED: u8 = u8::MAX;

impl Scores<'_> {
    /// The 0-100 score of outcome `n`.
    #[must_use]
    pub fn value(&self, n: usize) -> Option<u8> {
        self.values.get(n).copied().filter(|v| *v != NOT_SCORED)
    }

    /// The score of outcome `n` with its factors.
    #[must_use]
    pub fn get(&self, n: usize) -> Option<RiskScore> {
        self.value(n)?;
        let o = self.evaluation.outcomes.get(n)?;
        let rule = self.evaluation.rule(o)?;
        Some(
            self.scorer
                .score(rule.meta().id, rule.meta().severity, o.resource as usize),
        )
    }

    /// Number of outcomes covered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no outcome is covered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Score an evaluation's failing and unknown outcomes.
#[must_use]
pub fn score_evaluation<'a>(evaluation: &'a Evaluation, scorer: Scorer<'a>) -> Scores<'a> {
    let values = evaluation
        .outcomes
        .iter()
        .map(|o| {
            if !matches!(o.status, Status::Fail | Status::Unknown) {
                return NOT_SCORED;
            }
            evaluation.rule(o).map_or(NOT_SCORED, |rule| {
                scorer
                    .score(rule.meta().id, rule.meta().severity, o.resource as usize)
                    .score
                    .min(100)
            })
        })
        .collect();
    Scores {
        evaluation,
        scorer,
        values,
    }
}

/// Build the analysis for an inventory index (convenience for callers that also score).
#[must_use]
pub fn analyze(index: &InventoryIndex<'_>, settings: &ContextSettings) -> Analysis {
    Analysis::build(index, settings)
}

#[cfg(test)]
mod tests;
