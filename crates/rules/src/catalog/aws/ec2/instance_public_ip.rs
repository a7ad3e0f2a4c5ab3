use crate::prelude::*;

/// Flags instances that have a public IPv4 address.
pub(crate) struct InstancePublicIp;

impl TypedRule for InstancePublicIp {
    type Config = aws::Ec2Instance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        i: &aws::Ec2Instance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if i.state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("terminated"))
        {
            return Ok(Verdict::NotApplicable("instance is terminated".into()));
        }
        let ip = need(&i.public_ip, "public_ip")?;
        if ip.trim().is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "Instance `{}` ({}) has the public IPv4 address {ip}",
                r.name, i.instance_id
            ),
            "config.public_ip",
            json!(ip),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.instance_public_ip",
    title: "EC2 instance has a public IP address",
    severity: Severity::Low,
    severity_rationale: "A public address makes the instance reachable from the internet as far as its \
        security groups allow; the address alone opens no port, so Low.",
    service: "ec2",
    description: "Checks whether the instance has a public IPv4 address (auto-assigned or Elastic IP). \
        Terminated instances are not applicable. Internet-facing services are better placed behind a load \
        balancer, with the instances in private subnets.",
    risk: "Every security group mistake on the instance becomes an internet exposure, and the instance can be \
        found by internet-wide scanners.",
    remediation: Remediation {
        summary: "Move the instance to a private subnet behind a load balancer or NAT, or release its Elastic IP; \
            use SSM Session Manager for administration.",
        cli: "aws ec2 describe-addresses --region {region} --filters Name=instance-id,Values={config.instance_id}\n\
              # for an Elastic IP:\n\
              aws ec2 disassociate-address --region {region} --association-id <association-id>\n\
              # an auto-assigned address goes away only by relaunching in a subnet without auto-assign",
        terraform: "resource \"aws_instance\" \"{name}\" {\n  # …\n  subnet_id                   = aws_subnet.private_a.id\n  associate_public_ip_address = false\n}",
        console: "EC2 console → Instances → {config.instance_id} → Networking: note the public IPv4 address; for an \
            Elastic IP use Actions → Networking → Disassociate Elastic IP address, otherwise relaunch the instance \
            in a private subnet.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Clients that reach the instance by its address break; an auto-assigned address can only \
        be removed by relaunching.",
    permissions: &["ec2:DescribeInstances"],
    references: &[
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html",
        "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html",
    ],
    cases: &[
        Case::pass(
            "private only",
            r#"{"config": {"instance_id": "i-1", "state": "running", "public_ip": ""}}"#,
        ),
        Case::not_applicable(
            "terminated instance keeps no address",
            r#"{"config": {"instance_id": "i-1", "state": "terminated", "public_ip": "203.0.113.10"}}"#,
        ),
        Case::fail(
            "running with a public address",
            r#"{"config": {"instance_id": "i-1", "state": "running", "public_ip": "203.0.113.10"}}"#,
        ),
        Case::unknown(
            "address not recorded",
            r#"{"config": {"instance_id": "i-1", "state": "running"}}"#,
        ),
    ],
};
