use crate::prelude::*;

/// Flags user-managed (downloadable) service account keys.
pub(crate) struct ServiceAccountUserManagedKey;

impl TypedRule for ServiceAccountUserManagedKey {
    type Config = gcp::ServiceAccountKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        _r: &Resource,
        c: &gcp::ServiceAccountKey,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let t = need(&c.key_type, "key_type")?;
        if !t.eq_ignore_ascii_case("user_managed") {
            return Ok(Verdict::Pass);
        }
        if *need(&c.disabled, "disabled")? {
            return Ok(Verdict::NotApplicable("the key is disabled".into()));
        }
        Ok(Verdict::fail(
            format!(
                "Service account `{}` has a user-managed key",
                c.service_account.as_deref().unwrap_or("?")
            ),
            "config.key_type",
            json!(t),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.iam.service_account_user_managed_key",
    title: "Service account has a user-managed key",
    severity: Severity::Medium,
    severity_rationale: "A downloaded key is a long-lived credential outside Google's custody; leaks through repos, laptops and CI are common.",
    service: "iam",
    description: "Fails for enabled keys of type `USER_MANAGED`. Google-managed keys pass; disabled keys are not applicable.",
    risk: "Whoever obtains the key file acts as the service account from anywhere until the key is deleted.",
    remediation: Remediation {
        summary: "Replace the key with workload identity (attached service accounts, Workload Identity Federation) and delete it.",
        cli: "gcloud iam service-accounts keys delete <key-id> --iam-account={config.service_account} --project={account}",
        terraform: "# Remove the google_service_account_key resource and use workload identity instead.",
        console: "Cloud console → IAM & Admin → Service accounts → {config.service_account} → Keys → delete the key.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Applications still using the key file lose access.",
    permissions: &["iam.serviceAccountKeys.list"],
    references: &[
        "https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
    ],
    cases: &[
        Case::pass(
            "google-managed",
            r#"{"config": {"key_type": "SYSTEM_MANAGED", "disabled": false}}"#,
        ),
        Case::fail(
            "user-managed",
            r#"{"config": {"service_account": "ci@p.iam.gserviceaccount.com", "key_type": "USER_MANAGED", "disabled": false}}"#,
        ),
        Case::not_applicable(
            "disabled user key",
            r#"{"config": {"key_type": "USER_MANAGED", "disabled": true}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
