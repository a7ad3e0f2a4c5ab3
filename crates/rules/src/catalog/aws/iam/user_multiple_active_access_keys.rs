use crate::prelude::*;

/// Flags IAM users with more than one active access key.
pub(crate) struct UserMultipleActiveAccessKeys;

impl TypedRule for UserMultipleActiveAccessKeys {
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
        let keys = need(&u.access_keys, "access_keys")?;
        let active: Vec<&str> = keys
            .iter()
            .filter(|k| k.status.eq_ignore_ascii_case("Active"))
            .map(|k| k.id.as_str())
            .collect();
        Ok(Verdict::check(active.len() <= 1, || {
            Verdict::fail(
                format!(
                    "IAM user `{}` has {} active access keys: {}",
                    r.name,
                    active.len(),
                    active.join(", ")
                ),
                "config.access_keys",
                json!(keys),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_multiple_active_access_keys",
    title: "IAM user has more than one active access key",
    severity: Severity::Low,
    severity_rationale: "Two keys are normal for a few hours during rotation; left in place, one of them is \
        usually forgotten and never rotated. Low because each key is still the same user's.",
    service: "iam",
    description: "Counts the user's access keys with status `Active` and fails above one. Inactive keys are \
        not counted.",
    risk: "A second, forgotten key doubles the chances of a leak and outlives the rotation that was meant to \
        retire it.",
    remediation: Remediation {
        summary: "Find which key is still in use (last-used date), switch every consumer to it, then deactivate \
            and delete the other.",
        cli: "aws iam list-access-keys --user-name {config.user_name}\n\
              aws iam get-access-key-last-used --access-key-id <key-id>\n\
              aws iam update-access-key --user-name {config.user_name} --access-key-id <unused-key-id> --status Inactive\n\
              aws iam delete-access-key --user-name {config.user_name} --access-key-id <unused-key-id>",
        terraform: "# Keep a single aws_iam_access_key for user \"{config.user_name}\" (or none: prefer roles).",
        console: "IAM console → Users → {config.user_name} → Security credentials → Access keys: compare \"Last \
            used\", deactivate the unused key, and delete it after a grace period.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Whatever still uses the deactivated key stops working.",
    permissions: &["iam:ListAccessKeys"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    ],
    cases: &[
        Case::pass(
            "one active, one inactive",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "key-1", "status": "Active"}, {"id": "key-2", "status": "Inactive"}]}}"#,
        ),
        Case::pass(
            "no keys",
            r#"{"config": {"user_name": "alice", "access_keys": []}}"#,
        ),
        Case::fail(
            "two active",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "key-1", "status": "Active"}, {"id": "key-2", "status": "Active"}]}}"#,
        ),
        Case::unknown("keys not listed", r#"{"config": {"user_name": "ci"}}"#),
    ],
};
