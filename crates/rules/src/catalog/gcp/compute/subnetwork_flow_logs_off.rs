use crate::prelude::*;

/// Flags subnets without VPC Flow Logs.
pub(crate) struct SubnetworkFlowLogsOff;

impl TypedRule for SubnetworkFlowLogsOff {
    type Config = gcp::Subnetwork;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::Subnetwork,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.flow_logs_enabled, "flow_logs_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Subnet `{}` has VPC Flow Logs off", r.name),
                "config.flow_logs_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.subnetwork_flow_logs_off",
    title: "Subnet has VPC Flow Logs off",
    severity: Severity::Low,
    severity_rationale: "A visibility gap for network forensics and anomaly detection.",
    service: "compute",
    description: "Checks `logConfig.enable` on the subnetwork. Proxy-only and PSC subnets may not support flow logs; suppress them if needed.",
    risk: "Connections to and from the subnet cannot be investigated after an incident.",
    remediation: Remediation {
        summary: "Enable flow logs on the subnet (consider sampling to control cost).",
        cli: "gcloud compute networks subnets update {name} --region={region} --project={account} --enable-flow-logs --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=0.5",
        terraform: "resource \"google_compute_subnetwork\" \"{name}\" {\n  # …\n  log_config {\n    aggregation_interval = \"INTERVAL_5_SEC\"\n    flow_sampling        = 0.5\n  }\n}",
        console: "Cloud console → VPC network → VPC networks → the network → Subnets → {name} → Edit → Flow logs: On → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds logging cost.",
    permissions: &["compute.subnetworks.get"],
    references: &["https://cloud.google.com/vpc/docs/using-flow-logs"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"flow_logs_enabled": true}}"#),
        Case::fail(
            "non-compliant",
            r#"{"config": {"flow_logs_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
