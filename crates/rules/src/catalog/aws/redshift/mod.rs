//! Redshift rules.

mod cluster_audit_logging_off;
mod cluster_default_admin_username;
mod cluster_publicly_accessible;
mod cluster_unencrypted;
mod cluster_version_upgrade_off;

use crate::engine::Rule;

/// Redshift rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &cluster_audit_logging_off::ClusterAuditLoggingOff,
    &cluster_default_admin_username::ClusterDefaultAdminUsername,
    &cluster_publicly_accessible::ClusterPubliclyAccessible,
    &cluster_unencrypted::ClusterUnencrypted,
    &cluster_version_upgrade_off::ClusterVersionUpgradeOff,
];
