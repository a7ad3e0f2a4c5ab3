use crate::prelude::*;

/// Flags EKS clusters without KMS envelope encryption of Kubernetes secrets.
pub(crate) struct ClusterSecretsNotEncrypted;

impl TypedRule for ClusterSecretsNotEncrypted {
    type Config = aws::EksCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::EksCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&c.secrets_encrypted, "secrets_encrypted")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "EKS cluster `{}` does not envelope-encrypt Kubernetes secrets with KMS",
                    r.name
                ),
                "config.secrets_encrypted",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.eks.cluster_secrets_not_encrypted",
    title: "EKS cluster secrets are not envelope-encrypted with KMS",
    severity: Severity::Medium,
    severity_rationale: "etcd volumes are encrypted by AWS anyway; envelope encryption adds a key you control so that \
        access to etcd data alone does not reveal secrets.",
    service: "eks",
    description: "Checks that the cluster's encryption configuration covers the `secrets` resource with a KMS key.",
    risk: "Kubernetes secrets (database passwords, tokens) are protected only by the control plane's disk encryption, \
        with no customer-controlled key to audit or revoke.",
    remediation: Remediation {
        summary: "Associate a KMS key for secrets encryption (cannot be removed afterwards).",
        cli: "aws eks associate-encryption-config --region {region} --cluster-name {config.name} \\\n  --encryption-config '[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"arn:aws:kms:{region}:{account}:key/<key-id>\"}}]'",
        terraform: "resource \"aws_eks_cluster\" \"{name}\" {\n  # …\n  encryption_config {\n    resources = [\"secrets\"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n}",
        console: "EKS console → Clusters → {config.name} → Overview → Secrets encryption → Enable → choose the KMS key.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Irreversible; if the key is later disabled or its policy broken, the cluster cannot read its secrets.",
    permissions: &["eks:DescribeCluster"],
    references: &["https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html"],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"name": "c", "secrets_encrypted": true}}"#,
        ),
        Case::fail(
            "not encrypted",
            r#"{"config": {"name": "c", "secrets_encrypted": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"name": "c"}}"#),
    ],
};
