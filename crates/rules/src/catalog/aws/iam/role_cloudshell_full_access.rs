use crate::prelude::*;

/// Flags IAM roles with the AWS-managed `AWSCloudShellFullAccess` policy attached.
pub(crate) struct RoleCloudshellFullAccess;

const POLICY: &str = "policy/AWSCloudShellFullAccess";

impl TypedRule for RoleCloudshellFullAccess {
    type Config = aws::IamRole;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        x: &aws::IamRole,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let attached = need(&x.attached_policies, "attached_policies")?;
        let hit = attached
            .iter()
            .find(|a| a.starts_with("arn:aws") && a.contains(":iam::aws:") && a.ends_with(POLICY));
        Ok(Verdict::check(hit.is_none(), || {
            Verdict::fail(
                format!("IAM role `{}` has AWSCloudShellFullAccess attached", r.name),
                "config.attached_policies",
                json!(hit),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.role_cloudshell_full_access",
    title: "IAM role has AWSCloudShellFullAccess attached",
    severity: Severity::Low,
    severity_rationale: "Whoever assumes the role (often many people through SSO) gets CloudShell with file transfer; \
        the data path matters if a session is misused.",
    service: "iam",
    description: "Checks the managed policies attached to the role for the AWS-managed `AWSCloudShellFullAccess` \
        policy (grants `cloudshell:*`, including file upload and download).",
    risk: "Data leaves the account through CloudShell downloads by anyone able to assume the role.",
    remediation: Remediation {
        summary: "Detach the policy; attach a scoped CloudShell policy that denies file transfer where needed.",
        cli: "aws iam detach-role-policy --role-name {config.role_name} --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
        terraform: "# remove the aws_iam_role_policy_attachment of AWSCloudShellFullAccess for {config.role_name}",
        console: "IAM console → Roles → {config.role_name} → Permissions → select AWSCloudShellFullAccess → Remove.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Sessions of the role lose CloudShell; provide a scoped policy first if it is needed.",
    permissions: &["iam:ListAttachedRolePolicies"],
    references: &[
        "https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html",
    ],
    cases: &[
        Case::pass(
            "other policies",
            r#"{"config": {"role_name": "r", "attached_policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}"#,
        ),
        Case::fail(
            "full access attached",
            r#"{"config": {"role_name": "r", "attached_policies": ["arn:aws:iam::aws:policy/AWSCloudShellFullAccess"]}}"#,
        ),
        Case::pass(
            "near miss: the power-user policy",
            r#"{"config": {"role_name": "r", "attached_policies": ["arn:aws:iam::aws:policy/AWSCloudShellPowerUser"]}}"#,
        ),
        Case::unknown(
            "attachments not observed",
            r#"{"config": {"role_name": "r"}}"#,
        ),
    ],
};
