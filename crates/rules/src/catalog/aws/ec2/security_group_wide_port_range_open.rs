use crate::prelude::*;

/// A world-open TCP/UDP range wider than this many ports is flagged.
const MAX_PORTS: i64 = 100;

/// Flags security groups that open a wide TCP or UDP port range to the whole internet.
pub(crate) struct SecurityGroupWidePortRangeOpen;

impl TypedRule for SecurityGroupWidePortRangeOpen {
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
        let mut ranges = Vec::new();
        let mut evidence = Vec::new();
        for (i, p) in ingress.iter().enumerate() {
            let proto = p.protocol.trim().to_ascii_lowercase();
            // All-protocol rules are reported by aws.ec2.security_group_all_traffic_open.
            if !matches!(proto.as_str(), "tcp" | "udp" | "6" | "17") || !p.open_to_world() {
                continue;
            }
            let (from, to) = match (p.from_port, p.to_port) {
                (Some(f), Some(t)) if f >= 0 && t >= f => (f, t),
                (None, None) => (0, 65535),
                _ => continue,
            };
            let width = i64::from(to) - i64::from(from) + 1;
            if width > MAX_PORTS {
                ranges.push(format!("{proto} {from}-{to} ({width} ports)"));
                evidence.push(Evidence {
                    path: format!("config.ingress[{i}]"),
                    observed: json!(p),
                });
            }
        }
        if ranges.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::Fail {
            message: format!(
                "Security group `{}` ({}) opens {} to the internet",
                r.name,
                sg.group_id,
                ranges.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.security_group_wide_port_range_open",
    title: "Security group opens a wide port range to the internet",
    severity: Severity::Medium,
    severity_rationale: "A range of hundreds or thousands of ports exposes whatever happens to listen in it, \
        usually by accident; Medium because what listens there is not known.",
    service: "ec2",
    description: "Checks inbound TCP and UDP rules open to 0.0.0.0/0 or ::/0 and fails when one spans more than \
        100 ports. All-protocol rules are left to `aws.ec2.security_group_all_traffic_open`; single ports and \
        small ranges (a web server's 80/443, a media server's few ports) pass.",
    risk: "Debug servers, admin consoles and ephemeral services that start on a port inside the range become \
        reachable from anywhere without anyone deciding so.",
    remediation: Remediation {
        summary: "Replace the wide range with the specific ports the service uses, or restrict the source.",
        cli: "aws ec2 describe-security-groups --region {region} --group-ids {config.group_id} --query 'SecurityGroups[0].IpPermissions'\n\
              # revoke the wide rule (adjust protocol and ports to the reported range):\n\
              aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --protocol tcp --port 1024-65535 --cidr 0.0.0.0/0",
        terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"{name}_app\" {\n  security_group_id = \"{config.group_id}\"\n  ip_protocol       = \"tcp\"\n  from_port         = 8443 # the one port the service needs\n  to_port           = 8443\n  cidr_ipv4         = \"0.0.0.0/0\"\n}",
        console: "EC2 console → Security Groups → {config.group_id} → Inbound rules → Edit: narrow the port range \
            of rules whose source is 0.0.0.0/0 or ::/0 to the ports actually served.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "A service that really listens on a port inside the range stops being reachable.",
    permissions: &["ec2:DescribeSecurityGroups"],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
    cases: &[
        Case::pass(
            "HTTP and HTTPS only",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 80, "to_port": 80, "ipv4_ranges": ["0.0.0.0/0"]},
                {"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::pass(
            "exactly 100 ports",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "udp", "from_port": 10000, "to_port": 10099, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::pass(
            "wide range from a private network",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 0, "to_port": 65535, "ipv4_ranges": ["10.0.0.0/8"]}]}}"#,
        ),
        Case::pass(
            "all-protocol rules belong to another rule",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "ephemeral range open",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 1024, "to_port": 65535, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "101 UDP ports over IPv6",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "17", "from_port": 10000, "to_port": 10100, "ipv6_ranges": ["::/0"]}]}}"#,
        ),
        Case::unknown("rules not collected", r#"{"config": {"group_id": "sg-1"}}"#),
    ],
};
