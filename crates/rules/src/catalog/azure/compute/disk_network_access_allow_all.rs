use crate::prelude::*;

/// Flags managed disks whose export/import SAS URLs work from any network.
pub(crate) struct DiskNetworkAccessAllowAll;

impl TypedRule for DiskNetworkAccessAllowAll {
    type Config = azure::ManagedDisk;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &azure::ManagedDisk,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let policy = need(&d.network_access_policy, "network_access_policy")?;
        if !policy.eq_ignore_ascii_case("AllowAll") {
            return Ok(Verdict::Pass);
        }
        if d.public_network_access
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("Disabled"))
        {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "Managed disk `{}` can be exported or imported from any network (network access policy AllowAll)",
                r.name
            ),
            "config.network_access_policy",
            json!(policy),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.compute.disk_network_access_allow_all",
    title: "Managed disk can be exported from any network",
    severity: Severity::Medium,
    severity_rationale: "Exploiting it needs someone able to generate (or steal) a SAS URL for the disk, but the \
        result is a full copy of the disk's contents.",
    service: "compute",
    description: "Checks the disk's network access policy. `AllowAll` lets a disk export or upload SAS URL be \
        used from any network; `AllowPrivate` (through a disk access resource) or `DenyAll` restrict it. Disks \
        whose public network access is Disabled pass.",
    risk: "A leaked or over-shared SAS URL lets anyone download the entire disk image, including data and \
        credentials stored on it.",
    remediation: Remediation {
        summary: "Set the network access policy to DenyAll (or AllowPrivate with a disk access resource).",
        cli: "az disk update --ids {uid} --network-access-policy DenyAll --public-network-access Disabled",
        terraform: "resource \"azurerm_managed_disk\" \"{name}\" {\n  # …\n  network_access_policy         = \"DenyAll\"\n  public_network_access_enabled = false\n}",
        console: "Azure portal → Disks → {name} → Settings → Networking → Network access: 'Disable public and \
            private access' (or 'Disable public access and enable private access') → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The attached VM keeps running, but workflows that export or upload the disk via SAS URL \
        (copies between regions, forensics, migrations) stop working.",
    permissions: &["Microsoft.Compute/disks/read"],
    references: &[
        "https://learn.microsoft.com/azure/virtual-machines/disks-enable-private-links-for-import-export-portal",
    ],
    cases: &[
        Case::pass(
            "DenyAll",
            r#"{"config": {"network_access_policy": "DenyAll"}}"#,
        ),
        Case::pass(
            "AllowPrivate",
            r#"{"config": {"network_access_policy": "AllowPrivate"}}"#,
        ),
        Case::pass(
            "AllowAll but public network access disabled",
            r#"{"config": {"network_access_policy": "AllowAll", "public_network_access": "Disabled"}}"#,
        ),
        Case::fail(
            "AllowAll",
            r#"{"config": {"network_access_policy": "AllowAll", "public_network_access": "Enabled"}}"#,
        ),
        Case::fail(
            "unattached disk with AllowAll",
            r#"{"config": {"network_access_policy": "AllowAll", "disk_state": "Unattached"}}"#,
        ),
        Case::unknown(
            "policy not collected",
            r#"{"config": {"disk_state": "Attached"}}"#,
        ),
    ],
};
