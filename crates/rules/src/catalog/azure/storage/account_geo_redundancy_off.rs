use crate::prelude::*;

/// Flags storage accounts whose data is not replicated to a second region.
pub(crate) struct AccountGeoRedundancyOff;

impl TypedRule for AccountGeoRedundancyOff {
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
        let sku = need(&c.sku, "sku")?;
        let s = sku.to_ascii_uppercase();
        let geo = s.contains("GRS") || s.contains("GZRS");
        Ok(Verdict::check(geo, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` uses `{sku}`, which keeps data in one region",
                    r.name
                ),
                "config.sku",
                json!(sku),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_geo_redundancy_off",
    title: "Storage account is not geo-redundant",
    severity: Severity::Low,
    severity_rationale: "Availability and durability against a regional outage, which is rare; apply to critical accounts.",
    service: "storage",
    description: "Checks the SKU for geo-redundant replication (GRS, RA-GRS, GZRS, RA-GZRS). LRS and ZRS keep all copies in one region.",
    risk: "A regional disaster or prolonged outage makes the data unavailable or loses it.",
    remediation: Remediation {
        summary: "Change the redundancy to GZRS or GRS for accounts holding critical data.",
        cli: "az storage account update --ids {uid} --sku Standard_GZRS",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  account_replication_type = \"GZRS\"\n}",
        console: "Azure portal → Storage accounts → {name} → Data management → Redundancy → choose GZRS or GRS → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Conversion runs in the background without downtime; cost increases.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &["https://learn.microsoft.com/azure/storage/common/storage-redundancy"],
    cases: &[
        Case::pass("GZRS", r#"{"config": {"sku": "Standard_GZRS"}}"#),
        Case::pass("RA-GRS", r#"{"config": {"sku": "Standard_RAGRS"}}"#),
        Case::fail("LRS", r#"{"config": {"sku": "Standard_LRS"}}"#),
        Case::fail("ZRS (one region)", r#"{"config": {"sku": "Premium_ZRS"}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
