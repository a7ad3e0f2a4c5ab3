use crate::prelude::*;

/// Flags VMs that run on unmanaged (VHD in a storage account) disks.
pub(crate) struct VmUnmanagedDisks;

impl TypedRule for VmUnmanagedDisks {
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
        let v = *need(&c.managed_disks, "managed_disks")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("VM `{}` uses unmanaged VHD disks", r.name),
                "config.managed_disks",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.compute.vm_unmanaged_disks",
    title: "Virtual machine uses unmanaged disks",
    severity: Severity::Medium,
    severity_rationale: "Unmanaged VHDs live as blobs in a storage account, so anyone with the account key can copy the whole disk; the model is also retired.",
    service: "compute",
    description: "Checks that the OS disk is a managed disk rather than a VHD blob.",
    risk: "Disk contents are readable by anyone with access to the storage account; no managed-disk encryption options, no disk-level RBAC.",
    remediation: Remediation {
        summary: "Convert the VM to managed disks.",
        cli: "az vm deallocate --ids {uid}\naz vm convert --ids {uid}\naz vm start --ids {uid}",
        terraform: "# Recreate with azurerm_linux_virtual_machine / azurerm_windows_virtual_machine (managed disks only).",
        console: "Azure portal → Virtual machines → {name} → Disks → Migrate to managed disks → Migrate.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Conversion deallocates the VM and cannot be undone.",
    permissions: &["Microsoft.Compute/virtualMachines/read"],
    references: &[
        "https://learn.microsoft.com/azure/virtual-machines/windows/convert-unmanaged-to-managed-disks",
    ],
    cases: &[
        Case::pass("compliant", r#"{"config": {"managed_disks": true}}"#),
        Case::fail("non-compliant", r#"{"config": {"managed_disks": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
