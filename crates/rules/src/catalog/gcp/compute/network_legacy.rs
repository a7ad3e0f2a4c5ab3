use crate::prelude::*;

/// Flags legacy (non-subnet) VPC networks.
pub(crate) struct NetworkLegacy;

impl TypedRule for NetworkLegacy {
    type Config = gcp::Network;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::Network,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.legacy, "legacy")?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!("Network `{}` is a legacy network", r.name),
                "config.legacy",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.network_legacy",
    title: "VPC network is a legacy network",
    severity: Severity::Medium,
    severity_rationale: "Legacy networks have one global range, no subnets, no flow logs and no Private Google Access.",
    service: "compute",
    description: "Checks whether the network is a legacy network (it has a single `IPv4Range` and no subnetworks).",
    risk: "No per-subnet segmentation or flow logs; modern security features are unavailable.",
    remediation: Remediation {
        summary: "Create a custom-mode VPC, move the workloads and delete the legacy network.",
        cli: "gcloud compute networks create {name}-vpc --project={account} --subnet-mode=custom\n# migrate workloads, then:\ngcloud compute networks delete {name} --project={account}",
        terraform: "resource \"google_compute_network\" \"{name}\" {\n  name                    = \"{name}-vpc\"\n  auto_create_subnetworks = false\n}",
        console: "Cloud console → VPC network → Create VPC network (custom subnets) → migrate → delete {name}.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Needs a migration of every VM and service on the network.",
    permissions: &["compute.networks.get"],
    references: &["https://cloud.google.com/vpc/docs/legacy"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"legacy": false}}"#),
        Case::fail("non-compliant", r#"{"config": {"legacy": true}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
