//! Posture per framework: each requirement's status from the outcomes of its rules.
//!
//! A requirement is
//! * **Manual** when no rule maps to it (a person has to attest it);
//! * **Fail** when any of its rules failed on any resource (excepted findings aside);
//! * **Unknown** otherwise when any evaluation was Unknown or a mapped rule did not run
//!   (missing data is never a pass);
//! * **Excepted** otherwise when every non-passing finding behind it is excepted;
//! * **Pass** otherwise when at least one evaluation passed;
//! * **Not applicable** when its rules evaluated no resource at all (nothing of those kinds in
//!   the inventory).
//!
//! The framework percentage is `passed / applicable requirements`, where applicable = all
//! requirements (manual ones included) minus not-applicable ones. Excepted requirements are not
//! counted as passed: an accepted risk is not compliance. Coverage is the share of applicable
//! requirements decided automatically (passed, failed or excepted).

use std::collections::{BTreeSet, HashMap};

use posture_model::{Resource, Status, finding_uid};
use posture_rules::Evaluation;
use serde::Serialize;

use crate::{Framework, Requirement};

/// The status of one requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementStatus {
    /// Its rules found something failing.
    Fail,
    /// Its rules could not decide (missing data) or did not run.
    Unknown,
    /// Every non-passing finding behind it is excepted.
    Excepted,
    /// Its rules passed.
    Pass,
    /// No rule maps to it.
    Manual,
    /// Its rules evaluated no resource.
    NotApplicable,
}

impl RequirementStatus {
    /// Every status, in display order.
    pub const ALL: [RequirementStatus; 6] = [
        RequirementStatus::Fail,
        RequirementStatus::Unknown,
        RequirementStatus::Excepted,
        RequirementStatus::Pass,
        RequirementStatus::Manual,
        RequirementStatus::NotApplicable,
    ];

    /// Lower-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementStatus::Fail => "fail",
            RequirementStatus::Unknown => "unknown",
            RequirementStatus::Excepted => "excepted",
            RequirementStatus::Pass => "pass",
            RequirementStatus::Manual => "manual",
            RequirementStatus::NotApplicable => "not_applicable",
        }
    }
}

/// Evaluations behind a requirement, by effective status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Passing evaluations.
    pub pass: u64,
    /// Failing evaluations (not excepted).
    pub fail: u64,
    /// Unknown evaluations (not excepted).
    pub unknown: u64,
    /// Failing or unknown evaluations whose finding is excepted.
    pub excepted: u64,
    /// Not-applicable evaluations.
    pub not_applicable: u64,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.pass += o.pass;
        self.fail += o.fail;
        self.unknown += o.unknown;
        self.excepted += o.excepted;
        self.not_applicable += o.not_applicable;
    }
}

/// One requirement's posture.
#[derive(Clone, Debug, Serialize)]
pub struct RequirementPosture<'f> {
    /// The requirement.
    pub requirement: &'f Requirement,
    /// Its status.
    pub status: RequirementStatus,
    /// Evaluations behind it.
    pub counts: Counts,
    /// Indexes into [`Evaluation::outcomes`] of the failing, unknown and excepted evaluations
    /// behind it, in evaluation order.
    pub findings: Vec<usize>,
    /// Mapped rules that were not part of the evaluation.
    pub rules_not_run: Vec<&'f str>,
}

/// Requirement counts per status and the derived percentages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Requirements in the framework.
    pub requirements: usize,
    /// Passed.
    pub pass: usize,
    /// Failed.
    pub fail: usize,
    /// Unknown.
    pub unknown: usize,
    /// Excepted.
    pub excepted: usize,
    /// Manual.
    pub manual: usize,
    /// Not applicable.
    pub not_applicable: usize,
}

impl Totals {
    /// Requirements that apply to the estate (all but not-applicable ones).
    #[must_use]
    pub fn applicable(&self) -> usize {
        self.requirements - self.not_applicable
    }

    /// Percentage of applicable requirements that passed (`None` when none applies).
    #[must_use]
    pub fn percent_passed(&self) -> Option<f64> {
        let n = self.applicable();
        (n > 0).then(|| 100.0 * self.pass as f64 / n as f64)
    }

    /// Percentage of applicable requirements decided automatically: passed, failed or excepted
    /// (`None` when none applies).
    #[must_use]
    pub fn coverage(&self) -> Option<f64> {
        let n = self.applicable();
        (n > 0).then(|| 100.0 * (self.pass + self.fail + self.excepted) as f64 / n as f64)
    }

    fn count(&mut self, s: RequirementStatus) {
        match s {
            RequirementStatus::Pass => self.pass += 1,
            RequirementStatus::Fail => self.fail += 1,
            RequirementStatus::Unknown => self.unknown += 1,
            RequirementStatus::Excepted => self.excepted += 1,
            RequirementStatus::Manual => self.manual += 1,
            RequirementStatus::NotApplicable => self.not_applicable += 1,
        }
    }
}

/// A framework's posture.
#[derive(Clone, Debug, Serialize)]
pub struct FrameworkPosture<'f> {
    /// The framework.
    #[serde(skip)]
    pub framework: &'f Framework,
    /// Per requirement, in framework order.
    pub requirements: Vec<RequirementPosture<'f>>,
    /// Counts and percentages.
    pub totals: Totals,
}

impl FrameworkPosture<'_> {
    /// One requirement's posture by id.
    #[must_use]
    pub fn requirement(&self, id: &str) -> Option<&RequirementPosture<'_>> {
        let r = self.framework.requirement(id)?;
        self.requirements.iter().find(|p| p.requirement.id == r.id)
    }
}

#[derive(Default)]
struct RuleResults {
    counts: Counts,
    findings: Vec<usize>,
}

/// Outcomes grouped by rule, with exceptions applied; assesses any number of frameworks.
pub struct Assessor {
    per_rule: HashMap<&'static str, RuleResults>,
}

impl Assessor {
    /// Group `evaluation`'s outcomes by rule. A failing or unknown outcome whose finding uid is in
    /// `excepted` counts as excepted.
    #[must_use]
    pub fn new(
        evaluation: &Evaluation,
        resources: &[Resource],
        excepted: &BTreeSet<String>,
    ) -> Assessor {
        let mut per_rule: HashMap<&'static str, RuleResults> = evaluation
            .rules
            .iter()
            .map(|r| (r.meta().id, RuleResults::default()))
            .collect();
        for (i, o) in evaluation.outcomes.iter().enumerate() {
            let Some(rule) = evaluation.rule(o) else {
                continue;
            };
            let id = rule.meta().id;
            let Some(slot) = per_rule.get_mut(id) else {
                continue;
            };
            let is_excepted = || {
                !excepted.is_empty()
                    && resources
                        .get(o.resource as usize)
                        .is_some_and(|r| excepted.contains(&finding_uid(id, &r.uid)))
            };
            match o.status {
                Status::Pass => slot.counts.pass += 1,
                Status::NotApplicable => slot.counts.not_applicable += 1,
                Status::Fail | Status::Unknown if is_excepted() => {
                    slot.counts.excepted += 1;
                    slot.findings.push(i);
                }
                Status::Fail => {
                    slot.counts.fail += 1;
                    slot.findings.push(i);
                }
                Status::Unknown => {
                    slot.counts.unknown += 1;
                    slot.findings.push(i);
                }
            }
        }
        Assessor { per_rule }
    }

    /// One requirement's posture.
    #[must_use]
    pub fn requirement<'f>(&self, r: &'f Requirement) -> RequirementPosture<'f> {
        let mut counts = Counts::default();
        let mut findings = Vec::new();
        let mut rules_not_run = Vec::new();
        for rule in &r.rules {
            match self.per_rule.get(rule.as_str()) {
                Some(res) => {
                    counts.add(res.counts);
                    findings.extend_from_slice(&res.findings);
                }
                None => rules_not_run.push(rule.as_str()),
            }
        }
        findings.sort_unstable();
        findings.dedup();
        let status = if r.is_manual() {
            RequirementStatus::Manual
        } else if counts.fail > 0 {
            RequirementStatus::Fail
        } else if counts.unknown > 0 || !rules_not_run.is_empty() {
            RequirementStatus::Unknown
        } else if counts.excepted > 0 {
            RequirementStatus::Excepted
        } else if counts.pass > 0 {
            RequirementStatus::Pass
        } else {
            RequirementStatus::NotApplicable
        };
        RequirementPosture {
            requirement: r,
            status,
            counts,
            findings,
            rules_not_run,
        }
    }

    /// A framework's posture.
    #[must_use]
    pub fn assess<'f>(&self, framework: &'f Framework) -> FrameworkPosture<'f> {
        let requirements: Vec<RequirementPosture<'f>> = framework
            .requirements
            .iter()
            .map(|r| self.requirement(r))
            .collect();
        let mut totals = Totals {
            requirements: requirements.len(),
            ..Totals::default()
        };
        for p in &requirements {
            totals.count(p.status);
        }
        FrameworkPosture {
            framework,
            requirements,
            totals,
        }
    }
}
