use posture_model::time::{days_between, parse_rfc3339};

use crate::prelude::*;

/// Flags API keys created more than 90 days ago.
pub(crate) struct KeyNotRotated;

impl TypedRule for KeyNotRotated {
    type Config = gcp::ApiKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::ApiKey,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let created = need(&c.created, "created")?;
        let Some(at) = parse_rfc3339(created) else {
            return Ok(Verdict::Unknown(
                format!("creation time `{created}` is not a timestamp").into(),
            ));
        };
        let age = days_between(at, cx.as_of);
        Ok(Verdict::check(age <= 90, || {
            Verdict::fail(
                format!("API key `{}` is {age} days old", r.name),
                "config.created",
                json!(created),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.apikeys.key_not_rotated",
    title: "API key is older than 90 days",
    severity: Severity::Low,
    severity_rationale: "API keys cannot be rotated in place; age is a proxy for how widely a key may have spread.",
    service: "apikeys",
    description: "Compares the key's creation time with the scan time; more than 90 days fails.",
    risk: "An old key that leaked long ago keeps working.",
    remediation: Remediation {
        summary: "Create a replacement key with the same restrictions, switch clients, then delete the old key.",
        cli: "gcloud services api-keys create --project={account} --display-name=\"{name}-2\"\n# switch clients, then:\ngcloud services api-keys delete {uid}",
        terraform: "resource \"google_apikeys_key\" \"{name}_next\" {\n  name         = \"{name}-next\"\n  display_name = \"{name} (rotated)\"\n  # copy the restrictions of the old key\n}",
        console: "Cloud console → APIs & Services → Credentials → Create credentials → API key → restrict it → switch clients → delete {name}.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients still using the old key fail once it is deleted.",
    permissions: &["apikeys.keys.list"],
    references: &["https://cloud.google.com/docs/authentication/api-keys#securing"],
    cases: &[
        Case::pass(
            "recent",
            r#"{"config": {"created": "2025-12-01T00:00:00Z"}}"#,
        ),
        Case::fail("old", r#"{"config": {"created": "2024-01-01T00:00:00Z"}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
