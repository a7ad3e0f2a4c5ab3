use crate::prelude::*;

/// Flags VMs on confidential-capable machine types that do not use Confidential Computing.
pub(crate) struct InstanceConfidentialComputingOff;

impl TypedRule for InstanceConfidentialComputingOff {
    type Config = gcp::ComputeInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::ComputeInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mt = need(&c.machine_type, "machine_type")?;
        let family = mt
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !matches!(family.as_str(), "n2d" | "c2d" | "c3d" | "c3" | "a3" | "n4d") {
            return Ok(Verdict::NotApplicable(
                format!("machine type `{mt}` does not support Confidential VM").into(),
            ));
        }
        let v = *need(&c.confidential_compute, "confidential_compute")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("VM `{}` ({mt}) does not use Confidential Computing", r.name),
                "config.confidential_compute",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_confidential_computing_off",
    title: "VM does not use Confidential Computing",
    severity: Severity::Low,
    severity_rationale: "Memory encryption in use protects against host-level threats, which are rare; relevant for sensitive workloads.",
    service: "compute",
    description: "For machine families that support Confidential VM (N2D, C2D, C3D, C3, A3, N4D), checks that confidential computing is enabled. Other machine types are not applicable.",
    risk: "Data in memory is readable by anyone who compromises the host or hypervisor.",
    remediation: Remediation {
        summary: "Recreate the VM as a Confidential VM.",
        cli: "gcloud compute instances create {name}-cvm --zone={region} --project={account} --machine-type=n2d-standard-4 --confidential-compute-type=SEV --maintenance-policy=TERMINATE --image-family=ubuntu-2204-lts --image-project=ubuntu-os-cloud",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  confidential_instance_config {\n    enable_confidential_compute = true\n  }\n  scheduling {\n    on_host_maintenance = \"TERMINATE\"\n  }\n}",
        console: "Cloud console → Compute Engine → VM instances → Create instance → Security → Confidential VM service: Enable → Create; move the workload and retire {name}.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Requires recreating the VM on a supported image and disables live migration.",
    permissions: &["compute.instances.get"],
    references: &[
        "https://cloud.google.com/confidential-computing/confidential-vm/docs/confidential-vm-overview",
    ],
    cases: &[
        Case::pass(
            "confidential",
            r#"{"config": {"machine_type": "n2d-standard-4", "confidential_compute": true}}"#,
        ),
        Case::fail(
            "capable but off",
            r#"{"config": {"machine_type": "n2d-standard-4", "confidential_compute": false}}"#,
        ),
        Case::not_applicable(
            "e2 machine",
            r#"{"config": {"machine_type": "e2-medium", "confidential_compute": false}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"machine_type": "c3-standard-8"}}"#,
        ),
    ],
};
