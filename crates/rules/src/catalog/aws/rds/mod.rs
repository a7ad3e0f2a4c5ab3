//! RDS rules.

mod instance_auto_minor_upgrade_off;
mod instance_backups_insufficient;
mod instance_deletion_protection_off;
mod instance_engine_version_eol;
mod instance_iam_auth_off;
mod instance_multi_az_off_production;
mod instance_publicly_accessible;
mod instance_storage_unencrypted;

mod cluster_backups_insufficient;
mod cluster_deletion_protection_off;
mod cluster_iam_auth_off;
mod cluster_log_exports_off;
mod cluster_storage_unencrypted;
mod snapshot_public;
mod snapshot_unencrypted;
use crate::engine::Rule;

/// RDS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &instance_auto_minor_upgrade_off::InstanceAutoMinorUpgradeOff,
    &instance_backups_insufficient::InstanceBackupsInsufficient,
    &instance_deletion_protection_off::InstanceDeletionProtectionOff,
    &instance_engine_version_eol::InstanceEngineVersionEol,
    &instance_iam_auth_off::InstanceIamAuthOff,
    &instance_multi_az_off_production::InstanceMultiAzOffProduction,
    &instance_publicly_accessible::InstancePubliclyAccessible,
    &instance_storage_unencrypted::InstanceStorageUnencrypted,
    &cluster_backups_insufficient::ClusterBackupsInsufficient,
    &cluster_deletion_protection_off::ClusterDeletionProtectionOff,
    &cluster_iam_auth_off::ClusterIamAuthOff,
    &cluster_log_exports_off::ClusterLogExportsOff,
    &cluster_storage_unencrypted::ClusterStorageUnencrypted,
    &snapshot_public::SnapshotPublic,
    &snapshot_unencrypted::SnapshotUnencrypted,
];
