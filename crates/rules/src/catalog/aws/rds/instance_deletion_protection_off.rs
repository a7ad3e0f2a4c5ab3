use crate::prelude::*;

/// Flags RDS instances that can be deleted without first lifting deletion protection.
pub(crate) struct InstanceDeletionProtectionOff;

impl TypedRule for InstanceDeletionProtectionOff {
    type Config = aws::RdsDbInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        db: &aws::RdsDbInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if db
            .cluster_identifier
            .as_deref()
            .is_some_and(|c| !c.is_empty())
        {
            return Ok(Verdict::NotApplicable(
                "deletion protection is set on the Aurora cluster".into(),
            ));
        }
        let on = *need(&db.deletion_protection, "deletion_protection")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("RDS instance `{}` has deletion protection off", r.name),
                "config.deletion_protection",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_deletion_protection_off",
    title: "RDS instance deletion protection is off",
    severity: Severity::Low,
    severity_rationale: "Guards against accidents and careless automation, not against a determined attacker \
        who can also lift the protection.",
    service: "rds",
    description: "Checks that deletion protection is enabled on the DB instance. Aurora cluster members are not \
        applicable (the cluster carries the setting).",
    risk: "A mistaken console click, script or `terraform destroy` deletes the database in one call.",
    remediation: Remediation {
        summary: "Enable deletion protection.",
        cli: "aws rds modify-db-instance --region {region} --db-instance-identifier {config.identifier} --deletion-protection --apply-immediately",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  deletion_protection = true\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Deletion protection: enable → Continue → \
            Apply immediately.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "No effect on the running database; only delete calls are refused until it is lifted.",
    permissions: &["rds:DescribeDBInstances"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"identifier": "db1", "deletion_protection": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"identifier": "db1", "deletion_protection": false}}"#,
        ),
        Case::not_applicable(
            "Aurora member",
            r#"{"config": {"identifier": "db1", "cluster_identifier": "aurora-1", "deletion_protection": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"identifier": "db1"}}"#),
    ],
};
