use crate::prelude::*;

const CLOUD_PLATFORM: &str = "https://www.googleapis.com/auth/cloud-platform";

fn is_default_compute_sa(email: &str) -> bool {
    email.ends_with("-compute@developer.gserviceaccount.com")
}

/// Whether the VM was created by GKE (its node pools manage their own service accounts).
fn is_gke_node(r: &Resource) -> bool {
    r.tags.contains_key("goog-gke-node")
}

/// Flags VMs running as the default compute service account with the full cloud-platform scope.
pub(crate) struct InstanceDefaultServiceAccountFullAccess;

impl TypedRule for InstanceDefaultServiceAccountFullAccess {
    type Config = gcp::ComputeInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        vm: &gcp::ComputeInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if is_gke_node(r) {
            return Ok(Verdict::NotApplicable(
                "GKE node (managed by its node pool)".into(),
            ));
        }
        let accounts = need(&vm.service_accounts, "service_accounts")?;
        let bad = accounts.iter().enumerate().find(|(_, sa)| {
            is_default_compute_sa(&sa.email) && sa.scopes.iter().any(|s| s == CLOUD_PLATFORM)
        });
        let Some((i, sa)) = bad else {
            return Ok(Verdict::Pass);
        };
        Ok(Verdict::fail(
            format!(
                "VM `{}` runs as the default compute service account `{}` with the cloud-platform (all APIs) scope",
                r.name, sa.email
            ),
            &format!("config.service_accounts[{i}]"),
            json!(sa),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_default_service_account_full_access",
    title: "VM uses the default service account with full API access",
    severity: Severity::High,
    severity_rationale: "The default compute service account often holds project Editor; with the full scope, \
        anyone who gets code execution or SSRF on the VM gets Editor-level tokens.",
    service: "compute",
    description: "Checks the VM's attached service accounts for the project's default compute service account \
        (`…-compute@developer.gserviceaccount.com`) combined with the `cloud-platform` scope. GKE nodes \
        (label `goog-gke-node`) are not applicable.",
    risk: "A compromised application on the VM can read the metadata server's token and act on almost every \
        resource in the project.",
    remediation: Remediation {
        summary: "Attach a dedicated, least-privilege service account (or narrow the scopes); the VM must be stopped \
            to change either.",
        cli: "gcloud compute instances stop {name} --project={account} --zone={region}\n\
              gcloud compute instances set-service-account {name} --project={account} --zone={region} \
              --service-account=<app-sa>@{account}.iam.gserviceaccount.com --scopes=cloud-platform\n\
              gcloud compute instances start {name} --project={account} --zone={region}",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  service_account {\n    email  = google_service_account.app.email\n    scopes = [\"cloud-platform\"]\n  }\n}",
        console: "Cloud console → Compute Engine → VM instances → {name} → Stop → Edit → Identity and API access → \
            Service account: choose a dedicated account → Save → Start.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Needs a VM stop/start, and workloads lose any permission the new account does not grant.",
    permissions: &["compute.instances.list"],
    references: &[
        "https://cloud.google.com/compute/docs/access/service-accounts#default_service_account",
        "https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances",
    ],
    cases: &[
        Case::pass(
            "dedicated service account",
            r#"{"config": {"service_accounts": [{"email": "app@proj.iam.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}}"#,
        ),
        Case::pass(
            "default account with narrow scopes",
            r#"{"config": {"service_accounts": [{"email": "123456789-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/devstorage.read_only", "https://www.googleapis.com/auth/logging.write"]}]}}"#,
        ),
        Case::pass(
            "no service account",
            r#"{"config": {"service_accounts": []}}"#,
        ),
        Case::fail(
            "default account with cloud-platform",
            r#"{"config": {"service_accounts": [{"email": "123456789-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}}"#,
        ),
        Case::not_applicable(
            "GKE node",
            r#"{"name": "gke-pool-1-abc", "tags": {"goog-gke-node": ""}, "config": {"service_accounts": [{"email": "123456789-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}}"#,
        ),
        Case::unknown(
            "service accounts not collected",
            r#"{"config": {"status": "RUNNING"}}"#,
        ),
    ],
};
