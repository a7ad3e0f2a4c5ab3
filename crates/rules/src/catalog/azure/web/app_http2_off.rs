use crate::prelude::*;

/// Flags App Service apps that do not offer HTTP/2.
pub(crate) struct AppHttp2Off;

impl TypedRule for AppHttp2Off {
    type Config = azure::WebApp;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::WebApp,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.http20_enabled, "http20_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("App `{}` does not enable HTTP/2", r.name),
                "config.http20_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.web.app_http2_off",
    title: "App Service app does not enable HTTP/2",
    severity: Severity::Info,
    severity_rationale: "A protocol-hygiene setting with a small security benefit (HTTP/2 requires modern TLS in browsers).",
    service: "web",
    description: "Checks `siteConfig.http20Enabled`.",
    risk: "Clients use HTTP/1.1 only, missing HTTP/2 header compression and multiplexing; older protocol stacks stay in use.",
    remediation: Remediation {
        summary: "Enable HTTP/2.",
        cli: "az webapp config set --ids {uid} --http20-enabled true",
        terraform: "resource \"azurerm_linux_web_app\" \"{name}\" {\n  # …\n  site_config {\n    http2_enabled = true\n  }\n}",
        console: "Azure portal → App Services → {name} → Settings → Configuration → General settings → HTTP version: 2.0 → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Clients negotiate the protocol; HTTP/1.1 keeps working.",
    permissions: &["Microsoft.Web/sites/config/read"],
    references: &["https://learn.microsoft.com/azure/app-service/configure-common"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"http20_enabled": true}}"#),
        Case::fail("non-compliant", r#"{"config": {"http20_enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
