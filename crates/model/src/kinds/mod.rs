//! Resource kinds and their typed configuration.
//!
//! Every modeled kind has an id (`aws.s3.bucket`), a provider and a configuration struct. The
//! [`kinds!`] table below is the single place that lists them: it generates [`Kind`], [`Config`]
//! and the conversions between them, so adding a kind is one line here plus its struct.
//!
//! Conventions for the structs (see the crate docs): every field that a collector may fail to
//! read is an `Option` (`None` = not observed); observed "off" states are explicit values.

pub mod aws;
pub mod azure;
pub mod gcp;

use serde::{Deserialize, Serialize, Serializer};

use crate::resource::Provider;

/// Implemented by every typed configuration struct: ties the struct to its [`Kind`].
pub trait Typed: Sized + 'static {
    /// The kind this struct configures.
    const KIND: Kind;
    /// Borrow the struct out of a [`Config`] of the right variant.
    fn from_config(c: &Config) -> Option<&Self>;
}

/// A JSON document kept as its text: far smaller in memory than a parsed `serde_json::Value`
/// (unmodeled resources are a fifth of a typical estate), serialized verbatim.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawJson(Box<serde_json::value::RawValue>);

impl RawJson {
    /// The JSON `null`.
    #[must_use]
    pub fn null() -> RawJson {
        RawJson::from_value(&serde_json::Value::Null)
    }

    /// Keep a document given as raw JSON.
    #[must_use]
    pub fn from_raw(raw: &serde_json::value::RawValue) -> RawJson {
        RawJson(raw.to_owned())
    }

    /// Keep a parsed document.
    #[must_use]
    pub fn from_value(v: &serde_json::Value) -> RawJson {
        let text = serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned());
        match serde_json::value::RawValue::from_string(text) {
            Ok(r) => RawJson(r),
            // Serializing a Value always yields valid JSON; fall back to null regardless.
            Err(_) => RawJson(serde_json::value::RawValue::NULL.to_owned()),
        }
    }

    /// Parse JSON text.
    ///
    /// # Errors
    /// When the text is not JSON.
    pub fn parse(text: &str) -> serde_json::Result<RawJson> {
        serde_json::from_str::<Box<serde_json::value::RawValue>>(text).map(RawJson)
    }

    /// The JSON text.
    #[must_use]
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The document parsed.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.0.get()).unwrap_or_default()
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &RawJson) -> bool {
        self.0.get() == other.0.get() || self.to_value() == other.to_value()
    }
}

/// A resource type we do not model yet, kept with its raw document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unmodeled {
    /// The provider's own type name (`AWS::Lambda::Function`, `microsoft.web/sites`, …).
    pub native_type: String,
    /// The resource's configuration as the source had it.
    pub raw: RawJson,
}

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident => $id:literal, $provider:ident, $ty:ty; )*) => {
        /// The kind of a resource: one variant per modeled resource type, plus `Unmodeled`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $( $(#[$doc])* $variant, )*
            /// A resource type Posture does not model yet.
            Unmodeled,
        }

        impl Kind {
            /// Every modeled kind (excludes `Unmodeled`).
            pub const ALL: &'static [Kind] = &[ $( Kind::$variant, )* ];

            /// The kind's id, e.g. `aws.s3.bucket`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Kind::$variant => $id, )*
                    Kind::Unmodeled => "unmodeled",
                }
            }

            /// Parse a kind id (`unmodeled` included).
            #[must_use]
            pub fn parse(s: &str) -> Option<Kind> {
                match s {
                    $( $id => Some(Kind::$variant), )*
                    "unmodeled" => Some(Kind::Unmodeled),
                    _ => None,
                }
            }

            /// The provider of a modeled kind.
            #[must_use]
            pub fn provider(self) -> Option<Provider> {
                match self {
                    $( Kind::$variant => Some(Provider::$provider), )*
                    Kind::Unmodeled => None,
                }
            }

            /// Dense index (0..`Kind::COUNT`), for table lookups.
            #[must_use]
            pub fn index(self) -> usize {
                self as usize
            }

            /// Number of kinds including `Unmodeled`.
            pub const COUNT: usize = Kind::ALL.len() + 1;
        }

        /// Typed configuration of a resource; the variant is its kind. Each configuration is boxed
        /// so that a `Resource` stays small (a million of them are held and sorted in memory)
        /// whatever the size of the largest kind.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Config {
            $( $(#[$doc])* $variant(Box<$ty>), )*
            /// A resource type Posture does not model yet.
            Unmodeled(Unmodeled),
        }

        impl Config {
            /// The kind this configuration belongs to.
            #[must_use]
            pub fn kind(&self) -> Kind {
                match self {
                    $( Config::$variant(_) => Kind::$variant, )*
                    Config::Unmodeled(_) => Kind::Unmodeled,
                }
            }

            /// Parse the JSON config document of a modeled kind.
            ///
            /// # Errors
            /// When the document does not match the kind's structure.
            pub fn from_json(kind: Kind, raw: &str) -> serde_json::Result<Config> {
                Ok(match kind {
                    $( Kind::$variant => Config::$variant(Box::new(serde_json::from_str(raw)?)), )*
                    Kind::Unmodeled => Config::Unmodeled(Unmodeled {
                        native_type: String::new(),
                        raw: RawJson::parse(raw)?,
                    }),
                })
            }

            /// Serialize only the inner configuration (without the kind tag).
            ///
            /// # Errors
            /// Propagates the serializer's errors.
            pub fn serialize_inner<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Config::$variant(c) => c.serialize(s), )*
                    Config::Unmodeled(u) => u.raw.serialize(s),
                }
            }

            /// The inner configuration as a JSON value (used for evidence and templates).
            #[must_use]
            pub fn to_value(&self) -> serde_json::Value {
                match self {
                    $( Config::$variant(c) => serde_json::to_value(c).unwrap_or_default(), )*
                    Config::Unmodeled(u) => u.raw.to_value(),
                }
            }
        }

        $(
            impl From<$ty> for Config {
                fn from(c: $ty) -> Config { Config::$variant(Box::new(c)) }
            }

            impl Typed for $ty {
                const KIND: Kind = Kind::$variant;
                fn from_config(c: &Config) -> Option<&Self> {
                    match c {
                        Config::$variant(x) => Some(&**x),
                        _ => None,
                    }
                }
            }
        )*
    };
}

kinds! {
    /// An S3 bucket.
    AwsS3Bucket => "aws.s3.bucket", Aws, aws::S3Bucket;
    /// The account-level S3 Block Public Access setting.
    AwsS3AccountPublicAccessBlock => "aws.s3.account_public_access_block", Aws, aws::S3AccountPublicAccessBlock;
    /// An EC2 security group.
    AwsEc2SecurityGroup => "aws.ec2.security_group", Aws, aws::SecurityGroup;
    /// An EC2 instance.
    AwsEc2Instance => "aws.ec2.instance", Aws, aws::Ec2Instance;
    /// An EBS volume.
    AwsEc2Volume => "aws.ec2.volume", Aws, aws::EbsVolume;
    /// A VPC.
    AwsEc2Vpc => "aws.ec2.vpc", Aws, aws::Vpc;
    /// A VPC flow log.
    AwsEc2FlowLog => "aws.ec2.flow_log", Aws, aws::FlowLog;
    /// A network ACL.
    AwsEc2NetworkAcl => "aws.ec2.network_acl", Aws, aws::NetworkAcl;
    /// A subnet.
    AwsEc2Subnet => "aws.ec2.subnet", Aws, aws::Subnet;
    /// An RDS DB instance.
    AwsRdsDbInstance => "aws.rds.db_instance", Aws, aws::RdsDbInstance;
    /// An IAM customer-managed policy.
    AwsIamPolicy => "aws.iam.policy", Aws, aws::IamPolicy;
    /// An IAM user.
    AwsIamUser => "aws.iam.user", Aws, aws::IamUser;
    /// An IAM role.
    AwsIamRole => "aws.iam.role", Aws, aws::IamRole;
    /// Account-wide IAM settings (password policy, root user signals).
    AwsIamAccount => "aws.iam.account", Aws, aws::IamAccount;
    /// A CloudTrail trail.
    AwsCloudTrailTrail => "aws.cloudtrail.trail", Aws, aws::CloudTrailTrail;
    /// A KMS key.
    AwsKmsKey => "aws.kms.key", Aws, aws::KmsKey;
    /// A Lambda function.
    AwsLambdaFunction => "aws.lambda.function", Aws, aws::LambdaFunction;
    /// An Azure storage account.
    AzureStorageAccount => "azure.storage.account", Azure, azure::StorageAccount;
    /// An Azure SQL logical server.
    AzureSqlServer => "azure.sql.server", Azure, azure::SqlServer;
    /// An Azure network security group.
    AzureNetworkNsg => "azure.network.nsg", Azure, azure::NetworkSecurityGroup;
    /// An Azure Key Vault.
    AzureKeyVault => "azure.keyvault.vault", Azure, azure::KeyVault;
    /// An Azure virtual machine.
    AzureComputeVm => "azure.compute.vm", Azure, azure::VirtualMachine;
    /// An Azure managed disk.
    AzureComputeDisk => "azure.compute.disk", Azure, azure::ManagedDisk;
    /// An Azure App Service app.
    AzureWebApp => "azure.web.app", Azure, azure::WebApp;
    /// A GCS bucket.
    GcpStorageBucket => "gcp.storage.bucket", Gcp, gcp::StorageBucket;
    /// A Cloud SQL instance.
    GcpSqlInstance => "gcp.sql.instance", Gcp, gcp::SqlInstance;
    /// A VPC firewall rule.
    GcpComputeFirewall => "gcp.compute.firewall", Gcp, gcp::Firewall;
    /// A Compute Engine VM instance.
    GcpComputeInstance => "gcp.compute.instance", Gcp, gcp::ComputeInstance;
    /// A VPC network.
    GcpComputeNetwork => "gcp.compute.network", Gcp, gcp::Network;
    /// A project (its IAM policy and settings).
    GcpProject => "gcp.resourcemanager.project", Gcp, gcp::Project;
    /// A Cloud KMS crypto key.
    GcpKmsCryptoKey => "gcp.kms.crypto_key", Gcp, gcp::CryptoKey;
    /// A BigQuery dataset.
    GcpBigQueryDataset => "gcp.bigquery.dataset", Gcp, gcp::BigQueryDataset;
    /// A VPC route table.
    AwsEc2RouteTable => "aws.ec2.route_table", Aws, aws::RouteTable;
    /// A VPC internet gateway.
    AwsEc2InternetGateway => "aws.ec2.internet_gateway", Aws, aws::InternetGateway;
    /// An elastic network interface.
    AwsEc2NetworkInterface => "aws.ec2.network_interface", Aws, aws::NetworkInterface;
    /// An Application, Network or Gateway Load Balancer (ELBv2).
    AwsElbv2LoadBalancer => "aws.elbv2.load_balancer", Aws, aws::LoadBalancer;
    /// An Azure network interface.
    AzureNetworkNic => "azure.network.nic", Azure, azure::NetworkInterface;
    /// An Azure public IP address.
    AzureNetworkPublicIp => "azure.network.public_ip", Azure, azure::PublicIpAddress;
    /// An Azure route table.
    AzureNetworkRouteTable => "azure.network.route_table", Azure, azure::RouteTable;
    /// A CloudWatch metric alarm.
    AwsCloudWatchAlarm => "aws.cloudwatch.alarm", Aws, aws::CloudWatchAlarm;
    /// A CloudWatch Logs log group with its metric filters.
    AwsLogsLogGroup => "aws.logs.log_group", Aws, aws::LogGroup;
    /// An AWS Config configuration recorder (with delivery channel), per account and region.
    AwsConfigRecorder => "aws.config.recorder", Aws, aws::ConfigRecorder;
    /// An SNS topic with its subscriptions.
    AwsSnsTopic => "aws.sns.topic", Aws, aws::SnsTopic;
    /// An SQS queue.
    AwsSqsQueue => "aws.sqs.queue", Aws, aws::SqsQueue;
    /// A DynamoDB table.
    AwsDynamoDbTable => "aws.dynamodb.table", Aws, aws::DynamoDbTable;
    /// A Secrets Manager secret.
    AwsSecretsManagerSecret => "aws.secretsmanager.secret", Aws, aws::Secret;
    /// A GuardDuty detector.
    AwsGuardDutyDetector => "aws.guardduty.detector", Aws, aws::GuardDutyDetector;
    /// Security Hub in an account and region.
    AwsSecurityHubHub => "aws.securityhub.hub", Aws, aws::SecurityHubHub;
    /// An IAM Access Analyzer analyzer.
    AwsAccessAnalyzerAnalyzer => "aws.accessanalyzer.analyzer", Aws, aws::AccessAnalyzer;
    /// An IAM server certificate.
    AwsIamServerCertificate => "aws.iam.server_certificate", Aws, aws::IamServerCertificate;
    /// An AWS Organizations policy (SCP, RCP, …).
    AwsOrganizationsPolicy => "aws.organizations.policy", Aws, aws::OrganizationsPolicy;
    /// An EFS file system.
    AwsEfsFileSystem => "aws.efs.file_system", Aws, aws::EfsFileSystem;
    /// An ECR repository.
    AwsEcrRepository => "aws.ecr.repository", Aws, aws::EcrRepository;
    /// An EKS cluster.
    AwsEksCluster => "aws.eks.cluster", Aws, aws::EksCluster;
    /// A Redshift cluster.
    AwsRedshiftCluster => "aws.redshift.cluster", Aws, aws::RedshiftCluster;
    /// An OpenSearch Service domain.
    AwsOpenSearchDomain => "aws.opensearch.domain", Aws, aws::OpenSearchDomain;
    /// A CloudFront distribution.
    AwsCloudFrontDistribution => "aws.cloudfront.distribution", Aws, aws::CloudFrontDistribution;
    /// An API Gateway REST API stage.
    AwsApiGatewayStage => "aws.apigateway.stage", Aws, aws::ApiGatewayStage;
    /// An EBS snapshot.
    AwsEc2Snapshot => "aws.ec2.snapshot", Aws, aws::EbsSnapshot;
    /// An AMI.
    AwsEc2Image => "aws.ec2.image", Aws, aws::Ec2Image;
    /// EBS encryption by default, per account and region.
    AwsEc2EbsEncryptionDefault => "aws.ec2.ebs_encryption_default", Aws, aws::EbsEncryptionDefault;
    /// An RDS DB snapshot or DB cluster snapshot.
    AwsRdsSnapshot => "aws.rds.snapshot", Aws, aws::RdsSnapshot;
    /// An RDS DB cluster.
    AwsRdsCluster => "aws.rds.cluster", Aws, aws::RdsCluster;
    /// A VPC route.
    GcpComputeRoute => "gcp.compute.route", Gcp, gcp::Route;
    /// A VPC subnetwork.
    GcpComputeSubnetwork => "gcp.compute.subnetwork", Gcp, gcp::Subnetwork;
    /// An Azure Key Vault key.
    AzureKeyVaultKey => "azure.keyvault.key", Azure, azure::KeyVaultKey;
    /// An Azure Key Vault secret.
    AzureKeyVaultSecret => "azure.keyvault.secret", Azure, azure::KeyVaultSecret;
    /// An Azure virtual network.
    AzureNetworkVnet => "azure.network.vnet", Azure, azure::VirtualNetwork;
    /// An Azure Network Watcher.
    AzureNetworkWatcher => "azure.network.watcher", Azure, azure::NetworkWatcher;
    /// An Azure NSG or VNet flow log.
    AzureNetworkFlowLog => "azure.network.flow_log", Azure, azure::FlowLog;
    /// An Azure Bastion host.
    AzureNetworkBastion => "azure.network.bastion", Azure, azure::BastionHost;
    /// An Azure Application Gateway.
    AzureNetworkAppGateway => "azure.network.app_gateway", Azure, azure::ApplicationGateway;
    /// An Azure Application Gateway WAF policy.
    AzureNetworkWafPolicy => "azure.network.waf_policy", Azure, azure::WafPolicy;
    /// A Microsoft Defender for Cloud plan of a subscription.
    AzureSecurityPricing => "azure.security.pricing", Azure, azure::DefenderPlan;
    /// Defender for Cloud security contact settings.
    AzureSecurityContact => "azure.security.contact", Azure, azure::SecurityContact;
    /// An Azure Monitor diagnostic setting.
    AzureMonitorDiagnosticSetting => "azure.monitor.diagnostic_setting", Azure, azure::DiagnosticSetting;
    /// An Azure Monitor activity log alert rule.
    AzureMonitorActivityLogAlert => "azure.monitor.activity_log_alert", Azure, azure::ActivityLogAlert;
    /// An Azure subscription.
    AzureSubscription => "azure.resources.subscription", Azure, azure::Subscription;
    /// An Azure RBAC role definition.
    AzureRoleDefinition => "azure.authorization.role_definition", Azure, azure::RoleDefinition;
    /// An Azure RBAC role assignment.
    AzureRoleAssignment => "azure.authorization.role_assignment", Azure, azure::RoleAssignment;
    /// An Azure Databricks workspace.
    AzureDatabricksWorkspace => "azure.databricks.workspace", Azure, azure::DatabricksWorkspace;
    /// An Application Insights component.
    AzureMonitorAppInsights => "azure.monitor.app_insights", Azure, azure::AppInsights;
    /// An Azure virtual network gateway.
    AzureNetworkVnetGateway => "azure.network.vnet_gateway", Azure, azure::VirtualNetworkGateway;
    /// A Defender for Cloud setting of a subscription.
    AzureSecuritySetting => "azure.security.setting", Azure, azure::SecuritySetting;
    /// A project's Compute Engine settings.
    GcpComputeProject => "gcp.compute.project", Gcp, gcp::ComputeProject;
    /// An API enabled (or disabled) in a project.
    GcpServiceUsageService => "gcp.serviceusage.service", Gcp, gcp::ApiService;
    /// A service account key.
    GcpIamServiceAccountKey => "gcp.iam.service_account_key", Gcp, gcp::ServiceAccountKey;
    /// A log sink.
    GcpLoggingSink => "gcp.logging.sink", Gcp, gcp::LogSink;
    /// A log-based metric.
    GcpLoggingMetric => "gcp.logging.metric", Gcp, gcp::LogMetric;
    /// A Cloud Monitoring alert policy.
    GcpMonitoringAlertPolicy => "gcp.monitoring.alert_policy", Gcp, gcp::AlertPolicy;
    /// A Cloud DNS managed zone.
    GcpDnsManagedZone => "gcp.dns.managed_zone", Gcp, gcp::DnsManagedZone;
    /// A Cloud DNS server policy.
    GcpDnsPolicy => "gcp.dns.policy", Gcp, gcp::DnsPolicy;
    /// An API key.
    GcpApiKey => "gcp.apikeys.key", Gcp, gcp::ApiKey;
    /// A load balancer backend service.
    GcpComputeBackendService => "gcp.compute.backend_service", Gcp, gcp::BackendService;
    /// A BigQuery table.
    GcpBigQueryTable => "gcp.bigquery.table", Gcp, gcp::BigQueryTable;
    /// A Dataproc cluster.
    GcpDataprocCluster => "gcp.dataproc.cluster", Gcp, gcp::DataprocCluster;
    /// A GCP organization.
    GcpOrganization => "gcp.resourcemanager.organization", Gcp, gcp::Organization;
    /// An Essential Contacts contact.
    GcpEssentialContact => "gcp.essentialcontacts.contact", Gcp, gcp::EssentialContact;
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An IAM-style role binding shared by Azure-free providers (GCP IAM policies).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    /// Role name (`roles/storage.objectViewer`).
    pub role: String,
    /// Members (`user:a@b.c`, `allUsers`, `serviceAccount:…`).
    pub members: Vec<String>,
    /// Whether the binding has an IAM condition attached.
    #[serde(default)]
    pub conditional: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for k in Kind::ALL {
            assert!(seen.insert(k.as_str()), "duplicate kind id {}", k.as_str());
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
            let prefix = k.provider().map(Provider::as_str).unwrap_or_default();
            assert!(
                k.as_str().starts_with(&format!("{prefix}.")),
                "{k} has a wrong prefix"
            );
        }
        assert_eq!(Kind::parse("unmodeled"), Some(Kind::Unmodeled));
        assert_eq!(Kind::Unmodeled.index(), Kind::COUNT - 1);
    }
}
