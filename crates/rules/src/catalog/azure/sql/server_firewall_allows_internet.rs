use crate::net::ipv4_range_is_world;
use crate::prelude::*;

/// Flags SQL servers with public network access on and a firewall rule spanning every address.
pub(crate) struct ServerFirewallAllowsInternet;

impl TypedRule for ServerFirewallAllowsInternet {
    type Config = azure::SqlServer;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &azure::SqlServer,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let access = need(&s.public_network_access, "public_network_access")?;
        if access.eq_ignore_ascii_case("Disabled") {
            // Server firewall rules are ignored when public network access is off.
            return Ok(Verdict::Pass);
        }
        let rules = need(&s.firewall_rules, "firewall_rules")?;
        let open = |f: &&azure::SqlFirewallRule| ipv4_range_is_world(&f.start_ip, &f.end_ip);
        if !rules.iter().any(|f| open(&f)) {
            return Ok(Verdict::Pass);
        }
        let names: Vec<&str> = rules.iter().filter(open).map(|f| f.name.as_str()).collect();
        Ok(Verdict::Fail {
            message: format!(
                "SQL server `{}` accepts connections from any IPv4 address (firewall rule {})",
                r.name,
                names.join(", ")
            ),
            evidence: rules
                .iter()
                .enumerate()
                .filter(|(_, f)| open(f))
                .map(|(i, f)| Evidence {
                    path: format!("config.firewall_rules[{i}]"),
                    observed: json!(f),
                })
                .collect(),
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.sql.server_firewall_allows_internet",
    title: "Azure SQL server firewall admits the whole internet",
    severity: Severity::High,
    severity_rationale: "The TDS endpoint becomes reachable from any address, leaving only SQL or Entra \
        authentication between attackers and the databases.",
    service: "sql",
    description: "Checks servers whose public network access is not Disabled for a server-level firewall rule \
        covering 0.0.0.0–255.255.255.255. The special 0.0.0.0–0.0.0.0 rule ('Allow Azure services') is a \
        different, narrower setting and does not fail this rule.",
    risk: "Password spraying and exploitation attempts against every database on the server from anywhere.",
    remediation: Remediation {
        summary: "Delete the all-addresses rule and allow only known client ranges, or disable public network \
            access and use private endpoints.",
        cli: "az sql server firewall-rule list --ids {uid} -o table\n\
              az sql server firewall-rule delete --resource-group <rg> --server {name} --name <rule-name>\n\
              az sql server update --ids {uid} --enable-public-network false",
        terraform: "resource \"azurerm_mssql_server\" \"{name}\" {\n  # …\n  public_network_access_enabled = false\n}\n# and remove any azurerm_mssql_firewall_rule with start_ip_address 0.0.0.0 / end_ip_address 255.255.255.255",
        console: "Azure portal → SQL servers → {name} → Security → Networking → Firewall rules: delete the rule \
            spanning 0.0.0.0–255.255.255.255 (or set Public network access: Disable) → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients connecting from addresses not covered by the remaining rules lose access.",
    permissions: &[
        "Microsoft.Sql/servers/read",
        "Microsoft.Sql/servers/firewallRules/read",
    ],
    references: &[
        "https://learn.microsoft.com/azure/azure-sql/database/firewall-configure",
        "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access",
    ],
    cases: &[
        Case::pass(
            "office range only",
            r#"{"config": {"public_network_access": "Enabled", "firewall_rules": [{"name": "office", "start_ip": "203.0.113.0", "end_ip": "203.0.113.255"}]}}"#,
        ),
        Case::pass(
            "Allow Azure services rule is not the internet",
            r#"{"config": {"public_network_access": "Enabled", "firewall_rules": [{"name": "AllowAllWindowsAzureIps", "start_ip": "0.0.0.0", "end_ip": "0.0.0.0"}]}}"#,
        ),
        Case::pass(
            "public access disabled makes firewall rules inert",
            r#"{"config": {"public_network_access": "Disabled", "firewall_rules": [{"name": "all", "start_ip": "0.0.0.0", "end_ip": "255.255.255.255"}]}}"#,
        ),
        Case::fail(
            "all addresses",
            r#"{"config": {"public_network_access": "Enabled", "firewall_rules": [{"name": "office", "start_ip": "203.0.113.0", "end_ip": "203.0.113.255"}, {"name": "everyone", "start_ip": "0.0.0.0", "end_ip": "255.255.255.255"}]}}"#,
        ),
        Case::unknown(
            "firewall rules denied",
            r#"{"config": {"public_network_access": "Enabled"}, "gaps": [{"field": "firewall_rules", "api": "Microsoft.Sql/servers/firewallRules/read", "reason": "denied"}]}"#,
        ),
        Case::unknown(
            "public access setting missing",
            r#"{"config": {"firewall_rules": []}}"#,
        ),
    ],
};
