use crate::prelude::*;

/// Flags Cloud SQL instances that accept unencrypted connections.
pub(crate) struct InstanceSslNotEnforced;

impl TypedRule for InstanceSslNotEnforced {
    type Config = gcp::SqlInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        db: &gcp::SqlInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        // `sslMode` supersedes the legacy `requireSsl` flag when present.
        if let Some(mode) = db.ssl_mode.as_deref().filter(|m| !m.is_empty()) {
            let ok = mode.eq_ignore_ascii_case("ENCRYPTED_ONLY")
                || mode.eq_ignore_ascii_case("TRUSTED_CLIENT_CERTIFICATE_REQUIRED");
            return Ok(Verdict::check(ok, || {
                Verdict::fail(
                    format!(
                        "Cloud SQL instance `{}` accepts unencrypted connections (sslMode {mode})",
                        r.name
                    ),
                    "config.ssl_mode",
                    json!(mode),
                )
            }));
        }
        let require = *need(&db.require_ssl, "ssl_mode")?;
        Ok(Verdict::check(require, || {
            Verdict::fail(
                format!(
                    "Cloud SQL instance `{}` accepts unencrypted connections (requireSsl false)",
                    r.name
                ),
                "config.require_ssl",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.instance_ssl_not_enforced",
    title: "Cloud SQL instance accepts unencrypted connections",
    severity: Severity::Medium,
    severity_rationale: "Interception needs a network position, but database credentials and query results would \
        travel in clear text.",
    service: "sql",
    description: "Checks that the instance's SSL mode is `ENCRYPTED_ONLY` or \
        `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` (or, for configurations reported only with the legacy flag, that \
        `requireSsl` is true). Connections through the Cloud SQL Auth Proxy are encrypted either way.",
    risk: "Clients that connect directly without TLS expose passwords and data to anyone on the path.",
    remediation: Remediation {
        summary: "Set the SSL mode to ENCRYPTED_ONLY (or require trusted client certificates).",
        cli: "gcloud sql instances patch {name} --project={account} --ssl-mode=ENCRYPTED_ONLY",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    ip_configuration {\n      ssl_mode = \"ENCRYPTED_ONLY\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Connections → Security → SSL mode: 'Allow only SSL connections' → \
            Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Direct clients that connect without TLS are refused; the change may also restart the \
        instance.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/postgres/configure-ssl-instance"],
    cases: &[
        Case::pass(
            "encrypted only",
            r#"{"config": {"ssl_mode": "ENCRYPTED_ONLY"}}"#,
        ),
        Case::pass(
            "client certificates required",
            r#"{"config": {"ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED", "require_ssl": false}}"#,
        ),
        Case::pass("legacy requireSsl", r#"{"config": {"require_ssl": true}}"#),
        Case::fail(
            "unencrypted allowed",
            r#"{"config": {"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "require_ssl": false}}"#,
        ),
        Case::fail(
            "sslMode wins over a stale legacy flag",
            r#"{"config": {"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "require_ssl": true}}"#,
        ),
        Case::fail("legacy flag off", r#"{"config": {"require_ssl": false}}"#),
        Case::unknown(
            "neither setting observed",
            r#"{"config": {"ipv4_enabled": true}}"#,
        ),
    ],
};
