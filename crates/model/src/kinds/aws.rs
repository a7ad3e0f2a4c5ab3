//! Typed configuration of AWS resource kinds.
//!
//! Field names are our own (snake case), independent of the AWS Config, Cloud Control or SDK
//! vocabularies; importers and collectors translate into them. `None` = not observed.

use serde::{Deserialize, Serialize};

use crate::policy::PolicyDocument;

/// An S3 bucket.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct S3Bucket {
    /// Creation time (RFC 3339).
    pub creation_date: Option<String>,
    /// The bucket ACL.
    pub acl: Option<Acl>,
    /// The bucket policy; an empty statement list when the bucket has none.
    pub policy: Option<PolicyDocument>,
    /// Bucket-level Block Public Access (all `false` when none is configured).
    pub public_access_block: Option<PublicAccessBlock>,
    /// Default encryption.
    pub encryption: Option<BucketEncryption>,
    /// Versioning and MFA delete.
    pub versioning: Option<Versioning>,
    /// Server access logging.
    pub logging: Option<BucketLogging>,
    /// Object Lock.
    pub object_lock_enabled: Option<bool>,
    /// Whether static website hosting is configured.
    pub website_enabled: Option<bool>,
    /// Object ownership setting (`BucketOwnerEnforced` disables ACLs).
    pub object_ownership: Option<String>,
}

/// An S3 access control list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Acl {
    /// Canonical id of the owner.
    pub owner_id: Option<String>,
    /// The grants.
    pub grants: Vec<AclGrant>,
}

/// One ACL grant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AclGrant {
    /// `group`, `canonical_user` or `email`.
    pub grantee_type: String,
    /// Group URI, canonical id or e-mail address.
    pub grantee: String,
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP` or `FULL_CONTROL`.
    pub permission: String,
}

/// The four Block Public Access switches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicAccessBlock {
    /// Reject new public ACLs.
    pub block_public_acls: bool,
    /// Ignore existing public ACLs.
    pub ignore_public_acls: bool,
    /// Reject public bucket policies.
    pub block_public_policy: bool,
    /// Restrict access to buckets with public policies.
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    /// All four switches on.
    #[must_use]
    pub fn all(self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }
}

/// Bucket default encryption.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BucketEncryption {
    /// `AES256`, `aws:kms`, `aws:kms:dsse`, or `None` when no default encryption is set.
    pub algorithm: Option<String>,
    /// KMS key for `aws:kms`.
    pub kms_key_id: Option<String>,
    /// S3 Bucket Key enabled.
    pub bucket_key_enabled: bool,
}

/// Bucket versioning.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Versioning {
    /// `Enabled`, `Suspended` or `Off` (never enabled).
    pub status: String,
    /// MFA delete enabled.
    pub mfa_delete: bool,
}

/// Bucket server access logging.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BucketLogging {
    /// Target bucket; `None` when logging is off.
    pub target_bucket: Option<String>,
    /// Target prefix.
    pub target_prefix: Option<String>,
}

/// Account-level S3 Block Public Access.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct S3AccountPublicAccessBlock {
    /// The switches (all `false` when not configured).
    pub settings: Option<PublicAccessBlock>,
}

/// An EC2 security group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityGroup {
    /// `sg-…`.
    pub group_id: String,
    /// Group name (`default` for a VPC's default group).
    pub group_name: String,
    /// Description.
    pub description: Option<String>,
    /// Owning VPC.
    pub vpc_id: Option<String>,
    /// Inbound rules.
    pub ingress: Option<Vec<IpPermission>>,
    /// Outbound rules.
    pub egress: Option<Vec<IpPermission>>,
}

/// One security-group rule (a protocol and port range with its sources).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IpPermission {
    /// `tcp`, `udp`, `icmp`, `icmpv6` or `-1` (all).
    pub protocol: String,
    /// First port (absent for all-traffic rules).
    pub from_port: Option<i32>,
    /// Last port.
    pub to_port: Option<i32>,
    /// IPv4 CIDRs.
    pub ipv4_ranges: Vec<String>,
    /// IPv6 CIDRs.
    pub ipv6_ranges: Vec<String>,
    /// Prefix-list ids.
    pub prefix_lists: Vec<String>,
    /// Referenced security groups.
    pub source_groups: Vec<String>,
}

impl IpPermission {
    /// Whether the rule covers `port` for TCP (or all protocols).
    #[must_use]
    pub fn covers_tcp_port(&self, port: i32) -> bool {
        self.covers_port("tcp", port)
    }

    /// Whether the rule covers `port` for `protocol` (`tcp`/`udp`), counting `-1` as all.
    #[must_use]
    pub fn covers_port(&self, protocol: &str, port: i32) -> bool {
        let proto = self.protocol.to_ascii_lowercase();
        let proto_num = match protocol {
            "tcp" => "6",
            "udp" => "17",
            _ => "",
        };
        if proto == "-1" || proto == "all" {
            return true;
        }
        if proto != protocol && proto != proto_num {
            return false;
        }
        match (self.from_port, self.to_port) {
            (Some(from), Some(to)) => (from == -1 && to == -1) || (from <= port && port <= to),
            _ => true,
        }
    }

    /// Whether any source is the whole IPv4 or IPv6 internet.
    #[must_use]
    pub fn open_to_world(&self) -> bool {
        self.ipv4_ranges.iter().any(|c| c == "0.0.0.0/0")
            || self.ipv6_ranges.iter().any(|c| c == "::/0")
    }
}

/// An EC2 instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ec2Instance {
    /// `i-…`.
    pub instance_id: String,
    /// Instance type.
    pub instance_type: Option<String>,
    /// `running`, `stopped`, …
    pub state: Option<String>,
    /// AMI id.
    pub image_id: Option<String>,
    /// Public IPv4 address; empty string when it has none.
    pub public_ip: Option<String>,
    /// Subnet.
    pub subnet_id: Option<String>,
    /// VPC.
    pub vpc_id: Option<String>,
    /// Attached security group ids.
    pub security_groups: Option<Vec<String>>,
    /// Instance profile ARN; empty string when none is attached.
    pub iam_instance_profile: Option<String>,
    /// IMDS `HttpTokens` (`required` = IMDSv2 only, `optional`).
    pub metadata_http_tokens: Option<String>,
    /// IMDS `HttpEndpoint` (`enabled`/`disabled`).
    pub metadata_http_endpoint: Option<String>,
    /// Detailed monitoring enabled.
    pub monitoring_enabled: Option<bool>,
}

/// An EBS volume.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EbsVolume {
    /// `vol-…`.
    pub volume_id: String,
    /// Encrypted at rest.
    pub encrypted: Option<bool>,
    /// KMS key.
    pub kms_key_id: Option<String>,
    /// Size in GiB.
    pub size_gib: Option<i64>,
    /// `in-use`, `available`, …
    pub state: Option<String>,
    /// Instances it is attached to.
    pub attached_instances: Option<Vec<String>>,
}

/// A VPC.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Vpc {
    /// `vpc-…`.
    pub vpc_id: String,
    /// Primary CIDR block.
    pub cidr_block: Option<String>,
    /// Whether it is the region's default VPC.
    pub is_default: Option<bool>,
}

/// A VPC flow log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlowLog {
    /// `fl-…`.
    pub flow_log_id: String,
    /// The VPC, subnet or ENI it records.
    pub resource_id: String,
    /// `ALL`, `ACCEPT` or `REJECT`.
    pub traffic_type: Option<String>,
    /// `cloud-watch-logs`, `s3`, `kinesis-data-firehose`.
    pub destination_type: Option<String>,
    /// Destination ARN or log group.
    pub destination: Option<String>,
    /// `ACTIVE` when delivering.
    pub status: Option<String>,
}

/// A network ACL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkAcl {
    /// `acl-…`.
    pub network_acl_id: String,
    /// VPC.
    pub vpc_id: Option<String>,
    /// Whether it is the VPC's default ACL.
    pub is_default: Option<bool>,
    /// Entries (both directions).
    pub entries: Option<Vec<NaclEntry>>,
    /// Associated subnets.
    pub subnets: Option<Vec<String>>,
}

/// One network ACL entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NaclEntry {
    /// Rule number (lower is evaluated first; 32767 is the implicit deny).
    pub rule_number: i32,
    /// `true` for outbound.
    pub egress: bool,
    /// Protocol number as a string (`6` tcp, `17` udp, `-1` all).
    pub protocol: String,
    /// `allow` or `deny`.
    pub action: String,
    /// IPv4 CIDR.
    pub cidr_block: Option<String>,
    /// IPv6 CIDR.
    pub ipv6_cidr_block: Option<String>,
    /// First port.
    pub from_port: Option<i32>,
    /// Last port.
    pub to_port: Option<i32>,
}

/// A subnet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subnet {
    /// `subnet-…`.
    pub subnet_id: String,
    /// VPC.
    pub vpc_id: Option<String>,
    /// CIDR block.
    pub cidr_block: Option<String>,
    /// Instances launched here get a public IPv4 address by default.
    pub map_public_ip_on_launch: Option<bool>,
}

/// An RDS DB instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RdsDbInstance {
    /// DB instance identifier.
    pub identifier: String,
    /// Engine (`postgres`, `mysql`, `aurora-postgresql`, …).
    pub engine: Option<String>,
    /// Engine version.
    pub engine_version: Option<String>,
    /// Instance class.
    pub instance_class: Option<String>,
    /// Storage encrypted at rest.
    pub storage_encrypted: Option<bool>,
    /// KMS key.
    pub kms_key_id: Option<String>,
    /// Reachable from the internet (has a public DNS name).
    pub publicly_accessible: Option<bool>,
    /// Multi-AZ deployment.
    pub multi_az: Option<bool>,
    /// Automated backup retention in days (0 = off).
    pub backup_retention_days: Option<i32>,
    /// Deletion protection.
    pub deletion_protection: Option<bool>,
    /// Automatic minor version upgrades.
    pub auto_minor_version_upgrade: Option<bool>,
    /// IAM database authentication.
    pub iam_auth_enabled: Option<bool>,
    /// Attached VPC security groups.
    pub vpc_security_groups: Option<Vec<String>>,
    /// Aurora cluster membership.
    pub cluster_identifier: Option<String>,
    /// Subnets of its DB subnet group.
    pub subnet_ids: Option<Vec<String>>,
}

/// A customer-managed IAM policy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IamPolicy {
    /// Policy name.
    pub policy_name: String,
    /// The default version's document.
    pub document: Option<PolicyDocument>,
    /// Number of users, groups and roles it is attached to.
    pub attachment_count: Option<i64>,
    /// Whether this is an AWS-managed policy.
    pub aws_managed: bool,
}

/// A named inline policy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InlinePolicy {
    /// Policy name.
    pub name: String,
    /// Document.
    pub document: PolicyDocument,
}

/// An access key of an IAM user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessKey {
    /// Access key id.
    pub id: String,
    /// `Active` or `Inactive`.
    pub status: String,
    /// Creation time (RFC 3339).
    pub created: Option<String>,
    /// Last use (RFC 3339).
    pub last_used: Option<String>,
}

/// An IAM user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IamUser {
    /// User name.
    pub user_name: String,
    /// Creation time.
    pub create_date: Option<String>,
    /// Has a console password.
    pub password_enabled: Option<bool>,
    /// Password last used (`None` also when a credential report says it was never used).
    pub password_last_used: Option<String>,
    /// MFA devices (serial numbers), when the devices themselves were listed.
    pub mfa_devices: Option<Vec<String>>,
    /// Whether the user has at least one MFA device assigned, when that is known without the
    /// device list (the credential report's `mfa_active` column). When both this and
    /// `mfa_devices` are observed, rules treat MFA as present only if both say so.
    pub mfa_active: Option<bool>,
    /// Access keys.
    pub access_keys: Option<Vec<AccessKey>>,
    /// Attached managed policy ARNs.
    pub attached_policies: Option<Vec<String>>,
    /// Inline policies.
    pub inline_policies: Option<Vec<InlinePolicy>>,
    /// Group names.
    pub groups: Option<Vec<String>>,
}

/// An IAM role.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IamRole {
    /// Role name.
    pub role_name: String,
    /// Path (`/aws-service-role/` marks service-linked roles).
    pub path: Option<String>,
    /// Trust policy.
    pub assume_role_policy: Option<PolicyDocument>,
    /// Attached managed policy ARNs.
    pub attached_policies: Option<Vec<String>>,
    /// Inline policies.
    pub inline_policies: Option<Vec<InlinePolicy>>,
    /// Last use time.
    pub last_used: Option<String>,
    /// ARNs of the instance profiles that carry this role (how EC2 instances get it).
    pub instance_profiles: Option<Vec<String>>,
}

/// Account-wide IAM settings (one resource per AWS account).
///
/// Its uid is the root user's ARN, `arn:<partition>:iam::<account-id>:root` (for example
/// `arn:aws:iam::111122223333:root`), with region `global`. Every source (the credential report
/// importer, a live collector) must use this uid so that observations of the same account merge.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IamAccount {
    /// The password policy (`configured: false` when the account has none).
    pub password_policy: Option<PasswordPolicy>,
    /// Root user has MFA.
    pub root_mfa_enabled: Option<bool>,
    /// Root user has hardware MFA (no virtual device).
    pub root_hardware_mfa: Option<bool>,
    /// Root user has at least one access key.
    pub root_access_keys_present: Option<bool>,
    /// Root user last used (RFC 3339).
    pub root_last_used: Option<String>,
}

/// The IAM password policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    /// Whether a policy is set at all.
    pub configured: bool,
    /// Minimum length.
    pub minimum_length: Option<i32>,
    /// Number of previous passwords that cannot be reused.
    pub reuse_prevention: Option<i32>,
    /// Maximum age in days.
    pub max_age_days: Option<i32>,
    /// Requires a symbol.
    pub require_symbols: bool,
    /// Requires a number.
    pub require_numbers: bool,
    /// Requires an upper-case letter.
    pub require_uppercase: bool,
    /// Requires a lower-case letter.
    pub require_lowercase: bool,
}

/// A CloudTrail trail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudTrailTrail {
    /// Trail name.
    pub trail_name: String,
    /// Records events from all regions.
    pub is_multi_region: Option<bool>,
    /// Whether it is an organization trail.
    pub is_organization_trail: Option<bool>,
    /// Currently logging.
    pub is_logging: Option<bool>,
    /// Log file integrity validation.
    pub log_file_validation: Option<bool>,
    /// KMS key for log encryption; empty when not encrypted with a CMK.
    pub kms_key_id: Option<String>,
    /// Destination bucket.
    pub s3_bucket_name: Option<String>,
    /// CloudWatch Logs log group ARN; empty when not integrated.
    pub cloudwatch_log_group_arn: Option<String>,
    /// Records global service events (IAM, STS).
    pub include_global_service_events: Option<bool>,
    /// Home region.
    pub home_region: Option<String>,
    /// Basic event selectors (empty when the trail uses advanced selectors or none).
    pub event_selectors: Option<Vec<EventSelector>>,
    /// Advanced event selectors (empty when none).
    pub advanced_event_selectors: Option<Vec<AdvancedEventSelector>>,
}

/// A KMS key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KmsKey {
    /// Key id.
    pub key_id: String,
    /// `CUSTOMER` or `AWS`.
    pub key_manager: Option<String>,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, …
    pub key_spec: Option<String>,
    /// `Enabled`, `Disabled`, `PendingDeletion`, …
    pub key_state: Option<String>,
    /// Automatic rotation enabled.
    pub rotation_enabled: Option<bool>,
    /// Key policy.
    pub policy: Option<PolicyDocument>,
}

/// A Lambda function.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LambdaFunction {
    /// Function name.
    pub function_name: String,
    /// Runtime identifier (`python3.12`, …).
    pub runtime: Option<String>,
    /// Execution role ARN.
    pub role: Option<String>,
    /// Names of environment variables (values are never kept).
    pub environment_variable_names: Option<Vec<String>>,
    /// Resource-based policy.
    pub policy: Option<PolicyDocument>,
    /// Function URL auth type: `NONE`, `AWS_IAM`, or an empty string when there is no URL.
    pub url_auth_type: Option<String>,
    /// Attached to a VPC.
    pub vpc_id: Option<String>,
}

/// A VPC route table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RouteTable {
    /// `rtb-…`.
    pub route_table_id: String,
    /// VPC.
    pub vpc_id: Option<String>,
    /// Whether it is the VPC's main route table (used by subnets without an explicit association).
    pub main: Option<bool>,
    /// Subnets explicitly associated with it.
    pub subnets: Option<Vec<String>>,
    /// Routes.
    pub routes: Option<Vec<Route>>,
}

/// One route of a route table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Route {
    /// Destination CIDR (IPv4 or IPv6) or prefix-list id.
    pub destination: String,
    /// Target id: `igw-…`, `nat-…`, `local`, `pcx-…`, `tgw-…`, `eni-…`, `vgw-…`, …
    pub target: String,
    /// `active` or `blackhole`.
    pub state: Option<String>,
}

impl Route {
    /// Whether this is a default route (`0.0.0.0/0` or `::/0`) to an internet gateway.
    #[must_use]
    pub fn is_default_to_igw(&self) -> bool {
        matches!(self.destination.trim(), "0.0.0.0/0" | "::/0")
            && self.target.starts_with("igw-")
            && self.state.as_deref() != Some("blackhole")
    }
}

/// A VPC internet gateway.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InternetGateway {
    /// `igw-…`.
    pub internet_gateway_id: String,
    /// VPCs it is attached to.
    pub vpcs: Option<Vec<String>>,
}

/// An elastic network interface.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkInterface {
    /// `eni-…`.
    pub network_interface_id: String,
    /// `interface`, `lambda`, `network_load_balancer`, `nat_gateway`, …
    pub interface_type: Option<String>,
    /// Subnet.
    pub subnet_id: Option<String>,
    /// VPC.
    pub vpc_id: Option<String>,
    /// Security group ids.
    pub security_groups: Option<Vec<String>>,
    /// Public IPv4 address associated with it; empty string when it has none.
    pub public_ip: Option<String>,
    /// Instance it is attached to; empty string when unattached or not an instance.
    pub attached_instance: Option<String>,
}

/// An Elastic Load Balancing v2 load balancer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancer {
    /// Name.
    pub load_balancer_name: String,
    /// `application`, `network` or `gateway`.
    pub lb_type: Option<String>,
    /// `internet-facing` or `internal`.
    pub scheme: Option<String>,
    /// VPC.
    pub vpc_id: Option<String>,
    /// Subnets it has nodes in.
    pub subnets: Option<Vec<String>>,
    /// Security group ids (network load balancers may have none).
    pub security_groups: Option<Vec<String>>,
    /// Listener ports.
    pub listener_ports: Option<Vec<i32>>,
    /// Instance ids registered in its target groups.
    pub target_instances: Option<Vec<String>>,
    /// Listeners with protocol and TLS policy.
    pub listeners: Option<Vec<Listener>>,
    /// `deletion_protection.enabled` attribute.
    pub deletion_protection: Option<bool>,
    /// `access_logs.s3.enabled` attribute.
    pub access_logs_enabled: Option<bool>,
    /// `routing.http.drop_invalid_header_fields.enabled` attribute (application load balancers).
    pub drop_invalid_header_fields: Option<bool>,
}

/// A load balancer listener.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Listener {
    /// Port.
    pub port: Option<i32>,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    pub protocol: String,
    /// TLS security policy (`ELBSecurityPolicy-TLS13-1-2-2021-06`, …) for HTTPS/TLS listeners.
    pub ssl_policy: Option<String>,
    /// The default action redirects to HTTPS.
    pub redirects_to_https: bool,
}

// ----- Logging and monitoring ----------------------------------------------------------------

/// One CloudTrail basic event selector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSelector {
    /// `All`, `ReadOnly` or `WriteOnly`.
    pub read_write_type: Option<String>,
    /// Whether management events are recorded.
    pub include_management_events: Option<bool>,
    /// Data resources (`AWS::S3::Object` with ARN prefixes such as `arn:aws:s3` for all buckets).
    pub data_resources: Vec<DataResource>,
}

/// A data-event resource of a basic event selector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataResource {
    /// `AWS::S3::Object`, `AWS::Lambda::Function`, …
    pub resource_type: String,
    /// ARN prefixes (`arn:aws:s3` = every bucket; `arn:aws:s3:::bucket/` = one bucket).
    pub values: Vec<String>,
}

/// One CloudTrail advanced event selector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdvancedEventSelector {
    /// Selector name.
    pub name: Option<String>,
    /// Field conditions (all must hold).
    pub field_selectors: Vec<AdvancedFieldSelector>,
}

/// One field condition of an advanced event selector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdvancedFieldSelector {
    /// `eventCategory`, `resources.type`, `readOnly`, `resources.ARN`, `eventName`, …
    pub field: String,
    /// `Equals` values.
    pub equals: Vec<String>,
    /// `StartsWith` values.
    pub starts_with: Vec<String>,
    /// `EndsWith` values.
    pub ends_with: Vec<String>,
    /// `NotEquals` values.
    pub not_equals: Vec<String>,
    /// `NotStartsWith` values.
    pub not_starts_with: Vec<String>,
    /// `NotEndsWith` values.
    pub not_ends_with: Vec<String>,
}

/// A CloudWatch metric alarm.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudWatchAlarm {
    /// Alarm name.
    pub alarm_name: String,
    /// Metric name (empty for metric-math alarms, see `metrics`).
    pub metric_name: Option<String>,
    /// Metric namespace.
    pub namespace: Option<String>,
    /// `(namespace, metric name)` of every metric a metric-math alarm reads.
    pub metrics: Option<Vec<AlarmMetric>>,
    /// Whether actions run on state changes.
    pub actions_enabled: Option<bool>,
    /// Actions run on entering ALARM (SNS topic ARNs, Auto Scaling, EC2 actions, …).
    pub alarm_actions: Option<Vec<String>>,
    /// Actions run on entering OK.
    pub ok_actions: Option<Vec<String>>,
    /// Actions run on entering INSUFFICIENT_DATA.
    pub insufficient_data_actions: Option<Vec<String>>,
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    pub state_value: Option<String>,
    /// `GreaterThanOrEqualToThreshold`, …
    pub comparison_operator: Option<String>,
    /// Threshold.
    pub threshold: Option<f64>,
    /// Statistic (`Sum`, `Average`, …).
    pub statistic: Option<String>,
    /// Period in seconds.
    pub period: Option<i64>,
    /// Evaluation periods.
    pub evaluation_periods: Option<i64>,
}

/// A metric read by a metric-math alarm.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlarmMetric {
    /// Namespace.
    pub namespace: String,
    /// Metric name.
    pub metric_name: String,
}

/// A CloudWatch Logs log group, with its metric filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogGroup {
    /// Log group name.
    pub log_group_name: String,
    /// Retention in days; `0` when events never expire.
    pub retention_days: Option<i32>,
    /// KMS key ARN; empty when the group is not encrypted with a customer key.
    pub kms_key_id: Option<String>,
    /// `STANDARD`, `INFREQUENT_ACCESS`, …
    pub log_group_class: Option<String>,
    /// Metric filters defined on the group (empty when none).
    pub metric_filters: Option<Vec<MetricFilter>>,
}

/// A CloudWatch Logs metric filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricFilter {
    /// Filter name.
    pub filter_name: String,
    /// The filter pattern, as written.
    pub filter_pattern: String,
    /// Metrics it publishes.
    pub metric_transformations: Vec<MetricTransformation>,
}

/// A metric published by a metric filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricTransformation {
    /// Metric name.
    pub metric_name: String,
    /// Metric namespace.
    pub metric_namespace: String,
}

/// An AWS Config configuration recorder with its delivery channel and status (one per
/// account and region).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfigRecorder {
    /// Recorder name.
    pub name: String,
    /// Whether the recorder is currently recording.
    pub recording: Option<bool>,
    /// Records every supported resource type.
    pub all_supported: Option<bool>,
    /// Records global resource types (IAM) in this region.
    pub include_global_resource_types: Option<bool>,
    /// Explicitly listed resource types (when not `all_supported`).
    pub resource_types: Option<Vec<String>>,
    /// Resource types excluded (`EXCLUSION_BY_RESOURCE_TYPES` strategy).
    pub excluded_resource_types: Option<Vec<String>>,
    /// `SUCCESS`, `FAILURE`, `PENDING` of the last recording.
    pub last_status: Option<String>,
    /// The delivery channel; `None` when not observed.
    pub delivery_channel: Option<DeliveryChannel>,
}

/// An AWS Config delivery channel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryChannel {
    /// Whether a delivery channel exists.
    pub configured: bool,
    /// Channel name.
    pub name: Option<String>,
    /// Destination bucket.
    pub s3_bucket_name: Option<String>,
    /// Notification topic.
    pub sns_topic_arn: Option<String>,
}

// ----- Messaging, data stores, secrets --------------------------------------------------------

/// An SNS topic.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SnsTopic {
    /// Topic name.
    pub topic_name: String,
    /// KMS key for server-side encryption; empty when the topic is not encrypted.
    pub kms_master_key_id: Option<String>,
    /// Access policy.
    pub policy: Option<PolicyDocument>,
    /// Subscriptions (empty when none).
    pub subscriptions: Option<Vec<SnsSubscription>>,
    /// FIFO topic.
    pub fifo: Option<bool>,
}

/// A subscription of an SNS topic.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SnsSubscription {
    /// `email`, `sms`, `https`, `http`, `sqs`, `lambda`, …
    pub protocol: String,
    /// The endpoint (address, URL, ARN).
    pub endpoint: String,
    /// Subscription ARN, or `PendingConfirmation`.
    pub subscription_arn: Option<String>,
}

impl SnsSubscription {
    /// Whether the subscription is confirmed (has a real ARN).
    #[must_use]
    pub fn confirmed(&self) -> bool {
        match self.subscription_arn.as_deref() {
            Some(a) => a.starts_with("arn:"),
            // Config's CloudFormation-like shape lists subscriptions without their state.
            None => true,
        }
    }
}

/// An SQS queue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SqsQueue {
    /// Queue name.
    pub queue_name: String,
    /// KMS key for SSE-KMS; empty when not KMS-encrypted.
    pub kms_master_key_id: Option<String>,
    /// SSE with SQS-owned keys.
    pub sqs_managed_sse_enabled: Option<bool>,
    /// Access policy.
    pub policy: Option<PolicyDocument>,
    /// Dead-letter queue ARN; empty when none.
    pub dead_letter_target_arn: Option<String>,
    /// Message retention in seconds.
    pub message_retention_seconds: Option<i64>,
}

/// A DynamoDB table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DynamoDbTable {
    /// Table name.
    pub table_name: String,
    /// `ACTIVE`, …
    pub status: Option<String>,
    /// Server-side encryption key type: `AWS_OWNED` (default), `AWS_MANAGED` (`aws/dynamodb`),
    /// `CUSTOMER_MANAGED`.
    pub sse_key_type: Option<String>,
    /// KMS key ARN when KMS-encrypted.
    pub kms_key_arn: Option<String>,
    /// Point-in-time recovery enabled.
    pub point_in_time_recovery: Option<bool>,
    /// Deletion protection.
    pub deletion_protection: Option<bool>,
    /// `PROVISIONED` or `PAY_PER_REQUEST`.
    pub billing_mode: Option<String>,
}

/// A Secrets Manager secret (metadata only; values are never read).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Secret {
    /// Secret name.
    pub name: String,
    /// KMS key; empty when the default `aws/secretsmanager` key is used.
    pub kms_key_id: Option<String>,
    /// Automatic rotation configured.
    pub rotation_enabled: Option<bool>,
    /// Rotation interval in days.
    pub rotation_days: Option<i64>,
    /// Last rotation (RFC 3339); empty when never rotated.
    pub last_rotated: Option<String>,
    /// Last access date (RFC 3339, day precision); empty when never accessed.
    pub last_accessed: Option<String>,
    /// Creation time.
    pub created: Option<String>,
    /// Resource policy (empty statements when none).
    pub policy: Option<PolicyDocument>,
}

// ----- Security services ----------------------------------------------------------------------

/// A GuardDuty detector (one per account and region).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GuardDutyDetector {
    /// Detector id.
    pub detector_id: String,
    /// `ENABLED` or `DISABLED` (suspended).
    pub status: Option<String>,
    /// `FIFTEEN_MINUTES`, `ONE_HOUR`, `SIX_HOURS`.
    pub finding_publishing_frequency: Option<String>,
    /// Protection plans and their status.
    pub features: Option<Vec<DetectorFeature>>,
}

/// A GuardDuty protection plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetectorFeature {
    /// `S3_DATA_EVENTS`, `EKS_AUDIT_LOGS`, `RUNTIME_MONITORING`, `EBS_MALWARE_PROTECTION`,
    /// `RDS_LOGIN_EVENTS`, `LAMBDA_NETWORK_LOGS`, …
    pub name: String,
    /// `ENABLED` or `DISABLED`.
    pub status: String,
}

/// Security Hub enabled in an account and region.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityHubHub {
    /// Hub ARN.
    pub hub_arn: String,
    /// When it was enabled.
    pub subscribed_at: Option<String>,
    /// New controls enabled automatically.
    pub auto_enable_controls: Option<bool>,
    /// ARNs of enabled standards.
    pub enabled_standards: Option<Vec<String>>,
}

/// An IAM Access Analyzer analyzer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessAnalyzer {
    /// Analyzer name.
    pub analyzer_name: String,
    /// `ACCOUNT`, `ORGANIZATION`, `ACCOUNT_UNUSED_ACCESS`, `ORGANIZATION_UNUSED_ACCESS`.
    pub analyzer_type: Option<String>,
    /// `ACTIVE`, `CREATING`, `DISABLED`, `FAILED`.
    pub status: Option<String>,
}

/// An IAM server certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IamServerCertificate {
    /// Certificate name.
    pub name: String,
    /// Certificate id.
    pub certificate_id: Option<String>,
    /// Expiration (RFC 3339).
    pub expiration: Option<String>,
    /// Upload date (RFC 3339).
    pub upload_date: Option<String>,
}

/// An AWS Organizations policy (service control policy and the other policy types).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationsPolicy {
    /// Policy name.
    pub name: String,
    /// `SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`, `TAG_POLICY`, `BACKUP_POLICY`, …
    pub policy_type: Option<String>,
    /// Whether AWS manages it (`FullAWSAccess`).
    pub aws_managed: Option<bool>,
    /// The policy document (SCPs and RCPs are IAM-style documents).
    pub document: Option<PolicyDocument>,
    /// Roots, OUs and accounts it is attached to.
    pub targets: Option<Vec<String>>,
}

// ----- Storage and compute -------------------------------------------------------------------

/// An EFS file system.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EfsFileSystem {
    /// `fs-…`.
    pub file_system_id: String,
    /// Encrypted at rest.
    pub encrypted: Option<bool>,
    /// KMS key.
    pub kms_key_id: Option<String>,
    /// Automatic backups (`BackupPolicy` status `ENABLED`).
    pub backup_enabled: Option<bool>,
    /// File system policy (empty statements when none).
    pub policy: Option<PolicyDocument>,
    /// `generalPurpose` or `maxIO`.
    pub performance_mode: Option<String>,
}

/// An ECR repository.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EcrRepository {
    /// Repository name.
    pub repository_name: String,
    /// `MUTABLE` or `IMMUTABLE` (or the `_WITH_EXCLUSION` variants).
    pub image_tag_mutability: Option<String>,
    /// Basic scan on push.
    pub scan_on_push: Option<bool>,
    /// `AES256` or `KMS`.
    pub encryption_type: Option<String>,
    /// KMS key for `KMS`.
    pub kms_key: Option<String>,
    /// Repository policy (empty statements when none).
    pub policy: Option<PolicyDocument>,
    /// Whether a lifecycle policy is set.
    pub lifecycle_policy_present: Option<bool>,
}

/// An EKS cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EksCluster {
    /// Cluster name.
    pub name: String,
    /// Kubernetes version (`1.31`).
    pub version: Option<String>,
    /// Public API endpoint enabled.
    pub endpoint_public_access: Option<bool>,
    /// Private API endpoint enabled.
    pub endpoint_private_access: Option<bool>,
    /// CIDRs allowed to reach the public endpoint.
    pub public_access_cidrs: Option<Vec<String>>,
    /// Enabled control-plane log types (`api`, `audit`, `authenticator`, `controllerManager`,
    /// `scheduler`); empty when none.
    pub enabled_log_types: Option<Vec<String>>,
    /// Whether Kubernetes secrets are envelope-encrypted with KMS.
    pub secrets_encrypted: Option<bool>,
    /// Cluster security group and additional security groups.
    pub security_groups: Option<Vec<String>>,
}

/// A Redshift provisioned cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RedshiftCluster {
    /// Cluster identifier.
    pub cluster_identifier: String,
    /// Encrypted at rest.
    pub encrypted: Option<bool>,
    /// KMS key.
    pub kms_key_id: Option<String>,
    /// Publicly accessible.
    pub publicly_accessible: Option<bool>,
    /// Audit logging enabled.
    pub logging_enabled: Option<bool>,
    /// Major version upgrades allowed in the maintenance window.
    pub allow_version_upgrade: Option<bool>,
    /// Automated snapshot retention in days (0 = off).
    pub automated_snapshot_retention_days: Option<i32>,
    /// Enhanced VPC routing.
    pub enhanced_vpc_routing: Option<bool>,
    /// Admin user name.
    pub master_username: Option<String>,
    /// Attached VPC security groups.
    pub vpc_security_groups: Option<Vec<String>>,
}

/// An OpenSearch Service (or legacy Elasticsearch) domain.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenSearchDomain {
    /// Domain name.
    pub domain_name: String,
    /// `OpenSearch_2.13`, `Elasticsearch_7.10`, …
    pub engine_version: Option<String>,
    /// Encryption at rest.
    pub encryption_at_rest: Option<bool>,
    /// Node-to-node encryption.
    pub node_to_node_encryption: Option<bool>,
    /// HTTPS required on the endpoint.
    pub enforce_https: Option<bool>,
    /// `Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-0-2019-07`, …
    pub tls_security_policy: Option<String>,
    /// VPC of a VPC domain; empty for a public endpoint.
    pub vpc_id: Option<String>,
    /// Domain access policy (empty statements when none).
    pub access_policy: Option<PolicyDocument>,
    /// Fine-grained access control enabled.
    pub fine_grained_access_control: Option<bool>,
    /// Audit logs published to CloudWatch Logs.
    pub audit_logs_enabled: Option<bool>,
    /// Zone awareness (multi-AZ).
    pub zone_awareness: Option<bool>,
    /// Instance count of the data nodes.
    pub instance_count: Option<i64>,
}

/// A CloudFront distribution.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudFrontDistribution {
    /// `E…` id.
    pub distribution_id: String,
    /// Whether it serves traffic.
    pub enabled: Option<bool>,
    /// Viewer protocol policy of the default and every other cache behavior
    /// (`allow-all`, `redirect-to-https`, `https-only`).
    pub viewer_protocol_policies: Option<Vec<String>>,
    /// Minimum viewer TLS version (`TLSv1.2_2021`, `TLSv1`, …).
    pub minimum_protocol_version: Option<String>,
    /// Uses the `*.cloudfront.net` certificate.
    pub default_certificate: Option<bool>,
    /// WAF web ACL id/ARN; empty when none.
    pub web_acl_id: Option<String>,
    /// Standard access logging enabled.
    pub logging_enabled: Option<bool>,
    /// Origins.
    pub origins: Option<Vec<CloudFrontOrigin>>,
}

/// A CloudFront origin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudFrontOrigin {
    /// Origin id.
    pub id: String,
    /// Origin domain name.
    pub domain_name: String,
    /// `s3` (S3 origin config) or `custom`.
    pub origin_type: String,
    /// Custom origins: `http-only`, `match-viewer`, `https-only`.
    pub protocol_policy: Option<String>,
    /// Custom origins: TLS versions offered to the origin.
    pub ssl_protocols: Vec<String>,
    /// S3 origins: origin access control id (empty when none).
    pub origin_access_control_id: Option<String>,
    /// S3 origins: legacy origin access identity (empty when none).
    pub origin_access_identity: Option<String>,
}

/// An API Gateway REST API stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiGatewayStage {
    /// REST API id.
    pub rest_api_id: String,
    /// Stage name.
    pub stage_name: String,
    /// Execution logging level for all methods (`OFF`, `ERROR`, `INFO`).
    pub logging_level: Option<String>,
    /// Full request/response logging.
    pub data_trace_enabled: Option<bool>,
    /// Access logging destination ARN; empty when off.
    pub access_log_destination: Option<String>,
    /// X-Ray tracing.
    pub tracing_enabled: Option<bool>,
    /// Stage cache enabled.
    pub cache_enabled: Option<bool>,
    /// Cached data encrypted (all methods).
    pub cache_data_encrypted: Option<bool>,
    /// WAF web ACL ARN; empty when none.
    pub web_acl_arn: Option<String>,
    /// Client certificate id for backend authentication; empty when none.
    pub client_certificate_id: Option<String>,
}

/// An EBS snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EbsSnapshot {
    /// `snap-…`.
    pub snapshot_id: String,
    /// Source volume.
    pub volume_id: Option<String>,
    /// Encrypted.
    pub encrypted: Option<bool>,
    /// KMS key.
    pub kms_key_id: Option<String>,
    /// Anyone may create volumes from it (`createVolumePermission` group `all`).
    pub public: Option<bool>,
    /// Account ids it is shared with.
    pub shared_with: Option<Vec<String>>,
    /// Start time.
    pub start_time: Option<String>,
}

/// An AMI owned by the account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ec2Image {
    /// `ami-…`.
    pub image_id: String,
    /// Image name.
    pub image_name: Option<String>,
    /// Launchable by every AWS account.
    pub public: Option<bool>,
    /// Every EBS block device of the image is encrypted.
    pub encrypted: Option<bool>,
    /// Account ids it is shared with.
    pub shared_with: Option<Vec<String>>,
    /// Creation date.
    pub creation_date: Option<String>,
    /// Deprecation time, when set.
    pub deprecation_time: Option<String>,
}

/// EBS encryption by default, one per account and region.
///
/// Its uid is `arn:<partition>:ec2:<region>:<account>:ebs-encryption-by-default` so that every
/// source names the same setting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EbsEncryptionDefault {
    /// New volumes are encrypted by default.
    pub enabled: Option<bool>,
    /// The default KMS key (`alias/aws/ebs` when not changed).
    pub kms_key_id: Option<String>,
}

/// An RDS DB snapshot or DB cluster snapshot (manual or automated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RdsSnapshot {
    /// Snapshot identifier.
    pub identifier: String,
    /// `true` for an Aurora/Multi-AZ cluster snapshot.
    pub cluster_snapshot: bool,
    /// Source instance or cluster.
    pub source: Option<String>,
    /// `manual` or `automated`.
    pub snapshot_type: Option<String>,
    /// Engine.
    pub engine: Option<String>,
    /// Encrypted.
    pub encrypted: Option<bool>,
    /// Restorable by every AWS account (`restore` attribute holds `all`).
    pub public: Option<bool>,
    /// Account ids it is shared with.
    pub shared_with: Option<Vec<String>>,
}

/// An RDS DB cluster (Aurora, Multi-AZ DB cluster, DocumentDB, Neptune).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RdsCluster {
    /// Cluster identifier.
    pub identifier: String,
    /// Engine.
    pub engine: Option<String>,
    /// Engine version.
    pub engine_version: Option<String>,
    /// Storage encrypted.
    pub storage_encrypted: Option<bool>,
    /// KMS key.
    pub kms_key_id: Option<String>,
    /// Deletion protection.
    pub deletion_protection: Option<bool>,
    /// Backup retention in days.
    pub backup_retention_days: Option<i32>,
    /// IAM database authentication.
    pub iam_auth_enabled: Option<bool>,
    /// Spans several availability zones.
    pub multi_az: Option<bool>,
    /// Tags copied to snapshots.
    pub copy_tags_to_snapshot: Option<bool>,
    /// Log types exported to CloudWatch Logs; empty when none.
    pub cloudwatch_logs_exports: Option<Vec<String>>,
    /// Automatic minor version upgrades (Multi-AZ DB clusters).
    pub auto_minor_version_upgrade: Option<bool>,
    /// Publicly accessible (Multi-AZ DB clusters).
    pub publicly_accessible: Option<bool>,
    /// Member instances.
    pub members: Option<Vec<String>>,
}
