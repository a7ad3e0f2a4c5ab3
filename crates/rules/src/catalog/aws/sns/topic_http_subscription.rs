use crate::prelude::*;

/// Flags SNS topics that deliver to plain-HTTP endpoints.
pub(crate) struct TopicHttpSubscription;

impl TypedRule for TopicHttpSubscription {
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
        let subs = need(&t.subscriptions, "subscriptions")?;
        let http: Vec<&str> = subs
            .iter()
            .filter(|s| s.protocol.eq_ignore_ascii_case("http"))
            .map(|s| s.endpoint.as_str())
            .collect();
        Ok(Verdict::check(http.is_empty(), || {
            Verdict::fail(
                format!(
                    "SNS topic `{}` delivers over unencrypted HTTP to {}",
                    r.name,
                    http.join(", ")
                ),
                "config.subscriptions",
                json!(http),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.sns.topic_http_subscription",
    title: "SNS topic delivers to a plain-HTTP endpoint",
    severity: Severity::Medium,
    severity_rationale: "Every message crosses the internet in clear text and the endpoint is not authenticated by a \
        certificate, so anyone on the path can read or spoof deliveries.",
    service: "sns",
    description: "Checks the topic's subscriptions for the `http` protocol (as opposed to `https`, `sqs`, `lambda`, \
        e-mail or SMS).",
    risk: "Notification contents (often identifiers, status changes, personal data) are readable in transit and \
        the receiving endpoint can be impersonated.",
    remediation: Remediation {
        summary: "Replace the HTTP subscription with an HTTPS one (or an SQS queue / Lambda function).",
        cli: "aws sns subscribe --region {region} --topic-arn {uid} --protocol https --notification-endpoint https://<endpoint>\n\
              aws sns unsubscribe --region {region} --subscription-arn <http-subscription-arn>",
        terraform: "resource \"aws_sns_topic_subscription\" \"{name}\" {\n  topic_arn = \"{uid}\"\n  protocol  = \"https\"\n  endpoint  = \"https://<endpoint>\"\n}",
        console: "SNS console → Topics → {config.topic_name} → Subscriptions → create an HTTPS subscription, confirm it, \
            then delete the HTTP one.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The receiving service must serve HTTPS and confirm the new subscription before the old one goes.",
    permissions: &["sns:ListSubscriptionsByTopic"],
    references: &["https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html"],
    cases: &[
        Case::pass(
            "https and email subscribers",
            r#"{"config": {"topic_name": "t", "subscriptions": [{"protocol": "https", "endpoint": "https://hooks.example.com/x"}, {"protocol": "email", "endpoint": "a@example.com"}]}}"#,
        ),
        Case::pass(
            "no subscribers",
            r#"{"config": {"topic_name": "t", "subscriptions": []}}"#,
        ),
        Case::fail(
            "an http subscriber",
            r#"{"config": {"topic_name": "t", "subscriptions": [{"protocol": "http", "endpoint": "http://hooks.example.com/x"}]}}"#,
        ),
        Case::unknown(
            "subscriptions not observed",
            r#"{"config": {"topic_name": "t"}}"#,
        ),
    ],
};
