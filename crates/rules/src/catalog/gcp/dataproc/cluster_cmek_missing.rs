use crate::prelude::*;

/// Flags Dataproc clusters whose disks are not encrypted with a customer-managed key.
pub(crate) struct ClusterCmekMissing;

impl TypedRule for ClusterCmekMissing {
    type Config = gcp::DataprocCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::DataprocCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let k = need(&c.kms_key, "kms_key")?;
        Ok(Verdict::check(!k.is_empty(), || {
            Verdict::fail(
                format!("Dataproc cluster `{}` does not use a CMEK", r.name),
                "config.kms_key",
                json!(k),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.dataproc.cluster_cmek_missing",
    title: "Dataproc cluster is not encrypted with a customer-managed key",
    severity: Severity::Low,
    severity_rationale: "Disks are encrypted either way; CMEK adds key custody and revocation.",
    service: "dataproc",
    description: "Checks `config.encryptionConfig.gcePdKmsKeyName` (or `kmsKey`).",
    risk: "Cluster disks (including intermediate job data) cannot be made unreadable by disabling a key.",
    remediation: Remediation {
        summary: "Recreate the cluster with a Cloud KMS key.",
        cli: "gcloud dataproc clusters create {name} --region={region} --project={account} --gce-pd-kms-key=projects/{account}/locations/{region}/keyRings/<ring>/cryptoKeys/<key>",
        terraform: "resource \"google_dataproc_cluster\" \"{name}\" {\n  # …\n  cluster_config {\n    encryption_config {\n      kms_key_name = google_kms_crypto_key.dataproc.id\n    }\n  }\n}",
        console: "Cloud console → Dataproc → Clusters → Create cluster → Security → Encryption: Customer-managed key → Create; retire {name}.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Encryption cannot be changed on an existing cluster; it must be recreated.",
    permissions: &["dataproc.clusters.get"],
    references: &[
        "https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/customer-managed-encryption",
    ],
    cases: &[
        Case::pass(
            "cmek",
            r#"{"config": {"kms_key": "projects/p/locations/us/keyRings/r/cryptoKeys/k"}}"#,
        ),
        Case::fail("google-managed", r#"{"config": {"kms_key": ""}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
