//! OpenSearch Service (and legacy Elasticsearch) rules.

mod domain_audit_logs_off;
mod domain_encryption_at_rest_off;
mod domain_fine_grained_access_off;
mod domain_https_not_enforced;
mod domain_node_to_node_encryption_off;
mod domain_public_access_policy;
mod domain_tls_policy_weak;

use crate::engine::Rule;

/// OpenSearch rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &domain_audit_logs_off::DomainAuditLogsOff,
    &domain_encryption_at_rest_off::DomainEncryptionAtRestOff,
    &domain_fine_grained_access_off::DomainFineGrainedAccessOff,
    &domain_https_not_enforced::DomainHttpsNotEnforced,
    &domain_node_to_node_encryption_off::DomainNodeToNodeEncryptionOff,
    &domain_public_access_policy::DomainPublicAccessPolicy,
    &domain_tls_policy_weak::DomainTlsPolicyWeak,
];
