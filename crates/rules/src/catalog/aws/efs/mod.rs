//! EFS rules.

mod file_system_backup_off;
mod file_system_policy_public;
mod file_system_unencrypted;

use crate::engine::Rule;

/// EFS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &file_system_backup_off::FileSystemBackupOff,
    &file_system_policy_public::FileSystemPolicyPublic,
    &file_system_unencrypted::FileSystemUnencrypted,
];
