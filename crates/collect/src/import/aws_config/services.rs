//! Monitoring, messaging, data-store, security-service, container, analytics, edge and snapshot
//! resource types: CloudWatch alarms, log groups, the Config recorder, SNS, SQS, DynamoDB,
//! Secrets Manager, GuardDuty, Security Hub, Access Analyzer, IAM server certificates,
//! Organizations policies, EFS, ECR, EKS, Redshift, OpenSearch/Elasticsearch, CloudFront,
//! API Gateway stages, RDS snapshots and clusters.
//!
//! AWS Config records some of these in the service's Describe shape (camelCase, sometimes with
//! the SDK's odd casing such as `sSEDescription`) and others in the CloudFormation-like shape
//! (PascalCase); every source struct accepts both spellings.

use posture_model::Config;
use posture_model::kinds::aws::{
    AccessAnalyzer, AlarmMetric, ApiGatewayStage, CloudFrontDistribution, CloudFrontOrigin,
    CloudWatchAlarm, ConfigRecorder, DeliveryChannel, DetectorFeature, DynamoDbTable,
    EcrRepository, EfsFileSystem, EksCluster, GuardDutyDetector, IamServerCertificate, LogGroup,
    MetricFilter, MetricTransformation, OpenSearchDomain, OrganizationsPolicy, RdsCluster,
    RdsSnapshot, RedshiftCluster, Secret, SecurityHubHub, SnsSubscription, SnsTopic, SqsQueue,
};
use posture_model::policy::PolicyDocument;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::de::{LBool, LInt, LStr};
use super::map::{Cx, Dec, NOT_IN_CONF, decode, gaps_for_none, policy};

/// A list given either as a JSON array or as an SDK `{"items": [...], "quantity": n}` wrapper
/// (`Items` accepted too); `null` is empty.
#[derive(Debug)]
struct Items<T>(Vec<T>);

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Items<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list, or an object with an `items` list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Items<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = s.next_element::<Option<T>>()? {
                    out.extend(e);
                }
                Ok(Items(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Items<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    if k.eq_ignore_ascii_case("items") {
                        out = m.next_value::<Option<Items<T>>>()?.unwrap_or_default().0;
                    } else {
                        m.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(Items(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Items<T>, E> {
                Ok(Items::default())
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

fn strings(v: Option<Items<LStr>>) -> Option<Vec<String>> {
    v.map(|i| i.0.into_iter().filter_map(|s| s.0).collect())
}

/// A policy held in the configuration (object, JSON string or URL-encoded string). `Ok(None)`
/// when absent or null.
fn conf_policy(
    cx: &mut Cx<'_, '_>,
    v: Option<Value>,
    field: &'static str,
    key: &str,
) -> Option<PolicyDocument> {
    let v = v?;
    if v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty()) {
        return Some(PolicyDocument::default());
    }
    match policy(&v) {
        Ok(d) => Some(d),
        Err(e) => {
            let at = cx.at(&format!("configuration.{key}"));
            cx.error(field, &at, &e);
            None
        }
    }
}

/// A policy from `supplementaryConfiguration.<key>` (first key that is present).
fn sup_policy(cx: &mut Cx<'_, '_>, keys: &[&str], field: &'static str) -> Option<PolicyDocument> {
    for key in keys {
        match cx.sup::<Value>(key, field) {
            Dec::Val(v) => match policy(&v) {
                Ok(d) => return Some(d),
                Err(e) => {
                    let at = cx.at(&format!("supplementaryConfiguration.{key}"));
                    cx.error(field, &at, &e);
                    return None;
                }
            },
            Dec::Null => return Some(PolicyDocument::default()),
            Dec::Bad => return None,
            Dec::Absent => {}
        }
    }
    None
}

/// Decode a configuration member that may itself be a JSON-encoded string (SQS attributes).
fn embedded<T: serde::de::DeserializeOwned>(
    cx: &mut Cx<'_, '_>,
    v: Option<&Value>,
    field: &'static str,
    key: &str,
) -> Option<T> {
    let v = v?;
    let raw = serde_json::value::to_raw_value(v).ok()?;
    match decode::<T>(&raw, false) {
        Ok(t) => t,
        Err(e) => {
            let at = cx.at(&format!("configuration.{key}"));
            cx.error(field, &at, &e);
            None
        }
    }
}

fn gap_unless(cx: &mut Cx<'_, '_>, present: bool, field: &'static str, detail: &str) {
    if !present && !cx.has_gap(field) {
        cx.missing(field, detail);
    }
}

// ----- CloudWatch alarms ---------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct AlarmSrc {
    #[serde(alias = "AlarmName")]
    #[serde(rename = "alarmName")]
    alarm_name: LStr,
    #[serde(rename = "metricName", alias = "MetricName")]
    metric_name: LStr,
    #[serde(alias = "Namespace")]
    namespace: LStr,
    #[serde(alias = "Metrics")]
    metrics: Option<Items<MetricQuerySrc>>,
    #[serde(rename = "actionsEnabled", alias = "ActionsEnabled")]
    actions_enabled: LBool,
    #[serde(rename = "alarmActions", alias = "AlarmActions")]
    alarm_actions: Option<Items<LStr>>,
    #[serde(rename = "oKActions", alias = "okActions", alias = "OKActions")]
    ok_actions: Option<Items<LStr>>,
    #[serde(rename = "insufficientDataActions", alias = "InsufficientDataActions")]
    insufficient_data_actions: Option<Items<LStr>>,
    #[serde(rename = "stateValue", alias = "StateValue")]
    state_value: LStr,
    #[serde(rename = "comparisonOperator", alias = "ComparisonOperator")]
    comparison_operator: LStr,
    #[serde(alias = "Threshold")]
    threshold: Option<Value>,
    #[serde(alias = "Statistic")]
    statistic: LStr,
    #[serde(alias = "Period")]
    period: LInt,
    #[serde(rename = "evaluationPeriods", alias = "EvaluationPeriods")]
    evaluation_periods: LInt,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetricQuerySrc {
    #[serde(rename = "metricStat", alias = "MetricStat")]
    metric_stat: Option<MetricStatSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetricStatSrc {
    #[serde(alias = "Metric")]
    metric: Option<MetricSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetricSrc {
    #[serde(alias = "Namespace")]
    namespace: LStr,
    #[serde(rename = "metricName", alias = "MetricName")]
    metric_name: LStr,
}

pub(super) fn cloudwatch_alarm(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<AlarmSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let metrics = match src.metrics {
        Some(m) => Some(
            m.0.into_iter()
                .filter_map(|q| q.metric_stat.and_then(|s| s.metric))
                .filter_map(|m| {
                    Some(AlarmMetric {
                        namespace: m.namespace.0?,
                        metric_name: m.metric_name.0?,
                    })
                })
                .collect(),
        ),
        None => has.then(Vec::new),
    };
    let threshold = src.threshold.and_then(|v| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    let empty = |v: Option<Items<LStr>>| strings(v).or_else(|| has.then(Vec::new));
    let a = CloudWatchAlarm {
        alarm_name: src.alarm_name.0.unwrap_or_else(|| cx.name_or_id()),
        // Metric-math alarms carry no top-level metric.
        metric_name: src.metric_name.0.or_else(|| has.then(String::new)),
        namespace: src.namespace.0.or_else(|| has.then(String::new)),
        metrics,
        actions_enabled: src.actions_enabled.0,
        alarm_actions: empty(src.alarm_actions),
        ok_actions: empty(src.ok_actions),
        insufficient_data_actions: empty(src.insufficient_data_actions),
        state_value: src.state_value.0,
        comparison_operator: src.comparison_operator.0,
        threshold,
        statistic: src.statistic.0,
        period: src.period.0,
        evaluation_periods: src.evaluation_periods.0,
    };
    gaps_for_none!(cx, a, NOT_IN_CONF;
        metric_name, namespace, metrics, actions_enabled, alarm_actions, ok_actions,
        insufficient_data_actions, state_value, comparison_operator, threshold);
    Config::AwsCloudWatchAlarm(Box::new(a))
}

// ----- CloudWatch Logs log groups ------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct LogGroupSrc {
    #[serde(rename = "logGroupName", alias = "LogGroupName")]
    log_group_name: LStr,
    #[serde(rename = "retentionInDays", alias = "RetentionInDays")]
    retention_in_days: LInt,
    #[serde(rename = "kmsKeyId", alias = "KmsKeyId")]
    kms_key_id: LStr,
    #[serde(rename = "logGroupClass", alias = "LogGroupClass")]
    log_group_class: LStr,
    #[serde(rename = "metricFilters", alias = "MetricFilters")]
    metric_filters: Option<Items<MetricFilterSrc>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MetricFilterSrc {
    #[serde(rename = "filterName", alias = "FilterName")]
    filter_name: LStr,
    #[serde(rename = "filterPattern", alias = "FilterPattern")]
    filter_pattern: LStr,
    #[serde(rename = "metricTransformations", alias = "MetricTransformations")]
    metric_transformations: Option<Items<TransformationSrc>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TransformationSrc {
    #[serde(rename = "metricName", alias = "MetricName")]
    metric_name: LStr,
    #[serde(rename = "metricNamespace", alias = "MetricNamespace")]
    metric_namespace: LStr,
}

fn metric_filters(v: Items<MetricFilterSrc>) -> Vec<MetricFilter> {
    v.0.into_iter()
        .map(|f| MetricFilter {
            filter_name: f.filter_name.0.unwrap_or_default(),
            filter_pattern: f.filter_pattern.0.unwrap_or_default(),
            metric_transformations: f
                .metric_transformations
                .unwrap_or_default()
                .0
                .into_iter()
                .map(|t| MetricTransformation {
                    metric_name: t.metric_name.0.unwrap_or_default(),
                    metric_namespace: t.metric_namespace.0.unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

pub(super) fn log_group(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<LogGroupSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let mut filters = src.metric_filters.map(metric_filters);
    if filters.is_none() {
        match cx.sup::<Items<MetricFilterSrc>>("MetricFilters", "metric_filters") {
            Dec::Val(v) => filters = Some(metric_filters(v)),
            Dec::Null => filters = Some(Vec::new()),
            Dec::Absent | Dec::Bad => {}
        }
    }
    let g = LogGroup {
        log_group_name: src.log_group_name.0.unwrap_or_else(|| cx.name_or_id()),
        // An absent retention means events never expire.
        retention_days: src.retention_in_days.i32().or_else(|| has.then_some(0)),
        kms_key_id: src.kms_key_id.0.or_else(|| has.then(String::new)),
        log_group_class: src.log_group_class.0,
        metric_filters: filters,
    };
    gap_unless(
        cx,
        g.metric_filters.is_some(),
        "metric_filters",
        "metric filters are not in the AWS Config item (logs:DescribeMetricFilters)",
    );
    gaps_for_none!(cx, g, NOT_IN_CONF; retention_days, kms_key_id);
    Config::AwsLogsLogGroup(Box::new(g))
}

// ----- AWS Config recorder -------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecorderSrc {
    #[serde(alias = "Name")]
    name: LStr,
    #[serde(rename = "recordingGroup", alias = "RecordingGroup")]
    recording_group: Option<RecordingGroupSrc>,
    #[serde(alias = "Recording")]
    recording: LBool,
    #[serde(rename = "lastStatus", alias = "LastStatus")]
    last_status: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecordingGroupSrc {
    #[serde(rename = "allSupported", alias = "AllSupported")]
    all_supported: LBool,
    #[serde(
        rename = "includeGlobalResourceTypes",
        alias = "IncludeGlobalResourceTypes"
    )]
    include_global: LBool,
    #[serde(rename = "resourceTypes", alias = "ResourceTypes")]
    resource_types: Option<Items<LStr>>,
    #[serde(
        rename = "exclusionByResourceTypes",
        alias = "ExclusionByResourceTypes"
    )]
    exclusion: Option<ExclusionSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ExclusionSrc {
    #[serde(rename = "resourceTypes", alias = "ResourceTypes")]
    resource_types: Option<Items<LStr>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecorderStatusSrc {
    #[serde(alias = "Recording")]
    recording: LBool,
    #[serde(rename = "lastStatus", alias = "LastStatus")]
    last_status: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ChannelSrc {
    #[serde(alias = "Name")]
    name: LStr,
    #[serde(rename = "s3BucketName", alias = "S3BucketName")]
    s3_bucket_name: LStr,
    #[serde(rename = "snsTopicARN", alias = "snsTopicArn", alias = "SnsTopicARN")]
    sns_topic_arn: LStr,
}

pub(super) fn config_recorder(cx: &mut Cx<'_, '_>) -> Config {
    let src: RecorderSrc = cx.conf().unwrap_or_default();
    let (mut recording, mut last_status) = (src.recording.0, src.last_status.0);
    for key in ["ConfigurationRecorderStatus", "RecorderStatus"] {
        if let Dec::Val(s) = cx.sup::<RecorderStatusSrc>(key, "recording") {
            recording = recording.or(s.recording.0);
            last_status = last_status.or(s.last_status.0);
        }
    }
    let mut delivery_channel = None;
    for key in ["DeliveryChannel", "DeliveryChannels"] {
        match cx.sup::<Value>(key, "delivery_channel") {
            Dec::Val(v) => {
                // A single channel or a list of them (at most one exists per region).
                let one = match v {
                    Value::Array(a) => a.into_iter().next(),
                    o => Some(o),
                };
                delivery_channel = Some(match one {
                    Some(o) => {
                        let c: ChannelSrc = serde_json::from_value(o).unwrap_or_default();
                        DeliveryChannel {
                            configured: true,
                            name: c.name.0,
                            s3_bucket_name: c.s3_bucket_name.0,
                            sns_topic_arn: c.sns_topic_arn.0,
                        }
                    }
                    None => DeliveryChannel::default(),
                });
            }
            Dec::Null => delivery_channel = Some(DeliveryChannel::default()),
            Dec::Absent | Dec::Bad => {}
        }
    }
    let group = src.recording_group;
    let all_supported = group.as_ref().and_then(|g| g.all_supported.0);
    let include_global = group.as_ref().and_then(|g| g.include_global.0);
    let (resource_types, excluded) = match group {
        Some(g) => (
            Some(strings(g.resource_types).unwrap_or_default()),
            Some(
                g.exclusion
                    .and_then(|e| strings(e.resource_types))
                    .unwrap_or_default(),
            ),
        ),
        None => (None, None),
    };
    let r = ConfigRecorder {
        name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        recording,
        all_supported,
        include_global_resource_types: include_global,
        resource_types,
        excluded_resource_types: excluded,
        last_status,
        delivery_channel,
    };
    gap_unless(
        cx,
        r.recording.is_some(),
        "recording",
        "the recorder status is not in the AWS Config item (config:DescribeConfigurationRecorderStatus)",
    );
    gap_unless(
        cx,
        r.delivery_channel.is_some(),
        "delivery_channel",
        "the delivery channel is not in the AWS Config item (config:DescribeDeliveryChannels)",
    );
    gaps_for_none!(cx, r, NOT_IN_CONF; all_supported, include_global_resource_types, resource_types);
    Config::AwsConfigRecorder(Box::new(r))
}

// ----- SNS -----------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct TopicSrc {
    #[serde(rename = "TopicName", alias = "topicName")]
    topic_name: LStr,
    #[serde(rename = "TopicArn", alias = "topicArn")]
    topic_arn: LStr,
    #[serde(rename = "KmsMasterKeyId", alias = "kmsMasterKeyId")]
    kms_master_key_id: LStr,
    #[serde(
        rename = "Subscription",
        alias = "Subscriptions",
        alias = "subscriptions"
    )]
    subscriptions: Option<Items<SubscriptionSrc>>,
    #[serde(rename = "FifoTopic", alias = "fifoTopic")]
    fifo: LBool,
    #[serde(rename = "Policy", alias = "policy")]
    policy: Option<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SubscriptionSrc {
    #[serde(rename = "Protocol", alias = "protocol")]
    protocol: LStr,
    #[serde(rename = "Endpoint", alias = "endpoint")]
    endpoint: LStr,
    #[serde(rename = "SubscriptionArn", alias = "subscriptionArn")]
    subscription_arn: LStr,
}

fn subscriptions(v: Items<SubscriptionSrc>) -> Vec<SnsSubscription> {
    v.0.into_iter()
        .map(|s| SnsSubscription {
            protocol: s.protocol.0.unwrap_or_default(),
            endpoint: s.endpoint.0.unwrap_or_default(),
            subscription_arn: s.subscription_arn.0,
        })
        .collect()
}

pub(super) fn sns_topic(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<TopicSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let mut topic_policy = conf_policy(cx, src.policy, "policy", "Policy");
    if topic_policy.is_none() && !cx.has_gap("policy") {
        topic_policy = sup_policy(cx, &["Policy", "TopicPolicy"], "policy");
    }
    let mut subs = src.subscriptions.map(subscriptions);
    if subs.is_none() {
        match cx.sup::<Items<SubscriptionSrc>>("Subscriptions", "subscriptions") {
            Dec::Val(v) => subs = Some(subscriptions(v)),
            Dec::Null => subs = Some(Vec::new()),
            Dec::Absent | Dec::Bad => {}
        }
    }
    let name = src
        .topic_name
        .0
        .or_else(|| {
            src.topic_arn
                .0
                .as_deref()
                .and_then(|a| a.rsplit(':').next())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| cx.name_or_id());
    let t = SnsTopic {
        topic_name: name,
        kms_master_key_id: src.kms_master_key_id.0.or_else(|| has.then(String::new)),
        policy: topic_policy,
        // An item without a `Subscription` list says nothing about subscriptions.
        subscriptions: subs,
        fifo: src.fifo.0.or_else(|| has.then_some(false)),
    };
    gap_unless(
        cx,
        t.policy.is_some(),
        "policy",
        "the topic's access policy is not in the AWS Config item (sns:GetTopicAttributes)",
    );
    gaps_for_none!(cx, t, NOT_IN_CONF; kms_master_key_id, subscriptions, fifo);
    Config::AwsSnsTopic(Box::new(t))
}

// ----- SQS -----------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct QueueSrc {
    #[serde(rename = "QueueName", alias = "queueName")]
    queue_name: LStr,
    #[serde(rename = "QueueUrl", alias = "queueUrl")]
    queue_url: LStr,
    #[serde(rename = "KmsMasterKeyId", alias = "kmsMasterKeyId")]
    kms_master_key_id: LStr,
    #[serde(rename = "SqsManagedSseEnabled", alias = "sqsManagedSseEnabled")]
    sqs_managed_sse_enabled: LBool,
    #[serde(rename = "Policy", alias = "policy")]
    policy: Option<Value>,
    #[serde(rename = "RedrivePolicy", alias = "redrivePolicy")]
    redrive_policy: Option<Value>,
    #[serde(rename = "MessageRetentionPeriod", alias = "messageRetentionPeriod")]
    message_retention_period: LInt,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RedriveSrc {
    #[serde(rename = "deadLetterTargetArn", alias = "DeadLetterTargetArn")]
    dead_letter_target_arn: LStr,
}

pub(super) fn sqs_queue(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<QueueSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    // GetQueueAttributes omits `Policy` when the queue has none.
    let queue_policy = match src.policy {
        Some(v) => conf_policy(cx, Some(v), "policy", "Policy"),
        None => has.then(PolicyDocument::default),
    };
    let dlq = match src.redrive_policy {
        Some(Value::Null) => Some(String::new()),
        Some(v) => embedded::<RedriveSrc>(cx, Some(&v), "dead_letter_target_arn", "RedrivePolicy")
            .map(|r| r.dead_letter_target_arn.0.unwrap_or_default()),
        None => has.then(String::new),
    };
    let name = src
        .queue_name
        .0
        .or_else(|| {
            src.queue_url
                .0
                .as_deref()
                .and_then(|u| u.rsplit('/').next())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| cx.name_or_id());
    let q = SqsQueue {
        queue_name: name,
        kms_master_key_id: src.kms_master_key_id.0.or_else(|| has.then(String::new)),
        // Older items lack the attribute; its absence is not "off".
        sqs_managed_sse_enabled: src.sqs_managed_sse_enabled.0,
        policy: queue_policy,
        dead_letter_target_arn: dlq,
        message_retention_seconds: src.message_retention_period.0,
    };
    gaps_for_none!(cx, q, NOT_IN_CONF;
        kms_master_key_id, sqs_managed_sse_enabled, policy, dead_letter_target_arn,
        message_retention_seconds);
    Config::AwsSqsQueue(Box::new(q))
}

// ----- DynamoDB ------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct TableSrc {
    #[serde(rename = "tableName", alias = "TableName")]
    table_name: LStr,
    #[serde(rename = "tableStatus", alias = "TableStatus")]
    table_status: LStr,
    #[serde(
        rename = "sSEDescription",
        alias = "sseDescription",
        alias = "SSEDescription",
        alias = "SSESpecification"
    )]
    sse: Option<SseSrc>,
    #[serde(
        rename = "deletionProtectionEnabled",
        alias = "DeletionProtectionEnabled"
    )]
    deletion_protection: LBool,
    #[serde(rename = "billingModeSummary", alias = "BillingModeSummary")]
    billing: Option<BillingSrc>,
    #[serde(rename = "BillingMode", alias = "billingMode")]
    billing_mode: LStr,
    #[serde(
        rename = "PointInTimeRecoverySpecification",
        alias = "pointInTimeRecoverySpecification"
    )]
    pitr_spec: Option<PitrSpecSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SseSrc {
    #[serde(rename = "status", alias = "Status")]
    status: LStr,
    #[serde(rename = "sSEType", alias = "sseType", alias = "SSEType")]
    sse_type: LStr,
    #[serde(rename = "SSEEnabled", alias = "sseEnabled")]
    sse_enabled: LBool,
    #[serde(
        rename = "kMSMasterKeyArn",
        alias = "kmsMasterKeyArn",
        alias = "KMSMasterKeyArn",
        alias = "KMSMasterKeyId"
    )]
    kms_key: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BillingSrc {
    #[serde(rename = "billingMode", alias = "BillingMode")]
    billing_mode: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PitrSpecSrc {
    #[serde(
        rename = "PointInTimeRecoveryEnabled",
        alias = "pointInTimeRecoveryEnabled"
    )]
    enabled: LBool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ContinuousBackupsSrc {
    #[serde(
        rename = "pointInTimeRecoveryDescription",
        alias = "PointInTimeRecoveryDescription"
    )]
    pitr: Option<PitrDescSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PitrDescSrc {
    #[serde(
        rename = "pointInTimeRecoveryStatus",
        alias = "PointInTimeRecoveryStatus"
    )]
    status: LStr,
}

pub(super) fn dynamodb_table(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<TableSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    // DescribeTable omits `SSEDescription` for tables on the AWS-owned key.
    let (sse_key_type, kms_key_arn) = match src.sse {
        Some(s) => {
            let kms = s
                .sse_type
                .0
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("KMS"))
                || s.sse_enabled.0 == Some(true)
                || s.kms_key.0.is_some();
            let enabled = s.status.0.as_deref().is_none_or(|st| {
                st.eq_ignore_ascii_case("ENABLED") || st.eq_ignore_ascii_case("UPDATING")
            });
            if kms && enabled {
                let key = s.kms_key.0.unwrap_or_default();
                let t = if key.is_empty() || key.contains("alias/aws/dynamodb") {
                    "AWS_MANAGED"
                } else {
                    "CUSTOMER_MANAGED"
                };
                (Some(t.to_owned()), Some(key))
            } else {
                (Some("AWS_OWNED".to_owned()), Some(String::new()))
            }
        }
        None => (has.then(|| "AWS_OWNED".to_owned()), has.then(String::new)),
    };
    let mut pitr = src.pitr_spec.and_then(|p| p.enabled.0);
    if pitr.is_none() {
        for key in ["ContinuousBackupsDescription", "ContinuousBackups"] {
            if let Dec::Val(c) = cx.sup::<ContinuousBackupsSrc>(key, "point_in_time_recovery") {
                pitr = c
                    .pitr
                    .and_then(|p| p.status.0)
                    .map(|s| s.eq_ignore_ascii_case("ENABLED"));
            }
        }
    }
    let t = DynamoDbTable {
        table_name: src.table_name.0.unwrap_or_else(|| cx.name_or_id()),
        status: src.table_status.0,
        sse_key_type,
        kms_key_arn,
        point_in_time_recovery: pitr,
        deletion_protection: src.deletion_protection.0.or_else(|| has.then_some(false)),
        billing_mode: src
            .billing
            .and_then(|b| b.billing_mode.0)
            .or(src.billing_mode.0)
            .or_else(|| has.then(|| "PROVISIONED".to_owned())),
    };
    gap_unless(
        cx,
        t.point_in_time_recovery.is_some(),
        "point_in_time_recovery",
        "supplementaryConfiguration.ContinuousBackupsDescription is not in the AWS Config item",
    );
    gaps_for_none!(cx, t, NOT_IN_CONF; status, sse_key_type, deletion_protection);
    Config::AwsDynamoDbTable(Box::new(t))
}

// ----- Secrets Manager -----------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct SecretSrc {
    /// `name`: the DescribeSecret shape, which omits dates and `rotationEnabled` when they do
    /// not apply (never rotated, never accessed, no rotation).
    name: LStr,
    /// `Name`: the CloudFormation-like shape, which has no dates and no rotation state at all.
    #[serde(rename = "Name")]
    cfn_name: LStr,
    #[serde(rename = "kmsKeyId", alias = "KmsKeyId")]
    kms_key_id: LStr,
    #[serde(rename = "rotationEnabled", alias = "RotationEnabled")]
    rotation_enabled: LBool,
    #[serde(rename = "rotationRules", alias = "RotationRules")]
    rotation_rules: Option<RotationRulesSrc>,
    #[serde(rename = "lastRotatedDate", alias = "LastRotatedDate")]
    last_rotated: LStr,
    #[serde(rename = "lastAccessedDate", alias = "LastAccessedDate")]
    last_accessed: LStr,
    #[serde(rename = "createdDate", alias = "CreatedDate")]
    created: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RotationRulesSrc {
    #[serde(rename = "automaticallyAfterDays", alias = "AutomaticallyAfterDays")]
    days: LInt,
}

pub(super) fn secret(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<SecretSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    // Only the Describe shape lets an absent member mean "none".
    let describe = has && src.name.0.is_some();
    let s = Secret {
        name: src
            .name
            .0
            .or(src.cfn_name.0)
            .unwrap_or_else(|| cx.name_or_id()),
        kms_key_id: src.kms_key_id.0.or_else(|| has.then(String::new)),
        rotation_enabled: src.rotation_enabled.0.or_else(|| describe.then_some(false)),
        rotation_days: src.rotation_rules.and_then(|r| r.days.0),
        last_rotated: src.last_rotated.0.or_else(|| describe.then(String::new)),
        last_accessed: src.last_accessed.0.or_else(|| describe.then(String::new)),
        created: src.created.0,
        policy: sup_policy(cx, &["ResourcePolicy", "Policy"], "policy"),
    };
    gap_unless(
        cx,
        s.policy.is_some(),
        "policy",
        "the secret's resource policy is not in the AWS Config item (secretsmanager:GetResourcePolicy)",
    );
    gaps_for_none!(cx, s, NOT_IN_CONF; kms_key_id, rotation_enabled, last_rotated, last_accessed, created);
    Config::AwsSecretsManagerSecret(Box::new(s))
}

// ----- GuardDuty, Security Hub, Access Analyzer ------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct DetectorSrc {
    #[serde(
        rename = "Id",
        alias = "id",
        alias = "detectorId",
        alias = "DetectorId"
    )]
    id: LStr,
    #[serde(rename = "Enable", alias = "enable")]
    enable: LBool,
    #[serde(rename = "Status", alias = "status")]
    status: LStr,
    #[serde(
        rename = "FindingPublishingFrequency",
        alias = "findingPublishingFrequency"
    )]
    frequency: LStr,
    #[serde(rename = "Features", alias = "features")]
    features: Option<Items<FeatureSrc>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FeatureSrc {
    #[serde(rename = "Name", alias = "name")]
    name: LStr,
    #[serde(rename = "Status", alias = "status")]
    status: LStr,
}

pub(super) fn guardduty_detector(cx: &mut Cx<'_, '_>) -> Config {
    let src: DetectorSrc = cx.conf().unwrap_or_default();
    let status = src.status.0.map(|s| s.to_ascii_uppercase()).or_else(|| {
        src.enable
            .0
            .map(|e| if e { "ENABLED" } else { "DISABLED" }.to_owned())
    });
    let d = GuardDutyDetector {
        detector_id: src.id.0.unwrap_or_else(|| cx.id.to_owned()),
        status,
        finding_publishing_frequency: src.frequency.0,
        features: src.features.map(|f| {
            f.0.into_iter()
                .filter_map(|x| {
                    Some(DetectorFeature {
                        name: x.name.0?,
                        status: x.status.0.unwrap_or_default().to_ascii_uppercase(),
                    })
                })
                .collect()
        }),
    };
    gaps_for_none!(cx, d, NOT_IN_CONF; status, finding_publishing_frequency, features);
    Config::AwsGuardDutyDetector(Box::new(d))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HubSrc {
    #[serde(rename = "HubArn", alias = "hubArn", alias = "ARN", alias = "Arn")]
    hub_arn: LStr,
    #[serde(rename = "SubscribedAt", alias = "subscribedAt")]
    subscribed_at: LStr,
    #[serde(rename = "AutoEnableControls", alias = "autoEnableControls")]
    auto_enable_controls: LBool,
    #[serde(rename = "EnabledStandards", alias = "enabledStandards")]
    enabled_standards: Option<Items<StandardSrc>>,
}

/// A standard as an ARN string or as a subscription object.
#[derive(Default)]
struct StandardSrc(Option<String>);

impl<'de> Deserialize<'de> for StandardSrc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(StandardSrc(match v {
            Value::String(s) => Some(s),
            Value::Object(m) => ["StandardsArn", "standardsArn", "StandardsSubscriptionArn"]
                .iter()
                .find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_owned)),
            _ => None,
        }))
    }
}

pub(super) fn securityhub_hub(cx: &mut Cx<'_, '_>) -> Config {
    let src: HubSrc = cx.conf().unwrap_or_default();
    let h = SecurityHubHub {
        hub_arn: src.hub_arn.0.unwrap_or_else(|| cx.id.to_owned()),
        subscribed_at: src.subscribed_at.0,
        auto_enable_controls: src.auto_enable_controls.0,
        enabled_standards: src
            .enabled_standards
            .map(|s| s.0.into_iter().filter_map(|x| x.0).collect()),
    };
    gaps_for_none!(cx, h, NOT_IN_CONF; subscribed_at, auto_enable_controls, enabled_standards);
    Config::AwsSecurityHubHub(Box::new(h))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AnalyzerSrc {
    #[serde(
        rename = "AnalyzerName",
        alias = "analyzerName",
        alias = "name",
        alias = "Name"
    )]
    name: LStr,
    #[serde(rename = "Type", alias = "type")]
    analyzer_type: LStr,
    #[serde(rename = "Status", alias = "status")]
    status: LStr,
}

pub(super) fn access_analyzer(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<AnalyzerSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let a = AccessAnalyzer {
        analyzer_name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        analyzer_type: src.analyzer_type.0,
        // The CloudFormation-like item has no status: Config records analyzers that exist,
        // and an analyzer that exists is active unless a status says otherwise.
        status: src.status.0.or_else(|| has.then(|| "ACTIVE".to_owned())),
    };
    gaps_for_none!(cx, a, NOT_IN_CONF; analyzer_type, status);
    Config::AwsAccessAnalyzerAnalyzer(Box::new(a))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ServerCertSrc {
    #[serde(
        rename = "serverCertificateMetadata",
        alias = "ServerCertificateMetadata"
    )]
    meta: Option<Box<ServerCertSrc>>,
    #[serde(rename = "serverCertificateName", alias = "ServerCertificateName")]
    name: LStr,
    #[serde(rename = "serverCertificateId", alias = "ServerCertificateId")]
    id: LStr,
    #[serde(alias = "Expiration")]
    expiration: LStr,
    #[serde(rename = "uploadDate", alias = "UploadDate")]
    upload_date: LStr,
}

pub(super) fn server_certificate(cx: &mut Cx<'_, '_>) -> Config {
    let mut src: ServerCertSrc = cx.conf().unwrap_or_default();
    if let Some(m) = src.meta.take() {
        src = *m;
    }
    let c = IamServerCertificate {
        name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        certificate_id: src.id.0,
        expiration: src.expiration.0,
        upload_date: src.upload_date.0,
    };
    gaps_for_none!(cx, c, NOT_IN_CONF; certificate_id, expiration, upload_date);
    Config::AwsIamServerCertificate(Box::new(c))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OrgPolicySrc {
    #[serde(rename = "Name", alias = "name")]
    name: LStr,
    #[serde(rename = "Type", alias = "type")]
    policy_type: LStr,
    #[serde(rename = "AwsManaged", alias = "awsManaged")]
    aws_managed: LBool,
    #[serde(rename = "Content", alias = "content")]
    content: Option<Value>,
    #[serde(rename = "TargetIds", alias = "targetIds", alias = "Targets")]
    targets: Option<Items<TargetSrc>>,
}

/// A target as an id string or as an SDK target object.
#[derive(Default)]
struct TargetSrc(Option<String>);

impl<'de> Deserialize<'de> for TargetSrc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(TargetSrc(match v {
            Value::String(s) => Some(s),
            Value::Object(m) => ["TargetId", "targetId"]
                .iter()
                .find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_owned)),
            _ => None,
        }))
    }
}

pub(super) fn organizations_policy(cx: &mut Cx<'_, '_>) -> Config {
    let src: OrgPolicySrc = cx.conf().unwrap_or_default();
    let document = match src.content {
        Some(v) if !v.is_null() => conf_policy(cx, Some(v), "document", "Content"),
        _ => None,
    };
    let p = OrganizationsPolicy {
        name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        policy_type: src.policy_type.0,
        aws_managed: src.aws_managed.0,
        document,
        targets: src
            .targets
            .map(|t| t.0.into_iter().filter_map(|x| x.0).collect()),
    };
    gaps_for_none!(cx, p, NOT_IN_CONF; policy_type, aws_managed, document, targets);
    Config::AwsOrganizationsPolicy(Box::new(p))
}

// ----- EFS, ECR, EKS -------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct EfsSrc {
    #[serde(rename = "FileSystemId", alias = "fileSystemId")]
    id: LStr,
    #[serde(rename = "Encrypted", alias = "encrypted")]
    encrypted: LBool,
    #[serde(rename = "KmsKeyId", alias = "kmsKeyId")]
    kms_key_id: LStr,
    #[serde(rename = "BackupPolicy", alias = "backupPolicy")]
    backup_policy: Option<StatusSrc>,
    #[serde(rename = "FileSystemPolicy", alias = "fileSystemPolicy")]
    policy: Option<Value>,
    #[serde(rename = "PerformanceMode", alias = "performanceMode")]
    performance_mode: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusSrc {
    #[serde(rename = "Status", alias = "status")]
    status: LStr,
}

pub(super) fn efs_file_system(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<EfsSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let fs_policy = match src.policy {
        Some(v) => conf_policy(cx, Some(v), "policy", "FileSystemPolicy"),
        None => has.then(PolicyDocument::default),
    };
    let f = EfsFileSystem {
        file_system_id: src.id.0.unwrap_or_else(|| cx.id.to_owned()),
        encrypted: src.encrypted.0,
        kms_key_id: src.kms_key_id.0.or_else(|| has.then(String::new)),
        backup_enabled: src
            .backup_policy
            .and_then(|b| b.status.0)
            .map(|s| s.eq_ignore_ascii_case("ENABLED") || s.eq_ignore_ascii_case("ENABLING")),
        policy: fs_policy,
        performance_mode: src.performance_mode.0,
    };
    gaps_for_none!(cx, f, NOT_IN_CONF; encrypted, kms_key_id, backup_enabled, policy, performance_mode);
    Config::AwsEfsFileSystem(Box::new(f))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EcrSrc {
    #[serde(rename = "RepositoryName", alias = "repositoryName")]
    name: LStr,
    #[serde(rename = "ImageTagMutability", alias = "imageTagMutability")]
    mutability: LStr,
    #[serde(
        rename = "ImageScanningConfiguration",
        alias = "imageScanningConfiguration"
    )]
    scanning: Option<ScanSrc>,
    #[serde(rename = "EncryptionConfiguration", alias = "encryptionConfiguration")]
    encryption: Option<EcrEncSrc>,
    #[serde(rename = "RepositoryPolicyText", alias = "repositoryPolicyText")]
    policy: Option<Value>,
    #[serde(rename = "LifecyclePolicy", alias = "lifecyclePolicy")]
    lifecycle: Option<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ScanSrc {
    #[serde(rename = "ScanOnPush", alias = "scanOnPush")]
    scan_on_push: LBool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EcrEncSrc {
    #[serde(rename = "EncryptionType", alias = "encryptionType")]
    encryption_type: LStr,
    #[serde(rename = "KmsKey", alias = "kmsKey")]
    kms_key: LStr,
}

pub(super) fn ecr_repository(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<EcrSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let repo_policy = match src.policy {
        Some(v) => conf_policy(cx, Some(v), "policy", "RepositoryPolicyText"),
        None => has.then(PolicyDocument::default),
    };
    let lifecycle = match src.lifecycle {
        Some(Value::Object(m)) => Some(["LifecyclePolicyText", "lifecyclePolicyText"].iter().any(
            |k| {
                m.get(*k)
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.trim().is_empty())
            },
        )),
        Some(Value::String(s)) => Some(!s.trim().is_empty()),
        Some(_) => Some(false),
        None => has.then_some(false),
    };
    let (encryption_type, kms_key) = match src.encryption {
        Some(e) => (
            e.encryption_type.0,
            e.kms_key.0.or_else(|| Some(String::new())),
        ),
        // Repositories created without an encryption configuration use AES256.
        None => (has.then(|| "AES256".to_owned()), has.then(String::new)),
    };
    let r = EcrRepository {
        repository_name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        image_tag_mutability: src.mutability.0,
        scan_on_push: src
            .scanning
            .map(|s| s.scan_on_push.0.unwrap_or(false))
            .or_else(|| has.then_some(false)),
        encryption_type,
        kms_key,
        policy: repo_policy,
        lifecycle_policy_present: lifecycle,
    };
    gaps_for_none!(cx, r, NOT_IN_CONF;
        image_tag_mutability, scan_on_push, encryption_type, policy, lifecycle_policy_present);
    Config::AwsEcrRepository(Box::new(r))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EksSrc {
    #[serde(rename = "Name", alias = "name")]
    name: LStr,
    #[serde(rename = "Version", alias = "version")]
    version: LStr,
    #[serde(rename = "ResourcesVpcConfig", alias = "resourcesVpcConfig")]
    vpc: Option<EksVpcSrc>,
    #[serde(rename = "Logging", alias = "logging")]
    logging: Option<Value>,
    #[serde(rename = "EncryptionConfig", alias = "encryptionConfig")]
    encryption: Option<Items<EksEncSrc>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EksVpcSrc {
    #[serde(rename = "EndpointPublicAccess", alias = "endpointPublicAccess")]
    public: LBool,
    #[serde(rename = "EndpointPrivateAccess", alias = "endpointPrivateAccess")]
    private: LBool,
    #[serde(rename = "PublicAccessCidrs", alias = "publicAccessCidrs")]
    cidrs: Option<Items<LStr>>,
    #[serde(rename = "SecurityGroupIds", alias = "securityGroupIds")]
    sgs: Option<Items<LStr>>,
    #[serde(rename = "ClusterSecurityGroupId", alias = "clusterSecurityGroupId")]
    cluster_sg: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EksEncSrc {
    #[serde(rename = "Resources", alias = "resources")]
    resources: Option<Items<LStr>>,
}

/// Enabled log types from either shape: SDK `{clusterLogging: [{types, enabled}]}` or
/// CloudFormation `{ClusterLogging: {EnabledTypes: [{Type}]}}`.
fn eks_log_types(v: &Value) -> Result<Vec<String>, String> {
    let cl = v
        .get("clusterLogging")
        .or_else(|| v.get("ClusterLogging"))
        .unwrap_or(&Value::Null);
    let mut out = Vec::new();
    match cl {
        Value::Array(entries) => {
            for e in entries {
                let enabled = e.get("enabled").or_else(|| e.get("Enabled"));
                if enabled.and_then(Value::as_bool) == Some(true) {
                    for t in e
                        .get("types")
                        .or_else(|| e.get("Types"))
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        out.extend(t.as_str().map(str::to_owned));
                    }
                }
            }
        }
        Value::Object(m) => {
            for t in m
                .get("EnabledTypes")
                .or_else(|| m.get("enabledTypes"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let ty = t.get("Type").or_else(|| t.get("type")).or(Some(t));
                out.extend(ty.and_then(Value::as_str).map(str::to_owned));
            }
        }
        Value::Null => {}
        _ => return Err("expected `clusterLogging` to be a list or an object".into()),
    }
    out.sort();
    out.dedup();
    Ok(out)
}

pub(super) fn eks_cluster(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<EksSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let logs = match src.logging {
        Some(v) => match eks_log_types(&v) {
            Ok(t) => Some(t),
            Err(e) => {
                let at = cx.at("configuration.logging");
                cx.error("enabled_log_types", &at, &e);
                None
            }
        },
        None => has.then(Vec::new),
    };
    let secrets = match src.encryption {
        Some(e) => Some(e.0.iter().any(|c| {
            c.resources
                .as_ref()
                .is_some_and(|r| r.0.iter().any(|x| x.0.as_deref() == Some("secrets")))
        })),
        None => has.then_some(false),
    };
    let (public, private, cidrs, sgs) = match src.vpc {
        Some(v) => {
            let mut sgs = strings(v.sgs).unwrap_or_default();
            sgs.extend(v.cluster_sg.0);
            (v.public.0, v.private.0, strings(v.cidrs), Some(sgs))
        }
        None => (None, None, None, None),
    };
    let c = EksCluster {
        name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        version: src.version.0,
        endpoint_public_access: public,
        endpoint_private_access: private,
        // EKS reports 0.0.0.0/0 when no CIDR restriction is set.
        public_access_cidrs: cidrs
            .or_else(|| (public == Some(true)).then(|| vec!["0.0.0.0/0".to_owned()])),
        enabled_log_types: logs,
        secrets_encrypted: secrets,
        security_groups: sgs,
    };
    gaps_for_none!(cx, c, NOT_IN_CONF;
        version, endpoint_public_access, endpoint_private_access, public_access_cidrs,
        enabled_log_types, secrets_encrypted, security_groups);
    Config::AwsEksCluster(Box::new(c))
}

// ----- Redshift, OpenSearch ------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct RedshiftSrc {
    #[serde(rename = "clusterIdentifier", alias = "ClusterIdentifier")]
    id: LStr,
    #[serde(alias = "Encrypted")]
    encrypted: LBool,
    #[serde(rename = "kmsKeyId", alias = "KmsKeyId")]
    kms_key_id: LStr,
    #[serde(rename = "publiclyAccessible", alias = "PubliclyAccessible")]
    publicly_accessible: LBool,
    #[serde(rename = "allowVersionUpgrade", alias = "AllowVersionUpgrade")]
    allow_version_upgrade: LBool,
    #[serde(
        rename = "automatedSnapshotRetentionPeriod",
        alias = "AutomatedSnapshotRetentionPeriod"
    )]
    retention: LInt,
    #[serde(rename = "enhancedVpcRouting", alias = "EnhancedVpcRouting")]
    enhanced_vpc_routing: LBool,
    #[serde(rename = "masterUsername", alias = "MasterUsername")]
    master_username: LStr,
    #[serde(rename = "vpcSecurityGroups", alias = "VpcSecurityGroups")]
    vpc_security_groups: Option<Items<VpcSgSrc>>,
    #[serde(rename = "loggingProperties", alias = "LoggingProperties")]
    logging: Option<LoggingSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VpcSgSrc {
    #[serde(rename = "vpcSecurityGroupId", alias = "VpcSecurityGroupId")]
    id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoggingSrc {
    #[serde(rename = "loggingEnabled", alias = "LoggingEnabled")]
    enabled: LBool,
    #[serde(rename = "bucketName", alias = "BucketName")]
    bucket: LStr,
    #[serde(rename = "logDestinationType", alias = "LogDestinationType")]
    destination_type: LStr,
}

impl LoggingSrc {
    fn on(&self) -> Option<bool> {
        self.enabled.0.or_else(|| {
            (self.bucket.0.is_some() || self.destination_type.0.is_some()).then_some(true)
        })
    }
}

pub(super) fn redshift_cluster(cx: &mut Cx<'_, '_>) -> Config {
    let src: RedshiftSrc = cx.conf().unwrap_or_default();
    let mut logging = src.logging.as_ref().and_then(LoggingSrc::on);
    if logging.is_none()
        && let Dec::Val(l) = cx.sup::<LoggingSrc>("LoggingStatus", "logging_enabled")
    {
        logging = l.enabled.0;
    }
    let c = RedshiftCluster {
        cluster_identifier: src.id.0.unwrap_or_else(|| cx.name_or_id()),
        encrypted: src.encrypted.0,
        kms_key_id: src.kms_key_id.0,
        publicly_accessible: src.publicly_accessible.0,
        logging_enabled: logging,
        allow_version_upgrade: src.allow_version_upgrade.0,
        automated_snapshot_retention_days: src.retention.i32(),
        enhanced_vpc_routing: src.enhanced_vpc_routing.0,
        master_username: src.master_username.0,
        vpc_security_groups: src
            .vpc_security_groups
            .map(|v| v.0.into_iter().filter_map(|g| g.id.0).collect()),
    };
    gap_unless(
        cx,
        c.logging_enabled.is_some(),
        "logging_enabled",
        "supplementaryConfiguration.LoggingStatus is not in the AWS Config item",
    );
    gaps_for_none!(cx, c, NOT_IN_CONF;
        encrypted, publicly_accessible, allow_version_upgrade,
        automated_snapshot_retention_days, enhanced_vpc_routing, master_username,
        vpc_security_groups);
    Config::AwsRedshiftCluster(Box::new(c))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DomainSrc {
    #[serde(rename = "domainName", alias = "DomainName")]
    name: LStr,
    #[serde(
        rename = "engineVersion",
        alias = "EngineVersion",
        alias = "elasticsearchVersion",
        alias = "ElasticsearchVersion"
    )]
    version: LStr,
    #[serde(rename = "encryptionAtRestOptions", alias = "EncryptionAtRestOptions")]
    at_rest: Option<EnabledSrc>,
    #[serde(
        rename = "nodeToNodeEncryptionOptions",
        alias = "NodeToNodeEncryptionOptions"
    )]
    node_to_node: Option<EnabledSrc>,
    #[serde(rename = "domainEndpointOptions", alias = "DomainEndpointOptions")]
    endpoint: Option<EndpointSrc>,
    #[serde(
        rename = "vPCOptions",
        alias = "vpcOptions",
        alias = "VPCOptions",
        alias = "VpcOptions"
    )]
    vpc: Option<DomainVpcSrc>,
    #[serde(rename = "accessPolicies", alias = "AccessPolicies")]
    access_policies: Option<Value>,
    #[serde(rename = "advancedSecurityOptions", alias = "AdvancedSecurityOptions")]
    advanced_security: Option<EnabledSrc>,
    #[serde(rename = "logPublishingOptions", alias = "LogPublishingOptions")]
    log_publishing: Option<Value>,
    #[serde(
        rename = "clusterConfig",
        alias = "ClusterConfig",
        alias = "elasticsearchClusterConfig",
        alias = "ElasticsearchClusterConfig"
    )]
    cluster: Option<DomainClusterSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EnabledSrc {
    #[serde(rename = "enabled", alias = "Enabled")]
    enabled: LBool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EndpointSrc {
    #[serde(
        rename = "enforceHTTPS",
        alias = "EnforceHTTPS",
        alias = "enforceHttps"
    )]
    enforce_https: LBool,
    #[serde(
        rename = "tLSSecurityPolicy",
        alias = "tlsSecurityPolicy",
        alias = "TLSSecurityPolicy"
    )]
    tls_policy: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DomainVpcSrc {
    #[serde(rename = "vPCId", alias = "vpcId", alias = "VPCId", alias = "VpcId")]
    vpc_id: LStr,
    #[serde(rename = "subnetIds", alias = "SubnetIds")]
    subnet_ids: Option<Items<LStr>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DomainClusterSrc {
    #[serde(rename = "zoneAwarenessEnabled", alias = "ZoneAwarenessEnabled")]
    zone_awareness: LBool,
    #[serde(rename = "instanceCount", alias = "InstanceCount")]
    instance_count: LInt,
}

pub(super) fn opensearch_domain(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<DomainSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let vpc_id = match src.vpc {
        Some(v) => {
            let subnets = strings(v.subnet_ids).unwrap_or_default();
            v.vpc_id.0.filter(|s| !s.is_empty()).or_else(|| {
                if subnets.is_empty() {
                    Some(String::new())
                } else {
                    cx.related_id("AWS::EC2::VPC")
                        .or_else(|| subnets.first().map(|s| format!("vpc-of-{s}")))
                }
            })
        }
        None => has.then(String::new),
    };
    let access = match src.access_policies {
        Some(v) => conf_policy(cx, Some(v), "access_policy", "accessPolicies"),
        None => has.then(PolicyDocument::default),
    };
    let audit = match &src.log_publishing {
        Some(Value::Object(m)) => Some(m.get("AUDIT_LOGS").is_some_and(|a| {
            a.get("enabled")
                .or_else(|| a.get("Enabled"))
                .and_then(|e| e.as_bool().or_else(|| e.as_str().map(|s| s == "true")))
                == Some(true)
        })),
        Some(_) => Some(false),
        None => has.then_some(false),
    };
    let (endpoint_https, endpoint_tls) = match src.endpoint {
        Some(e) => (e.enforce_https.0, e.tls_policy.0),
        None => (None, None),
    };
    let d = OpenSearchDomain {
        domain_name: src.name.0.unwrap_or_else(|| cx.name_or_id()),
        engine_version: src.version.0,
        encryption_at_rest: src
            .at_rest
            .and_then(|e| e.enabled.0)
            .or_else(|| has.then_some(false)),
        node_to_node_encryption: src
            .node_to_node
            .and_then(|e| e.enabled.0)
            .or_else(|| has.then_some(false)),
        enforce_https: endpoint_https,
        tls_security_policy: endpoint_tls,
        vpc_id,
        access_policy: access,
        fine_grained_access_control: src
            .advanced_security
            .and_then(|e| e.enabled.0)
            .or_else(|| has.then_some(false)),
        audit_logs_enabled: audit,
        zone_awareness: src.cluster.as_ref().and_then(|c| c.zone_awareness.0),
        instance_count: src.cluster.as_ref().and_then(|c| c.instance_count.0),
    };
    gaps_for_none!(cx, d, NOT_IN_CONF;
        engine_version, encryption_at_rest, node_to_node_encryption, enforce_https,
        tls_security_policy, vpc_id, access_policy, fine_grained_access_control,
        audit_logs_enabled, zone_awareness, instance_count);
    Config::AwsOpenSearchDomain(Box::new(d))
}

// ----- CloudFront, API Gateway ---------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct DistributionWrapSrc {
    #[serde(rename = "distribution", alias = "Distribution")]
    distribution: Option<Box<DistributionWrapSrc>>,
    #[serde(rename = "id", alias = "Id")]
    id: LStr,
    #[serde(rename = "distributionConfig", alias = "DistributionConfig")]
    config: Option<DistConfigSrc>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DistConfigSrc {
    #[serde(rename = "enabled", alias = "Enabled")]
    enabled: LBool,
    #[serde(rename = "defaultCacheBehavior", alias = "DefaultCacheBehavior")]
    default_behavior: Option<BehaviorSrc>,
    #[serde(rename = "cacheBehaviors", alias = "CacheBehaviors")]
    behaviors: Option<Items<BehaviorSrc>>,
    #[serde(rename = "viewerCertificate", alias = "ViewerCertificate")]
    certificate: Option<CertSrc>,
    #[serde(rename = "webACLId", alias = "webAclId", alias = "WebACLId")]
    web_acl_id: LStr,
    #[serde(rename = "logging", alias = "Logging")]
    logging: Option<CfLoggingSrc>,
    #[serde(rename = "origins", alias = "Origins")]
    origins: Option<Items<OriginSrc>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BehaviorSrc {
    #[serde(rename = "viewerProtocolPolicy", alias = "ViewerProtocolPolicy")]
    viewer_protocol_policy: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CertSrc {
    #[serde(
        rename = "cloudFrontDefaultCertificate",
        alias = "CloudFrontDefaultCertificate"
    )]
    default_certificate: LBool,
    #[serde(rename = "minimumProtocolVersion", alias = "MinimumProtocolVersion")]
    minimum_protocol_version: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CfLoggingSrc {
    #[serde(rename = "enabled", alias = "Enabled")]
    enabled: LBool,
    #[serde(rename = "bucket", alias = "Bucket")]
    bucket: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OriginSrc {
    #[serde(rename = "id", alias = "Id")]
    id: LStr,
    #[serde(rename = "domainName", alias = "DomainName")]
    domain_name: LStr,
    #[serde(rename = "s3OriginConfig", alias = "S3OriginConfig")]
    s3: Option<S3OriginSrc>,
    #[serde(rename = "customOriginConfig", alias = "CustomOriginConfig")]
    custom: Option<CustomOriginSrc>,
    #[serde(rename = "originAccessControlId", alias = "OriginAccessControlId")]
    oac: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct S3OriginSrc {
    #[serde(rename = "originAccessIdentity", alias = "OriginAccessIdentity")]
    oai: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CustomOriginSrc {
    #[serde(rename = "originProtocolPolicy", alias = "OriginProtocolPolicy")]
    protocol_policy: LStr,
    #[serde(rename = "originSslProtocols", alias = "OriginSSLProtocols")]
    ssl_protocols: Option<Items<LStr>>,
}

pub(super) fn cloudfront_distribution(cx: &mut Cx<'_, '_>) -> Config {
    let mut src: DistributionWrapSrc = cx.conf().unwrap_or_default();
    if let Some(inner) = src.distribution.take() {
        let id = src.id.0.take();
        src = *inner;
        src.id.0 = src.id.0.or(id);
    }
    let conf = src.config;
    let policies = conf.as_ref().and_then(|c| {
        let first = c
            .default_behavior
            .as_ref()?
            .viewer_protocol_policy
            .0
            .clone()?;
        let mut v = vec![first];
        if let Some(b) = &c.behaviors {
            v.extend(
                b.0.iter()
                    .filter_map(|x| x.viewer_protocol_policy.0.clone()),
            );
        }
        Some(v)
    });
    let has = conf.is_some();
    let origins = conf.as_ref().and_then(|c| c.origins.as_ref()).map(|o| {
        o.0.iter()
            .map(|x| {
                let s3 = x.s3.is_some() && x.custom.is_none();
                CloudFrontOrigin {
                    id: x.id.0.clone().unwrap_or_default(),
                    domain_name: x.domain_name.0.clone().unwrap_or_default(),
                    origin_type: if s3 { "s3" } else { "custom" }.to_owned(),
                    protocol_policy: x.custom.as_ref().and_then(|c| c.protocol_policy.0.clone()),
                    ssl_protocols: x
                        .custom
                        .as_ref()
                        .and_then(|c| c.ssl_protocols.as_ref())
                        .map(|p| p.0.iter().filter_map(|s| s.0.clone()).collect())
                        .unwrap_or_default(),
                    origin_access_control_id: s3.then(|| x.oac.0.clone().unwrap_or_default()),
                    origin_access_identity: s3.then(|| {
                        x.s3.as_ref()
                            .and_then(|s| s.oai.0.clone())
                            .unwrap_or_default()
                    }),
                }
            })
            .collect()
    });
    let cert = conf.as_ref().and_then(|c| c.certificate.as_ref());
    let d = CloudFrontDistribution {
        distribution_id: src.id.0.unwrap_or_else(|| cx.id.to_owned()),
        enabled: conf.as_ref().and_then(|c| c.enabled.0),
        viewer_protocol_policies: policies,
        minimum_protocol_version: cert.and_then(|c| c.minimum_protocol_version.0.clone()),
        default_certificate: cert
            .map(|c| c.default_certificate.0.unwrap_or(false))
            .or_else(|| has.then_some(true)),
        web_acl_id: conf
            .as_ref()
            .map(|c| c.web_acl_id.0.clone().unwrap_or_default()),
        logging_enabled: conf.as_ref().map(|c| {
            c.logging.as_ref().is_some_and(|l| {
                l.enabled
                    .0
                    .unwrap_or_else(|| l.bucket.0.as_deref().is_some_and(|b| !b.is_empty()))
            })
        }),
        origins,
    };
    gaps_for_none!(cx, d, NOT_IN_CONF;
        enabled, viewer_protocol_policies, minimum_protocol_version, default_certificate,
        web_acl_id, logging_enabled, origins);
    Config::AwsCloudFrontDistribution(Box::new(d))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StageSrc {
    #[serde(rename = "stageName", alias = "StageName")]
    stage_name: LStr,
    #[serde(rename = "restApiId", alias = "RestApiId")]
    rest_api_id: LStr,
    #[serde(rename = "methodSettings", alias = "MethodSettings")]
    method_settings: Option<Value>,
    #[serde(
        rename = "accessLogSettings",
        alias = "AccessLogSetting",
        alias = "AccessLogSettings"
    )]
    access_log: Option<AccessLogSrc>,
    #[serde(rename = "tracingEnabled", alias = "TracingEnabled")]
    tracing_enabled: LBool,
    #[serde(rename = "cacheClusterEnabled", alias = "CacheClusterEnabled")]
    cache_cluster_enabled: LBool,
    #[serde(rename = "webAclArn", alias = "WebAclArn")]
    web_acl_arn: LStr,
    #[serde(rename = "clientCertificateId", alias = "ClientCertificateId")]
    client_certificate_id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AccessLogSrc {
    #[serde(rename = "destinationArn", alias = "DestinationArn")]
    destination_arn: LStr,
}

/// The `*/*` (all methods) settings: GetStage keys them by `"*/*"`, CloudFormation lists
/// `{ResourcePath: "/*", HttpMethod: "*", …}`.
fn all_methods(v: &Value) -> Option<&serde_json::Map<String, Value>> {
    match v {
        Value::Object(m) => m.get("*/*").and_then(Value::as_object),
        Value::Array(a) => a.iter().filter_map(Value::as_object).find(|m| {
            m.get("ResourcePath").and_then(Value::as_str) == Some("/*")
                && m.get("HttpMethod").and_then(Value::as_str) == Some("*")
        }),
        _ => None,
    }
}

fn setting_bool(m: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<bool> {
    keys.iter().find_map(|k| {
        m.get(*k).and_then(|v| {
            v.as_bool()
                .or_else(|| v.as_str().map(|s| s.eq_ignore_ascii_case("true")))
        })
    })
}

pub(super) fn apigateway_stage(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<StageSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    // Stage ARNs are `arn:aws:apigateway:<region>::/restapis/<id>/stages/<name>`.
    let from_id = cx
        .id
        .split("/restapis/")
        .nth(1)
        .and_then(|r| r.split('/').next());
    let rest_api_id = src
        .rest_api_id
        .0
        .or_else(|| from_id.map(str::to_owned))
        .unwrap_or_default();
    let all = src.method_settings.as_ref().and_then(all_methods);
    let observed = has && src.method_settings.is_some();
    let (logging_level, data_trace, cache_encrypted) = match all {
        Some(m) => (
            Some(
                m.get("loggingLevel")
                    .or_else(|| m.get("LoggingLevel"))
                    .and_then(Value::as_str)
                    .unwrap_or("OFF")
                    .to_ascii_uppercase(),
            ),
            Some(setting_bool(m, &["dataTraceEnabled", "DataTraceEnabled"]).unwrap_or(false)),
            Some(setting_bool(m, &["cacheDataEncrypted", "CacheDataEncrypted"]).unwrap_or(false)),
        ),
        // No `*/*` entry: nothing is set for all methods (logging off).
        None if observed || has => (Some("OFF".to_owned()), Some(false), Some(false)),
        None => (None, None, None),
    };
    let s = ApiGatewayStage {
        rest_api_id,
        stage_name: src.stage_name.0.unwrap_or_else(|| cx.name_or_id()),
        logging_level,
        data_trace_enabled: data_trace,
        access_log_destination: src
            .access_log
            .map(|a| a.destination_arn.0.unwrap_or_default())
            .or_else(|| has.then(String::new)),
        tracing_enabled: src.tracing_enabled.0.or_else(|| has.then_some(false)),
        cache_enabled: src.cache_cluster_enabled.0.or_else(|| has.then_some(false)),
        cache_data_encrypted: cache_encrypted,
        web_acl_arn: src.web_acl_arn.0.or_else(|| has.then(String::new)),
        client_certificate_id: src
            .client_certificate_id
            .0
            .or_else(|| has.then(String::new)),
    };
    gaps_for_none!(cx, s, NOT_IN_CONF;
        logging_level, data_trace_enabled, access_log_destination, tracing_enabled,
        cache_enabled, cache_data_encrypted, web_acl_arn, client_certificate_id);
    Config::AwsApiGatewayStage(Box::new(s))
}

// ----- RDS snapshots and clusters ------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct RdsSnapshotSrc {
    #[serde(
        rename = "dBSnapshotIdentifier",
        alias = "dbSnapshotIdentifier",
        alias = "dBClusterSnapshotIdentifier",
        alias = "dbClusterSnapshotIdentifier"
    )]
    id: LStr,
    #[serde(
        rename = "dBInstanceIdentifier",
        alias = "dbInstanceIdentifier",
        alias = "dBClusterIdentifier",
        alias = "dbClusterIdentifier"
    )]
    source: LStr,
    #[serde(rename = "snapshotType")]
    snapshot_type: LStr,
    engine: LStr,
    #[serde(alias = "storageEncrypted")]
    encrypted: LBool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SnapshotAttrSrc {
    #[serde(rename = "attributeName", alias = "AttributeName")]
    name: LStr,
    #[serde(rename = "attributeValues", alias = "AttributeValues")]
    values: Option<Items<LStr>>,
}

pub(super) fn rds_snapshot(cx: &mut Cx<'_, '_>, cluster: bool) -> Config {
    let src: RdsSnapshotSrc = cx.conf().unwrap_or_default();
    let mut shared: Option<Vec<String>> = None;
    for key in ["DBSnapshotAttributes", "DBClusterSnapshotAttributes"] {
        match cx.sup::<Items<SnapshotAttrSrc>>(key, "public") {
            Dec::Val(attrs) => {
                let mut out = Vec::new();
                for a in attrs.0 {
                    if a.name.0.as_deref() == Some("restore") {
                        out.extend(strings(a.values).unwrap_or_default());
                    }
                }
                shared = Some(out);
            }
            Dec::Null => shared = Some(Vec::new()),
            Dec::Absent | Dec::Bad => {}
        }
    }
    let public = shared.as_ref().map(|s| s.iter().any(|v| v == "all"));
    let s = RdsSnapshot {
        identifier: src.id.0.unwrap_or_else(|| cx.name_or_id()),
        cluster_snapshot: cluster,
        source: src.source.0,
        snapshot_type: src.snapshot_type.0,
        engine: src.engine.0,
        encrypted: src.encrypted.0,
        public,
        shared_with: shared.map(|v| v.into_iter().filter(|a| a != "all").collect()),
    };
    const NO_ATTRS: &str =
        "supplementaryConfiguration.DBSnapshotAttributes is not in the AWS Config item";
    gap_unless(cx, s.public.is_some(), "public", NO_ATTRS);
    gap_unless(cx, s.shared_with.is_some(), "shared_with", NO_ATTRS);
    gaps_for_none!(cx, s, NOT_IN_CONF; source, snapshot_type, engine, encrypted);
    Config::AwsRdsSnapshot(Box::new(s))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RdsClusterSrc {
    #[serde(rename = "dBClusterIdentifier", alias = "dbClusterIdentifier")]
    id: LStr,
    engine: LStr,
    #[serde(rename = "engineVersion")]
    engine_version: LStr,
    #[serde(rename = "storageEncrypted")]
    storage_encrypted: LBool,
    #[serde(rename = "kmsKeyId")]
    kms_key_id: LStr,
    #[serde(rename = "deletionProtection")]
    deletion_protection: LBool,
    #[serde(rename = "backupRetentionPeriod")]
    backup_retention_period: LInt,
    #[serde(
        rename = "iAMDatabaseAuthenticationEnabled",
        alias = "iamDatabaseAuthenticationEnabled"
    )]
    iam_auth: LBool,
    #[serde(rename = "multiAZ", alias = "multiAz")]
    multi_az: LBool,
    #[serde(rename = "copyTagsToSnapshot")]
    copy_tags: LBool,
    #[serde(rename = "enabledCloudwatchLogsExports")]
    logs: Option<Items<LStr>>,
    #[serde(rename = "autoMinorVersionUpgrade")]
    auto_minor: LBool,
    #[serde(rename = "publiclyAccessible")]
    public: LBool,
    #[serde(rename = "dBClusterMembers", alias = "dbClusterMembers")]
    members: Option<Items<MemberSrc>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MemberSrc {
    #[serde(rename = "dBInstanceIdentifier", alias = "dbInstanceIdentifier")]
    id: LStr,
}

pub(super) fn rds_cluster(cx: &mut Cx<'_, '_>) -> Config {
    let has = cx.has_conf();
    let src: Option<RdsClusterSrc> = cx.conf();
    let has = has && src.is_some();
    let src = src.unwrap_or_default();
    let engine = src.engine.0;
    let aurora = engine.as_deref().is_some_and(|e| e.starts_with("aurora"));
    let c = RdsCluster {
        identifier: src.id.0.unwrap_or_else(|| cx.name_or_id()),
        engine,
        engine_version: src.engine_version.0,
        storage_encrypted: src.storage_encrypted.0,
        kms_key_id: src.kms_key_id.0.or_else(|| has.then(String::new)),
        deletion_protection: src.deletion_protection.0,
        backup_retention_days: src.backup_retention_period.i32(),
        iam_auth_enabled: src.iam_auth.0,
        multi_az: src.multi_az.0,
        copy_tags_to_snapshot: src.copy_tags.0,
        cloudwatch_logs_exports: strings(src.logs).or_else(|| has.then(Vec::new)),
        auto_minor_version_upgrade: src.auto_minor.0,
        // Aurora clusters have no cluster-level public flag (it is per instance).
        publicly_accessible: src.public.0.or_else(|| (has && aurora).then_some(false)),
        members: src
            .members
            .map(|m| m.0.into_iter().filter_map(|x| x.id.0).collect()),
    };
    gaps_for_none!(cx, c, NOT_IN_CONF;
        engine, engine_version, storage_encrypted, deletion_protection, backup_retention_days,
        iam_auth_enabled, multi_az, copy_tags_to_snapshot, members);
    Config::AwsRdsCluster(Box::new(c))
}
