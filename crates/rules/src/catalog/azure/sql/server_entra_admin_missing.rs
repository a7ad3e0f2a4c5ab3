use crate::prelude::*;

/// Flags Azure SQL servers without a Microsoft Entra administrator.
pub(crate) struct ServerEntraAdminMissing;

impl TypedRule for ServerEntraAdminMissing {
    type Config = azure::SqlServer;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::SqlServer,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.entra_admin_configured, "entra_admin_configured")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "SQL server `{}` has no Microsoft Entra administrator",
                    r.name
                ),
                "config.entra_admin_configured",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.sql.server_entra_admin_missing",
    title: "Azure SQL server has no Microsoft Entra administrator",
    severity: Severity::Medium,
    severity_rationale: "Without Entra ID, all access relies on SQL logins with passwords, outside MFA and central deprovisioning.",
    service: "sql",
    description: "Checks that an Entra ID (Azure AD) administrator is set on the logical server, which is what enables Entra authentication for its databases.",
    risk: "Shared SQL passwords, no MFA, and accounts that survive people leaving.",
    remediation: Remediation {
        summary: "Set an Entra group as the server administrator, then move users to Entra logins.",
        cli: "az sql server ad-admin create --resource-group <rg> --server-name {name} --display-name <group> --object-id <group-object-id>",
        terraform: "resource \"azurerm_mssql_server\" \"{name}\" {\n  # …\n  azuread_administrator {\n    login_username = \"sql-admins\"\n    object_id      = \"<group-object-id>\"\n  }\n}",
        console: "Azure portal → SQL servers → {name} → Settings → Microsoft Entra ID → Set admin → choose a group → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds an authentication method; SQL logins keep working.",
    permissions: &[
        "Microsoft.Sql/servers/read",
        "Microsoft.Sql/servers/administrators/read",
    ],
    references: &[
        "https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure",
    ],
    cases: &[
        Case::pass(
            "compliant",
            r#"{"config": {"entra_admin_configured": true}}"#,
        ),
        Case::fail(
            "non-compliant",
            r#"{"config": {"entra_admin_configured": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
