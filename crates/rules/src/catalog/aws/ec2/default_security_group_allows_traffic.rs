use crate::prelude::*;

/// Flags VPC default security groups that still have inbound or outbound rules.
pub(crate) struct DefaultSecurityGroupAllowsTraffic;

impl TypedRule for DefaultSecurityGroupAllowsTraffic {
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
        if sg.group_name.is_empty() {
            return Ok(Verdict::Unknown(
                "group name not recorded; cannot tell whether this is a default group".into(),
            ));
        }
        if sg.group_name != "default" {
            return Ok(Verdict::NotApplicable(
                "not a VPC default security group".into(),
            ));
        }
        let ingress = need(&sg.ingress, "ingress")?;
        let egress = need(&sg.egress, "egress")?;
        if ingress.is_empty() && egress.is_empty() {
            return Ok(Verdict::Pass);
        }
        let mut evidence = Vec::with_capacity(2);
        if !ingress.is_empty() {
            evidence.push(Evidence {
                path: "config.ingress".into(),
                observed: json!(ingress),
            });
        }
        if !egress.is_empty() {
            evidence.push(Evidence {
                path: "config.egress".into(),
                observed: json!(egress),
            });
        }
        Ok(Verdict::Fail {
            message: format!(
                "Default security group `{}` ({}) has {} inbound and {} outbound rule(s)",
                r.name,
                sg.group_id,
                ingress.len(),
                egress.len()
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.default_security_group_allows_traffic",
    title: "VPC default security group allows traffic",
    severity: Severity::Medium,
    severity_rationale: "Out of the box it only admits traffic from members of the same group, but anything \
        launched without an explicit group lands in it and silently gets that access.",
    service: "ec2",
    description: "Checks that each VPC's `default` security group has no inbound and no outbound rules, so \
        resources can only communicate through groups that were designed for them.",
    risk: "Unrelated workloads that fell back to the default group can reach each other (lateral movement), and \
        rules later added to it apply to everything in it.",
    remediation: Remediation {
        summary: "Move workloads to purpose-built groups, then delete every rule of the default group.",
        cli: "aws ec2 describe-network-interfaces --region {region} --filters Name=group-id,Values={config.group_id} --query 'NetworkInterfaces[].NetworkInterfaceId'\n\
              aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --ip-permissions \"$(aws ec2 describe-security-groups --region {region} --group-ids {config.group_id} --query 'SecurityGroups[0].IpPermissions')\"\n\
              aws ec2 revoke-security-group-egress --region {region} --group-id {config.group_id} --ip-permissions \"$(aws ec2 describe-security-groups --region {region} --group-ids {config.group_id} --query 'SecurityGroups[0].IpPermissionsEgress')\"",
        terraform: "# Adopt the default group and leave it without rules\nresource \"aws_default_security_group\" \"default\" {\n  vpc_id = \"{config.vpc_id}\"\n}",
        console: "VPC console → Security groups → {config.group_id} (default) → first check 'Network interfaces' \
            using it; then Inbound rules → Edit → delete all; Outbound rules → Edit → delete all.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Instances, Lambda functions or endpoints that rely on the default group lose \
        connectivity.",
    permissions: &[
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeNetworkInterfaces",
    ],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html"],
    cases: &[
        Case::pass(
            "default group emptied",
            r#"{"config": {"group_id": "sg-d", "group_name": "default", "ingress": [], "egress": []}}"#,
        ),
        Case::fail(
            "default group with AWS's original rules",
            r#"{"config": {"group_id": "sg-d", "group_name": "default",
                "ingress": [{"protocol": "-1", "source_groups": ["sg-d"]}],
                "egress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "only outbound left",
            r#"{"config": {"group_id": "sg-d", "group_name": "default", "ingress": [],
                "egress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::not_applicable(
            "a custom group named like a default one is not the default",
            r#"{"config": {"group_id": "sg-1", "group_name": "default-web", "ingress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::unknown(
            "egress not collected",
            r#"{"config": {"group_id": "sg-d", "group_name": "default", "ingress": []}}"#,
        ),
        Case::unknown(
            "name missing",
            r#"{"config": {"group_id": "sg-d", "ingress": [], "egress": []}}"#,
        ),
    ],
};
