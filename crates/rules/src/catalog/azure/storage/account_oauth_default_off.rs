use crate::prelude::*;

/// Flags storage accounts whose portal access does not default to Entra ID authorization.
pub(crate) struct AccountOauthDefaultOff;

impl TypedRule for AccountOauthDefaultOff {
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
        let v = *need(&c.default_to_oauth, "default_to_oauth")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` does not default to Entra ID authorization in the portal",
                    r.name
                ),
                "config.default_to_oauth",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_oauth_default_off",
    title: "Storage account does not default to Entra ID authorization",
    severity: Severity::Low,
    severity_rationale: "Affects portal and tooling defaults; it nudges users away from account keys rather than blocking them.",
    service: "storage",
    description: "Checks `defaultToOAuthAuthentication`, which makes the portal use the signed-in identity (RBAC) rather than the account key. Unset means off.",
    risk: "Portal users browse data with the account key, bypassing RBAC data roles and per-user audit logs.",
    remediation: Remediation {
        summary: "Turn on \"Default to Microsoft Entra authorization in the Azure portal\".",
        cli: "az storage account update --ids {uid} --set defaultToOAuthAuthentication=true",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  default_to_oauth_authentication = true\n}",
        console: "Azure portal → Storage accounts → {name} → Settings → Configuration → Default to Microsoft Entra authorization in the Azure portal: Enabled → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Users without a data-plane role must be granted one to browse data in the portal; programmatic clients are unaffected.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &[
        "https://learn.microsoft.com/azure/storage/blobs/authorize-data-operations-portal#default-to-microsoft-entra-authorization-in-the-azure-portal",
    ],
    cases: &[
        Case::pass("compliant", r#"{"config": {"default_to_oauth": true}}"#),
        Case::fail(
            "non-compliant",
            r#"{"config": {"default_to_oauth": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
