use super::super::support::is_human;

use crate::prelude::*;

/// Flags projects that let users impersonate every service account at project level.
pub(crate) struct UserServiceAccountImpersonation;

impl TypedRule for UserServiceAccountImpersonation {
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
        for b in bindings.iter().filter(|b| {
            matches!(
                b.role.as_str(),
                "roles/iam.serviceAccountUser" | "roles/iam.serviceAccountTokenCreator"
            )
        }) {
            hits.extend(
                b.members
                    .iter()
                    .filter(|m| is_human(m))
                    .map(|m| format!("{} to {m}", b.role)),
            );
        }
        Ok(Verdict::check(hits.is_empty(), || {
            Verdict::fail(
                format!(
                    "Project {} grants service account impersonation project-wide: {}",
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
    id: "gcp.resourcemanager.user_service_account_impersonation",
    title: "Users can impersonate every service account in the project",
    severity: Severity::High,
    severity_rationale: "Project-level Service Account User or Token Creator lets a person act as any service account, including highly privileged ones.",
    service: "resourcemanager",
    description: "Fails when `roles/iam.serviceAccountUser` or `roles/iam.serviceAccountTokenCreator` is granted to a user or group in the project IAM policy (instead of on individual service accounts).",
    risk: "A person (or their compromised account) escalates to the rights of the most privileged service account in the project.",
    remediation: Remediation {
        summary: "Remove the project-level grant and grant the role on the specific service accounts needed.",
        cli: "gcloud projects remove-iam-policy-binding {account} --member=user:<email> --role=roles/iam.serviceAccountUser\ngcloud iam service-accounts add-iam-policy-binding <sa> --member=user:<email> --role=roles/iam.serviceAccountUser",
        terraform: "resource \"google_service_account_iam_member\" \"deployer\" {\n  service_account_id = google_service_account.app.name\n  role               = \"roles/iam.serviceAccountUser\"\n  member             = \"user:<email>\"\n}",
        console: "Cloud console → IAM & Admin → IAM → the principal → remove Service Account User / Token Creator; then grant it on individual accounts under IAM & Admin → Service accounts → Permissions.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "People lose the ability to deploy or act as service accounts they were not granted individually.",
    permissions: &["resourcemanager.projects.getIamPolicy"],
    references: &["https://cloud.google.com/iam/docs/service-account-permissions"],
    cases: &[
        Case::pass(
            "granted to a service account",
            r#"{"config": {"iam_bindings": [{"role": "roles/iam.serviceAccountUser", "members": ["serviceAccount:deployer@p.iam.gserviceaccount.com"]}]}}"#,
        ),
        Case::fail(
            "user with token creator",
            r#"{"config": {"iam_bindings": [{"role": "roles/iam.serviceAccountTokenCreator", "members": ["user:dev@example.com"]}]}}"#,
        ),
        Case::unknown("no IAM policy", r#"{"config": {}}"#),
    ],
};
