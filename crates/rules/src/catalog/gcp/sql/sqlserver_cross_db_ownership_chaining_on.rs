use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `cross db ownership chaining` flag of Cloud SQL for SQL Server instances.
pub(crate) struct SqlserverCrossDbOwnershipChainingOn;

impl TypedRule for SqlserverCrossDbOwnershipChainingOn {
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
            "cross db ownership chaining",
            FlagWant::Is("off", true),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.sqlserver_cross_db_ownership_chaining_on",
    title: "Cloud SQL SQL Server allows cross-database ownership chaining",
    severity: Severity::Medium,
    severity_rationale: "Privilege escalation across databases for users who already have access to one.",
    service: "sql",
    description: "Checks that `cross db ownership chaining` is off (the default). Applies to SQL Server instances only.",
    risk: "Users of one database can reach objects in another through ownership chains, bypassing permission checks.",
    remediation: Remediation {
        summary: "Set the `cross db ownership chaining` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=\"cross db ownership chaining=off\"",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"cross db ownership chaining\"\n      value = \"off\"\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set cross db ownership chaining → Save.",
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
        Case::pass(
            "off",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"cross db ownership chaining": "off"}}}"#,
        ),
        Case::fail(
            "on",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"cross db ownership chaining": "on"}}}"#,
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
