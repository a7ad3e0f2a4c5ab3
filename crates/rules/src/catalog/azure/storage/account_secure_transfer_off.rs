use crate::prelude::*;

/// Flags storage accounts that accept plain-HTTP requests.
pub(crate) struct AccountSecureTransferOff;

impl TypedRule for AccountSecureTransferOff {
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
        let https = *need(&s.https_only, "https_only")?;
        Ok(Verdict::check(https, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` accepts unencrypted HTTP (secure transfer not required)",
                    r.name
                ),
                "config.https_only",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_secure_transfer_off",
    title: "Storage account does not require secure transfer",
    severity: Severity::Medium,
    severity_rationale: "Needs a client that uses HTTP and an attacker on the path, but then exposes data and \
        SAS tokens in clear text.",
    service: "storage",
    description: "Checks that 'secure transfer required' (`supportsHttpsTrafficOnly`) is on, so the account \
        refuses HTTP requests and unencrypted SMB connections.",
    risk: "Data, shared-key signatures and SAS tokens travel in clear text and can be intercepted or modified.",
    remediation: Remediation {
        summary: "Require secure transfer.",
        cli: "az storage account update --ids {uid} --https-only true",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  https_traffic_only_enabled = true\n}",
        console: "Azure portal → Storage accounts → {name} → Settings → Configuration → Secure transfer required: \
            Enabled → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients using http:// URLs or unencrypted SMB 2.1 mounts are refused.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &[
        "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer",
    ],
    cases: &[
        Case::pass("HTTPS only", r#"{"config": {"https_only": true}}"#),
        Case::fail("HTTP allowed", r#"{"config": {"https_only": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
