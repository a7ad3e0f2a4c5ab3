//! SNS rules.

mod topic_http_subscription;
mod topic_not_encrypted;
mod topic_policy_public;

use crate::engine::Rule;

/// SNS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &topic_http_subscription::TopicHttpSubscription,
    &topic_not_encrypted::TopicNotEncrypted,
    &topic_policy_public::TopicPolicyPublic,
];
