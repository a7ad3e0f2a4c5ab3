use crate::prelude::*;

/// Flags User Access Administrator assignments at the tenant root scope.
pub(crate) struct UserAccessAdminAtRoot;

impl TypedRule for UserAccessAdminAtRoot {
    type Config = azure::RoleAssignment;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        _r: &Resource,
        c: &azure::RoleAssignment,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let role = need(&c.role_definition, "role_definition")?;
        if role != azure::builtin_roles::USER_ACCESS_ADMINISTRATOR {
            return Ok(Verdict::NotApplicable(
                "not a User Access Administrator assignment".into(),
            ));
        }
        let scope = need(&c.scope, "scope")?;
        Ok(Verdict::check(scope.trim() != "/", || {
            Verdict::fail(
                format!(
                    "Principal {} holds User Access Administrator at the root scope",
                    c.principal_id.as_deref().unwrap_or("?")
                ),
                "config.scope",
                json!(scope),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.authorization.user_access_admin_at_root",
    title: "User Access Administrator is assigned at the root scope",
    severity: Severity::High,
    severity_rationale: "Root-scope User Access Administrator can grant itself any role on every subscription and management group in the tenant.",
    service: "authorization",
    description: "Fails for assignments of the built-in User Access Administrator role at scope `/`, which is what \"elevate access\" of a Global Administrator creates and is meant to be removed right after use.",
    risk: "A leftover elevation gives one identity control over all Azure resources of the tenant.",
    remediation: Remediation {
        summary: "Remove the root-scope assignment (the Global Administrator can turn \"Access management for Azure resources\" off).",
        cli: "az role assignment delete --assignee {config.principal_id} --role \"User Access Administrator\" --scope \"/\"",
        terraform: "# Root-scope elevation is not managed in Terraform; remove it with the CLI or the Entra admin center.",
        console: "Microsoft Entra admin center → Identity → Overview → Properties → Access management for Azure resources: No → Save (signed in as the elevated user).",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Elevation is meant to be temporary; regular role assignments are unaffected.",
    permissions: &["Microsoft.Authorization/roleAssignments/read"],
    references: &[
        "https://learn.microsoft.com/azure/role-based-access-control/elevate-access-global-admin",
    ],
    cases: &[
        Case::pass(
            "subscription scope",
            r#"{"config": {"role_definition": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "principal_id": "p1", "scope": "/subscriptions/111122223333"}}"#,
        ),
        Case::fail(
            "root scope",
            r#"{"config": {"role_definition": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "principal_id": "p1", "scope": "/"}}"#,
        ),
        Case::not_applicable(
            "owner role",
            r#"{"config": {"role_definition": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "scope": "/"}}"#,
        ),
        Case::unknown(
            "scope not observed",
            r#"{"config": {"role_definition": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"}}"#,
        ),
    ],
};
