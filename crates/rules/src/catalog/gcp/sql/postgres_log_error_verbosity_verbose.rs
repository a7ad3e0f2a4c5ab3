use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `log_error_verbosity` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresLogErrorVerbosityVerbose;

impl TypedRule for PostgresLogErrorVerbosityVerbose {
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
            "log_error_verbosity",
            FlagWant::UnsetOr(&["default", "terse"]),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_log_error_verbosity_verbose",
    title: "Cloud SQL PostgreSQL log_error_verbosity is VERBOSE",
    severity: Severity::Low,
    severity_rationale: "A logging gap that weakens detection and forensics rather than an exposure.",
    service: "sql",
    description: "Checks that `log_error_verbosity` is `default` (the default) or `terse`. Applies to PostgreSQL instances only.",
    risk: "Verbose error logging writes source locations and extra detail, bloating logs and burying relevant events.",
    remediation: Remediation {
        summary: "Set the `log_error_verbosity` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=log_error_verbosity=default",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"log_error_verbosity\"\n      value = \"default\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set log_error_verbosity → Save.",
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
            "terse",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_error_verbosity": "terse"}}}"#,
        ),
        Case::fail(
            "verbose",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_error_verbosity": "verbose"}}}"#,
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
