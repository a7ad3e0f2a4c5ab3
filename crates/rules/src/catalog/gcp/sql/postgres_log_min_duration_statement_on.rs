use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `log_min_duration_statement` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresLogMinDurationStatementOn;

impl TypedRule for PostgresLogMinDurationStatementOn {
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
            "log_min_duration_statement",
            FlagWant::UnsetOr(&["-1"]),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_log_min_duration_statement_on",
    title: "Cloud SQL PostgreSQL logs statement text by duration",
    severity: Severity::Low,
    severity_rationale: "Sensitive data in logs; needs log access to exploit.",
    service: "sql",
    description: "Checks that `log_min_duration_statement` is `-1` (the default, off). Other values log full statements, which may contain sensitive literals. Applies to PostgreSQL instances only.",
    risk: "Query text, including personal data or credentials in literals, ends up in logs readable by a wider audience.",
    remediation: Remediation {
        summary: "Set the `log_min_duration_statement` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=log_min_duration_statement=-1",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"log_min_duration_statement\"\n      value = \"-1\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set log_min_duration_statement → Save.",
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
        Case::pass(
            "off",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_min_duration_statement": "-1"}}}"#,
        ),
        Case::fail(
            "all statements",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_min_duration_statement": "0"}}}"#,
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
