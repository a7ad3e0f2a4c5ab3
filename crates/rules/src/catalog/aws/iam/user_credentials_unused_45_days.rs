use crate::prelude::*;
use posture_model::time::{days_between, parse_rfc3339};

/// Credentials unused for longer than this many days should be disabled.
const MAX_IDLE_DAYS: i64 = 45;

/// Flags IAM users whose console password or active access key has not been used for 45 days.
pub(crate) struct UserCredentialsUnused45Days;

fn age(t: &str, as_of: i64) -> Option<i64> {
    parse_rfc3339(t).map(|s| days_between(s, as_of))
}

impl TypedRule for UserCredentialsUnused45Days {
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
        let mut stale: Vec<String> = Vec::new();
        let mut evidence = Vec::new();
        let mut undecided: Option<String> = None;
        // Access keys: last use, or creation when the key was never used.
        let keys = need(&u.access_keys, "access_keys")?;
        for (i, k) in keys.iter().enumerate() {
            if !k.status.eq_ignore_ascii_case("Active") {
                continue;
            }
            let (when, what) = match (&k.last_used, &k.created) {
                (Some(t), _) => (t, "last used"),
                (None, Some(t)) => (t, "never used, created"),
                (None, None) => {
                    undecided = Some(format!(
                        "access key {} has neither a last-use nor a creation time",
                        k.id
                    ));
                    continue;
                }
            };
            match age(when, cx.as_of) {
                Some(days) if days > MAX_IDLE_DAYS => {
                    stale.push(format!("access key {} ({what} {days} days ago)", k.id));
                    evidence.push(Evidence {
                        path: format!("config.access_keys[{i}]"),
                        observed: json!(k),
                    });
                }
                Some(_) => {}
                None => {
                    undecided = Some(format!(
                        "access key {} has an unreadable time `{when}`",
                        k.id
                    ));
                }
            }
        }
        // Console password.
        let password = *need(&u.password_enabled, "password_enabled")?;
        if password {
            match u.password_last_used.as_deref() {
                Some(t) => match age(t, cx.as_of) {
                    Some(days) if days > MAX_IDLE_DAYS => {
                        stale.push(format!("console password (last used {days} days ago)"));
                        evidence.push(Evidence {
                            path: "config.password_last_used".into(),
                            observed: json!(t),
                        });
                    }
                    Some(_) => {}
                    None => undecided = Some(format!("unreadable password last-use time `{t}`")),
                },
                // No recorded use: either never used or not observed, which the model cannot tell
                // apart once several sources are merged; only a user created recently is decided.
                None => match u.create_date.as_deref().and_then(|c| age(c, cx.as_of)) {
                    Some(days) if days <= MAX_IDLE_DAYS => {}
                    _ if stale.is_empty() => {
                        return Err(Missing {
                            field: "password_last_used",
                        });
                    }
                    _ => {}
                },
            }
        }
        if !stale.is_empty() {
            return Ok(Verdict::Fail {
                message: format!(
                    "IAM user `{}` has credentials unused for more than {MAX_IDLE_DAYS} days: {}",
                    r.name,
                    stale.join(", ")
                ),
                evidence,
            });
        }
        if let Some(why) = undecided {
            return Ok(Verdict::Unknown(why.into()));
        }
        Ok(Verdict::Pass)
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_credentials_unused_45_days",
    title: "IAM user has a password or access key unused for over 45 days",
    severity: Severity::Medium,
    severity_rationale: "Dormant credentials belong to people who left or programs that were retired; nobody \
        would notice their misuse. Medium because they still need to be stolen first.",
    service: "iam",
    description: "For each active access key, measures the days since its last use (or since its creation when it \
        was never used) and, when the user has a console password, the days since the password was last used, \
        against the scan's reference time; more than 45 days fails. A password with no recorded use is Unknown \
        unless the user was created within the last 45 days, because \"never used\" and \"not collected\" look \
        the same once sources are merged.",
    risk: "Credentials nobody uses are credentials nobody watches: a leaked dormant key or the password of a \
        departed employee gives quiet, long-lasting access.",
    remediation: Remediation {
        summary: "Deactivate the idle access keys and remove the unused console password (or delete the user).",
        cli: "aws iam update-access-key --user-name {config.user_name} --access-key-id <idle-key-id> --status Inactive\n\
              aws iam delete-login-profile --user-name {config.user_name}",
        terraform: "# Remove the aws_iam_user_login_profile and idle aws_iam_access_key resources of \"{config.user_name}\",\n# or the aws_iam_user itself when the person or program is gone.",
        console: "IAM console → Users → {config.user_name} → Security credentials: Console sign-in → Manage → \
            Disable; Access keys → Actions → Deactivate for each key whose last use is older than 45 days.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "A rarely run job (quarterly report, disaster-recovery script) may still depend on the key.",
    permissions: &[
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "iam:ListAccessKeys",
    ],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
    ],
    cases: &[
        Case::pass(
            "key used last week, password used yesterday",
            r#"{"config": {"user_name": "alice", "password_enabled": true, "password_last_used": "2025-12-31T09:00:00Z",
                "access_keys": [{"id": "key-1", "status": "Active", "created": "2024-01-01T00:00:00Z", "last_used": "2025-12-25T00:00:00Z"}]}}"#,
        ),
        Case::pass(
            "idle key is already inactive, no password",
            r#"{"config": {"user_name": "ci", "password_enabled": false,
                "access_keys": [{"id": "key-1", "status": "Inactive", "created": "2020-01-01T00:00:00Z"}]}}"#,
        ),
        Case::pass(
            "exactly 45 days idle",
            r#"{"config": {"user_name": "ci", "password_enabled": false,
                "access_keys": [{"id": "key-1", "status": "Active", "last_used": "2025-11-17T00:00:00Z"}]}}"#,
        ),
        Case::pass(
            "new user who has not signed in yet",
            r#"{"config": {"user_name": "bob", "create_date": "2025-12-20T00:00:00Z", "password_enabled": true, "access_keys": []}}"#,
        ),
        Case::fail(
            "key last used in the summer",
            r#"{"config": {"user_name": "ci", "password_enabled": false,
                "access_keys": [{"id": "key-1", "status": "Active", "last_used": "2025-07-01T00:00:00Z"}]}}"#,
        ),
        Case::fail(
            "key created a year ago and never used",
            r#"{"config": {"user_name": "ci", "password_enabled": false,
                "access_keys": [{"id": "key-2", "status": "Active", "created": "2025-01-01T00:00:00Z"}]}}"#,
        ),
        Case::fail(
            "password idle for 60 days",
            r#"{"config": {"user_name": "alice", "password_enabled": true, "password_last_used": "2025-11-02T00:00:00Z", "access_keys": []}}"#,
        ),
        Case::unknown(
            "password enabled with no recorded use",
            r#"{"config": {"user_name": "alice", "create_date": "2023-01-01T00:00:00Z", "password_enabled": true, "access_keys": []}}"#,
        ),
        Case::unknown(
            "credential report not imported",
            r#"{"config": {"user_name": "alice"}}"#,
        ),
    ],
};
