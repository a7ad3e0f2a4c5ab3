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
        let mfa = need(&u.mfa_devices, "mfa_devices")?;
        Ok(Verdict::check(!mfa.is_empty(), || {
            Verdict::fail(
                format!(
                    "IAM user `{}` has a console password and no MFA device",
                    r.name
                ),
                "config.mfa_devices",
                json!(mfa),
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
    description: "Checks IAM users that have a console password for at least one assigned MFA device. Users \
        without a password (programmatic-only) are not applicable.",
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
    permissions: &["iam:ListUsers", "iam:GetLoginProfile", "iam:ListMFADevices"],
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
        Case::unknown(
            "password state unknown",
            r#"{"config": {"user_name": "bob", "mfa_devices": []}}"#,
        ),
    ],
};
