use crate::prelude::*;

/// Flags BigQuery datasets without a default customer-managed key.
pub(crate) struct DatasetDefaultCmekMissing;

impl TypedRule for DatasetDefaultCmekMissing {
    type Config = gcp::BigQueryDataset;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::BigQueryDataset,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let k = need(&c.default_kms_key, "default_kms_key")?;
        Ok(Verdict::check(!k.is_empty(), || {
            Verdict::fail(
                format!("BigQuery dataset `{}` has no default CMEK", r.name),
                "config.default_kms_key",
                json!(k),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.bigquery.dataset_default_cmek_missing",
    title: "BigQuery dataset has no default customer-managed key",
    severity: Severity::Low,
    severity_rationale: "Data is encrypted either way; CMEK adds key custody and the ability to revoke access through the key.",
    service: "bigquery",
    description: "Checks `defaultEncryptionConfiguration.kmsKeyName`, which new tables of the dataset inherit.",
    risk: "You cannot cut off access to the data by disabling a key, and key usage is not in your audit logs.",
    remediation: Remediation {
        summary: "Set a default Cloud KMS key on the dataset (existing tables keep their encryption).",
        cli: "bq update --default_kms_key=projects/{account}/locations/<loc>/keyRings/<ring>/cryptoKeys/<key> {account}:{name}",
        terraform: "resource \"google_bigquery_dataset\" \"{name}\" {\n  # …\n  default_encryption_configuration {\n    kms_key_name = google_kms_crypto_key.bq.id\n  }\n}",
        console: "Cloud console → BigQuery → {name} → Edit details → Encryption: Customer-managed key → choose the key → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Affects new tables only; the BigQuery service agent needs Encrypter/Decrypter on the key.",
    permissions: &["bigquery.datasets.get"],
    references: &["https://cloud.google.com/bigquery/docs/customer-managed-encryption"],
    cases: &[
        Case::pass(
            "cmek",
            r#"{"config": {"default_kms_key": "projects/p/locations/us/keyRings/r/cryptoKeys/k"}}"#,
        ),
        Case::fail("google-managed", r#"{"config": {"default_kms_key": ""}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
