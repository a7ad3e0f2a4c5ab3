use crate::prelude::*;

/// Flags enabled Key Vault secrets that never expire.
pub(crate) struct SecretExpirationMissing;

impl TypedRule for SecretExpirationMissing {
    type Config = azure::KeyVaultSecret;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::KeyVaultSecret,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let enabled = *need(&c.enabled, "enabled")?;
        if !enabled {
            return Ok(Verdict::NotApplicable(
                "disabled secrets cannot be used".into(),
            ));
        }
        let exp = need(&c.expires, "expires")?;
        Ok(Verdict::check(!exp.is_empty(), || {
            Verdict::fail(
                format!("Key Vault secret `{}` has no expiration date", r.name),
                "config.expires",
                json!(exp),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.keyvault.secret_expiration_missing",
    title: "Key Vault secret has no expiration date",
    severity: Severity::Medium,
    severity_rationale: "A secret without an end date stays valid forever; it is a lifecycle weakness rather than an exposure.",
    service: "keyvault",
    description: "Checks that every enabled secret has an expiration date (`attributes.exp`), whatever the vault's permission model (RBAC or access policies).",
    risk: "A secret that leaked or should have been retired stays usable indefinitely, and rotation is never forced.",
    remediation: Remediation {
        summary: "Set an expiration date on the secret and rotate it before then.",
        cli: "az keyvault secret set-attributes --vault-name <vault> --name {name} --expires 2026-12-31T00:00:00Z",
        terraform: "resource \"azurerm_key_vault_secret\" \"{name}\" {\n  # …\n  expiration_date = \"2026-12-31T00:00:00Z\"\n}",
        console: "Azure portal → Key vaults → <vault> → Objects → Secrets → {name} → current version → Set expiration date → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Applications fail to use the secret after the date if it is not rotated in time.",
    permissions: &["Microsoft.KeyVault/vaults/secrets/read"],
    references: &[
        "https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates",
    ],
    cases: &[
        Case::pass(
            "expires",
            r#"{"config": {"enabled": true, "expires": "2026-06-30T00:00:00Z"}}"#,
        ),
        Case::fail(
            "never expires",
            r#"{"config": {"enabled": true, "expires": ""}}"#,
        ),
        Case::not_applicable(
            "disabled",
            r#"{"config": {"enabled": false, "expires": ""}}"#,
        ),
        Case::unknown("attributes not observed", r#"{"config": {}}"#),
    ],
};
