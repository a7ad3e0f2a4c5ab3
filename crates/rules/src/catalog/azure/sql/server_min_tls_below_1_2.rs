use crate::prelude::*;

/// Flags Azure SQL servers that accept TLS below 1.2.
pub(crate) struct ServerMinTlsBelow12;

impl TypedRule for ServerMinTlsBelow12 {
    type Config = azure::SqlServer;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::SqlServer,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = need(&c.minimal_tls_version, "minimal_tls_version")?;
        let ok = matches!(v.trim(), "1.2" | "1.3");
        Ok(Verdict::check(ok, || {
            Verdict::fail(
                format!(
                    "SQL server `{}` accepts TLS below 1.2 (minimum `{v}`)",
                    r.name
                ),
                "config.minimal_tls_version",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.sql.server_min_tls_below_1_2",
    title: "Azure SQL server accepts TLS versions below 1.2",
    severity: Severity::Medium,
    severity_rationale: "TLS 1.0/1.1 have known weaknesses; exploiting them needs a network position between client and server.",
    service: "sql",
    description: "Checks `minimalTlsVersion` is 1.2 or 1.3; `None`, 1.0 and 1.1 fail.",
    risk: "Connections can be downgraded to deprecated protocol versions.",
    remediation: Remediation {
        summary: "Set the minimum TLS version to 1.2.",
        cli: "az sql server update --ids {uid} --minimal-tls-version 1.2",
        terraform: "resource \"azurerm_mssql_server\" \"{name}\" {\n  # …\n  minimum_tls_version = \"1.2\"\n}",
        console: "Azure portal → SQL servers → {name} → Security → Networking → Connectivity → Minimum TLS version: 1.2 → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Old drivers that only speak TLS 1.0/1.1 can no longer connect.",
    permissions: &["Microsoft.Sql/servers/read"],
    references: &[
        "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimal-tls-version",
    ],
    cases: &[
        Case::pass("1.2", r#"{"config": {"minimal_tls_version": "1.2"}}"#),
        Case::fail("1.0", r#"{"config": {"minimal_tls_version": "1.0"}}"#),
        Case::fail(
            "None (any)",
            r#"{"config": {"minimal_tls_version": "None"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
