use crate::iam::public_statements;
use crate::prelude::*;

/// Flags KMS keys whose key policy lets any principal use the key.
pub(crate) struct KeyPolicyPublic;

impl TypedRule for KeyPolicyPublic {
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
        let policy = need(&k.policy, "policy")?;
        let evidence: Vec<Evidence> = public_statements(policy)
            .map(|(i, s)| Evidence {
                path: format!("config.policy.statements[{i}]"),
                observed: json!(s),
            })
            .collect();
        if evidence.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::Fail {
            message: format!(
                "KMS key `{}` ({}) policy allows any principal (`*`, no restricting condition)",
                r.name, k.key_id
            ),
            evidence,
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.kms.key_policy_public",
    title: "KMS key policy allows any principal",
    severity: Severity::High,
    severity_rationale: "Any AWS account can use (or administer, depending on the actions) the key, so anything \
        encrypted under it is readable by outsiders who get hold of the ciphertext.",
    service: "kms",
    description: "Checks the key policy for Allow statements whose principal is `*` and whose conditions do not \
        confine callers to known accounts, an organization, or a service path (`kms:CallerAccount`, \
        `kms:ViaService`, `aws:PrincipalOrgID`, …).",
    risk: "Outside accounts decrypt data, or with administrative actions schedule the key's deletion or change \
        its policy.",
    remediation: Remediation {
        summary: "Replace the `*` principal with the account root or specific roles, or add a `kms:CallerAccount` \
            condition.",
        cli: "aws kms get-key-policy --region {region} --key-id {config.key_id} --policy-name default --output text > key-policy.json\n\
              # edit key-policy.json: scope the \"Principal\": \"*\" statement\n\
              aws kms put-key-policy --region {region} --key-id {config.key_id} --policy-name default --policy file://key-policy.json",
        terraform: "resource \"aws_kms_key_policy\" \"{name}\" {\n  key_id = \"{config.key_id}\"\n  policy = data.aws_iam_policy_document.{name}_key.json # principals: arn:aws:iam::{account}:root\n}",
        console: "KMS console → Customer managed keys → {config.key_id} → Key policy → Edit: replace the `*` principal or \
            add a kms:CallerAccount condition.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Cross-account consumers relying on the open statement lose access to the key.",
    permissions: &["kms:GetKeyPolicy"],
    references: &[
        "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html",
        "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
    ],
    cases: &[
        Case::pass(
            "account root only (the default policy)",
            r#"{"config": {"key_id": "k1", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::111122223333:root"]}, "actions": ["kms:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "star restricted by caller account",
            r#"{"config": {"key_id": "k1", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["kms:Decrypt"], "resources": ["*"],
                "conditions": [{"operator": "StringEquals", "key": "kms:CallerAccount", "values": ["111122223333"]}]}]}}}"#,
        ),
        Case::fail(
            "star without condition",
            r#"{"config": {"key_id": "k1", "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["kms:Decrypt"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown("policy not collected", r#"{"config": {"key_id": "k1"}}"#),
    ],
};
