//! # posture-model
//!
//! The normalized model that every stage of Posture shares. Collectors and importers produce it,
//! rules read it, the store keeps it and reports render it. Nothing downstream of this crate ever
//! branches on *where* a resource came from (a live API, an AWS Config snapshot, a Resource Graph
//! export): that difference ends here.
//!
//! ## Why it has this shape
//!
//! * **Typed configuration per kind** ([`Config`]). A rule reads `bucket.versioning`, not
//!   `json["supplementaryConfiguration"]["BucketVersioningConfiguration"]["status"]`. Typed access
//!   is what makes native rules fast (no JSON walking per rule) and lets the compiler catch a rule
//!   that reads a field no importer fills. Resource types we have not modeled yet are kept as
//!   [`Config::Unmodeled`] with their raw document: counted and reported, never dropped.
//! * **Missing is not false.** Every field a collector may fail to read is an `Option`. `None`
//!   means "not observed" (denied, throttled, absent from the export), and the resource's
//!   [`Gap`]s say why. An observed "off" state is always an explicit value (an empty statement
//!   list, `enabled: false`), so a rule can tell "no policy" from "could not read the policy" and
//!   report Unknown for the latter instead of a false Pass.
//! * **No I/O, no clock, no async.** The crate is plain data plus pure helpers (uid hashing,
//!   IAM policy normalization), so the rule crate above it stays pure too.
//!
//! The JSON forms of [`Resource`] and [`Inventory`] are Posture's own documented inventory format
//! (see `docs/inventory-format.md`); they round-trip losslessly.
#![warn(missing_docs)]

pub mod coverage;
pub mod finding;
pub mod inventory;
pub mod kinds;
pub mod policy;
pub mod resource;
pub mod tags;
pub mod time;

pub use coverage::{CoverageEntry, CoverageStatus};
pub use finding::{Evidence, Finding, Severity, Status, finding_uid};
pub use inventory::{Inventory, InventoryIndex, SourceReport};
pub use kinds::{Binding, Config, Kind, RawJson, Typed, Unmodeled};
pub use resource::{Gap, GapReason, Provider, Relationship, Resource};
pub use tags::Tags;
