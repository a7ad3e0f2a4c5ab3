use crate::prelude::*;

/// Flags DB instances that do not take minor engine upgrades automatically.
pub(crate) struct InstanceAutoMinorUpgradeOff;

impl TypedRule for InstanceAutoMinorUpgradeOff {
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
        let on = *need(&d.auto_minor_version_upgrade, "auto_minor_version_upgrade")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "RDS instance `{}` does not apply minor engine upgrades automatically",
                    r.name
                ),
                "config.auto_minor_version_upgrade",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_auto_minor_upgrade_off",
    title: "RDS instance automatic minor version upgrade is off",
    severity: Severity::Low,
    severity_rationale: "Minor releases carry security fixes; without automatic upgrades they wait for someone to \
        remember. Low because the database is usually not directly reachable.",
    service: "rds",
    description: "Checks the instance's `AutoMinorVersionUpgrade` setting. With it on, RDS applies new minor \
        versions during the maintenance window.",
    risk: "Known vulnerabilities and data-corruption bugs fixed upstream stay present for months.",
    remediation: Remediation {
        summary: "Turn on automatic minor version upgrades (they run in the maintenance window).",
        cli: "aws rds modify-db-instance --region {region} --db-instance-identifier {config.identifier} --auto-minor-version-upgrade --apply-immediately",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  auto_minor_version_upgrade = true\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Maintenance: enable auto minor version \
            upgrade → Continue → Apply immediately.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Upgrades restart the engine during the maintenance window; applications must tolerate a \
        short outage.",
    permissions: &["rds:DescribeDBInstances"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Minor.html",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"identifier": "db1", "auto_minor_version_upgrade": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"identifier": "db1", "auto_minor_version_upgrade": false}}"#,
        ),
        Case::unknown("not recorded", r#"{"config": {"identifier": "db1"}}"#),
    ],
};
