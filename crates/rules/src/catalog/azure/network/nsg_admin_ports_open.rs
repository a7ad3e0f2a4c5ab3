use crate::net::ADMIN_PORTS;
use crate::prelude::*;

/// Flags NSGs with an inbound Allow rule from the internet to SSH or RDP that no
/// higher-priority Deny rule shadows.
pub(crate) struct NsgAdminPortsOpen;

fn inbound(rule: &azure::NsgRule) -> bool {
    rule.direction.eq_ignore_ascii_case("Inbound")
}

fn exposes(rule: &azure::NsgRule, port: i32) -> bool {
    inbound(rule)
        && rule.access.eq_ignore_ascii_case("Allow")
        && rule.from_internet()
        && rule.covers_protocol("tcp")
        && rule.covers_port(i64::from(port))
}

/// Whether a Deny rule evaluated before `allow` blocks internet traffic to `port`.
fn shadowed(rules: &[azure::NsgRule], allow: &azure::NsgRule, port: i32) -> bool {
    rules.iter().any(|d| {
        inbound(d)
            && d.access.eq_ignore_ascii_case("Deny")
            && d.priority < allow.priority
            && d.from_internet()
            && d.covers_protocol("tcp")
            && d.covers_port(i64::from(port))
    })
}

impl TypedRule for NsgAdminPortsOpen {
    type Config = azure::NetworkSecurityGroup;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        nsg: &azure::NetworkSecurityGroup,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let rules = need(&nsg.security_rules, "security_rules")?;
        let open_port = |rule: &azure::NsgRule| {
            ADMIN_PORTS
                .iter()
                .any(|(p, _)| exposes(rule, *p) && !shadowed(rules, rule, *p))
        };
        if !rules.iter().any(open_port) {
            return Ok(Verdict::Pass);
        }
        let mut services: Vec<String> = Vec::new();
        let mut evidence = Vec::new();
        for (i, rule) in rules.iter().enumerate().filter(|(_, x)| open_port(x)) {
            for (p, service) in ADMIN_PORTS {
                if exposes(rule, *p) && !shadowed(rules, rule, *p) {
                    services.push(format!("{service} ({p}) via `{}`", rule.name));
                }
            }
            evidence.push(Evidence {
                path: format!("config.security_rules[{i}]"),
                observed: json!(rule),
            });
        }
        Ok(Verdict::Fail {
            message: format!(
                "NSG `{}` allows {} from the internet",
                r.name,
                services.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.nsg_admin_ports_open",
    title: "Network security group allows SSH or RDP from the internet",
    severity: Severity::High,
    severity_rationale: "Internet-facing SSH and RDP are brute-forced within minutes of exposure and RDP has a \
        history of pre-authentication exploits; success means control of the VM.",
    service: "network",
    description: "Checks user-defined inbound Allow rules whose source is the internet (`*`, `Internet`, \
        `0.0.0.0/0`, `::/0`) and whose destination ports include TCP 22 or 3389, ignoring rules shadowed by a \
        higher-priority inbound Deny from the internet for the same port. Outbound rules are ignored.",
    risk: "Password spraying and exploitation of remote-access services on every VM behind the NSG.",
    remediation: Remediation {
        summary: "Remove or narrow the rule; use Azure Bastion, just-in-time VM access or a VPN range instead.",
        cli: "az network nsg rule list --ids {uid} -o table\n\
              az network nsg rule update --resource-group <rg> --nsg-name {name} --name <rule-name> --source-address-prefixes <admin-cidr>\n\
              # or: az network nsg rule delete --resource-group <rg> --nsg-name {name} --name <rule-name>",
        terraform: "resource \"azurerm_network_security_rule\" \"ssh\" {\n  name                        = \"ssh-from-admin\"\n  network_security_group_name = \"{name}\"\n  direction                   = \"Inbound\"\n  access                      = \"Allow\"\n  protocol                    = \"Tcp\"\n  priority                    = 100\n  source_address_prefix       = \"10.0.0.0/8\"\n  source_port_range           = \"*\"\n  destination_port_range      = \"22\"\n  destination_address_prefix  = \"*\"\n  resource_group_name         = \"<rg>\"\n}",
        console: "Azure portal → Network security groups → {name} → Settings → Inbound security rules: edit the \
            rule allowing port 22/3389 from Any/Internet → set Source to your admin IP range (or delete it) → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Administrators and tools that connect over the internet lose access until Bastion, JIT \
        or a VPN is in place.",
    permissions: &["Microsoft.Network/networkSecurityGroups/read"],
    references: &[
        "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
        "https://learn.microsoft.com/azure/defender-for-cloud/just-in-time-access-usage",
    ],
    cases: &[
        Case::pass(
            "SSH from a private range",
            r#"{"config": {"security_rules": [{"name": "ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 100, "source_prefixes": ["10.0.0.0/8"], "destination_ports": ["22"]}]}}"#,
        ),
        Case::pass(
            "outbound rule to 22",
            r#"{"config": {"security_rules": [{"name": "out", "direction": "Outbound", "access": "Allow", "protocol": "*", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["22"]}]}}"#,
        ),
        Case::pass(
            "inbound Deny from the internet",
            r#"{"config": {"security_rules": [{"name": "deny-rdp", "direction": "Inbound", "access": "Deny", "protocol": "Tcp", "priority": 100, "source_prefixes": ["Internet"], "destination_ports": ["3389"]}]}}"#,
        ),
        Case::pass(
            "allow shadowed by a higher-priority deny",
            r#"{"config": {"security_rules": [
                {"name": "deny-ssh", "direction": "Inbound", "access": "Deny", "protocol": "*", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["22"]},
                {"name": "allow-ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 200, "source_prefixes": ["Internet"], "destination_ports": ["22"]}]}}"#,
        ),
        Case::pass(
            "UDP 3389 only",
            r#"{"config": {"security_rules": [{"name": "udp", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["3389"]}]}}"#,
        ),
        Case::fail(
            "RDP from Internet",
            r#"{"config": {"security_rules": [{"name": "rdp", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 300, "source_prefixes": ["Internet"], "destination_ports": ["3389"]}]}}"#,
        ),
        Case::fail(
            "any port from any source",
            r#"{"config": {"security_rules": [{"name": "any", "direction": "Inbound", "access": "Allow", "protocol": "*", "priority": 4000, "source_prefixes": ["*"], "destination_ports": ["*"]}]}}"#,
        ),
        Case::fail(
            "range 20-25 from 0.0.0.0/0; the deny comes later",
            r#"{"config": {"security_rules": [
                {"name": "range", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 100, "source_prefixes": ["0.0.0.0/0"], "destination_ports": ["20-25"]},
                {"name": "deny-ssh", "direction": "Inbound", "access": "Deny", "protocol": "Tcp", "priority": 200, "source_prefixes": ["*"], "destination_ports": ["22"]}]}}"#,
        ),
        Case::unknown("rules not collected", r#"{"config": {}}"#),
    ],
};
