use crate::prelude::*;

/// Flags Key Vaults without a private endpoint.
pub(crate) struct VaultPrivateEndpointMissing;

impl TypedRule for VaultPrivateEndpointMissing {
    type Config = azure::KeyVault;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::KeyVault,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let n = *need(&c.private_endpoint_count, "private_endpoint_count")?;
        Ok(Verdict::check(n > 0, || {
            Verdict::fail(
                format!("Key Vault `{}` has no private endpoint", r.name),
                "config.private_endpoint_count",
                json!(n),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.keyvault.vault_private_endpoint_missing",
    title: "Key Vault has no private endpoint",
    severity: Severity::Low,
    severity_rationale: "Defense in depth; the public endpoint may still be restricted by the vault firewall.",
    service: "keyvault",
    description: "Checks that at least one private endpoint connection exists on the vault.",
    risk: "Applications reach the vault over its public endpoint, so it cannot be closed to the internet.",
    remediation: Remediation {
        summary: "Create a private endpoint (group `vault`) and a privatelink.vaultcore.azure.net DNS zone.",
        cli: "az network private-endpoint create --name {name}-pe --resource-group <rg> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id {uid} --group-id vault --connection-name {name}-vault",
        terraform: "resource \"azurerm_private_endpoint\" \"{name}\" {\n  name      = \"{name}-pe\"\n  subnet_id = azurerm_subnet.private.id\n  # …\n  private_service_connection {\n    name                           = \"{name}-vault\"\n    private_connection_resource_id = \"{uid}\"\n    subresource_names              = [\"vault\"]\n    is_manual_connection           = false\n  }\n}",
        console: "Azure portal → Key vaults → {name} → Settings → Networking → Private endpoint connections → + Create.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds a path without removing the current one.",
    permissions: &["Microsoft.KeyVault/vaults/read"],
    references: &["https://learn.microsoft.com/azure/key-vault/general/private-link-service"],
    cases: &[
        Case::pass(
            "one endpoint",
            r#"{"config": {"private_endpoint_count": 2}}"#,
        ),
        Case::fail("none", r#"{"config": {"private_endpoint_count": 0}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
