use posture_model::Typed;

use crate::prelude::*;

/// Flags subscriptions with virtual networks but no Azure Bastion.
pub(crate) struct SubscriptionBastionMissing;

impl TypedRule for SubscriptionBastionMissing {
    type Config = azure::Subscription;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &azure::Subscription,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if cx
            .index
            .of_kind_in(Kind::AzureNetworkBastion, &r.account, None)
            .next()
            .is_some()
        {
            return Ok(Verdict::Pass);
        }
        let mut vnets = 0usize;
        for v in cx
            .index
            .of_kind_in(Kind::AzureNetworkVnet, &r.account, None)
        {
            vnets += 1;
            let has_bastion_subnet = azure::VirtualNetwork::from_config(&v.config)
                .and_then(|c| c.subnets.as_ref())
                .is_some_and(|s| {
                    s.iter()
                        .any(|x| x.name.eq_ignore_ascii_case("AzureBastionSubnet"))
                });
            if has_bastion_subnet {
                // A Bastion subnet is only created for a Bastion host (which may be in another export).
                return Ok(Verdict::Unknown(
                    "a VNet has an AzureBastionSubnet but no Bastion host was observed".into(),
                ));
            }
        }
        if vnets == 0 {
            return Ok(Verdict::NotApplicable(
                "no virtual network observed in the subscription".into(),
            ));
        }
        Ok(Verdict::fail_msg(format!(
            "Subscription {} has {vnets} virtual network(s) and no Azure Bastion host",
            r.account
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.subscription_bastion_missing",
    title: "Subscription has virtual networks but no Azure Bastion",
    severity: Severity::Low,
    severity_rationale: "Without Bastion, administrators tend to open RDP/SSH on public IPs; this rule flags the missing safer path, not an exposure.",
    service: "network",
    description: "Passes when a Bastion host exists in the subscription. Fails when virtual networks were observed but no Bastion host and no AzureBastionSubnet. Subscriptions without VNets are not applicable.",
    risk: "Remote administration relies on public IPs with RDP/SSH, or on ad-hoc jump hosts.",
    remediation: Remediation {
        summary: "Deploy Azure Bastion in a hub VNet (peered to the others) and remove public RDP/SSH.",
        cli: "az network bastion create --name bastion --resource-group <rg> --vnet-name <hub-vnet> --public-ip-address <pip> --location <region> --sku Standard",
        terraform: "resource \"azurerm_bastion_host\" \"hub\" {\n  name                = \"bastion\"\n  location            = \"<region>\"\n  resource_group_name = \"<rg>\"\n  sku                 = \"Standard\"\n  ip_configuration {\n    name                 = \"ipconfig\"\n    subnet_id            = azurerm_subnet.bastion.id\n    public_ip_address_id = azurerm_public_ip.bastion.id\n  }\n}",
        console: "Azure portal → Bastions → + Create → choose the hub VNet (an AzureBastionSubnet /26 is required) → Review + create.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds an access path; nothing existing changes (hourly cost).",
    permissions: &["Microsoft.Network/bastionHosts/read", "Microsoft.Network/virtualNetworks/read"],
    references: &["https://learn.microsoft.com/azure/bastion/bastion-overview"],
    cases: &[
        Case::pass("bastion exists", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.network.bastion", "config": {"sku": "Standard"}}"#]),
        Case::fail("vnets, no bastion", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.network.vnet", "config": {"subnets": [{"name": "app", "network_security_group": ""}]}}"#]),
        Case::unknown("bastion subnet without host", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.network.vnet", "config": {"subnets": [{"name": "AzureBastionSubnet", "network_security_group": ""}]}}"#]),
        Case::not_applicable("no vnets", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#),
    ],
};
