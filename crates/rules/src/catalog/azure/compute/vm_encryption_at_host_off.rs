use crate::prelude::*;

/// Flags VMs without encryption at host.
pub(crate) struct VmEncryptionAtHostOff;

impl TypedRule for VmEncryptionAtHostOff {
    type Config = azure::VirtualMachine;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::VirtualMachine,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.encryption_at_host, "encryption_at_host")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("VM `{}` does not use encryption at host", r.name),
                "config.encryption_at_host",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.compute.vm_encryption_at_host_off",
    title: "Virtual machine encryption at host is off",
    severity: Severity::Low,
    severity_rationale: "Managed disks are already encrypted at rest; this covers temp disks and caches on the host.",
    service: "compute",
    description: "Checks `securityProfile.encryptionAtHost`. Unset means off.",
    risk: "Temporary disks and disk caches on the physical host are not encrypted.",
    remediation: Remediation {
        summary: "Enable encryption at host (the VM must be deallocated; register the EncryptionAtHost feature first).",
        cli: "az vm deallocate --ids {uid}\naz vm update --ids {uid} --set securityProfile.encryptionAtHost=true\naz vm start --ids {uid}",
        terraform: "resource \"azurerm_linux_virtual_machine\" \"{name}\" {\n  # …\n  encryption_at_host_enabled = true\n}",
        console: "Azure portal → Virtual machines → {name} → Stop → Settings → Disks → Additional settings → Encryption at host: Yes → Save → Start.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The VM must be deallocated, which is downtime.",
    permissions: &["Microsoft.Compute/virtualMachines/read"],
    references: &[
        "https://learn.microsoft.com/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data",
    ],
    cases: &[
        Case::pass("compliant", r#"{"config": {"encryption_at_host": true}}"#),
        Case::fail(
            "non-compliant",
            r#"{"config": {"encryption_at_host": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
