use std::collections::{HashMap, HashSet};

use posture_model::{InventoryIndex, Typed};

use crate::prelude::*;

/// Flags default VPCs that run instances.
pub(crate) struct DefaultVpcInUse;

#[derive(Default)]
struct InstanceFacts {
    /// VPC id → instances (not terminated) in it.
    per_vpc: HashMap<String, Vec<String>>,
    /// Accounts with at least one observed instance.
    accounts: HashSet<String>,
    /// (account, region) pairs with an instance whose VPC was not observed.
    vpc_unknown: HashSet<(String, String)>,
}

fn facts(index: &InventoryIndex<'_>) -> InstanceFacts {
    let mut f = InstanceFacts::default();
    for r in index.of_kind(Kind::AwsEc2Instance) {
        let Some(i) = aws::Ec2Instance::from_config(&r.config) else {
            continue;
        };
        f.accounts.insert(r.account.clone());
        if i.state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("terminated"))
        {
            continue;
        }
        match i.vpc_id.as_deref() {
            Some(v) if !v.is_empty() => f
                .per_vpc
                .entry(v.to_owned())
                .or_default()
                .push(i.instance_id.clone()),
            _ => {
                f.vpc_unknown.insert((r.account.clone(), r.region.clone()));
            }
        }
    }
    f
}

impl TypedRule for DefaultVpcInUse {
    type Config = aws::Vpc;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &Resource, v: &aws::Vpc, cx: &EvalContext<'_>) -> Result<Verdict, Missing> {
        if !*need(&v.is_default, "is_default")? {
            return Ok(Verdict::NotApplicable("not a default VPC".into()));
        }
        let f = cx.memo(META.id, facts);
        if let Some(instances) = f.per_vpc.get(&v.vpc_id) {
            let shown: Vec<&str> = instances.iter().take(5).map(String::as_str).collect();
            return Ok(Verdict::fail(
                format!(
                    "Default VPC `{}` ({}) runs {} instance(s): {}{}",
                    r.name,
                    v.vpc_id,
                    instances.len(),
                    shown.join(", "),
                    if instances.len() > shown.len() {
                        ", …"
                    } else {
                        ""
                    }
                ),
                "instances",
                json!(instances),
            ));
        }
        if f.vpc_unknown
            .contains(&(r.account.clone(), r.region.clone()))
        {
            return Ok(Verdict::Unknown(
                "some instances in this account and region have no observed VPC".into(),
            ));
        }
        if !f.accounts.contains(&r.account) {
            return Ok(Verdict::Unknown(
                format!(
                    "no EC2 instance was observed anywhere in account {}: either there are none or instances \
                     were not collected",
                    r.account
                )
                .into(),
            ));
        }
        Ok(Verdict::Pass)
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.default_vpc_in_use",
    title: "Default VPC hosts EC2 instances",
    severity: Severity::Low,
    severity_rationale: "The default VPC's subnets are public and hand out public addresses; workloads landing \
        there are usually there by accident. Low because the instance's own security groups still apply.",
    service: "ec2",
    description: "For the region's default VPC, looks up the instances (not terminated) of the inventory that \
        run in it. Non-default VPCs are not applicable. When the account has no observed instance at all, or an \
        instance in the region lacks its VPC, the result is Unknown.",
    risk: "Instances in the default VPC get public IPs and internet routes without anyone designing that, and \
        escape the network controls (private subnets, NAT, flow logs, NACLs) built for the real VPCs.",
    remediation: Remediation {
        summary: "Move the workloads into a purpose-built VPC, then delete the default VPC (or keep it empty).",
        cli: "aws ec2 describe-instances --region {region} --filters Name=vpc-id,Values={config.vpc_id} --query 'Reservations[].Instances[].InstanceId'\n\
              # after migrating the instances:\n\
              aws ec2 delete-vpc --region {region} --vpc-id {config.vpc_id}",
        terraform: "# Launch instances into your own VPC's private subnets:\nresource \"aws_instance\" \"app\" {\n  # …\n  subnet_id = aws_subnet.private_a.id\n}\n# and adopt/empty the default VPC:\nresource \"aws_default_vpc\" \"default\" {\n  force_destroy = true\n}",
        console: "VPC console → Your VPCs → {config.vpc_id} (Default VPC: Yes) → check its instances; migrate them, \
            then Actions → Delete VPC.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Moving an instance to another VPC means relaunching it; only the owner can plan that.",
    permissions: &["ec2:DescribeVpcs", "ec2:DescribeInstances"],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
        "https://docs.aws.amazon.com/vpc/latest/userguide/delete-default-vpc.html",
    ],
    cases: &[
        Case::pass("default VPC is empty", r#"{"config": {"vpc_id": "vpc-def", "is_default": true}}"#).with(&[
            r#"{"kind": "aws.ec2.instance", "config": {"instance_id": "i-1", "vpc_id": "vpc-app", "state": "running"}}"#,
        ]),
        Case::pass("only a terminated instance was there", r#"{"config": {"vpc_id": "vpc-def", "is_default": true}}"#).with(&[
            r#"{"kind": "aws.ec2.instance", "config": {"instance_id": "i-1", "vpc_id": "vpc-def", "state": "terminated"}}"#,
        ]),
        Case::fail("an instance runs in the default VPC", r#"{"config": {"vpc_id": "vpc-def", "is_default": true}}"#).with(&[
            r#"{"kind": "aws.ec2.instance", "config": {"instance_id": "i-1", "vpc_id": "vpc-def", "state": "running"}}"#,
        ]),
        Case::not_applicable("custom VPC with instances", r#"{"config": {"vpc_id": "vpc-app", "is_default": false}}"#).with(&[
            r#"{"kind": "aws.ec2.instance", "config": {"instance_id": "i-1", "vpc_id": "vpc-app", "state": "running"}}"#,
        ]),
        Case::unknown("no instance observed in the account", r#"{"config": {"vpc_id": "vpc-def", "is_default": true}}"#),
        Case::unknown("an instance's VPC is not known", r#"{"config": {"vpc_id": "vpc-def", "is_default": true}}"#).with(&[
            r#"{"kind": "aws.ec2.instance", "config": {"instance_id": "i-1", "state": "running"}}"#,
        ]),
        Case::unknown("default flag missing", r#"{"config": {"vpc_id": "vpc-1"}}"#),
    ],
};
