use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `log_min_error_statement` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresLogMinErrorStatementTooHigh;

impl TypedRule for PostgresLogMinErrorStatementTooHigh {
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
            "log_min_error_statement",
            FlagWant::UnsetOr(&[
                "debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning",
                "error",
            ]),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_log_min_error_statement_too_high",
    title: "Cloud SQL PostgreSQL does not log statements that cause errors",
    severity: Severity::Low,
    severity_rationale: "A logging gap that weakens detection and forensics rather than an exposure.",
    service: "sql",
    description: "Checks that `log_min_error_statement` is `error` (the default) or more verbose; `log`, `fatal` and `panic` fail. Applies to PostgreSQL instances only.",
    risk: "The SQL text behind errors (for example failed injection attempts) is not logged.",
    remediation: Remediation {
        summary: "Set the `log_min_error_statement` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=log_min_error_statement=error",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"log_min_error_statement\"\n      value = \"error\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set log_min_error_statement → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/postgres/flags"],
    cases: &[
        Case::pass(
            "default",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {}}}"#,
        ),
        Case::fail(
            "panic",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_min_error_statement": "panic"}}}"#,
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
