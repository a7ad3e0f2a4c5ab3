use crate::prelude::*;

/// Flags API keys usable from any website, address or app.
pub(crate) struct KeyApplicationUnrestricted;

impl TypedRule for KeyApplicationUnrestricted {
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
        let v = *need(&c.application_restricted, "application_restricted")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("API key `{}` has no application restriction", r.name),
                "config.application_restricted",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.apikeys.key_application_unrestricted",
    title: "API key has no application restriction",
    severity: Severity::Medium,
    severity_rationale: "Without referrer, IP or app restrictions a leaked key works from anywhere.",
    service: "apikeys",
    description: "Checks for an HTTP-referrer, IP-address, Android or iOS restriction on the key.",
    risk: "Anyone who finds the key (in page source, an APK, a repo) can use it from their own systems.",
    remediation: Remediation {
        summary: "Add the application restriction that matches how the key is used.",
        cli: "gcloud services api-keys update {uid} --allowed-referrers=\"https://www.example.com/*\"",
        terraform: "resource \"google_apikeys_key\" \"{name}\" {\n  # …\n  restrictions {\n    browser_key_restrictions {\n      allowed_referrers = [\"https://www.example.com/*\"]\n    }\n  }\n}",
        console: "Cloud console → APIs & Services → Credentials → {name} → Application restrictions → choose a type → add allowed values → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Callers outside the allowed referrers, addresses or apps start failing.",
    permissions: &["apikeys.keys.list"],
    references: &[
        "https://cloud.google.com/docs/authentication/api-keys#adding-application-restrictions",
    ],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"application_restricted": true}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"application_restricted": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
