//! No alarm on console sign-ins without MFA.

use super::monitoring::{Monitoring, Spec};
use crate::prelude::*;

static SPEC: Spec = Spec {
    label: "console sign-ins without MFA",
    terms: &[
        "$.eventName=ConsoleLogin",
        "$.additionalEventData.MFAUsed!=Yes",
    ],
};

/// No alarm on console sign-ins without MFA (CIS monitoring chain).
pub(crate) static CONSOLE_SIGNIN_WITHOUT_MFA_UNMONITORED: Monitoring = Monitoring {
    spec: &SPEC,
    meta: &META,
};

static META: RuleMeta = RuleMeta {
    id: "aws.cloudwatch.console_signin_without_mfa_unmonitored",
    title: "No alarm on console sign-ins without MFA",
    severity: Severity::Medium,
    severity_rationale: "A password-only console sign-in is how a phished password becomes a session; being told quickly limits the damage.",
    service: "cloudwatch",
    description: "Account-level check (evaluated on the account's `aws.iam.account` resource). Follows the chain \
        from the account's trails: a multi-region trail that is logging and records management events delivers \
        to a CloudWatch Logs group; a metric filter on that group matches `ConsoleLogin` events whose `additionalEventData.MFAUsed` is not `Yes`; an alarm on the filter's \
        metric has its actions enabled and notifies an SNS topic with at least one confirmed subscription. \
        Passes when one of the account's trails completes the chain; a chain completed only \
        by another account's organization trail is Unknown (membership is not observed). Links that were not observed (trail status, event \
        selectors, metric filters, the topic's subscriptions) make the result Unknown, never Pass.",
    risk: "A console session opened with only a password (phished, reused or guessed) is not noticed.",
    remediation: Remediation {
        summary: "Add a metric filter for console sign-ins without MFA to the log group of the account's multi-region trail, an alarm on its metric, and an SNS topic with a confirmed subscriber.",
        cli: "aws logs put-metric-filter --region <trail-log-group-region> --log-group-name <trail-log-group> \\\n  --filter-name console-signin-without-mfa --metric-transformations metricName=ConsoleSigninWithoutMfa,metricNamespace=CISBenchmark,metricValue=1 \\\n  --filter-pattern '{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }'\n\
              aws cloudwatch put-metric-alarm --region <trail-log-group-region> --alarm-name console-signin-without-mfa --metric-name ConsoleSigninWithoutMfa \\\n  --namespace CISBenchmark --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 \\\n  --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions arn:aws:sns:<trail-log-group-region>:{account}:<security-alerts-topic>",
        terraform: "resource \"aws_cloudwatch_log_metric_filter\" \"console_signin_without_mfa\" {\n  name           = \"console-signin-without-mfa\"\n  log_group_name = aws_cloudwatch_log_group.trail.name\n  pattern        = <<-EOT\n    { ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }\n  EOT\n  metric_transformation {\n    name      = \"ConsoleSigninWithoutMfa\"\n    namespace = \"CISBenchmark\"\n    value     = \"1\"\n  }\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"console_signin_without_mfa\" {\n  alarm_name          = \"console-signin-without-mfa\"\n  metric_name         = \"ConsoleSigninWithoutMfa\"\n  namespace           = \"CISBenchmark\"\n  statistic           = \"Sum\"\n  period              = 300\n  evaluation_periods  = 1\n  threshold           = 1\n  comparison_operator = \"GreaterThanOrEqualToThreshold\"\n  alarm_actions       = [aws_sns_topic.security_alerts.arn]\n}",
        console: "CloudWatch console → Log groups → the trail's log group → Metric filters → Create metric filter with the \
            pattern above → then Create alarm on the new metric (threshold ≥ 1 per 5 minutes) → notify an SNS topic \
            whose subscription has been confirmed.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds a metric filter, an alarm and a notification; nothing that runs changes behaviour.",
    permissions: &[
        "cloudtrail:DescribeTrails",
        "cloudtrail:GetTrailStatus",
        "cloudtrail:GetEventSelectors",
        "logs:DescribeMetricFilters",
        "cloudwatch:DescribeAlarms",
        "sns:ListSubscriptionsByTopic",
    ],
    references: &[
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html",
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html",
    ],
    cases: &[
        Case::pass("trail → log group → matching filter → alarm → subscribed topic", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "console-signin-without-mfa", "filter_pattern": "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }", "metric_transformations": [{"metric_name": "ConsoleSigninWithoutMfa", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("the log group has no matching filter", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": []}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("near miss: the filter leaves out part of the events", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "console-signin-without-mfa", "filter_pattern": "{ ($.eventName = \"ConsoleLogin\") && ($.other != \"Yes\") }", "metric_transformations": [{"metric_name": "ConsoleSigninWithoutMfa", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("the alarm's actions are disabled", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "console-signin-without-mfa", "filter_pattern": "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }", "metric_transformations": [{"metric_name": "ConsoleSigninWithoutMfa", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": false, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("the topic's only subscription is unconfirmed", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "console-signin-without-mfa", "filter_pattern": "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }", "metric_transformations": [{"metric_name": "ConsoleSigninWithoutMfa", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "PendingConfirmation"}]}}"#,
        ]),
        Case::fail("only a single-region trail delivers to the log group", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": false, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "console-signin-without-mfa", "filter_pattern": "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }", "metric_transformations": [{"metric_name": "ConsoleSigninWithoutMfa", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::unknown("chain complete but the trail's logging status was not observed", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "console-signin-without-mfa", "filter_pattern": "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }", "metric_transformations": [{"metric_name": "ConsoleSigninWithoutMfa", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::unknown("the trail's log group is not in the inventory", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::unknown("an organization trail of another account completes the chain", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:999999999999:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": [], "is_organization_trail": true}, "account": "999999999999"}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:999999999999:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "console-signin-without-mfa", "filter_pattern": "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") }", "metric_transformations": [{"metric_name": "ConsoleSigninWithoutMfa", "metric_namespace": "CIS"}]}]}, "account": "999999999999"}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "console-signin-without-mfa", "metric_name": "ConsoleSigninWithoutMfa", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:999999999999:security"]}, "account": "999999999999"}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:999999999999:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}, "account": "999999999999"}"#,
        ]),
        Case::unknown("no trail observed for the account", r#"{"config": {}}"#),
    ],
};
