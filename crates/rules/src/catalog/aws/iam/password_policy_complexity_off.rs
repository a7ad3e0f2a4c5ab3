use crate::prelude::*;

/// Flags password policies that do not require all four character classes.
pub(crate) struct PasswordPolicyComplexityOff;

impl TypedRule for PasswordPolicyComplexityOff {
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
        let p = need(&a.password_policy, "password_policy")?;
        if !p.configured {
            return Ok(Verdict::fail(
                format!(
                    "Account {} has no IAM password policy, so no character classes are required",
                    r.account
                ),
                "config.password_policy.configured",
                json!(false),
            ));
        }
        let missing: Vec<&str> = [
            (p.require_symbols, "symbols"),
            (p.require_numbers, "numbers"),
            (p.require_uppercase, "upper-case letters"),
            (p.require_lowercase, "lower-case letters"),
        ]
        .into_iter()
        .filter(|(on, _)| !on)
        .map(|(_, what)| what)
        .collect();
        Ok(Verdict::check(missing.is_empty(), || {
            Verdict::fail(
                format!(
                    "Account {} password policy does not require {}",
                    r.account,
                    missing.join(", ")
                ),
                "config.password_policy",
                json!(p),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.password_policy_complexity_off",
    title: "IAM password policy does not require mixed character classes",
    severity: Severity::Low,
    severity_rationale: "Length matters more than composition (see `aws.iam.password_policy_weak`), and MFA \
        matters more than both; missing classes only make guessable passwords a little more likely.",
    service: "iam",
    description: "Checks that the account password policy requires symbols, numbers, upper-case and lower-case \
        letters. An account without a password policy fails.",
    risk: "Users can pick dictionary words and keyboard patterns that are first in any password-spraying list.",
    remediation: Remediation {
        summary: "Require all four character classes (keeping the length and reuse settings you have).",
        cli: "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 \
              --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters",
        terraform: "resource \"aws_iam_account_password_policy\" \"this\" {\n  minimum_password_length      = 14\n  password_reuse_prevention    = 24\n  require_symbols              = true\n  require_numbers              = true\n  require_uppercase_characters = true\n  require_lowercase_characters = true\n}",
        console: "IAM console → Account settings → Password policy → Edit: tick the four character-type requirements.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Applies at the next password change; existing passwords keep working.",
    permissions: &["iam:GetAccountPasswordPolicy"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
    ],
    cases: &[
        Case::pass(
            "all four classes required",
            r#"{"config": {"password_policy": {"configured": true, "minimum_length": 14, "require_symbols": true, "require_numbers": true, "require_uppercase": true, "require_lowercase": true}}}"#,
        ),
        Case::fail(
            "symbols not required",
            r#"{"config": {"password_policy": {"configured": true, "minimum_length": 16, "require_symbols": false, "require_numbers": true, "require_uppercase": true, "require_lowercase": true}}}"#,
        ),
        Case::fail(
            "no policy",
            r#"{"config": {"password_policy": {"configured": false}}}"#,
        ),
        Case::unknown("policy not collected", r#"{"config": {}}"#),
    ],
};
