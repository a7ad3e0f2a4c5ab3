use crate::prelude::*;

/// Flags storage accounts whose file service allows SMB channel encryption weaker than AES-256-GCM.
pub(crate) struct AccountSmbChannelEncryptionWeak;

impl TypedRule for AccountSmbChannelEncryptionWeak {
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
        let v = need(&c.smb_channel_encryption, "smb_channel_encryption")?;
        let ok = !v.is_empty() && v.iter().all(|x| x.eq_ignore_ascii_case("AES-256-GCM"));
        Ok(Verdict::check(ok, || {
            let shown = if v.is_empty() {
                "all (service default)".to_owned()
            } else {
                v.join(";")
            };
            Verdict::fail(
                format!(
                    "Storage account `{}` allows SMB channel encryption {shown}",
                    r.name
                ),
                "config.smb_channel_encryption",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_smb_channel_encryption_weak",
    title: "Azure Files allows SMB channel encryption weaker than AES-256-GCM",
    severity: Severity::Low,
    severity_rationale: "AES-128 ciphers are not broken; this is a hardening step for data in transit.",
    service: "storage",
    description: "Reads the file service SMB channel encryption list. Unset means every supported algorithm is allowed and fails.",
    risk: "Sessions may use AES-128-CCM or AES-128-GCM rather than the strongest available cipher.",
    remediation: Remediation {
        summary: "Allow only AES-256-GCM channel encryption.",
        cli: "az storage account file-service-properties update --account-name {name} --channel-encryption AES-256-GCM",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  share_properties {\n    smb {\n      channel_encryption_type = [\"AES-256-GCM\"]\n    }\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → File shares → File share settings → Security → SMB channel encryption: AES-256-GCM only → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients that do not support AES-256-GCM (older Windows builds) fail to connect.",
    permissions: &[
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/fileServices/read",
    ],
    references: &[
        "https://learn.microsoft.com/azure/storage/files/files-smb-protocol#smb-security-settings",
    ],
    cases: &[
        Case::pass(
            "AES-256-GCM only",
            r#"{"config": {"smb_channel_encryption": ["AES-256-GCM"]}}"#,
        ),
        Case::fail(
            "AES-128 allowed",
            r#"{"config": {"smb_channel_encryption": ["AES-128-CCM", "AES-256-GCM"]}}"#,
        ),
        Case::fail(
            "service default",
            r#"{"config": {"smb_channel_encryption": []}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
