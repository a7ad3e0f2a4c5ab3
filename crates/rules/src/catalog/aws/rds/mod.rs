//! RDS rules.

mod instance_auto_minor_upgrade_off;
mod instance_backups_insufficient;
mod instance_deletion_protection_off;
mod instance_engine_version_eol;
mod instance_iam_auth_off;
mod instance_multi_az_off_production;
mod instance_publicly_accessible;
mod instance_storage_unencrypted;

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
];
