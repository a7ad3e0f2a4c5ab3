use crate::prelude::*;

/// Flags buckets that still honor per-object ACLs.
pub(crate) struct BucketUniformAccessOff;

impl TypedRule for BucketUniformAccessOff {
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
        let on = *need(
            &b.uniform_bucket_level_access,
            "uniform_bucket_level_access",
        )?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Bucket `{}` has uniform bucket-level access off; object ACLs can grant access",
                    r.name
                ),
                "config.uniform_bucket_level_access",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.storage.bucket_uniform_access_off",
    title: "Cloud Storage bucket uses fine-grained object ACLs",
    severity: Severity::Medium,
    severity_rationale: "Object ACLs are invisible in the bucket IAM policy, so individual public objects can hide \
        from reviews; not an exposure by itself.",
    service: "storage",
    description: "Checks that uniform bucket-level access is enabled, so access is decided by IAM alone and \
        per-object ACLs are ignored.",
    risk: "Single objects can be made public or shared with outsiders through ACLs that bucket-level reviews and \
        most tooling do not see.",
    remediation: Remediation {
        summary: "Enable uniform bucket-level access (after moving any needed object ACL grants into IAM).",
        cli: "gcloud storage buckets update gs://{name} --uniform-bucket-level-access",
        terraform: "resource \"google_storage_bucket\" \"{name}\" {\n  name                        = \"{name}\"\n  location                    = \"{config.location}\"\n  uniform_bucket_level_access = true\n}",
        console: "Cloud console → Cloud Storage → Buckets → {name} → Permissions → Access control: Switch to \
            uniform → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Access granted only through object ACLs disappears; after 90 days the change becomes \
        permanent.",
    permissions: &["storage.buckets.get"],
    references: &["https://cloud.google.com/storage/docs/uniform-bucket-level-access"],
    cases: &[
        Case::pass(
            "uniform on",
            r#"{"config": {"uniform_bucket_level_access": true}}"#,
        ),
        Case::fail(
            "uniform off",
            r#"{"config": {"uniform_bucket_level_access": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"location": "EU"}}"#),
    ],
};
