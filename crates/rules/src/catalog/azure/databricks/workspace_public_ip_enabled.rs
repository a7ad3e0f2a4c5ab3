use crate::prelude::*;

/// Flags Databricks workspaces whose cluster nodes get public IP addresses.
pub(crate) struct WorkspacePublicIpEnabled;

impl TypedRule for WorkspacePublicIpEnabled {
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
        let v = *need(&c.no_public_ip, "no_public_ip")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "Databricks workspace `{}` gives cluster nodes public IPs (secure cluster connectivity off)",
                    r.name
                ),
                "config.no_public_ip",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.databricks.workspace_public_ip_enabled",
    title: "Databricks cluster nodes have public IP addresses",
    severity: Severity::High,
    severity_rationale: "Every cluster node is directly addressable from the internet.",
    service: "databricks",
    description: "Checks the `enableNoPublicIp` parameter (secure cluster connectivity). An unset value is Unknown because its default changed between API versions.",
    risk: "Cluster nodes that process sensitive data are exposed to scanning and attack from the internet.",
    remediation: Remediation {
        summary: "Enable secure cluster connectivity (No Public IP).",
        cli: "az databricks workspace update --name {name} --resource-group <rg> --enable-no-public-ip true",
        terraform: "resource \"azurerm_databricks_workspace\" \"{name}\" {\n  # …\n  custom_parameters {\n    no_public_ip = true\n  }\n}",
        console: "Azure portal → Azure Databricks → {name} → Settings → Networking → Deploy Azure Databricks workspace with Secure Cluster Connectivity (No Public IP): Yes → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Running clusters must be restarted, and egress then needs a NAT gateway or firewall.",
    permissions: &["Microsoft.Databricks/workspaces/read"],
    references: &[
        "https://learn.microsoft.com/azure/databricks/security/network/classic/secure-cluster-connectivity",
    ],
    cases: &[
        Case::pass("compliant", r#"{"config": {"no_public_ip": true}}"#),
        Case::fail("non-compliant", r#"{"config": {"no_public_ip": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
