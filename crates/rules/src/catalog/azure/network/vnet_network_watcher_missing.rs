use posture_model::Typed;

use crate::prelude::*;

/// Flags virtual networks in a region without a Network Watcher.
pub(crate) struct VnetNetworkWatcherMissing;

impl TypedRule for VnetNetworkWatcherMissing {
    type Config = azure::VirtualNetwork;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &azure::VirtualNetwork,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mut seen = 0usize;
        for w in cx
            .index
            .of_kind_in(Kind::AzureNetworkWatcher, &r.account, None)
        {
            seen += 1;
            if w.region == r.region {
                let state = azure::NetworkWatcher::from_config(&w.config)
                    .and_then(|c| c.provisioning_state.as_deref());
                if state.is_none_or(|s| s.eq_ignore_ascii_case("succeeded")) {
                    return Ok(Verdict::Pass);
                }
            }
        }
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!("no Network Watcher of subscription {} was observed: either none exists or they were not collected", r.account).into(),
            ));
        }
        Ok(Verdict::fail_msg(format!(
            "VNet `{}` is in region {} where subscription {} has no working Network Watcher",
            r.name, r.region, r.account
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.vnet_network_watcher_missing",
    title: "Virtual network region has no Network Watcher",
    severity: Severity::Low,
    severity_rationale: "A monitoring gap: flow logs, connection troubleshooting and topology are unavailable in that region.",
    service: "network",
    description: "Checks that the subscription has a provisioned Network Watcher in the VNet's region. Unknown when no Network Watcher of the subscription was observed at all.",
    risk: "Flow logs cannot be configured and network incidents cannot be investigated in that region.",
    remediation: Remediation {
        summary: "Enable Network Watcher for the region.",
        cli: "az network watcher configure --locations {region} --enabled true --resource-group NetworkWatcherRG",
        terraform: "resource \"azurerm_network_watcher\" \"{region}\" {\n  name                = \"NetworkWatcher_{region}\"\n  location            = \"{region}\"\n  resource_group_name = \"NetworkWatcherRG\"\n}",
        console: "Azure portal → Network Watcher → Overview → enable the region → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Free; it only enables monitoring features.",
    permissions: &["Microsoft.Network/networkWatchers/read", "Microsoft.Network/virtualNetworks/read"],
    references: &["https://learn.microsoft.com/azure/network-watcher/network-watcher-create"],
    cases: &[
        Case::pass("watcher in region", r#"{"region": "eastus", "config": {}}"#).with(&[r#"{"kind": "azure.network.watcher", "region": "eastus", "config": {"provisioning_state": "Succeeded"}}"#]),
        Case::fail("watcher elsewhere only", r#"{"region": "eastus", "config": {}}"#).with(&[r#"{"kind": "azure.network.watcher", "region": "westeurope", "config": {"provisioning_state": "Succeeded"}}"#]),
        Case::fail("failed watcher", r#"{"region": "eastus", "config": {}}"#).with(&[r#"{"kind": "azure.network.watcher", "region": "eastus", "config": {"provisioning_state": "Failed"}}"#]),
        Case::unknown("no watchers observed", r#"{"region": "eastus", "config": {}}"#),
    ],
};
