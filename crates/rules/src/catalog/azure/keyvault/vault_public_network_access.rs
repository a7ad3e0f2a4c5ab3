use crate::prelude::*;

/// Flags Key Vaults reachable from any network.
pub(crate) struct VaultPublicNetworkAccess;

impl TypedRule for VaultPublicNetworkAccess {
    type Config = azure::KeyVault;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        v: &azure::KeyVault,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let access = need(&v.public_network_access, "public_network_access")?;
        if access.eq_ignore_ascii_case("Disabled") {
            return Ok(Verdict::Pass);
        }
        // Public access on but the firewall denies by default: only allowed networks get in.
        let action = need(&v.network_default_action, "network_default_action")?;
        Ok(Verdict::check(action.eq_ignore_ascii_case("Deny"), || {
            Verdict::fail(
                format!(
                    "Key Vault `{}` accepts connections from all networks (public network access {access}, default action {action})",
                    r.name
                ),
                "config.network_default_action",
                json!(action),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.keyvault.vault_public_network_access",
    title: "Key Vault is reachable from all networks",
    severity: Severity::Medium,
    severity_rationale: "Callers still need Entra authorization, so this widens exposure of a high-value target \
        rather than granting access.",
    service: "keyvault",
    description: "Checks that the vault either has public network access disabled or a firewall whose default \
        action is Deny (allowing only selected networks and private endpoints).",
    risk: "Stolen tokens or misconfigured access policies can be used from anywhere to read secrets and keys.",
    remediation: Remediation {
        summary: "Restrict the vault to selected networks or private endpoints.",
        cli: "az keyvault network-rule add --ids {uid} --ip-address <admin-cidr>\n\
              az keyvault update --ids {uid} --default-action Deny --bypass AzureServices\n\
              # or, with private endpoints only: az keyvault update --ids {uid} --public-network-access Disabled",
        terraform: "resource \"azurerm_key_vault\" \"{name}\" {\n  # …\n  network_acls {\n    default_action = \"Deny\"\n    bypass         = \"AzureServices\"\n    ip_rules       = [\"203.0.113.0/24\"]\n  }\n}",
        console: "Azure portal → Key vaults → {name} → Settings → Networking → Firewalls and virtual networks: \
            'Allow public access from specific virtual networks and IP addresses' (or 'Disable public access') \
            → add the needed networks → Apply.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Applications and pipelines that read secrets from outside the allowed networks fail.",
    permissions: &["Microsoft.KeyVault/vaults/read"],
    references: &["https://learn.microsoft.com/azure/key-vault/general/network-security"],
    cases: &[
        Case::pass(
            "public access disabled",
            r#"{"config": {"public_network_access": "Disabled"}}"#,
        ),
        Case::pass(
            "enabled but firewall denies by default",
            r#"{"config": {"public_network_access": "Enabled", "network_default_action": "Deny"}}"#,
        ),
        Case::fail(
            "enabled and default Allow",
            r#"{"config": {"public_network_access": "Enabled", "network_default_action": "Allow"}}"#,
        ),
        Case::unknown(
            "firewall not collected",
            r#"{"config": {"public_network_access": "Enabled"}}"#,
        ),
        Case::unknown("nothing observed", r#"{"config": {}}"#),
    ],
};
