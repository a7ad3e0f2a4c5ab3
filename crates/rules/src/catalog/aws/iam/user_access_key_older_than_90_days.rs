use crate::prelude::*;
use posture_model::time::{days_between, parse_rfc3339};

/// Maximum age of an active access key, in days.
const MAX_AGE_DAYS: i64 = 90;

/// Flags IAM users with an active access key created more than 90 days ago.
pub(crate) struct UserAccessKeyOlderThan90Days;

impl TypedRule for UserAccessKeyOlderThan90Days {
    type Config = aws::IamUser;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        u: &aws::IamUser,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let keys = need(&u.access_keys, "access_keys")?;
        let mut old: Vec<(usize, &aws::AccessKey, i64)> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            if !k.status.eq_ignore_ascii_case("Active") {
                continue;
            }
            let created = need(&k.created, "access_keys.created")?;
            let Some(t) = parse_rfc3339(created) else {
                return Ok(Verdict::Unknown(
                    format!(
                        "access key {} has an unreadable creation time `{created}`",
                        k.id
                    )
                    .into(),
                ));
            };
            let age = days_between(t, cx.as_of);
            if age > MAX_AGE_DAYS {
                old.push((i, k, age));
            }
        }
        if old.is_empty() {
            return Ok(Verdict::Pass);
        }
        let list: Vec<String> = old
            .iter()
            .map(|(_, k, age)| format!("{} ({age} days)", k.id))
            .collect();
        Ok(Verdict::Fail {
            message: format!(
                "IAM user `{}` has active access key(s) older than {MAX_AGE_DAYS} days: {}",
                r.name,
                list.join(", ")
            ),
            evidence: old
                .iter()
                .map(|(i, k, _)| Evidence {
                    path: format!("config.access_keys[{i}].created"),
                    observed: json!(k.created),
                })
                .collect(),
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_access_key_older_than_90_days",
    title: "IAM user has an active access key older than 90 days",
    severity: Severity::Medium,
    severity_rationale: "Long-lived keys are the most common leaked AWS credential (source code, laptops, CI \
        logs); age alone is not a compromise, so Medium.",
    service: "iam",
    description: "Checks every active access key of the user and fails when one was created more than 90 days \
        before the scan's reference time. Inactive keys are ignored; an active key without a readable creation \
        time makes the result Unknown.",
    risk: "A key copied months ago keeps working indefinitely, widening the window in which a leak can be \
        exploited.",
    remediation: Remediation {
        summary: "Rotate the key (create a new one, switch consumers, deactivate then delete the old one), or \
            replace it with role-based temporary credentials.",
        cli: "aws iam list-access-keys --user-name {config.user_name}\n\
              aws iam create-access-key --user-name {config.user_name}\n\
              # after every consumer uses the new key:\n\
              aws iam update-access-key --user-name {config.user_name} --access-key-id <old-key-id> --status Inactive\n\
              aws iam delete-access-key --user-name {config.user_name} --access-key-id <old-key-id>",
        terraform: "# Keys created by Terraform land in state; prefer roles. If a key must exist, rotate it by\n# replacing the resource and distributing the new secret through a secrets manager.\nresource \"aws_iam_access_key\" \"{name}\" {\n  user = \"{config.user_name}\"\n}",
        console: "IAM console → Users → {config.user_name} → Security credentials → Access keys → Create access key; \
            update consumers; then Actions → Deactivate on the old key, and Delete once nothing breaks.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Every program using the old key must be updated first, or it stops working.",
    permissions: &["iam:ListUsers", "iam:ListAccessKeys"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
    ],
    cases: &[
        Case::pass(
            "key created 30 days before the scan",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "AKIA1", "status": "Active", "created": "2025-12-02T00:00:00Z"}]}}"#,
        ),
        Case::pass(
            "exactly 90 days old",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "AKIA1", "status": "Active", "created": "2025-10-03T00:00:00Z"}]}}"#,
        ),
        Case::pass(
            "no keys",
            r#"{"config": {"user_name": "alice", "access_keys": []}}"#,
        ),
        Case::pass(
            "old key is inactive",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "AKIA1", "status": "Inactive", "created": "2020-01-01T00:00:00Z"}]}}"#,
        ),
        Case::fail(
            "key from 2024",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "AKIA1", "status": "Active", "created": "2024-06-01T08:15:00+02:00"}]}}"#,
        ),
        Case::fail(
            "91 days old",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "AKIA2", "status": "Active", "created": "2025-10-01T23:59:59Z"},
                {"id": "AKIA3", "status": "Active", "created": "2025-12-31T00:00:00Z"}]}}"#,
        ),
        Case::unknown(
            "active key without creation time",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "AKIA1", "status": "Active"}]}}"#,
        ),
        Case::unknown(
            "unparseable creation time",
            r#"{"config": {"user_name": "ci", "access_keys": [{"id": "AKIA1", "status": "Active", "created": "last year"}]}}"#,
        ),
        Case::unknown(
            "keys could not be listed",
            r#"{"config": {"user_name": "ci"}, "gaps": [{"field": "access_keys", "api": "iam:ListAccessKeys", "reason": "throttled"}]}"#,
        ),
    ],
};
