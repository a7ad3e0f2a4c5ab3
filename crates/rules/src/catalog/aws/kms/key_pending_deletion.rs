use crate::prelude::*;

/// Flags customer-managed keys scheduled for deletion.
pub(crate) struct KeyPendingDeletion;

impl TypedRule for KeyPendingDeletion {
    type Config = aws::KmsKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        k: &aws::KmsKey,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if need(&k.key_manager, "key_manager")?.eq_ignore_ascii_case("AWS") {
            return Ok(Verdict::NotApplicable("AWS-managed key".into()));
        }
        let state = need(&k.key_state, "key_state")?;
        Ok(Verdict::check(
            !state.eq_ignore_ascii_case("PendingDeletion"),
            || {
                Verdict::fail(
                    format!(
                        "KMS key `{}` ({}) is scheduled for deletion",
                        r.name, k.key_id
                    ),
                    "config.key_state",
                    json!(state),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.kms.key_pending_deletion",
    title: "KMS key is scheduled for deletion",
    severity: Severity::Medium,
    severity_rationale: "Once the waiting period ends, everything encrypted under the key is unrecoverable; the \
        waiting period leaves time to cancel, so Medium.",
    service: "kms",
    description: "Checks whether a customer-managed key is in the `PendingDeletion` state. Deliberate clean-ups \
        will show up here too: confirm nothing still needs the key.",
    risk: "Data, snapshots and backups encrypted with the key become permanently unreadable; a malicious deletion \
        is a ransomware-style attack on availability.",
    remediation: Remediation {
        summary: "If anything still uses the key, cancel the deletion and re-enable the key.",
        cli: "aws kms cancel-key-deletion --region {region} --key-id {config.key_id}\n\
              aws kms enable-key --region {region} --key-id {config.key_id}",
        terraform: "# Keep the aws_kms_key resource in the configuration (deletion is scheduled when it is removed).",
        console: "KMS console → Customer managed keys → {config.key_id} → Key actions → Cancel key deletion, then Enable.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The deletion may be intended; someone must confirm the key is unused before letting it go.",
    permissions: &["kms:DescribeKey"],
    references: &["https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html"],
    cases: &[
        Case::pass(
            "enabled",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_state": "Enabled"}}"#,
        ),
        Case::pass(
            "disabled is not deletion",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_state": "Disabled"}}"#,
        ),
        Case::fail(
            "pending deletion",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_state": "PendingDeletion"}}"#,
        ),
        Case::not_applicable(
            "AWS-managed",
            r#"{"config": {"key_id": "k1", "key_manager": "AWS", "key_state": "Enabled"}}"#,
        ),
        Case::unknown(
            "state not recorded",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER"}}"#,
        ),
    ],
};
