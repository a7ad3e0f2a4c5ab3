use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `3625` flag of Cloud SQL for SQL Server instances.
pub(crate) struct SqlserverTraceFlag3625Off;

impl TypedRule for SqlserverTraceFlag3625Off {
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
        sql_flag(r, c, "sqlserver", "3625", FlagWant::Is("on", false))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.sqlserver_trace_flag_3625_off",
    title: "Cloud SQL SQL Server error messages are not masked (trace flag 3625 off)",
    severity: Severity::Low,
    severity_rationale: "Information disclosure to authenticated users.",
    service: "sql",
    description: "Checks that trace flag `3625` is on, which limits the detail of error messages shown to non-sysadmin users. Applies to SQL Server instances only.",
    risk: "Detailed error messages reveal metadata (object names, values) to users probing the database.",
    remediation: Remediation {
        summary: "Set the `3625` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=3625=on",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"3625\"\n      value = \"on\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set 3625 → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/sqlserver/flags"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"3625": "on"}}}"#,
        ),
        Case::fail(
            "default",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {}}}"#,
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
