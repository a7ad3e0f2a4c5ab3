//! GCP dataproc rules.

mod cluster_cmek_missing;

use crate::engine::Rule;

/// dataproc rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[&cluster_cmek_missing::ClusterCmekMissing];
