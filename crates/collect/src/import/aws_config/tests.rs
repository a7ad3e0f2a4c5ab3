//! Unit tests of the AWS Config importer (fixtures under `tests/data/aws/`).

use std::path::Path;

use posture_model::kinds::aws;
use posture_model::policy::Effect;
use posture_model::{GapReason, Inventory, Kind, Resource};

use super::{build_arn, snake};
use crate::import::{Format, ImportError, ImportOptions, detect, import_bytes, read_input};

fn fixture(name: &str) -> String {
    format!("{}/tests/data/aws/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Inventory {
    let p = fixture(name);
    let bytes = read_input(Path::new(&p), &ImportOptions::default()).expect("fixture readable");
    import_bytes(&p, &bytes, &ImportOptions::default()).expect("fixture imports")
}

fn import_str(text: &str) -> Result<Inventory, ImportError> {
    import_bytes("mem.json", text.as_bytes(), &ImportOptions::default())
}

fn res<'a>(inv: &'a Inventory, uid: &str) -> &'a Resource {
    inv.resources
        .iter()
        .find(|r| r.uid == uid)
        .unwrap_or_else(|| panic!("no resource {uid}"))
}

fn cfg<T: posture_model::Typed>(r: &Resource) -> &T {
    T::from_config(&r.config).unwrap_or_else(|| panic!("{} has kind {}", r.uid, r.kind()))
}

const PUBLIC_BUCKET: &str = "arn:aws:s3:::acme-public-assets";
const SCRATCH_BUCKET: &str = "arn:aws:s3:::acme-scratch";
const SG: &str = "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f60718";
const INSTANCE: &str = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc1234def567890";

/// Assertions shared by every shape that carries the public bucket and the security group.
fn check_bucket_and_sg(inv: &Inventory) {
    let r = res(inv, PUBLIC_BUCKET);
    assert_eq!(r.account, "111122223333");
    assert_eq!(r.region, "us-east-1");
    assert_eq!(r.name, "acme-public-assets");
    assert_eq!(r.tags.get("env").map(String::as_str), Some("prod"));
    let b: &aws::S3Bucket = cfg(r);
    let v = b.versioning.as_ref().expect("versioning");
    assert_eq!(v.status, "Enabled");
    assert!(!v.mfa_delete);
    let acl = b.acl.as_ref().expect("acl");
    assert!(acl.grants.iter().any(|g| g.grantee
        == "http://acs.amazonaws.com/groups/global/AllUsers"
        && g.permission == "READ"
        && g.grantee_type == "group"));
    assert!(
        acl.grants
            .iter()
            .any(|g| g.grantee_type == "canonical_user" && g.permission == "FULL_CONTROL")
    );
    assert!(acl.grants.iter().any(|g| g.grantee
        == "http://acs.amazonaws.com/groups/s3/LogDelivery"
        && g.permission == "WRITE"));
    assert!(
        acl.owner_id
            .as_deref()
            .is_some_and(|o| o.starts_with("79a59df9"))
    );
    let pol = b.policy.as_ref().expect("policy");
    assert_eq!(pol.statements.len(), 2);
    assert!(
        pol.statements[0]
            .principal
            .as_ref()
            .is_some_and(|p| p.is_everyone())
    );
    assert_eq!(pol.statements[0].actions, vec!["s3:GetObject"]);
    assert_eq!(pol.statements[1].effect, Effect::Deny);
    assert_eq!(pol.statements[1].conditions[0].key, "aws:SecureTransport");
    let pab = b.public_access_block.expect("pab");
    assert!(!pab.block_public_acls && !pab.all());
    let enc = b.encryption.as_ref().expect("encryption");
    assert_eq!(enc.algorithm.as_deref(), Some("aws:kms"));
    assert!(
        enc.kms_key_id
            .as_deref()
            .is_some_and(|k| k.contains(":key/1234abcd"))
    );
    assert!(enc.bucket_key_enabled);
    let log = b.logging.as_ref().expect("logging");
    assert_eq!(log.target_bucket.as_deref(), Some("acme-access-logs"));
    assert_eq!(log.target_prefix.as_deref(), Some("public-assets/"));
    assert_eq!(b.object_lock_enabled, Some(true));
    assert_eq!(b.website_enabled, Some(true));
    assert_eq!(b.object_ownership.as_deref(), Some("BucketOwnerPreferred"));
    assert_eq!(b.creation_date.as_deref(), Some("2024-03-02T10:11:12.000Z"));
    assert!(r.gaps.is_empty(), "unexpected gaps {:?}", r.gaps);

    let r = res(inv, SG);
    let sg: &aws::SecurityGroup = cfg(r);
    assert_eq!(sg.group_id, "sg-0a1b2c3d4e5f60718");
    assert_eq!(sg.group_name, "web-sg");
    assert_eq!(sg.vpc_id.as_deref(), Some("vpc-0123456789abcdef0"));
    let ingress = sg.ingress.as_ref().expect("ingress");
    let ssh = ingress
        .iter()
        .find(|p| p.covers_tcp_port(22))
        .expect("ssh rule");
    assert!(ssh.open_to_world());
    assert_eq!(
        ssh.ipv4_ranges,
        vec!["0.0.0.0/0"],
        "legacy ipRanges deduplicated"
    );
    let https = ingress
        .iter()
        .find(|p| p.from_port == Some(443))
        .expect("443");
    assert_eq!(https.ipv6_ranges, vec!["::/0"]);
    assert_eq!(https.prefix_lists, vec!["pl-63a5400a"]);
    assert_eq!(https.source_groups, vec!["sg-0fedcba987654321f"]);
    let egress = sg.egress.as_ref().expect("egress");
    assert_eq!(egress[0].protocol, "-1");
    assert_eq!(egress[0].from_port, None);
    assert!(
        r.relationships
            .iter()
            .any(|rel| rel.kind == "is_contained_in_vpc"
                && rel.target == "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0123456789abcdef0")
    );
}

#[test]
fn snapshot_maps_every_modeled_type() {
    let inv = load("snapshot.json");
    let src = &inv.sources[0];
    assert_eq!(src.format, "aws-config-snapshot");
    assert_eq!(src.resources, 19);
    assert_eq!(inv.resources.len(), 19);
    assert_eq!(src.skipped.get("ResourceDeleted"), Some(&1));
    assert_eq!(src.skipped.get("ResourceNotRecorded"), Some(&1));
    // SNS topics and DynamoDB tables are modeled kinds now.
    assert_eq!(src.unmodeled.get("AWS::SNS::Topic"), None);
    assert_eq!(src.unmodeled.get("AWS::DynamoDB::Table"), None);
    assert!(inv.resources.iter().any(|r| r.kind() == Kind::AwsSnsTopic));
    assert!(
        inv.resources
            .iter()
            .any(|r| r.kind() == Kind::AwsDynamoDbTable)
    );
    assert!(src.warnings.is_empty(), "{:?}", src.warnings);
    assert!(src.error.is_none());
    check_bucket_and_sg(&inv);

    // Every resource carries its source and provider.
    assert!(
        inv.resources
            .iter()
            .all(|r| r.source.ends_with("snapshot.json"))
    );

    // Sparse bucket: absent supplementary keys are gaps, explicit nulls are observed states.
    let r = res(&inv, SCRATCH_BUCKET);
    let b: &aws::S3Bucket = cfg(r);
    assert_eq!(b.policy.as_ref().map(|p| p.statements.len()), Some(0));
    assert_eq!(
        b.versioning.as_ref().map(|v| v.status.as_str()),
        Some("Off")
    );
    assert_eq!(
        b.logging.as_ref().map(|l| l.target_bucket.is_none()),
        Some(true)
    );
    for field in [
        "acl",
        "public_access_block",
        "encryption",
        "object_lock_enabled",
        "website_enabled",
        "object_ownership",
    ] {
        let g = r
            .gap_for(field)
            .unwrap_or_else(|| panic!("no gap for {field}"));
        assert_eq!(g.reason, GapReason::NotInSource, "{field}");
        assert_eq!(g.field, field);
    }
    assert!(b.public_access_block.is_none() && b.acl.is_none());
    assert!(
        r.gaps
            .iter()
            .all(|g| g.field != "policy" && g.field != "versioning")
    );

    // Instance: IMDS, public IP, profile, SGs, relationships.
    let r = res(&inv, INSTANCE);
    let i: &aws::Ec2Instance = cfg(r);
    assert_eq!(i.metadata_http_tokens.as_deref(), Some("optional"));
    assert_eq!(i.metadata_http_endpoint.as_deref(), Some("enabled"));
    assert_eq!(i.public_ip.as_deref(), Some("203.0.113.25"));
    assert_eq!(
        i.iam_instance_profile.as_deref(),
        Some("arn:aws:iam::111122223333:instance-profile/bastion")
    );
    assert_eq!(
        i.security_groups.as_deref(),
        Some(&["sg-0a1b2c3d4e5f60718".to_owned()][..])
    );
    assert_eq!(i.state.as_deref(), Some("running"));
    assert_eq!(i.monitoring_enabled, Some(false));
    assert_eq!(
        r.name,
        "i-0abc1234def567890".replace("i-0abc1234def567890", "bastion")
    );
    assert_eq!(
        r.related("is_associated_with_security_group")
            .collect::<Vec<_>>(),
        vec![SG]
    );
    assert_eq!(
        r.related("is_attached_to_volume").collect::<Vec<_>>(),
        vec!["arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0"]
    );
    assert!(r.gaps.is_empty(), "{:?}", r.gaps);

    let v: &aws::EbsVolume = cfg(res(
        &inv,
        "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0",
    ));
    assert_eq!(v.encrypted, Some(false));
    assert_eq!(v.size_gib, Some(8));
    assert_eq!(
        v.attached_instances.as_deref(),
        Some(&["i-0abc1234def567890".to_owned()][..])
    );

    let vpc: &aws::Vpc = cfg(res(
        &inv,
        "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0123456789abcdef0",
    ));
    assert_eq!(vpc.cidr_block.as_deref(), Some("10.0.0.0/16"));
    assert_eq!(vpc.is_default, Some(false));

    let sn: &aws::Subnet = cfg(res(
        &inv,
        "arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0aa11bb22cc33dd44",
    ));
    assert_eq!(sn.map_public_ip_on_launch, Some(true));

    let nacl: &aws::NetworkAcl = cfg(res(
        &inv,
        "arn:aws:ec2:us-east-1:111122223333:network-acl/acl-0a1b2c3d",
    ));
    let entries = nacl.entries.as_ref().expect("entries");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].from_port, Some(22));
    assert_eq!(entries[0].action, "allow");
    assert!(entries[1].egress);
    assert_eq!(
        nacl.subnets.as_deref(),
        Some(&["subnet-0aa11bb22cc33dd44".to_owned()][..])
    );

    let fl: &aws::FlowLog = cfg(res(
        &inv,
        "arn:aws:ec2:us-east-1:111122223333:vpc-flow-log/fl-0123456789abcdef0",
    ));
    assert_eq!(fl.resource_id, "vpc-0123456789abcdef0");
    assert_eq!(fl.traffic_type.as_deref(), Some("ALL"));
    assert_eq!(
        fl.destination.as_deref(),
        Some("arn:aws:s3:::acme-flow-logs")
    );

    let db: &aws::RdsDbInstance = cfg(res(&inv, "arn:aws:rds:us-east-1:111122223333:db:orders-db"));
    assert_eq!(db.identifier, "orders-db");
    assert_eq!(db.publicly_accessible, Some(true));
    assert_eq!(db.storage_encrypted, Some(false));
    assert_eq!(db.backup_retention_days, Some(0));
    assert_eq!(db.iam_auth_enabled, Some(false));
    assert_eq!(db.cluster_identifier.as_deref(), Some(""));

    // IAM: URL-encoded documents, default version chosen, region global.
    let r = res(&inv, "arn:aws:iam::111122223333:policy/break-glass-admin");
    assert_eq!(r.region, "global");
    let p: &aws::IamPolicy = cfg(r);
    let doc = p.document.as_ref().expect("document");
    assert_eq!(
        doc.statements[0].actions,
        vec!["*"],
        "default version v2 chosen"
    );
    assert_eq!(p.attachment_count, Some(1));
    assert!(!p.aws_managed);

    let r = res(&inv, "arn:aws:iam::111122223333:user/alice");
    let u: &aws::IamUser = cfg(r);
    let inline = u.inline_policies.as_ref().expect("inline");
    assert_eq!(inline[0].name, "scratch-write");
    assert_eq!(
        inline[0].document.statements[0].actions,
        vec!["s3:PutObject"]
    );
    assert_eq!(u.groups.as_deref(), Some(&["developers".to_owned()][..]));
    assert_eq!(
        u.attached_policies.as_deref(),
        Some(&["arn:aws:iam::aws:policy/ReadOnlyAccess".to_owned()][..])
    );
    for field in [
        "password_enabled",
        "mfa_devices",
        "mfa_active",
        "access_keys",
    ] {
        assert_eq!(
            r.gap_for(field).map(|g| g.reason),
            Some(GapReason::NotInSource)
        );
    }

    let r = res(&inv, "arn:aws:iam::111122223333:role/ci/deploy");
    let role: &aws::IamRole = cfg(r);
    let trust = role.assume_role_policy.as_ref().expect("trust");
    assert_eq!(
        trust.statements[0]
            .principal
            .as_ref()
            .map(|p| p.service.clone()),
        Some(vec!["ec2.amazonaws.com".to_owned()])
    );
    assert_eq!(role.path.as_deref(), Some("/ci/"));
    assert_eq!(role.inline_policies.as_deref().map(<[_]>::len), Some(0));
    // The policy is in the same file: the relationship resolves to its ARN.
    assert_eq!(
        r.related("is_attached_to_customer_managed_policy")
            .collect::<Vec<_>>(),
        vec!["arn:aws:iam::111122223333:policy/break-glass-admin"]
    );
    // The policy → role edge resolves the role by id despite its path.
    let pr = res(&inv, "arn:aws:iam::111122223333:policy/break-glass-admin");
    assert_eq!(
        pr.related("is_attached_to_role").collect::<Vec<_>>(),
        vec!["arn:aws:iam::111122223333:role/ci/deploy"]
    );
    // A group not in the file stays a resource id.
    let ur = res(&inv, "arn:aws:iam::111122223333:user/alice");
    assert_eq!(
        ur.related("is_attached_to_group").collect::<Vec<_>>(),
        vec!["AGPAEXAMPLEGROUP00001"]
    );

    let r = res(
        &inv,
        "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail",
    );
    let t: &aws::CloudTrailTrail = cfg(r);
    assert_eq!(t.is_multi_region, Some(true));
    assert_eq!(t.log_file_validation, Some(false));
    assert_eq!(t.kms_key_id.as_deref(), Some(""));
    assert_eq!(t.cloudwatch_log_group_arn.as_deref(), Some(""));
    assert_eq!(
        r.gap_for("is_logging").map(|g| g.reason),
        Some(GapReason::NotInSource)
    );
    assert_eq!(
        r.related("is_associated_with_bucket").collect::<Vec<_>>(),
        vec!["arn:aws:s3:::acme-cloudtrail"]
    );

    let k: &aws::KmsKey = cfg(res(
        &inv,
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ));
    assert_eq!(k.key_manager.as_deref(), Some("CUSTOMER"));
    assert_eq!(k.rotation_enabled, Some(false));
    assert_eq!(k.key_spec.as_deref(), Some("SYMMETRIC_DEFAULT"));

    let r = res(
        &inv,
        "arn:aws:lambda:us-east-1:111122223333:function:resize-images",
    );
    let f: &aws::LambdaFunction = cfg(r);
    assert_eq!(
        f.environment_variable_names.as_deref(),
        Some(&["DB_PASSWORD".to_owned(), "STAGE".to_owned()][..])
    );
    assert_eq!(f.vpc_id.as_deref(), Some(""));
    assert_eq!(f.runtime.as_deref(), Some("python3.12"));
    let json = serde_json::to_string(&inv).expect("serializes");
    assert!(
        !json.contains("hunter2"),
        "environment values must never be kept"
    );

    // Account-level BPA has no ARN: a stable synthetic uid.
    let r = res(
        &inv,
        "aws:111122223333:us-east-1:AWS::S3::AccountPublicAccessBlock/111122223333",
    );
    let a: &aws::S3AccountPublicAccessBlock = cfg(r);
    let s = a.settings.expect("settings");
    assert!(s.block_public_acls && !s.restrict_public_buckets);

    // The SNS topic of the fixture is a modeled kind now (its CloudFormation-like item).
    let r = res(&inv, "arn:aws:sns:us-east-1:111122223333:alerts");
    let t: &aws::SnsTopic = cfg(r);
    assert_eq!(t.topic_name, "alerts");
    // The fixture's item has no `Subscription` list: subscriptions are not observed.
    assert!(t.subscriptions.is_none() && r.gap_for("subscriptions").is_some());

    // Coverage per account × region × service.
    let cov = |region: &str, service: &str| {
        inv.coverage
            .iter()
            .find(|c| c.region == region && c.service == service)
            .map(|c| c.resources)
    };
    assert_eq!(cov("us-east-1", "S3"), Some(3));
    assert_eq!(cov("us-east-1", "EC2"), Some(7));
    assert_eq!(cov("global", "IAM"), Some(3));
    assert_eq!(
        inv.coverage.iter().map(|c| c.resources).sum::<u64>(),
        inv.resources.len() as u64
    );
    assert!(inv.coverage.iter().all(|c| c.provider == "aws"
        && c.account == "111122223333"
        && c.status == posture_model::CoverageStatus::Collected));
}

#[test]
fn gzipped_snapshot_matches_plain() {
    let plain = load("snapshot.json");
    let gz = load("snapshot.json.gz");
    assert_eq!(plain.resources.len(), gz.resources.len());
    for (a, b) in plain.resources.iter().zip(&gz.resources) {
        assert_eq!(a.uid, b.uid);
        assert_eq!(a.config, b.config);
        assert_eq!(a.gaps, b.gaps);
        assert_eq!(a.relationships, b.relationships);
    }
}

#[test]
fn api_history_decodes_string_configuration_and_keeps_bad_items() {
    let inv = load("api_history.json");
    let src = &inv.sources[0];
    assert_eq!(src.format, "aws-config-api");
    assert_eq!(inv.resources.len(), 11);
    check_bucket_and_sg(&inv);

    // configuration that is not JSON: kept, with a `*` error gap and a warning naming the path.
    let r = res(
        &inv,
        "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0badconfig00000001",
    );
    let g = r.gap_for("ingress").expect("gap");
    assert_eq!(g.field, "*");
    assert_eq!(g.reason, GapReason::Error);
    assert!(
        src.warnings
            .iter()
            .any(|w| w.contains("$.configurationItems[10].configuration")),
        "{:?}",
        src.warnings
    );
    let sg: &aws::SecurityGroup = cfg(r);
    assert_eq!(sg.group_id, "sg-0badconfig00000001");
    assert!(sg.ingress.is_none());
    // Only the `*` gap: no per-field noise on top of it.
    assert_eq!(r.gaps.len(), 1);

    // relationshipName spelling.
    let r = res(&inv, SG);
    assert!(r.related("is_contained_in_vpc").next().is_some());

    // Supplementary values as JSON strings (KMS rotation `"false"`).
    let k: &aws::KmsKey = cfg(res(
        &inv,
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ));
    assert_eq!(k.rotation_enabled, Some(false));
}

#[test]
fn api_batch_base_items() {
    let inv = load("api_batch.json");
    assert_eq!(inv.sources[0].format, "aws-config-api");
    assert_eq!(inv.resources.len(), 3);
    let i: &aws::Ec2Instance = cfg(res(&inv, INSTANCE));
    assert_eq!(i.metadata_http_tokens.as_deref(), Some("optional"));
    assert!(res(&inv, INSTANCE).tags.is_empty());
}

#[test]
fn select_output_rows() {
    let inv = load("select.json");
    let src = &inv.sources[0];
    assert_eq!(src.format, "aws-config-select");
    assert_eq!(inv.resources.len(), 7);
    // The SNS topic and the DynamoDB table rows are modeled kinds now.
    assert_eq!(src.unmodeled.values().sum::<u64>(), 0);
    assert!(inv.resources.iter().any(|r| r.kind() == Kind::AwsSnsTopic));
    check_bucket_and_sg(&inv);
    let r = res(&inv, PUBLIC_BUCKET);
    assert_eq!(r.tags.get("team").map(String::as_str), Some("web"));
    assert!(
        inv.resources
            .iter()
            .any(|r| r.kind() == Kind::AwsS3AccountPublicAccessBlock)
    );
}

#[test]
fn single_item_and_bare_array() {
    let inv = load("change_notification.json");
    assert_eq!(inv.resources.len(), 1);
    assert_eq!(inv.resources[0].uid, INSTANCE);
    let inv = load("bare_array.json");
    assert_eq!(inv.resources.len(), 4);
    check_sg_only(&inv);
}

fn check_sg_only(inv: &Inventory) {
    let sg: &aws::SecurityGroup = cfg(res(inv, SG));
    assert!(sg.ingress.as_ref().is_some_and(|i| i.len() == 2));
}

#[test]
fn history_deletion_hides_earlier_states() {
    let text = r#"{"configurationItems": [
      {"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "awsAccountId": "111122223333",
       "awsRegion": "eu-west-1", "configurationItemStatus": "ResourceDiscovered",
       "configuration": {"vpcId": "vpc-1", "cidrBlock": "10.1.0.0/16", "isDefault": true}},
      {"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-2", "awsAccountId": "111122223333",
       "awsRegion": "eu-west-1", "configurationItemStatus": "OK",
       "configuration": {"vpcId": "vpc-2", "cidrBlock": "10.2.0.0/16", "isDefault": false}},
      {"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "awsAccountId": "111122223333",
       "awsRegion": "eu-west-1", "configurationItemStatus": "ResourceDeletedNotRecorded"}
    ]}"#;
    let inv = import_str(text).expect("imports");
    assert_eq!(inv.resources.len(), 1);
    assert_eq!(
        inv.resources[0].uid,
        "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-2"
    );
    assert_eq!(
        inv.sources[0].skipped.get("ResourceDeletedNotRecorded"),
        Some(&1)
    );
    assert_eq!(inv.coverage.len(), 1);
    assert_eq!(inv.coverage[0].resources, 1);
}

#[test]
fn missing_configuration_records_gaps_per_field() {
    // A query that did not select `configuration`.
    let text = r#"{"QueryInfo": {"SelectFields": [{"Name": "resourceId"}]}, "Results": [
      "{\"resourceId\":\"sg-1\",\"resourceType\":\"AWS::EC2::SecurityGroup\",\"accountId\":\"111122223333\",\"awsRegion\":\"us-west-2\"}"
    ]}"#;
    let inv = import_str(text).expect("imports");
    let r = &inv.resources[0];
    assert_eq!(
        r.uid,
        "arn:aws:ec2:us-west-2:111122223333:security-group/sg-1"
    );
    for f in ["ingress", "egress", "vpc_id", "description"] {
        assert_eq!(
            r.gap_for(f).map(|g| g.reason),
            Some(GapReason::NotInSource),
            "{f}"
        );
        assert_eq!(r.gap_for(f).map(|g| g.field.as_str()), Some(f));
    }
}

#[test]
fn truncated_file_fails_with_location() {
    let text = std::fs::read_to_string(fixture("snapshot.json")).expect("fixture");
    let cut = &text[..text.len() / 2];
    let e = import_str(cut).expect_err("truncated");
    let msg = e.to_string();
    assert!(matches!(e, ImportError::Malformed { .. }), "{msg}");
    assert!(msg.starts_with("mem.json: "), "{msg}");
    assert!(msg.contains("line "), "{msg}");
    assert!(msg.contains("truncated"), "{msg}");
}

#[test]
fn wrong_container_type_names_the_path() {
    let e = import_str(r#"{"fileVersion": "1.0", "configurationItems": "none"}"#)
        .expect_err("wrong type");
    let msg = e.to_string();
    assert!(msg.contains("$.configurationItems"), "{msg}");
    assert!(msg.contains("list of configuration items"), "{msg}");
}

#[test]
fn wrong_type_inside_an_item_keeps_the_rest() {
    let text = r#"{"configurationItems": [
      {"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "awsAccountId": "111122223333",
       "awsRegion": "eu-west-1", "tags": 5, "configuration": {"vpcId": "vpc-1"}},
      {"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-2", "awsAccountId": "111122223333",
       "awsRegion": "eu-west-1", "configuration": {"vpcId": "vpc-2", "isDefault": "yes-please"}},
      {"resourceType": 7},
      {"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-3", "awsAccountId": "111122223333",
       "awsRegion": "eu-west-1", "configuration": {"vpcId": "vpc-3", "cidrBlock": "10.3.0.0/16", "isDefault": false}}
    ]}"#;
    let inv = import_str(text).expect("imports");
    let src = &inv.sources[0];
    assert_eq!(inv.resources.len(), 3, "{:?}", src.warnings);
    let r1 = res(&inv, "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1");
    assert_eq!(r1.gaps[0].field, "*");
    assert_eq!(r1.gaps[0].reason, GapReason::Error);
    assert!(
        src.warnings
            .iter()
            .any(|w| w.contains("$.configurationItems[0]"))
    );
    let r2 = res(&inv, "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-2");
    assert_eq!(r2.gaps[0].field, "*");
    assert!(
        src.warnings
            .iter()
            .any(|w| w.contains("$.configurationItems[1].configuration"))
    );
    assert_eq!(src.skipped.get("malformed"), Some(&1));
    assert!(
        src.warnings
            .iter()
            .any(|w| w.contains("$.configurationItems[2]"))
    );
    let v3: &aws::Vpc = cfg(res(&inv, "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-3"));
    assert_eq!(v3.cidr_block.as_deref(), Some("10.3.0.0/16"));
}

#[test]
fn broken_supplementary_values_become_field_gaps() {
    let text = r#"{"configurationItems": [
      {"resourceType": "AWS::S3::Bucket", "resourceId": "b1", "ARN": "arn:aws:s3:::b1",
       "awsAccountId": "111122223333", "awsRegion": "us-east-1",
       "configuration": {"name": "b1"},
       "supplementaryConfiguration": {
         "BucketPolicy": {"policyText": "{not json"},
         "AccessControlList": "{\"grantList\": 3}",
         "BucketVersioningConfiguration": "{\"status\": \"Enabled\"",
         "PublicAccessBlockConfiguration": null
       }}
    ]}"#;
    let inv = import_str(text).expect("imports");
    let r = &inv.resources[0];
    let b: &aws::S3Bucket = cfg(r);
    for f in ["policy", "acl", "versioning"] {
        assert_eq!(
            r.gap_for(f).map(|g| g.reason),
            Some(GapReason::Error),
            "{f}"
        );
    }
    assert_eq!(
        b.public_access_block,
        Some(aws::PublicAccessBlock::default())
    );
    let w = &inv.sources[0].warnings;
    assert!(w.iter().any(|w| {
        w.contains("$.configurationItems[0].supplementaryConfiguration.BucketPolicy.policyText")
    }));
    assert!(w.iter().any(|w| w.contains(
        "$.configurationItems[0].supplementaryConfiguration.BucketVersioningConfiguration"
    )));
}

#[test]
fn hostile_input_never_panics() {
    // Nesting beyond the limit is refused before parsing.
    let deep = format!(
        "{{\"configurationItems\": [{{\"configuration\": {}{}}}]}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let e = import_str(&deep).expect_err("too deep");
    assert!(e.to_string().contains("nested deeper"), "{e}");

    // Nesting hidden inside a JSON-encoded configuration string reaches serde_json's own limit.
    let inner = format!("{}{}", "[".repeat(3000), "]".repeat(3000));
    let item = serde_json::json!({
        "resourceType": "AWS::SNS::Topic", "resourceId": "t", "accountId": "111122223333",
        "awsRegion": "us-east-1", "configuration": inner,
        "supplementaryConfiguration": {"Policy": inner}
    });
    let text = serde_json::json!({"configurationItems": [item]}).to_string();
    let inv = import_str(&text).expect("imports");
    assert_eq!(inv.resources[0].gaps[0].reason, GapReason::Error);

    // Huge strings are carried, not choked on.
    let big = "x".repeat(4 << 20);
    let item = serde_json::json!({
        "resourceType": "AWS::EC2::VPC", "resourceId": big, "accountId": "111122223333",
        "awsRegion": "us-east-1", "configuration": {"vpcId": "vpc-1", "cidrBlock": big}
    });
    let text = serde_json::json!({"configurationItems": [item]}).to_string();
    let inv = import_str(&text).expect("imports");
    assert_eq!(inv.resources[0].name.len(), 4 << 20);

    // Invalid UTF-8.
    let mut bytes =
        br#"{"configurationItems": [{"resourceType": "AWS::EC2::VPC", "resourceId": ""#.to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(br#""}]}"#);
    let e = import_bytes("bin.json", &bytes, &ImportOptions::default()).expect_err("utf8");
    assert!(e.to_string().contains("UTF-8"), "{e}");

    // Odd but valid JSON at every level.
    for text in [
        r#"{"configurationItems": null}"#,
        r#"{"configurationItems": [null, 1, "x", [], {}]}"#,
        r#"{"configurationItem": {"resourceType": "AWS::S3::Bucket", "resourceId": "b", "supplementaryConfiguration": "oops"}}"#,
        r#"[{"resourceType": "AWS::IAM::Role", "resourceId": "r", "configuration": {"assumeRolePolicyDocument": "%7B%22Statement%22%3A7%7D"}}]"#,
        r#"{"QueryInfo": {}, "Results": [1, null, "not json", "{\"resourceType\":\"AWS::KMS::Key\"}"]}"#,
        r#"{"configurationItems": [{"resourceType": "AWS::EC2::SecurityGroup", "resourceId": "sg", "configuration": {"ipPermissions": [{"fromPort": 1e300, "ipRanges": [{"cidrIp": 5}]}]}}]}"#,
    ] {
        let r = std::panic::catch_unwind(|| import_str(text));
        assert!(r.is_ok(), "panicked on {text}");
    }
}

#[test]
fn detection_routes_the_fixtures() {
    for (name, format) in [
        ("snapshot.json", Format::AwsConfigSnapshot),
        ("api_history.json", Format::AwsConfigApi),
        ("api_batch.json", Format::AwsConfigApi),
        ("select.json", Format::AwsConfigSelect),
        ("change_notification.json", Format::AwsConfigSnapshot),
        ("bare_array.json", Format::AwsConfigSnapshot),
    ] {
        let bytes = std::fs::read(fixture(name)).expect("fixture");
        assert_eq!(detect(name, &bytes).expect("detects"), format, "{name}");
    }
}

#[test]
fn relationship_names_to_snake_case() {
    assert_eq!(
        snake("Is associated with SecurityGroup"),
        "is_associated_with_security_group"
    );
    assert_eq!(snake("Is contained in Vpc"), "is_contained_in_vpc");
    assert_eq!(snake("Is attached to IAMRole"), "is_attached_to_iam_role");
    assert_eq!(
        snake("Is attached to NetworkInterface"),
        "is_attached_to_network_interface"
    );
    assert_eq!(snake("  Contains  EC2 instance "), "contains_ec2_instance");
    assert_eq!(snake(""), "");
}

#[test]
fn arns_built_per_type() {
    assert_eq!(
        build_arn(
            "aws",
            "AWS::EC2::Subnet",
            "eu-west-1",
            "1",
            "subnet-1",
            None
        )
        .as_deref(),
        Some("arn:aws:ec2:eu-west-1:1:subnet/subnet-1")
    );
    assert_eq!(
        build_arn("aws-cn", "AWS::S3::Bucket", "cn-north-1", "1", "b", None).as_deref(),
        Some("arn:aws-cn:s3:::b")
    );
    assert_eq!(
        build_arn("aws", "AWS::IAM::Role", "global", "1", "AROA1", Some("r")),
        None,
        "IAM paths are unknown, so no guessed ARN"
    );
    assert_eq!(
        build_arn(
            "aws",
            "AWS::RDS::DBInstance",
            "us-east-1",
            "1",
            "db-X",
            Some("orders")
        )
        .as_deref(),
        Some("arn:aws:rds:us-east-1:1:db:orders")
    );
}

/// Throughput of the importer on synthetic ~1 KB items. Run with
/// `cargo test -p posture-collect --release -- --ignored --nocapture aws_config_throughput`.
#[test]
#[ignore = "benchmark; run explicitly in release mode"]
fn aws_config_throughput() {
    let n = 200_000usize;
    let mut text = String::with_capacity(n * 1100);
    text.push_str(r#"{"fileVersion":"1.0","configSnapshotId":"bench","configurationItems":["#);
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        let item = match i % 4 {
            0 => format!(
                r#"{{"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-05-01T08:00:00.123Z","configurationStateId":1777622400123,"awsAccountId":"111122223333","configurationItemStatus":"OK","resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-{i:017x}","resourceName":"sg-{i}","ARN":"arn:aws:ec2:us-east-1:111122223333:security-group/sg-{i:017x}","awsRegion":"us-east-1","availabilityZone":"Not Applicable","configurationStateMd5Hash":"","tags":{{"env":"prod","team":"core"}},"relatedEvents":[],"relationships":[{{"resourceId":"vpc-0123456789abcdef0","resourceName":null,"resourceType":"AWS::EC2::VPC","name":"Is contained in Vpc"}}],"configuration":{{"description":"bench","groupName":"sg-{i}","ipPermissions":[{{"fromPort":22,"ipProtocol":"tcp","ipv6Ranges":[],"prefixListIds":[],"toPort":22,"userIdGroupPairs":[],"ipv4Ranges":[{{"cidrIp":"0.0.0.0/0"}}],"ipRanges":["0.0.0.0/0"]}}],"ownerId":"111122223333","groupId":"sg-{i:017x}","ipPermissionsEgress":[{{"ipProtocol":"-1","ipv6Ranges":[],"prefixListIds":[],"userIdGroupPairs":[],"ipv4Ranges":[{{"cidrIp":"0.0.0.0/0"}}],"ipRanges":["0.0.0.0/0"]}}],"tags":[{{"key":"env","value":"prod"}}],"vpcId":"vpc-0123456789abcdef0"}},"supplementaryConfiguration":{{}}}}"#
            ),
            1 => format!(
                r#"{{"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-05-01T08:00:00.123Z","configurationStateId":1777622400123,"awsAccountId":"111122223333","configurationItemStatus":"OK","resourceType":"AWS::S3::Bucket","resourceId":"bucket-{i}","resourceName":"bucket-{i}","ARN":"arn:aws:s3:::bucket-{i}","awsRegion":"us-east-1","availabilityZone":"Regional","configurationStateMd5Hash":"","tags":{{"env":"prod"}},"relatedEvents":[],"relationships":[],"configuration":{{"name":"bucket-{i}","owner":{{"displayName":null,"id":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}},"creationDate":"2024-03-02T10:11:12.000Z"}},"supplementaryConfiguration":{{"AccessControlList":"{{\"grantSet\":null,\"grantList\":[{{\"grantee\":{{\"id\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\",\"displayName\":null}},\"permission\":\"FullControl\"}}],\"owner\":{{\"displayName\":null,\"id\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"}},\"isRequesterCharged\":false}}","BucketLoggingConfiguration":{{"destinationBucketName":null,"logFilePrefix":null}},"BucketPolicy":{{"policyText":null}},"BucketVersioningConfiguration":{{"status":"Enabled","isMfaDeleteEnabled":null}},"PublicAccessBlockConfiguration":{{"blockPublicAcls":true,"ignorePublicAcls":true,"blockPublicPolicy":true,"restrictPublicBuckets":true}},"ServerSideEncryptionConfiguration":{{"rules":[{{"applyServerSideEncryptionByDefault":{{"sseAlgorithm":"AES256","kmsMasterKeyID":null}},"bucketKeyEnabled":false}}]}}}}}}"#
            ),
            2 => format!(
                r#"{{"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-05-01T08:00:00.123Z","configurationStateId":1777622400123,"awsAccountId":"111122223333","configurationItemStatus":"OK","resourceType":"AWS::EC2::Instance","resourceId":"i-{i:017x}","ARN":"arn:aws:ec2:us-east-1:111122223333:instance/i-{i:017x}","awsRegion":"us-east-1","availabilityZone":"us-east-1a","tags":{{"Name":"app-{i}"}},"relatedEvents":[],"relationships":[{{"resourceId":"sg-0a1b2c3d4e5f60718","resourceName":null,"resourceType":"AWS::EC2::SecurityGroup","name":"Is associated with SecurityGroup"}},{{"resourceId":"subnet-0aa11bb22cc33dd44","resourceName":null,"resourceType":"AWS::EC2::Subnet","name":"Is contained in Subnet"}}],"configuration":{{"imageId":"ami-0abcdef1234567890","instanceId":"i-{i:017x}","instanceType":"t3.micro","monitoring":{{"state":"disabled"}},"privateIpAddress":"10.0.1.15","state":{{"code":16,"name":"running"}},"subnetId":"subnet-0aa11bb22cc33dd44","vpcId":"vpc-0123456789abcdef0","securityGroups":[{{"groupName":"web","groupId":"sg-0a1b2c3d4e5f60718"}}],"metadataOptions":{{"state":"applied","httpTokens":"required","httpPutResponseHopLimit":2,"httpEndpoint":"enabled"}},"blockDeviceMappings":[{{"deviceName":"/dev/xvda","ebs":{{"volumeId":"vol-0123","status":"attached"}}}}]}},"supplementaryConfiguration":{{}}}}"#
            ),
            _ => format!(
                r#"{{"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-05-01T08:00:00.123Z","configurationStateId":1777622400123,"awsAccountId":"111122223333","configurationItemStatus":"OK","resourceType":"AWS::SQS::Queue","resourceId":"https://sqs.us-east-1.amazonaws.com/111122223333/q-{i}","resourceName":"q-{i}","ARN":"arn:aws:sqs:us-east-1:111122223333:q-{i}","awsRegion":"us-east-1","tags":{{}},"relatedEvents":[],"relationships":[],"configuration":{{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/111122223333/q-{i}","VisibilityTimeout":"30","MaximumMessageSize":"262144","MessageRetentionPeriod":"345600","DelaySeconds":"0","ReceiveMessageWaitTimeSeconds":"0","SqsManagedSseEnabled":"true","QueueArn":"arn:aws:sqs:us-east-1:111122223333:q-{i}"}},"supplementaryConfiguration":{{}}}}"#
            ),
        };
        text.push_str(&item);
    }
    text.push_str("]}");
    let mb = text.len() as f64 / 1e6;
    // Warm up, then time a few runs on one thread, phase by phase.
    drop(import_str(&text).expect("imports"));
    let runs = 3;
    let (mut t_full, mut t_import, mut t_drop, mut cpu_full) = (0.0, 0.0, 0.0, 0.0);
    let mut count = 0;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let c = thread_cpu_secs();
        let inv = import_str(&text).expect("imports");
        cpu_full += thread_cpu_secs() - c;
        t_full += t.elapsed().as_secs_f64();
        count = inv.resources.len();
        let t = std::time::Instant::now();
        drop(inv);
        t_drop += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let inv = super::import("bench", text.as_bytes(), Format::AwsConfigSnapshot).expect("ok");
        t_import += t.elapsed().as_secs_f64();
        drop(inv);
    }
    let runs = f64::from(runs);
    let secs = t_full / runs;
    println!(
        "phases per run: import_bytes {:.3} s (of which aws_config::import {:.3} s), drop {:.3} s",
        secs,
        t_import / runs,
        t_drop / runs
    );
    let cpu = cpu_full / runs;
    if cpu > 0.0 {
        println!(
            "thread CPU time (independent of machine load): import_bytes {cpu:.3} s/run = {:.0} items/s, {:.0} MB/s",
            n as f64 / cpu,
            mb / cpu
        );
    }
    assert_eq!(count, n);
    println!(
        "aws_config import: {n} items, {mb:.1} MB ({:.0} B/item): {:.3} s/run, {:.0} items/s, {:.0} MB/s (one thread)",
        text.len() as f64 / n as f64,
        secs,
        n as f64 / secs,
        mb / secs
    );
}

/// CPU seconds used by the calling thread (Linux; 0 elsewhere), 10 ms resolution.
fn thread_cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

#[test]
fn enum_objects_are_read_as_their_value() {
    // Some configuration items carry enums as objects (`{"value": "in-use"}`).
    let text = r#"{"configurationItems":[{"configurationItemStatus":"OK","resourceType":"AWS::EC2::Volume",
        "resourceId":"vol-1","awsAccountId":"111122223333","awsRegion":"us-east-1",
        "configuration":{"volumeId":"vol-1","encrypted":true,"state":{"value":"in-use"},"size":8}}]}"#;
    let inv = import_str(text).unwrap();
    let r = &inv.resources[0];
    let v: &aws::EbsVolume = cfg(r);
    assert_eq!(v.state.as_deref(), Some("in-use"));
    assert_eq!(v.encrypted, Some(true));
    assert!(r.gaps.iter().all(|g| g.field != "*"), "{:?}", r.gaps);
}
