use super::policy_gate::attached_document;
use crate::iam::{effective_allow_everywhere, statement_is_admin};
use crate::prelude::*;

/// Flags policies that allow decrypting with every KMS key.
pub(crate) struct PolicyKmsDecryptAllKeys;

impl TypedRule for PolicyKmsDecryptAllKeys {
    type Config = aws::IamPolicy;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        p: &aws::IamPolicy,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let doc = match attached_document(p)? {
            Ok(d) => d,
            Err(v) => return Ok(v),
        };
        let Some(i) = ["kms:Decrypt", "kms:ReEncryptFrom"]
            .iter()
            .find_map(|a| effective_allow_everywhere(doc, a, statement_is_admin))
        else {
            return Ok(Verdict::Pass);
        };
        Ok(Verdict::fail(
            format!(
                "Policy `{}` allows kms:Decrypt with every KMS key (`Resource: *`, no kms:ViaService condition)",
                r.name
            ),
            &format!("config.document.statements[{i}]"),
            json!(doc.statements.get(i)),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.policy_kms_decrypt_all_keys",
    title: "IAM policy allows decryption with every KMS key",
    severity: Severity::Medium,
    severity_rationale: "Key policies usually delegate to IAM, so this grant unlocks every encrypted secret, \
        snapshot and object whose key trusts the account; Medium because the ciphertext must still be reachable.",
    service: "iam",
    description: "For attached customer-managed policies, fails when `kms:Decrypt` (or `kms:ReEncryptFrom`) is \
        effectively allowed on `*`: an Allow naming it (directly or by wildcard such as `kms:*`) on every \
        resource, not confined by a condition such as `kms:ViaService` or `aws:SourceVpce`, and not removed by an \
        unconditional Deny. Full-admin statements are left to `aws.iam.policy_full_admin`.",
    risk: "Encryption stops separating duties: anyone holding the policy can decrypt data of other teams and \
        environments, which defeats the purpose of per-workload keys.",
    remediation: Remediation {
        summary: "List the key ARNs the identities need, or add a `kms:ViaService` condition so decryption only \
            works through the intended service.",
        cli: "aws iam create-policy-version --policy-arn {uid} --set-as-default --policy-document file://scoped.json\n\
              # scoped.json: \"Action\": \"kms:Decrypt\", \"Resource\": \"arn:aws:kms:{region}:{account}:key/<key-id>\"",
        terraform: "data \"aws_iam_policy_document\" \"{name}\" {\n  statement {\n    actions   = [\"kms:Decrypt\"]\n    resources = [aws_kms_key.app.arn]\n  }\n}",
        console: "IAM console → Policies → {name} → Edit: replace the `*` resource of the kms:Decrypt statement with key \
            ARNs, or add a kms:ViaService condition.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Applications decrypting with keys not listed break; the owner must list them.",
    permissions: &["iam:ListPolicies", "iam:GetPolicyVersion"],
    references: &[
        "https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html",
        "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service",
    ],
    cases: &[
        Case::pass(
            "decrypt with one key",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["kms:Decrypt"], "resources": ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]}]}}}"#,
        ),
        Case::pass(
            "decrypt on * only through Secrets Manager",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["kms:Decrypt"], "resources": ["*"],
                 "conditions": [{"operator": "StringEquals", "key": "kms:ViaService", "values": ["secretsmanager.us-east-1.amazonaws.com"]}]}]}}}"#,
        ),
        Case::pass(
            "encrypt-only on *",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["kms:Encrypt", "kms:GenerateDataKey"], "resources": ["*"]}]}}}"#,
        ),
        Case::fail(
            "kms:* on *",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["kms:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::fail(
            "decrypt on * with a Deny limited to one key",
            r#"{"config": {"policy_name": "p", "attachment_count": 1, "document": {"statements": [
                {"effect": "Allow", "actions": ["kms:Decrypt"], "resources": ["*"]},
                {"effect": "Deny", "actions": ["kms:Decrypt"], "resources": ["arn:aws:kms:us-east-1:111122223333:key/root-secrets"]}]}}}"#,
        ),
        Case::unknown(
            "document not collected",
            r#"{"config": {"policy_name": "p", "attachment_count": 1}}"#,
        ),
    ],
};
