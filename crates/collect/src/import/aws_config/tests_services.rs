//! Importer tests of the monitoring, messaging, data-store, security-service and edge types
//! (`services.rs`), in the shapes AWS Config records them, plus broken values.

use posture_model::kinds::aws;
use posture_model::{GapReason, Inventory, Resource};

use crate::import::{ImportOptions, import_bytes};

fn import(text: &str) -> Inventory {
    import_bytes("mem.json", text.as_bytes(), &ImportOptions::default()).expect("imports")
}

fn by_name<'a>(inv: &'a Inventory, name: &str) -> &'a Resource {
    inv.resources
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no resource named {name}"))
}

fn cfg<T: posture_model::Typed>(r: &Resource) -> &T {
    T::from_config(&r.config).unwrap_or_else(|| panic!("{} has kind {}", r.uid, r.kind()))
}

fn item(rtype: &str, name: &str, configuration: &str, sup: &str) -> String {
    format!(
        r#"{{"resourceType": "{rtype}", "resourceId": "{name}", "resourceName": "{name}",
            "awsAccountId": "111122223333", "awsRegion": "us-east-1",
            "configuration": {configuration}, "supplementaryConfiguration": {sup}}}"#
    )
}

fn snapshot(items: &[String]) -> String {
    format!(
        r#"{{"fileVersion": "1.0", "configurationItems": [{}]}}"#,
        items.join(",")
    )
}

#[test]
fn monitoring_types_map_both_shapes() {
    let text = snapshot(&[
        item(
            "AWS::CloudWatch::Alarm",
            "root-usage",
            r#"{"alarmName": "root-usage", "metricName": "RootUsage", "namespace": "CISBenchmark",
               "actionsEnabled": true, "alarmActions": ["arn:aws:sns:us-east-1:111122223333:sec"],
               "oKActions": [], "insufficientDataActions": [], "stateValue": "OK",
               "comparisonOperator": "GreaterThanOrEqualToThreshold", "threshold": 1.0,
               "statistic": "Sum", "period": 300, "evaluationPeriods": 1}"#,
            "{}",
        ),
        item(
            "AWS::CloudWatch::Alarm",
            "math",
            r#"{"alarmName": "math", "actionsEnabled": false,
               "metrics": [{"id": "m1", "metricStat": {"metric": {"namespace": "CIS", "metricName": "X"}}},
                           {"id": "e1", "expression": "m1 * 2"}]}"#,
            "{}",
        ),
        item(
            "AWS::Logs::LogGroup",
            "trail-logs",
            r#"{"LogGroupName": "trail-logs", "RetentionInDays": 365, "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"}"#,
            r#"{"MetricFilters": [{"filterName": "root", "filterPattern": "{ $.userIdentity.type = \"Root\" }",
                "metricTransformations": [{"metricName": "RootUsage", "metricNamespace": "CISBenchmark", "metricValue": "1"}]}]}"#,
        ),
        item(
            "AWS::Logs::LogGroup",
            "app-logs",
            r#"{"logGroupName": "app-logs"}"#,
            "{}",
        ),
        item(
            "AWS::Config::ConfigurationRecorder",
            "default",
            r#"{"name": "default", "recordingGroup": {"allSupported": true, "includeGlobalResourceTypes": true, "resourceTypes": []}}"#,
            r#"{"ConfigurationRecorderStatus": {"recording": true, "lastStatus": "SUCCESS"},
                "DeliveryChannel": {"name": "default", "s3BucketName": "config-bucket"}}"#,
        ),
    ]);
    let inv = import(&text);
    let a: &aws::CloudWatchAlarm = cfg(by_name(&inv, "root-usage"));
    assert_eq!(a.metric_name.as_deref(), Some("RootUsage"));
    assert_eq!(a.threshold, Some(1.0));
    assert_eq!(a.alarm_actions.as_ref().map(Vec::len), Some(1));
    assert_eq!(a.ok_actions, Some(vec![]));
    let m: &aws::CloudWatchAlarm = cfg(by_name(&inv, "math"));
    assert_eq!(m.metric_name.as_deref(), Some(""));
    assert_eq!(
        m.metrics,
        Some(vec![aws::AlarmMetric {
            namespace: "CIS".into(),
            metric_name: "X".into()
        }])
    );
    assert_eq!(m.alarm_actions, Some(vec![]));
    let g: &aws::LogGroup = cfg(by_name(&inv, "trail-logs"));
    assert_eq!(g.retention_days, Some(365));
    let f = &g.metric_filters.as_ref().expect("filters")[0];
    assert!(f.filter_pattern.contains("Root"));
    assert_eq!(f.metric_transformations[0].metric_namespace, "CISBenchmark");
    let app = by_name(&inv, "app-logs");
    let ag: &aws::LogGroup = cfg(app);
    assert_eq!(
        ag.retention_days,
        Some(0),
        "absent retention = never expires"
    );
    assert_eq!(ag.kms_key_id.as_deref(), Some(""));
    assert_eq!(ag.metric_filters, None);
    assert_eq!(
        app.gap_for("metric_filters").map(|g| g.reason),
        Some(GapReason::NotInSource)
    );
    let r: &aws::ConfigRecorder = cfg(by_name(&inv, "default"));
    assert_eq!(r.recording, Some(true));
    assert_eq!(r.all_supported, Some(true));
    let ch = r.delivery_channel.as_ref().expect("channel");
    assert!(ch.configured);
    assert_eq!(ch.s3_bucket_name.as_deref(), Some("config-bucket"));
}

#[test]
fn messaging_and_data_types_map() {
    let text = snapshot(&[
        item(
            "AWS::SNS::Topic",
            "alerts",
            r#"{"TopicArn": "arn:aws:sns:us-east-1:111122223333:alerts", "KmsMasterKeyId": "alias/aws/sns",
               "Subscription": [{"Endpoint": "sec@example.com", "Protocol": "email"}], "FifoTopic": false}"#,
            "{}",
        ),
        item(
            "AWS::SQS::Queue",
            "jobs",
            r#"{"QueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/jobs", "SqsManagedSseEnabled": "true",
               "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}",
               "RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:111122223333:jobs-dlq\",\"maxReceiveCount\":5}",
               "MessageRetentionPeriod": "345600"}"#,
            "{}",
        ),
        item(
            "AWS::SQS::Queue",
            "plain",
            r#"{"QueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/plain"}"#,
            "{}",
        ),
        item(
            "AWS::DynamoDB::Table",
            "orders",
            r#"{"tableName": "orders", "tableStatus": "ACTIVE", "sSEDescription": {"status": "ENABLED", "sSEType": "KMS",
               "kMSMasterKeyArn": "arn:aws:kms:us-east-1:111122223333:key/abc"}, "deletionProtectionEnabled": true,
               "billingModeSummary": {"billingMode": "PAY_PER_REQUEST"}}"#,
            r#"{"ContinuousBackupsDescription": {"continuousBackupsStatus": "ENABLED",
                "pointInTimeRecoveryDescription": {"pointInTimeRecoveryStatus": "ENABLED"}}}"#,
        ),
        item(
            "AWS::DynamoDB::Table",
            "cache",
            r#"{"tableName": "cache"}"#,
            "{}",
        ),
        item(
            "AWS::SecretsManager::Secret",
            "db-password",
            r#"{"name": "db-password", "rotationEnabled": true, "rotationRules": {"automaticallyAfterDays": 30},
               "lastRotatedDate": "2026-11-01T00:00:00Z"}"#,
            "{}",
        ),
    ]);
    let inv = import(&text);
    let t: &aws::SnsTopic = cfg(by_name(&inv, "alerts"));
    assert_eq!(t.topic_name, "alerts");
    assert_eq!(t.subscriptions.as_ref().map(Vec::len), Some(1));
    assert!(t.subscriptions.as_ref().is_some_and(|s| s[0].confirmed()));
    assert_eq!(t.policy, None, "Config's topic item has no access policy");
    let q: &aws::SqsQueue = cfg(by_name(&inv, "jobs"));
    assert_eq!(q.queue_name, "jobs");
    assert_eq!(q.sqs_managed_sse_enabled, Some(true));
    assert_eq!(q.kms_master_key_id.as_deref(), Some(""));
    assert_eq!(q.policy.as_ref().map(|p| p.statements.len()), Some(1));
    assert!(
        q.dead_letter_target_arn
            .as_deref()
            .is_some_and(|d| d.ends_with("jobs-dlq"))
    );
    assert_eq!(q.message_retention_seconds, Some(345_600));
    let p: &aws::SqsQueue = cfg(by_name(&inv, "plain"));
    assert_eq!(p.policy.as_ref().map(|p| p.statements.len()), Some(0));
    // An absent attribute is not "off".
    assert_eq!(p.sqs_managed_sse_enabled, None);
    let o: &aws::DynamoDbTable = cfg(by_name(&inv, "orders"));
    assert_eq!(o.sse_key_type.as_deref(), Some("CUSTOMER_MANAGED"));
    assert_eq!(o.point_in_time_recovery, Some(true));
    assert_eq!(o.billing_mode.as_deref(), Some("PAY_PER_REQUEST"));
    let c = by_name(&inv, "cache");
    let ct: &aws::DynamoDbTable = cfg(c);
    assert_eq!(ct.sse_key_type.as_deref(), Some("AWS_OWNED"));
    assert_eq!(ct.point_in_time_recovery, None);
    assert!(c.gap_for("point_in_time_recovery").is_some());
    let s: &aws::Secret = cfg(by_name(&inv, "db-password"));
    assert_eq!(s.rotation_enabled, Some(true));
    assert_eq!(s.rotation_days, Some(30));
    assert_eq!(s.last_accessed.as_deref(), Some(""));
}

#[test]
fn cloudformation_shaped_secrets_and_topics_leave_unrecorded_state_unknown() {
    let text = snapshot(&[
        item(
            "AWS::SecretsManager::Secret",
            "cfn-secret",
            r#"{"Name": "cfn-secret", "KmsKeyId": "k"}"#,
            "{}",
        ),
        item(
            "AWS::SNS::Topic",
            "bare-topic",
            r#"{"TopicArn": "arn:aws:sns:us-east-1:111122223333:bare-topic"}"#,
            "{}",
        ),
    ]);
    let inv = import(&text);
    let sr = by_name(&inv, "cfn-secret");
    let sc: &aws::Secret = cfg(sr);
    assert_eq!(sc.name, "cfn-secret");
    assert_eq!(
        (
            sc.rotation_enabled,
            sc.last_rotated.as_deref(),
            sc.last_accessed.as_deref()
        ),
        (None, None, None)
    );
    assert!(sr.gap_for("rotation_enabled").is_some());
    let tr = by_name(&inv, "bare-topic");
    let tc: &aws::SnsTopic = cfg(tr);
    assert_eq!(tc.subscriptions, None);
    assert!(tr.gap_for("subscriptions").is_some());
}

#[test]
fn security_container_and_edge_types_map() {
    let text = snapshot(&[
        item(
            "AWS::GuardDuty::Detector",
            "d1",
            r#"{"Enable": true, "FindingPublishingFrequency": "SIX_HOURS",
            "Features": [{"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}]}"#,
            "{}",
        ),
        item(
            "AWS::SecurityHub::Hub",
            "hub",
            r#"{"ARN": "arn:aws:securityhub:us-east-1:111122223333:hub/default", "AutoEnableControls": true}"#,
            "{}",
        ),
        item(
            "AWS::AccessAnalyzer::Analyzer",
            "aa",
            r#"{"AnalyzerName": "aa", "Type": "ACCOUNT"}"#,
            "{}",
        ),
        item(
            "AWS::IAM::ServerCertificate",
            "old-cert",
            r#"{"serverCertificateMetadata": {"serverCertificateName": "old-cert",
            "serverCertificateId": "ASCA1", "expiration": "2024-01-01T00:00:00Z", "uploadDate": "2022-01-01T00:00:00Z"}}"#,
            "{}",
        ),
        item(
            "AWS::Organizations::Policy",
            "deny-leave",
            r#"{"Name": "deny-leave", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false,
            "Content": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]},
            "TargetIds": ["r-abcd"]}"#,
            "{}",
        ),
        item(
            "AWS::EFS::FileSystem",
            "fs-1",
            r#"{"FileSystemId": "fs-1", "Encrypted": false, "BackupPolicy": {"Status": "DISABLED"},
            "PerformanceMode": "generalPurpose"}"#,
            "{}",
        ),
        item(
            "AWS::ECR::Repository",
            "api",
            r#"{"RepositoryName": "api", "ImageTagMutability": "MUTABLE",
            "ImageScanningConfiguration": {"ScanOnPush": true}, "LifecyclePolicy": {"LifecyclePolicyText": "{\"rules\":[]}"}}"#,
            "{}",
        ),
        item(
            "AWS::EKS::Cluster",
            "prod",
            r#"{"Name": "prod", "Version": "1.29",
            "ResourcesVpcConfig": {"EndpointPublicAccess": true, "EndpointPrivateAccess": false, "SecurityGroupIds": ["sg-1"]},
            "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"}]}},
            "EncryptionConfig": [{"Resources": ["secrets"], "Provider": {"KeyArn": "arn:aws:kms:us-east-1:111122223333:key/k"}}]}"#,
            "{}",
        ),
        item(
            "AWS::EKS::Cluster",
            "sdk",
            r#"{"name": "sdk", "version": "1.31",
            "resourcesVpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true, "publicAccessCidrs": []},
            "logging": {"clusterLogging": [{"types": ["api"], "enabled": false}, {"types": ["audit"], "enabled": true}]}}"#,
            "{}",
        ),
        item(
            "AWS::Redshift::Cluster",
            "wh",
            r#"{"clusterIdentifier": "wh", "encrypted": true, "publiclyAccessible": false,
            "allowVersionUpgrade": true, "automatedSnapshotRetentionPeriod": 7, "enhancedVpcRouting": false,
            "masterUsername": "awsuser", "vpcSecurityGroups": [{"vpcSecurityGroupId": "sg-2", "status": "active"}]}"#,
            r#"{"LoggingStatus": {"loggingEnabled": false}}"#,
        ),
        item(
            "AWS::Elasticsearch::Domain",
            "search",
            r#"{"domainName": "search", "elasticsearchVersion": "6.8",
            "encryptionAtRestOptions": {"enabled": false}, "nodeToNodeEncryptionOptions": {"enabled": true},
            "domainEndpointOptions": {"enforceHTTPS": true, "tLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"},
            "accessPolicies": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"es:*\",\"Resource\":\"*\"}]}",
            "logPublishingOptions": {"AUDIT_LOGS": {"enabled": false}}}"#,
            "{}",
        ),
        item(
            "AWS::OpenSearch::Domain",
            "os",
            r#"{"DomainName": "os", "EngineVersion": "OpenSearch_2.13",
            "VPCOptions": {"SubnetIds": ["subnet-1"]}, "AdvancedSecurityOptions": {"Enabled": true},
            "ClusterConfig": {"ZoneAwarenessEnabled": true, "InstanceCount": 3}}"#,
            "{}",
        ),
        item(
            "AWS::CloudFront::Distribution",
            "E1",
            r#"{"distribution": {"id": "E1", "distributionConfig": {"enabled": true,
            "defaultCacheBehavior": {"viewerProtocolPolicy": "redirect-to-https"},
            "cacheBehaviors": {"quantity": 1, "items": [{"viewerProtocolPolicy": "allow-all"}]},
            "viewerCertificate": {"cloudFrontDefaultCertificate": false, "minimumProtocolVersion": "TLSv1"},
            "webACLId": "", "logging": {"enabled": false, "bucket": ""},
            "origins": {"quantity": 2, "items": [
              {"id": "s3", "domainName": "b.s3.amazonaws.com", "s3OriginConfig": {"originAccessIdentity": ""}, "originAccessControlId": "E2OAC"},
              {"id": "api", "domainName": "api.example.com", "customOriginConfig": {"originProtocolPolicy": "http-only",
               "originSslProtocols": {"quantity": 1, "items": ["TLSv1.2"]}}}]}}}}"#,
            "{}",
        ),
        item(
            "AWS::ApiGateway::Stage",
            "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/prod",
            r#"{"stageName": "prod", "methodSettings": {"*/*": {"loggingLevel": "ERROR", "dataTraceEnabled": false,
               "cacheDataEncrypted": false}}, "tracingEnabled": true, "cacheClusterEnabled": false}"#,
            "{}",
        ),
        item(
            "AWS::RDS::DBSnapshot",
            "snap1",
            r#"{"dBSnapshotIdentifier": "snap1", "dBInstanceIdentifier": "db1",
            "snapshotType": "manual", "engine": "postgres", "encrypted": false}"#,
            r#"{"DBSnapshotAttributes": [{"attributeName": "restore", "attributeValues": ["all", "444455556666"]}]}"#,
        ),
        item(
            "AWS::RDS::DBCluster",
            "aur",
            r#"{"dBClusterIdentifier": "aur", "engine": "aurora-postgresql",
            "engineVersion": "15.4", "storageEncrypted": true, "deletionProtection": false, "backupRetentionPeriod": 1,
            "iAMDatabaseAuthenticationEnabled": false, "multiAZ": true, "copyTagsToSnapshot": true,
            "dBClusterMembers": [{"dBInstanceIdentifier": "aur-1"}]}"#,
            "{}",
        ),
    ]);
    let inv = import(&text);
    let d: &aws::GuardDutyDetector = cfg(by_name(&inv, "d1"));
    assert_eq!(d.status.as_deref(), Some("ENABLED"));
    assert_eq!(d.features.as_ref().map(Vec::len), Some(1));
    let h: &aws::SecurityHubHub = cfg(by_name(&inv, "hub"));
    assert!(h.hub_arn.ends_with("hub/default"));
    let a: &aws::AccessAnalyzer = cfg(by_name(&inv, "aa"));
    assert_eq!(a.status.as_deref(), Some("ACTIVE"));
    let c: &aws::IamServerCertificate = cfg(by_name(&inv, "old-cert"));
    assert_eq!(c.expiration.as_deref(), Some("2024-01-01T00:00:00Z"));
    let p: &aws::OrganizationsPolicy = cfg(by_name(&inv, "deny-leave"));
    assert_eq!(p.targets, Some(vec!["r-abcd".to_owned()]));
    assert_eq!(p.document.as_ref().map(|d| d.statements.len()), Some(1));
    let f: &aws::EfsFileSystem = cfg(by_name(&inv, "fs-1"));
    assert_eq!((f.encrypted, f.backup_enabled), (Some(false), Some(false)));
    assert_eq!(f.policy.as_ref().map(|p| p.statements.len()), Some(0));
    let e: &aws::EcrRepository = cfg(by_name(&inv, "api"));
    assert_eq!(e.scan_on_push, Some(true));
    assert_eq!(e.encryption_type.as_deref(), Some("AES256"));
    assert_eq!(e.lifecycle_policy_present, Some(true));
    let k: &aws::EksCluster = cfg(by_name(&inv, "prod"));
    assert_eq!(k.public_access_cidrs, Some(vec!["0.0.0.0/0".to_owned()]));
    assert_eq!(
        k.enabled_log_types,
        Some(vec!["api".to_owned(), "audit".to_owned()])
    );
    assert_eq!(k.secrets_encrypted, Some(true));
    let k2: &aws::EksCluster = cfg(by_name(&inv, "sdk"));
    assert_eq!(k2.enabled_log_types, Some(vec!["audit".to_owned()]));
    assert_eq!(k2.secrets_encrypted, Some(false));
    let r: &aws::RedshiftCluster = cfg(by_name(&inv, "wh"));
    assert_eq!(r.logging_enabled, Some(false));
    assert_eq!(r.vpc_security_groups, Some(vec!["sg-2".to_owned()]));
    let s: &aws::OpenSearchDomain = cfg(by_name(&inv, "search"));
    assert_eq!(s.encryption_at_rest, Some(false));
    assert_eq!(s.vpc_id.as_deref(), Some(""));
    assert_eq!(s.audit_logs_enabled, Some(false));
    assert_eq!(
        s.access_policy.as_ref().map(|p| p.statements.len()),
        Some(1)
    );
    let o: &aws::OpenSearchDomain = cfg(by_name(&inv, "os"));
    assert_eq!(o.vpc_id.as_deref(), Some("vpc-of-subnet-1"));
    assert_eq!(o.fine_grained_access_control, Some(true));
    let cf: &aws::CloudFrontDistribution = cfg(by_name(&inv, "E1"));
    assert_eq!(
        cf.viewer_protocol_policies,
        Some(vec!["redirect-to-https".to_owned(), "allow-all".to_owned()])
    );
    assert_eq!(cf.web_acl_id.as_deref(), Some(""));
    let origins = cf.origins.as_ref().expect("origins");
    assert_eq!(origins[0].origin_type, "s3");
    assert_eq!(
        origins[0].origin_access_control_id.as_deref(),
        Some("E2OAC")
    );
    assert_eq!(origins[1].protocol_policy.as_deref(), Some("http-only"));
    let st: &aws::ApiGatewayStage = cfg(by_name(
        &inv,
        "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/prod",
    ));
    assert_eq!(st.rest_api_id, "abc123");
    assert_eq!(st.logging_level.as_deref(), Some("ERROR"));
    assert_eq!(st.web_acl_arn.as_deref(), Some(""));
    let sn: &aws::RdsSnapshot = cfg(by_name(&inv, "snap1"));
    assert_eq!(sn.public, Some(true));
    assert_eq!(sn.shared_with, Some(vec!["444455556666".to_owned()]));
    let cl: &aws::RdsCluster = cfg(by_name(&inv, "aur"));
    assert_eq!(cl.backup_retention_days, Some(1));
    assert_eq!(cl.publicly_accessible, Some(false));
    assert_eq!(cl.members, Some(vec!["aur-1".to_owned()]));
}

#[test]
fn broken_values_become_gaps_and_keep_the_resource() {
    let text = snapshot(&[
        // A policy that is not JSON, a redrive policy of the wrong type.
        item(
            "AWS::SQS::Queue",
            "bad-q",
            r#"{"QueueName": "bad-q", "Policy": "{not json", "RedrivePolicy": "[1,2]"}"#,
            "{}",
        ),
        // Configuration of the wrong type altogether.
        item("AWS::EKS::Cluster", "bad-eks", r#""just a string""#, "{}"),
        item(
            "AWS::EKS::Cluster",
            "bad-logging",
            r#"{"name": "bad-logging", "logging": {"clusterLogging": 7}}"#,
            "{}",
        ),
        // Supplementary values that do not decode.
        item(
            "AWS::DynamoDB::Table",
            "bad-t",
            r#"{"tableName": "bad-t"}"#,
            r#"{"ContinuousBackupsDescription": "{oops"}"#,
        ),
        item(
            "AWS::RDS::DBSnapshot",
            "bad-s",
            r#"{"dBSnapshotIdentifier": "bad-s"}"#,
            r#"{"DBSnapshotAttributes": 5}"#,
        ),
        item(
            "AWS::CloudWatch::Alarm",
            "bad-a",
            r#"{"alarmName": "bad-a", "actionsEnabled": "maybe"}"#,
            "{}",
        ),
        item(
            "AWS::Organizations::Policy",
            "bad-p",
            r#"{"Name": "bad-p", "Content": "%%%"}"#,
            "{}",
        ),
    ]);
    let inv = import(&text);
    assert_eq!(inv.resources.len(), 7, "no resource is lost");
    let q = by_name(&inv, "bad-q");
    assert_eq!(
        q.gap_for("policy").map(|g| g.reason),
        Some(GapReason::Error)
    );
    assert_eq!(
        q.gap_for("dead_letter_target_arn").map(|g| g.reason),
        Some(GapReason::Error)
    );
    let qc: &aws::SqsQueue = cfg(q);
    assert_eq!(
        qc.policy, None,
        "a broken policy is never read as no policy"
    );
    let e = inv
        .resources
        .iter()
        .find(|r| r.uid.contains("bad-eks"))
        .expect("kept");
    assert_eq!(e.gap_for("*").map(|g| g.reason), Some(GapReason::Error));
    let l = by_name(&inv, "bad-logging");
    assert_eq!(
        l.gap_for("enabled_log_types").map(|g| g.reason),
        Some(GapReason::Error)
    );
    let t = by_name(&inv, "bad-t");
    assert_eq!(
        t.gap_for("point_in_time_recovery").map(|g| g.reason),
        Some(GapReason::Error)
    );
    let s = by_name(&inv, "bad-s");
    assert_eq!(
        s.gap_for("public").map(|g| g.reason),
        Some(GapReason::Error)
    );
    let sc: &aws::RdsSnapshot = cfg(s);
    assert_eq!(sc.public, None);
    let a = inv
        .resources
        .iter()
        .find(|r| r.uid.contains("bad-a"))
        .expect("kept");
    assert_eq!(a.gap_for("*").map(|g| g.reason), Some(GapReason::Error));
    let p = by_name(&inv, "bad-p");
    assert_eq!(
        p.gap_for("document").map(|g| g.reason),
        Some(GapReason::Error)
    );
    let w = &inv.sources[0].warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("$.configurationItems[0].configuration.Policy")),
        "{w:?}"
    );
    assert!(w.iter().any(|w| w.contains(
        "$.configurationItems[3].supplementaryConfiguration.ContinuousBackupsDescription"
    )));
}

#[test]
fn load_balancer_attributes_and_trail_selectors() {
    let text = snapshot(&[
        item(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "web",
            r#"{"loadBalancerName": "web", "type": "application",
            "scheme": "internet-facing", "vpcId": "vpc-1", "availabilityZones": [], "securityGroups": []}"#,
            r#"{"LoadBalancerAttributes": [{"key": "deletion_protection.enabled", "value": "true"},
                {"key": "access_logs.s3.enabled", "value": "false"},
                {"key": "routing.http.drop_invalid_header_fields.enabled", "value": "false"}]}"#,
        ),
        item(
            "AWS::CloudTrail::Trail",
            "main",
            r#"{"name": "main", "isMultiRegionTrail": true,
            "eventSelectors": [{"readWriteType": "All", "includeManagementEvents": true,
              "dataResources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}]}"#,
            "{}",
        ),
        item(
            "AWS::CloudTrail::Trail",
            "plain",
            r#"{"name": "plain"}"#,
            "{}",
        ),
    ]);
    let inv = import(&text);
    let lb: &aws::LoadBalancer = cfg(by_name(&inv, "web"));
    assert_eq!(lb.deletion_protection, Some(true));
    assert_eq!(lb.access_logs_enabled, Some(false));
    assert_eq!(lb.drop_invalid_header_fields, Some(false));
    let t: &aws::CloudTrailTrail = cfg(by_name(&inv, "main"));
    let sel = t.event_selectors.as_ref().expect("selectors");
    assert_eq!(
        sel[0].data_resources[0].values,
        vec!["arn:aws:s3".to_owned()]
    );
    assert_eq!(t.advanced_event_selectors, Some(vec![]));
    let p = by_name(&inv, "plain");
    assert!(p.gap_for("event_selectors").is_some());
}

/// A document with one item of every type this module maps, in both shapes where they differ.
fn every_type() -> String {
    snapshot(&[
        item(
            "AWS::CloudWatch::Alarm",
            "a",
            r#"{"alarmName": "a", "metricName": "M", "namespace": "N", "actionsEnabled": true, "alarmActions": ["x"], "metrics": [{"metricStat": {"metric": {"namespace": "N", "metricName": "M"}}}]}"#,
            "{}",
        ),
        item(
            "AWS::Logs::LogGroup",
            "g",
            r#"{"logGroupName": "g", "retentionInDays": 7}"#,
            r#"{"MetricFilters": [{"filterName": "f", "filterPattern": "{ $.x = 1 }", "metricTransformations": [{"metricName": "M", "metricNamespace": "N"}]}]}"#,
        ),
        item(
            "AWS::Config::ConfigurationRecorder",
            "r",
            r#"{"name": "r", "recordingGroup": {"allSupported": true, "exclusionByResourceTypes": {"resourceTypes": ["AWS::X::Y"]}}}"#,
            r#"{"ConfigurationRecorderStatus": {"recording": true}, "DeliveryChannel": [{"name": "d"}]}"#,
        ),
        item(
            "AWS::SNS::Topic",
            "t",
            r#"{"TopicArn": "arn:aws:sns:us-east-1:1:t", "Subscription": [{"Protocol": "http", "Endpoint": "http://x"}]}"#,
            r#"{"Policy": "{\"Statement\": []}"}"#,
        ),
        item(
            "AWS::SQS::Queue",
            "q",
            r#"{"QueueName": "q", "Policy": {"Statement": []}, "RedrivePolicy": {"deadLetterTargetArn": "arn"}}"#,
            "{}",
        ),
        item(
            "AWS::DynamoDB::Table",
            "d",
            r#"{"TableName": "d", "SSESpecification": {"SSEEnabled": true, "KMSMasterKeyId": "k"}, "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}, "BillingMode": "PROVISIONED"}"#,
            "{}",
        ),
        item(
            "AWS::SecretsManager::Secret",
            "s",
            r#"{"Name": "s", "RotationEnabled": false}"#,
            r#"{"ResourcePolicy": {"Statement": []}}"#,
        ),
        item(
            "AWS::GuardDuty::Detector",
            "gd",
            r#"{"status": "enabled", "features": [{"name": "S3_DATA_EVENTS", "status": "enabled"}]}"#,
            "{}",
        ),
        item(
            "AWS::SecurityHub::Hub",
            "h",
            r#"{"HubArn": "arn:aws:securityhub:us-east-1:1:hub/default", "EnabledStandards": [{"StandardsArn": "arn:s"}, "arn:t"]}"#,
            "{}",
        ),
        item(
            "AWS::AccessAnalyzer::Analyzer",
            "aa",
            r#"{"name": "aa", "type": "ORGANIZATION", "status": "ACTIVE"}"#,
            "{}",
        ),
        item(
            "AWS::IAM::ServerCertificate",
            "c",
            r#"{"ServerCertificateName": "c", "Expiration": "2030-01-01T00:00:00Z"}"#,
            "{}",
        ),
        item(
            "AWS::Organizations::Policy",
            "p",
            r#"{"name": "p", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Statement\": []}", "Targets": [{"TargetId": "ou-1"}]}"#,
            "{}",
        ),
        item(
            "AWS::EFS::FileSystem",
            "fs",
            r#"{"fileSystemId": "fs", "encrypted": true, "fileSystemPolicy": "{\"Statement\": []}"}"#,
            "{}",
        ),
        item(
            "AWS::ECR::Repository",
            "e",
            r#"{"repositoryName": "e", "imageScanningConfiguration": {"scanOnPush": false}, "encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": "k"}, "lifecyclePolicy": "{}"}"#,
            "{}",
        ),
        item(
            "AWS::Redshift::Cluster",
            "rs",
            r#"{"ClusterIdentifier": "rs", "Encrypted": true, "LoggingProperties": {"BucketName": "b"}}"#,
            "{}",
        ),
        item(
            "AWS::ApiGateway::Stage",
            "st",
            r#"{"StageName": "st", "RestApiId": "api", "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*", "LoggingLevel": "INFO", "CacheDataEncrypted": true}], "AccessLogSetting": {"DestinationArn": "arn"}}"#,
            "{}",
        ),
        item(
            "AWS::CloudFront::Distribution",
            "cf",
            r#"{"DistributionConfig": {"Enabled": true, "DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"}, "CacheBehaviors": [{"ViewerProtocolPolicy": "allow-all"}], "Origins": [{"Id": "o", "DomainName": "d", "S3OriginConfig": {}}], "ViewerCertificate": {"MinimumProtocolVersion": "TLSv1.2_2021"}, "Logging": {"Bucket": "b.s3.amazonaws.com"}}}"#,
            "{}",
        ),
        item(
            "AWS::RDS::DBClusterSnapshot",
            "cs",
            r#"{"dBClusterSnapshotIdentifier": "cs", "storageEncrypted": true}"#,
            r#"{"DBClusterSnapshotAttributes": [{"attributeName": "restore", "attributeValues": []}]}"#,
        ),
    ])
}

#[test]
fn cloudformation_and_sdk_spellings_agree() {
    let inv = import(&every_type());
    assert_eq!(inv.resources.len(), 18);
    assert!(
        inv.sources[0].warnings.is_empty(),
        "{:?}",
        inv.sources[0].warnings
    );
    assert_eq!(inv.sources[0].unmodeled.values().sum::<u64>(), 0);
    let d: &aws::DynamoDbTable = cfg(by_name(&inv, "d"));
    assert_eq!(d.sse_key_type.as_deref(), Some("CUSTOMER_MANAGED"));
    assert_eq!(d.point_in_time_recovery, Some(true));
    let st: &aws::ApiGatewayStage = cfg(by_name(&inv, "st"));
    assert_eq!(st.logging_level.as_deref(), Some("INFO"));
    assert_eq!(st.cache_data_encrypted, Some(true));
    let cf: &aws::CloudFrontDistribution = cfg(by_name(&inv, "cf"));
    assert_eq!(cf.logging_enabled, Some(true));
    assert_eq!(
        cf.viewer_protocol_policies,
        Some(vec!["https-only".to_owned(), "allow-all".to_owned()])
    );
    let h: &aws::SecurityHubHub = cfg(by_name(&inv, "h"));
    assert_eq!(h.enabled_standards.as_ref().map(Vec::len), Some(2));
    let p: &aws::OrganizationsPolicy = cfg(by_name(&inv, "p"));
    assert_eq!(p.targets, Some(vec!["ou-1".to_owned()]));
    let r: &aws::ConfigRecorder = cfg(by_name(&inv, "r"));
    assert_eq!(
        r.excluded_resource_types,
        Some(vec!["AWS::X::Y".to_owned()])
    );
    let rs: &aws::RedshiftCluster = cfg(by_name(&inv, "rs"));
    assert_eq!(rs.logging_enabled, Some(true));
}

#[test]
fn mutated_documents_never_panic_and_keep_their_file() {
    let text = every_type();
    let bytes = text.as_bytes();
    // Every truncation point.
    for cut in (0..bytes.len()).step_by(7) {
        let _ = import_bytes("mut.json", &bytes[..cut], &ImportOptions::default());
    }
    // Structural characters replaced by values of the wrong type.
    let swaps: [&[u8]; 6] = [b"null", b"7", b"\"x\"", b"[]", b"{}", b"true"];
    let mut seed: u64 = 0x5eed;
    for _ in 0..600 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let at = usize::try_from(seed >> 33).unwrap_or(0) % bytes.len();
        let with = swaps[usize::try_from(seed >> 60).unwrap_or(0) % swaps.len()];
        let mut m = bytes[..at].to_vec();
        m.extend_from_slice(with);
        m.extend_from_slice(&bytes[(at + 1).min(bytes.len())..]);
        if let Ok(inv) = import_bytes("mut.json", &m, &ImportOptions::default()) {
            // Whatever survived parsing is kept, each resource with its source.
            assert!(inv.resources.iter().all(|r| &*r.source == "mut.json"));
        }
    }
}

#[test]
fn listeners_are_joined_into_their_load_balancer() {
    let lb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/abc";
    let other = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/api/def";
    let with_arn = |rtype: &str, arn: &str, conf: &str, sup: &str| {
        format!(
            r#"{{"resourceType": "{rtype}", "resourceId": "{arn}", "ARN": "{arn}", "awsAccountId": "111122223333",
                "awsRegion": "us-east-1", "configuration": {conf}, "supplementaryConfiguration": {sup}}}"#
        )
    };
    let text = snapshot(&[
        with_arn(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            lb,
            r#"{"loadBalancerName": "web", "type": "application"}"#,
            "{}",
        ),
        with_arn(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            other,
            r#"{"loadBalancerName": "api", "type": "application"}"#,
            "{}",
        ),
        with_arn(
            "AWS::ElasticLoadBalancingV2::Listener",
            &format!("{lb}/l1"),
            &format!(
                r#"{{"listenerArn": "{lb}/l1", "loadBalancerArn": "{lb}", "port": 443, "protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "defaultActions": [{{"type": "forward"}}]}}"#
            ),
            "{}",
        ),
        with_arn(
            "AWS::ElasticLoadBalancingV2::Listener",
            &format!("{lb}/l2"),
            &format!(
                r#"{{"ListenerArn": "{lb}/l2", "LoadBalancerArn": "{lb}", "Port": 80, "Protocol": "HTTP", "DefaultActions": [{{"Type": "redirect", "RedirectConfig": {{"Protocol": "HTTPS", "Port": "443"}}}}]}}"#
            ),
            "{}",
        ),
    ]);
    let inv = import(&text);
    let web = inv.resources.iter().find(|r| r.uid == lb).expect("web");
    let c: &aws::LoadBalancer = cfg(web);
    let ls = c.listeners.as_ref().expect("joined");
    assert_eq!(ls.len(), 2);
    assert_eq!(ls[0].port, Some(80));
    assert!(ls[0].redirects_to_https);
    assert_eq!(
        ls[1].ssl_policy.as_deref(),
        Some("ELBSecurityPolicy-TLS13-1-2-2021-06")
    );
    assert_eq!(c.listener_ports, Some(vec![80, 443]));
    assert!(web.gap_for("listeners").is_none());
    // The other load balancer had no listener item in the file: still a gap, never "none".
    let api = inv.resources.iter().find(|r| r.uid == other).expect("api");
    let a: &aws::LoadBalancer = cfg(api);
    assert_eq!(a.listeners, None);
    assert!(api.gap_for("listeners").is_some());
}
