use crate::prelude::*;

/// Flags storage accounts reachable from public networks.
pub(crate) struct AccountPublicNetworkAccessEnabled;

impl TypedRule for AccountPublicNetworkAccessEnabled {
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
        let v = need(&c.public_network_access, "public_network_access")?;
        Ok(Verdict::check(!v.eq_ignore_ascii_case("enabled"), || {
            Verdict::fail(
                format!(
                    "Storage account `{}` accepts connections from public networks",
                    r.name
                ),
                "config.public_network_access",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_public_network_access_enabled",
    title: "Storage account public network access is enabled",
    severity: Severity::Medium,
    severity_rationale: "Public reachability alone does not grant access, but it removes the network layer that limits the effect of leaked keys and SAS tokens.",
    service: "storage",
    description: "Checks `publicNetworkAccess`: `Disabled` (private endpoints only) and `SecuredByPerimeter` pass; `Enabled` fails even when the firewall restricts sources (see the default-action rule for that).",
    risk: "Stolen credentials, SAS tokens or misconfigured anonymous access can be used from anywhere on the internet.",
    remediation: Remediation {
        summary: "Disable public network access and reach the account through private endpoints.",
        cli: "az storage account update --ids {uid} --public-network-access Disabled",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  public_network_access_enabled = false\n}",
        console: "Azure portal → Storage accounts → {name} → Security + networking → Networking → Public network access: Disabled → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Every client outside a private endpoint (including the portal data browser from the internet) loses access.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &["https://learn.microsoft.com/azure/storage/common/storage-network-security"],
    cases: &[
        Case::pass(
            "disabled",
            r#"{"config": {"public_network_access": "Disabled"}}"#,
        ),
        Case::pass(
            "perimeter",
            r#"{"config": {"public_network_access": "SecuredByPerimeter"}}"#,
        ),
        Case::fail(
            "enabled",
            r#"{"config": {"public_network_access": "Enabled"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
