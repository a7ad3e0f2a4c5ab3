use crate::net::{ADMIN_PORTS, exposed_services, ingress_evidence, world_open};
use crate::prelude::*;

/// Flags security groups that let the whole internet reach SSH or RDP.
pub(crate) struct SecurityGroupAdminPortsOpen;

impl TypedRule for SecurityGroupAdminPortsOpen {
    type Config = aws::SecurityGroup;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        sg: &aws::SecurityGroup,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let ingress = need(&sg.ingress, "ingress")?;
        let open = world_open(ingress, |p| {
            ADMIN_PORTS.iter().any(|(port, _)| p.covers_tcp_port(*port))
        });
        if open.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::Fail {
            message: format!(
                "Security group `{}` ({}) allows {} from the internet",
                r.name,
                sg.group_id,
                exposed_services(&open, ADMIN_PORTS).join(" and ")
            ),
            evidence: ingress_evidence(&open),
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.security_group_admin_ports_open",
    title: "Security group allows SSH or RDP from the internet",
    severity: Severity::High,
    severity_rationale: "Remote administration ports open to 0.0.0.0/0 or ::/0 are scanned within minutes \
        and brute-forced; an exploitable service or weak credential gives full host control.",
    service: "ec2",
    description: "Checks inbound rules for TCP 22 or 3389 (or all traffic) reachable from 0.0.0.0/0 or ::/0.",
    risk: "Attackers can reach the login service of every instance using the group and attempt \
        credential stuffing or exploit unpatched daemons.",
    remediation: Remediation {
        summary: "Remove the world-open rule; reach instances through SSM Session Manager, a bastion or a VPN range.",
        cli: "aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --protocol tcp --port 22 --cidr 0.0.0.0/0\n\
              aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --protocol tcp --port 3389 --cidr 0.0.0.0/0",
        terraform: "# In aws_security_group \"{name}\" (or its aws_vpc_security_group_ingress_rule),\n# replace cidr_blocks = [\"0.0.0.0/0\"] for ports 22/3389 with your admin range:\ningress {\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [\"10.0.0.0/8\"]\n}",
        console: "EC2 console → Security Groups → {config.group_id} → Inbound rules → Edit: delete or narrow rules for \
            port 22/3389 whose source is 0.0.0.0/0 or ::/0.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Administrators who connect from the internet lose access until another path is set up.",
    permissions: &["ec2:DescribeSecurityGroups"],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
    cases: &[
        Case::pass(
            "SSH only from a private range",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["10.0.0.0/8"]}]}}"#,
        ),
        Case::pass(
            "HTTPS open to the world is not an admin port",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "SSH open to 0.0.0.0/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "RDP open to ::/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 3389, "to_port": 3389, "ipv6_ranges": ["::/0"]}]}}"#,
        ),
        Case::fail(
            "all traffic open",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "port range covering 22",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 0, "to_port": 1024, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::unknown("rules not collected", r#"{"config": {"group_id": "sg-1"}}"#),
    ],
};
