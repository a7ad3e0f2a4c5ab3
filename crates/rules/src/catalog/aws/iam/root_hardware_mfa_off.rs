use crate::prelude::*;

/// Flags accounts whose root user is not protected by a hardware MFA device.
pub(crate) struct RootHardwareMfaOff;

impl TypedRule for RootHardwareMfaOff {
    type Config = aws::IamAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        a: &aws::IamAccount,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if a.root_mfa_enabled == Some(false) {
            return Ok(Verdict::fail(
                format!("The root user of account {} has no MFA at all", r.account),
                "config.root_mfa_enabled",
                json!(false),
            ));
        }
        let hw = *need(&a.root_hardware_mfa, "root_hardware_mfa")?;
        Ok(Verdict::check(hw, || {
            Verdict::fail(
                format!(
                    "The root user of account {} uses a virtual MFA device, not a hardware one",
                    r.account
                ),
                "config.root_hardware_mfa",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.root_hardware_mfa_off",
    title: "Root user is not protected by a hardware MFA device",
    severity: Severity::Medium,
    severity_rationale: "A virtual authenticator lives on a phone or laptop that can be cloned, backed up or \
        lost; root still has a second factor, so Medium.",
    service: "iam",
    description: "Checks that the root user's MFA is a hardware device (FIDO security key or hardware TOTP token) \
        rather than a virtual authenticator app. A root user without any MFA also fails. The credential report \
        does not say which kind of device is used, so this needs `iam:ListVirtualMFADevices` data.",
    risk: "The seed of a virtual MFA device can be copied from a compromised or backed-up phone, leaving the \
        root password as the only real barrier.",
    remediation: Remediation {
        summary: "Register a FIDO security key (or hardware TOTP token) for root, then remove the virtual device.",
        cli: "aws iam list-virtual-mfa-devices --assignment-status Assigned --query \"VirtualMFADevices[?User.Arn=='arn:aws:iam::{account}:root']\"\n\
              # registering a device for root is done in the console while signed in as root",
        terraform: "# Root MFA devices cannot be managed with Terraform; see the console steps.",
        console: "Sign in as root → account menu → Security credentials → Multi-factor authentication → Assign MFA \
            device → Security key (or Hardware TOTP token); then remove the virtual device.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Needs the physical device and a root sign-in.",
    permissions: &["iam:ListVirtualMFADevices", "iam:GetAccountSummary"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-fido-mfa-for-root.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html",
    ],
    cases: &[
        Case::pass(
            "hardware key",
            r#"{"config": {"root_mfa_enabled": true, "root_hardware_mfa": true}}"#,
        ),
        Case::fail(
            "virtual device",
            r#"{"config": {"root_mfa_enabled": true, "root_hardware_mfa": false}}"#,
        ),
        Case::fail(
            "no MFA, device kind unknown",
            r#"{"config": {"root_mfa_enabled": false}}"#,
        ),
        Case::unknown(
            "device kind not collected",
            r#"{"config": {"root_mfa_enabled": true}}"#,
        ),
    ],
};
