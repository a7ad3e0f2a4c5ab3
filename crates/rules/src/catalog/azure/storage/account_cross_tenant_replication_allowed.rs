use crate::prelude::*;

/// Flags storage accounts that allow object replication to other Entra tenants.
pub(crate) struct AccountCrossTenantReplicationAllowed;

impl TypedRule for AccountCrossTenantReplicationAllowed {
    type Config = azure::StorageAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::StorageAccount,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(
            &c.allow_cross_tenant_replication,
            "allow_cross_tenant_replication",
        )?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` allows object replication to other tenants",
                    r.name
                ),
                "config.allow_cross_tenant_replication",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_cross_tenant_replication_allowed",
    title: "Storage account allows cross-tenant object replication",
    severity: Severity::Medium,
    severity_rationale: "Needs write access to replication policies, but then copies data continuously out of your tenant.",
    service: "storage",
    description: "Checks `allowCrossTenantReplication` is false. An unset value is reported as not observed because its default depends on when the account was created.",
    risk: "A user with rights on the account can set up a replication policy to an account in a tenant you do not control and exfiltrate blobs silently.",
    remediation: Remediation {
        summary: "Disallow cross-tenant replication.",
        cli: "az storage account update --ids {uid} --allow-cross-tenant-replication false",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  cross_tenant_replication_enabled = false\n}",
        console: "Azure portal → Storage accounts → {name} → Data management → Object replication → Advanced settings → uncheck \"Allow cross-tenant replication\" → OK.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Existing replication policies to other tenants stop.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &[
        "https://learn.microsoft.com/azure/storage/blobs/object-replication-prevent-cross-tenant-policies",
    ],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"allow_cross_tenant_replication": false}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"allow_cross_tenant_replication": true}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
