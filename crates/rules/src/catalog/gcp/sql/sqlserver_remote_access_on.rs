use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `remote access` flag of Cloud SQL for SQL Server instances.
pub(crate) struct SqlserverRemoteAccessOn;

impl TypedRule for SqlserverRemoteAccessOn {
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
            "remote access",
            FlagWant::Is("off", false),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.sqlserver_remote_access_on",
    title: "Cloud SQL SQL Server allows remote access (remote procedure calls)",
    severity: Severity::Medium,
    severity_rationale: "Extends an attacker's reach between servers once one login is compromised.",
    service: "sql",
    description: "Checks that `remote access` is off; the engine default is on, so an unset flag fails. Applies to SQL Server instances only.",
    risk: "Stored procedures can be run from and against other servers, widening the reach of a compromised login.",
    remediation: Remediation {
        summary: "Set the `remote access` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=\"remote access=off\"",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"remote access\"\n      value = \"off\"\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set remote access → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Linked-server and remote procedure call setups stop working; the instance may restart.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/sqlserver/flags"],
    cases: &[
        Case::pass(
            "off",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"remote access": "off"}}}"#,
        ),
        Case::fail(
            "default on",
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
