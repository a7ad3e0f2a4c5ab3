use crate::prelude::*;

/// Tag keys and values that mark production.
const ENV_KEYS: &[&str] = &["env", "environment", "stage"];
const PROD_VALUES: &[&str] = &["prod", "production", "prd"];

/// Flags production-tagged DB instances that run in a single Availability Zone.
pub(crate) struct InstanceMultiAzOffProduction;

fn production_tag(r: &Resource) -> Option<(&str, &str)> {
    r.tags.iter().find_map(|(k, v)| {
        (ENV_KEYS.iter().any(|e| k.eq_ignore_ascii_case(e))
            && PROD_VALUES.iter().any(|p| v.eq_ignore_ascii_case(p)))
        .then_some((k.as_str(), v.as_str()))
    })
}

impl TypedRule for InstanceMultiAzOffProduction {
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
        let Some((k, v)) = production_tag(r) else {
            return Ok(Verdict::NotApplicable("not tagged as production".into()));
        };
        if d.cluster_identifier
            .as_deref()
            .is_some_and(|c| !c.is_empty())
        {
            return Ok(Verdict::NotApplicable(
                "Aurora cluster member: availability is set on the cluster".into(),
            ));
        }
        let multi = *need(&d.multi_az, "multi_az")?;
        Ok(Verdict::check(multi, || {
            Verdict::fail(
                format!(
                    "RDS instance `{}` is tagged {k}={v} but runs in a single Availability Zone",
                    r.name
                ),
                "config.multi_az",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_multi_az_off_production",
    title: "Production RDS instance is not Multi-AZ",
    severity: Severity::Medium,
    severity_rationale: "An availability risk rather than a confidentiality one: an AZ outage or instance failure \
        takes the production database down until it is restored.",
    service: "rds",
    description: "For DB instances tagged as production (`env`, `environment` or `stage` = `prod`, `production` \
        or `prd`, any case), checks that Multi-AZ is on. Untagged or non-production instances and Aurora cluster \
        members (whose replicas are managed by the cluster) are not applicable.",
    risk: "Hardware failure, AZ disruption or maintenance causes an outage measured in tens of minutes or a \
        restore from backup, with data loss since the last backup.",
    remediation: Remediation {
        summary: "Convert the instance to a Multi-AZ deployment.",
        cli: "aws rds modify-db-instance --region {region} --db-instance-identifier {config.identifier} --multi-az --apply-immediately",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  multi_az = true\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Availability & durability: Create a \
            standby instance → Continue → Apply immediately (or in the maintenance window).",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Doubles instance cost and briefly affects performance while the standby is created.",
    permissions: &["rds:DescribeDBInstances", "rds:ListTagsForResource"],
    references: &["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html"],
    cases: &[
        Case::pass(
            "production and Multi-AZ",
            r#"{"tags": {"env": "prod"}, "config": {"identifier": "db1", "multi_az": true}}"#,
        ),
        Case::not_applicable(
            "dev instance in one AZ",
            r#"{"tags": {"env": "dev"}, "config": {"identifier": "db1", "multi_az": false}}"#,
        ),
        Case::not_applicable(
            "untagged",
            r#"{"config": {"identifier": "db1", "multi_az": false}}"#,
        ),
        Case::not_applicable(
            "Aurora member",
            r#"{"tags": {"env": "prod"}, "config": {"identifier": "db1", "multi_az": false, "cluster_identifier": "aurora-1"}}"#,
        ),
        Case::fail(
            "production in one AZ",
            r#"{"tags": {"Environment": "Production"}, "config": {"identifier": "db1", "multi_az": false}}"#,
        ),
        Case::unknown(
            "flag not recorded",
            r#"{"tags": {"env": "prod"}, "config": {"identifier": "db1"}}"#,
        ),
    ],
};
