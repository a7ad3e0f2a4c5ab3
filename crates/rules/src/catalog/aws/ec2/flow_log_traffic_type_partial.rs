use crate::prelude::*;

/// Flags flow logs that record only accepted or only rejected traffic.
pub(crate) struct FlowLogTrafficTypePartial;

impl TypedRule for FlowLogTrafficTypePartial {
    type Config = aws::FlowLog;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        f: &aws::FlowLog,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let t = need(&f.traffic_type, "traffic_type")?;
        if t.eq_ignore_ascii_case("ALL") {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "Flow log `{}` on {} records only {t} traffic",
                r.name, f.resource_id
            ),
            "config.traffic_type",
            json!(t),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.flow_log_traffic_type_partial",
    title: "VPC flow log records only accepted or only rejected traffic",
    severity: Severity::Low,
    severity_rationale: "Half of the picture is still recorded; the gap matters during an investigation, not \
        as an exposure.",
    service: "ec2",
    description: "Checks that the flow log's traffic type is `ALL`. `ACCEPT` misses scans and blocked \
        attempts; `REJECT` misses the connections that actually succeeded.",
    risk: "Investigators cannot see either the probing that preceded an attack or the connections that carried \
        it, depending on which half is missing.",
    remediation: Remediation {
        summary: "Replace the flow log with one that records ALL traffic (the traffic type cannot be changed in place).",
        cli: "aws ec2 create-flow-logs --region {region} --resource-ids {config.resource_id} --resource-type VPC --traffic-type ALL \
              --log-destination-type {config.destination_type} --log-destination {config.destination}\n\
              aws ec2 delete-flow-logs --region {region} --flow-log-ids {config.flow_log_id}",
        terraform: "resource \"aws_flow_log\" \"{name}\" {\n  # …\n  traffic_type = \"ALL\"\n}",
        console: "VPC console → select the VPC/subnet/interface → Flow logs → Create flow log with filter All, then \
            delete {config.flow_log_id}.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Recording more traffic only adds log volume and cost.",
    permissions: &["ec2:DescribeFlowLogs"],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html"],
    cases: &[
        Case::pass(
            "records all traffic",
            r#"{"config": {"flow_log_id": "fl-1", "resource_id": "vpc-1", "traffic_type": "ALL"}}"#,
        ),
        Case::fail(
            "accepted traffic only",
            r#"{"config": {"flow_log_id": "fl-1", "resource_id": "vpc-1", "traffic_type": "ACCEPT"}}"#,
        ),
        Case::fail(
            "rejected traffic only",
            r#"{"config": {"flow_log_id": "fl-1", "resource_id": "vpc-1", "traffic_type": "REJECT"}}"#,
        ),
        Case::unknown(
            "traffic type not in the export",
            r#"{"config": {"flow_log_id": "fl-1", "resource_id": "vpc-1"}}"#,
        ),
    ],
};
