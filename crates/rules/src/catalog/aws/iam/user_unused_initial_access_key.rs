use crate::prelude::*;

/// Flags console users holding an active access key that has never been used.
pub(crate) struct UserUnusedInitialAccessKey;

impl TypedRule for UserUnusedInitialAccessKey {
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
        if !*need(&u.password_enabled, "password_enabled")? {
            return Ok(Verdict::NotApplicable("no console password".into()));
        }
        let keys = need(&u.access_keys, "access_keys")?;
        let unused: Vec<&str> = keys
            .iter()
            .filter(|k| k.status.eq_ignore_ascii_case("Active") && k.last_used.is_none())
            .map(|k| k.id.as_str())
            .collect();
        Ok(Verdict::check(unused.is_empty(), || {
            Verdict::fail(
                format!(
                    "Console user `{}` holds active access key(s) never used: {}",
                    r.name,
                    unused.join(", ")
                ),
                "config.access_keys",
                json!(unused),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_unused_initial_access_key",
    title: "Console user holds an active access key that was never used",
    severity: Severity::Low,
    severity_rationale: "An unused key is a standing credential nobody needs; it only matters once it leaks, but then \
        its first use goes unnoticed because there is no normal use to compare with.",
    service: "iam",
    description: "For IAM users with a console password, checks for active access keys that have never been used \
        (the credential report's `no_information`/`N/A` last-used date), typically keys created by default when \
        the user was set up.",
    risk: "A forgotten long-lived key (in a welcome e-mail, a laptop, a script template) gives programmatic access \
        to whoever finds it.",
    remediation: Remediation {
        summary: "Deactivate and delete the unused key; create keys only when a program actually needs them.",
        cli: "aws iam update-access-key --user-name {config.user_name} --access-key-id <key-id> --status Inactive\n\
              aws iam delete-access-key --user-name {config.user_name} --access-key-id <key-id>",
        terraform: "# remove the aws_iam_access_key resource for {config.user_name}",
        console: "IAM console → Users → {config.user_name} → Security credentials → Access keys → Actions → Deactivate, \
            then Delete.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "The key has never been used, so nothing depends on it (deactivate first to be sure).",
    permissions: &["iam:GenerateCredentialReport", "iam:GetCredentialReport"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    ],
    cases: &[
        Case::pass(
            "the key is used",
            r#"{"config": {"user_name": "u", "password_enabled": true, "access_keys": [{"id": "AKIA1", "status": "Active", "created": "2025-01-01T00:00:00Z", "last_used": "2025-12-30T00:00:00Z"}]}}"#,
        ),
        Case::fail(
            "active key never used",
            r#"{"config": {"user_name": "u", "password_enabled": true, "access_keys": [{"id": "AKIA1", "status": "Active", "created": "2025-01-01T00:00:00Z"}]}}"#,
        ),
        Case::pass(
            "near miss: the unused key is inactive",
            r#"{"config": {"user_name": "u", "password_enabled": true, "access_keys": [{"id": "AKIA1", "status": "Inactive", "created": "2025-01-01T00:00:00Z"}]}}"#,
        ),
        Case::not_applicable(
            "programmatic-only user",
            r#"{"config": {"user_name": "svc", "password_enabled": false, "access_keys": [{"id": "AKIA1", "status": "Active"}]}}"#,
        ),
        Case::unknown(
            "keys not observed",
            r#"{"config": {"user_name": "u", "password_enabled": true}}"#,
        ),
    ],
};
