use crate::prelude::*;

/// Flags storage accounts whose deleted blobs cannot be recovered.
pub(crate) struct AccountBlobSoftDeleteOff;

impl TypedRule for AccountBlobSoftDeleteOff {
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
        let v = *need(&c.blob_soft_delete_enabled, "blob_soft_delete_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Storage account `{}` has blob soft delete off", r.name),
                "config.blob_soft_delete_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_blob_soft_delete_off",
    title: "Storage account blob soft delete is off",
    severity: Severity::Medium,
    severity_rationale: "A recoverability control: it matters after an accident or attack rather than preventing one.",
    service: "storage",
    description: "Reads the blob service `deleteRetentionPolicy`. An account whose blob service settings were not collected is Unknown.",
    risk: "A deleted or overwritten blob, whether by mistake, a faulty job or ransomware, is gone immediately.",
    remediation: Remediation {
        summary: "Enable blob soft delete with a retention that covers your detection time (7–90 days).",
        cli: "az storage account blob-service-properties update --account-name {name} --enable-delete-retention true --delete-retention-days 14",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  blob_properties {\n    delete_retention_policy {\n      days = 14\n    }\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → Data management → Data protection → Enable soft delete for blobs → set days → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Deleted data is retained for the period and billed as stored data; nothing else changes.",
    permissions: &[
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/blobServices/read",
    ],
    references: &["https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview"],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"blob_soft_delete_enabled": true}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"blob_soft_delete_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
