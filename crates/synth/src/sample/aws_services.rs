//! AWS services added to the sample after the original estate: the CIS monitoring chain
//! (CloudTrail log group → metric filters → alarms → SNS topic), the Config recorder,
//! GuardDuty, Security Hub, Access Analyzer, secrets, EFS, ECR, EKS, Redshift, OpenSearch,
//! CloudFront, API Gateway, RDS clusters and snapshots, IAM server certificates and SCPs.
//!
//! Every kind appears correctly configured and misconfigured. A generator of its own keeps
//! every earlier id unchanged.

use serde_json::{Value, json};

use super::{Book, DEV, PROD, side_rng, tg};
use crate::aws::{self, AwsItem, Scope};
use crate::rng::{Rng, timestamp};

/// The CIS monitoring filters the prod trail's log group carries: (filter name, pattern,
/// metric). The AWS Organizations filter is deliberately missing.
const FILTERS: &[(&str, &str, &str)] = &[
    (
        "unauthorized-api-calls",
        r#"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }"#,
        "UnauthorizedApiCalls",
    ),
    (
        "console-signin-without-mfa",
        r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#,
        "ConsoleSigninWithoutMfa",
    ),
    (
        "root-account-usage",
        r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
        "RootAccountUsage",
    ),
    (
        "iam-policy-changes",
        r#"{ ($.eventSource = iam.amazonaws.com) && (($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy)) }"#,
        "IamPolicyChanges",
    ),
    (
        "cloudtrail-changes",
        r#"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"#,
        "CloudTrailChanges",
    ),
    (
        "console-auth-failures",
        r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#,
        "ConsoleAuthFailures",
    ),
    (
        "cmk-disable-or-deletion",
        r#"{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }"#,
        "CmkDisableOrDeletion",
    ),
    (
        "s3-bucket-policy-changes",
        r#"{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"#,
        "S3BucketPolicyChanges",
    ),
    (
        "config-changes",
        r#"{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }"#,
        "ConfigChanges",
    ),
    (
        "security-group-changes",
        r#"{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"#,
        "SecurityGroupChanges",
    ),
    (
        "nacl-changes",
        r#"{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"#,
        "NaclChanges",
    ),
    (
        "network-gateway-changes",
        r#"{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"#,
        "NetworkGatewayChanges",
    ),
    (
        "route-table-changes",
        r#"{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }"#,
        "RouteTableChanges",
    ),
    (
        "vpc-changes",
        r#"{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"#,
        "VpcChanges",
    ),
];

const NS: &str = "LarkspurSecurity";

fn arn(service: &str, s: Scope<'_>, rest: &str) -> String {
    format!("arn:aws:{service}:{}:{}:{rest}", s.region, s.account)
}

fn alarm(
    rng: &mut Rng,
    s: Scope<'_>,
    name: &str,
    metric: &str,
    topic: &str,
    enabled: bool,
) -> AwsItem {
    let a = arn("cloudwatch", s, &format!("alarm:{name}"));
    aws::service_item(
        rng,
        s,
        "AWS::CloudWatch::Alarm",
        name,
        Some(name),
        Some(a.clone()),
        tg(None, "prod", "internal", "security"),
        json!({"alarmName": name, "alarmArn": a, "metricName": metric, "namespace": NS,
               "statistic": "Sum", "period": 300, "evaluationPeriods": 1, "threshold": 1.0,
               "comparisonOperator": "GreaterThanOrEqualToThreshold", "actionsEnabled": enabled,
               "alarmActions": [topic], "oKActions": [], "insufficientDataActions": [],
               "stateValue": "OK", "treatMissingData": "notBreaching", "dimensions": []}),
        json!({}),
    )
}

fn log_group(
    rng: &mut Rng,
    s: Scope<'_>,
    name: &str,
    retention: Option<i64>,
    kms: Option<&str>,
    filters: &[(&str, &str, &str)],
    env: &str,
    app: &str,
) -> AwsItem {
    let a = arn("logs", s, &format!("log-group:{name}"));
    let mut c = json!({"LogGroupName": name, "Arn": format!("{a}:*")});
    if let Some(r) = retention {
        c["RetentionInDays"] = json!(r);
    }
    if let Some(k) = kms {
        c["KmsKeyId"] = json!(k);
    }
    let mf: Vec<Value> = filters
        .iter()
        .map(|(n, p, m)| {
            json!({"filterName": n, "filterPattern": p, "logGroupName": name,
                   "metricTransformations": [{"metricName": m, "metricNamespace": NS, "metricValue": "1"}]})
        })
        .collect();
    aws::service_item(
        rng,
        s,
        "AWS::Logs::LogGroup",
        name,
        Some(name),
        Some(format!("{a}:*")),
        tg(None, env, "internal", app),
        c,
        json!({"MetricFilters": mf}),
    )
}

/// The `AWS::ElasticLoadBalancingV2::Listener` items of a load balancer: (port, protocol, TLS
/// policy, redirect to HTTPS).
fn listeners(
    rng: &mut Rng,
    s: Scope<'_>,
    lb: &AwsItem,
    specs: &[(i64, &str, Option<&str>, bool)],
) -> Vec<AwsItem> {
    let Some(lb_arn) = lb.arn.clone() else {
        return Vec::new();
    };
    specs
        .iter()
        .map(|(port, proto, policy, redirect)| {
            let arn = format!("{}/{}", lb_arn.replace(":loadbalancer/", ":listener/"), rng.hex(16));
            let action = if *redirect {
                json!({"type": "redirect", "order": 1, "redirectConfig": {"protocol": "HTTPS", "port": "443", "host": "#{host}", "path": "/#{path}", "query": "#{query}", "statusCode": "HTTP_301"}})
            } else {
                json!({"type": "forward", "order": 1, "targetGroupArn": format!("arn:aws:elasticloadbalancing:{}:{}:targetgroup/{}-tg/{}", s.region, s.account, lb.name.clone().unwrap_or_default(), rng.hex(16))})
            };
            let mut c = json!({"listenerArn": arn, "loadBalancerArn": lb_arn, "port": port, "protocol": proto, "defaultActions": [action]});
            if let Some(p) = policy {
                c["sslPolicy"] = json!(p);
                c["certificates"] = json!([{"certificateArn": format!("arn:aws:acm:{}:{}:certificate/{}", s.region, s.account, rng.uuid())}]);
            }
            let mut it = aws::service_item(rng, s, "AWS::ElasticLoadBalancingV2::Listener", &arn, None, Some(arn.clone()), Vec::new(), c, json!({}));
            it.rels.push(aws::rel("AWS::ElasticLoadBalancingV2::LoadBalancer", &lb_arn, "Is attached to LoadBalancer"));
            it
        })
        .collect()
}

/// Append the service resources to the per-region item lists.
pub(super) fn add(regions: &mut [(&str, &str, Vec<AwsItem>)], book: &mut Book) {
    let rng = &mut side_rng("aws-services");
    for (account, region, items) in regions.iter_mut() {
        let s = Scope { account, region };
        // Listeners of the load balancers planted on the network paths.
        let lbs: Vec<AwsItem> = items
            .iter()
            .filter(|i| i.rtype == "AWS::ElasticLoadBalancingV2::LoadBalancer")
            .cloned()
            .collect();
        for lb in &lbs {
            let specs: &[(i64, &str, Option<&str>, bool)] =
                if lb.name.as_deref() == Some("portal-alb") {
                    &[
                        (
                            443,
                            "HTTPS",
                            Some("ELBSecurityPolicy-TLS13-1-2-2021-06"),
                            false,
                        ),
                        (80, "HTTP", None, true),
                    ]
                } else {
                    &[
                        (443, "HTTPS", Some("ELBSecurityPolicy-2016-08"), false),
                        (8080, "HTTP", None, false),
                    ]
                };
            items.extend(listeners(rng, s, lb, specs));
        }
        match (*account, *region) {
            (PROD, "us-east-1") => prod_us_east_1(rng, s, items, book),
            (PROD, "eu-west-1") => prod_eu_west_1(rng, s, items, book),
            (DEV, "us-east-1") => dev_us_east_1(rng, s, items, book),
            _ => {}
        }
    }
}

fn prod_us_east_1(rng: &mut Rng, s: Scope<'_>, v: &mut Vec<AwsItem>, book: &mut Book) {
    let t = |class: &str, app: &str| tg(None, "prod", class, app);
    let kms = arn("kms", s, "key/0d7c6a52-5b1e-4d8e-9a43-6f0c2d9e1b77");

    // The monitoring chain of the organization trail.
    let topic = arn("sns", s, "larkspur-security-alerts");
    v.push(aws::service_item(
        rng,
        s,
        "AWS::SNS::Topic",
        &topic,
        Some("larkspur-security-alerts"),
        Some(topic.clone()),
        t("internal", "security"),
        json!({"TopicArn": topic, "DisplayName": "Security alerts", "KmsMasterKeyId": kms,
               "Subscription": [{"Endpoint": "security@larkspur-health.example", "Protocol": "email"},
                                {"Endpoint": "https://events.pagerduty.example/integration/abc/enqueue", "Protocol": "https"}],
               "FifoTopic": false}),
        json!({}),
    ));
    v.push(log_group(
        rng,
        s,
        "aws-cloudtrail-logs-larkspur",
        Some(365),
        Some(&kms),
        FILTERS,
        "prod",
        "security",
    ));
    for (name, _, metric) in FILTERS {
        if matches!(*name, "root-account-usage" | "unauthorized-api-calls") {
            // Alarms recorded with the original sample (same names and metrics).
            continue;
        }
        let enabled = *name != "console-signin-without-mfa";
        v.push(alarm(
            rng,
            s,
            &format!("cis-{name}"),
            metric,
            &topic,
            enabled,
        ));
    }
    book.plant(
        "AWS",
        "claims-api-internal (ALB, prod)",
        "plain-HTTP listener on 8080 without redirect; HTTPS listener on the old TLS 1.0 policy",
        "portal-alb (HTTPS with TLS 1.2/1.3, port 80 redirects)",
    );
    book.plant(
        "AWS",
        "CloudTrail monitoring (prod 111122223333)",
        "no metric filter and alarm for AWS Organizations changes; the console sign-in without MFA alarm has its actions disabled",
        "the other CIS monitoring filters on aws-cloudtrail-logs-larkspur, each with an alarm notifying larkspur-security-alerts",
    );
    v.push(log_group(
        rng,
        s,
        "/aws/lambda/portal-api",
        Some(14),
        None,
        &[],
        "prod",
        "patient-portal",
    ));
    book.plant(
        "AWS",
        "/aws/lambda/portal-api (log group, prod)",
        "events kept 14 days and not encrypted with a customer key",
        "aws-cloudtrail-logs-larkspur (365 days, KMS)",
    );

    // AWS Config, GuardDuty, Security Hub, Access Analyzer.
    v.push(recorder(rng, s, true, true));
    v.push(detector(rng, s, true));
    let hub = arn("securityhub", s, "hub/default");
    v.push(aws::service_item(
        rng,
        s,
        "AWS::SecurityHub::Hub",
        &hub,
        None,
        Some(hub.clone()),
        Vec::new(),
        json!({"ARN": hub, "SubscribedAt": timestamp(400, 36_000), "AutoEnableControls": true,
               "ControlFindingGenerator": "SECURITY_CONTROL", "EnableDefaultStandards": true}),
        json!({}),
    ));
    let aa = arn("access-analyzer", s, "analyzer/larkspur-account-analyzer");
    v.push(aws::service_item(
        rng,
        s,
        "AWS::AccessAnalyzer::Analyzer",
        &aa,
        Some("larkspur-account-analyzer"),
        Some(aa.clone()),
        t("internal", "security"),
        json!({"AnalyzerName": "larkspur-account-analyzer", "Arn": aa, "Type": "ACCOUNT", "ArchiveRules": []}),
        json!({}),
    ));

    // Secrets Manager.
    for (name, rotated, class, app) in [
        ("claims/db-master", true, "financial", "claims"),
        ("portal/payments-api-key", false, "pii", "patient-portal"),
    ] {
        let a = arn(
            "secretsmanager",
            s,
            &format!("secret:{name}-{}", rng.hex(6)),
        );
        let mut c = json!({"name": name, "arn": a, "description": format!("{app} credential"),
                           "createdDate": timestamp(500, 40_000), "lastAccessedDate": timestamp(1, 0)});
        if rotated {
            c["rotationEnabled"] = json!(true);
            c["rotationRules"] = json!({"automaticallyAfterDays": 30});
            c["lastRotatedDate"] = json!(timestamp(12, 3_600));
            c["kmsKeyId"] = json!(kms);
        } else {
            c["rotationEnabled"] = json!(false);
        }
        v.push(aws::service_item(
            rng,
            s,
            "AWS::SecretsManager::Secret",
            &a,
            Some(name),
            Some(a.clone()),
            t(class, app),
            c,
            json!({}),
        ));
    }
    book.plant(
        "AWS",
        "portal/payments-api-key (Secrets Manager, prod)",
        "automatic rotation off (never rotated)",
        "claims/db-master (rotated every 30 days)",
    );

    // EFS, ECR, EKS.
    let fs = "fs-0c1a2b3c4d5e6f708";
    v.push(aws::service_item(
        rng,
        s,
        "AWS::EFS::FileSystem",
        fs,
        Some("claims-scans"),
        Some(arn("elasticfilesystem", s, &format!("file-system/{fs}"))),
        t("phi", "claims"),
        json!({"FileSystemId": fs, "Encrypted": true, "KmsKeyId": kms, "PerformanceMode": "generalPurpose",
               "ThroughputMode": "elastic", "BackupPolicy": {"Status": "ENABLED"}, "FileSystemTags": []}),
        json!({}),
    ));
    for (name, immutable, scan) in [("claims-ocr", true, true), ("portal-web", false, false)] {
        let a = arn("ecr", s, &format!("repository/{name}"));
        v.push(aws::service_item(
            rng,
            s,
            "AWS::ECR::Repository",
            name,
            Some(name),
            Some(a.clone()),
            t("internal", if name == "claims-ocr" { "claims" } else { "patient-portal" }),
            json!({"RepositoryName": name, "Arn": a,
                   "ImageTagMutability": if immutable { "IMMUTABLE" } else { "MUTABLE" },
                   "ImageScanningConfiguration": {"ScanOnPush": scan},
                   "EncryptionConfiguration": {"EncryptionType": "KMS", "KmsKey": kms},
                   "LifecyclePolicy": {"LifecyclePolicyText": "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}"}}),
            json!({}),
        ));
    }
    book.plant(
        "AWS",
        "portal-web (ECR repository, prod)",
        "image tags mutable and no scan on push",
        "claims-ocr (immutable tags, scan on push)",
    );
    v.push(eks(
        rng,
        s,
        "larkspur-prod-eks",
        "1.31",
        false,
        &[
            "api",
            "audit",
            "authenticator",
            "controllerManager",
            "scheduler",
        ],
        Some(&kms),
        "prod",
    ));

    // Redshift, OpenSearch.
    v.push(redshift(
        rng,
        s,
        "claims-warehouse",
        true,
        false,
        true,
        "prod",
    ));
    let dom = "portal-search";
    v.push(aws::service_item(
        rng,
        s,
        "AWS::OpenSearch::Domain",
        dom,
        Some(dom),
        Some(format!("arn:aws:es:{}:{}:domain/{dom}", s.region, s.account)),
        t("pii", "patient-portal"),
        json!({"DomainName": dom, "EngineVersion": "OpenSearch_2.13",
               "ClusterConfig": {"InstanceType": "r6g.large.search", "InstanceCount": 3, "ZoneAwarenessEnabled": true, "DedicatedMasterEnabled": true},
               "EncryptionAtRestOptions": {"Enabled": true, "KmsKeyId": kms},
               "NodeToNodeEncryptionOptions": {"Enabled": true},
               "DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"},
               "VPCOptions": {"SubnetIds": ["subnet-0prodapp1a"], "SecurityGroupIds": ["sg-0portalsearch"]},
               "AdvancedSecurityOptions": {"Enabled": true, "InternalUserDatabaseEnabled": false},
               "LogPublishingOptions": {"AUDIT_LOGS": {"Enabled": true, "CloudWatchLogsLogGroupArn": arn("logs", s, "log-group:/aws/opensearch/portal-search/audit")}},
               "AccessPolicies": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{}:role/portal-api", s.account)}, "Action": "es:ESHttp*", "Resource": format!("arn:aws:es:{}:{}:domain/{dom}/*", s.region, s.account)}]}}),
        json!({}),
    ));

    // CloudFront (global, recorded in us-east-1).
    for (id, good) in [("E1PORTALLARKSPUR", true), ("E2DOCSLARKSPUR", false)] {
        let a = format!("arn:aws:cloudfront::{}:distribution/{id}", s.account);
        let behavior = if good {
            "redirect-to-https"
        } else {
            "allow-all"
        };
        v.push(aws::service_item(
            rng,
            s,
            "AWS::CloudFront::Distribution",
            id,
            Some(id),
            Some(a),
            t("public", if good { "patient-portal" } else { "internal-tools" }),
            json!({"distributionConfig": {
                "enabled": true, "comment": if good { "patient portal" } else { "public docs" },
                "defaultCacheBehavior": {"targetOriginId": "origin", "viewerProtocolPolicy": behavior},
                "cacheBehaviors": {"quantity": 0, "items": []},
                "viewerCertificate": if good {
                    json!({"cloudFrontDefaultCertificate": false, "aCMCertificateArn": format!("arn:aws:acm:us-east-1:{}:certificate/portal", s.account), "sSLSupportMethod": "sni-only", "minimumProtocolVersion": "TLSv1.2_2021"})
                } else {
                    json!({"cloudFrontDefaultCertificate": true, "minimumProtocolVersion": "TLSv1"})
                },
                "webACLId": if good { format!("arn:aws:wafv2:us-east-1:{}:global/webacl/portal/1234", s.account) } else { String::new() },
                "logging": {"enabled": good, "includeCookies": false, "bucket": if good { "larkspur-prod-access-logs.s3.amazonaws.com" } else { "" }, "prefix": ""},
                "origins": {"quantity": 1, "items": [
                    {"id": "origin", "domainName": if good { "larkspur-prod-public-site.s3.us-east-1.amazonaws.com" } else { "docs.larkspur-health.example" },
                     "s3OriginConfig": if good { json!({"originAccessIdentity": ""}) } else { Value::Null },
                     "customOriginConfig": if good { Value::Null } else { json!({"hTTPPort": 80, "hTTPSPort": 443, "originProtocolPolicy": "http-only", "originSslProtocols": {"quantity": 1, "items": ["TLSv1.2"]}}) },
                     "originAccessControlId": if good { "E3OACPORTAL" } else { "" }}]}}}),
            json!({}),
        ));
    }
    book.plant(
        "AWS",
        "E2DOCSLARKSPUR (CloudFront, prod)",
        "viewers may use HTTP; TLSv1 minimum on the default certificate; HTTP to the origin; no WAF; no access logs",
        "E1PORTALLARKSPUR (HTTPS redirect, TLS 1.2, WAF, logs, S3 origin with OAC)",
    );

    // API Gateway.
    v.push(stage(rng, s, "k3x9claims", "prod", true, "claims"));

    // Aurora cluster and a manual snapshot.
    v.push(rds_cluster(rng, s, "claims-aurora", true, true, 14, "prod"));
    v.push(rds_snapshot(
        rng,
        s,
        "claims-aurora-pre-migration",
        "claims-aurora",
        true,
        &[],
    ));

    // IAM server certificates (global).
    let g = Scope {
        account: s.account,
        region: "global",
    };
    for (name, expires_days_ago) in [("legacy-portal-2023", 700), ("portal-2027", -300)] {
        let id = format!("ASCA{}", rng.hex(16).to_ascii_uppercase());
        v.push(aws::service_item(
            rng,
            g,
            "AWS::IAM::ServerCertificate",
            &id,
            Some(name),
            Some(format!("arn:aws:iam::{}:server-certificate/{name}", s.account)),
            t("public", "patient-portal"),
            json!({"serverCertificateMetadata": {"path": "/", "serverCertificateName": name, "serverCertificateId": id,
                   "arn": format!("arn:aws:iam::{}:server-certificate/{name}", s.account),
                   "uploadDate": timestamp(expires_days_ago + 400, 30_000), "expiration": timestamp(expires_days_ago, 43_200)}}),
            json!({}),
        ));
    }
    book.plant(
        "AWS",
        "legacy-portal-2023 (IAM server certificate, prod)",
        "expired almost two years ago and still uploaded",
        "portal-2027 (valid)",
    );

    // Organizations SCPs (the prod account is the management account).
    for (name, id, doc, targets) in [
        (
            "deny-leave-organization",
            "p-4kq8d2nv",
            json!({"Version": "2012-10-17", "Statement": [{"Sid": "NoLeaving", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}),
            vec!["r-lk9z"],
        ),
        (
            "deny-disable-guardrails",
            "p-8sj2m1xa",
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "config:StopConfigurationRecorder", "guardduty:DeleteDetector"], "Resource": "*"}]}),
            vec![],
        ),
    ] {
        let a = format!(
            "arn:aws:organizations::{}:policy/o-larkspur/service_control_policy/{id}",
            s.account
        );
        v.push(aws::service_item(
            rng,
            g,
            "AWS::Organizations::Policy",
            id,
            Some(name),
            Some(a.clone()),
            Vec::new(),
            json!({"Name": name, "Id": id, "Arn": a, "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false,
                   "Content": doc.to_string(), "TargetIds": targets, "Description": name}),
            json!({}),
        ));
    }
    book.plant(
        "AWS",
        "deny-disable-guardrails (SCP, prod)",
        "written but attached to no root, OU or account, so it protects nothing",
        "deny-leave-organization (attached to the root)",
    );
}

fn prod_eu_west_1(rng: &mut Rng, s: Scope<'_>, v: &mut Vec<AwsItem>, book: &mut Book) {
    v.push(recorder(rng, s, false, true));
    book.plant(
        "AWS",
        "AWS Config recorder (prod, eu-west-1)",
        "recorder exists but is stopped",
        "prod us-east-1 recorder (recording every resource type)",
    );
    v.push(detector(rng, s, true));
    v.push(rds_snapshot(
        rng,
        s,
        "portal-db-eu-final",
        "portal-db-eu",
        true,
        &[],
    ));
}

fn dev_us_east_1(rng: &mut Rng, s: Scope<'_>, v: &mut Vec<AwsItem>, book: &mut Book) {
    let t = |class: &str, app: &str| tg(None, "dev", class, app);
    v.push(detector(rng, s, false));
    book.plant(
        "AWS",
        "GuardDuty detector (dev, us-east-1)",
        "detector suspended; no Security Hub and no Access Analyzer in the dev account",
        "prod detectors (enabled) and prod Security Hub / Access Analyzer",
    );
    // Messaging and data without encryption or recovery.
    let topic = arn("sns", s, "dev-build-events");
    v.push(aws::service_item(
        rng,
        s,
        "AWS::SNS::Topic",
        &topic,
        Some("dev-build-events"),
        Some(topic.clone()),
        t("internal", "platform"),
        json!({"TopicArn": topic, "DisplayName": "", "Subscription": [], "FifoTopic": false}),
        json!({}),
    ));
    let q = "dev-webhook-inbox";
    let url = format!("https://sqs.{}.amazonaws.com/{}/{q}", s.region, s.account);
    let qarn = arn("sqs", s, q);
    v.push(aws::service_item(
        rng,
        s,
        "AWS::SQS::Queue",
        &url,
        Some(q),
        Some(qarn.clone()),
        t("internal", "platform"),
        json!({"QueueUrl": url, "QueueArn": qarn, "VisibilityTimeout": "30", "MessageRetentionPeriod": "345600",
               "SqsManagedSseEnabled": "false",
               "Policy": json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": qarn}]}).to_string()}),
        json!({}),
    ));
    book.plant(
        "AWS",
        "dev-webhook-inbox (SQS, dev) and dev-build-events (SNS, dev)",
        "queue unencrypted and open to any principal; topic unencrypted",
        "prod queues (SSE) and larkspur-security-alerts (KMS)",
    );
    let tbl = "dev-experiments";
    let tarn = arn("dynamodb", s, &format!("table/{tbl}"));
    v.push(aws::service_item(
        rng,
        s,
        "AWS::DynamoDB::Table",
        tbl,
        Some(tbl),
        Some(tarn.clone()),
        t("internal", "analytics"),
        json!({"tableName": tbl, "tableArn": tarn, "tableStatus": "ACTIVE", "billingModeSummary": {"billingMode": "PAY_PER_REQUEST"},
               "keySchema": [{"attributeName": "pk", "keyType": "HASH"}], "deletionProtectionEnabled": false}),
        json!({"ContinuousBackupsDescription": {"continuousBackupsStatus": "ENABLED", "pointInTimeRecoveryDescription": {"pointInTimeRecoveryStatus": "DISABLED"}}}),
    ));
    book.plant(
        "AWS",
        "dev-experiments (DynamoDB, dev)",
        "no point-in-time recovery and no deletion protection",
        "prod tables (both on)",
    );
    let fs = "fs-0d9e8f7a6b5c4d3e2";
    v.push(aws::service_item(
        rng,
        s,
        "AWS::EFS::FileSystem",
        fs,
        Some("dev-scratch"),
        Some(arn("elasticfilesystem", s, &format!("file-system/{fs}"))),
        t("internal", "platform"),
        json!({"FileSystemId": fs, "Encrypted": false, "PerformanceMode": "generalPurpose", "BackupPolicy": {"Status": "DISABLED"},
               "FileSystemPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource": "*"}]}}),
        json!({}),
    ));
    book.plant(
        "AWS",
        "dev-scratch (EFS, dev)",
        "not encrypted at rest, no backups, file system policy open to any principal",
        "claims-scans (encrypted, backed up)",
    );
    v.push(eks(
        rng,
        s,
        "larkspur-dev-eks",
        "1.27",
        true,
        &[],
        None,
        "dev",
    ));
    book.plant(
        "AWS",
        "larkspur-dev-eks (EKS, dev)",
        "API endpoint public to 0.0.0.0/0, no control-plane logs, secrets not envelope-encrypted, end-of-support version",
        "larkspur-prod-eks (private endpoint, all logs, KMS)",
    );
    v.push(redshift(
        rng,
        s,
        "analytics-sandbox",
        false,
        true,
        false,
        "dev",
    ));
    book.plant(
        "AWS",
        "analytics-sandbox (Redshift, dev)",
        "unencrypted, publicly accessible, audit logging off",
        "claims-warehouse (encrypted, private, logging)",
    );
    let dom = "dev-logs";
    v.push(aws::service_item(
        rng,
        s,
        "AWS::Elasticsearch::Domain",
        dom,
        Some(dom),
        Some(format!("arn:aws:es:{}:{}:domain/{dom}", s.region, s.account)),
        t("internal", "platform"),
        json!({"domainName": dom, "elasticsearchVersion": "6.8",
               "elasticsearchClusterConfig": {"instanceType": "t3.small.elasticsearch", "instanceCount": 1, "zoneAwarenessEnabled": false},
               "encryptionAtRestOptions": {"enabled": false}, "nodeToNodeEncryptionOptions": {"enabled": false},
               "domainEndpointOptions": {"enforceHTTPS": false, "tLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"},
               "advancedSecurityOptions": {"enabled": false}, "logPublishingOptions": {},
               "accessPolicies": json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": format!("arn:aws:es:{}:{}:domain/{dom}/*", s.region, s.account)}]}).to_string()}),
        json!({}),
    ));
    book.plant(
        "AWS",
        "dev-logs (OpenSearch/Elasticsearch, dev)",
        "public endpoint with an open access policy; no encryption at rest or between nodes; HTTP allowed; TLS 1.0",
        "portal-search (VPC, encrypted, HTTPS with TLS 1.2, fine-grained access control)",
    );
    v.push(stage(rng, s, "p7w2devapi", "dev", false, "platform"));
    v.push(rds_cluster(rng, s, "dev-aurora", false, false, 1, "dev"));
    book.plant(
        "AWS",
        "dev-aurora (RDS cluster, dev)",
        "storage unencrypted, no deletion protection, 1-day backups",
        "claims-aurora (encrypted, protected, 14 days)",
    );
    v.push(rds_snapshot(
        rng,
        s,
        "dev-aurora-share",
        "dev-aurora",
        false,
        &["all"],
    ));
    book.plant(
        "AWS",
        "dev-aurora-share (RDS cluster snapshot, dev)",
        "public (restorable by any AWS account) and unencrypted",
        "claims-aurora-pre-migration (private, encrypted)",
    );
    let ecr = "dev-sandbox-images";
    let a = arn("ecr", s, &format!("repository/{ecr}"));
    v.push(aws::service_item(
        rng,
        s,
        "AWS::ECR::Repository",
        ecr,
        Some(ecr),
        Some(a.clone()),
        t("internal", "platform"),
        json!({"RepositoryName": ecr, "Arn": a, "ImageTagMutability": "MUTABLE",
               "ImageScanningConfiguration": {"ScanOnPush": false},
               "RepositoryPolicyText": {"Version": "2012-10-17", "Statement": [{"Sid": "pull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]}]}}),
        json!({}),
    ));
    book.plant(
        "AWS",
        "dev-sandbox-images (ECR, dev)",
        "repository policy lets anyone pull images; no lifecycle policy",
        "claims-ocr (no policy, lifecycle rules)",
    );
}

fn recorder(rng: &mut Rng, s: Scope<'_>, recording: bool, all: bool) -> AwsItem {
    let id = "default";
    let suffix = rng.hex(12);
    aws::service_item(
        rng,
        s,
        "AWS::Config::ConfigurationRecorder",
        id,
        Some(id),
        Some(arn(
            "config",
            s,
            &format!("configuration-recorder/{id}/{suffix}"),
        )),
        Vec::new(),
        json!({"name": id, "roleARN": format!("arn:aws:iam::{}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", s.account),
               "recordingGroup": {"allSupported": all, "includeGlobalResourceTypes": s.region == "us-east-1", "resourceTypes": [],
                                  "exclusionByResourceTypes": {"resourceTypes": []}, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"}},
               "recordingMode": {"recordingFrequency": "CONTINUOUS"}}),
        json!({"ConfigurationRecorderStatus": {"name": id, "recording": recording, "lastStatus": if recording { "SUCCESS" } else { "PENDING" }},
               "DeliveryChannel": {"name": "default", "s3BucketName": format!("larkspur-config-{}", s.account), "configSnapshotDeliveryProperties": {"deliveryFrequency": "TwentyFour_Hours"}}}),
    )
}

fn detector(rng: &mut Rng, s: Scope<'_>, enabled: bool) -> AwsItem {
    let id = rng.hex(32);
    aws::service_item(
        rng,
        s,
        "AWS::GuardDuty::Detector",
        &id,
        None,
        Some(arn("guardduty", s, &format!("detector/{id}"))),
        Vec::new(),
        json!({"Id": id, "Enable": enabled, "FindingPublishingFrequency": "FIFTEEN_MINUTES",
               "Features": [{"Name": "S3_DATA_EVENTS", "Status": if enabled { "ENABLED" } else { "DISABLED" }},
                            {"Name": "EKS_AUDIT_LOGS", "Status": if enabled { "ENABLED" } else { "DISABLED" }},
                            {"Name": "EBS_MALWARE_PROTECTION", "Status": "DISABLED"}]}),
        json!({}),
    )
}

#[allow(clippy::too_many_arguments)]
fn eks(
    rng: &mut Rng,
    s: Scope<'_>,
    name: &str,
    version: &str,
    public: bool,
    logs: &[&str],
    kms: Option<&str>,
    env: &str,
) -> AwsItem {
    let a = arn("eks", s, &format!("cluster/{name}"));
    let enc: Vec<Value> = kms
        .map(|k| json!({"Resources": ["secrets"], "Provider": {"KeyArn": k}}))
        .into_iter()
        .collect();
    aws::service_item(
        rng,
        s,
        "AWS::EKS::Cluster",
        name,
        Some(name),
        Some(a.clone()),
        tg(None, env, "internal", "platform"),
        json!({"Name": name, "Arn": a, "Version": version,
               "RoleArn": format!("arn:aws:iam::{}:role/eks-cluster-{env}", s.account),
               "ResourcesVpcConfig": {"EndpointPublicAccess": public, "EndpointPrivateAccess": !public,
                                      "PublicAccessCidrs": if public { vec!["0.0.0.0/0"] } else { vec![] },
                                      "SecurityGroupIds": [format!("sg-0eks{env}cluster")], "SubnetIds": []},
               "Logging": {"ClusterLogging": {"EnabledTypes": logs.iter().map(|l| json!({"Type": l})).collect::<Vec<_>>()}},
               "EncryptionConfig": enc}),
        json!({}),
    )
}

fn redshift(
    rng: &mut Rng,
    s: Scope<'_>,
    id: &str,
    encrypted: bool,
    public: bool,
    logging: bool,
    env: &str,
) -> AwsItem {
    aws::service_item(
        rng,
        s,
        "AWS::Redshift::Cluster",
        id,
        Some(id),
        Some(arn("redshift", s, &format!("cluster:{id}"))),
        tg(
            None,
            env,
            if env == "prod" {
                "financial"
            } else {
                "internal"
            },
            "analytics",
        ),
        json!({"clusterIdentifier": id, "nodeType": "ra3.xlplus", "clusterStatus": "available", "masterUsername": "warehouse_admin",
               "dBName": "dev", "encrypted": encrypted, "publiclyAccessible": public, "allowVersionUpgrade": true,
               "automatedSnapshotRetentionPeriod": if env == "prod" { 7 } else { 1 }, "enhancedVpcRouting": env == "prod",
               "vpcSecurityGroups": [{"vpcSecurityGroupId": format!("sg-0rs{env}"), "status": "active"}],
               "kmsKeyId": if encrypted { Value::String(arn("kms", s, "key/5b0e7a1c-rs")) } else { Value::Null }}),
        json!({"LoggingStatus": {"loggingEnabled": logging}}),
    )
}

fn stage(rng: &mut Rng, s: Scope<'_>, api: &str, name: &str, good: bool, app: &str) -> AwsItem {
    let a = format!(
        "arn:aws:apigateway:{}::/restapis/{api}/stages/{name}",
        s.region
    );
    let mut c = json!({"stageName": name, "deploymentId": rng.hex(6), "tracingEnabled": good, "cacheClusterEnabled": false,
                       "methodSettings": {"*/*": {"metricsEnabled": good, "loggingLevel": if good { "INFO" } else { "OFF" },
                                                  "dataTraceEnabled": false, "throttlingBurstLimit": 5000, "throttlingRateLimit": 10000.0,
                                                  "cachingEnabled": false, "cacheTtlInSeconds": 300, "cacheDataEncrypted": false}}});
    if good {
        c["webAclArn"] = json!(format!(
            "arn:aws:wafv2:{}:{}:regional/webacl/claims-api/5678",
            s.region, s.account
        ));
        c["accessLogSettings"] = json!({"destinationArn": arn("logs", s, &format!("log-group:/aws/apigateway/{api}")), "format": "$context.requestId"});
    }
    aws::service_item(
        rng,
        s,
        "AWS::ApiGateway::Stage",
        &a,
        Some(name),
        Some(a.clone()),
        tg(None, if good { "prod" } else { "dev" }, "internal", app),
        c,
        json!({}),
    )
}

fn rds_cluster(
    rng: &mut Rng,
    s: Scope<'_>,
    id: &str,
    encrypted: bool,
    protected: bool,
    backup: i64,
    env: &str,
) -> AwsItem {
    let resource_id = format!("cluster-{}", rng.hex(26).to_ascii_uppercase());
    aws::service_item(
        rng,
        s,
        "AWS::RDS::DBCluster",
        &resource_id,
        Some(id),
        Some(arn("rds", s, &format!("cluster:{id}"))),
        tg(
            None,
            env,
            if env == "prod" { "phi" } else { "internal" },
            "claims",
        ),
        json!({"dBClusterIdentifier": id, "engine": "aurora-postgresql", "engineVersion": "15.6", "status": "available",
               "storageEncrypted": encrypted, "kmsKeyId": if encrypted { Value::String(arn("kms", s, "key/3c2b1a09-rds")) } else { Value::Null },
               "deletionProtection": protected, "backupRetentionPeriod": backup,
               "iAMDatabaseAuthenticationEnabled": env == "prod", "multiAZ": env == "prod", "copyTagsToSnapshot": true,
               "enabledCloudwatchLogsExports": if env == "prod" { vec!["postgresql"] } else { vec![] },
               "dBClusterMembers": [{"dBInstanceIdentifier": format!("{id}-1"), "isClusterWriter": true}]}),
        json!({}),
    )
}

fn rds_snapshot(
    rng: &mut Rng,
    s: Scope<'_>,
    id: &str,
    source: &str,
    encrypted: bool,
    restore: &[&str],
) -> AwsItem {
    aws::service_item(
        rng,
        s,
        "AWS::RDS::DBClusterSnapshot",
        id,
        Some(id),
        Some(arn("rds", s, &format!("cluster-snapshot:{id}"))),
        Vec::new(),
        json!({"dBClusterSnapshotIdentifier": id, "dBClusterIdentifier": source, "snapshotType": "manual",
               "engine": "aurora-postgresql", "storageEncrypted": encrypted, "status": "available"}),
        json!({"DBClusterSnapshotAttributes": [{"attributeName": "restore", "attributeValues": restore}]}),
    )
}

/// A Posture inventory document with the kinds AWS Config does not record, as a live collection
/// would produce them: (file path, document, resource count, kind per resource).
pub(super) fn live_only(book: &mut Book) -> (String, Value, usize, Vec<&'static str>) {
    let source = "aws/posture-inventory-live-ec2.json";
    let mut resources = Vec::new();
    let mut kinds = Vec::new();
    let mut push = |kind: &'static str,
                    uid: String,
                    account: &str,
                    region: &str,
                    name: &str,
                    tags: Value,
                    config: Value| {
        kinds.push(kind);
        resources.push(json!({
            "uid": uid, "provider": "aws", "account": account, "region": region, "kind": kind,
            "name": name, "tags": tags, "config": config, "relationships": [], "gaps": [], "source": source,
        }));
    };
    let tags = |env: &str, class: &str| json!({"env": env, "data-classification": class});
    for (account, on) in [(PROD, true), (DEV, false)] {
        for region in ["us-east-1", "eu-west-1"] {
            push(
                "aws.ec2.ebs_encryption_default",
                format!("arn:aws:ec2:{region}:{account}:ebs-encryption-by-default"),
                account,
                region,
                "ebs-encryption-by-default",
                json!({}),
                json!({"enabled": on, "kms_key_id": "alias/aws/ebs"}),
            );
        }
    }
    book.plant(
        "AWS",
        "EBS encryption by default (dev 444455556666, us-east-1 and eu-west-1)",
        "off, so new volumes are unencrypted unless their creator asks",
        "prod (on in both regions)",
    );
    for (id, account, encrypted, public, shared, name, env, class) in [
        (
            "snap-0a1b2c3d4e5f60001",
            PROD,
            true,
            false,
            vec![],
            "portal-db-nightly",
            "prod",
            "phi",
        ),
        (
            "snap-0a1b2c3d4e5f60002",
            DEV,
            false,
            true,
            vec![],
            "dev-build-cache",
            "dev",
            "internal",
        ),
        (
            "snap-0a1b2c3d4e5f60003",
            PROD,
            true,
            false,
            vec!["444455556666"],
            "claims-ocr-golden",
            "prod",
            "internal",
        ),
    ] {
        push(
            "aws.ec2.snapshot",
            format!("arn:aws:ec2:us-east-1:{account}:snapshot/{id}"),
            account,
            "us-east-1",
            name,
            tags(env, class),
            json!({"snapshot_id": id, "volume_id": "vol-0ffee0000000000a1", "encrypted": encrypted,
                   "kms_key_id": if encrypted { Value::String(format!("arn:aws:kms:us-east-1:{account}:key/0d7c6a52-5b1e-4d8e-9a43-6f0c2d9e1b77")) } else { Value::Null },
                   "public": public, "shared_with": shared, "start_time": "2026-11-20T03:00:00.000Z"}),
        );
    }
    book.plant(
        "AWS",
        "dev-build-cache (EBS snapshot, dev)",
        "public (any AWS account can create a volume from it) and unencrypted",
        "portal-db-nightly (private, encrypted)",
    );
    for (id, account, public, name, env) in [
        (
            "ami-0c0ffee000000a001",
            PROD,
            false,
            "larkspur-base-2026-11",
            "prod",
        ),
        (
            "ami-0c0ffee000000a002",
            DEV,
            true,
            "dev-jenkins-agent",
            "dev",
        ),
    ] {
        push(
            "aws.ec2.image",
            format!("arn:aws:ec2:us-east-1:{account}:image/{id}"),
            account,
            "us-east-1",
            name,
            tags(env, "internal"),
            json!({"image_id": id, "image_name": name, "public": public, "encrypted": !public,
                   "shared_with": [], "creation_date": "2026-10-02T11:00:00.000Z"}),
        );
    }
    book.plant(
        "AWS",
        "dev-jenkins-agent (AMI, dev)",
        "shared publicly",
        "larkspur-base-2026-11 (private)",
    );
    let n = resources.len();
    let doc = json!({
        "format": "posture-inventory",
        "version": 1,
        "resources": resources,
        "coverage": [],
        "sources": [],
    });
    (source.to_owned(), doc, n, kinds)
}
