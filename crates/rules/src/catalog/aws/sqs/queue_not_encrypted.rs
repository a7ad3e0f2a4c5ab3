use crate::prelude::*;

/// Flags SQS queues with neither SSE-SQS nor SSE-KMS.
pub(crate) struct QueueNotEncrypted;

impl TypedRule for QueueNotEncrypted {
    type Config = aws::SqsQueue;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        q: &aws::SqsQueue,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let kms = need(&q.kms_master_key_id, "kms_master_key_id")?;
        if !kms.trim().is_empty() {
            return Ok(Verdict::Pass);
        }
        let sqs = *need(&q.sqs_managed_sse_enabled, "sqs_managed_sse_enabled")?;
        Ok(Verdict::check(sqs, || {
            Verdict::fail(
                format!("SQS queue `{}` is not encrypted at rest", r.name),
                "config.sqs_managed_sse_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.sqs.queue_not_encrypted",
    title: "SQS queue is not encrypted at rest",
    severity: Severity::Medium,
    severity_rationale: "Queues hold message bodies for up to 14 days, often with business or personal data; \
        encryption at rest is free with SQS-owned keys, so its absence is an avoidable gap.",
    service: "sqs",
    description: "Checks that the queue uses server-side encryption, either with SQS-owned keys (SSE-SQS) or with a \
        KMS key (SSE-KMS).",
    risk: "Message bodies are stored unencrypted, which fails encryption-at-rest requirements for regulated data.",
    remediation: Remediation {
        summary: "Enable SSE-SQS (no key management) or SSE-KMS.",
        cli: "aws sqs set-queue-attributes --region {region} --queue-url https://sqs.{region}.amazonaws.com/{account}/{config.queue_name} \\\n  --attributes SqsManagedSseEnabled=true",
        terraform: "resource \"aws_sqs_queue\" \"{name}\" {\n  name                    = \"{config.queue_name}\"\n  sqs_managed_sse_enabled = true\n}",
        console: "SQS console → Queues → {config.queue_name} → Edit → Encryption → Server-side encryption: Enabled → \
            Amazon SQS key (SSE-SQS) → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "SSE-SQS is transparent to producers and consumers; only SSE-KMS would need key permissions.",
    permissions: &["sqs:ListQueues", "sqs:GetQueueAttributes"],
    references: &[
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
    ],
    cases: &[
        Case::pass(
            "SSE-SQS",
            r#"{"config": {"queue_name": "q", "kms_master_key_id": "", "sqs_managed_sse_enabled": true}}"#,
        ),
        Case::pass(
            "near miss: SSE-KMS with SSE-SQS off",
            r#"{"config": {"queue_name": "q", "kms_master_key_id": "alias/aws/sqs", "sqs_managed_sse_enabled": false}}"#,
        ),
        Case::fail(
            "neither",
            r#"{"config": {"queue_name": "q", "kms_master_key_id": "", "sqs_managed_sse_enabled": false}}"#,
        ),
        Case::unknown(
            "attributes not observed",
            r#"{"config": {"queue_name": "q"}}"#,
        ),
    ],
};
