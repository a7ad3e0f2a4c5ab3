use crate::prelude::*;

/// Flags IAM users that hold permissions directly instead of through groups.
pub(crate) struct UserPoliciesAttachedDirectly;

impl TypedRule for UserPoliciesAttachedDirectly {
    type Config = aws::IamUser;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        u: &aws::IamUser,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mut found: Vec<String> = Vec::new();
        let mut evidence = Vec::new();
        if let Some(attached) = &u.attached_policies
            && !attached.is_empty()
        {
            found.extend(
                attached
                    .iter()
                    .map(|a| format!("managed {}", a.rsplit('/').next().unwrap_or(a))),
            );
            evidence.push(Evidence {
                path: "config.attached_policies".into(),
                observed: json!(attached),
            });
        }
        if let Some(inline) = &u.inline_policies
            && !inline.is_empty()
        {
            let names: Vec<&str> = inline.iter().map(|p| p.name.as_str()).collect();
            found.extend(names.iter().map(|n| format!("inline {n}")));
            evidence.push(Evidence {
                path: "config.inline_policies".into(),
                observed: json!(names),
            });
        }
        if !found.is_empty() {
            return Ok(Verdict::Fail {
                message: format!(
                    "IAM user `{}` has policies of its own: {}",
                    r.name,
                    found.join(", ")
                ),
                evidence,
            });
        }
        // Both lists must have been observed (and empty) to pass.
        need(&u.attached_policies, "attached_policies")?;
        need(&u.inline_policies, "inline_policies")?;
        Ok(Verdict::Pass)
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_policies_attached_directly",
    title: "IAM user has policies attached directly instead of through groups",
    severity: Severity::Low,
    severity_rationale: "A manageability problem that breeds privilege creep; it grants nothing a group could \
        not grant, so Low.",
    service: "iam",
    description: "Fails when the user has any attached managed policy or any inline policy. Permissions given \
        through group membership are the norm; per-user grants are hard to review and are forgotten when \
        people change teams.",
    risk: "One-off grants accumulate on individual users, survive role changes and escape access reviews that \
        look at groups.",
    remediation: Remediation {
        summary: "Move the permissions to a group (or, better, to roles assumed through IAM Identity Center) and \
            detach them from the user.",
        cli: "aws iam list-attached-user-policies --user-name {config.user_name}\n\
              aws iam list-user-policies --user-name {config.user_name}\n\
              aws iam add-user-to-group --user-name {config.user_name} --group-name <group-with-these-permissions>\n\
              aws iam detach-user-policy --user-name {config.user_name} --policy-arn <policy-arn>\n\
              aws iam delete-user-policy --user-name {config.user_name} --policy-name <inline-policy-name>",
        terraform: "resource \"aws_iam_user_group_membership\" \"{name}\" {\n  user   = \"{config.user_name}\"\n  groups = [aws_iam_group.developers.name]\n}\n# and remove aws_iam_user_policy / aws_iam_user_policy_attachment resources for this user",
        console: "IAM console → Users → {config.user_name} → Permissions: note the directly attached and inline \
            policies; Groups → add the user to a group that holds them; then remove them from the user.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The user loses access unless an equivalent group grant exists first.",
    permissions: &["iam:ListAttachedUserPolicies", "iam:ListUserPolicies"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html",
    ],
    cases: &[
        Case::pass(
            "permissions only from groups",
            r#"{"config": {"user_name": "alice", "attached_policies": [], "inline_policies": [], "groups": ["developers"]}}"#,
        ),
        Case::fail(
            "managed policy attached to the user",
            r#"{"config": {"user_name": "alice", "attached_policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "inline_policies": []}}"#,
        ),
        Case::fail(
            "inline policy, attached list unknown",
            r#"{"config": {"user_name": "alice", "inline_policies": [{"name": "s3-access", "document": {"statements": []}}]}}"#,
        ),
        Case::unknown(
            "inline policies not collected",
            r#"{"config": {"user_name": "alice", "attached_policies": []}}"#,
        ),
    ],
};
