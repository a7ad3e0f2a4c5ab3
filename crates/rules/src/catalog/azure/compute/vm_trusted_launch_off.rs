use crate::prelude::*;

/// Flags VMs without Trusted Launch secure boot and vTPM.
pub(crate) struct VmTrustedLaunchOff;

impl TypedRule for VmTrustedLaunchOff {
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
        let sb = *need(&c.secure_boot, "secure_boot")?;
        let vtpm = *need(&c.vtpm, "vtpm")?;
        Ok(Verdict::check(sb && vtpm, || {
            Verdict::fail(
                format!(
                    "VM `{}` lacks Trusted Launch protections (secure boot {sb}, vTPM {vtpm})",
                    r.name
                ),
                "config.secure_boot",
                json!({"secure_boot": sb, "vtpm": vtpm}),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.compute.vm_trusted_launch_off",
    title: "Virtual machine lacks Trusted Launch (secure boot and vTPM)",
    severity: Severity::Low,
    severity_rationale: "Protects against boot-level malware, which needs prior code execution with high privileges.",
    service: "compute",
    description: "Checks that both secure boot and the virtual TPM are on.",
    risk: "Bootkits and rootkits can persist below the OS, and boot integrity cannot be attested.",
    remediation: Remediation {
        summary: "Enable Trusted Launch with secure boot and vTPM (Gen2 images; existing Gen2 VMs can be upgraded while deallocated).",
        cli: "az vm deallocate --ids {uid}\naz vm update --ids {uid} --security-type TrustedLaunch --enable-secure-boot true --enable-vtpm true\naz vm start --ids {uid}",
        terraform: "resource \"azurerm_linux_virtual_machine\" \"{name}\" {\n  # …\n  secure_boot_enabled = true\n  vtpm_enabled        = true\n}",
        console: "Azure portal → Virtual machines → {name} → Stop → Settings → Configuration → Security type: Trusted launch → Secure boot and vTPM on → Save → Start.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Needs a deallocation, and unsigned boot components (custom kernels, some drivers) stop the VM from booting.",
    permissions: &["Microsoft.Compute/virtualMachines/read"],
    references: &["https://learn.microsoft.com/azure/virtual-machines/trusted-launch"],
    cases: &[
        Case::pass(
            "both on",
            r#"{"config": {"secure_boot": true, "vtpm": true}}"#,
        ),
        Case::fail(
            "no vTPM",
            r#"{"config": {"secure_boot": true, "vtpm": false}}"#,
        ),
        Case::fail(
            "standard security type",
            r#"{"config": {"secure_boot": false, "vtpm": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"secure_boot": true}}"#),
    ],
};
