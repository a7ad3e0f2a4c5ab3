use crate::prelude::*;

/// Flags App Service apps with remote debugging turned on.
pub(crate) struct AppRemoteDebuggingEnabled;

impl TypedRule for AppRemoteDebuggingEnabled {
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
        let v = *need(&c.remote_debugging_enabled, "remote_debugging_enabled")?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!("App `{}` has remote debugging enabled", r.name),
                "config.remote_debugging_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.web.app_remote_debugging_enabled",
    title: "App Service app has remote debugging enabled",
    severity: Severity::Medium,
    severity_rationale: "Opens extra ports and a debugging channel into production code; usually forgotten after a session.",
    service: "web",
    description: "Checks `siteConfig.remoteDebuggingEnabled` is false.",
    risk: "An attacker with publishing credentials can attach a debugger, read memory (secrets) and alter execution.",
    remediation: Remediation {
        summary: "Turn remote debugging off.",
        cli: "az webapp config set --ids {uid} --remote-debugging-enabled false",
        terraform: "resource \"azurerm_windows_web_app\" \"{name}\" {\n  # …\n  site_config {\n    remote_debugging_enabled = false\n  }\n}",
        console: "Azure portal → App Services → {name} → Settings → Configuration → General settings → Remote debugging: Off → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only interrupts an active debugging session.",
    permissions: &["Microsoft.Web/sites/config/read"],
    references: &["https://learn.microsoft.com/azure/app-service/overview-security"],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"remote_debugging_enabled": false}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"remote_debugging_enabled": true}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
