use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `user connections` flag of Cloud SQL for SQL Server instances.
pub(crate) struct SqlserverUserConnectionsLimited;

impl TypedRule for SqlserverUserConnectionsLimited {
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
            "user connections",
            FlagWant::UnsetOr(&["0"]),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.sqlserver_user_connections_limited",
    title: "Cloud SQL SQL Server caps user connections",
    severity: Severity::Low,
    severity_rationale: "Availability risk only.",
    service: "sql",
    description: "Checks that `user connections` is unset or 0 (unlimited, the engine manages it); a fixed cap can be exhausted on purpose. Applies to SQL Server instances only.",
    risk: "A low connection cap lets a misbehaving client or attacker lock everyone else out.",
    remediation: Remediation {
        summary: "Set the `user connections` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=\"user connections=0\"",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"user connections\"\n      value = \"0\"\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set user connections → Save.",
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
            "capped",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {"user connections": "50"}}}"#,
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
