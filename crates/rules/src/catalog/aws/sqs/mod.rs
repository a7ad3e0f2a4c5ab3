//! SQS rules.

mod queue_not_encrypted;
mod queue_policy_public;

use crate::engine::Rule;

/// SQS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &queue_not_encrypted::QueueNotEncrypted,
    &queue_policy_public::QueuePolicyPublic,
];
