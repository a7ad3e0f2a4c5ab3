use crate::prelude::*;

/// Flags subnets that give every launched instance a public IPv4 address.
pub(crate) struct SubnetAutoAssignsPublicIp;

impl TypedRule for SubnetAutoAssignsPublicIp {
    type Config = aws::Subnet;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &aws::Subnet,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&s.map_public_ip_on_launch, "map_public_ip_on_launch")?;
        Ok(Verdict::check(!on, || {
            Verdict::fail(
                format!(
                    "Subnet `{}` ({}) assigns a public IPv4 address to every instance launched in it",
                    r.name, s.subnet_id
                ),
                "config.map_public_ip_on_launch",
                json!(true),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.subnet_auto_assigns_public_ip",
    title: "Subnet automatically assigns public IP addresses",
    severity: Severity::Low,
    severity_rationale: "It makes public exposure the default for every instance launched there; the security \
        groups still decide what is reachable, so Low.",
    service: "ec2",
    description: "Checks the subnet's `MapPublicIpOnLaunch` attribute. Subnets that host load balancers or NAT \
        gateways do not need it either: those get their addresses explicitly.",
    risk: "Instances meant to be private get internet-routable addresses, so a single permissive security group \
        rule exposes them; public IPv4 addresses are also billed.",
    remediation: Remediation {
        summary: "Turn off automatic public IPv4 assignment; request a public address explicitly where one is needed.",
        cli: "aws ec2 modify-subnet-attribute --region {region} --subnet-id {config.subnet_id} --no-map-public-ip-on-launch",
        terraform: "resource \"aws_subnet\" \"{name}\" {\n  # …\n  map_public_ip_on_launch = false\n}",
        console: "VPC console → Subnets → {config.subnet_id} → Actions → Edit subnet settings → clear \"Enable \
            auto-assign public IPv4 address\".",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Launch templates that rely on the subnet default start instances without internet \
        connectivity (no NAT) until they request a public address.",
    permissions: &["ec2:DescribeSubnets"],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/userguide/modify-subnets.html",
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html",
    ],
    cases: &[
        Case::pass(
            "off",
            r#"{"config": {"subnet_id": "subnet-1", "map_public_ip_on_launch": false}}"#,
        ),
        Case::fail(
            "on",
            r#"{"config": {"subnet_id": "subnet-1", "map_public_ip_on_launch": true}}"#,
        ),
        Case::unknown(
            "attribute not recorded",
            r#"{"config": {"subnet_id": "subnet-1"}}"#,
        ),
    ],
};
