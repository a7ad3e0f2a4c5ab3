use super::super::support::{FlagWant, sql_flag};

use crate::prelude::*;

/// Checks the `cloudsql.enable_pgaudit` flag of Cloud SQL for PostgreSQL instances.
pub(crate) struct PostgresPgauditOff;

impl TypedRule for PostgresPgauditOff {
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
            "cloudsql.enable_pgaudit",
            FlagWant::Is("on", false),
        )
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.postgres_pgaudit_off",
    title: "Cloud SQL PostgreSQL pgAudit is off",
    severity: Severity::Low,
    severity_rationale: "A logging gap that weakens detection and forensics rather than an exposure.",
    service: "sql",
    description: "Checks that `cloudsql.enable_pgaudit` is `on` (then create the extension and set pgaudit.log). Applies to PostgreSQL instances only.",
    risk: "Fine-grained audit records of reads, writes and role changes are unavailable.",
    remediation: Remediation {
        summary: "Set the `cloudsql.enable_pgaudit` database flag as described (keep the other flags: the command replaces the whole list).",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=cloudsql.enable_pgaudit=on",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"cloudsql.enable_pgaudit\"\n      value = \"on\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → set cloudsql.enable_pgaudit → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Flag changes may restart the instance; schedule a maintenance window.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/postgres/flags"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"cloudsql.enable_pgaudit": "on"}}}"#,
        ),
        Case::fail(
            "default",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {}}}"#,
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
