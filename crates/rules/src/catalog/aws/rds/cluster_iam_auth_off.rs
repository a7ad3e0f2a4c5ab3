use crate::prelude::*;

/// Flags RDS clusters without IAM database authentication.
pub(crate) struct ClusterIamAuthOff;

impl TypedRule for ClusterIamAuthOff {
    type Config = aws::RdsCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::RdsCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.iam_auth_enabled, "iam_auth_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "RDS cluster `{}` does not accept IAM database authentication",
                    r.name
                ),
                "config.iam_auth_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.cluster_iam_auth_off",
    title: "RDS cluster does not accept IAM database authentication",
    severity: Severity::Low,
    severity_rationale: "Password authentication still works; IAM authentication replaces long-lived database \
        passwords with short-lived tokens and central revocation, a hardening step.",
    service: "rds",
    description: "Checks that IAM database authentication is enabled on the DB cluster (MySQL- and \
        PostgreSQL-compatible engines).",
    risk: "Applications keep long-lived database passwords that are hard to rotate and revoke.",
    remediation: Remediation {
        summary: "Enable IAM database authentication and move applications to token-based logins.",
        cli: "aws rds modify-db-cluster --region {region} --db-cluster-identifier {config.identifier} --enable-iam-database-authentication --apply-immediately",
        terraform: "resource \"aws_rds_cluster\" \"{name}\" {\n  # …\n  iam_database_authentication_enabled = true\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Database authentication → Password and IAM database \
            authentication.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds a login method; password logins keep working.",
    permissions: &["rds:DescribeDBClusters"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"identifier": "c", "iam_auth_enabled": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"identifier": "c", "iam_auth_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"identifier": "c"}}"#),
    ],
};
