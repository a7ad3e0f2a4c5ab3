use crate::prelude::*;

/// Flags App Service apps that accept plain FTP deployments.
pub(crate) struct AppFtpEnabled;

impl TypedRule for AppFtpEnabled {
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
        let v = need(&c.ftps_state, "ftps_state")?;
        Ok(Verdict::check(
            !v.eq_ignore_ascii_case("allallowed"),
            || {
                Verdict::fail(
                    format!("App `{}` accepts unencrypted FTP (`{v}`)", r.name),
                    "config.ftps_state",
                    json!(v),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.web.app_ftp_enabled",
    title: "App Service app accepts unencrypted FTP",
    severity: Severity::Medium,
    severity_rationale: "Deployment credentials and code travel in clear text; exploitation needs a network observer.",
    service: "web",
    description: "Checks `siteConfig.ftpsState`: `FtpsOnly` and `Disabled` pass, `AllAllowed` fails.",
    risk: "Publishing credentials can be sniffed and used to replace the application code.",
    remediation: Remediation {
        summary: "Disable FTP (or allow FTPS only).",
        cli: "az webapp config set --ids {uid} --ftps-state Disabled",
        terraform: "resource \"azurerm_linux_web_app\" \"{name}\" {\n  # …\n  site_config {\n    ftps_state = \"Disabled\"\n  }\n}",
        console: "Azure portal → App Services → {name} → Settings → Configuration → General settings → FTP state: Disabled → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Deployment pipelines that push over plain FTP stop working.",
    permissions: &["Microsoft.Web/sites/config/read"],
    references: &["https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps"],
    cases: &[
        Case::pass("disabled", r#"{"config": {"ftps_state": "Disabled"}}"#),
        Case::pass("FTPS only", r#"{"config": {"ftps_state": "FtpsOnly"}}"#),
        Case::fail("all allowed", r#"{"config": {"ftps_state": "AllAllowed"}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
