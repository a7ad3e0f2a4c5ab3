use crate::prelude::*;

/// Flags Cloud SQL PostgreSQL and MySQL instances without IAM database authentication.
pub(crate) struct InstanceIamAuthenticationOff;

impl TypedRule for InstanceIamAuthenticationOff {
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
        let engine = {
            need(&c.database_version, "database_version")?;
            c.engine()
        };
        let flag = match engine {
            "postgres" => "cloudsql.iam_authentication",
            "mysql" => "cloudsql_iam_authentication",
            _ => {
                return Ok(Verdict::NotApplicable(
                    "IAM database authentication exists for PostgreSQL and MySQL only".into(),
                ));
            }
        };
        let flags = need(&c.database_flags, "database_flags")?;
        let on = flags
            .get(flag)
            .is_some_and(|v| v.eq_ignore_ascii_case("on"));
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Cloud SQL instance `{}` does not allow IAM database authentication (`{flag}` not on)",
                    r.name
                ),
                &format!("config.database_flags.{flag}"),
                json!(flags.get(flag)),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.instance_iam_authentication_off",
    title: "Cloud SQL instance does not allow IAM database authentication",
    severity: Severity::Low,
    severity_rationale: "Built-in users with passwords still work; IAM authentication adds central identity, short-lived tokens and audit.",
    service: "sql",
    description: "Checks the `cloudsql.iam_authentication` (PostgreSQL) or `cloudsql_iam_authentication` (MySQL) flag.",
    risk: "Database access relies on static passwords that are shared, rarely rotated and survive people leaving.",
    remediation: Remediation {
        summary: "Turn on the IAM authentication flag and add IAM users/service accounts as database users.",
        cli: "gcloud sql instances patch {name} --project={account} --database-flags=cloudsql.iam_authentication=on",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    database_flags {\n      name  = \"cloudsql.iam_authentication\"\n      value = \"on\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Flags → cloudsql.iam_authentication: on → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds a login method; existing users keep working (the flag may need a restart on some versions).",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/postgres/iam-authentication"],
    cases: &[
        Case::pass(
            "postgres on",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {"cloudsql.iam_authentication": "on"}}}"#,
        ),
        Case::pass(
            "mysql on",
            r#"{"config": {"database_version": "MYSQL_8_0", "database_flags": {"cloudsql_iam_authentication": "on"}}}"#,
        ),
        Case::fail(
            "not set",
            r#"{"config": {"database_version": "POSTGRES_15", "database_flags": {}}}"#,
        ),
        Case::not_applicable(
            "SQL Server",
            r#"{"config": {"database_version": "SQLSERVER_2019_STANDARD", "database_flags": {}}}"#,
        ),
        Case::unknown(
            "flags not observed",
            r#"{"config": {"database_version": "POSTGRES_15"}}"#,
        ),
    ],
};
