use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `user options` flag of Cloud SQL for SQL Server instances.
pub(crate) struct SqlserverUserOptionsSet;

impl TypedRule for SqlserverUserOptionsSet {
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
        sql_flag(r, c, "sqlserver", "user options", FlagWant::Unset)
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.sqlserver_user_options_set",
    title: "Cloud SQL SQL Server overrides default user options",
    severity: Severity::Low,
    severity_rationale: "A hardening baseline item with indirect security effect.",
    service: "sql",
    description: "Checks that the `user options` flag is not set, so sessions keep the engine's defaults. Applies to SQL Server instances only.",
    risk: "Global session options can silently change query semantics (for example ANSI settings) for every user.",
    remediation: Remediation {
        summary: "Set the `user options` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=\"user options=\"",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"user options\"\n      value = \"\"\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set user options → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/sqlserver/flags"],
    cases: &[
        Case::pass(
            "unset",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {}}}"#,
        ),
        Case::fail(
            "set",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"user options": "16"}}}"#,
        ),
        Case::not_applicable(
            "PostgreSQL instance",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {}}}"#,
        ),
        Case::unknown(
            "flags not observed",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD"}}"#,
        ),
    ],
};
