use crate::prelude::*;

/// Flags storage accounts that accept TLS 1.0 or 1.1.
pub(crate) struct AccountMinTlsBelow12;

impl TypedRule for AccountMinTlsBelow12 {
    type Config = azure::StorageAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &azure::StorageAccount,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = need(&s.minimum_tls_version, "minimum_tls_version")?;
        let ok = v.eq_ignore_ascii_case("TLS1_2") || v.eq_ignore_ascii_case("TLS1_3");
        Ok(Verdict::check(ok, || {
            Verdict::fail(
                format!(
                    "Storage account `{}` accepts TLS versions below 1.2 (minimum `{v}`)",
                    r.name
                ),
                "config.minimum_tls_version",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.storage.account_min_tls_below_1_2",
    title: "Storage account accepts TLS versions below 1.2",
    severity: Severity::Medium,
    severity_rationale: "TLS 1.0/1.1 have known weaknesses and are deprecated, but exploiting them needs a \
        network position and an old client.",
    service: "storage",
    description: "Checks that the account's minimum TLS version is TLS 1.2 or later. An unrecognized value fails, \
        showing the observed value.",
    risk: "Clients can be downgraded to deprecated protocol versions with weak ciphers, and the account fails \
        TLS baseline requirements.",
    remediation: Remediation {
        summary: "Set the minimum TLS version to 1.2.",
        cli: "az storage account update --ids {uid} --min-tls-version TLS1_2",
        terraform: "resource \"azurerm_storage_account\" \"{name}\" {\n  # …\n  min_tls_version = \"TLS1_2\"\n}",
        console: "Azure portal → Storage accounts → {name} → Settings → Configuration → Minimum TLS version: \
            Version 1.2 → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Legacy clients that only speak TLS 1.0/1.1 can no longer connect; check the account's \
        TLS version logs first.",
    permissions: &["Microsoft.Storage/storageAccounts/read"],
    references: &[
        "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
    ],
    cases: &[
        Case::pass(
            "TLS 1.2",
            r#"{"config": {"minimum_tls_version": "TLS1_2"}}"#,
        ),
        Case::pass(
            "TLS 1.3",
            r#"{"config": {"minimum_tls_version": "TLS1_3"}}"#,
        ),
        Case::fail(
            "TLS 1.0",
            r#"{"config": {"minimum_tls_version": "TLS1_0"}}"#,
        ),
        Case::fail(
            "TLS 1.1",
            r#"{"config": {"minimum_tls_version": "TLS1_1"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
