use crate::prelude::*;

/// Flags RDS clusters without deletion protection.
pub(crate) struct ClusterDeletionProtectionOff;

impl TypedRule for ClusterDeletionProtectionOff {
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
        let v = *need(&c.deletion_protection, "deletion_protection")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("RDS cluster `{}` has deletion protection off", r.name),
                "config.deletion_protection",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.cluster_deletion_protection_off",
    title: "RDS cluster deletion protection is off",
    severity: Severity::Low,
    severity_rationale: "Deletion protection guards against mistakes and careless automation; a final snapshot may \
        still exist, but restoring it means downtime and data loss since the snapshot.",
    service: "rds",
    description: "Checks that deletion protection is enabled on the DB cluster.",
    risk: "A wrong command or `terraform destroy` deletes the production database.",
    remediation: Remediation {
        summary: "Turn on deletion protection.",
        cli: "aws rds modify-db-cluster --region {region} --db-cluster-identifier {config.identifier} --deletion-protection --apply-immediately",
        terraform: "resource \"aws_rds_cluster\" \"{name}\" {\n  # …\n  deletion_protection = true\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Deletion protection → on → Apply immediately.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only blocks deletion; no restart.",
    permissions: &["rds:DescribeDBClusters"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"identifier": "c", "deletion_protection": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"identifier": "c", "deletion_protection": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"identifier": "c"}}"#),
    ],
};
