use posture_model::time::{days_between, parse_rfc3339};

use crate::prelude::*;

/// Flags secrets with rotation enabled that have not actually rotated within 90 days.
pub(crate) struct SecretNotRotated90Days;

const MAX_DAYS: i64 = 90;

impl TypedRule for SecretNotRotated90Days {
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
        if !*need(&s.rotation_enabled, "rotation_enabled")? {
            return Ok(Verdict::NotApplicable(
                "rotation is off (reported by aws.secretsmanager.secret_rotation_off)".into(),
            ));
        }
        let last = need(&s.last_rotated, "last_rotated")?;
        let reference = if last.is_empty() {
            // Never rotated: measure from creation.
            need(&s.created, "created")?
        } else {
            last
        };
        let Some(t) = parse_rfc3339(reference) else {
            return Ok(Verdict::Unknown(
                format!("rotation date `{reference}` is not an RFC 3339 time").into(),
            ));
        };
        let days = days_between(t, cx.as_of);
        Ok(Verdict::check(days <= MAX_DAYS, || {
            Verdict::fail(
                format!(
                    "Secret `{}` last rotated {days} days ago{}",
                    r.name,
                    if last.is_empty() {
                        " (never; age since creation)"
                    } else {
                        ""
                    }
                ),
                "config.last_rotated",
                json!(last),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.secretsmanager.secret_not_rotated_90_days",
    title: "Secret with rotation enabled has not rotated in 90 days",
    severity: Severity::Medium,
    severity_rationale: "Rotation that is configured but failing gives false assurance: the secret is as long-lived \
        as one that never rotates.",
    service: "secretsmanager",
    description: "For secrets with automatic rotation enabled, checks that the last successful rotation (or, if it \
        never rotated, the creation) is at most 90 days before the scan.",
    risk: "The rotation function is failing or the schedule is too long, so a leaked secret stays valid.",
    remediation: Remediation {
        summary: "Fix the rotation function (check its CloudWatch logs) and rotate now; keep the schedule at 90 days or less.",
        cli: "aws secretsmanager rotate-secret --region {region} --secret-id {uid}",
        terraform: "resource \"aws_secretsmanager_secret_rotation\" \"{name}\" {\n  secret_id = \"{uid}\"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}",
        console: "Secrets Manager console → Secrets → {config.name} → Rotation → Rotate secret immediately; check the rotation \
            function's logs if it fails.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "A rotation changes the credential; clients caching the old value fail until they re-read it.",
    permissions: &["secretsmanager:DescribeSecret"],
    references: &[
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html",
    ],
    cases: &[
        Case::pass(
            "rotated last month",
            r#"{"config": {"name": "s", "rotation_enabled": true, "last_rotated": "2025-12-01T00:00:00Z"}}"#,
        ),
        Case::fail(
            "rotated half a year ago",
            r#"{"config": {"name": "s", "rotation_enabled": true, "last_rotated": "2025-06-01T00:00:00Z"}}"#,
        ),
        Case::fail(
            "never rotated, created long ago",
            r#"{"config": {"name": "s", "rotation_enabled": true, "last_rotated": "", "created": "2024-01-01T00:00:00Z"}}"#,
        ),
        Case::pass(
            "near miss: never rotated but created last week",
            r#"{"config": {"name": "s", "rotation_enabled": true, "last_rotated": "", "created": "2025-12-25T00:00:00Z"}}"#,
        ),
        Case::not_applicable(
            "rotation off",
            r#"{"config": {"name": "s", "rotation_enabled": false}}"#,
        ),
        Case::unknown(
            "rotation date not observed",
            r#"{"config": {"name": "s", "rotation_enabled": true}}"#,
        ),
    ],
};
