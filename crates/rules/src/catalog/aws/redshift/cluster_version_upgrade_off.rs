use crate::prelude::*;

/// Flags Redshift clusters that refuse engine version upgrades.
pub(crate) struct ClusterVersionUpgradeOff;

impl TypedRule for ClusterVersionUpgradeOff {
    type Config = aws::RedshiftCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::RedshiftCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.allow_version_upgrade, "allow_version_upgrade")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "Redshift cluster `{}` does not take engine upgrades in its maintenance window",
                    r.name
                ),
                "config.allow_version_upgrade",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.redshift.cluster_version_upgrade_off",
    title: "Redshift cluster does not take engine version upgrades",
    severity: Severity::Low,
    severity_rationale: "Refusing upgrades delays security fixes in the engine; exploitation still needs access to \
        the cluster.",
    service: "redshift",
    description: "Checks that `AllowVersionUpgrade` is on, so engine upgrades (including security fixes) are applied \
        during the maintenance window.",
    risk: "Known engine vulnerabilities stay unpatched on the warehouse.",
    remediation: Remediation {
        summary: "Allow version upgrades in the maintenance window.",
        cli: "aws redshift modify-cluster --region {region} --cluster-identifier {config.cluster_identifier} --allow-version-upgrade",
        terraform: "resource \"aws_redshift_cluster\" \"{name}\" {\n  # …\n  allow_version_upgrade = true\n}",
        console: "Redshift console → Clusters → {config.cluster_identifier} → Maintenance → Edit → Allow version upgrade.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Upgrades happen only in the maintenance window you chose; the setting itself changes nothing immediately.",
    permissions: &["redshift:DescribeClusters"],
    references: &[
        "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-considerations.html",
    ],
    cases: &[
        Case::pass(
            "allowed",
            r#"{"config": {"cluster_identifier": "c", "allow_version_upgrade": true}}"#,
        ),
        Case::fail(
            "refused",
            r#"{"config": {"cluster_identifier": "c", "allow_version_upgrade": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"cluster_identifier": "c"}}"#),
    ],
};
