use crate::prelude::*;

/// Flags Redshift clusters not encrypted at rest.
pub(crate) struct ClusterUnencrypted;

impl TypedRule for ClusterUnencrypted {
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
        let v = *need(&c.encrypted, "encrypted")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Redshift cluster `{}` is not encrypted at rest", r.name),
                "config.encrypted",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.redshift.cluster_unencrypted",
    title: "Redshift cluster is not encrypted at rest",
    severity: Severity::High,
    severity_rationale: "A data warehouse concentrates the organization's data; unencrypted storage and snapshots fail \
        regulatory requirements and offer no key-based control over copies.",
    service: "redshift",
    description: "Checks that the cluster's storage (and therefore its snapshots) is encrypted with KMS.",
    risk: "Warehouse data, backups and snapshot copies are stored unencrypted; access cannot be revoked through a key.",
    remediation: Remediation {
        summary: "Enable encryption (Redshift migrates the data to an encrypted cluster in place).",
        cli: "aws redshift modify-cluster --region {region} --cluster-identifier {config.cluster_identifier} --encrypted --kms-key-id alias/aws/redshift",
        terraform: "resource \"aws_redshift_cluster\" \"{name}\" {\n  # …\n  encrypted  = true\n  kms_key_id = aws_kms_key.redshift.arn\n}",
        console: "Redshift console → Clusters → {config.cluster_identifier} → Properties → Database configurations → Edit \
            encryption → KMS.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The migration makes the cluster read-only for its duration (hours for large clusters); schedule it.",
    permissions: &["redshift:DescribeClusters"],
    references: &[
        "https://docs.aws.amazon.com/redshift/latest/mgmt/changing-cluster-encryption.html",
    ],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"cluster_identifier": "c", "encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted",
            r#"{"config": {"cluster_identifier": "c", "encrypted": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"cluster_identifier": "c"}}"#),
    ],
};
