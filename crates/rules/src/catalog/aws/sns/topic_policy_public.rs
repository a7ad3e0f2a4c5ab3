use super::super::common::public_policy_verdict;
use crate::prelude::*;

/// Flags SNS topics whose access policy lets anyone publish or subscribe.
pub(crate) struct TopicPolicyPublic;

impl TypedRule for TopicPolicyPublic {
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
        let policy = need(&t.policy, "policy")?;
        Ok(public_policy_verdict(
            policy,
            &format!("SNS topic `{}` access policy", r.name),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.sns.topic_policy_public",
    title: "SNS topic policy allows any principal",
    severity: Severity::High,
    severity_rationale: "Anyone on the internet with an AWS account can publish (spoofed alerts, cost) or subscribe \
        (read every message) depending on the actions granted.",
    service: "sns",
    description: "Checks the topic's access policy for Allow statements whose principal is `*` without a condition \
        that confines callers (`aws:SourceAccount`, `aws:SourceArn`, `aws:PrincipalOrgID`, source IP or VPC, …).",
    risk: "Outsiders subscribe their own endpoint and receive every notification, or publish messages that \
        downstream systems trust.",
    remediation: Remediation {
        summary: "Replace the `*` principal with the accounts or services that need access, or add a confining condition.",
        cli: "aws sns get-topic-attributes --region {region} --topic-arn {uid} --query Attributes.Policy --output text > policy.json\n\
              # edit policy.json: scope the \"Principal\": \"*\" statements\n\
              aws sns set-topic-attributes --region {region} --topic-arn {uid} --attribute-name Policy --attribute-value file://policy.json",
        terraform: "resource \"aws_sns_topic_policy\" \"{name}\" {\n  arn    = \"{uid}\"\n  policy = data.aws_iam_policy_document.{name}.json # principals: specific accounts or services\n}",
        console: "SNS console → Topics → {config.topic_name} → Edit → Access policy → restrict the principal or add a condition.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Publishers or subscribers that relied on the open statement lose access.",
    permissions: &["sns:GetTopicAttributes"],
    references: &["https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html"],
    cases: &[
        Case::pass(
            "owner account only",
            r#"{"config": {"topic_name": "t", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::111122223333:root"]}, "actions": ["SNS:Publish"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "near miss: star confined to the S3 source account",
            r#"{"config": {"topic_name": "t", "policy": {"statements": [{"effect": "Allow", "principal": {"service": ["s3.amazonaws.com"], "aws": ["*"]}, "actions": ["SNS:Publish"], "resources": ["*"],
                "conditions": [{"operator": "StringEquals", "key": "aws:SourceAccount", "values": ["111122223333"]}]}]}}}"#,
        ),
        Case::fail(
            "anyone may subscribe",
            r#"{"config": {"topic_name": "t", "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["SNS:Subscribe"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown("policy not observed", r#"{"config": {"topic_name": "t"}}"#),
    ],
};
