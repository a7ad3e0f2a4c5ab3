use crate::prelude::*;

/// Flags NSGs that allow HTTP(S) from the internet.
pub(crate) struct NsgHttpOpen;

impl TypedRule for NsgHttpOpen {
    type Config = azure::NetworkSecurityGroup;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::NetworkSecurityGroup,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let rules = need(&c.security_rules, "security_rules")?;
        let open: Vec<&str> = rules
            .iter()
            .filter(|x| {
                x.direction.eq_ignore_ascii_case("inbound")
                    && x.access.eq_ignore_ascii_case("allow")
                    && x.from_internet()
                    && ((x.covers_protocol("tcp")) && (x.covers_port(80) || x.covers_port(443)))
            })
            .map(|x| x.name.as_str())
            .collect();
        Ok(Verdict::check(open.is_empty(), || {
            Verdict::fail(
                format!(
                    "NSG `{}` allows HTTP(S) from the internet (rules {})",
                    r.name,
                    open.join(", ")
                ),
                "config.security_rules",
                json!(open),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.nsg_http_open",
    title: "NSG allows HTTP(S) from the internet",
    severity: Severity::Medium,
    severity_rationale: "Often intended for web front ends, but direct exposure of VMs bypasses a WAF or Application Gateway; review each case.",
    service: "network",
    description: "Looks for inbound Allow rules whose source is any address (`*`, `Internet`, `0.0.0.0/0`) and that cover TCP port 80 or 443. Default rules are not included; priorities of Deny rules are not weighed, so a shadowed Allow still fails.",
    risk: "Web servers on VMs are exposed directly to scanning and exploitation without a WAF or load balancer in front.",
    remediation: Remediation {
        summary: "Restrict the source to known ranges, or remove the rule and use a private path (Bastion, VPN, Private Link).",
        cli: "az network nsg rule update --resource-group <rg> --nsg-name {name} --name <rule> --source-address-prefixes <trusted-cidr>",
        terraform: "resource \"azurerm_network_security_rule\" \"{name}_restricted\" {\n  # …\n  source_address_prefix = \"10.0.0.0/8\"\n}",
        console: "Azure portal → Network security groups → {name} → Settings → Inbound security rules → edit the rule → Source: IP addresses → trusted ranges → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients outside the new source ranges lose access.",
    permissions: &["Microsoft.Network/networkSecurityGroups/read"],
    references: &[
        "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
    ],
    cases: &[
        Case::pass(
            "HTTPS from the load balancer only",
            r#"{"config": {"security_rules": [{"name": "lb", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 100, "source_prefixes": ["AzureLoadBalancer"], "destination_ports": ["443"]}]}}"#,
        ),
        Case::fail(
            "443 from anywhere",
            r#"{"config": {"security_rules": [{"name": "web", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 100, "source_prefixes": ["0.0.0.0/0"], "destination_ports": ["443"]}]}}"#,
        ),
        Case::fail(
            "range covering 80",
            r#"{"config": {"security_rules": [{"name": "range", "direction": "Inbound", "access": "Allow", "protocol": "*", "priority": 100, "source_prefixes": ["Internet"], "destination_ports": ["1-1024"]}]}}"#,
        ),
        Case::pass(
            "UDP 443 (QUIC) only",
            r#"{"config": {"security_rules": [{"name": "quic", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["443"]}]}}"#,
        ),
        Case::unknown("rules not observed", r#"{"config": {}}"#),
    ],
};
