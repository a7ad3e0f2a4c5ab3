use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `log_disconnections` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresLogDisconnectionsOff;

impl TypedRule for PostgresLogDisconnectionsOff {
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
            "log_disconnections",
            FlagWant::Is("on", false),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_log_disconnections_off",
    title: "Cloud SQL PostgreSQL does not log disconnections",
    severity: Severity::Low,
    severity_rationale: "A logging gap that weakens detection and forensics rather than an exposure.",
    service: "sql",
    description: "Checks that `log_disconnections` is `on` (default off). Applies to PostgreSQL instances only.",
    risk: "Session ends and durations are not recorded, making session reconstruction impossible.",
    remediation: Remediation {
        summary: "Set the `log_disconnections` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=log_disconnections=on",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"log_disconnections\"\n      value = \"on\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set log_disconnections → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/postgres/flags"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_disconnections": "on"}}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"log_disconnections": "off"}}}"#,
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
