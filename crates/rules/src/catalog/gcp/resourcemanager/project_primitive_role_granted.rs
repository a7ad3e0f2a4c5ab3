use super::super::public_members::is_public_member;
use crate::prelude::*;

const PRIMITIVE: &[&str] = &["roles/owner", "roles/editor"];

/// Whether a member is a person, a group of people, a whole domain or the public.
fn human_or_public(member: &str) -> bool {
    is_public_member(member)
        || member.starts_with("user:")
        || member.starts_with("group:")
        || member.starts_with("domain:")
}

/// Flags projects that grant Owner or Editor to users, groups, domains or the public.
pub(crate) struct ProjectPrimitiveRoleGranted;

impl TypedRule for ProjectPrimitiveRoleGranted {
    type Config = gcp::Project;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        p: &gcp::Project,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let bindings = need(&p.iam_bindings, "iam_bindings")?;
        let hit = |b: &posture_model::kinds::Binding| {
            PRIMITIVE.contains(&b.role.as_str()) && b.members.iter().any(|m| human_or_public(m))
        };
        if !bindings.iter().any(hit) {
            return Ok(Verdict::Pass);
        }
        let mut grants: Vec<String> = Vec::new();
        let mut evidence = Vec::new();
        for (i, b) in bindings.iter().enumerate().filter(|(_, b)| hit(b)) {
            grants.extend(
                b.members
                    .iter()
                    .filter(|m| human_or_public(m))
                    .map(|m| format!("{} to {m}", b.role)),
            );
            evidence.push(Evidence {
                path: format!("config.iam_bindings[{i}]"),
                observed: json!(b),
            });
        }
        Ok(Verdict::Fail {
            message: format!(
                "Project {} grants basic role(s) {}",
                r.account,
                grants.join(", ")
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.resourcemanager.project_primitive_role_granted",
    title: "Project grants the basic Owner or Editor role to people or the public",
    severity: Severity::Medium,
    severity_rationale: "Basic roles carry thousands of permissions across every service; a compromised or \
        careless holder can change almost anything. Grants to allUsers or allAuthenticatedUsers are far worse \
        and are named in the message.",
    service: "resourcemanager",
    description: "Checks the project IAM policy for `roles/owner` or `roles/editor` bound to users, groups, whole \
        domains, `allUsers` or `allAuthenticatedUsers`. Service-account grants are out of scope here (the \
        default compute account's Editor grant is covered by the VM service-account rule).",
    risk: "Over-broad standing access: phishing one member yields control of every resource in the project, \
        including IAM itself for Owner.",
    remediation: Remediation {
        summary: "Replace basic roles with predefined or custom roles scoped to what each member does; keep Owner \
            for a break-glass group at most.",
        cli: "gcloud projects get-iam-policy {account} --format=json\n\
              gcloud projects add-iam-policy-binding {account} --member=user:<who> --role=<predefined-role>\n\
              gcloud projects remove-iam-policy-binding {account} --member=user:<who> --role=roles/editor",
        terraform: "resource \"google_project_iam_member\" \"scoped\" {\n  project = \"{account}\"\n  role    = \"roles/compute.instanceAdmin.v1\"\n  member  = \"group:platform@example.com\"\n}\n# and remove google_project_iam_* entries with roles/owner or roles/editor for people",
        console: "Cloud console → IAM & Admin → IAM (project {account}) → for each principal with Owner or Editor: \
            Edit → replace the role with narrower roles (use the role recommendations shown) → Save.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Only the project's owners know which narrower roles each member actually needs.",
    permissions: &["resourcemanager.projects.getIamPolicy"],
    references: &[
        "https://cloud.google.com/iam/docs/roles-overview#basic",
        "https://cloud.google.com/iam/docs/using-iam-securely",
    ],
    cases: &[
        Case::pass(
            "predefined roles only",
            r#"{"kind": "gcp.resourcemanager.project", "config": {"iam_bindings": [{"role": "roles/compute.admin", "members": ["group:ops@example.com"]}]}}"#,
        ),
        Case::pass(
            "Editor held by a service account",
            r#"{"config": {"iam_bindings": [{"role": "roles/editor", "members": ["serviceAccount:123-compute@developer.gserviceaccount.com"]}]}}"#,
        ),
        Case::pass(
            "viewer for a user",
            r#"{"config": {"iam_bindings": [{"role": "roles/viewer", "members": ["user:a@example.com"]}]}}"#,
        ),
        Case::fail(
            "Owner for a user",
            r#"{"config": {"iam_bindings": [{"role": "roles/owner", "members": ["user:a@example.com", "serviceAccount:ci@p.iam.gserviceaccount.com"]}]}}"#,
        ),
        Case::fail(
            "Editor for allUsers",
            r#"{"config": {"iam_bindings": [{"role": "roles/editor", "members": ["allUsers"]}]}}"#,
        ),
        Case::fail(
            "Editor for a whole domain",
            r#"{"config": {"iam_bindings": [{"role": "roles/editor", "members": ["domain:example.com"]}]}}"#,
        ),
        Case::unknown(
            "IAM policy denied",
            r#"{"config": {}, "gaps": [{"field": "iam_bindings", "api": "resourcemanager.projects.getIamPolicy", "reason": "denied"}]}"#,
        ),
    ],
};
