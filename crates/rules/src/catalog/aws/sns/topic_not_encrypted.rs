use crate::prelude::*;

/// Flags SNS topics without server-side encryption.
pub(crate) struct TopicNotEncrypted;

impl TypedRule for TopicNotEncrypted {
    type Config = aws::SnsTopic;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        t: &aws::SnsTopic,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let key = need(&t.kms_master_key_id, "kms_master_key_id")?;
        Ok(Verdict::check(!key.trim().is_empty(), || {
            Verdict::fail(
                format!("SNS topic `{}` is not encrypted at rest", r.name),
                "config.kms_master_key_id",
                json!(key),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.sns.topic_not_encrypted",
    title: "SNS topic is not encrypted at rest",
    severity: Severity::Low,
    severity_rationale: "Messages sit in the topic only until delivered and SNS storage is not directly reachable; \
        encryption mainly satisfies data-at-rest requirements for sensitive notifications.",
    service: "sns",
    description: "Checks that server-side encryption is configured on the topic (a KMS key: `alias/aws/sns` or a \
        customer-managed key).",
    risk: "Messages with personal or operational data are stored unencrypted while in transit through SNS, which \
        fails encryption-at-rest obligations.",
    remediation: Remediation {
        summary: "Turn on server-side encryption with the AWS-managed SNS key or a customer-managed key.",
        cli: "aws sns set-topic-attributes --region {region} --topic-arn {uid} --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns",
        terraform: "resource \"aws_sns_topic\" \"{name}\" {\n  name              = \"{config.topic_name}\"\n  kms_master_key_id = \"alias/aws/sns\"\n}",
        console: "SNS console → Topics → {config.topic_name} → Edit → Encryption → Enable encryption → choose a key → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Publishers from other services or accounts need kms:GenerateDataKey/Decrypt on a customer key; \
        with the AWS-managed key, cross-account and some service publishers can no longer publish.",
    permissions: &["sns:ListTopics", "sns:GetTopicAttributes"],
    references: &["https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html"],
    cases: &[
        Case::pass(
            "AWS-managed key",
            r#"{"config": {"topic_name": "t", "kms_master_key_id": "alias/aws/sns"}}"#,
        ),
        Case::fail(
            "no key",
            r#"{"config": {"topic_name": "t", "kms_master_key_id": ""}}"#,
        ),
        Case::fail(
            "near miss: whitespace is not a key",
            r#"{"config": {"topic_name": "t", "kms_master_key_id": " "}}"#,
        ),
        Case::unknown(
            "attributes not observed",
            r#"{"config": {"topic_name": "t"}}"#,
        ),
    ],
};
