use crate::net::{ingress_evidence, world_open};
use crate::prelude::*;

/// CIFS / SMB over TCP.
const CIFS_PORT: i32 = 445;

/// Flags security groups that let the whole internet reach CIFS/SMB (TCP 445).
pub(crate) struct SecurityGroupCifsOpen;

impl TypedRule for SecurityGroupCifsOpen {
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
        let open = world_open(ingress, |p| p.covers_tcp_port(CIFS_PORT));
        if open.is_empty() {
            return Ok(Verdict::Pass);
        }
        let evidence = ingress_evidence(&open);
        Ok(Verdict::Fail {
            message: format!(
                "Security group `{}` ({}) allows CIFS/SMB (TCP {CIFS_PORT}) from the internet",
                r.name, sg.group_id
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.security_group_cifs_open",
    title: "Security group allows CIFS/SMB (port 445) from the internet",
    severity: Severity::High,
    severity_rationale: "SMB exposed to the internet is a classic worm and ransomware entry point (EternalBlue, \
        credential relay); there is almost never a reason to expose it publicly.",
    service: "ec2",
    description: "Checks inbound rules for TCP 445 (directly, in a port range, or through an all-traffic rule) \
        reachable from 0.0.0.0/0 or ::/0. Sources that are private ranges, prefix lists or other security \
        groups do not fail.",
    risk: "File shares and Windows hosts become reachable for exploitation of SMB flaws, password spraying \
        and NTLM relay from anywhere.",
    remediation: Remediation {
        summary: "Remove the world-open rule; allow 445 only from the networks that mount the share (VPN, \
            on-premises ranges, peered VPCs).",
        cli: "aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --protocol tcp --port 445 --cidr 0.0.0.0/0\n\
              aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --ip-permissions 'IpProtocol=tcp,FromPort=445,ToPort=445,Ipv6Ranges=[{CidrIpv6=::/0}]'",
        terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"{name}_smb\" {\n  security_group_id = \"{config.group_id}\"\n  ip_protocol       = \"tcp\"\n  from_port         = 445\n  to_port           = 445\n  cidr_ipv4         = \"10.0.0.0/8\" # the networks that mount the share, never 0.0.0.0/0\n}",
        console: "EC2 console → Security Groups → {config.group_id} → Inbound rules → Edit: delete or narrow every rule \
            covering port 445 whose source is 0.0.0.0/0 or ::/0.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients mounting the share over the internet lose access until they use a private path.",
    permissions: &["ec2:DescribeSecurityGroups"],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
        "https://docs.aws.amazon.com/fsx/latest/WindowsGuide/limit-access-security-groups.html",
    ],
    cases: &[
        Case::pass(
            "SMB only from the VPC range",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 445, "to_port": 445, "ipv4_ranges": ["10.0.0.0/16"]}]}}"#,
        ),
        Case::pass(
            "world-open HTTPS is not SMB",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::pass(
            "UDP 445 open is not TCP SMB",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "udp", "from_port": 445, "to_port": 445, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "445 open to 0.0.0.0/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 445, "to_port": 445, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "range 400-500 open to ::/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "6", "from_port": 400, "to_port": 500, "ipv6_ranges": ["::/0"]}]}}"#,
        ),
        Case::unknown("rules not collected", r#"{"config": {"group_id": "sg-1"}}"#),
    ],
};
