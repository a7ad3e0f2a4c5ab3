use crate::prelude::*;

/// Flags Databricks workspaces reachable from public networks.
pub(crate) struct WorkspacePublicNetworkAccess;

impl TypedRule for WorkspacePublicNetworkAccess {
    type Config = azure::DatabricksWorkspace;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::DatabricksWorkspace,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = need(&c.public_network_access, "public_network_access")?;
        Ok(Verdict::check(v.eq_ignore_ascii_case("disabled"), || {
            Verdict::fail(
                format!(
                    "Databricks workspace `{}` accepts connections from public networks",
                    r.name
                ),
                "config.public_network_access",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.databricks.workspace_public_network_access",
    title: "Databricks workspace public network access is enabled",
    severity: Severity::Medium,
    severity_rationale: "The workspace UI and REST API are reachable from the internet; access still needs credentials.",
    service: "databricks",
    description: "Checks `publicNetworkAccess` is `Disabled` (front-end access only through Private Link).",
    risk: "Stolen tokens or credentials can be used from anywhere against the workspace API.",
    remediation: Remediation {
        summary: "Disable public network access and use front-end private endpoints.",
        cli: "az databricks workspace update --name {name} --resource-group <rg> --public-network-access Disabled",
        terraform: "resource \"azurerm_databricks_workspace\" \"{name}\" {\n  # …\n  public_network_access_enabled = false\n}",
        console: "Azure portal → Azure Databricks → {name} → Settings → Networking → Allow Public Network Access: Disabled → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Users and tools outside the private network lose access to the workspace.",
    permissions: &["Microsoft.Databricks/workspaces/read"],
    references: &[
        "https://learn.microsoft.com/azure/databricks/security/network/front-end/front-end-private-connect",
    ],
    cases: &[
        Case::pass(
            "disabled",
            r#"{"config": {"public_network_access": "Disabled"}}"#,
        ),
        Case::fail(
            "enabled",
            r#"{"config": {"public_network_access": "Enabled"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
