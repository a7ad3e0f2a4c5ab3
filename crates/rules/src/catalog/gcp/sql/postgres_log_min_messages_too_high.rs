use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `log_min_messages` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresLogMinMessagesTooHigh;

impl TypedRule for PostgresLogMinMessagesTooHigh {
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
            "log_min_messages",
            FlagWant::UnsetOr(&[
                "debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning",
            ]),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_log_min_messages_too_high",
    title: "Cloud SQL PostgreSQL log_min_messages hides warnings",
    severity: Severity::Low,
    severity_rationale: "A logging gap that weakens detection and forensics rather than an exposure.",
    service: "sql",
    description: "Checks that `log_min_messages` is `warning` (the default) or more verbose; `error`, `log`, `fatal` and `panic` fail. Applies to PostgreSQL instances only.",
    risk: "Warnings that precede failures or attacks are not logged.",
    remediation: Remediation {
        summary: "Set the `log_min_messages` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=log_min_messages=warning",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"log_min_messages\"\n      value = \"warning\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set log_min_messages → Save.",
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
            "warning",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_min_messages": "warning"}}}"#,
        ),
        Case::fail(
            "error",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_min_messages": "error"}}}"#,
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
