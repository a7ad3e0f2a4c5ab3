use crate::prelude::*;

/// Flags firewalled storage accounts that do not let trusted Azure services through.
pub(crate) struct AccountTrustedServicesBypassOff;

impl TypedRule for AccountTrustedServicesBypassOff {
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
        let action = need(&c.network_default_action, "network_default_action")?;
        if !action.eq_ignore_ascii_case("deny") {
            return Ok(Verdict::NotApplicable(
                "the storage firewall allows all networks".into(),
            ));
        }
        let bypass = need(&c.network_bypass, "network_bypass")?;
        let ok = bypass
            .split(',')
            .any(|b| b.trim().eq_ignore_ascii_case("azureservices"));
        Ok(Verdict::check(ok, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` firewall does not allow trusted Azure services (bypass `{bypass}`)",
                    r.name
                ),
                "config.network_bypass",
                json!(bypass),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_trusted_services_bypass_off",
    title: "Storage firewall blocks trusted Microsoft services",
    severity: Severity::Low,
    severity_rationale: "An availability and monitoring gap rather than an exposure: Azure Backup, Defender, Monitor and similar services cannot reach the account.",
    service: "storage",
    description: "For accounts whose firewall denies by default, checks that the `AzureServices` bypass is set so that trusted first-party services (diagnostics, backup, Defender malware scanning) keep working.",
    risk: "Diagnostic logs, backups and security scans that write to or read from the account silently fail, leaving blind spots.",
    remediation: Remediation {
        summary: "Add the AzureServices bypass to the storage firewall.",
        cli: "az storage account update --ids {uid} --bypass AzureServices",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  network_rules {\n    default_action = \"Deny\"\n    bypass         = [\"AzureServices\"]\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → Networking → Exceptions → check \"Allow Azure services on the trusted services list to access this storage account\" → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only Microsoft services on the trusted list gain network access, and they still need authorization.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &[
        "https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services",
    ],
    cases: &[
        Case::pass(
            "bypass set",
            r#"{"config": {"network_default_action": "Deny", "network_bypass": "Logging, AzureServices"}}"#,
        ),
        Case::fail(
            "no bypass",
            r#"{"config": {"network_default_action": "Deny", "network_bypass": "None"}}"#,
        ),
        Case::not_applicable(
            "firewall open",
            r#"{"config": {"network_default_action": "Allow"}}"#,
        ),
        Case::unknown(
            "bypass not observed",
            r#"{"config": {"network_default_action": "Deny"}}"#,
        ),
    ],
};
