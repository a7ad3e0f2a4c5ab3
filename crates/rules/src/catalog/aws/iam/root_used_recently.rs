use crate::prelude::*;
use posture_model::time::{days_between, parse_rfc3339};

/// Root use within this many days is reported.
const WINDOW_DAYS: i64 = 30;

/// Flags accounts whose root user signed in or used a key recently.
pub(crate) struct RootUsedRecently;

impl TypedRule for RootUsedRecently {
    type Config = aws::IamAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        a: &aws::IamAccount,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let Some(t) = a.root_last_used.as_deref() else {
            // The credential report leaves it empty when root was never used; only trust that when
            // the root row was read (root MFA observed) and no gap says the time was unreadable.
            if a.root_mfa_enabled.is_some() && r.gap_for("root_last_used").is_none() {
                return Ok(Verdict::Pass);
            }
            return Err(Missing {
                field: "root_last_used",
            });
        };
        let Some(secs) = parse_rfc3339(t) else {
            return Ok(Verdict::Unknown(
                format!("unreadable root last-use time `{t}`").into(),
            ));
        };
        let days = days_between(secs, cx.as_of);
        Ok(Verdict::check(days > WINDOW_DAYS, || {
            Verdict::fail(
                format!(
                    "The root user of account {} was used {days} day(s) before the scan ({t})",
                    r.account
                ),
                "config.root_last_used",
                json!(t),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.root_used_recently",
    title: "Root user was used in the last 30 days",
    severity: Severity::Medium,
    severity_rationale: "Routine root use means the most powerful, least restrictable credential is exercised \
        regularly; it may also be an intruder. Medium because a few tasks legitimately need root.",
    service: "iam",
    description: "Reads the root user's most recent password or access-key use (from the IAM credential report) \
        and fails when it falls within 30 days before the scan's reference time. A root user never used passes; \
        when the credential report was not imported the result is Unknown.",
    risk: "Root cannot be limited by IAM policies or (outside an organization) by SCPs; every use is a chance for \
        its credentials to be phished or logged, and unexpected use can signal compromise.",
    remediation: Remediation {
        summary: "Find out who used root and why (CloudTrail `userIdentity.type = Root`); move that task to an IAM \
            role and lock the root credentials away.",
        cli: "aws cloudtrail lookup-events --region us-east-1 --lookup-attributes AttributeKey=Username,AttributeValue=root --max-results 50",
        terraform: "# Nothing to declare: review the usage and, in AWS Organizations, consider centralized root access\n# (aws_organizations_organization feature \"RootCredentialsManagement\").",
        console: "CloudTrail console → Event history → filter User name = root: review each event; then IAM console → \
            Dashboard → confirm root has MFA and no access keys.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "An investigation, not a setting.",
    permissions: &["iam:GenerateCredentialReport", "iam:GetCredentialReport"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html",
    ],
    cases: &[
        Case::pass(
            "last used four months ago",
            r#"{"config": {"root_mfa_enabled": true, "root_last_used": "2025-09-01T10:00:00Z"}}"#,
        ),
        Case::pass(
            "never used according to the credential report",
            r#"{"config": {"root_mfa_enabled": true}}"#,
        ),
        Case::fail(
            "used last week",
            r#"{"config": {"root_mfa_enabled": true, "root_last_used": "2025-12-24T18:30:00Z"}}"#,
        ),
        Case::fail(
            "exactly 30 days ago",
            r#"{"config": {"root_mfa_enabled": true, "root_last_used": "2025-12-02T00:00:00Z"}}"#,
        ),
        Case::unknown(
            "credential report not imported",
            r#"{"config": {"password_policy": {"configured": false}}}"#,
        ),
        Case::unknown(
            "last-use column unreadable",
            r#"{"config": {"root_mfa_enabled": true}, "gaps": [{"field": "root_last_used", "reason": "error"}]}"#,
        ),
    ],
};
