use crate::prelude::*;

/// Flags Application Gateways with HTTP/2 disabled.
pub(crate) struct AppGatewayHttp2Off;

impl TypedRule for AppGatewayHttp2Off {
    type Config = azure::ApplicationGateway;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::ApplicationGateway,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.http2_enabled, "http2_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Application Gateway `{}` has HTTP/2 disabled", r.name),
                "config.http2_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.app_gateway_http2_off",
    title: "Application Gateway has HTTP/2 disabled",
    severity: Severity::Info,
    severity_rationale: "Protocol hygiene and performance; a small security benefit.",
    service: "network",
    description: "Checks `enableHttp2`. Unset means off.",
    risk: "Clients are held to HTTP/1.1.",
    remediation: Remediation {
        summary: "Enable HTTP/2.",
        cli: "az network application-gateway update --ids {uid} --http2 Enabled",
        terraform: "resource \"azurerm_application_gateway\" \"{name}\" {\n  # …\n  enable_http2 = true\n}",
        console: "Azure portal → Application gateways → {name} → Settings → Configuration → HTTP2: Enabled → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Clients negotiate the protocol; backends keep HTTP/1.1.",
    permissions: &["Microsoft.Network/applicationGateways/read"],
    references: &[
        "https://learn.microsoft.com/azure/application-gateway/configuration-listeners#http2-support",
    ],
    cases: &[
        Case::pass("compliant", r#"{"config": {"http2_enabled": true}}"#),
        Case::fail("non-compliant", r#"{"config": {"http2_enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
