//! DynamoDB rules.

mod table_deletion_protection_off;
mod table_not_cmk_encrypted;
mod table_pitr_off;

use crate::engine::Rule;

/// DynamoDB rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &table_deletion_protection_off::TableDeletionProtectionOff,
    &table_not_cmk_encrypted::TableNotCmkEncrypted,
    &table_pitr_off::TablePitrOff,
];
