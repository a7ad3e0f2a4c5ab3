use crate::prelude::*;

/// Flags accounts whose root user has no MFA.
pub(crate) struct RootMfaOff;

impl TypedRule for RootMfaOff {
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
        let mfa = *need(&a.root_mfa_enabled, "root_mfa_enabled")?;
        Ok(Verdict::check(mfa, || {
            Verdict::fail(
                format!("Root user of account {} has no MFA", r.account),
                "config.root_mfa_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.root_mfa_off",
    title: "Root user has no MFA",
    severity: Severity::Critical,
    severity_rationale: "The root user cannot be restricted by IAM policies; its password alone is full, \
        unrevokable control of the account, including closing it.",
    service: "iam",
    description: "Checks that the account's root user has at least one MFA device. (Accounts whose root \
        credentials are centrally removed by AWS Organizations report no MFA; suppress there.)",
    risk: "Whoever phishes or resets the root password (via the root e-mail mailbox) owns the account.",
    remediation: Remediation {
        summary: "Sign in as root and register MFA (a passkey or hardware key), or remove root credentials \
            centrally through AWS Organizations.",
        cli: "aws iam get-account-summary --query 'SummaryMap.AccountMFAEnabled'\n\
              # Registration must be done by the root user in the console; for member accounts:\n\
              aws organizations enable-aws-service-access --service-principal iam.amazonaws.com\n\
              aws iam enable-organizations-root-credentials-management",
        terraform: "# Root MFA cannot be managed with Terraform; manage member-account root credentials centrally:\nresource \"aws_iam_organizations_features\" \"this\" {\n  enabled_features = [\"RootCredentialsManagement\"]\n}",
        console: "Sign in as the root user of {account} → account menu → Security credentials → Multi-factor \
            authentication (MFA) → Assign MFA device → follow the steps.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Only the holder of the root credentials can register a device.",
    permissions: &["iam:GetAccountSummary"],
    references: &["https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html"],
    cases: &[
        Case::pass(
            "root MFA on",
            r#"{"kind": "aws.iam.account", "region": "global", "config": {"root_mfa_enabled": true}}"#,
        ),
        Case::fail(
            "root MFA off",
            r#"{"kind": "aws.iam.account", "region": "global", "config": {"root_mfa_enabled": false}}"#,
        ),
        Case::unknown(
            "account summary denied",
            r#"{"config": {}, "gaps": [{"field": "root_mfa_enabled", "api": "iam:GetAccountSummary", "reason": "denied"}]}"#,
        ),
    ],
};
