use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `external scripts enabled` flag of Cloud SQL for SQL Server instances.
pub(crate) struct SqlserverExternalScriptsEnabled;

impl TypedRule for SqlserverExternalScriptsEnabled {
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
            "sqlserver",
            "external scripts enabled",
            FlagWant::Is("off", true),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.sqlserver_external_scripts_enabled",
    title: "Cloud SQL SQL Server allows external scripts",
    severity: Severity::Medium,
    severity_rationale: "Extends code execution from the database engine; needs database access.",
    service: "sql",
    description: "Checks that `external scripts enabled` is off (the default). Applies to SQL Server instances only.",
    risk: "R/Python scripts run from T-SQL extend what SQL injection or a rogue user can execute.",
    remediation: Remediation {
        summary: "Set the `external scripts enabled` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=\"external scripts enabled=off\"",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"external scripts enabled\"\n      value = \"off\"\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set external scripts enabled → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/sqlserver/flags"],
    cases: &[
        Case::pass(
            "default",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {}}}"#,
        ),
        Case::fail(
            "on",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"external scripts enabled": "on"}}}"#,
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
