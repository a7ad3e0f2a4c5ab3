use crate::prelude::*;

/// Flags storage accounts that still accept account-key (Shared Key) authorization.
pub(crate) struct AccountSharedKeyAccessEnabled;

impl TypedRule for AccountSharedKeyAccessEnabled {
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
        let v = *need(&c.allow_shared_key_access, "allow_shared_key_access")?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` accepts Shared Key (account key) authorization",
                    r.name
                ),
                "config.allow_shared_key_access",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_shared_key_access_enabled",
    title: "Storage account allows Shared Key authorization",
    severity: Severity::Medium,
    severity_rationale: "Account keys are long-lived full-access secrets; a leaked key or connection string grants everything in the account without identity-based controls or per-user audit.",
    service: "storage",
    description: "Checks `allowSharedKeyAccess`. When it is unset Azure treats it as allowed, so only an explicit false passes.",
    risk: "Anyone holding an account key or a SAS signed with it reads, changes or deletes all data; Entra ID conditional access, RBAC and per-identity logging do not apply to such requests.",
    remediation: Remediation {
        summary: "Disallow Shared Key authorization after moving clients to Entra ID (RBAC) or user-delegation SAS.",
        cli: "az storage account update --ids {uid} --allow-shared-key-access false",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  shared_access_key_enabled = false\n}",
        console: "Azure portal → Storage accounts → {name} → Settings → Configuration → Allow storage account key access: Disabled → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients, tools and services that authenticate with the account key or account SAS stop working.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &[
        "https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent",
    ],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"allow_shared_key_access": false}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"allow_shared_key_access": true}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
