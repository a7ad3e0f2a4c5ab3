use posture_model::time::{days_between, parse_rfc3339};

use crate::prelude::*;

/// Flags storage accounts with an access key older than 90 days.
pub(crate) struct AccountAccessKeysNotRotated;

impl TypedRule for AccountAccessKeysNotRotated {
    type Config = azure::StorageAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::StorageAccount,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let created = need(&c.oldest_key_created, "oldest_key_created")?;
        let Some(t) = parse_rfc3339(created) else {
            return Ok(Verdict::Unknown(
                format!("key creation time `{created}` is not a timestamp").into(),
            ));
        };
        let age = days_between(t, cx.as_of);
        Ok(Verdict::check(age <= 90, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` has an access key {age} days old",
                    r.name
                ),
                "config.oldest_key_created",
                json!(created),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_access_keys_not_rotated",
    title: "Storage account access key not rotated in 90 days",
    severity: Severity::Medium,
    severity_rationale: "Old keys have had more chances to leak (scripts, CI variables, laptops), and a key grants full data access.",
    service: "storage",
    description: "Compares the creation time of the older of the two account keys with the scan time; older than 90 days fails. Accounts that report no key creation time are Unknown.",
    risk: "A key copied months ago by a former employee, a tool or an attacker still opens the whole account.",
    remediation: Remediation {
        summary: "Regenerate the key not in use, move clients to it, then regenerate the other one (or drop keys for Entra ID).",
        cli: "az storage account keys renew --account-name {name} --key secondary\n# after moving clients to the secondary key:\naz storage account keys renew --account-name {name} --key primary",
        terraform: "# Keys are not managed by Terraform; rotate with the CLI, or set\n# shared_access_key_enabled = false on azurerm_storage_account.{name}",
        console: "Azure portal → Storage accounts → {name} → Security + networking → Access keys → Rotate key (one key at a time).",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients still using the regenerated key fail until they get the new value.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &["https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage"],
    cases: &[
        Case::pass(
            "recent key",
            r#"{"config": {"oldest_key_created": "2025-12-01T00:00:00Z"}}"#,
        ),
        Case::pass(
            "exactly 90 days",
            r#"{"config": {"oldest_key_created": "2025-10-03T00:00:00Z"}}"#,
        ),
        Case::fail(
            "a year old",
            r#"{"config": {"oldest_key_created": "2024-12-01T00:00:00Z"}}"#,
        ),
        Case::unknown("not reported", r#"{"config": {}}"#),
        Case::unknown(
            "garbled",
            r#"{"config": {"oldest_key_created": "yesterday"}}"#,
        ),
    ],
};
