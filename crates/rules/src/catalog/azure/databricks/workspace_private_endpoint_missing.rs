use crate::prelude::*;

/// Flags Databricks workspaces without a private endpoint.
pub(crate) struct WorkspacePrivateEndpointMissing;

impl TypedRule for WorkspacePrivateEndpointMissing {
    type Config = azure::DatabricksWorkspace;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::DatabricksWorkspace,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let n = *need(&c.private_endpoint_count, "private_endpoint_count")?;
        Ok(Verdict::check(n > 0, || {
            Verdict::fail(
                format!("Databricks workspace `{}` has no private endpoint", r.name),
                "config.private_endpoint_count",
                json!(n),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.databricks.workspace_private_endpoint_missing",
    title: "Databricks workspace has no private endpoint",
    severity: Severity::Low,
    severity_rationale: "Defense in depth; without Private Link the workspace cannot be closed to the internet.",
    service: "databricks",
    description: "Checks that at least one private endpoint connection exists on the workspace.",
    risk: "Users and clusters reach the control plane over public endpoints.",
    remediation: Remediation {
        summary: "Create front-end and back-end private endpoints (`databricks_ui_api`).",
        cli: "az network private-endpoint create --name {name}-pe --resource-group <rg> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id {uid} --group-id databricks_ui_api --connection-name {name}-ui",
        terraform: "resource \"azurerm_private_endpoint\" \"{name}\" {\n  name      = \"{name}-pe\"\n  subnet_id = azurerm_subnet.private.id\n  # …\n  private_service_connection {\n    name                           = \"{name}-ui\"\n    private_connection_resource_id = \"{uid}\"\n    subresource_names              = [\"databricks_ui_api\"]\n    is_manual_connection           = false\n  }\n}",
        console: "Azure portal → Azure Databricks → {name} → Settings → Networking → Private endpoint connections → + Private endpoint.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds a path without removing the current one.",
    permissions: &["Microsoft.Databricks/workspaces/read"],
    references: &[
        "https://learn.microsoft.com/azure/databricks/security/network/classic/private-link",
    ],
    cases: &[
        Case::pass(
            "one endpoint",
            r#"{"config": {"private_endpoint_count": 1}}"#,
        ),
        Case::fail("none", r#"{"config": {"private_endpoint_count": 0}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
