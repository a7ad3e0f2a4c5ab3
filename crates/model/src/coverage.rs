//! Coverage: what was collected, what was not, and why.

use serde::{Deserialize, Serialize};

/// Whether a part of the estate was collected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// Everything read.
    Collected,
    /// Some reads failed; see the resources' gaps.
    Partial,
    /// Nothing could be read.
    Failed,
    /// Deliberately not read (filtered out, disabled region).
    Skipped,
}

/// Coverage of one account × region × service (or one input file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageEntry {
    /// `aws`, `azure`, `gcp`, or empty when unknown (a file that failed to parse).
    pub provider: String,
    /// Account, subscription or project (`*` when the entry spans several).
    pub account: String,
    /// Region (`*` when the entry spans several).
    pub region: String,
    /// Service or resource-type family (`s3`, `microsoft.storage`), or `*`.
    pub service: String,
    /// Outcome.
    pub status: CoverageStatus,
    /// Why it failed or was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Resources collected.
    pub resources: u64,
    /// The input file or API that produced it.
    pub source: String,
}
