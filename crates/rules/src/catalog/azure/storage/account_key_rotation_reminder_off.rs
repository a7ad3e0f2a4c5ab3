use crate::prelude::*;

/// Flags storage accounts without an access-key expiration policy.
pub(crate) struct AccountKeyRotationReminderOff;

impl TypedRule for AccountKeyRotationReminderOff {
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
        let d = *need(&c.key_expiration_period_days, "key_expiration_period_days")?;
        Ok(Verdict::check(d > 0, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` has no key expiration policy (rotation reminder)",
                    r.name
                ),
                "config.key_expiration_period_days",
                json!(d),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_key_rotation_reminder_off",
    title: "Storage account has no access-key rotation reminder",
    severity: Severity::Low,
    severity_rationale: "A process control: it does not rotate keys itself, it makes overdue keys visible.",
    service: "storage",
    description: "Checks that a key expiration period (`keyPolicy.keyExpirationPeriodInDays`) is set, which makes Azure flag keys older than the period.",
    risk: "Account keys stay unchanged for years, so any past leak keeps working.",
    remediation: Remediation {
        summary: "Set a key expiration period (for example 90 days) and rotate keys before it ends.",
        cli: "az storage account update --ids {uid} --key-exp-days 90",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  sas_policy {\n    expiration_period = \"90.00:00:00\"\n  }\n  # key expiration: azapi_update_resource with keyPolicy.keyExpirationPeriodInDays = 90\n}",
        console: "Azure portal → Storage accounts → {name} → Security + networking → Access keys → Set rotation reminder → 90 days → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds a reminder and a policy signal; keys keep working.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &[
        "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage#create-a-key-expiration-policy",
    ],
    cases: &[
        Case::pass(
            "90 days",
            r#"{"config": {"key_expiration_period_days": 90}}"#,
        ),
        Case::fail("none", r#"{"config": {"key_expiration_period_days": 0}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
