use posture_model::Typed;

use super::super::support::listed;

use crate::prelude::*;

/// Flags subscriptions with fewer than two or more than three direct Owners.
pub(crate) struct SubscriptionOwnerCount;

impl TypedRule for SubscriptionOwnerCount {
    type Config = azure::Subscription;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &azure::Subscription,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let sub = r.uid.to_ascii_lowercase();
        let mut seen = 0usize;
        let mut owners = std::collections::BTreeSet::new();
        for a in cx
            .index
            .of_kind_in(Kind::AzureRoleAssignment, &r.account, None)
        {
            let Some(c) = azure::RoleAssignment::from_config(&a.config) else {
                continue;
            };
            seen += 1;
            let (Some(role), Some(scope)) = (c.role_definition.as_deref(), c.scope.as_deref())
            else {
                return Ok(Verdict::Unknown(
                    format!("role assignment `{}` was not fully observed", a.name).into(),
                ));
            };
            if role == azure::builtin_roles::OWNER && scope.trim_end_matches('/') == sub {
                owners.insert(c.principal_id.clone().unwrap_or_else(|| a.uid.clone()));
            }
        }
        let n = owners.len();
        // Too many owners is proven by what was seen; too few is not when listing the
        // subscription's role assignments failed.
        if n <= 3 {
            listed(r, "role_assignments")?;
        }
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!("no role assignment of subscription {} was observed: either none exists or they were not collected", r.account).into(),
            ));
        }
        Ok(Verdict::check((2..=3).contains(&n), || {
            Verdict::fail(
                format!(
                    "Subscription {} has {n} direct Owner assignment(s); 2 to 3 are expected",
                    r.account
                ),
                "relationships.role_assignments",
                json!(n),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.authorization.subscription_owner_count",
    title: "Subscription does not have two to three Owners",
    severity: Severity::Medium,
    severity_rationale: "One owner is a single point of failure; many owners multiply the identities that can take over the subscription.",
    service: "authorization",
    description: "Counts distinct principals holding the built-in Owner role directly at subscription scope (inherited management-group assignments are not counted). Fewer than 2 or more than 3 fails.",
    risk: "With one owner, losing that account locks the subscription; with many, every owner account is a path to full control.",
    remediation: Remediation {
        summary: "Keep two or three named owners (ideally eligible through PIM) and use narrower roles for everyone else.",
        cli: "az role assignment list --role Owner --scope /subscriptions/{account} -o table\naz role assignment delete --role Owner --scope /subscriptions/{account} --assignee <principal>",
        terraform: "resource \"azurerm_role_assignment\" \"owner_primary\" {\n  scope                = \"/subscriptions/{account}\"\n  role_definition_name = \"Owner\"\n  principal_id         = \"<principal>\"\n}",
        console: "Azure portal → Subscriptions → {account} → Access control (IAM) → Role assignments → filter Owner → add or remove assignments.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Removed owners lose full control; make sure the remaining ones are reachable.",
    permissions: &["Microsoft.Authorization/roleAssignments/read"],
    references: &["https://learn.microsoft.com/azure/role-based-access-control/best-practices#limit-the-number-of-subscription-owners"],
    cases: &[
        Case::pass("two owners", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.authorization.role_assignment", "config": {"role_definition": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "principal_id": "a", "scope": "/subscriptions/111122223333"}}"#, r#"{"kind": "azure.authorization.role_assignment", "config": {"role_definition": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "principal_id": "b", "scope": "/subscriptions/111122223333"}}"#]),
        Case::fail("one owner, one reader", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.authorization.role_assignment", "config": {"role_definition": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "principal_id": "a", "scope": "/subscriptions/111122223333"}}"#, r#"{"kind": "azure.authorization.role_assignment", "config": {"role_definition": "acdd72a7-3385-48ef-bd42-f606fba81ae7", "principal_id": "b", "scope": "/subscriptions/111122223333"}}"#]),
        Case::unknown("listing role assignments was denied; one owner seen elsewhere (e.g. in an export)", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}, "gaps": [{"field": "role_assignments", "api": "GET providers/Microsoft.Authorization/roleAssignments", "reason": "denied", "detail": "403 AuthorizationFailed"}]}"#).with(&[r#"{"kind": "azure.authorization.role_assignment", "config": {"role_definition": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "principal_id": "a", "scope": "/subscriptions/111122223333"}}"#, r#"{"kind": "azure.authorization.role_assignment", "config": {"role_definition": "acdd72a7-3385-48ef-bd42-f606fba81ae7", "principal_id": "b", "scope": "/subscriptions/111122223333"}}"#]),
        Case::fail("owner only on a resource group", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#).with(&[r#"{"kind": "azure.authorization.role_assignment", "config": {"role_definition": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "principal_id": "a", "scope": "/subscriptions/111122223333/resourcegroups/rg"}}"#]),
        Case::unknown("no assignments observed", r#"{"uid": "/subscriptions/111122223333", "name": "prod-sub", "config": {"state": "Enabled"}}"#),
    ],
};
