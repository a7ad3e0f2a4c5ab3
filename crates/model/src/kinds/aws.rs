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
}
