//! RDS rules.

mod instance_backups_insufficient;
mod instance_deletion_protection_off;
mod instance_publicly_accessible;
mod instance_storage_unencrypted;

use crate::engine::Rule;

/// RDS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &instance_backups_insufficient::InstanceBackupsInsufficient,
    &instance_deletion_protection_off::InstanceDeletionProtectionOff,
    &instance_publicly_accessible::InstancePubliclyAccessible,
    &instance_storage_unencrypted::InstanceStorageUnencrypted,
];
