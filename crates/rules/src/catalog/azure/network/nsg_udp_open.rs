use crate::prelude::*;

/// Flags NSGs that allow UDP from the internet.
pub(crate) struct NsgUdpOpen;

impl TypedRule for NsgUdpOpen {
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
                    && (x.protocol.eq_ignore_ascii_case("udp") || x.protocol == "*")
            })
            .map(|x| x.name.as_str())
            .collect();
        Ok(Verdict::check(open.is_empty(), || {
            Verdict::fail(
                format!(
                    "NSG `{}` allows UDP from the internet (rules {})",
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
    id: "azure.network.nsg_udp_open",
    title: "NSG allows UDP from the internet",
    severity: Severity::High,
    severity_rationale: "Internet-facing UDP services are abused for reflection/amplification DDoS and often run unauthenticated protocols.",
    service: "network",
    description: "Looks for inbound Allow rules whose source is any address (`*`, `Internet`, `0.0.0.0/0`) and that cover the UDP protocol (or any protocol) on any port. Default rules are not included; priorities of Deny rules are not weighed, so a shadowed Allow still fails.",
    risk: "Exposed UDP services (DNS, NTP, SSDP, CLDAP, …) can be used to amplify attacks against others or probed for vulnerabilities.",
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
            "TCP 443 only",
            r#"{"config": {"security_rules": [{"name": "https", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["443"]}]}}"#,
        ),
        Case::pass(
            "UDP from a private range",
            r#"{"config": {"security_rules": [{"name": "dns", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "priority": 100, "source_prefixes": ["10.0.0.0/8"], "destination_ports": ["53"]}]}}"#,
        ),
        Case::fail(
            "UDP from Internet",
            r#"{"config": {"security_rules": [{"name": "ntp", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "priority": 100, "source_prefixes": ["Internet"], "destination_ports": ["123"]}]}}"#,
        ),
        Case::fail(
            "any protocol from anywhere",
            r#"{"config": {"security_rules": [{"name": "all", "direction": "Inbound", "access": "Allow", "protocol": "*", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["*"]}]}}"#,
        ),
        Case::pass(
            "deny rule",
            r#"{"config": {"security_rules": [{"name": "deny", "direction": "Inbound", "access": "Deny", "protocol": "Udp", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["*"]}]}}"#,
        ),
        Case::unknown("rules not observed", r#"{"config": {}}"#),
    ],
};
