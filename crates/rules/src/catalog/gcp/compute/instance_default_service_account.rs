use crate::prelude::*;

/// Flags VMs that run as the default Compute Engine service account.
pub(crate) struct InstanceDefaultServiceAccount;

impl TypedRule for InstanceDefaultServiceAccount {
    type Config = gcp::ComputeInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::ComputeInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if r.tags.contains_key("goog-gke-node") {
            return Ok(Verdict::NotApplicable(
                "GKE node (managed by its node pool)".into(),
            ));
        }
        let accounts = need(&c.service_accounts, "service_accounts")?;
        let bad: Vec<&str> = accounts
            .iter()
            .map(|s| s.email.as_str())
            .filter(|e| e.ends_with("-compute@developer.gserviceaccount.com"))
            .collect();
        Ok(Verdict::check(bad.is_empty(), || {
            Verdict::fail(
                format!(
                    "VM `{}` runs as the default compute service account `{}`",
                    r.name,
                    bad.join(", ")
                ),
                "config.service_accounts",
                json!(bad),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_default_service_account",
    title: "VM uses the default Compute Engine service account",
    severity: Severity::Medium,
    severity_rationale: "The default account is shared by every VM of the project and usually holds the Editor role; scopes may limit it, but one compromised VM speaks for all.",
    service: "compute",
    description: "Fails when an attached service account is `PROJECT_NUMBER-compute@developer.gserviceaccount.com`. GKE nodes are not applicable (their node pools choose the account). The full-scope variant has its own rule.",
    risk: "Code running on the VM gets the default account's broad project rights, and actions cannot be attributed to a workload.",
    remediation: Remediation {
        summary: "Create a dedicated least-privilege service account and attach it instead.",
        cli: "gcloud compute instances stop {name} --zone={region} --project={account}\ngcloud compute instances set-service-account {name} --zone={region} --project={account} --service-account=<sa>@{account}.iam.gserviceaccount.com --scopes=cloud-platform\ngcloud compute instances start {name} --zone={region} --project={account}",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  service_account {\n    email  = google_service_account.app.email\n    scopes = [\"cloud-platform\"]\n  }\n}",
        console: "Cloud console → Compute Engine → VM instances → {name} → Stop → Edit → Identity and API access → Service account: choose a dedicated account → Save → Start.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The VM must be stopped, and the workload loses any permission the new account lacks.",
    permissions: &["compute.instances.get"],
    references: &[
        "https://cloud.google.com/compute/docs/access/service-accounts#default_service_account",
    ],
    cases: &[
        Case::pass(
            "dedicated account",
            r#"{"config": {"service_accounts": [{"email": "app@p.iam.gserviceaccount.com", "scopes": []}]}}"#,
        ),
        Case::pass("no account", r#"{"config": {"service_accounts": []}}"#),
        Case::fail(
            "default account",
            r#"{"config": {"service_accounts": [{"email": "123-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/devstorage.read_only"]}]}}"#,
        ),
        Case::not_applicable(
            "GKE node",
            r#"{"tags": {"goog-gke-node": ""}, "config": {"service_accounts": [{"email": "123-compute@developer.gserviceaccount.com", "scopes": []}]}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
