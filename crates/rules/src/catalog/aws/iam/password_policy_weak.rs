use crate::prelude::*;

/// Minimum password length we accept.
const MIN_LENGTH: i32 = 14;
/// Minimum number of remembered passwords.
const MIN_REUSE: i32 = 24;

/// Flags accounts whose IAM password policy is missing, too short or allows quick reuse.
pub(crate) struct PasswordPolicyWeak;

impl TypedRule for PasswordPolicyWeak {
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
                    "Account {} has no IAM password policy (AWS defaults: 8 characters, reuse allowed)",
                    r.account
                ),
                "config.password_policy.configured",
                json!(false),
            ));
        }
        let length = *need(&p.minimum_length, "password_policy.minimum_length")?;
        // An absent reuse setting in a configured policy means reuse is allowed.
        let reuse = p.reuse_prevention.unwrap_or(0);
        if length >= MIN_LENGTH && reuse >= MIN_REUSE {
            return Ok(Verdict::Pass);
        }
        let mut problems = Vec::with_capacity(2);
        let mut evidence = Vec::with_capacity(2);
        if length < MIN_LENGTH {
            problems.push(format!("minimum length {length} (< {MIN_LENGTH})"));
            evidence.push(Evidence {
                path: "config.password_policy.minimum_length".into(),
                observed: json!(length),
            });
        }
        if reuse < MIN_REUSE {
            problems.push(format!(
                "remembers {reuse} previous passwords (< {MIN_REUSE})"
            ));
            evidence.push(Evidence {
                path: "config.password_policy.reuse_prevention".into(),
                observed: json!(p.reuse_prevention),
            });
        }
        Ok(Verdict::Fail {
            message: format!(
                "Account {} IAM password policy is weak: {}",
                r.account,
                problems.join("; ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.password_policy_weak",
    title: "IAM password policy allows short or reused passwords",
    severity: Severity::Medium,
    severity_rationale: "Only matters for IAM users with console passwords, and MFA mitigates it; where it \
        applies, short and recycled passwords are the easiest way in.",
    service: "iam",
    description: "Checks that the account has an IAM password policy requiring at least 14 characters and \
        preventing reuse of the last 24 passwords.",
    risk: "Short passwords fall to guessing and credential stuffing; reuse lets a previously leaked password \
        come back.",
    remediation: Remediation {
        summary: "Set a password policy with a minimum length of 14 and reuse prevention of 24.",
        cli: "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 \
              --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters \
              --allow-users-to-change-password",
        terraform: "resource \"aws_iam_account_password_policy\" \"this\" {\n  minimum_password_length        = 14\n  password_reuse_prevention      = 24\n  require_symbols                = true\n  require_numbers                = true\n  require_uppercase_characters   = true\n  require_lowercase_characters   = true\n  allow_users_to_change_password = true\n}",
        console: "IAM console → Account settings → Password policy → Edit → Custom: minimum length 14, prevent \
            password reuse: 24 → Save changes.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Applies at each user's next password change; existing passwords and sessions keep \
        working.",
    permissions: &["iam:GetAccountPasswordPolicy"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
    ],
    cases: &[
        Case::pass(
            "strong policy",
            r#"{"config": {"password_policy": {"configured": true, "minimum_length": 16, "reuse_prevention": 24}}}"#,
        ),
        Case::fail(
            "no policy",
            r#"{"config": {"password_policy": {"configured": false}}}"#,
        ),
        Case::fail(
            "length 8",
            r#"{"config": {"password_policy": {"configured": true, "minimum_length": 8, "reuse_prevention": 24}}}"#,
        ),
        Case::fail(
            "reuse prevention not set",
            r#"{"config": {"password_policy": {"configured": true, "minimum_length": 14}}}"#,
        ),
        Case::unknown(
            "policy could not be read",
            r#"{"config": {}, "gaps": [{"field": "password_policy", "api": "iam:GetAccountPasswordPolicy", "reason": "denied"}]}"#,
        ),
        Case::unknown(
            "configured but length missing",
            r#"{"config": {"password_policy": {"configured": true, "reuse_prevention": 24}}}"#,
        ),
    ],
};
