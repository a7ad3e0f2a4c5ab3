use super::super::public_members::public_grants;

use crate::prelude::*;

/// Flags Cloud KMS keys whose IAM policy grants access to everyone.
pub(crate) struct CryptoKeyPublic;

impl TypedRule for CryptoKeyPublic {
    type Config = gcp::CryptoKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::CryptoKey,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let b = need(&c.iam_bindings, "iam_bindings")?;
        let grants = public_grants(b);
        Ok(Verdict::check(grants.is_empty(), || {
            Verdict::fail(
                format!(
                    "KMS key `{}` grants {}",
                    r.name,
                    grants
                        .iter()
                        .map(|(_, g)| g.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "config.iam_bindings",
                json!(grants.iter().map(|(_, g)| g).collect::<Vec<_>>()),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.kms.crypto_key_public",
    title: "Cloud KMS key is accessible to everyone",
    severity: Severity::Critical,
    severity_rationale: "Anyone on the internet (or any Google account) can use or manage the key that protects your data.",
    service: "kms",
    description: "Fails when the key's IAM policy has a binding for `allUsers` or `allAuthenticatedUsers`.",
    risk: "Anyone can decrypt data protected by the key, encrypt with it, or (with admin roles) destroy it.",
    remediation: Remediation {
        summary: "Remove the public members from the key's IAM policy.",
        cli: "gcloud kms keys remove-iam-policy-binding {name} --keyring=<ring> --location={region} --project={account} --member=allUsers --role=<role>\ngcloud kms keys remove-iam-policy-binding {name} --keyring=<ring> --location={region} --project={account} --member=allAuthenticatedUsers --role=<role>",
        terraform: "# Remove google_kms_crypto_key_iam_member / _binding resources whose member is allUsers or allAuthenticatedUsers.",
        console: "Cloud console → Security → Key Management → the key ring → {name} → Permissions → remove allUsers / allAuthenticatedUsers.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Public access to a key is never legitimate.",
    permissions: &["cloudkms.cryptoKeys.getIamPolicy"],
    references: &["https://cloud.google.com/kms/docs/iam"],
    cases: &[
        Case::pass(
            "private",
            r#"{"config": {"iam_bindings": [{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": ["serviceAccount:app@p.iam.gserviceaccount.com"]}]}}"#,
        ),
        Case::fail(
            "allAuthenticatedUsers",
            r#"{"config": {"iam_bindings": [{"role": "roles/cloudkms.cryptoKeyDecrypter", "members": ["allAuthenticatedUsers"]}]}}"#,
        ),
        Case::pass(
            "look-alike user",
            r#"{"config": {"iam_bindings": [{"role": "roles/cloudkms.viewer", "members": ["user:allusers@example.com"]}]}}"#,
        ),
        Case::unknown("no IAM policy", r#"{"config": {}}"#),
    ],
};
