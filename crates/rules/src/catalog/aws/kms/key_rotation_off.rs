use crate::prelude::*;

/// Flags customer-managed symmetric KMS keys without automatic rotation.
pub(crate) struct KeyRotationOff;

impl TypedRule for KeyRotationOff {
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
        let manager = need(&k.key_manager, "key_manager")?;
        if !manager.eq_ignore_ascii_case("CUSTOMER") {
            return Ok(Verdict::NotApplicable(
                "AWS-managed key (AWS rotates it)".into(),
            ));
        }
        if k.key_state
            .as_deref()
            .is_some_and(|s| matches!(s, "PendingDeletion" | "PendingReplicaDeletion"))
        {
            return Ok(Verdict::NotApplicable("key is pending deletion".into()));
        }
        let rotation = *need(&k.rotation_enabled, "rotation_enabled")?;
        if rotation {
            return Ok(Verdict::Pass);
        }
        // Automatic rotation exists only for symmetric encryption keys.
        let spec = need(&k.key_spec, "key_spec")?;
        if spec != "SYMMETRIC_DEFAULT" {
            return Ok(Verdict::NotApplicable(
                "automatic rotation is not available for this key spec".into(),
            ));
        }
        Ok(Verdict::fail(
            format!(
                "KMS key `{}` ({}) has automatic rotation off",
                r.name, k.key_id
            ),
            "config.rotation_enabled",
            json!(false),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.kms.key_rotation_off",
    title: "KMS customer-managed key rotation is off",
    severity: Severity::Low,
    severity_rationale: "Rotation limits how much data one key version protects; KMS key material never leaves \
        the service, so the practical risk of not rotating is small.",
    service: "kms",
    description: "Checks that automatic yearly (or custom-period) rotation is enabled for customer-managed \
        symmetric encryption keys. AWS-managed keys, keys pending deletion and asymmetric or HMAC keys (which \
        cannot rotate automatically) are not applicable.",
    risk: "A single key version protects an ever-growing amount of data, and rotation-based compliance \
        requirements are not met.",
    remediation: Remediation {
        summary: "Enable automatic key rotation.",
        cli: "aws kms enable-key-rotation --region {region} --key-id {config.key_id}",
        terraform: "resource \"aws_kms_key\" \"{name}\" {\n  # …\n  enable_key_rotation = true\n}",
        console: "KMS console → Customer managed keys → {config.key_id} → Key rotation → tick 'Automatically rotate \
            this KMS key every year' → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "KMS keeps old key material to decrypt existing data; key id, ARN and policy are unchanged.",
    permissions: &[
        "kms:ListKeys",
        "kms:DescribeKey",
        "kms:GetKeyRotationStatus",
    ],
    references: &["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"],
    cases: &[
        Case::pass(
            "rotation on",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_spec": "SYMMETRIC_DEFAULT", "key_state": "Enabled", "rotation_enabled": true}}"#,
        ),
        Case::fail(
            "rotation off",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_spec": "SYMMETRIC_DEFAULT", "key_state": "Enabled", "rotation_enabled": false}}"#,
        ),
        Case::fail(
            "disabled keys still protect data",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_spec": "SYMMETRIC_DEFAULT", "key_state": "Disabled", "rotation_enabled": false}}"#,
        ),
        Case::not_applicable(
            "AWS-managed key",
            r#"{"config": {"key_id": "k1", "key_manager": "AWS", "key_spec": "SYMMETRIC_DEFAULT", "rotation_enabled": false}}"#,
        ),
        Case::not_applicable(
            "asymmetric key",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_spec": "RSA_2048", "rotation_enabled": false}}"#,
        ),
        Case::not_applicable(
            "pending deletion",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_spec": "SYMMETRIC_DEFAULT", "key_state": "PendingDeletion", "rotation_enabled": false}}"#,
        ),
        Case::unknown(
            "rotation status denied",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "key_spec": "SYMMETRIC_DEFAULT"}, "gaps": [{"field": "rotation_enabled", "api": "kms:GetKeyRotationStatus", "reason": "denied"}]}"#,
        ),
        Case::unknown(
            "rotation off but key spec unknown",
            r#"{"config": {"key_id": "k1", "key_manager": "CUSTOMER", "rotation_enabled": false}}"#,
        ),
    ],
};
