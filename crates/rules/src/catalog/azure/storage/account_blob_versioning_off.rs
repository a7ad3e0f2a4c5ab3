use crate::prelude::*;

/// Flags storage accounts that keep no previous versions of blobs.
pub(crate) struct AccountBlobVersioningOff;

impl TypedRule for AccountBlobVersioningOff {
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
        let v = *need(&c.blob_versioning_enabled, "blob_versioning_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Storage account `{}` has blob versioning off", r.name),
                "config.blob_versioning_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_blob_versioning_off",
    title: "Storage account blob versioning is off",
    severity: Severity::Low,
    severity_rationale: "Recoverability defense in depth; soft delete already covers deletes.",
    service: "storage",
    description: "Reads the blob service `isVersioningEnabled`. Unset means off.",
    risk: "An overwrite (for example by ransomware encrypting objects in place) destroys the previous content.",
    remediation: Remediation {
        summary: "Enable blob versioning, with a lifecycle rule to expire old versions.",
        cli: "az storage account blob-service-properties update --account-name {name} --enable-versioning true",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  blob_properties {\n    versioning_enabled = true\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → Data management → Data protection → Enable versioning for blobs → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Storage cost grows with retained versions; add a lifecycle policy.",
    permissions: &[
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/blobServices/read",
    ],
    references: &["https://learn.microsoft.com/azure/storage/blobs/versioning-overview"],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"blob_versioning_enabled": true}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"blob_versioning_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
