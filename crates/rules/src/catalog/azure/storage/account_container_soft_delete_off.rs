use crate::prelude::*;

/// Flags storage accounts whose deleted containers cannot be recovered.
pub(crate) struct AccountContainerSoftDeleteOff;

impl TypedRule for AccountContainerSoftDeleteOff {
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
            &c.container_soft_delete_enabled,
            "container_soft_delete_enabled",
        )?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Storage account `{}` has container soft delete off", r.name),
                "config.container_soft_delete_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_container_soft_delete_off",
    title: "Storage account container soft delete is off",
    severity: Severity::Medium,
    severity_rationale: "A recoverability control; a single mistaken or malicious container delete is catastrophic without it.",
    service: "storage",
    description: "Reads the blob service `containerDeleteRetentionPolicy`. Unset means off.",
    risk: "Deleting a container removes every blob in it at once, with no way back.",
    remediation: Remediation {
        summary: "Enable container soft delete.",
        cli: "az storage account blob-service-properties update --account-name {name} --enable-container-delete-retention true --container-delete-retention-days 14",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  blob_properties {\n    container_delete_retention_policy {\n      days = 14\n    }\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → Data management → Data protection → Enable soft delete for containers → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Deleted containers are kept for the retention period; nothing else changes.",
    permissions: &[
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/blobServices/read",
    ],
    references: &["https://learn.microsoft.com/azure/storage/blobs/soft-delete-container-overview"],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"container_soft_delete_enabled": true}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"container_soft_delete_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
