use crate::net::{ADMIN_PORTS, nacl_world_decision};
use crate::prelude::*;

/// Flags network ACLs whose inbound rules let the whole internet reach SSH or RDP.
pub(crate) struct NetworkAclAdminPortsOpen;

impl TypedRule for NetworkAclAdminPortsOpen {
    type Config = aws::NetworkAcl;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        acl: &aws::NetworkAcl,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let entries = need(&acl.entries, "entries")?;
        let mut open = Vec::new();
        let mut evidence = Vec::new();
        for (port, service) in ADMIN_PORTS {
            for (v6, family) in [(false, "0.0.0.0/0"), (true, "::/0")] {
                if let Some(e) = nacl_world_decision(entries, *port, v6)
                    && e.action.eq_ignore_ascii_case("allow")
                {
                    open.push(format!("{service} ({port}) from {family}"));
                    evidence.push(Evidence {
                        path: format!("config.entries[rule_number={}]", e.rule_number),
                        observed: json!(e),
                    });
                }
            }
        }
        if open.is_empty() {
            return Ok(Verdict::Pass);
        }
        evidence.dedup();
        Ok(Verdict::Fail {
            message: format!(
                "Network ACL `{}` ({}) lets {} in: no lower-numbered rule denies it",
                r.name,
                acl.network_acl_id,
                open.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.network_acl_admin_ports_open",
    title: "Network ACL allows SSH or RDP from the internet",
    severity: Severity::Medium,
    severity_rationale: "A network ACL is a subnet-wide backstop: when it admits SSH/RDP from anywhere, only the \
        security groups stand between the internet and every host's login service. Medium because the \
        security groups may still block it.",
    service: "ec2",
    description: "Evaluates the inbound entries of the network ACL the way AWS does, lowest rule number first, \
        for TCP 22 and 3389 from an arbitrary IPv4 (0.0.0.0/0) and IPv6 (::/0) address. The ACL fails when \
        the first entry matching the whole address space and the port is an allow. A lower-numbered deny of \
        the port for 0.0.0.0/0 (or ::/0) closes it; entries for narrower sources do not decide for the rest \
        of the internet. Outbound entries are not considered.",
    risk: "With the ACL open, one permissive security group in the subnet is enough for SSH or RDP to be \
        reachable from anywhere and brute-forced.",
    remediation: Remediation {
        summary: "Add a low-numbered inbound deny for ports 22 and 3389 from 0.0.0.0/0 and ::/0 (or narrow the \
            allow to your administration ranges).",
        cli: "aws ec2 create-network-acl-entry --region {region} --network-acl-id {config.network_acl_id} --ingress --rule-number 10 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny\n\
              aws ec2 create-network-acl-entry --region {region} --network-acl-id {config.network_acl_id} --ingress --rule-number 11 --protocol tcp --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action deny\n\
              aws ec2 create-network-acl-entry --region {region} --network-acl-id {config.network_acl_id} --ingress --rule-number 12 --protocol tcp --port-range From=22,To=22 --ipv6-cidr-block ::/0 --rule-action deny\n\
              aws ec2 create-network-acl-entry --region {region} --network-acl-id {config.network_acl_id} --ingress --rule-number 13 --protocol tcp --port-range From=3389,To=3389 --ipv6-cidr-block ::/0 --rule-action deny",
        terraform: "resource \"aws_network_acl_rule\" \"{name}_deny_ssh\" {\n  network_acl_id = \"{config.network_acl_id}\"\n  rule_number    = 10\n  egress         = false\n  protocol       = \"tcp\"\n  rule_action    = \"deny\"\n  cidr_block     = \"0.0.0.0/0\"\n  from_port      = 22\n  to_port        = 22\n}\n# repeat for 3389, and with ipv6_cidr_block = \"::/0\"",
        console: "VPC console → Network ACLs → {config.network_acl_id} → Inbound rules → Edit: add deny rules numbered \
            below the broad allow for TCP 22 and 3389 from 0.0.0.0/0 and ::/0, or replace the allow's source with \
            your administration range.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Administrators or bastions that reach hosts in the subnet from the internet lose access.",
    permissions: &["ec2:DescribeNetworkAcls"],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
        "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
    ],
    cases: &[
        Case::pass(
            "SSH only from a corporate range",
            r#"{"config": {"network_acl_id": "acl-1", "entries": [
                {"rule_number": 100, "egress": false, "protocol": "6", "action": "allow", "cidr_block": "198.51.100.0/24", "from_port": 22, "to_port": 22},
                {"rule_number": 32767, "egress": false, "protocol": "-1", "action": "deny", "cidr_block": "0.0.0.0/0"}]}}"#,
        ),
        Case::pass(
            "a lower-numbered deny wins over the allow-all",
            r#"{"config": {"network_acl_id": "acl-1", "entries": [
                {"rule_number": 10, "egress": false, "protocol": "6", "action": "deny", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22},
                {"rule_number": 11, "egress": false, "protocol": "6", "action": "deny", "cidr_block": "0.0.0.0/0", "from_port": 3389, "to_port": 3389},
                {"rule_number": 100, "egress": false, "protocol": "-1", "action": "allow", "cidr_block": "0.0.0.0/0"}]}}"#,
        ),
        Case::pass(
            "egress allow-all is out of scope",
            r#"{"config": {"network_acl_id": "acl-1", "entries": [
                {"rule_number": 100, "egress": true, "protocol": "-1", "action": "allow", "cidr_block": "0.0.0.0/0"},
                {"rule_number": 100, "egress": false, "protocol": "6", "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443}]}}"#,
        ),
        Case::fail(
            "default ACL allow-all inbound",
            r#"{"config": {"network_acl_id": "acl-1", "entries": [
                {"rule_number": 100, "egress": false, "protocol": "-1", "action": "allow", "cidr_block": "0.0.0.0/0"},
                {"rule_number": 32767, "egress": false, "protocol": "-1", "action": "deny", "cidr_block": "0.0.0.0/0"}]}}"#,
        ),
        Case::fail(
            "deny comes after the allow",
            r#"{"config": {"network_acl_id": "acl-1", "entries": [
                {"rule_number": 200, "egress": false, "protocol": "6", "action": "deny", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22},
                {"rule_number": 100, "egress": false, "protocol": "6", "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 1024}]}}"#,
        ),
        Case::fail(
            "IPv4 closed but RDP open over IPv6",
            r#"{"config": {"network_acl_id": "acl-1", "entries": [
                {"rule_number": 10, "egress": false, "protocol": "-1", "action": "deny", "cidr_block": "0.0.0.0/0"},
                {"rule_number": 20, "egress": false, "protocol": "6", "action": "allow", "ipv6_cidr_block": "::/0", "from_port": 3389, "to_port": 3389}]}}"#,
        ),
        Case::fail(
            "a deny for one network does not close the port to everyone else",
            r#"{"config": {"network_acl_id": "acl-1", "entries": [
                {"rule_number": 10, "egress": false, "protocol": "6", "action": "deny", "cidr_block": "203.0.113.0/24", "from_port": 22, "to_port": 22},
                {"rule_number": 100, "egress": false, "protocol": "6", "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22}]}}"#,
        ),
        Case::unknown(
            "entries not collected",
            r#"{"config": {"network_acl_id": "acl-1"}}"#,
        ),
    ],
};
