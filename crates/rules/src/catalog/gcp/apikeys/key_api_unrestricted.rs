use crate::prelude::*;

/// Flags API keys that may call any enabled API.
pub(crate) struct KeyApiUnrestricted;

impl TypedRule for KeyApiUnrestricted {
    type Config = gcp::ApiKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::ApiKey,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let t = need(&c.api_targets, "api_targets")?;
        Ok(Verdict::check(!t.is_empty(), || {
            Verdict::fail(
                format!("API key `{}` is not restricted to specific APIs", r.name),
                "config.api_targets",
                json!(t),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.apikeys.key_api_unrestricted",
    title: "API key is not restricted to specific APIs",
    severity: Severity::Medium,
    severity_rationale: "API keys are embedded in apps and web pages and leak easily; without API restrictions a leaked key works against every enabled API and bills you.",
    service: "apikeys",
    description: "Checks that the key lists API targets (`restrictions.apiTargets`).",
    risk: "A leaked key can be used against any API enabled in the project, with cost and quota impact.",
    remediation: Remediation {
        summary: "Restrict the key to the APIs it is meant for.",
        cli: "gcloud services api-keys update {uid} --api-target=service=<api>.googleapis.com",
        terraform: "resource \"google_apikeys_key\" \"{name}\" {\n  # …\n  restrictions {\n    api_targets {\n      service = \"<api>.googleapis.com\"\n    }\n  }\n}",
        console: "Cloud console → APIs & Services → Credentials → {name} → API restrictions → Restrict key → choose APIs → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Callers using the key for other APIs start failing.",
    permissions: &["apikeys.keys.list"],
    references: &["https://cloud.google.com/docs/authentication/api-keys#api_key_restrictions"],
    cases: &[
        Case::pass(
            "one API",
            r#"{"config": {"api_targets": ["translate.googleapis.com"]}}"#,
        ),
        Case::fail("any API", r#"{"config": {"api_targets": []}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
