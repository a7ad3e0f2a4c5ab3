use crate::prelude::*;

/// Flags Databricks workspaces deployed in a Databricks-managed VNet.
pub(crate) struct WorkspaceVnetInjectionOff;

impl TypedRule for WorkspaceVnetInjectionOff {
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
        let vnet = need(&c.vnet, "vnet")?;
        Ok(Verdict::check(!vnet.is_empty(), || {
            Verdict::fail(
                format!(
                    "Databricks workspace `{}` runs in a Databricks-managed VNet",
                    r.name
                ),
                "config.vnet",
                json!(vnet),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.databricks.workspace_vnet_injection_off",
    title: "Databricks workspace is not deployed in your own VNet",
    severity: Severity::Medium,
    severity_rationale: "Cluster traffic cannot be filtered, routed through your firewall or kept off the internet with your own controls.",
    service: "databricks",
    description: "Checks for the `customVirtualNetworkId` parameter (VNet injection). Without it the clusters run in a VNet Databricks manages.",
    risk: "No NSGs, UDRs, private endpoints or egress firewall of yours apply to the compute that processes the data.",
    remediation: Remediation {
        summary: "Recreate the workspace with VNet injection (two delegated subnets with NSGs) and migrate.",
        cli: "az databricks workspace create --name {name} --resource-group <rg> --location {region} --sku premium --vnet <vnet-id> --public-subnet host --private-subnet container --enable-no-public-ip",
        terraform: "resource \"azurerm_databricks_workspace\" \"{name}\" {\n  # …\n  custom_parameters {\n    virtual_network_id                                   = azurerm_virtual_network.data.id\n    public_subnet_name                                   = \"host\"\n    private_subnet_name                                  = \"container\"\n    public_subnet_network_security_group_association_id  = azurerm_subnet_network_security_group_association.host.id\n    private_subnet_network_security_group_association_id = azurerm_subnet_network_security_group_association.container.id\n    no_public_ip                                         = true\n  }\n}",
        console: "Azure portal → Azure Databricks → Create → Networking → Deploy in your own Virtual Network: Yes → choose the VNet and subnets → Create; migrate notebooks and jobs from {name}.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "VNet injection cannot be added to an existing workspace; it needs a new workspace and a migration.",
    permissions: &["Microsoft.Databricks/workspaces/read"],
    references: &[
        "https://learn.microsoft.com/azure/databricks/security/network/classic/vnet-inject",
    ],
    cases: &[
        Case::pass(
            "injected",
            r#"{"config": {"vnet": "/subscriptions/s/resourcegroups/rg/providers/microsoft.network/virtualnetworks/data"}}"#,
        ),
        Case::fail("managed VNet", r#"{"config": {"vnet": ""}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
