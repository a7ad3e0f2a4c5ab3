use crate::prelude::*;

/// Flags App Service apps without a managed identity.
pub(crate) struct AppManagedIdentityMissing;

impl TypedRule for AppManagedIdentityMissing {
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
        let t = need(&c.identity_type, "identity_type")?;
        let ok = !t.trim().is_empty() && !t.eq_ignore_ascii_case("none");
        Ok(Verdict::check(ok, || {
            Verdict::fail(
                format!("App `{}` has no managed identity", r.name),
                "config.identity_type",
                json!(t),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.web.app_managed_identity_missing",
    title: "App Service app has no managed identity",
    severity: Severity::Low,
    severity_rationale: "Not an exposure in itself; it signals that the app reaches other services with stored secrets.",
    service: "web",
    description: "Checks that a system- or user-assigned managed identity is attached.",
    risk: "Connection strings and keys end up in app settings, where they leak through exports, logs and people with read access.",
    remediation: Remediation {
        summary: "Assign a managed identity and replace stored credentials with RBAC grants to it.",
        cli: "az webapp identity assign --ids {uid}",
        terraform: "resource \"azurerm_linux_web_app\" \"{name}\" {\n  # …\n  identity {\n    type = \"SystemAssigned\"\n  }\n}",
        console: "Azure portal → App Services → {name} → Settings → Identity → System assigned: On → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Creating an identity grants nothing until roles are assigned.",
    permissions: &["Microsoft.Web/sites/read"],
    references: &["https://learn.microsoft.com/azure/app-service/overview-managed-identity"],
    cases: &[
        Case::pass(
            "system assigned",
            r#"{"config": {"identity_type": "SystemAssigned"}}"#,
        ),
        Case::fail("none", r#"{"config": {"identity_type": "None"}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
