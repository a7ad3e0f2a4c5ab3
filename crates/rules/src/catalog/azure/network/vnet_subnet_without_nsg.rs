use crate::prelude::*;

/// Flags virtual networks with subnets that have no NSG.
pub(crate) struct VnetSubnetWithoutNsg;

impl TypedRule for VnetSubnetWithoutNsg {
    type Config = azure::VirtualNetwork;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::VirtualNetwork,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let subnets = need(&c.subnets, "subnets")?;
        let bare: Vec<&str> = subnets
            .iter()
            .filter(|s| !s.nsg_exempt() && s.network_security_group.is_empty())
            .map(|s| s.name.as_str())
            .collect();
        Ok(Verdict::check(bare.is_empty(), || {
            Verdict::fail(
                format!(
                    "VNet `{}` has subnets without an NSG: {}",
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
    id: "azure.network.vnet_subnet_without_nsg",
    title: "Virtual network subnet has no network security group",
    severity: Severity::Medium,
    severity_rationale: "Without an NSG, only NIC-level rules (if any) filter traffic to the subnet's resources.",
    service: "network",
    description: "Checks every subnet for an associated NSG. Gateway, Azure Firewall and Route Server subnets, which do not support NSGs, are ignored.",
    risk: "New VMs and services placed in the subnet are reachable on every port from wherever routing allows.",
    remediation: Remediation {
        summary: "Associate an NSG with each subnet.",
        cli: "az network vnet subnet update --resource-group <rg> --vnet-name {name} --name <subnet> --network-security-group <nsg>",
        terraform: "resource \"azurerm_subnet_network_security_group_association\" \"{name}\" {\n  subnet_id                 = azurerm_subnet.example.id\n  network_security_group_id = azurerm_network_security_group.example.id\n}",
        console: "Azure portal → Virtual networks → {name} → Settings → Subnets → select the subnet → Network security group → choose → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The NSG's rules start applying; traffic they do not allow is dropped.",
    permissions: &["Microsoft.Network/virtualNetworks/read"],
    references: &[
        "https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works",
    ],
    cases: &[
        Case::pass(
            "all covered",
            r#"{"config": {"subnets": [{"name": "app", "network_security_group": "/x/nsg"}, {"name": "GatewaySubnet", "network_security_group": ""}]}}"#,
        ),
        Case::fail(
            "bare subnet",
            r#"{"config": {"subnets": [{"name": "app", "network_security_group": "/x/nsg"}, {"name": "data", "network_security_group": ""}]}}"#,
        ),
        Case::pass("no subnets", r#"{"config": {"subnets": []}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
