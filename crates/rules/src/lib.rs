//! # posture-rules
//!
//! The built-in rule catalog and the engine that runs it.
//!
//! ## Why it has this shape
//!
//! * **One file per rule** (`catalog/<provider>/<service>/<rule>.rs`), holding its typed metadata
//!   ([`RuleMeta`]: id, title, severity with rationale, description, risk, remediation for CLI /
//!   Terraform / console, fix safety, read permissions, references) *and* its test cases. Adding
//!   a rule touches that file and one line in the service's `mod.rs`; the catalog meta-test and
//!   the generated docs pick it up from there.
//! * **Native, typed, pure.** A rule is a function of one resource's typed configuration plus an
//!   [`EvalContext`] (the inventory index and the scan's reference time). No I/O, no clock, no
//!   globals: cross-resource facts come from the index. Native typed checks were measured at
//!   tens of millions of evaluations per second per core; generic JSON expression engines were
//!   30-300x slower, so the built-in catalog is Rust.
//! * **Missing data never passes.** Rules read observed fields through [`need`], which turns a
//!   `None` into [`Missing`]; the engine reports that as [`Status::Unknown`] with the field and
//!   the recorded gap (denied, throttled, not in the export). There is no way for a rule to turn
//!   a missing value into a Pass without writing it out explicitly.
//! * **Compact results.** The engine keeps one 16-byte [`Outcome`] per evaluation and allocates
//!   messages and evidence only for failures and unknowns, so a million-resource estate does not
//!   need gigabytes of findings; [`Evaluation::finding`] materializes the full
//!   [`posture_model::Finding`] when a report needs it.
#![warn(missing_docs)]

pub mod catalog;
pub mod docs;
pub mod engine;
pub mod iam;
pub mod net;
pub mod testing;

pub use catalog::catalog;
pub use engine::{
    Case, EvalContext, Evaluation, Expect, FixSafety, Missing, Outcome, Remediation, Rule,
    RuleMeta, RuleSelection, TypedRule, Verdict, evaluate, need,
};

pub use posture_model::{Severity, Status};

/// What a rule file needs in scope.
pub mod prelude {
    pub use crate::engine::{
        Case, EvalContext, Expect, FixSafety, Missing, Remediation, RuleMeta, TypedRule, Verdict,
        need,
    };
    pub use posture_model::kinds::{aws, azure, gcp};
    pub use posture_model::{Evidence, Kind, Resource, Severity};
    pub use serde_json::json;
}
