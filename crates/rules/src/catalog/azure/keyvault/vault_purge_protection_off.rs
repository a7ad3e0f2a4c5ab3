use crate::prelude::*;

/// Flags Key Vaults without purge protection.
pub(crate) struct VaultPurgeProtectionOff;

impl TypedRule for VaultPurgeProtectionOff {
    type Config = azure::KeyVault;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        v: &azure::KeyVault,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&v.purge_protection_enabled, "purge_protection_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Key Vault `{}` has purge protection off; deleted keys and secrets can be destroyed permanently",
                    r.name
                ),
                "config.purge_protection_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.keyvault.vault_purge_protection_off",
    title: "Key Vault purge protection is off",
    severity: Severity::Medium,
    severity_rationale: "Needs a privileged (or compromised) identity to exploit, but the result — permanently \
        losing keys that encrypt data — can be unrecoverable.",
    service: "keyvault",
    description: "Checks that purge protection is enabled, so soft-deleted vaults, keys and secrets cannot be \
        purged before the retention period ends.",
    risk: "A malicious insider or attacker can delete and immediately purge encryption keys, rendering data \
        encrypted with them (storage, SQL TDE, disks) unreadable — a ransomware pattern.",
    remediation: Remediation {
        summary: "Enable purge protection (soft delete must be on; the change is irreversible).",
        cli: "az keyvault update --ids {uid} --enable-purge-protection true",
        terraform: "resource \"azurerm_key_vault\" \"{name}\" {\n  # …\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 90\n}",
        console: "Azure portal → Key vaults → {name} → Settings → Properties → Purge protection: 'Enable purge \
            protection' → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Irreversible: the vault and deleted objects can no longer be purged early, which blocks \
        re-creating objects or vaults with the same name during the retention period (breaks some \
        tear-down/re-deploy pipelines).",
    permissions: &["Microsoft.KeyVault/vaults/read"],
    references: &[
        "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection",
    ],
    cases: &[
        Case::pass(
            "enabled",
            r#"{"config": {"soft_delete_enabled": true, "purge_protection_enabled": true}}"#,
        ),
        Case::fail(
            "disabled",
            r#"{"config": {"soft_delete_enabled": true, "purge_protection_enabled": false}}"#,
        ),
        Case::unknown(
            "property absent (ARM omits it when never set) and not mapped by the importer",
            r#"{"config": {"soft_delete_enabled": true}}"#,
        ),
    ],
};
