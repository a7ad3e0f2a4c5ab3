use posture_model::time::{days_between, parse_rfc3339};

use crate::prelude::*;

/// Flags secrets nobody has read for 90 days.
pub(crate) struct SecretUnused90Days;

const MAX_DAYS: i64 = 90;

impl TypedRule for SecretUnused90Days {
    type Config = aws::Secret;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &aws::Secret,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let last = need(&s.last_accessed, "last_accessed")?;
        let since = if last.is_empty() {
            need(&s.created, "created")?
        } else {
            last
        };
        let Some(t) = parse_rfc3339(since) else {
            return Ok(Verdict::Unknown(
                format!("date `{since}` is not an RFC 3339 time").into(),
            ));
        };
        let days = days_between(t, cx.as_of);
        Ok(Verdict::check(days <= MAX_DAYS, || {
            Verdict::fail(
                format!(
                    "Secret `{}` has not been read for {days} days{}",
                    r.name,
                    if last.is_empty() {
                        " (never accessed)"
                    } else {
                        ""
                    }
                ),
                "config.last_accessed",
                json!(last),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.secretsmanager.secret_unused_90_days",
    title: "Secret has not been accessed in 90 days",
    severity: Severity::Low,
    severity_rationale: "An unused secret is usually a forgotten credential: it still works for whoever holds a copy \
        but nobody would notice its misuse. Cleanup, not an active exposure.",
    service: "secretsmanager",
    description: "Checks that the secret was read (GetSecretValue) within the last 90 days; a secret never read is \
        measured from its creation. Secrets Manager records access at day precision.",
    risk: "Stale credentials accumulate and stay valid; if leaked, their use blends in because no legitimate use exists \
        to compare with.",
    remediation: Remediation {
        summary: "Confirm the secret is no longer needed, revoke the credential it holds, and delete it (with a recovery window).",
        cli: "aws secretsmanager delete-secret --region {region} --secret-id {uid} --recovery-window-in-days 30",
        terraform: "# remove the aws_secretsmanager_secret \"{name}\" resource after revoking the credential it holds",
        console: "Secrets Manager console → Secrets → {config.name} → Actions → Delete secret → waiting period 30 days.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Rarely used jobs (yearly batch, disaster recovery) may still need it; an owner must confirm.",
    permissions: &[
        "secretsmanager:ListSecrets",
        "secretsmanager:DescribeSecret",
    ],
    references: &[
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html",
    ],
    cases: &[
        Case::pass(
            "read yesterday",
            r#"{"config": {"name": "s", "last_accessed": "2025-12-31T00:00:00Z"}}"#,
        ),
        Case::fail(
            "read a year ago",
            r#"{"config": {"name": "s", "last_accessed": "2024-12-30T00:00:00Z"}}"#,
        ),
        Case::pass(
            "near miss: never read but created this month",
            r#"{"config": {"name": "s", "last_accessed": "", "created": "2025-12-10T00:00:00Z"}}"#,
        ),
        Case::unknown("access date not observed", r#"{"config": {"name": "s"}}"#),
    ],
};
