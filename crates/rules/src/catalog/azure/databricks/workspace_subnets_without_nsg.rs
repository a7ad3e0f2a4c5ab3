use posture_model::Typed;

use crate::prelude::*;

/// Flags VNet-injected Databricks workspaces whose subnets have no NSG.
pub(crate) struct WorkspaceSubnetsWithoutNsg;

impl TypedRule for WorkspaceSubnetsWithoutNsg {
    type Config = azure::DatabricksWorkspace;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::DatabricksWorkspace,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let vnet = need(&c.vnet, "vnet")?;
        if vnet.is_empty() {
            return Ok(Verdict::NotApplicable("not VNet-injected".into()));
        }
        let names = need(&c.subnets, "subnets")?;
        let Some(net) = cx
            .index
            .get(vnet)
            .and_then(|v| azure::VirtualNetwork::from_config(&v.config))
        else {
            return Ok(Verdict::Unknown(
                format!("the workspace's VNet `{vnet}` was not observed").into(),
            ));
        };
        let subnets = need(&net.subnets, "subnets")?;
        let mut bare = Vec::new();
        for n in names {
            match subnets.iter().find(|s| s.name.eq_ignore_ascii_case(n)) {
                Some(s) if !s.network_security_group.is_empty() => {}
                Some(_) => bare.push(n.clone()),
                None => {
                    return Ok(Verdict::Unknown(
                        format!("subnet `{n}` is not listed in the VNet").into(),
                    ));
                }
            }
        }
        Ok(Verdict::check(bare.is_empty(), || {
            Verdict::fail(
                format!(
                    "Databricks workspace `{}` uses subnets without an NSG: {}",
                    r.name,
                    bare.join(", ")
                ),
                "config.subnets",
                json!(bare),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.databricks.workspace_subnets_without_nsg",
    title: "Databricks workspace subnets have no network security group",
    severity: Severity::Medium,
    severity_rationale: "The cluster subnets carry unfiltered traffic; exploitation needs another weakness to reach them.",
    service: "databricks",
    description: "For VNet-injected workspaces, looks up the host and container subnets in the observed VNet and checks each has an NSG. Unknown when the VNet was not observed.",
    risk: "Traffic to and from cluster nodes is not filtered; lateral movement from other workloads in the VNet is easier.",
    remediation: Remediation {
        summary: "Associate an NSG with both Databricks subnets (Databricks adds its required rules).",
        cli: "az network vnet subnet update --resource-group <rg> --vnet-name <vnet> --name <subnet> --network-security-group <nsg>",
        terraform: "resource \"azurerm_subnet_network_security_group_association\" \"{name}_host\" {\n  subnet_id                 = azurerm_subnet.host.id\n  network_security_group_id = azurerm_network_security_group.databricks.id\n}",
        console: "Azure portal → Virtual networks → the workspace VNet → Subnets → host / container subnet → Network security group → choose → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Rules in the NSG that block Databricks control-plane traffic break cluster start.",
    permissions: &["Microsoft.Databricks/workspaces/read", "Microsoft.Network/virtualNetworks/read"],
    references: &["https://learn.microsoft.com/azure/databricks/security/network/classic/vnet-inject#network-security-group-rules"],
    cases: &[
        Case::pass("both subnets filtered", r#"{"config": {"vnet": "/v/data", "subnets": ["host", "container"]}}"#).with(&[r#"{"kind": "azure.network.vnet", "uid": "/v/data", "config": {"subnets": [{"name": "host", "network_security_group": "/n/1"}, {"name": "container", "network_security_group": "/n/1"}]}}"#]),
        Case::fail("container subnet bare", r#"{"config": {"vnet": "/v/data", "subnets": ["host", "container"]}}"#).with(&[r#"{"kind": "azure.network.vnet", "uid": "/v/data", "config": {"subnets": [{"name": "host", "network_security_group": "/n/1"}, {"name": "container", "network_security_group": ""}]}}"#]),
        Case::not_applicable("managed VNet", r#"{"config": {"vnet": "", "subnets": []}}"#),
        Case::unknown("VNet not observed", r#"{"config": {"vnet": "/v/data", "subnets": ["host"]}}"#),
    ],
};
