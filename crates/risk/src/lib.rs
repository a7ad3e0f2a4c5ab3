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

/// Scores of an evaluation's failing and unknown outcomes, parallel to `evaluation.outcomes`
/// (`None` for passes and not-applicable results).
#[must_use]
pub fn score_evaluation(evaluation: &Evaluation, scorer: &Scorer<'_>) -> Vec<Option<RiskScore>> {
    evaluation
        .outcomes
        .iter()
        .map(|o| {
            if !matches!(o.status, Status::Fail | Status::Unknown) {
                return None;
            }
            let rule = evaluation.rule(o)?;
            Some(scorer.score(rule.meta().id, rule.meta().severity, o.resource as usize))
        })
        .collect()
}

/// Build the analysis for an inventory index (convenience for callers that also score).
#[must_use]
pub fn analyze(index: &InventoryIndex<'_>, settings: &ContextSettings) -> Analysis {
    Analysis::build(index, settings)
}

#[cfg(test)]
mod tests;
