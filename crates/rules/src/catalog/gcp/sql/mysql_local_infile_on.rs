use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `local_infile` flag of Cloud SQL for MySQL instances.
pub(crate) struct MysqlLocalInfileOn;

impl TypedRule for MysqlLocalInfileOn {
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
        // MySQL 5.x defaults local_infile to on; 8.0 and later default it to off.
        let legacy = c
            .database_version
            .as_deref()
            .is_some_and(|v| v.starts_with("MYSQL_5"));
        sql_flag(r, c, "mysql", "local_infile", FlagWant::Is("off", !legacy))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.mysql_local_infile_on",
    title: "Cloud SQL MySQL allows LOAD DATA LOCAL (local_infile on)",
    severity: Severity::Medium,
    severity_rationale: "Lets a malicious server or injected SQL read files from client machines; needs a SQL injection or rogue connection.",
    service: "sql",
    description: "Checks that `local_infile` is `off`. An unset flag passes on MySQL 8.0+ (default off) and fails on MySQL 5.x (default on). Applies to MySQL instances only.",
    risk: "SQL injection can be turned into reading arbitrary files from the application host.",
    remediation: Remediation {
        summary: "Set the `local_infile` flag to off (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=local_infile=off",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"local_infile\"\n      value = \"off\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → local_infile: off → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients that bulk-load with LOAD DATA LOCAL INFILE fail.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/mysql/flags"],
    cases: &[
        Case::pass(
            "off",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {"local_infile": "off"}}}"#,
        ),
        Case::pass(
            "MySQL 8 default",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {}}}"#,
        ),
        Case::fail(
            "on",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {"local_infile": "on"}}}"#,
        ),
        Case::fail(
            "MySQL 5.7 default",
            r#"{"config": {"database_version": "MYSQL_5_7", "database_flags": {}}}"#,
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
