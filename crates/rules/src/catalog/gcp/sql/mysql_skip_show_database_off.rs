use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `skip_show_database` flag of Cloud SQL for MySQL instances.
pub(crate) struct MysqlSkipShowDatabaseOff;

impl TypedRule for MysqlSkipShowDatabaseOff {
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
            "mysql",
            "skip_show_database",
            FlagWant::Is("on", false),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.mysql_skip_show_database_off",
    title: "Cloud SQL MySQL lets every user list all databases (skip_show_database off)",
    severity: Severity::Low,
    severity_rationale: "Information disclosure to users who already have a login.",
    service: "sql",
    description: "Checks that `skip_show_database` is `on`; the MySQL default is off. Applies to MySQL instances only.",
    risk: "Any authenticated user can enumerate database names, which helps an attacker find targets.",
    remediation: Remediation {
        summary: "Set the `skip_show_database` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=skip_show_database=on",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"skip_show_database\"\n      value = \"on\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set skip_show_database → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/mysql/flags"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {"skip_show_database": "on"}}}"#,
        ),
        Case::fail(
            "default",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {}}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {"skip_show_database": "off"}}}"#,
        ),
        Case::not_applicable(
            "PostgreSQL instance",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {}}}"#,
        ),
        Case::unknown(
            "flags not observed",
            r#"{"config": {"database_version": "MYSQL_8_0"}}"#,
        ),
    ],
};
