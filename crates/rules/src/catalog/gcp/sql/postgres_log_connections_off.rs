use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `log_connections` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresLogConnectionsOff;

impl TypedRule for PostgresLogConnectionsOff {
    type Config = gcp::SqlInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::SqlInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        sql_flag(
            r,
            c,
            "postgres",
            "log_connections",
            FlagWant::Is("on", false),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_log_connections_off",
    title: "Cloud SQL PostgreSQL does not log connections",
    severity: Severity::Low,
    severity_rationale: "A logging gap that weakens detection and forensics rather than an exposure.",
    service: "sql",
    description: "Checks that `log_connections` is `on` (default off). Applies to PostgreSQL instances only.",
    risk: "Connection attempts, including brute force and logins from unexpected hosts, are not recorded.",
    remediation: Remediation {
        summary: "Set the `log_connections` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=log_connections=on",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"log_connections\"\n      value = \"on\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set log_connections → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/postgres/flags"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_connections": "on"}}}"#,
        ),
        Case::fail(
            "default",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {}}}"#,
        ),
        Case::not_applicable(
            "MySQL instance",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {}}}"#,
        ),
        Case::unknown(
            "flags not observed",
            r#"{"config": {"database_version": "POSTGRES_15"}}"#,
        ),
    ],
};
