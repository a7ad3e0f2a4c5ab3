use crate::prelude::*;

/// Flags accounts whose root user has access keys.
pub(crate) struct RootAccessKeysPresent;

impl TypedRule for RootAccessKeysPresent {
    type Config = aws::IamAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        a: &aws::IamAccount,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let present = *need(&a.root_access_keys_present, "root_access_keys_present")?;
        Ok(Verdict::check(!present, || {
            Verdict::fail(
                format!("Root user of account {} has access keys", r.account),
                "config.root_access_keys_present",
                json!(true),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.root_access_keys_present",
    title: "Root user has access keys",
    severity: Severity::Critical,
    severity_rationale: "A root access key is an unrestrictable, long-lived credential for everything in the \
        account; IAM policies cannot restrict it (only SCPs can, and only in member accounts).",
    service: "iam",
    description: "Checks whether the root user has any access key (active or not).",
    risk: "If the key leaks, the attacker has full programmatic control of the account, and MFA does not \
        apply to API calls made with it.",
    remediation: Remediation {
        summary: "Find what uses the root key (CloudTrail `userIdentity.type = Root`), move it to an IAM role, \
            then delete the key.",
        cli: "# Run with root credentials (or centrally via AWS Organizations for member accounts):\n\
              aws iam list-access-keys\n\
              aws iam delete-access-key --access-key-id <root-key-id>",
        terraform: "# Root access keys cannot be managed with Terraform; delete them in the console or CLI.",
        console: "Sign in as the root user of {account} → account menu → Security credentials → Access keys → \
            Actions → Deactivate, then Delete once nothing breaks.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Whatever still uses the key stops working; only the root user can delete it.",
    permissions: &[
        "iam:GetAccountSummary",
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
    ],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
    ],
    cases: &[
        Case::pass(
            "no root keys",
            r#"{"config": {"root_access_keys_present": false}}"#,
        ),
        Case::fail(
            "root key present",
            r#"{"config": {"root_access_keys_present": true}}"#,
        ),
        Case::unknown(
            "credential report not readable",
            r#"{"config": {}, "gaps": [{"field": "root_access_keys_present", "api": "iam:GetCredentialReport", "reason": "denied"}]}"#,
        ),
    ],
};
