//! The services the collector reads and every API operation it may call, with the IAM action
//! each one needs. `posture permissions aws` prints a least-privilege read-only policy from this
//! table; the emulator tests check that every call made is declared here.

use posture_model::Kind;

/// A collected AWS service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    /// IAM users, roles, policies, account settings.
    Iam,
    /// S3 buckets.
    S3,
    /// S3 account-level Block Public Access.
    S3Control,
    /// EC2 and VPC.
    Ec2,
    /// RDS instances.
    Rds,
    /// CloudTrail trails.
    CloudTrail,
    /// KMS keys.
    Kms,
    /// Lambda functions.
    Lambda,
    /// Elastic Load Balancing v2.
    Elbv2,
}

impl Service {
    /// Every service with a collector.
    pub const ALL: &'static [Service] = &[
        Service::Iam,
        Service::S3,
        Service::S3Control,
        Service::Ec2,
        Service::Rds,
        Service::CloudTrail,
        Service::Kms,
        Service::Lambda,
        Service::Elbv2,
    ];

    /// Lower-case name (`s3control`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Iam => "iam",
            Service::S3 => "s3",
            Service::S3Control => "s3control",
            Service::Ec2 => "ec2",
            Service::Rds => "rds",
            Service::CloudTrail => "cloudtrail",
            Service::Kms => "kms",
            Service::Lambda => "lambda",
            Service::Elbv2 => "elbv2",
        }
    }

    /// Parse a name as printed by [`Service::as_str`].
    #[must_use]
    pub fn parse(s: &str) -> Option<Service> {
        Service::ALL.iter().copied().find(|x| x.as_str() == s)
    }

    /// The service segment of the kinds it produces (coverage entries use it, so the store
    /// can tell which findings a scan covered).
    #[must_use]
    pub fn coverage_service(self) -> &'static str {
        match self {
            Service::S3Control => "s3",
            other => other.as_str(),
        }
    }

    /// Read once per account rather than per region.
    #[must_use]
    pub fn global(self) -> bool {
        matches!(self, Service::Iam | Service::S3 | Service::S3Control)
    }

    /// The region global services are called in.
    pub(crate) fn home_region(self, sdk: &aws_config::SdkConfig) -> String {
        sdk.region()
            .map_or_else(|| "us-east-1".to_owned(), |r| r.to_string())
    }

    /// The kinds this service's collector produces.
    #[must_use]
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            Service::Iam => &[
                Kind::AwsIamUser,
                Kind::AwsIamRole,
                Kind::AwsIamPolicy,
                Kind::AwsIamAccount,
            ],
            Service::S3 => &[Kind::AwsS3Bucket],
            Service::S3Control => &[Kind::AwsS3AccountPublicAccessBlock],
            Service::Ec2 => &[
                Kind::AwsEc2Instance,
                Kind::AwsEc2SecurityGroup,
                Kind::AwsEc2Volume,
                Kind::AwsEc2Vpc,
                Kind::AwsEc2Subnet,
                Kind::AwsEc2NetworkAcl,
                Kind::AwsEc2FlowLog,
                Kind::AwsEc2RouteTable,
                Kind::AwsEc2InternetGateway,
                Kind::AwsEc2NetworkInterface,
            ],
            Service::Rds => &[Kind::AwsRdsDbInstance],
            Service::CloudTrail => &[Kind::AwsCloudTrailTrail],
            Service::Kms => &[Kind::AwsKmsKey],
            Service::Lambda => &[Kind::AwsLambdaFunction],
            Service::Elbv2 => &[Kind::AwsElbv2LoadBalancer],
        }
    }
}

/// The service whose collector produces `kind`, if any.
#[must_use]
pub fn service_of_kind(kind: Kind) -> Option<Service> {
    Service::ALL
        .iter()
        .copied()
        .find(|s| s.kinds().contains(&kind))
}

/// One declared API operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The collector that calls it (`None`: identity, planning and organization calls).
    pub service: Option<Service>,
    /// The SDK's service name as the call meter sees it (`S3`, `Elastic Load Balancing v2`).
    pub sdk_service: &'static str,
    /// The operation (`GetBucketAcl`).
    pub operation: &'static str,
    /// The IAM action it needs (`s3:GetBucketAcl`).
    pub action: &'static str,
}

macro_rules! declare {
    ($( $svc:ident, $sdk:literal: [ $( $op:literal => $action:literal ),* $(,)? ] ; )*) => {
        &[ $( $( Declared { service: Some(Service::$svc), sdk_service: $sdk, operation: $op, action: $action }, )* )* ]
    };
}

/// Calls made for every scan, whatever the services (identity and planning).
const PLANNING: &[Declared] = &[
    Declared {
        service: None,
        sdk_service: "STS",
        operation: "GetCallerIdentity",
        action: "sts:GetCallerIdentity",
    },
    Declared {
        service: None,
        sdk_service: "EC2",
        operation: "DescribeRegions",
        action: "ec2:DescribeRegions",
    },
];

/// The organization listing (`--org`).
const ORG: &[Declared] = &[Declared {
    service: None,
    sdk_service: "Organizations",
    operation: "ListAccounts",
    action: "organizations:ListAccounts",
}];

const CALLS: &[Declared] = declare! {
    Iam, "IAM": [
        "ListUsers" => "iam:ListUsers",
        "ListRoles" => "iam:ListRoles",
        "ListPolicies" => "iam:ListPolicies",
        "GetPolicyVersion" => "iam:GetPolicyVersion",
        "ListAccessKeys" => "iam:ListAccessKeys",
        "GetAccessKeyLastUsed" => "iam:GetAccessKeyLastUsed",
        "ListMFADevices" => "iam:ListMFADevices",
        "GetLoginProfile" => "iam:GetLoginProfile",
        "ListAttachedUserPolicies" => "iam:ListAttachedUserPolicies",
        "ListUserPolicies" => "iam:ListUserPolicies",
        "GetUserPolicy" => "iam:GetUserPolicy",
        "ListGroupsForUser" => "iam:ListGroupsForUser",
        "ListAttachedRolePolicies" => "iam:ListAttachedRolePolicies",
        "ListRolePolicies" => "iam:ListRolePolicies",
        "GetRolePolicy" => "iam:GetRolePolicy",
        "ListInstanceProfilesForRole" => "iam:ListInstanceProfilesForRole",
        "GetRole" => "iam:GetRole",
        "GetAccountPasswordPolicy" => "iam:GetAccountPasswordPolicy",
        "GetAccountSummary" => "iam:GetAccountSummary",
        "ListVirtualMFADevices" => "iam:ListVirtualMFADevices",
    ];
    S3, "S3": [
        "ListBuckets" => "s3:ListAllMyBuckets",
        "GetBucketLocation" => "s3:GetBucketLocation",
        "GetBucketAcl" => "s3:GetBucketAcl",
        "GetBucketPolicy" => "s3:GetBucketPolicy",
        "GetPublicAccessBlock" => "s3:GetBucketPublicAccessBlock",
        "GetBucketEncryption" => "s3:GetEncryptionConfiguration",
        "GetBucketVersioning" => "s3:GetBucketVersioning",
        "GetBucketLogging" => "s3:GetBucketLogging",
        "GetObjectLockConfiguration" => "s3:GetBucketObjectLockConfiguration",
        "GetBucketWebsite" => "s3:GetBucketWebsite",
        "GetBucketOwnershipControls" => "s3:GetBucketOwnershipControls",
        "GetBucketTagging" => "s3:GetBucketTagging",
    ];
    S3Control, "S3 Control": [
        "GetPublicAccessBlock" => "s3:GetAccountPublicAccessBlock",
    ];
    Ec2, "EC2": [
        "DescribeInstances" => "ec2:DescribeInstances",
        "DescribeSecurityGroups" => "ec2:DescribeSecurityGroups",
        "DescribeVolumes" => "ec2:DescribeVolumes",
        "DescribeVpcs" => "ec2:DescribeVpcs",
        "DescribeSubnets" => "ec2:DescribeSubnets",
        "DescribeNetworkAcls" => "ec2:DescribeNetworkAcls",
        "DescribeFlowLogs" => "ec2:DescribeFlowLogs",
        "DescribeRouteTables" => "ec2:DescribeRouteTables",
        "DescribeInternetGateways" => "ec2:DescribeInternetGateways",
        "DescribeNetworkInterfaces" => "ec2:DescribeNetworkInterfaces",
    ];
    Rds, "RDS": [
        "DescribeDBInstances" => "rds:DescribeDBInstances",
    ];
    CloudTrail, "CloudTrail": [
        "DescribeTrails" => "cloudtrail:DescribeTrails",
        "GetTrailStatus" => "cloudtrail:GetTrailStatus",
        "ListTags" => "cloudtrail:ListTags",
    ];
    Kms, "KMS": [
        "ListKeys" => "kms:ListKeys",
        "DescribeKey" => "kms:DescribeKey",
        "GetKeyRotationStatus" => "kms:GetKeyRotationStatus",
        "GetKeyPolicy" => "kms:GetKeyPolicy",
        "ListResourceTags" => "kms:ListResourceTags",
    ];
    Lambda, "Lambda": [
        "ListFunctions" => "lambda:ListFunctions",
        "GetPolicy" => "lambda:GetPolicy",
        "ListFunctionUrlConfigs" => "lambda:ListFunctionUrlConfigs",
        "GetFunctionUrlConfig" => "lambda:GetFunctionUrlConfig",
        "ListTags" => "lambda:ListTags",
    ];
    Elbv2, "Elastic Load Balancing v2": [
        "DescribeLoadBalancers" => "elasticloadbalancing:DescribeLoadBalancers",
        "DescribeListeners" => "elasticloadbalancing:DescribeListeners",
        "DescribeTargetGroups" => "elasticloadbalancing:DescribeTargetGroups",
        "DescribeTargetHealth" => "elasticloadbalancing:DescribeTargetHealth",
        "DescribeTags" => "elasticloadbalancing:DescribeTags",
    ];
};

/// Every declared call (planning calls first).
pub fn declared() -> impl Iterator<Item = &'static Declared> {
    PLANNING.iter().chain(ORG).chain(CALLS.iter())
}

/// A least-privilege read-only IAM policy (JSON) for collecting `services` (all when empty),
/// with the organization listing when `org`.
#[must_use]
pub fn permissions_policy(services: &[Service], org: bool) -> serde_json::Value {
    let mut actions: Vec<&str> = PLANNING.iter().map(|d| d.action).collect();
    for d in CALLS {
        if services.is_empty() || d.service.is_some_and(|s| services.contains(&s)) {
            actions.push(d.action);
        }
    }
    if org {
        actions.extend(ORG.iter().map(|d| d.action));
    }
    actions.sort_unstable();
    actions.dedup();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "PostureReadOnly",
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*"
        }]
    })
}
