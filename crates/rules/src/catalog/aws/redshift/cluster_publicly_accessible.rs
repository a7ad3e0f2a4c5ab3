use crate::prelude::*;

/// Flags Redshift clusters reachable from the internet.
pub(crate) struct ClusterPubliclyAccessible;

impl TypedRule for ClusterPubliclyAccessible {
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
        let v = *need(&c.publicly_accessible, "publicly_accessible")?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!("Redshift cluster `{}` is publicly accessible", r.name),
                "config.publicly_accessible",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.redshift.cluster_publicly_accessible",
    title: "Redshift cluster is publicly accessible",
    severity: Severity::High,
    severity_rationale: "A public address makes the database port reachable from the internet wherever security \
        groups allow it; only credentials stand between attackers and the warehouse.",
    service: "redshift",
    description: "Checks the cluster's `PubliclyAccessible` flag (a public IP and a publicly resolvable endpoint).",
    risk: "Password spraying and exploits against the database endpoint from anywhere; data exfiltration with one \
        leaked credential.",
    remediation: Remediation {
        summary: "Turn public accessibility off and reach the cluster through the VPC (VPN, bastion, private link).",
        cli: "aws redshift modify-cluster --region {region} --cluster-identifier {config.cluster_identifier} --no-publicly-accessible",
        terraform: "resource \"aws_redshift_cluster\" \"{name}\" {\n  # …\n  publicly_accessible = false\n}",
        console: "Redshift console → Clusters → {config.cluster_identifier} → Actions → Modify publicly accessible setting → Off.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "BI tools and clients connecting over the internet lose access.",
    permissions: &["redshift:DescribeClusters"],
    references: &["https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html"],
    cases: &[
        Case::pass(
            "private",
            r#"{"config": {"cluster_identifier": "c", "publicly_accessible": false}}"#,
        ),
        Case::fail(
            "public",
            r#"{"config": {"cluster_identifier": "c", "publicly_accessible": true}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"cluster_identifier": "c"}}"#),
    ],
};
