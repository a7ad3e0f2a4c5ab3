use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `contained database authentication` flag of Cloud SQL for SQL Server instances.
pub(crate) struct SqlserverContainedDatabaseAuthenticationOn;

impl TypedRule for SqlserverContainedDatabaseAuthenticationOn {
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
            "contained database authentication",
            FlagWant::Is("off", true),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.sqlserver_contained_database_authentication_on",
    title: "Cloud SQL SQL Server allows contained database authentication",
    severity: Severity::Medium,
    severity_rationale: "Weakens central control of who can log in.",
    service: "sql",
    description: "Checks that `contained database authentication` is off (the default). Applies to SQL Server instances only.",
    risk: "Users defined inside a database authenticate without a server login, outside central login management and auditing.",
    remediation: Remediation {
        summary: "Set the `contained database authentication` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=\"contained database authentication=off\"",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"contained database authentication\"\n      value = \"off\"\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set contained database authentication → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Contained-database users can no longer log in; the instance may restart.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/sqlserver/flags"],
    cases: &[
        Case::pass(
            "default",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {}}}"#,
        ),
        Case::fail(
            "on",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"contained database authentication": "on"}}}"#,
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
