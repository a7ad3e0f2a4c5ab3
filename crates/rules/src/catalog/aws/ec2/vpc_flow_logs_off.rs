use std::collections::{HashMap, HashSet};

use posture_model::{InventoryIndex, Typed};

use crate::prelude::*;

/// Flags VPCs that no active flow log records.
pub(crate) struct VpcFlowLogsOff;

/// Per-scan facts about flow logs, keyed by the resource they record.
#[derive(Default)]
struct FlowLogFacts {
    /// Resource ids (VPC ids) with at least one `ACTIVE` flow log.
    active: HashSet<String>,
    /// Resource ids whose flow logs were seen without a status.
    status_unknown: HashSet<String>,
    /// Resource ids with flow logs, none of them active: id → observed statuses.
    inactive: HashMap<String, Vec<String>>,
    /// (account, region) pairs where at least one flow log was observed.
    scopes: HashSet<(String, String)>,
}

fn facts(index: &InventoryIndex<'_>) -> FlowLogFacts {
    let mut f = FlowLogFacts::default();
    for r in index.of_kind(Kind::AwsEc2FlowLog) {
        let Some(fl) = aws::FlowLog::from_config(&r.config) else {
            continue;
        };
        f.scopes.insert((r.account.clone(), r.region.clone()));
        match fl.status.as_deref() {
            Some(s) if s.eq_ignore_ascii_case("ACTIVE") => {
                f.active.insert(fl.resource_id.clone());
            }
            Some(s) => f
                .inactive
                .entry(fl.resource_id.clone())
                .or_default()
                .push(s.to_owned()),
            None => {
                f.status_unknown.insert(fl.resource_id.clone());
            }
        }
    }
    f
}

impl TypedRule for VpcFlowLogsOff {
    type Config = aws::Vpc;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, r: &Resource, v: &aws::Vpc, cx: &EvalContext<'_>) -> Result<Verdict, Missing> {
        let f = cx.memo(META.id, facts);
        let id = v.vpc_id.as_str();
        if f.active.contains(id) {
            return Ok(Verdict::Pass);
        }
        if f.status_unknown.contains(id) {
            return Ok(Verdict::Unknown(
                format!("a flow log records VPC {id} but its delivery status was not observed")
                    .into(),
            ));
        }
        if let Some(statuses) = f.inactive.get(id) {
            return Ok(Verdict::fail(
                format!(
                    "VPC `{}` ({id}) has flow logs, but none is active (status {})",
                    r.name,
                    statuses.join(", ")
                ),
                "flow_logs.status",
                json!(statuses),
            ));
        }
        if !f.scopes.contains(&(r.account.clone(), r.region.clone())) {
            return Ok(Verdict::Unknown(
                format!(
                    "no flow log at all was observed in account {} region {}: either none exists or flow logs \
                     were not collected (AWS::EC2::FlowLog not recorded)",
                    r.account, r.region
                )
                .into(),
            ));
        }
        Ok(Verdict::fail(
            format!("VPC `{}` ({id}) has no flow log", r.name),
            "flow_logs",
            json!([]),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.vpc_flow_logs_off",
    title: "VPC has no active flow log",
    severity: Severity::Medium,
    severity_rationale: "Without flow logs there is no record of who talked to what in the VPC, which blinds \
        incident response and exfiltration detection; it does not by itself expose anything.",
    service: "ec2",
    description: "Looks for a flow log whose recorded resource is the VPC and whose status is `ACTIVE`, in the \
        same inventory. Flow logs on single subnets or network interfaces do not count. When the inventory holds \
        no flow log at all for the VPC's account and region, the result is Unknown, because flow logs may simply \
        not have been collected.",
    risk: "After a compromise nobody can tell which hosts an attacker reached, what was scanned, or where data \
        went.",
    remediation: Remediation {
        summary: "Create a flow log for the VPC that records all traffic to CloudWatch Logs or S3.",
        cli: "aws ec2 create-flow-logs --region {region} --resource-type VPC --resource-ids {config.vpc_id} --traffic-type ALL \
              --log-destination-type s3 --log-destination arn:aws:s3:::<flow-log-bucket>/",
        terraform: "resource \"aws_flow_log\" \"{name}\" {\n  vpc_id               = \"{config.vpc_id}\"\n  traffic_type         = \"ALL\"\n  log_destination_type = \"s3\"\n  log_destination      = aws_s3_bucket.flow_logs.arn\n}",
        console: "VPC console → Your VPCs → {config.vpc_id} → Flow logs → Create flow log: filter All, destination an \
            S3 bucket or CloudWatch Logs log group.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flow logs are captured outside the data path; they add storage cost, not latency.",
    permissions: &["ec2:DescribeVpcs", "ec2:DescribeFlowLogs"],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
        "https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html",
    ],
    cases: &[
        Case::pass("an active flow log records the VPC", r#"{"config": {"vpc_id": "vpc-1"}}"#).with(&[
            r#"{"kind": "aws.ec2.flow_log", "config": {"flow_log_id": "fl-1", "resource_id": "vpc-1", "traffic_type": "ALL", "status": "ACTIVE"}}"#,
        ]),
        Case::fail("another VPC has one, this one has none", r#"{"config": {"vpc_id": "vpc-2"}}"#).with(&[
            r#"{"kind": "aws.ec2.flow_log", "config": {"flow_log_id": "fl-1", "resource_id": "vpc-1", "status": "ACTIVE"}}"#,
        ]),
        Case::fail("a subnet flow log is not a VPC flow log", r#"{"config": {"vpc_id": "vpc-2"}}"#).with(&[
            r#"{"kind": "aws.ec2.flow_log", "config": {"flow_log_id": "fl-1", "resource_id": "subnet-9", "status": "ACTIVE"}}"#,
        ]),
        Case::fail("the flow log is not delivering", r#"{"config": {"vpc_id": "vpc-1"}}"#).with(&[
            r#"{"kind": "aws.ec2.flow_log", "config": {"flow_log_id": "fl-1", "resource_id": "vpc-1", "status": "INACTIVE"}}"#,
        ]),
        Case::unknown("no flow log observed in the account and region", r#"{"config": {"vpc_id": "vpc-1"}}"#),
        Case::unknown("a flow log in another region does not prove collection here", r#"{"config": {"vpc_id": "vpc-1"}}"#).with(&[
            r#"{"kind": "aws.ec2.flow_log", "region": "eu-west-1", "config": {"flow_log_id": "fl-1", "resource_id": "vpc-9", "status": "ACTIVE"}}"#,
        ]),
        Case::unknown("flow log status missing", r#"{"config": {"vpc_id": "vpc-1"}}"#).with(&[
            r#"{"kind": "aws.ec2.flow_log", "config": {"flow_log_id": "fl-1", "resource_id": "vpc-1"}}"#,
        ]),
    ],
};
