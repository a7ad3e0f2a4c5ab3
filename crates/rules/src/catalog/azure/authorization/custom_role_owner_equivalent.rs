use crate::prelude::*;

/// Flags custom roles that grant every action at subscription (or wider) scope.
pub(crate) struct CustomRoleOwnerEquivalent;

impl TypedRule for CustomRoleOwnerEquivalent {
    type Config = azure::RoleDefinition;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::RoleDefinition,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let ty = need(&c.role_type, "role_type")?;
        if !ty.eq_ignore_ascii_case("customrole") {
            return Ok(Verdict::NotApplicable("a built-in role".into()));
        }
        let actions = need(&c.actions, "actions")?;
        let scopes = need(&c.assignable_scopes, "assignable_scopes")?;
        let wildcard = actions.iter().any(|a| a.trim() == "*");
        let broad: Vec<&String> = scopes
            .iter()
            .filter(|s| {
                let s = s.trim_end_matches('/');
                s.is_empty()
                    || s.starts_with("/providers/microsoft.management/managementgroups/")
                    || (s.starts_with("/subscriptions/")
                        && s.split('/').filter(|x| !x.is_empty()).count() == 2)
            })
            .collect();
        Ok(Verdict::check(!wildcard || broad.is_empty(), || {
            Verdict::fail(
                format!(
                    "Custom role `{}` grants all actions (`*`) and is assignable at {}",
                    c.role_name.as_deref().unwrap_or(&r.name),
                    broad
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "config.actions",
                json!(actions),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.authorization.custom_role_owner_equivalent",
    title: "Custom role grants owner-equivalent rights at subscription scope",
    severity: Severity::High,
    severity_rationale: "Anyone assigned the role holds full control of the subscription outside the scrutiny built-in Owner assignments get.",
    service: "authorization",
    description: "Fails for custom roles whose actions include `*` and whose assignable scopes include the root, a management group or a whole subscription.",
    risk: "A hidden administrator role escapes privileged-role reviews and PIM policies written for Owner.",
    remediation: Remediation {
        summary: "Replace `*` with the actions the role really needs, or use the built-in Owner role with PIM.",
        cli: "az role definition update --role-definition @role.json   # role.json without \"*\" in Actions",
        terraform: "resource \"azurerm_role_definition\" \"{name}\" {\n  # …\n  permissions {\n    actions = [\"Microsoft.Compute/virtualMachines/read\"]\n  }\n}",
        console: "Azure portal → Subscriptions → subscription → Access control (IAM) → Roles → filter Custom → the role → Edit → Permissions → remove \"*\" → Review + update.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Holders of the role lose every action that is not listed explicitly.",
    permissions: &["Microsoft.Authorization/roleDefinitions/read"],
    references: &["https://learn.microsoft.com/azure/role-based-access-control/custom-roles"],
    cases: &[
        Case::pass(
            "scoped actions",
            r#"{"config": {"role_name": "VM reader", "role_type": "CustomRole", "actions": ["Microsoft.Compute/virtualMachines/read"], "assignable_scopes": ["/subscriptions/111122223333"]}}"#,
        ),
        Case::fail(
            "star at subscription",
            r#"{"config": {"role_name": "Super", "role_type": "CustomRole", "actions": ["*"], "assignable_scopes": ["/subscriptions/111122223333"]}}"#,
        ),
        Case::pass(
            "star on one resource group",
            r#"{"config": {"role_name": "RG admin", "role_type": "CustomRole", "actions": ["*"], "assignable_scopes": ["/subscriptions/111122223333/resourcegroups/sandbox"]}}"#,
        ),
        Case::not_applicable(
            "built-in",
            r#"{"config": {"role_type": "BuiltInRole", "actions": ["*"]}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"role_type": "CustomRole"}}"#),
    ],
};
