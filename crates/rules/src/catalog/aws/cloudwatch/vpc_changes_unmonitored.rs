//! No alarm on VPC changes.

use super::monitoring::{Monitoring, Spec};
use crate::prelude::*;

static SPEC: Spec = Spec {
    label: "VPC changes",
    terms: &[
        "$.eventName=CreateVpc",
        "$.eventName=DeleteVpc",
        "$.eventName=ModifyVpcAttribute",
        "$.eventName=AcceptVpcPeeringConnection",
        "$.eventName=CreateVpcPeeringConnection",
        "$.eventName=DeleteVpcPeeringConnection",
        "$.eventName=RejectVpcPeeringConnection",
        "$.eventName=AttachClassicLinkVpc",
        "$.eventName=DetachClassicLinkVpc",
        "$.eventName=DisableVpcClassicLink",
        "$.eventName=EnableVpcClassicLink",
    ],
};

/// No alarm on VPC changes (CIS monitoring chain).
pub(crate) static VPC_CHANGES_UNMONITORED: Monitoring = Monitoring {
    spec: &SPEC,
    meta: &META,
};

static META: RuleMeta = RuleMeta {
    id: "aws.cloudwatch.vpc_changes_unmonitored",
    title: "No alarm on VPC changes",
    severity: Severity::Low,
    severity_rationale: "VPC creation, deletion, attribute and peering changes alter network boundaries; they are infrequent enough to review each one.",
    service: "cloudwatch",
    description: "Account-level check (evaluated on the account's `aws.iam.account` resource). Follows the chain \
        from the account's trails: a multi-region trail that is logging and records management events delivers \
        to a CloudWatch Logs group; a metric filter on that group matches creating, deleting and modifying VPCs and their peering and ClassicLink connections; an alarm on the filter's \
        metric has its actions enabled and notifies an SNS topic with at least one confirmed subscription. \
        Passes when one of the account's trails completes the chain; a chain completed only \
        by another account's organization trail is Unknown (membership is not observed). Links that were not observed (trail status, event \
        selectors, metric filters, the topic's subscriptions) make the result Unknown, never Pass.",
    risk: "A peering connection to a foreign VPC or a boundary change goes unreviewed.",
    remediation: Remediation {
        summary: "Add a metric filter for VPC changes to the log group of the account's multi-region trail, an alarm on its metric, and an SNS topic with a confirmed subscriber.",
        cli: "aws logs put-metric-filter --region <trail-log-group-region> --log-group-name <trail-log-group> \\\n  --filter-name vpc-changes --metric-transformations metricName=VpcChanges,metricNamespace=CISBenchmark,metricValue=1 \\\n  --filter-pattern '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }'\n\
              aws cloudwatch put-metric-alarm --region <trail-log-group-region> --alarm-name vpc-changes --metric-name VpcChanges \\\n  --namespace CISBenchmark --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 \\\n  --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions arn:aws:sns:<trail-log-group-region>:{account}:<security-alerts-topic>",
        terraform: "resource \"aws_cloudwatch_log_metric_filter\" \"vpc_changes\" {\n  name           = \"vpc-changes\"\n  log_group_name = aws_cloudwatch_log_group.trail.name\n  pattern        = <<-EOT\n    { ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }\n  EOT\n  metric_transformation {\n    name      = \"VpcChanges\"\n    namespace = \"CISBenchmark\"\n    value     = \"1\"\n  }\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"vpc_changes\" {\n  alarm_name          = \"vpc-changes\"\n  metric_name         = \"VpcChanges\"\n  namespace           = \"CISBenchmark\"\n  statistic           = \"Sum\"\n  period              = 300\n  evaluation_periods  = 1\n  threshold           = 1\n  comparison_operator = \"GreaterThanOrEqualToThreshold\"\n  alarm_actions       = [aws_sns_topic.security_alerts.arn]\n}",
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
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "vpc-changes", "filter_pattern": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }", "metric_transformations": [{"metric_name": "VpcChanges", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("the log group has no matching filter", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": []}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("near miss: the filter leaves out part of the events", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "vpc-changes", "filter_pattern": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) }", "metric_transformations": [{"metric_name": "VpcChanges", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("the alarm's actions are disabled", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "vpc-changes", "filter_pattern": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }", "metric_transformations": [{"metric_name": "VpcChanges", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": false, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::fail("the topic's only subscription is unconfirmed", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "vpc-changes", "filter_pattern": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }", "metric_transformations": [{"metric_name": "VpcChanges", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "PendingConfirmation"}]}}"#,
        ]),
        Case::fail("only a single-region trail delivers to the log group", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": false, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "vpc-changes", "filter_pattern": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }", "metric_transformations": [{"metric_name": "VpcChanges", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::unknown("chain complete but the trail's logging status was not observed", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "vpc-changes", "filter_pattern": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }", "metric_transformations": [{"metric_name": "VpcChanges", "metric_namespace": "CIS"}]}]}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::unknown("the trail's log group is not in the inventory", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": []}}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:security"]}}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:111122223333:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}}"#,
        ]),
        Case::unknown("an organization trail of another account completes the chain", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true, "cloudwatch_log_group_arn": "arn:aws:logs:us-east-1:999999999999:log-group:trail-logs:*", "event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}], "advanced_event_selectors": [], "is_organization_trail": true}, "account": "999999999999"}"#,
            r#"{"kind": "aws.logs.log_group", "uid": "arn:aws:logs:us-east-1:999999999999:log-group:trail-logs:*", "config": {"log_group_name": "trail-logs", "metric_filters": [{"filter_name": "vpc-changes", "filter_pattern": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }", "metric_transformations": [{"metric_name": "VpcChanges", "metric_namespace": "CIS"}]}]}, "account": "999999999999"}"#,
            r#"{"kind": "aws.cloudwatch.alarm", "config": {"alarm_name": "vpc-changes", "metric_name": "VpcChanges", "namespace": "CIS", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:999999999999:security"]}, "account": "999999999999"}"#,
            r#"{"kind": "aws.sns.topic", "uid": "arn:aws:sns:us-east-1:999999999999:security", "config": {"topic_name": "security", "subscriptions": [{"protocol": "email", "endpoint": "sec@example.com", "subscription_arn": "arn:aws:sns:us-east-1:111122223333:security:1"}]}, "account": "999999999999"}"#,
        ]),
        Case::unknown("no trail observed for the account", r#"{"config": {}}"#),
    ],
};
