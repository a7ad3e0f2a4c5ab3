//! # posture-collect
//!
//! Everything that turns a cloud estate into a [`posture_model::Inventory`]: importers for the
//! exports teams already have (AWS Config snapshots and queries, Azure Resource Graph output, GCP
//! Cloud Asset Inventory exports, Posture's own inventory JSON) and, in later stages, the live
//! collectors.
//!
//! ## Why it has this shape
//!
//! * **Formats are detected by content, never by file name.** [`import::detect`] looks at the
//!   first bytes (gzip magic, JSON object vs array vs JSON lines) and at distinctive keys
//!   (`configurationItems`, `asset_type`, `microsoft.` types).
//! * **One bad file never spoils a scan.** Each input is imported on its own; a failure becomes a
//!   [`posture_model::SourceReport`] with the path, the JSON path or line, and what was expected,
//!   and a failed [`posture_model::CoverageEntry`]. Nothing else is dropped.
//! * **Unknown resource types are kept**, as `unmodeled`, and counted per native type in the
//!   source report, so users see what Posture did not evaluate.
//! * **Importers map, rules judge.** An importer translates a provider's vocabulary into the
//!   typed model, records a [`posture_model::Gap`] for every setting the export lacks, and makes
//!   no security judgment of its own.
#![warn(missing_docs)]

pub mod import;

pub use import::{
    Format, ImportError, ImportOptions, detect, import_as, import_bytes, import_paths, input_files,
};
