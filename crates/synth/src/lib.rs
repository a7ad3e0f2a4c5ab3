//! # posture-synth
//!
//! Writes cloud estates in the providers' **real export formats**, so every importer, rule and
//! benchmark in Posture can be exercised without a cloud account:
//!
//! * [`write_sample_estate`] writes the bundled *Larkspur Health* sample (about 700 resources
//!   across AWS, Azure and GCP, with planted misconfigurations and compliant twins). The output
//!   is deterministic: byte-identical on every run and platform.
//! * [`write_synthetic_estate`] writes a scalable estate for benchmarks (≈70 % AWS, 15 % Azure,
//!   15 % GCP; a few percent misconfigured), split into files the way real exports are split.
//!
//! Formats written: AWS Config snapshot files (`.json.gz`, file shape), AWS Config API output
//! (`GetResourceConfigHistory`, `configuration` as JSON strings), `select-resource-config` output
//! (rows as JSON strings), the IAM credential report (CSV), Azure Resource Graph output (`az graph
//! query`, current object shape and the old bare array), and GCP Cloud Asset Inventory exports
//! (snake_case JSON lines, plus a camelCase `gcloud asset list` file).
//!
//! All names, ids and values are invented; account ids are documentation-style.

#![recursion_limit = "256"]

pub mod aws;
pub mod azure;
pub mod gcp;
mod out;
pub mod rng;
mod sample;
mod synthetic;

use std::path::Path;

/// What was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EstateStats {
    /// Files written.
    pub files: usize,
    /// Resources written (an asset's IAM-policy line is not a separate resource; deleted
    /// tombstones and credential-report rows are not counted).
    pub resources: usize,
    /// Bytes written to disk (after compression).
    pub bytes: u64,
    /// AWS resources.
    pub aws: usize,
    /// Azure resources.
    pub azure: usize,
    /// GCP resources.
    pub gcp: usize,
    /// Resources written with a deliberate misconfiguration.
    pub misconfigured: usize,
}

impl EstateStats {
    fn add(&mut self, other: &EstateStats) {
        self.files += other.files;
        self.resources += other.resources;
        self.bytes += other.bytes;
        self.aws += other.aws;
        self.azure += other.azure;
        self.gcp += other.gcp;
        self.misconfigured += other.misconfigured;
    }
}

/// Write the bundled Larkspur Health sample estate under `dir` (deterministic).
///
/// # Errors
/// I/O errors creating directories or writing files.
pub fn write_sample_estate(dir: &Path) -> std::io::Result<EstateStats> {
    sample::write(dir)
}

/// Write a synthetic estate of about `resources` resources under `dir`, reproducible from `seed`.
///
/// # Errors
/// I/O errors creating directories or writing files.
pub fn write_synthetic_estate(
    dir: &Path,
    resources: usize,
    seed: u64,
) -> std::io::Result<EstateStats> {
    synthetic::write(dir, resources, seed)
}
