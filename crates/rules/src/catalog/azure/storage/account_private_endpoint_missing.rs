use crate::prelude::*;

/// Flags storage accounts without a private endpoint.
pub(crate) struct AccountPrivateEndpointMissing;

impl TypedRule for AccountPrivateEndpointMissing {
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
        let n = *need(&c.private_endpoint_count, "private_endpoint_count")?;
        Ok(Verdict::check(n > 0, || {
            Verdict::fail(
                format!("Storage account `{}` has no private endpoint", r.name),
                "config.private_endpoint_count",
                json!(n),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_private_endpoint_missing",
    title: "Storage account has no private endpoint",
    severity: Severity::Low,
    severity_rationale: "Defense in depth: without a private endpoint, traffic uses the public endpoint, which other controls may still restrict.",
    service: "storage",
    description: "Checks that at least one private endpoint connection exists on the account.",
    risk: "Clients in your virtual networks reach the account over its public endpoint, so the account cannot be closed to the internet.",
    remediation: Remediation {
        summary: "Create a private endpoint for the sub-resources you use (blob, file, …) and a private DNS zone.",
        cli: "az network private-endpoint create --name {name}-pe --resource-group <rg> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id {uid} --group-id blob --connection-name {name}-blob",
        terraform: "resource \"azurerm_private_endpoint\" \"{name}_blob\" {\n  name      = \"{name}-pe\"\n  subnet_id = azurerm_subnet.private.id\n  # …\n  private_service_connection {\n    name                           = \"{name}-blob\"\n    private_connection_resource_id = \"{uid}\"\n    subresource_names              = [\"blob\"]\n    is_manual_connection           = false\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → Security + networking → Networking → Private endpoint connections → + Private endpoint.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adding an endpoint does not change existing access paths; DNS changes affect only clients in linked networks.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &["https://learn.microsoft.com/azure/storage/common/storage-private-endpoints"],
    cases: &[
        Case::pass(
            "one endpoint",
            r#"{"config": {"private_endpoint_count": 1}}"#,
        ),
        Case::fail("none", r#"{"config": {"private_endpoint_count": 0}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
