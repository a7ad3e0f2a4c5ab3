use super::super::support::holders_of_both;

use crate::prelude::*;

/// Flags projects where one principal holds both service account administration and use roles.
pub(crate) struct ServiceAccountDutiesNotSeparated;

impl TypedRule for ServiceAccountDutiesNotSeparated {
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
        let both = holders_of_both(
            bindings,
            &["roles/iam.serviceAccountAdmin"],
            &["roles/iam.serviceAccountUser"],
        );
        Ok(Verdict::check(both.is_empty(), || {
            Verdict::fail(
                format!(
                    "Project {} lets {} hold both service account administration and use roles",
                    r.account,
                    both.join(", ")
                ),
                "config.iam_bindings",
                json!(both),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.resourcemanager.service_account_duties_not_separated",
    title: "Same principal administers and uses service accounts",
    severity: Severity::Medium,
    severity_rationale: "Separation of duties is a control against insider misuse and single-account compromise, not an exposure.",
    service: "resourcemanager",
    description: "Fails when the same member holds one of [roles/iam.serviceAccountAdmin] and one of [roles/iam.serviceAccountUser] in the project IAM policy.",
    risk: "One principal can create a service account, grant it rights and then act as it, with no second person involved.",
    remediation: Remediation {
        summary: "Give the two kinds of role to different people or groups.",
        cli: "gcloud projects remove-iam-policy-binding {account} --member=<member> --role=roles/iam.serviceAccountUser",
        terraform: "# Keep roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser on different members in google_project_iam_member resources.",
        console: "Cloud console → IAM & Admin → IAM → the principal → Edit principal → remove one of the two roles → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The principal loses one of its two capabilities; make sure someone else holds it.",
    permissions: &["resourcemanager.projects.getIamPolicy"],
    references: &["https://cloud.google.com/iam/docs/separation-of-duties"],
    cases: &[
        Case::pass(
            "separate people",
            r#"{"config": {"iam_bindings": [{"role": "roles/iam.serviceAccountAdmin", "members": ["user:admin@example.com"]}, {"role": "roles/iam.serviceAccountUser", "members": ["user:dev@example.com"]}]}}"#,
        ),
        Case::fail(
            "same person",
            r#"{"config": {"iam_bindings": [{"role": "roles/iam.serviceAccountAdmin", "members": ["user:admin@example.com"]}, {"role": "roles/iam.serviceAccountUser", "members": ["group:ops@example.com", "user:admin@example.com"]}]}}"#,
        ),
        Case::unknown("no IAM policy", r#"{"config": {}}"#),
    ],
};
