use crate::prelude::*;

/// Flags storage accounts that allow containers to be made anonymously readable.
pub(crate) struct AccountPublicBlobAccess;

impl TypedRule for AccountPublicBlobAccess {
    type Config = azure::StorageAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &azure::StorageAccount,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let allowed = *need(&s.allow_blob_public_access, "allow_blob_public_access")?;
        Ok(Verdict::check(!allowed, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` allows anonymous public access to blob containers",
                    r.name
                ),
                "config.allow_blob_public_access",
                json!(true),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_public_blob_access",
    title: "Storage account allows anonymous blob access",
    severity: Severity::High,
    severity_rationale: "With the account switch on, any container owner can publish data to the internet with \
        one setting, and existing public containers are live; the container-level state is not known here, \
        so High rather than Critical.",
    service: "storage",
    description: "Checks the account-level `allowBlobPublicAccess` setting. When it is on, containers whose \
        access level is Blob or Container can be read without credentials.",
    risk: "Anonymous listing and download of blobs; public containers are found quickly by scanners that guess \
        account and container names.",
    remediation: Remediation {
        summary: "Disallow anonymous blob access on the account (after moving legitimate public content to a CDN \
            or SAS-based access).",
        cli: "az storage account update --ids {uid} --allow-blob-public-access false",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  allow_nested_items_to_be_public = false\n}",
        console: "Azure portal → Storage accounts → {name} → Settings → Configuration → Allow Blob anonymous access: \
            Disabled → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Every container that serves content anonymously (static assets, downloads) starts \
        returning errors.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &["https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent"],
    cases: &[
        Case::pass(
            "disallowed",
            r#"{"config": {"allow_blob_public_access": false}}"#,
        ),
        Case::fail(
            "allowed",
            r#"{"config": {"allow_blob_public_access": true}}"#,
        ),
        Case::unknown(
            "older API version did not return the property",
            r#"{"config": {}, "gaps": [{"field": "allow_blob_public_access", "reason": "not_in_source"}]}"#,
        ),
    ],
};
