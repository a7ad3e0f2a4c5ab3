use crate::prelude::*;

/// Flags Key Vaults that use access policies instead of Azure RBAC.
pub(crate) struct VaultRbacAuthorizationOff;

impl TypedRule for VaultRbacAuthorizationOff {
    type Config = azure::KeyVault;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::KeyVault,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.rbac_authorization, "rbac_authorization")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "Key Vault `{}` authorizes data access with vault access policies, not Azure RBAC",
                    r.name
                ),
                "config.rbac_authorization",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.keyvault.vault_rbac_authorization_off",
    title: "Key Vault uses access policies instead of Azure RBAC",
    severity: Severity::Low,
    severity_rationale: "Access policies work, but they are coarse (vault-wide), invisible to RBAC reviews and PIM, and editable by anyone with vault write rights.",
    service: "keyvault",
    description: "Checks `enableRbacAuthorization`. Unset means access policies.",
    risk: "Permissions to keys and secrets escape the organisation's role reviews and just-in-time elevation; a Contributor can grant themselves data access.",
    remediation: Remediation {
        summary: "Migrate the vault to the Azure RBAC permission model after granting equivalent Key Vault data roles.",
        cli: "az keyvault update --name {name} --enable-rbac-authorization true",
        terraform: "resource \"azurerm_key_vault\" \"{name}\" {\n  # …\n  enable_rbac_authorization = true\n}",
        console: "Azure portal → Key vaults → {name} → Settings → Access configuration → Permission model: Azure role-based access control → Apply.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Existing access policies stop applying; identities without the matching RBAC role lose access.",
    permissions: &["Microsoft.KeyVault/vaults/read"],
    references: &["https://learn.microsoft.com/azure/key-vault/general/rbac-migration"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"rbac_authorization": true}}"#),
        Case::fail(
            "non-compliant",
            r#"{"config": {"rbac_authorization": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
