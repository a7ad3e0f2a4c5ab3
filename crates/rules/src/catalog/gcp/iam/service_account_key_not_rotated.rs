use posture_model::time::{days_between, parse_rfc3339};

use crate::prelude::*;

/// Flags user-managed service account keys older than 90 days.
pub(crate) struct ServiceAccountKeyNotRotated;

impl TypedRule for ServiceAccountKeyNotRotated {
    type Config = gcp::ServiceAccountKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        _r: &Resource,
        c: &gcp::ServiceAccountKey,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let t = need(&c.key_type, "key_type")?;
        if !t.eq_ignore_ascii_case("user_managed") {
            return Ok(Verdict::NotApplicable(
                "Google rotates its managed keys".into(),
            ));
        }
        if *need(&c.disabled, "disabled")? {
            return Ok(Verdict::NotApplicable("the key is disabled".into()));
        }
        let since = need(&c.valid_after, "valid_after")?;
        let Some(at) = parse_rfc3339(since) else {
            return Ok(Verdict::Unknown(
                format!("key creation time `{since}` is not a timestamp").into(),
            ));
        };
        let age = days_between(at, cx.as_of);
        Ok(Verdict::check(age <= 90, || {
            Verdict::fail(
                format!(
                    "User-managed key of `{}` is {age} days old",
                    c.service_account.as_deref().unwrap_or("?")
                ),
                "config.valid_after",
                json!(since),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.iam.service_account_key_not_rotated",
    title: "User-managed service account key is older than 90 days",
    severity: Severity::Medium,
    severity_rationale: "The older the key, the more copies of it may exist; it grants the service account's full rights.",
    service: "iam",
    description: "For enabled user-managed keys, compares `validAfterTime` with the scan time; more than 90 days fails.",
    risk: "A key copied long ago keeps working.",
    remediation: Remediation {
        summary: "Create a new key, deploy it, then delete the old one (better: drop keys for workload identity).",
        cli: "gcloud iam service-accounts keys create new-key.json --iam-account={config.service_account} --project={account}\n# deploy new-key.json, then:\ngcloud iam service-accounts keys delete <old-key-id> --iam-account={config.service_account} --project={account}",
        terraform: "resource \"google_service_account_key\" \"rotated\" {\n  service_account_id = \"{config.service_account}\"\n  keepers = {\n    rotation = time_rotating.key_90d.id\n  }\n}",
        console: "Cloud console → IAM & Admin → Service accounts → {config.service_account} → Keys → Add key → then delete the old key.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Consumers of the old key fail once it is deleted.",
    permissions: &["iam.serviceAccountKeys.list"],
    references: &["https://cloud.google.com/iam/docs/keys-create-delete"],
    cases: &[
        Case::pass(
            "recent",
            r#"{"config": {"key_type": "USER_MANAGED", "disabled": false, "valid_after": "2025-11-15T00:00:00Z"}}"#,
        ),
        Case::fail(
            "old",
            r#"{"config": {"service_account": "ci@p.iam.gserviceaccount.com", "key_type": "USER_MANAGED", "disabled": false, "valid_after": "2025-01-01T00:00:00Z"}}"#,
        ),
        Case::not_applicable(
            "google-managed",
            r#"{"config": {"key_type": "SYSTEM_MANAGED", "disabled": false, "valid_after": "2020-01-01T00:00:00Z"}}"#,
        ),
        Case::unknown(
            "time not observed",
            r#"{"config": {"key_type": "USER_MANAGED", "disabled": false}}"#,
        ),
    ],
};
