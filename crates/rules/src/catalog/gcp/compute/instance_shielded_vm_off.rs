use crate::prelude::*;

/// Flags VMs without Shielded VM secure boot, vTPM and integrity monitoring.
pub(crate) struct InstanceShieldedVmOff;

impl TypedRule for InstanceShieldedVmOff {
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
        let sb = *need(&c.shielded_secure_boot, "shielded_secure_boot")?;
        let vtpm = *need(&c.shielded_vtpm, "shielded_vtpm")?;
        let im = *need(
            &c.shielded_integrity_monitoring,
            "shielded_integrity_monitoring",
        )?;
        Ok(Verdict::check(sb && vtpm && im, || {
            Verdict::fail(
                format!(
                    "VM `{}` lacks Shielded VM protections (secure boot {sb}, vTPM {vtpm}, integrity monitoring {im})",
                    r.name
                ),
                "config.shielded_secure_boot",
                json!({"secure_boot": sb, "vtpm": vtpm, "integrity_monitoring": im}),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_shielded_vm_off",
    title: "VM is not a fully Shielded VM",
    severity: Severity::Low,
    severity_rationale: "Protects against boot-level persistence, which requires prior privileged compromise.",
    service: "compute",
    description: "Checks that secure boot, the virtual TPM and integrity monitoring are all on.",
    risk: "Rootkits and bootkits can persist, and boot integrity cannot be verified.",
    remediation: Remediation {
        summary: "Stop the VM and enable all Shielded VM options (requires a Shielded-VM-capable image).",
        cli: "gcloud compute instances stop {name} --zone={region} --project={account}\ngcloud compute instances update {name} --zone={region} --project={account} --shielded-secure-boot --shielded-vtpm --shielded-integrity-monitoring\ngcloud compute instances start {name} --zone={region} --project={account}",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  shielded_instance_config {\n    enable_secure_boot          = true\n    enable_vtpm                 = true\n    enable_integrity_monitoring = true\n  }\n}",
        console: "Cloud console → Compute Engine → VM instances → {name} → Stop → Edit → Security → Shielded VM: turn on all three → Save → Start.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Needs a stop; unsigned kernels or drivers prevent boot with secure boot on.",
    permissions: &["compute.instances.get"],
    references: &["https://cloud.google.com/compute/shielded-vm/docs/shielded-vm"],
    cases: &[
        Case::pass(
            "all on",
            r#"{"config": {"shielded_secure_boot": true, "shielded_vtpm": true, "shielded_integrity_monitoring": true}}"#,
        ),
        Case::fail(
            "secure boot off",
            r#"{"config": {"shielded_secure_boot": false, "shielded_vtpm": true, "shielded_integrity_monitoring": true}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"shielded_secure_boot": true}}"#,
        ),
    ],
};
