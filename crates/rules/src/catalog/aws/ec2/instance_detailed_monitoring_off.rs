use crate::prelude::*;

/// Flags instances without detailed (one-minute) CloudWatch monitoring.
pub(crate) struct InstanceDetailedMonitoringOff;

impl TypedRule for InstanceDetailedMonitoringOff {
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
        let on = *need(&i.monitoring_enabled, "monitoring_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Instance `{}` ({}) reports CloudWatch metrics only every five minutes",
                    r.name, i.instance_id
                ),
                "config.monitoring_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.instance_detailed_monitoring_off",
    title: "EC2 instance detailed monitoring is off",
    severity: Severity::Info,
    severity_rationale: "An observability and cost trade-off, not an exposure: basic monitoring still reports \
        every five minutes.",
    service: "ec2",
    description: "Checks whether detailed monitoring (one-minute CloudWatch metrics) is enabled. Terminated \
        instances are not applicable. Many fleets reasonably accept five-minute metrics; treat this as a signal \
        for production workloads with alarms.",
    risk: "Alarms on CPU or network anomalies (crypto-mining, a flood of outbound traffic) fire up to five minutes \
        later and short spikes are averaged away.",
    remediation: Remediation {
        summary: "Enable detailed monitoring on instances whose alarms need one-minute resolution.",
        cli: "aws ec2 monitor-instances --region {region} --instance-ids {config.instance_id}",
        terraform: "resource \"aws_instance\" \"{name}\" {\n  # …\n  monitoring = true\n}",
        console: "EC2 console → Instances → {config.instance_id} → Actions → Monitor and troubleshoot → Manage \
            detailed monitoring → Enable.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only changes metric resolution (and adds CloudWatch charges); the instance is not restarted.",
    permissions: &["ec2:DescribeInstances"],
    references: &[
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"instance_id": "i-1", "state": "running", "monitoring_enabled": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"instance_id": "i-1", "state": "running", "monitoring_enabled": false}}"#,
        ),
        Case::not_applicable(
            "terminated",
            r#"{"config": {"instance_id": "i-1", "state": "terminated", "monitoring_enabled": false}}"#,
        ),
        Case::unknown(
            "not recorded",
            r#"{"config": {"instance_id": "i-1", "state": "running"}}"#,
        ),
    ],
};
