use super::super::common::public_policy_verdict;
use crate::prelude::*;

/// Flags SQS queues whose access policy lets anyone send, receive or manage messages.
pub(crate) struct QueuePolicyPublic;

impl TypedRule for QueuePolicyPublic {
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
        let policy = need(&q.policy, "policy")?;
        Ok(public_policy_verdict(
            policy,
            &format!("SQS queue `{}` access policy", r.name),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.sqs.queue_policy_public",
    title: "SQS queue policy allows any principal",
    severity: Severity::High,
    severity_rationale: "Any AWS account can inject messages that consumers trust, or read and delete messages, \
        depending on the actions granted.",
    service: "sqs",
    description: "Checks the queue's access policy for Allow statements whose principal is `*` without a condition \
        that confines callers (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, source IP or VPC, …). \
        A queue without a policy passes.",
    risk: "Outsiders feed forged work items into the pipeline or drain its messages.",
    remediation: Remediation {
        summary: "Scope the principal to the producer and consumer accounts or services, or add a confining condition.",
        cli: "aws sqs get-queue-attributes --region {region} --queue-url https://sqs.{region}.amazonaws.com/{account}/{config.queue_name} --attribute-names Policy\n\
              # edit the policy, then:\n\
              aws sqs set-queue-attributes --region {region} --queue-url https://sqs.{region}.amazonaws.com/{account}/{config.queue_name} --attributes file://attributes.json",
        terraform: "resource \"aws_sqs_queue_policy\" \"{name}\" {\n  queue_url = aws_sqs_queue.{name}.id\n  policy    = data.aws_iam_policy_document.{name}.json # with aws:SourceArn conditions\n}",
        console: "SQS console → Queues → {config.queue_name} → Access policy → Edit → restrict the principal or add a condition.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Producers or consumers that relied on the open statement stop working.",
    permissions: &["sqs:GetQueueAttributes"],
    references: &[
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
    ],
    cases: &[
        Case::pass(
            "no policy",
            r#"{"config": {"queue_name": "q", "policy": {"statements": []}}}"#,
        ),
        Case::pass(
            "near miss: star limited to one SNS topic",
            r#"{"config": {"queue_name": "q", "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["sqs:SendMessage"], "resources": ["*"],
                "conditions": [{"operator": "ArnEquals", "key": "aws:SourceArn", "values": ["arn:aws:sns:us-east-1:111122223333:t"]}]}]}}}"#,
        ),
        Case::fail(
            "anyone may send",
            r#"{"config": {"queue_name": "q", "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["sqs:SendMessage"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown("policy not observed", r#"{"config": {"queue_name": "q"}}"#),
    ],
};
