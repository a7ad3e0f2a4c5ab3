use crate::prelude::*;

/// Flags BigQuery tables not encrypted with a customer-managed key.
pub(crate) struct TableCmekMissing;

impl TypedRule for TableCmekMissing {
    type Config = gcp::BigQueryTable;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::BigQueryTable,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let ty = need(&c.table_type, "table_type")?;
        if !matches!(
            ty.to_ascii_uppercase().as_str(),
            "TABLE" | "MATERIALIZED_VIEW" | "SNAPSHOT"
        ) {
            return Ok(Verdict::NotApplicable(
                format!("a {ty} holds no data of its own").into(),
            ));
        }
        let k = need(&c.kms_key, "kms_key")?;
        Ok(Verdict::check(!k.is_empty(), || {
            Verdict::fail(
                format!("BigQuery table `{}` is not encrypted with a CMEK", r.name),
                "config.kms_key",
                json!(k),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.bigquery.table_cmek_missing",
    title: "BigQuery table is not encrypted with a customer-managed key",
    severity: Severity::Low,
    severity_rationale: "Data is encrypted either way; CMEK adds key custody and revocation.",
    service: "bigquery",
    description: "Checks `encryptionConfiguration.kmsKeyName` on tables, materialized views and snapshots; views and external tables are not applicable.",
    risk: "Access to the table data cannot be revoked through the key, and key usage is not audited.",
    remediation: Remediation {
        summary: "Re-encrypt the table with a CMEK (copy it with a destination key).",
        cli: "bq cp --destination_kms_key=projects/{account}/locations/<loc>/keyRings/<ring>/cryptoKeys/<key> -f {account}:<dataset>.{name} {account}:<dataset>.{name}",
        terraform: "resource \"google_bigquery_table\" \"{name}\" {\n  # …\n  encryption_configuration {\n    kms_key_name = google_kms_crypto_key.bq.id\n  }\n}",
        console: "Cloud console → BigQuery → the table {name} → Copy → destination: same table → Advanced → Customer-managed key → Copy.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Overwriting a table in place can interrupt writers; copy during a quiet window.",
    permissions: &["bigquery.tables.get"],
    references: &["https://cloud.google.com/bigquery/docs/customer-managed-encryption"],
    cases: &[
        Case::pass(
            "cmek",
            r#"{"config": {"table_type": "TABLE", "kms_key": "projects/p/locations/us/keyRings/r/cryptoKeys/k"}}"#,
        ),
        Case::fail(
            "google-managed",
            r#"{"config": {"table_type": "TABLE", "kms_key": ""}}"#,
        ),
        Case::not_applicable(
            "view",
            r#"{"config": {"table_type": "VIEW", "kms_key": ""}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"table_type": "TABLE"}}"#),
    ],
};
