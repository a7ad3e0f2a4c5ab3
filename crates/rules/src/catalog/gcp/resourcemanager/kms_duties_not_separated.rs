use super::super::support::holders_of_both;

use crate::prelude::*;

/// Flags projects where one principal holds both key administration and key use roles.
pub(crate) struct KmsDutiesNotSeparated;

impl TypedRule for KmsDutiesNotSeparated {
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
            &["roles/cloudkms.admin"],
            &[
                "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                "roles/cloudkms.cryptoKeyEncrypter",
                "roles/cloudkms.cryptoKeyDecrypter",
            ],
        );
        Ok(Verdict::check(both.is_empty(), || {
            Verdict::fail(
                format!(
                    "Project {} lets {} hold both key administration and key use roles",
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
    id: "gcp.resourcemanager.kms_duties_not_separated",
    title: "Same principal administers and uses KMS keys",
    severity: Severity::Medium,
    severity_rationale: "Separation of duties is a control against insider misuse and single-account compromise, not an exposure.",
    service: "resourcemanager",
    description: "Fails when the same member holds one of [roles/cloudkms.admin] and one of [roles/cloudkms.cryptoKeyEncrypterDecrypter, roles/cloudkms.cryptoKeyEncrypter, roles/cloudkms.cryptoKeyDecrypter] in the project IAM policy.",
    risk: "One principal can change key policies and decrypt data, defeating the control that keys are meant to provide.",
    remediation: Remediation {
        summary: "Give the two kinds of role to different people or groups.",
        cli: "gcloud projects remove-iam-policy-binding {account} --member=<member> --role=roles/cloudkms.cryptoKeyEncrypterDecrypter",
        terraform: "# Keep roles/cloudkms.admin and roles/cloudkms.cryptoKeyEncrypterDecrypter on different members in google_project_iam_member resources.",
        console: "Cloud console → IAM & Admin → IAM → the principal → Edit principal → remove one of the two roles → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The principal loses one of its two capabilities; make sure someone else holds it.",
    permissions: &["resourcemanager.projects.getIamPolicy"],
    references: &["https://cloud.google.com/kms/docs/separation-of-duties"],
    cases: &[
        Case::pass(
            "separate people",
            r#"{"config": {"iam_bindings": [{"role": "roles/cloudkms.admin", "members": ["user:admin@example.com"]}, {"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": ["user:dev@example.com"]}]}}"#,
        ),
        Case::fail(
            "same person",
            r#"{"config": {"iam_bindings": [{"role": "roles/cloudkms.admin", "members": ["user:admin@example.com"]}, {"role": "roles/cloudkms.cryptoKeyDecrypter", "members": ["group:ops@example.com", "user:admin@example.com"]}]}}"#,
        ),
        Case::unknown("no IAM policy", r#"{"config": {}}"#),
    ],
};
