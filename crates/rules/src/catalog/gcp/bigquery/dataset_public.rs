use super::super::public_members::{has_public_binding, public_grants};
use crate::prelude::*;

/// Flags datasets shared with allUsers or allAuthenticatedUsers.
pub(crate) struct DatasetPublic;

impl TypedRule for DatasetPublic {
    type Config = gcp::BigQueryDataset;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &gcp::BigQueryDataset,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let bindings = need(&d.iam_bindings, "iam_bindings")?;
        if !has_public_binding(bindings) {
            return Ok(Verdict::Pass);
        }
        let grants = public_grants(bindings);
        let text: Vec<&str> = grants.iter().map(|(_, g)| g.as_str()).collect();
        let mut idx: Vec<usize> = grants.iter().map(|(i, _)| *i).collect();
        idx.dedup();
        Ok(Verdict::Fail {
            message: format!("BigQuery dataset `{}` grants {}", r.name, text.join(", ")),
            evidence: idx
                .iter()
                .map(|i| Evidence {
                    path: format!("config.iam_bindings[{i}]"),
                    observed: json!(bindings.get(*i)),
                })
                .collect(),
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.bigquery.dataset_public",
    title: "BigQuery dataset is accessible to allUsers or allAuthenticatedUsers",
    severity: Severity::High,
    severity_rationale: "Every table in the dataset can be queried by anyone (or any Google account); High \
        rather than Critical because some datasets are deliberately public.",
    service: "bigquery",
    description: "Checks the dataset's access entries for `allUsers` or `allAuthenticatedUsers`.",
    risk: "Bulk export of the dataset's tables by anyone who finds the dataset id; analytics data often contains \
        personal or commercial information.",
    remediation: Remediation {
        summary: "Remove the public access entries; share with specific groups or use authorized views.",
        cli: "bq show --format=prettyjson {account}:{name} > dataset.json\n\
              # delete the entries with specialGroup allAuthenticatedUsers or iamMember allUsers from \"access\"\n\
              bq update --source dataset.json {account}:{name}",
        terraform: "resource \"google_bigquery_dataset_iam_member\" \"readers\" {\n  dataset_id = \"{name}\"\n  role       = \"roles/bigquery.dataViewer\"\n  member     = \"group:analysts@example.com\"\n}\n# and remove access entries for allUsers / allAuthenticatedUsers",
        console: "Cloud console → BigQuery → {account} → {name} → Sharing → Permissions → remove 'allUsers' and \
            'allAuthenticatedUsers' → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Consumers relying on public access (published datasets, partners) lose it.",
    permissions: &["bigquery.datasets.get", "bigquery.datasets.getIamPolicy"],
    references: &["https://cloud.google.com/bigquery/docs/control-access-to-resources-iam"],
    cases: &[
        Case::pass(
            "group readers",
            r#"{"config": {"iam_bindings": [{"role": "roles/bigquery.dataViewer", "members": ["group:analysts@example.com"]}]}}"#,
        ),
        Case::fail(
            "allAuthenticatedUsers reader",
            r#"{"config": {"iam_bindings": [{"role": "roles/bigquery.dataViewer", "members": ["allAuthenticatedUsers"]}]}}"#,
        ),
        Case::fail(
            "allUsers and allAuthenticatedUsers in one binding",
            r#"{"config": {"iam_bindings": [{"role": "roles/bigquery.dataViewer", "members": ["allUsers", "allAuthenticatedUsers"]}]}}"#,
        ),
        Case::unknown(
            "access entries not collected",
            r#"{"config": {"location": "EU"}}"#,
        ),
    ],
};
