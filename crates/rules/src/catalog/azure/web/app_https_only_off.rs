use crate::prelude::*;

/// Flags App Service apps that serve plain HTTP.
pub(crate) struct AppHttpsOnlyOff;

impl TypedRule for AppHttpsOnlyOff {
    type Config = azure::WebApp;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        a: &azure::WebApp,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let https = *need(&a.https_only, "https_only")?;
        Ok(Verdict::check(https, || {
            Verdict::fail(
                format!(
                    "App `{}` serves requests over plain HTTP (HTTPS Only is off)",
                    r.name
                ),
                "config.https_only",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.web.app_https_only_off",
    title: "App Service app accepts plain HTTP",
    severity: Severity::Medium,
    severity_rationale: "Users who follow an http:// link send cookies and form data in clear text; exploitation \
        needs a network position.",
    service: "web",
    description: "Checks that 'HTTPS Only' is on, so the app redirects every HTTP request to HTTPS.",
    risk: "Session cookies, credentials and content can be intercepted or altered on untrusted networks.",
    remediation: Remediation {
        summary: "Turn on HTTPS Only.",
        cli: "az webapp update --ids {uid} --https-only true",
        terraform: "resource \"azurerm_linux_web_app\" \"{name}\" {\n  # …\n  https_only = true\n}",
        console: "Azure portal → App Services → {name} → Settings → Configuration → General settings → HTTPS Only: \
            On → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "HTTP requests are redirected to HTTPS, which every browser follows; only non-redirect-aware \
        HTTP clients notice.",
    permissions: &["Microsoft.Web/sites/read"],
    references: &[
        "https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https",
    ],
    cases: &[
        Case::pass("HTTPS only", r#"{"config": {"https_only": true}}"#),
        Case::fail("HTTP allowed", r#"{"config": {"https_only": false}}"#),
        Case::unknown("not observed", r#"{"config": {"min_tls_version": "1.2"}}"#),
    ],
};
