fn admin_role(role: &str) -> bool {
    matches!(role, "roles/owner" | "roles/editor")
        || role.ends_with("admin")
        || role.ends_with("Admin")
}

use crate::prelude::*;

/// Flags projects that grant administrative roles to service accounts.
pub(crate) struct ServiceAccountAdminRole;

impl TypedRule for ServiceAccountAdminRole {
    type Config = gcp::Project;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::Project,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let bindings = need(&c.iam_bindings, "iam_bindings")?;
        let mut hits: Vec<String> = Vec::new();
        for b in bindings.iter().filter(|b| admin_role(&b.role)) {
            for m in b
                .members
                .iter()
                .filter(|m| m.starts_with("serviceAccount:"))
            {
                // Google-managed service agents hold their roles by design.
                if m.contains("gserviceaccount.com")
                    && (m.contains("@cloudservices.")
                        || m.contains("@gcp-sa-")
                        || m.contains("@container-engine-robot.")
                        || m.contains("@compute-system."))
                {
                    continue;
                }
                hits.push(format!("{} to {m}", b.role));
            }
        }
        Ok(Verdict::check(hits.is_empty(), || {
            Verdict::fail(
                format!(
                    "Project {} grants admin roles to service accounts: {}",
                    r.account,
                    hits.join(", ")
                ),
                "config.iam_bindings",
                json!(hits),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.resourcemanager.service_account_admin_role",
    title: "Service account holds an administrative role on the project",
    severity: Severity::High,
    severity_rationale: "Service account credentials live in code, VMs and CI; an admin role turns any of those compromises into project takeover.",
    service: "resourcemanager",
    description: "Fails when a user-created service account holds Owner, Editor or any `*Admin` role in the project IAM policy. Google-managed service agents are ignored.",
    risk: "A leaked key or a compromised workload running as the account can reconfigure or destroy the project.",
    remediation: Remediation {
        summary: "Replace the admin role with the narrow predefined roles the workload needs.",
        cli: "gcloud projects remove-iam-policy-binding {account} --member=serviceAccount:<sa> --role=<admin-role>\ngcloud projects add-iam-policy-binding {account} --member=serviceAccount:<sa> --role=<narrow-role>",
        terraform: "resource \"google_project_iam_member\" \"app\" {\n  project = \"{account}\"\n  role    = \"roles/storage.objectViewer\"\n  member  = \"serviceAccount:<sa>\"\n}",
        console: "Cloud console → IAM & Admin → IAM → the service account → Edit principal → replace the admin role with narrower roles → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The workload loses every permission the narrower roles do not include.",
    permissions: &["resourcemanager.projects.getIamPolicy"],
    references: &["https://cloud.google.com/iam/docs/best-practices-service-accounts"],
    cases: &[
        Case::pass(
            "narrow role",
            r#"{"config": {"iam_bindings": [{"role": "roles/storage.objectViewer", "members": ["serviceAccount:app@p.iam.gserviceaccount.com"]}]}}"#,
        ),
        Case::fail(
            "editor",
            r#"{"config": {"iam_bindings": [{"role": "roles/editor", "members": ["serviceAccount:ci@p.iam.gserviceaccount.com"]}]}}"#,
        ),
        Case::fail(
            "storage admin",
            r#"{"config": {"iam_bindings": [{"role": "roles/storage.admin", "members": ["serviceAccount:app@p.iam.gserviceaccount.com"]}]}}"#,
        ),
        Case::pass(
            "service agent",
            r#"{"config": {"iam_bindings": [{"role": "roles/editor", "members": ["serviceAccount:123@cloudservices.gserviceaccount.com"]}]}}"#,
        ),
        Case::unknown("no IAM policy", r#"{"config": {}}"#),
    ],
};
