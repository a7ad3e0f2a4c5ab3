use crate::prelude::*;

/// Flags external HTTP(S) load balancer backend services without request logging.
pub(crate) struct BackendServiceLoggingOff;

impl TypedRule for BackendServiceLoggingOff {
    type Config = gcp::BackendService;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::BackendService,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let scheme = need(&c.load_balancing_scheme, "load_balancing_scheme")?;
        let proto = need(&c.protocol, "protocol")?;
        let external = scheme.to_ascii_uppercase().starts_with("EXTERNAL");
        let http = matches!(
            proto.to_ascii_uppercase().as_str(),
            "HTTP" | "HTTPS" | "HTTP2"
        );
        if !(external && http) {
            return Ok(Verdict::NotApplicable(
                format!("not an external HTTP(S) backend ({scheme}, {proto})").into(),
            ));
        }
        let v = *need(&c.logging_enabled, "logging_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "Backend service `{}` of an external HTTP(S) load balancer does not log requests",
                    r.name
                ),
                "config.logging_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.backend_service_logging_off",
    title: "External HTTP(S) load balancer backend does not log requests",
    severity: Severity::Low,
    severity_rationale: "A visibility gap at the internet edge: attacks against the application are not recorded.",
    service: "compute",
    description: "For backend services of external HTTP(S) load balancers, checks `logConfig.enable`.",
    risk: "Probing, exploitation attempts and abuse through the load balancer cannot be detected or investigated.",
    remediation: Remediation {
        summary: "Enable logging on the backend service.",
        cli: "gcloud compute backend-services update {name} --global --project={account} --enable-logging --logging-sample-rate=1.0",
        terraform: "resource \"google_compute_backend_service\" \"{name}\" {\n  # …\n  log_config {\n    enable      = true\n    sample_rate = 1.0\n  }\n}",
        console: "Cloud console → Network services → Load balancing → the load balancer → Edit → Backend configuration → {name} → Logging: Enable → Update.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds logging cost.",
    permissions: &["compute.backendServices.get"],
    references: &["https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring"],
    cases: &[
        Case::pass(
            "logging on",
            r#"{"config": {"load_balancing_scheme": "EXTERNAL_MANAGED", "protocol": "HTTPS", "logging_enabled": true}}"#,
        ),
        Case::fail(
            "logging off",
            r#"{"config": {"load_balancing_scheme": "EXTERNAL", "protocol": "HTTP", "logging_enabled": false}}"#,
        ),
        Case::not_applicable(
            "internal",
            r#"{"config": {"load_balancing_scheme": "INTERNAL_MANAGED", "protocol": "HTTP", "logging_enabled": false}}"#,
        ),
        Case::not_applicable(
            "TCP proxy",
            r#"{"config": {"load_balancing_scheme": "EXTERNAL", "protocol": "TCP", "logging_enabled": false}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"load_balancing_scheme": "EXTERNAL", "protocol": "HTTPS"}}"#,
        ),
    ],
};
