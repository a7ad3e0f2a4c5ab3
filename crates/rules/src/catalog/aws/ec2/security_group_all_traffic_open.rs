use crate::net::{all_protocols, ingress_evidence, world_open};
use crate::prelude::*;

/// Flags security groups with an inbound all-protocols rule from the whole internet.
pub(crate) struct SecurityGroupAllTrafficOpen;

impl TypedRule for SecurityGroupAllTrafficOpen {
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
        let open = world_open(ingress, all_protocols);
        if open.is_empty() {
            return Ok(Verdict::Pass);
        }
        let evidence = ingress_evidence(&open);
        Ok(Verdict::Fail {
            message: format!(
                "Security group `{}` ({}) accepts all traffic, on every protocol and port, from the internet",
                r.name, sg.group_id
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.security_group_all_traffic_open",
    title: "Security group allows all traffic from the internet",
    severity: Severity::High,
    severity_rationale: "Every listening service of every attached resource (admin daemons, databases, debug \
        ports) becomes reachable from anywhere; the group no longer filters anything.",
    service: "ec2",
    description: "Checks for an inbound rule with protocol `-1` (all protocols, all ports) whose source is \
        0.0.0.0/0 or ::/0. Self-references, other security groups, prefix lists and private ranges do not fail.",
    risk: "Services meant to be internal are exposed to scanning and exploitation; one forgotten service is \
        enough for a foothold.",
    remediation: Remediation {
        summary: "Replace the all-traffic rule with rules for the specific ports the workload serves.",
        cli: "aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'\n\
              aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --ip-permissions 'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]'\n\
              aws ec2 authorize-security-group-ingress --region {region} --group-id {config.group_id} --protocol tcp --port 443 --cidr 0.0.0.0/0",
        terraform: "# In aws_security_group \"{name}\", replace\n#   ingress { protocol = \"-1\" cidr_blocks = [\"0.0.0.0/0\"] ... }\n# with one rule per served port:\nresource \"aws_vpc_security_group_ingress_rule\" \"{name}_https\" {\n  security_group_id = \"{config.group_id}\"\n  ip_protocol       = \"tcp\"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = \"0.0.0.0/0\"\n}",
        console: "EC2 console → Security Groups → {config.group_id} → Inbound rules → Edit: delete the rule of type \
            \"All traffic\" with source 0.0.0.0/0 or ::/0 and add rules for the needed ports only.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients of any port not re-added explicitly lose access.",
    permissions: &["ec2:DescribeSecurityGroups"],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
    cases: &[
        Case::pass(
            "all traffic only from itself",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "-1", "source_groups": ["sg-1"]}]}}"#,
        ),
        Case::pass(
            "all traffic from a private range",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "-1", "ipv4_ranges": ["10.0.0.0/8"]}]}}"#,
        ),
        Case::pass(
            "only HTTPS from the world",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "all traffic from 0.0.0.0/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "all traffic from ::/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "-1", "ipv6_ranges": ["::/0"]}]}}"#,
        ),
        Case::unknown("rules not collected", r#"{"config": {"group_id": "sg-1"}}"#),
    ],
};
