use crate::prelude::*;

/// Flags IAM users who can sign in to the console with a password but have no MFA device.
pub(crate) struct UserConsoleWithoutMfa;

impl TypedRule for UserConsoleWithoutMfa {
    type Config = aws::IamUser;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        u: &aws::IamUser,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let password = *need(&u.password_enabled, "password_enabled")?;
        if !password {
            return Ok(Verdict::NotApplicable(
                "user has no console password".into(),
            ));
        }
        // Two observations can say whether the user has MFA: the device list (live scans) and
        // the credential report's `mfa_active`. MFA counts as present only when every observed
        // source says so; with neither, the result is Unknown (reported on `mfa_devices`).
        let devices = u.mfa_devices.as_ref().map(|d| !d.is_empty());
        if devices.is_none() && u.mfa_active.is_none() {
            need(&u.mfa_devices, "mfa_devices")?;
        }
        if devices == Some(false) {
            return Ok(Verdict::fail(
                format!(
                    "IAM user `{}` has a console password and no MFA device",
                    r.name
                ),
                "config.mfa_devices",
                json!(u.mfa_devices),
            ));
        }
        Ok(Verdict::check(u.mfa_active != Some(false), || {
            Verdict::fail(
                format!(
                    "IAM user `{}` has a console password and no active MFA device (credential report)",
                    r.name
                ),
                "config.mfa_active",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_console_without_mfa",
    title: "IAM user can sign in to the console without MFA",
    severity: Severity::High,
    severity_rationale: "A phished, reused or guessed password alone gives console access with all of the \
        user's permissions.",
    service: "iam",
    description: "Checks IAM users that have a console password for at least one assigned MFA device, from the \
        listed devices or, when they were not listed, from the credential report's `mfa_active`; when both are \
        known, both must show MFA. Users without a password (programmatic-only) are not applicable.",
    risk: "Account takeover through credential stuffing or phishing, with no second factor to stop it.",
    remediation: Remediation {
        summary: "Have the user register an MFA device (preferably a passkey or security key), or remove the \
            console password if it is not needed; move people to IAM Identity Center where possible.",
        cli: "aws iam list-mfa-devices --user-name {config.user_name}\n\
              # if console access is not needed:\n\
              aws iam delete-login-profile --user-name {config.user_name}",
        terraform: "# MFA devices are registered by the user. Enforce it with a policy that denies everything\n# except MFA self-service while aws:MultiFactorAuthPresent is false, attached to the user's group.\nresource \"aws_iam_user_group_membership\" \"{name}\" {\n  user   = \"{config.user_name}\"\n  groups = [aws_iam_group.require_mfa.name]\n}",
        console: "IAM console → Users → {config.user_name} → Security credentials → Multi-factor authentication → \
            Assign MFA device (the user should do this at first sign-in); or Console sign-in → Disable console access.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The device must be registered by the person; removing the password locks them out.",
    permissions: &[
        "iam:ListUsers",
        "iam:GetLoginProfile",
        "iam:ListMFADevices",
        "iam:GetCredentialReport",
    ],
    references: &["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html"],
    cases: &[
        Case::pass(
            "password and MFA",
            r#"{"config": {"user_name": "alice", "password_enabled": true, "mfa_devices": ["arn:aws:iam::111122223333:mfa/alice"]}}"#,
        ),
        Case::fail(
            "password, no MFA",
            r#"{"config": {"user_name": "bob", "password_enabled": true, "mfa_devices": []}}"#,
        ),
        Case::not_applicable(
            "programmatic-only user",
            r#"{"config": {"user_name": "ci", "password_enabled": false, "mfa_devices": []}}"#,
        ),
        Case::unknown(
            "MFA devices could not be listed",
            r#"{"config": {"user_name": "bob", "password_enabled": true}, "gaps": [{"field": "mfa_devices", "api": "iam:ListMFADevices", "reason": "denied"}]}"#,
        ),
        Case::pass(
            "password, MFA active per credential report (devices not listed)",
            r#"{"config": {"user_name": "carol", "password_enabled": true, "mfa_active": true}, "gaps": [{"field": "mfa_devices", "reason": "not_in_source"}]}"#,
        ),
        Case::fail(
            "password, MFA not active per credential report",
            r#"{"config": {"user_name": "dave", "password_enabled": true, "mfa_active": false}, "gaps": [{"field": "mfa_devices", "reason": "not_in_source"}]}"#,
        ),
        Case::fail(
            "devices listed as none though the report said MFA active",
            r#"{"config": {"user_name": "erin", "password_enabled": true, "mfa_devices": [], "mfa_active": true}}"#,
        ),
        Case::fail(
            "device listed but the report says MFA not active",
            r#"{"config": {"user_name": "frank", "password_enabled": true, "mfa_devices": ["arn:aws:iam::111122223333:mfa/frank"], "mfa_active": false}}"#,
        ),
        Case::pass(
            "device listed and MFA active per report",
            r#"{"config": {"user_name": "gina", "password_enabled": true, "mfa_devices": ["arn:aws:iam::111122223333:mfa/gina"], "mfa_active": true}}"#,
        ),
        Case::not_applicable(
            "no password per credential report",
            r#"{"config": {"user_name": "svc", "password_enabled": false, "mfa_active": false}}"#,
        ),
        Case::unknown(
            "neither devices nor mfa_active observed (AWS Config only)",
            r#"{"config": {"user_name": "bob", "password_enabled": true}, "gaps": [{"field": "mfa_devices", "reason": "not_in_source"}, {"field": "mfa_active", "reason": "not_in_source"}]}"#,
        ),
        Case::unknown(
            "password state unknown",
            r#"{"config": {"user_name": "bob", "mfa_devices": []}}"#,
        ),
    ],
};
