use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `log_statement` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresLogStatementNone;

impl TypedRule for PostgresLogStatementNone {
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
            "log_statement",
            FlagWant::OneOf(&["ddl", "mod", "all"]),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_log_statement_none",
    title: "Cloud SQL PostgreSQL does not log DDL statements",
    severity: Severity::Low,
    severity_rationale: "A logging gap that weakens detection and forensics rather than an exposure.",
    service: "sql",
    description: "Checks that `log_statement` is `ddl` (recommended), `mod` or `all`; the default `none` fails. Applies to PostgreSQL instances only.",
    risk: "Schema changes (dropped tables, new roles) leave no trace in the logs.",
    remediation: Remediation {
        summary: "Set the `log_statement` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=log_statement=ddl",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"log_statement\"\n      value = \"ddl\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set log_statement → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/postgres/flags"],
    cases: &[
        Case::pass(
            "ddl",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_statement": "ddl"}}}"#,
        ),
        Case::fail(
            "default none",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {}}}"#,
        ),
        Case::fail(
            "none",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_statement": "none"}}}"#,
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
