use crate::prelude::*;

/// Flags storage accounts reachable from every network.
pub(crate) struct AccountNetworkDefaultAllow;

impl TypedRule for AccountNetworkDefaultAllow {
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
        // With public network access disabled, only private endpoints reach the account and the
        // firewall default action has no effect.
        if s.public_network_access
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("Disabled"))
        {
            return Ok(Verdict::Pass);
        }
        let action = need(&s.network_default_action, "network_default_action")?;
        Ok(Verdict::check(action.eq_ignore_ascii_case("Deny"), || {
            Verdict::fail(
                format!(
                    "Storage account `{}` firewall allows all networks (default action `{action}`)",
                    r.name
                ),
                "config.network_default_action",
                json!(action),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_network_default_allow",
    title: "Storage account firewall allows access from all networks",
    severity: Severity::Medium,
    severity_rationale: "Requests still need valid keys, SAS or Entra credentials, so this widens the attack \
        surface rather than exposing data directly.",
    service: "storage",
    description: "Checks that the storage firewall's default action is Deny (access only from selected virtual \
        networks, IP ranges or private endpoints). Accounts with public network access disabled pass.",
    risk: "A leaked account key or SAS token can be used from anywhere on the internet.",
    remediation: Remediation {
        summary: "Set the default action to Deny and allow only the needed virtual networks, IP ranges or private \
            endpoints.",
        cli: "az storage account network-rule add --ids {uid} --vnet-name <vnet> --subnet <subnet>\n\
              az storage account update --ids {uid} --default-action Deny --bypass AzureServices",
        terraform: "resource \"azurerm_storage_account_network_rules\" \"{name}\" {\n  storage_account_id         = \"{uid}\"\n  default_action             = \"Deny\"\n  bypass                     = [\"AzureServices\"]\n  virtual_network_subnet_ids = [azurerm_subnet.app.id]\n}",
        console: "Azure portal → Storage accounts → {name} → Security + networking → Networking → Public network \
            access: 'Enabled from selected virtual networks and IP addresses' → add the needed networks → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients outside the allowed networks (developers, SaaS tools, other Azure services not \
        covered by the bypass) are refused.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &["https://learn.microsoft.com/azure/storage/common/storage-network-security"],
    cases: &[
        Case::pass(
            "default Deny",
            r#"{"config": {"public_network_access": "Enabled", "network_default_action": "Deny"}}"#,
        ),
        Case::pass(
            "public network access disabled",
            r#"{"config": {"public_network_access": "Disabled", "network_default_action": "Allow"}}"#,
        ),
        Case::fail(
            "default Allow",
            r#"{"config": {"public_network_access": "Enabled", "network_default_action": "Allow"}}"#,
        ),
        Case::fail(
            "public access unset and Allow",
            r#"{"config": {"network_default_action": "Allow"}}"#,
        ),
        Case::unknown(
            "network rules not collected",
            r#"{"config": {"public_network_access": "Enabled"}}"#,
        ),
    ],
};
