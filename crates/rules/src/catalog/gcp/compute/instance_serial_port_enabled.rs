use crate::prelude::*;

/// Whether a metadata value is GCE's idea of true.
pub(super) fn metadata_true(v: &str) -> bool {
    let v = v.trim();
    v == "1" || v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("yes")
}

/// Flags VMs with interactive serial console access enabled.
pub(crate) struct InstanceSerialPortEnabled;

impl TypedRule for InstanceSerialPortEnabled {
    type Config = gcp::ComputeInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        vm: &gcp::ComputeInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let metadata = need(&vm.metadata, "metadata")?;
        match metadata.get("serial-port-enable") {
            Some(v) if metadata_true(v) => Ok(Verdict::fail(
                format!(
                    "VM `{}` has interactive serial console access enabled",
                    r.name
                ),
                "config.metadata.serial-port-enable",
                json!(v),
            )),
            _ => Ok(Verdict::Pass),
        }
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_serial_port_enabled",
    title: "VM interactive serial console access is enabled",
    severity: Severity::Medium,
    severity_rationale: "The serial console bypasses network firewalls and IP allow-lists; it still needs IAM \
        permission and OS credentials, so Medium.",
    service: "compute",
    description: "Checks the instance metadata for `serial-port-enable` set to true. (A project-wide value in \
        project metadata also enables it; this rule reads the instance's own metadata.)",
    risk: "Anyone with the right IAM role and a valid OS login can reach the VM's console from any address, \
        outside firewall and VPC controls.",
    remediation: Remediation {
        summary: "Remove the metadata key or set it to false.",
        cli: "gcloud compute instances add-metadata {name} --project={account} --zone={region} --metadata=serial-port-enable=FALSE",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  metadata = {\n    serial-port-enable = \"FALSE\"\n  }\n}",
        console: "Cloud console → Compute Engine → VM instances → {name} → Edit → Remote access: untick 'Enable \
            connecting to serial ports' → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only the emergency console channel closes; the VM and its network services are \
        unaffected.",
    permissions: &["compute.instances.list"],
    references: &[
        "https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console",
    ],
    cases: &[
        Case::pass(
            "key absent",
            r#"{"config": {"metadata": {"enable-oslogin": "TRUE"}}}"#,
        ),
        Case::pass(
            "explicitly false",
            r#"{"config": {"metadata": {"serial-port-enable": "false"}}}"#,
        ),
        Case::fail(
            "enabled",
            r#"{"config": {"metadata": {"serial-port-enable": "TRUE"}}}"#,
        ),
        Case::fail(
            "enabled with 1",
            r#"{"config": {"metadata": {"serial-port-enable": "1"}}}"#,
        ),
        Case::unknown(
            "metadata not collected",
            r#"{"config": {"status": "RUNNING"}}"#,
        ),
    ],
};
