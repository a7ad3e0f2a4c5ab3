use crate::prelude::*;

/// Flags VMs whose disks are not all encrypted with customer-supplied keys.
pub(crate) struct InstanceCsekMissing;

impl TypedRule for InstanceCsekMissing {
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
        let v = *need(&c.csek_all_disks, "csek_all_disks")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "VM `{}` has disks not encrypted with a customer-supplied key (CSEK)",
                    r.name
                ),
                "config.csek_all_disks",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_csek_missing",
    title: "VM disks are not encrypted with customer-supplied keys",
    severity: Severity::Low,
    severity_rationale: "Disks are always encrypted; CSEK only moves key custody to you, which matters for critical, regulated VMs.",
    service: "compute",
    description: "Checks that every attached disk has a customer-supplied encryption key (`diskEncryptionKey.sha256`). CMEK disks do not count as CSEK. Apply to critical VMs.",
    risk: "Google holds the keys to the disk data; you cannot make it unreadable by withholding a key.",
    remediation: Remediation {
        summary: "Recreate the disks with a customer-supplied key (snapshots and images must be copied with the key).",
        cli: "gcloud compute disks create {name}-csek --zone={region} --project={account} --source-snapshot=<snapshot> --csek-key-file=keys.json",
        terraform: "resource \"google_compute_disk\" \"{name}_csek\" {\n  # …\n  disk_encryption_key {\n    raw_key = var.csek_base64\n  }\n}",
        console: "Cloud console → Compute Engine → Disks → Create disk → Encryption: Customer-supplied key → paste the key → Create; attach it to {name} in place of the old disk.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Losing the key makes the data unrecoverable, and every start needs the key supplied.",
    permissions: &["compute.instances.get"],
    references: &["https://cloud.google.com/compute/docs/disks/customer-supplied-encryption"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"csek_all_disks": true}}"#),
        Case::fail("non-compliant", r#"{"config": {"csek_all_disks": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
