//! Remediation for Posture.
//!
//! * [`plan`]: a fix plan from an evaluation: per failing finding the filled-in instructions,
//!   the API calls an automated fix would make (with the resource's real identifiers), the IAM
//!   write permissions, the blast radius (production or not), rollback, and the policy decision.
//!   Building a plan changes nothing.
//! * [`policy`]: the remediation policy (`[remediation]` in `posture.toml`): monitor-only by
//!   default; automatic only for `safe` fixes in configured scopes; production and `unsafe`
//!   fixes need an approval by someone other than the requester; excepted findings are never
//!   fixed; a cap on resources per run.
//! * [`apply`]: runs the allowed items through the AWS SDK ([`exec`]), each idempotent (read,
//!   write only when needed, read back), records before/after state and the result in the store
//!   (and its audit chain), then re-collects only the touched services and regions and
//!   re-evaluates the touched rules: a finding is resolved only if its rule now passes.
//! * [`fixes`]: the catalog of automated fixes.

pub mod apply;
pub mod exec;
pub mod fixes;
pub mod plan;
pub mod policy;

pub use apply::{ApplyOptions, ApplyReport, ItemOutcome, Rescan, apply};
pub use fixes::{ApiCall, FIXES, FixDef, FixId};
pub use plan::{Decision, Plan, PlanInput, PlanItem, build};
pub use policy::{AutoScope, Mode, Policy, Subject};
