use crate::prelude::*;

/// Flags IAM users with the AWS-managed `AWSCloudShellFullAccess` policy attached.
pub(crate) struct UserCloudshellFullAccess;

const POLICY: &str = "policy/AWSCloudShellFullAccess";

impl TypedRule for UserCloudshellFullAccess {
    type Config = aws::IamUser;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        x: &aws::IamUser,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let attached = need(&x.attached_policies, "attached_policies")?;
        let hit = attached
            .iter()
            .find(|a| a.starts_with("arn:aws") && a.contains(":iam::aws:") && a.ends_with(POLICY));
        Ok(Verdict::check(hit.is_none(), || {
            Verdict::fail(
                format!("IAM user `{}` has AWSCloudShellFullAccess attached", r.name),
                "config.attached_policies",
                json!(hit),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.user_cloudshell_full_access",
    title: "IAM user has AWSCloudShellFullAccess attached",
    severity: Severity::Low,
    severity_rationale: "CloudShell lets its user upload and download files and reach the internet from inside AWS; \
        the full-access policy opens that data path, which matters only if the user's credentials are misused.",
    service: "iam",
    description: "Checks the managed policies attached directly to the user for the AWS-managed \
        `AWSCloudShellFullAccess` policy (grants `cloudshell:*`, including file transfer).",
    risk: "A compromised user moves data out through CloudShell file downloads, bypassing network controls.",
    remediation: Remediation {
        summary: "Detach the policy; grant a scoped CloudShell policy that denies file upload and download if needed.",
        cli: "aws iam detach-user-policy --user-name {config.user_name} --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
        terraform: "# remove the aws_iam_user_policy_attachment of AWSCloudShellFullAccess for {config.user_name}",
        console: "IAM console → Users → {config.user_name} → Permissions → select AWSCloudShellFullAccess → Remove.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "The user loses CloudShell; give a scoped policy first if they need it.",
    permissions: &["iam:ListAttachedUserPolicies"],
    references: &[
        "https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html",
    ],
    cases: &[
        Case::pass(
            "other policies",
            r#"{"config": {"user_name": "u", "attached_policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}"#,
        ),
        Case::fail(
            "full access attached",
            r#"{"config": {"user_name": "u", "attached_policies": ["arn:aws:iam::aws:policy/AWSCloudShellFullAccess"]}}"#,
        ),
        Case::pass(
            "near miss: a customer policy with the same name",
            r#"{"config": {"user_name": "u", "attached_policies": ["arn:aws:iam::111122223333:policy/AWSCloudShellFullAccess"]}}"#,
        ),
        Case::unknown(
            "attachments not observed",
            r#"{"config": {"user_name": "u"}}"#,
        ),
    ],
};
