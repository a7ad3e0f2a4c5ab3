use crate::prelude::*;

/// Flags Key Vault keys without an automatic rotation policy.
pub(crate) struct KeyAutoRotationOff;

impl TypedRule for KeyAutoRotationOff {
    type Config = azure::KeyVaultKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::KeyVaultKey,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let rot = *need(&c.auto_rotation, "auto_rotation")?;
        Ok(Verdict::check(rot, || {
            Verdict::fail(
                format!("Key Vault key `{}` has no automatic rotation", r.name),
                "config.auto_rotation",
                json!(rot),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.keyvault.key_auto_rotation_off",
    title: "Key Vault key is not rotated automatically",
    severity: Severity::Low,
    severity_rationale: "Key material ages, but rotation alone does not fix an exposure.",
    service: "keyvault",
    description: "Checks that the key's rotation policy has a lifetime action of type `Rotate`. Keys whose rotation policy was not observed are Unknown.",
    risk: "The same key material protects data for years, widening the blast radius of a key compromise and breaking crypto-period requirements.",
    remediation: Remediation {
        summary: "Add a rotation policy that rotates the key automatically (for example 90 days after creation).",
        cli: "az keyvault key rotation-policy update --vault-name <vault> --name {name} --value '{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P90D\"},\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P1Y\"}}'",
        terraform: "resource \"azurerm_key_vault_key\" \"{name}\" {\n  # …\n  rotation_policy {\n    automatic {\n      time_after_creation = \"P90D\"\n    }\n    expire_after = \"P1Y\"\n  }\n}",
        console: "Azure portal → Key vaults → <vault> → Objects → Keys → {name} → Rotation policy → enable automatic rotation → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Consumers that reference the key without a version pick up the new version; version-pinned consumers keep the old one.",
    permissions: &["Microsoft.KeyVault/vaults/keys/read"],
    references: &["https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation"],
    cases: &[
        Case::pass("rotates", r#"{"config": {"auto_rotation": true}}"#),
        Case::fail(
            "no rotate action",
            r#"{"config": {"auto_rotation": false}}"#,
        ),
        Case::unknown("policy not observed", r#"{"config": {}}"#),
    ],
};
