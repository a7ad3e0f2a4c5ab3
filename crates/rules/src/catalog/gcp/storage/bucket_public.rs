use super::super::public_members::{has_public_binding, public_grants};
use crate::prelude::*;

/// Flags buckets whose IAM policy grants a role to allUsers or allAuthenticatedUsers.
pub(crate) struct BucketPublic;

impl TypedRule for BucketPublic {
    type Config = gcp::StorageBucket;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        b: &gcp::StorageBucket,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let bindings = need(&b.iam_bindings, "iam_bindings")?;
        if !has_public_binding(bindings) {
            return Ok(Verdict::Pass);
        }
        // Enforced public access prevention blocks public principals whatever the policy says.
        if b.public_access_prevention
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("enforced"))
        {
            return Ok(Verdict::Pass);
        }
        let grants = public_grants(bindings);
        let text: Vec<&str> = grants.iter().map(|(_, g)| g.as_str()).collect();
        let mut idx: Vec<usize> = grants.iter().map(|(i, _)| *i).collect();
        idx.dedup();
        Ok(Verdict::Fail {
            message: format!("Bucket `{}` IAM policy grants {}", r.name, text.join(", ")),
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
    id: "gcp.storage.bucket_public",
    title: "Cloud Storage bucket is accessible to allUsers or allAuthenticatedUsers",
    severity: Severity::High,
    severity_rationale: "Anyone on the internet (or anyone with any Google account) gets the granted role; High \
        rather than Critical because the role may be read-only and data sensitivity is unknown.",
    service: "storage",
    description: "Checks the bucket's IAM policy for bindings to `allUsers` or `allAuthenticatedUsers`. Buckets \
        with public access prevention `enforced` pass, since Cloud Storage then refuses those principals.",
    risk: "Objects can be listed, downloaded — or with write roles, replaced or deleted — without credentials.",
    remediation: Remediation {
        summary: "Remove the public members from the bucket's IAM policy and enforce public access prevention.",
        cli: "gcloud storage buckets remove-iam-policy-binding gs://{name} --member=allUsers --role=<role>\n\
              gcloud storage buckets remove-iam-policy-binding gs://{name} --member=allAuthenticatedUsers --role=<role>\n\
              gcloud storage buckets update gs://{name} --public-access-prevention",
        terraform: "resource \"google_storage_bucket\" \"{name}\" {\n  name                     = \"{name}\"\n  location                 = \"{config.location}\"\n  public_access_prevention = \"enforced\"\n}\n# and delete any google_storage_bucket_iam_* resource with member allUsers / allAuthenticatedUsers",
        console: "Cloud console → Cloud Storage → Buckets → {name} → Permissions → remove the principals \
            'allUsers' and 'allAuthenticatedUsers' → 'Prevent public access'.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Public websites, downloads or datasets served from the bucket stop working.",
    permissions: &["storage.buckets.get", "storage.buckets.getIamPolicy"],
    references: &[
        "https://cloud.google.com/storage/docs/access-control/making-data-public",
        "https://cloud.google.com/storage/docs/public-access-prevention",
    ],
    cases: &[
        Case::pass(
            "private bindings",
            r#"{"config": {"iam_bindings": [{"role": "roles/storage.objectViewer", "members": ["group:data@example.com"]}]}}"#,
        ),
        Case::fail(
            "allUsers viewer",
            r#"{"config": {"iam_bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}}"#,
        ),
        Case::fail(
            "allAuthenticatedUsers admin",
            r#"{"config": {"public_access_prevention": "inherited", "iam_bindings": [{"role": "roles/storage.objectAdmin", "members": ["user:a@example.com", "allAuthenticatedUsers"]}]}}"#,
        ),
        Case::pass(
            "public binding neutralized by enforced prevention",
            r#"{"config": {"public_access_prevention": "enforced", "iam_bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}}"#,
        ),
        Case::unknown(
            "IAM policy denied",
            r#"{"config": {"public_access_prevention": "inherited"}, "gaps": [{"field": "iam_bindings", "api": "storage.buckets.getIamPolicy", "reason": "denied"}]}"#,
        ),
    ],
};
