use crate::prelude::*;

/// Flags storage accounts whose file service accepts SMB dialects older than 3.1.1.
pub(crate) struct AccountSmbProtocolOutdated;

impl TypedRule for AccountSmbProtocolOutdated {
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
        let v = need(&c.smb_versions, "smb_versions")?;
        let old: Vec<&String> = v
            .iter()
            .filter(|x| !x.eq_ignore_ascii_case("SMB3.1.1"))
            .collect();
        let ok = !v.is_empty() && old.is_empty();
        Ok(Verdict::check(ok, || {
            let shown = if v.is_empty() {
                "all (service default)".to_owned()
            } else {
                v.join(";")
            };
            Verdict::fail(
                format!("Storage account `{}` accepts SMB versions {shown}", r.name),
                "config.smb_versions",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_smb_protocol_outdated",
    title: "Azure Files accepts SMB versions older than 3.1.1",
    severity: Severity::Medium,
    severity_rationale: "Older dialects lack pre-authentication integrity and the strongest encryption; exploitation needs network access to the share.",
    service: "storage",
    description: "Reads the file service SMB protocol settings. An unset list means the service default, which allows every supported version, and fails.",
    risk: "Clients can negotiate SMB 2.1 or 3.0, exposing sessions to downgrade and weaker (or no) encryption.",
    remediation: Remediation {
        summary: "Allow only SMB 3.1.1.",
        cli: "az storage account file-service-properties update --account-name {name} --versions SMB3.1.1",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  share_properties {\n    smb {\n      versions = [\"SMB3.1.1\"]\n    }\n  }\n}",
        console: "Azure portal → Storage accounts → {name} → File shares → File share settings → Security → Profile: Maximum security (or Custom with SMB 3.1.1 only) → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients that only speak older SMB dialects (old Windows or Linux kernels) can no longer mount shares.",
    permissions: &[
        "Microsoft.Storage/storageAccounts/read",
        "Microsoft.Storage/storageAccounts/fileServices/read",
    ],
    references: &["https://learn.microsoft.com/azure/storage/files/files-smb-protocol"],
    cases: &[
        Case::pass(
            "only 3.1.1",
            r#"{"config": {"smb_versions": ["SMB3.1.1"]}}"#,
        ),
        Case::fail(
            "3.0 allowed",
            r#"{"config": {"smb_versions": ["SMB3.0", "SMB3.1.1"]}}"#,
        ),
        Case::fail("service default", r#"{"config": {"smb_versions": []}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
