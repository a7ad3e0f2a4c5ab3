use crate::prelude::*;

/// Flags storage accounts whose deleted Azure file shares cannot be recovered.
pub(crate) struct AccountFileShareSoftDeleteOff;

impl TypedRule for AccountFileShareSoftDeleteOff {
    type Config = azure::StorageAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::StorageAccount,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(
            &c.file_share_soft_delete_enabled,
            "file_share_soft_delete_enabled",
        )?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` has file share soft delete off",
                    r.name
                ),
                "config.file_share_soft_delete_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_file_share_soft_delete_off",
    title: "Storage account file share soft delete is off",
    severity: Severity::Medium,
    severity_rationale: "A recoverability control; shares often hold whole application data sets.",
    service: "storage",
    description: "Reads the file service `shareDeleteRetentionPolicy`. Unset means off.",
    risk: "A deleted file share, with all its files and snapshots, is gone immediately.",
    remediation: Remediation {
        summary: "Enable soft delete for file shares.",
        cli: "az storage account file-service-properties update --account-name {name} --enable-delete-retention true --delete-retention-days 14",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  share_properties {\n    retention_policy {\n      days = 14\n    }\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → Data storage → File shares → Soft delete → Enabled → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Deleted shares are retained and billed for the period; nothing else changes.",
    permissions: &[
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/fileServices/read",
    ],
    references: &[
        "https://learn.microsoft.com/azure/storage/files/storage-files-prevent-file-share-deletion",
    ],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"file_share_soft_delete_enabled": true}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"file_share_soft_delete_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
