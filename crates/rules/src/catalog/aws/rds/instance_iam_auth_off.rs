use crate::prelude::*;

/// Flags MySQL/PostgreSQL-family DB instances without IAM database authentication.
pub(crate) struct InstanceIamAuthOff;

fn supports_iam_auth(engine: &str) -> bool {
    let e = engine.to_ascii_lowercase();
    e.contains("mysql") || e.contains("postgres") || e.contains("mariadb")
}

impl TypedRule for InstanceIamAuthOff {
    type Config = aws::RdsDbInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &aws::RdsDbInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let engine = need(&d.engine, "engine")?;
        if !supports_iam_auth(engine) {
            return Ok(Verdict::NotApplicable(
                "engine does not support IAM database authentication".into(),
            ));
        }
        let on = *need(&d.iam_auth_enabled, "iam_auth_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "RDS instance `{}` ({engine}) accepts only database passwords (IAM authentication off)",
                    r.name
                ),
                "config.iam_auth_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_iam_auth_off",
    title: "RDS instance IAM database authentication is off",
    severity: Severity::Low,
    severity_rationale: "Password authentication is not a vulnerability by itself; IAM authentication removes \
        long-lived database passwords from applications, which is a hardening step.",
    service: "rds",
    description: "For MySQL, MariaDB and PostgreSQL engines (including Aurora), checks that IAM database \
        authentication is enabled. Other engines are not applicable.",
    risk: "Applications keep static database passwords in configuration, where they leak and are rarely \
        rotated; access cannot be revoked centrally through IAM.",
    remediation: Remediation {
        summary: "Enable IAM database authentication and move applications to short-lived auth tokens.",
        cli: "aws rds modify-db-instance --region {region} --db-instance-identifier {config.identifier} --enable-iam-database-authentication --apply-immediately",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  iam_database_authentication_enabled = true\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Database authentication: Password and IAM \
            database authentication → Continue.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds an authentication method; existing password logins keep working.",
    permissions: &["rds:DescribeDBInstances"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
    ],
    cases: &[
        Case::pass(
            "postgres with IAM auth",
            r#"{"config": {"identifier": "db1", "engine": "postgres", "iam_auth_enabled": true}}"#,
        ),
        Case::not_applicable(
            "SQL Server",
            r#"{"config": {"identifier": "db1", "engine": "sqlserver-se", "iam_auth_enabled": false}}"#,
        ),
        Case::fail(
            "mysql without",
            r#"{"config": {"identifier": "db1", "engine": "mysql", "iam_auth_enabled": false}}"#,
        ),
        Case::unknown(
            "engine unknown",
            r#"{"config": {"identifier": "db1", "iam_auth_enabled": false}}"#,
        ),
        Case::unknown(
            "flag not recorded",
            r#"{"config": {"identifier": "db1", "engine": "aurora-postgresql"}}"#,
        ),
    ],
};
