//! ECR rules.

mod repository_lifecycle_missing;
mod repository_policy_public;
mod repository_scan_on_push_off;
mod repository_tags_mutable;

use crate::engine::Rule;

/// ECR rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &repository_lifecycle_missing::RepositoryLifecycleMissing,
    &repository_policy_public::RepositoryPolicyPublic,
    &repository_scan_on_push_off::RepositoryScanOnPushOff,
    &repository_tags_mutable::RepositoryTagsMutable,
];
