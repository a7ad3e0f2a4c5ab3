use crate::prelude::*;

/// Flags App Service apps that accept TLS 1.0 or 1.1.
pub(crate) struct AppMinTlsBelow12;

/// Whether an App Service TLS version string (`1.0`, `1.1`, `1.2`, `1.3`) is at least 1.2.
fn at_least_1_2(v: &str) -> Option<bool> {
    let (major, minor) = v.trim().split_once('.')?;
    let major: u32 = major.parse().ok()?;
    let minor: u32 = minor.parse().ok()?;
    Some((major, minor) >= (1, 2))
}

impl TypedRule for AppMinTlsBelow12 {
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
        let v = need(&a.min_tls_version, "min_tls_version")?;
        match at_least_1_2(v) {
            Some(true) => Ok(Verdict::Pass),
            Some(false) => Ok(Verdict::fail(
                format!("App `{}` accepts TLS {v} (minimum below 1.2)", r.name),
                "config.min_tls_version",
                json!(v),
            )),
            None => Ok(Verdict::Unknown(
                format!("unrecognized minimum TLS version `{v}`").into(),
            )),
        }
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.web.app_min_tls_below_1_2",
    title: "App Service app accepts TLS versions below 1.2",
    severity: Severity::Medium,
    severity_rationale: "Deprecated protocol versions weaken transport security, but attacks need a network \
        position and an old client.",
    service: "web",
    description: "Checks that the app's minimum inbound TLS version is 1.2 or later.",
    risk: "Clients can negotiate TLS 1.0/1.1 with weak ciphers; the app fails TLS baseline requirements.",
    remediation: Remediation {
        summary: "Set the minimum TLS version to 1.2.",
        cli: "az webapp config set --ids {uid} --min-tls-version 1.2",
        terraform: "resource \"azurerm_linux_web_app\" \"{name}\" {\n  # …\n  site_config {\n    minimum_tls_version = \"1.2\"\n  }\n}",
        console: "Azure portal → App Services → {name} → Settings → Configuration → General settings → Minimum \
            inbound TLS version: 1.2 → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Very old clients (legacy devices, outdated runtimes) that cannot do TLS 1.2 can no longer \
        connect.",
    permissions: &["Microsoft.Web/sites/config/read"],
    references: &["https://learn.microsoft.com/azure/app-service/overview-tls"],
    cases: &[
        Case::pass("1.2", r#"{"config": {"min_tls_version": "1.2"}}"#),
        Case::pass("1.3", r#"{"config": {"min_tls_version": "1.3"}}"#),
        Case::fail("1.0", r#"{"config": {"min_tls_version": "1.0"}}"#),
        Case::fail("1.1", r#"{"config": {"min_tls_version": "1.1"}}"#),
        Case::unknown(
            "garbage value",
            r#"{"config": {"min_tls_version": "TLS-high"}}"#,
        ),
        Case::unknown(
            "site config not read",
            r#"{"config": {}, "gaps": [{"field": "min_tls_version", "api": "Microsoft.Web/sites/config/read", "reason": "denied"}]}"#,
        ),
    ],
};

#[cfg(test)]
mod tests {
    use super::at_least_1_2;

    #[test]
    fn versions() {
        assert_eq!(at_least_1_2("1.2"), Some(true));
        assert_eq!(at_least_1_2("1.10"), Some(true));
        assert_eq!(at_least_1_2("1.1"), Some(false));
        assert_eq!(at_least_1_2("TLS1_2"), None);
    }
}
