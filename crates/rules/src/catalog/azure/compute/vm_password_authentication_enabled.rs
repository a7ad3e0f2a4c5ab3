use crate::prelude::*;

/// Flags Linux VMs that allow SSH password authentication.
pub(crate) struct VmPasswordAuthenticationEnabled;

impl TypedRule for VmPasswordAuthenticationEnabled {
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
        let os = need(&c.os_type, "os_type")?;
        if !os.eq_ignore_ascii_case("linux") {
            return Ok(Verdict::NotApplicable("not a Linux VM".into()));
        }
        let off = *need(&c.password_auth_disabled, "password_auth_disabled")?;
        Ok(Verdict::check(off, || {
            Verdict::fail(
                format!("Linux VM `{}` allows password authentication", r.name),
                "config.password_auth_disabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.compute.vm_password_authentication_enabled",
    title: "Linux virtual machine allows password authentication",
    severity: Severity::Medium,
    severity_rationale: "Passwords can be guessed or reused; exploitation needs SSH reachability.",
    service: "compute",
    description: "For Linux VMs, checks `osProfile.linuxConfiguration.disablePasswordAuthentication` as set at provisioning.",
    risk: "Brute-force and credential-stuffing attacks against SSH can succeed.",
    remediation: Remediation {
        summary: "Use SSH keys (or Entra ID login) and disable password authentication in sshd.",
        cli: "az vm user update --ids {uid} --username <admin> --ssh-key-value ~/.ssh/id_ed25519.pub\naz vm run-command invoke --ids {uid} --command-id RunShellScript --scripts \"sed -i s/^PasswordAuthentication.*/PasswordAuthentication\\ no/ /etc/ssh/sshd_config && systemctl reload sshd\"",
        terraform: "resource \"azurerm_linux_virtual_machine\" \"{name}\" {\n  # …\n  disable_password_authentication = true\n  admin_ssh_key {\n    username   = \"azureuser\"\n    public_key = file(\"~/.ssh/id_ed25519.pub\")\n  }\n}",
        console: "Azure portal → Virtual machines → {name} → Help → Reset password → Reset SSH public key; then disable PasswordAuthentication in sshd_config.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Users who log in with passwords are locked out until they have keys.",
    permissions: &["Microsoft.Compute/virtualMachines/read"],
    references: &[
        "https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed",
    ],
    cases: &[
        Case::pass(
            "keys only",
            r#"{"config": {"os_type": "Linux", "password_auth_disabled": true}}"#,
        ),
        Case::fail(
            "passwords allowed",
            r#"{"config": {"os_type": "Linux", "password_auth_disabled": false}}"#,
        ),
        Case::not_applicable("Windows", r#"{"config": {"os_type": "Windows"}}"#),
        Case::unknown("not observed", r#"{"config": {"os_type": "Linux"}}"#),
    ],
};
