//! Toxic combinations: findings that name a chain of conditions which are each tolerable alone
//! but together open a direct path to harm (an internet-reachable VM whose identity is admin).
//!
//! They are real rules ([`Rule`]): the engine evaluates them with the rest of the catalog, so they
//! appear in the JSON findings and the summary, are recorded by the store, and can be selected or
//! skipped like any rule (`--skip-rules 'risk.toxic.*'`). Each reads the shared [`Analysis`]
//! through `EvalContext::memo`, built once per scan. A condition whose data is missing makes the
//! combination *Unknown*, naming what is missing; one condition known to be false makes it pass.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use posture_model::kinds::{aws, azure, gcp};
use posture_model::{Evidence, Kind, Resource, Severity, Typed};
use posture_rules::engine::{Case, FixSafety, Remediation, RuleMeta};
use posture_rules::{EvalContext, Missing, Rule, Verdict};

use crate::context::ContextSettings;
use crate::graph::{Analysis, Exposure, Tri, position};

/// Memo key of the analysis shared by the toxic rules.
pub const MEMO_KEY: &str = "risk.analysis";

type Check = fn(&Resource, &Analysis, usize) -> Vec<Tri>;

/// One toxic-combination rule.
pub struct Toxic {
    meta: &'static RuleMeta,
    kind: Kind,
    check: Check,
    settings: Arc<ContextSettings>,
}

impl Rule for Toxic {
    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn evaluate(&self, r: &Resource, cx: &EvalContext<'_>) -> Result<Verdict, Missing> {
        let settings = Arc::clone(&self.settings);
        let analysis = cx.memo(MEMO_KEY, move |ix| Analysis::build(ix, &settings));
        let resources = cx.index.resources();
        let Some(i) = position(resources, r) else {
            return Ok(Verdict::NotApplicable(Cow::Borrowed(
                "resource is not part of the evaluated inventory",
            )));
        };
        Ok(verdict(self.meta, &(self.check)(r, &analysis, i)))
    }
}

fn verdict(meta: &RuleMeta, parts: &[Tri]) -> Verdict {
    let mut chain = Vec::new();
    let mut missing = Vec::new();
    for p in parts {
        match p {
            Tri::No(_) => return Verdict::Pass,
            Tri::Yes(s) => chain.push(s.clone()),
            Tri::Unknown(m) => missing.push(m.clone()),
        }
    }
    if !missing.is_empty() {
        return Verdict::Unknown(Cow::Owned(format!(
            "{}: cannot decide, missing {}",
            meta.title,
            missing.join("; ")
        )));
    }
    Verdict::Fail {
        message: format!("{}: {}", meta.title, chain.join(" → ")),
        evidence: vec![Evidence {
            path: "chain".into(),
            observed: serde_json::Value::from(chain),
        }],
    }
}

fn cfg<T: Typed>(r: &Resource) -> Option<&T> {
    T::from_config(&r.config)
}

fn exposed(a: &Analysis, i: usize) -> Tri {
    match a.exposure(i) {
        Exposure::Internet { path } => Tri::Yes(format!(
            "reachable from the internet ({})",
            path.join(" → ")
        )),
        Exposure::Unknown { missing } => Tri::Unknown(format!("exposure ({})", missing.join("; "))),
        Exposure::Internal { reason } => Tri::No(reason.clone()),
        Exposure::NotNetworked => Tri::No("not network-addressable".into()),
    }
}

fn sensitive(a: &Analysis, i: usize) -> Tri {
    match a.data_class(i) {
        Some(c) if c.value.is_sensitive() => Tri::Yes(format!(
            "holds {} data ({})",
            c.value.as_str(),
            c.source.describe()
        )),
        Some(c) => Tri::No(format!("classified {}", c.value.as_str())),
        None => {
            Tri::Unknown("data classification (no tag, nothing inferable from the name)".into())
        }
    }
}

fn flag(v: Option<bool>, field: &str, yes: &str, no: &str) -> Tri {
    match v {
        Some(true) => Tri::Yes(yes.to_owned()),
        Some(false) => Tri::No(no.to_owned()),
        None => Tri::Unknown(field.to_owned()),
    }
}

fn admin(a: &Analysis, i: usize) -> Tri {
    a.identity(i)
        .map_or_else(|| Tri::Unknown("identity".into()), |id| id.admin.clone())
}

fn sensitive_read(a: &Analysis, i: usize) -> Tri {
    a.identity(i).map_or_else(
        || Tri::Unknown("identity".into()),
        |id| id.sensitive_read.clone(),
    )
}

// ----- checks --------------------------------------------------------------------------------

fn aws_exposed_instance_admin_role(_: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    vec![exposed(a, i), admin(a, i)]
}

fn aws_exposed_instance_imdsv1_role(r: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    let Some(c) = cfg::<aws::Ec2Instance>(r) else {
        return vec![];
    };
    let imds = match (
        c.metadata_http_endpoint.as_deref(),
        c.metadata_http_tokens.as_deref(),
    ) {
        (Some("disabled"), _) => Tri::No("metadata service disabled".into()),
        (_, Some("optional")) => Tri::Yes("IMDSv1 allowed (HttpTokens optional)".into()),
        (_, Some(_)) => Tri::No("IMDSv2 required".into()),
        (_, None) => Tri::Unknown("metadata_http_tokens".into()),
    };
    let role = match c.iam_instance_profile.as_deref() {
        Some("") => Tri::No("no instance profile".into()),
        Some(p) => Tri::Yes(format!(
            "role credentials via instance profile {}",
            p.rsplit('/').next().unwrap_or(p)
        )),
        None => Tri::Unknown("iam_instance_profile".into()),
    };
    vec![exposed(a, i), imds, role]
}

fn exposed_and_sensitive(_: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    vec![exposed(a, i), sensitive(a, i)]
}

fn aws_exposed_database_unencrypted(r: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    let Some(c) = cfg::<aws::RdsDbInstance>(r) else {
        return vec![];
    };
    vec![
        exposed(a, i),
        flag(
            c.storage_encrypted.map(|e| !e),
            "storage_encrypted",
            "storage not encrypted",
            "storage encrypted",
        ),
    ]
}

fn aws_public_function_reads_sensitive(_: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    vec![exposed(a, i), sensitive_read(a, i)]
}

fn azure_exposed_vm_ssh_password(r: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    let Some(c) = cfg::<azure::VirtualMachine>(r) else {
        return vec![];
    };
    let linux = match c.os_type.as_deref() {
        Some(o) if o.eq_ignore_ascii_case("linux") => Tri::Yes("Linux".into()),
        Some(o) => Tri::No(format!("{o} VM")),
        None => Tri::Unknown("os_type".into()),
    };
    vec![
        exposed(a, i),
        linux,
        flag(
            c.password_auth_disabled.map(|d| !d),
            "password_auth_disabled",
            "SSH password authentication enabled",
            "password authentication disabled",
        ),
    ]
}

fn azure_public_blob_sensitive(r: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    let Some(c) = cfg::<azure::StorageAccount>(r) else {
        return vec![];
    };
    vec![
        exposed(a, i),
        flag(
            c.allow_blob_public_access,
            "allow_blob_public_access",
            "anonymous blob access allowed",
            "anonymous blob access disallowed",
        ),
        sensitive(a, i),
    ]
}

fn azure_exposed_sql_password_auth(r: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    let Some(c) = cfg::<azure::SqlServer>(r) else {
        return vec![];
    };
    vec![
        exposed(a, i),
        flag(
            c.entra_only_auth.map(|e| !e),
            "entra_only_auth",
            "SQL (password) authentication enabled",
            "Entra-only authentication",
        ),
    ]
}

fn azure_public_app_plaintext_sensitive(r: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    let Some(c) = cfg::<azure::WebApp>(r) else {
        return vec![];
    };
    vec![
        exposed(a, i),
        flag(
            c.https_only.map(|h| !h),
            "https_only",
            "plain HTTP accepted",
            "HTTPS only",
        ),
        sensitive(a, i),
    ]
}

fn gcp_exposed_vm_privileged_sa(_: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    vec![exposed(a, i), admin(a, i)]
}

fn gcp_exposed_sql_without_ssl(r: &Resource, a: &Analysis, i: usize) -> Vec<Tri> {
    let Some(c) = cfg::<gcp::SqlInstance>(r) else {
        return vec![];
    };
    let ssl = match (c.ssl_mode.as_deref(), c.require_ssl) {
        (Some("ALLOW_UNENCRYPTED_AND_ENCRYPTED"), _) => {
            Tri::Yes("unencrypted connections allowed (ssl_mode)".into())
        }
        (Some(_), _) => Tri::No("SSL enforced".into()),
        (None, Some(false)) => {
            Tri::Yes("unencrypted connections allowed (require_ssl false)".into())
        }
        (None, Some(true)) => Tri::No("SSL required".into()),
        (None, None) => Tri::Unknown("ssl_mode".into()),
    };
    vec![exposed(a, i), ssl]
}

// ----- metadata ------------------------------------------------------------------------------

macro_rules! toxic_meta {
    ($name:ident, $id:literal, $title:literal, $sev:ident, $service:literal, $why:literal,
     $desc:literal, $risk:literal, $fix:literal, $cli:literal, $tf:literal, $console:literal,
     [$($case:expr),* $(,)?]) => {
        static $name: RuleMeta = RuleMeta {
            id: $id,
            title: $title,
            severity: Severity::$sev,
            severity_rationale: $why,
            service: $service,
            description: $desc,
            risk: $risk,
            remediation: Remediation {
                summary: $fix,
                cli: $cli,
                terraform: $tf,
                console: $console,
            },
            fix_safety: FixSafety::Manual,
            fix_safety_reason: "Breaking the chain means changing one of its links; which one is a design decision only the owner can make.",
            permissions: &["posture:inventory (the links are read from the imported configuration)"],
            references: &["docs/risk.md#toxic-combination-catalog"],
            cases: &[$($case),*],
        };
    };
}

const SG_OPEN: &str = r#"{"kind": "aws.ec2.security_group", "config": {"group_id": "sg-web", "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#;
const SG_CLOSED: &str = r#"{"kind": "aws.ec2.security_group", "config": {"group_id": "sg-web", "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["10.0.0.0/8"]}]}}"#;
const RTB_IGW: &str = r#"{"kind": "aws.ec2.route_table", "config": {"route_table_id": "rtb-pub", "vpc_id": "vpc-1", "main": false, "subnets": ["subnet-pub"], "routes": [{"destination": "10.0.0.0/16", "target": "local"}, {"destination": "0.0.0.0/0", "target": "igw-1"}]}}"#;
const RTB_NAT: &str = r#"{"kind": "aws.ec2.route_table", "config": {"route_table_id": "rtb-priv", "vpc_id": "vpc-1", "main": false, "subnets": ["subnet-pub"], "routes": [{"destination": "0.0.0.0/0", "target": "nat-1"}]}}"#;
const ADMIN_ROLE: &str = r#"{"kind": "aws.iam.role", "uid": "arn:aws:iam::111122223333:role/web", "name": "web", "config": {"role_name": "web", "attached_policies": ["arn:aws:iam::aws:policy/AdministratorAccess"], "inline_policies": [], "instance_profiles": ["arn:aws:iam::111122223333:instance-profile/web"]}}"#;
const READONLY_ROLE: &str = r#"{"kind": "aws.iam.role", "uid": "arn:aws:iam::111122223333:role/web", "name": "web", "config": {"role_name": "web", "attached_policies": ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"], "inline_policies": [], "instance_profiles": ["arn:aws:iam::111122223333:instance-profile/web"]}}"#;

toxic_meta!(AWS_INSTANCE_ADMIN, "risk.toxic.aws_exposed_instance_admin_role",
    "Internet-reachable EC2 instance carries an administrator role", Critical, "ec2",
    "One exploited service on the instance yields administrator credentials for the whole account.",
    "An EC2 instance is reachable from the internet (public IP, a subnet routed to an internet gateway, and a security group open to 0.0.0.0/0 or ::/0) and its instance profile's role has full administrative access.",
    "Any remote code execution or SSRF on the instance hands an attacker `*:*` on the account through the instance metadata credentials.",
    "Take the instance off the internet (private subnet behind a load balancer, or close the security group) or replace the role with one scoped to what the workload needs.",
    "aws ec2 modify-instance-attribute --instance-id {config.instance_id} --groups <restricted-sg-id>",
    "resource \"aws_iam_role_policy_attachment\" \"{name}\" {\n  # attach a least-privilege policy instead of AdministratorAccess\n}",
    "EC2 console → Instances → {name} → Security → edit the security groups; IAM console → Roles → detach AdministratorAccess.",
    [
        Case::fail("public IP, routed subnet, SSH open to the world, admin role", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web"}}"#)
            .with(&[SG_OPEN, RTB_IGW, ADMIN_ROLE]),
        Case::pass("near miss: the same instance in a subnet routed only through a NAT gateway", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web"}}"#)
            .with(&[SG_OPEN, RTB_NAT, ADMIN_ROLE]),
        Case::pass("near miss: security group admits only 10.0.0.0/8", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web"}}"#)
            .with(&[SG_CLOSED, RTB_IGW, ADMIN_ROLE]),
        Case::pass("near miss: exposed, but the role is not admin", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web"}}"#)
            .with(&[SG_OPEN, RTB_IGW, READONLY_ROLE]),
        Case::pass("near miss: no public IP", r#"{"config": {"instance_id": "i-1", "public_ip": "", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web"}}"#)
            .with(&[SG_OPEN, RTB_IGW, ADMIN_ROLE]),
        Case::unknown("route tables missing from the inventory: the route hop is named, never assumed private", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web"}}"#)
            .with(&[SG_OPEN, ADMIN_ROLE]),
    ]);

toxic_meta!(AWS_INSTANCE_IMDSV1, "risk.toxic.aws_exposed_instance_imdsv1_role",
    "Internet-reachable EC2 instance serves role credentials over IMDSv1", High, "ec2",
    "SSRF on an internet-facing service is common, and IMDSv1 turns it into stolen role credentials.",
    "An internet-reachable instance allows IMDSv1 (HttpTokens optional) and has an instance profile, so a server-side request forgery can read its role's credentials.",
    "A single SSRF bug lets an attacker fetch temporary credentials from 169.254.169.254 and act as the instance's role from anywhere.",
    "Require IMDSv2 on the instance.",
    "aws ec2 modify-instance-metadata-options --instance-id {config.instance_id} --http-tokens required",
    "resource \"aws_instance\" \"{name}\" {\n  metadata_options {\n    http_tokens = \"required\"\n  }\n}",
    "EC2 console → Instances → {name} → Actions → Instance settings → Modify instance metadata options → IMDSv2 Required.",
    [
        Case::fail("exposed, IMDSv1, instance profile", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web", "metadata_http_tokens": "optional"}}"#)
            .with(&[SG_OPEN, RTB_IGW]),
        Case::pass("near miss: IMDSv2 required", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web", "metadata_http_tokens": "required"}}"#)
            .with(&[SG_OPEN, RTB_IGW]),
        Case::pass("near miss: IMDSv1 but no instance profile", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "", "metadata_http_tokens": "optional"}}"#)
            .with(&[SG_OPEN, RTB_IGW]),
        Case::unknown("metadata options not in the export", r#"{"config": {"instance_id": "i-1", "public_ip": "203.0.113.10", "subnet_id": "subnet-pub", "vpc_id": "vpc-1", "security_groups": ["sg-web"], "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/web"}}"#)
            .with(&[SG_OPEN, RTB_IGW]),
    ]);

toxic_meta!(
    AWS_BUCKET_SENSITIVE,
    "risk.toxic.aws_public_bucket_sensitive_data",
    "Public S3 bucket holds data classified restricted or confidential",
    Critical,
    "s3",
    "Sensitive data readable by anyone on the internet is a reportable breach waiting to be found.",
    "An S3 bucket is publicly readable (a public ACL grant or a public policy statement in effect despite Block Public Access) and is tagged, overridden or named as holding restricted or confidential data.",
    "Anyone who guesses or finds the bucket name downloads PII, PHI or other regulated data.",
    "Turn on Block Public Access for the bucket (and account) and remove the public grant or statement.",
    "aws s3api put-public-access-block --bucket {name} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    "resource \"aws_s3_bucket_public_access_block\" \"{name}\" {\n  bucket                  = \"{name}\"\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}",
    "S3 console → {name} → Permissions → Block public access → Edit → turn all four on.",
    [
        Case::fail(
            "public policy, tagged PII",
            r#"{"name": "exports", "tags": {"data-classification": "pii"}, "config": {"acl": {"grants": []}, "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::exports/*"]}]}, "public_access_block": {}}}"#
        ),
        Case::pass(
            "near miss: public bucket of public website assets",
            r#"{"name": "site", "tags": {"data-classification": "public"}, "config": {"acl": {"grants": []}, "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::site/*"]}]}, "public_access_block": {}}}"#
        ),
        Case::pass(
            "near miss: PII bucket with the public statement neutralized by Block Public Access",
            r#"{"name": "exports", "tags": {"data-classification": "pii"}, "config": {"acl": {"grants": []}, "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::exports/*"]}]}, "public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}}}"#
        ),
        Case::unknown(
            "public bucket without any classification",
            r#"{"name": "bkt-7", "config": {"acl": {"grants": []}, "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::bkt-7/*"]}]}, "public_access_block": {}}}"#
        ),
    ]
);

const RDS_SG: &str = r#"{"kind": "aws.ec2.security_group", "config": {"group_id": "sg-db", "ingress": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#;

toxic_meta!(AWS_DB_UNENCRYPTED, "risk.toxic.aws_exposed_database_unencrypted",
    "Internet-reachable RDS instance stores data unencrypted", Critical, "rds",
    "The database is one credential guess from the internet and its storage and snapshots are plaintext.",
    "An RDS instance is publicly accessible, sits in a subnet routed to an internet gateway, its security group admits the internet, and its storage is not encrypted.",
    "Brute force or a leaked password exposes the data directly; unencrypted snapshots and volumes extend the blast radius to anyone who can copy them.",
    "Make the instance private (publicly accessible off, restrictive security group) and move it to encrypted storage (restore an encrypted snapshot copy).",
    "aws rds modify-db-instance --db-instance-identifier {config.identifier} --no-publicly-accessible --apply-immediately",
    "resource \"aws_db_instance\" \"{name}\" {\n  publicly_accessible = false\n  storage_encrypted   = true\n}",
    "RDS console → Databases → {name} → Modify → Connectivity → Not publicly accessible.",
    [
        Case::fail("public, routed, open security group, unencrypted", r#"{"config": {"identifier": "db1", "publicly_accessible": true, "storage_encrypted": false, "vpc_security_groups": ["sg-db"], "subnet_ids": ["subnet-pub"]}}"#)
            .with(&[RDS_SG, RTB_IGW]),
        Case::pass("near miss: exposed but encrypted", r#"{"config": {"identifier": "db1", "publicly_accessible": true, "storage_encrypted": true, "vpc_security_groups": ["sg-db"], "subnet_ids": ["subnet-pub"]}}"#)
            .with(&[RDS_SG, RTB_IGW]),
        Case::pass("near miss: unencrypted but not publicly accessible", r#"{"config": {"identifier": "db1", "publicly_accessible": false, "storage_encrypted": false, "vpc_security_groups": ["sg-db"], "subnet_ids": ["subnet-pub"]}}"#)
            .with(&[RDS_SG, RTB_IGW]),
        Case::unknown("subnet group not in the export", r#"{"config": {"identifier": "db1", "publicly_accessible": true, "storage_encrypted": false, "vpc_security_groups": ["sg-db"]}}"#)
            .with(&[RDS_SG, RTB_IGW]),
    ]);

const PII_BUCKET: &str = r#"{"kind": "aws.s3.bucket", "uid": "arn:aws:s3:::patient-records", "name": "patient-records", "config": {}}"#;
const FN_ROLE_S3: &str = r#"{"kind": "aws.iam.role", "uid": "arn:aws:iam::111122223333:role/fn", "name": "fn", "config": {"role_name": "fn", "attached_policies": [], "inline_policies": [{"name": "read", "document": {"statements": [{"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::patient-records/*"]}]}}]}}"#;
const FN_ROLE_LOGS: &str = r#"{"kind": "aws.iam.role", "uid": "arn:aws:iam::111122223333:role/fn", "name": "fn", "config": {"role_name": "fn", "attached_policies": [], "inline_policies": [{"name": "logs", "document": {"statements": [{"effect": "Allow", "actions": ["logs:PutLogEvents"], "resources": ["*"]}]}}]}}"#;

toxic_meta!(AWS_FUNCTION_SENSITIVE, "risk.toxic.aws_public_function_reads_sensitive_data",
    "Unauthenticated Lambda function URL runs with a role that reads sensitive data", Critical, "lambda",
    "Anyone on the internet can invoke code that holds read access to restricted data.",
    "A Lambda function has a function URL with auth type NONE and its execution role can read an S3 bucket classified restricted or confidential.",
    "Any input-handling flaw in the function (path traversal, injection) becomes an unauthenticated read of sensitive data.",
    "Require AWS_IAM auth on the function URL (or front it with an authenticating gateway) and scope the role down.",
    "aws lambda update-function-url-config --function-name {name} --auth-type AWS_IAM",
    "resource \"aws_lambda_function_url\" \"{name}\" {\n  function_name      = \"{name}\"\n  authorization_type = \"AWS_IAM\"\n}",
    "Lambda console → {name} → Configuration → Function URL → Edit → Auth type AWS_IAM.",
    [
        Case::fail("URL without auth, role reads the patient-records bucket", r#"{"name": "export", "config": {"function_name": "export", "url_auth_type": "NONE", "role": "arn:aws:iam::111122223333:role/fn"}}"#)
            .with(&[PII_BUCKET, FN_ROLE_S3]),
        Case::pass("near miss: URL without auth, role only writes logs", r#"{"name": "export", "config": {"function_name": "export", "url_auth_type": "NONE", "role": "arn:aws:iam::111122223333:role/fn"}}"#)
            .with(&[PII_BUCKET, FN_ROLE_LOGS]),
        Case::pass("near miss: role reads sensitive data, URL requires IAM auth", r#"{"name": "export", "config": {"function_name": "export", "url_auth_type": "AWS_IAM", "role": "arn:aws:iam::111122223333:role/fn"}}"#)
            .with(&[PII_BUCKET, FN_ROLE_S3]),
        Case::unknown("execution role not in the inventory", r#"{"name": "export", "config": {"function_name": "export", "url_auth_type": "NONE", "role": "arn:aws:iam::111122223333:role/fn"}}"#)
            .with(&[PII_BUCKET]),
    ]);

const AZ_NIC_PUBLIC: &str = r#"{"kind": "azure.network.nic", "uid": "/subscriptions/s/resourcegroups/g/providers/microsoft.network/networkinterfaces/nic1", "config": {"virtual_machine": "", "network_security_group": "/subscriptions/s/resourcegroups/g/providers/microsoft.network/networksecuritygroups/nsg1", "subnets": ["/subscriptions/s/resourcegroups/g/providers/microsoft.network/virtualnetworks/v/subnets/web"], "public_ips": ["/subscriptions/s/resourcegroups/g/providers/microsoft.network/publicipaddresses/pip1"]}}"#;
const AZ_NIC_PRIVATE: &str = r#"{"kind": "azure.network.nic", "uid": "/subscriptions/s/resourcegroups/g/providers/microsoft.network/networkinterfaces/nic1", "config": {"virtual_machine": "", "network_security_group": "/subscriptions/s/resourcegroups/g/providers/microsoft.network/networksecuritygroups/nsg1", "subnets": [], "public_ips": []}}"#;
const AZ_NSG_SSH: &str = r#"{"kind": "azure.network.nsg", "uid": "/subscriptions/s/resourcegroups/g/providers/microsoft.network/networksecuritygroups/nsg1", "name": "nsg1", "config": {"security_rules": [{"name": "ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 100, "source_prefixes": ["*"], "destination_ports": ["22"]}]}}"#;

toxic_meta!(AZURE_VM_SSH_PASSWORD, "risk.toxic.azure_exposed_vm_ssh_password",
    "Internet-reachable Linux VM accepts SSH passwords", Critical, "compute",
    "Password SSH reachable from the internet is brute-forced continuously; one weak password is a shell.",
    "An Azure Linux VM has a public IP on a network interface whose NSGs admit the internet, and password authentication is enabled.",
    "Credential stuffing and brute force against SSH succeed on weak or reused passwords and give an interactive foothold.",
    "Disable password authentication (SSH keys or Entra ID login) and close SSH to the internet (Bastion or just-in-time access).",
    "az vm update --resource-group <rg> --name {name} --set osProfile.linuxConfiguration.disablePasswordAuthentication=true",
    "resource \"azurerm_linux_virtual_machine\" \"{name}\" {\n  disable_password_authentication = true\n}",
    "Azure portal → Virtual machines → {name} → Networking → remove the inbound SSH rule from the internet; reset access to SSH keys.",
    [
        Case::fail("public IP, NSG allows SSH from anywhere, passwords on", r#"{"config": {"os_type": "Linux", "password_auth_disabled": false, "network_interfaces": ["/subscriptions/s/resourcegroups/g/providers/microsoft.network/networkinterfaces/nic1"]}}"#)
            .with(&[AZ_NIC_PUBLIC, AZ_NSG_SSH]),
        Case::pass("near miss: keys only", r#"{"config": {"os_type": "Linux", "password_auth_disabled": true, "network_interfaces": ["/subscriptions/s/resourcegroups/g/providers/microsoft.network/networkinterfaces/nic1"]}}"#)
            .with(&[AZ_NIC_PUBLIC, AZ_NSG_SSH]),
        Case::pass("near miss: passwords on but no public IP", r#"{"config": {"os_type": "Linux", "password_auth_disabled": false, "network_interfaces": ["/subscriptions/s/resourcegroups/g/providers/microsoft.network/networkinterfaces/nic1"]}}"#)
            .with(&[AZ_NIC_PRIVATE, AZ_NSG_SSH]),
        Case::unknown("network interface not in the export", r#"{"config": {"os_type": "Linux", "password_auth_disabled": false, "network_interfaces": ["/subscriptions/s/resourcegroups/g/providers/microsoft.network/networkinterfaces/nic1"]}}"#),
    ]);

toxic_meta!(
    AZURE_BLOB_SENSITIVE,
    "risk.toxic.azure_public_blob_sensitive_data",
    "Storage account open to the internet allows anonymous blobs and holds sensitive data",
    Critical,
    "storage",
    "One container set to public access publishes regulated data to anyone.",
    "A storage account's endpoint admits the internet (public network access on, firewall default Allow), anonymous blob access is allowed, and the account is classified restricted or confidential.",
    "A container made public by mistake exposes its blobs to anonymous download; nothing at the account level stops it.",
    "Disallow anonymous blob access on the account and restrict its network access.",
    "az storage account update --name {name} --allow-blob-public-access false --default-action Deny",
    "resource \"azurerm_storage_account\" \"{name}\" {\n  allow_nested_items_to_be_public = false\n  network_rules {\n    default_action = \"Deny\"\n  }\n}",
    "Azure portal → Storage accounts → {name} → Configuration → Allow Blob anonymous access: Disabled.",
    [
        Case::fail(
            "open endpoint, anonymous blobs allowed, tagged confidential",
            r#"{"tags": {"confidentiality": "confidential"}, "config": {"allow_blob_public_access": true, "public_network_access": "Enabled", "network_default_action": "Allow"}}"#
        ),
        Case::pass(
            "near miss: same account, firewall denies by default",
            r#"{"tags": {"confidentiality": "confidential"}, "config": {"allow_blob_public_access": true, "public_network_access": "Enabled", "network_default_action": "Deny"}}"#
        ),
        Case::pass(
            "near miss: anonymous access allowed on an internal-data account",
            r#"{"tags": {"confidentiality": "internal"}, "config": {"allow_blob_public_access": true, "public_network_access": "Enabled", "network_default_action": "Allow"}}"#
        ),
        Case::unknown(
            "firewall default action not in the export",
            r#"{"tags": {"confidentiality": "confidential"}, "config": {"allow_blob_public_access": true, "public_network_access": "Enabled"}}"#
        ),
    ]
);

toxic_meta!(
    AZURE_SQL_PASSWORD,
    "risk.toxic.azure_exposed_sql_password_auth",
    "Azure SQL server open to the whole internet accepts SQL passwords",
    Critical,
    "sql",
    "A database login prompt facing the entire internet with password logins is brute-forced constantly.",
    "An Azure SQL server has public network access and a firewall rule spanning 0.0.0.0–255.255.255.255, and SQL authentication is enabled (not Entra-only).",
    "Password spraying against the SQL endpoint from anywhere; a success reads every database on the server.",
    "Remove the all-internet firewall rule (use private endpoints or specific ranges) and enable Entra-only authentication.",
    "az sql server ad-only-auth enable --resource-group <rg> --name {name}",
    "resource \"azurerm_mssql_server\" \"{name}\" {\n  azuread_administrator {\n    azuread_authentication_only = true\n  }\n}",
    "Azure portal → SQL servers → {name} → Networking → delete the 0.0.0.0–255.255.255.255 rule; Microsoft Entra ID → Support only Microsoft Entra authentication.",
    [
        Case::fail(
            "whole-internet firewall rule, SQL auth on",
            r#"{"config": {"public_network_access": "Enabled", "entra_only_auth": false, "firewall_rules": [{"name": "all", "start_ip": "0.0.0.0", "end_ip": "255.255.255.255"}]}}"#
        ),
        Case::pass(
            "near miss: Azure-services rule 0.0.0.0–0.0.0.0 only",
            r#"{"config": {"public_network_access": "Enabled", "entra_only_auth": false, "firewall_rules": [{"name": "AllowAllWindowsAzureIps", "start_ip": "0.0.0.0", "end_ip": "0.0.0.0"}]}}"#
        ),
        Case::pass(
            "near miss: open to the internet but Entra-only",
            r#"{"config": {"public_network_access": "Enabled", "entra_only_auth": true, "firewall_rules": [{"name": "all", "start_ip": "0.0.0.0", "end_ip": "255.255.255.255"}]}}"#
        ),
        Case::unknown(
            "firewall rules not exported",
            r#"{"config": {"public_network_access": "Enabled", "entra_only_auth": false}}"#
        ),
    ]
);

toxic_meta!(
    AZURE_APP_PLAINTEXT,
    "risk.toxic.azure_public_app_plaintext_sensitive",
    "Public App Service app handling sensitive data accepts plain HTTP",
    High,
    "web",
    "Sessions and data of a sensitive application can be read or altered on the network path.",
    "An App Service app is publicly reachable, does not enforce HTTPS, and is classified restricted or confidential.",
    "Credentials, session cookies and regulated data travel in clear text for any client that uses http://.",
    "Turn on HTTPS Only for the app.",
    "az webapp update --resource-group <rg> --name {name} --https-only true",
    "resource \"azurerm_linux_web_app\" \"{name}\" {\n  https_only = true\n}",
    "Azure portal → App Services → {name} → Configuration → General settings → HTTPS Only: On.",
    [
        Case::fail(
            "public, HTTP allowed, restricted data",
            r#"{"tags": {"data-classification": "phi"}, "config": {"public_network_access": "Enabled", "https_only": false}}"#
        ),
        Case::pass(
            "near miss: HTTPS only",
            r#"{"tags": {"data-classification": "phi"}, "config": {"public_network_access": "Enabled", "https_only": true}}"#
        ),
        Case::pass(
            "near miss: HTTP allowed on a public-content app",
            r#"{"tags": {"data-classification": "public"}, "config": {"public_network_access": "Enabled", "https_only": false}}"#
        ),
        Case::unknown(
            "public network access not exported",
            r#"{"tags": {"data-classification": "phi"}, "config": {"https_only": false}}"#
        ),
    ]
);

const GCP_ROUTE: &str = r#"{"kind": "gcp.compute.route", "config": {"network": "//compute.googleapis.com/projects/p1/global/networks/default", "dest_range": "0.0.0.0/0", "next_hop_gateway": "projects/p1/global/gateways/default-internet-gateway", "priority": 1000, "tags": []}}"#;
const GCP_FW_SSH: &str = r#"{"kind": "gcp.compute.firewall", "config": {"network": "https://www.googleapis.com/compute/v1/projects/p1/global/networks/default", "direction": "INGRESS", "disabled": false, "source_ranges": ["0.0.0.0/0"], "allowed": [{"protocol": "tcp", "ports": ["22"]}], "denied": [], "target_tags": []}}"#;
const GCP_PROJECT_EDITOR: &str = r#"{"kind": "gcp.resourcemanager.project", "config": {"iam_bindings": [{"role": "roles/editor", "members": ["serviceAccount:123-compute@developer.gserviceaccount.com"]}]}}"#;

toxic_meta!(GCP_VM_PRIVILEGED_SA, "risk.toxic.gcp_exposed_vm_privileged_sa",
    "Internet-reachable VM runs as a project owner or editor service account", Critical, "compute",
    "A compromised internet-facing VM gets editor or owner on the whole project from its metadata server.",
    "A Compute Engine VM has an external IP, a default route to the internet gateway and an ingress firewall rule from 0.0.0.0/0, and runs as a service account holding roles/owner or roles/editor on the project with the cloud-platform scope.",
    "Remote code execution on the VM yields a token that can read and change nearly everything in the project.",
    "Give the VM a dedicated least-privilege service account (or limit its scopes) and close the firewall to the internet.",
    "gcloud compute instances set-service-account {name} --zone {region} --service-account <dedicated-sa> --scopes cloud-platform",
    "resource \"google_compute_instance\" \"{name}\" {\n  service_account {\n    email  = google_service_account.dedicated.email\n    scopes = [\"cloud-platform\"]\n  }\n}",
    "Console → Compute Engine → VM instances → {name} → Stop → Edit → Service account: a dedicated one.",
    [
        Case::fail("external IP, route, SSH open, default compute SA with editor and cloud-platform", r#"{"kind": "gcp.compute.instance", "account": "p1", "config": {"external_ip": true, "networks": ["//compute.googleapis.com/projects/p1/global/networks/default"], "network_tags": [], "service_accounts": [{"email": "123-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}}"#)
            .with(&[r#"{"kind": "gcp.compute.route", "account": "p1", "config": {"network": "//compute.googleapis.com/projects/p1/global/networks/default", "dest_range": "0.0.0.0/0", "next_hop_gateway": "projects/p1/global/gateways/default-internet-gateway", "priority": 1000, "tags": []}}"#, GCP_FW_SSH, r#"{"kind": "gcp.resourcemanager.project", "account": "p1", "config": {"iam_bindings": [{"role": "roles/editor", "members": ["serviceAccount:123-compute@developer.gserviceaccount.com"]}]}}"#]),
        Case::pass("near miss: editor SA but read-only default scopes", r#"{"kind": "gcp.compute.instance", "account": "p1", "config": {"external_ip": true, "networks": ["//compute.googleapis.com/projects/p1/global/networks/default"], "network_tags": [], "service_accounts": [{"email": "123-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/devstorage.read_only"]}]}}"#)
            .with(&[GCP_ROUTE, GCP_FW_SSH, r#"{"kind": "gcp.resourcemanager.project", "account": "p1", "config": {"iam_bindings": [{"role": "roles/editor", "members": ["serviceAccount:123-compute@developer.gserviceaccount.com"]}]}}"#]),
        Case::pass("near miss: firewall targets a tag the VM does not carry", r#"{"kind": "gcp.compute.instance", "account": "p1", "config": {"external_ip": true, "networks": ["//compute.googleapis.com/projects/p1/global/networks/default"], "network_tags": ["internal"], "service_accounts": [{"email": "123-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}}"#)
            .with(&[GCP_ROUTE, r#"{"kind": "gcp.compute.firewall", "config": {"network": "projects/p1/global/networks/default", "direction": "INGRESS", "disabled": false, "source_ranges": ["0.0.0.0/0"], "allowed": [{"protocol": "tcp", "ports": ["22"]}], "denied": [], "target_tags": ["bastion"]}}"#, GCP_PROJECT_EDITOR]),
        Case::unknown("routes of the network not exported", r#"{"kind": "gcp.compute.instance", "account": "p1", "config": {"external_ip": true, "networks": ["//compute.googleapis.com/projects/p1/global/networks/default"], "network_tags": [], "service_accounts": [{"email": "123-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}}"#)
            .with(&[GCP_FW_SSH, r#"{"kind": "gcp.resourcemanager.project", "account": "p1", "config": {"iam_bindings": [{"role": "roles/editor", "members": ["serviceAccount:123-compute@developer.gserviceaccount.com"]}]}}"#]),
    ]);

toxic_meta!(
    GCP_BUCKET_SENSITIVE,
    "risk.toxic.gcp_public_bucket_sensitive_data",
    "Public Cloud Storage bucket holds data classified restricted or confidential",
    Critical,
    "storage",
    "Sensitive objects are downloadable by anyone on the internet.",
    "A Cloud Storage bucket grants a role to allUsers or allAuthenticatedUsers (public access prevention not enforced) and is labeled or named as holding restricted or confidential data.",
    "Anonymous download of regulated data.",
    "Remove the allUsers/allAuthenticatedUsers bindings and enforce public access prevention.",
    "gcloud storage buckets update gs://{name} --public-access-prevention",
    "resource \"google_storage_bucket\" \"{name}\" {\n  public_access_prevention = \"enforced\"\n}",
    "Console → Cloud Storage → {name} → Permissions → remove allUsers; Prevent public access.",
    [
        Case::fail(
            "allUsers viewer on a patient-data bucket",
            r#"{"kind": "gcp.storage.bucket", "name": "patient-scans", "config": {"public_access_prevention": "inherited", "iam_bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}}"#
        ),
        Case::pass(
            "near miss: public bucket of static assets",
            r#"{"kind": "gcp.storage.bucket", "name": "static-assets", "config": {"public_access_prevention": "inherited", "iam_bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}}"#
        ),
        Case::pass(
            "near miss: patient data, prevention enforced",
            r#"{"kind": "gcp.storage.bucket", "name": "patient-scans", "config": {"public_access_prevention": "enforced", "iam_bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}}"#
        ),
        Case::unknown(
            "bucket IAM policy not exported",
            r#"{"kind": "gcp.storage.bucket", "name": "patient-scans", "config": {"public_access_prevention": "inherited"}}"#
        ),
    ]
);

toxic_meta!(
    GCP_SQL_NO_SSL,
    "risk.toxic.gcp_exposed_sql_without_ssl",
    "Cloud SQL instance open to 0.0.0.0/0 accepts unencrypted connections",
    High,
    "sql",
    "Database credentials and data can cross the internet in clear text.",
    "A Cloud SQL instance has a public IPv4 address with an authorized network of 0.0.0.0/0 and does not require SSL/TLS.",
    "Anyone can attempt logins from anywhere, and clients that connect without TLS expose passwords and query results on the path.",
    "Remove 0.0.0.0/0 from authorized networks (use the Cloud SQL Auth Proxy or private IP) and require encrypted connections.",
    "gcloud sql instances patch {name} --ssl-mode=ENCRYPTED_ONLY --clear-authorized-networks",
    "resource \"google_sql_database_instance\" \"{name}\" {\n  settings {\n    ip_configuration {\n      ssl_mode = \"ENCRYPTED_ONLY\"\n    }\n  }\n}",
    "Console → SQL → {name} → Connections → remove 0.0.0.0/0; Security → Allow only SSL connections.",
    [
        Case::fail(
            "authorized 0.0.0.0/0 and unencrypted allowed",
            r#"{"kind": "gcp.sql.instance", "config": {"ipv4_enabled": true, "authorized_networks": ["0.0.0.0/0"], "ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}}"#
        ),
        Case::pass(
            "near miss: open but encrypted only",
            r#"{"kind": "gcp.sql.instance", "config": {"ipv4_enabled": true, "authorized_networks": ["0.0.0.0/0"], "ssl_mode": "ENCRYPTED_ONLY"}}"#
        ),
        Case::pass(
            "near miss: unencrypted allowed, office range only",
            r#"{"kind": "gcp.sql.instance", "config": {"ipv4_enabled": true, "authorized_networks": ["198.51.100.0/24"], "ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}}"#
        ),
        Case::unknown(
            "SSL settings not exported",
            r#"{"kind": "gcp.sql.instance", "config": {"ipv4_enabled": true, "authorized_networks": ["0.0.0.0/0"]}}"#
        ),
    ]
);

toxic_meta!(
    GCP_DATASET_SENSITIVE,
    "risk.toxic.gcp_public_dataset_sensitive",
    "Public BigQuery dataset holds data classified restricted or confidential",
    Critical,
    "bigquery",
    "Anyone can query tables of regulated data.",
    "A BigQuery dataset grants access to allUsers or allAuthenticatedUsers and is labeled or named as holding restricted or confidential data.",
    "Anonymous or any-Google-account queries over sensitive tables.",
    "Remove the public access entries from the dataset.",
    "bq show --format=prettyjson <project>:{name} > ds.json  # remove allUsers entries, then: bq update --source ds.json <project>:{name}",
    "resource \"google_bigquery_dataset_iam_member\" \"{name}\" {\n  # no allUsers / allAuthenticatedUsers members\n}",
    "Console → BigQuery → {name} → Sharing → Permissions → remove allUsers / allAuthenticatedUsers.",
    [
        Case::fail(
            "allAuthenticatedUsers on a PII dataset",
            r#"{"kind": "gcp.bigquery.dataset", "name": "pii_events", "config": {"iam_bindings": [{"role": "READER", "members": ["allAuthenticatedUsers"]}]}}"#
        ),
        Case::pass(
            "near miss: public open-data dataset",
            r#"{"kind": "gcp.bigquery.dataset", "name": "open_data", "tags": {"confidentiality": "public"}, "config": {"iam_bindings": [{"role": "READER", "members": ["allUsers"]}]}}"#
        ),
        Case::pass(
            "near miss: PII dataset shared with a group only",
            r#"{"kind": "gcp.bigquery.dataset", "name": "pii_events", "config": {"iam_bindings": [{"role": "READER", "members": ["group:analysts@example.com"]}]}}"#
        ),
        Case::unknown(
            "dataset access not exported",
            r#"{"kind": "gcp.bigquery.dataset", "name": "pii_events", "config": {}}"#
        ),
    ]
);

/// Every toxic-combination pattern: (metadata, anchor kind, check).
const PATTERNS: &[(&RuleMeta, Kind, Check)] = &[
    (
        &AWS_INSTANCE_ADMIN,
        Kind::AwsEc2Instance,
        aws_exposed_instance_admin_role,
    ),
    (
        &AWS_INSTANCE_IMDSV1,
        Kind::AwsEc2Instance,
        aws_exposed_instance_imdsv1_role,
    ),
    (
        &AWS_BUCKET_SENSITIVE,
        Kind::AwsS3Bucket,
        exposed_and_sensitive,
    ),
    (
        &AWS_DB_UNENCRYPTED,
        Kind::AwsRdsDbInstance,
        aws_exposed_database_unencrypted,
    ),
    (
        &AWS_FUNCTION_SENSITIVE,
        Kind::AwsLambdaFunction,
        aws_public_function_reads_sensitive,
    ),
    (
        &AZURE_VM_SSH_PASSWORD,
        Kind::AzureComputeVm,
        azure_exposed_vm_ssh_password,
    ),
    (
        &AZURE_BLOB_SENSITIVE,
        Kind::AzureStorageAccount,
        azure_public_blob_sensitive,
    ),
    (
        &AZURE_SQL_PASSWORD,
        Kind::AzureSqlServer,
        azure_exposed_sql_password_auth,
    ),
    (
        &AZURE_APP_PLAINTEXT,
        Kind::AzureWebApp,
        azure_public_app_plaintext_sensitive,
    ),
    (
        &GCP_VM_PRIVILEGED_SA,
        Kind::GcpComputeInstance,
        gcp_exposed_vm_privileged_sa,
    ),
    (
        &GCP_BUCKET_SENSITIVE,
        Kind::GcpStorageBucket,
        exposed_and_sensitive,
    ),
    (
        &GCP_SQL_NO_SSL,
        Kind::GcpSqlInstance,
        gcp_exposed_sql_without_ssl,
    ),
    (
        &GCP_DATASET_SENSITIVE,
        Kind::GcpBigQueryDataset,
        exposed_and_sensitive,
    ),
];

/// The toxic-combination rules reading context with `settings`. They live for the rest of the
/// process (rules are `'static`); call once per process.
#[must_use]
pub fn rules(settings: &ContextSettings) -> Vec<&'static dyn Rule> {
    let settings = Arc::new(settings.clone());
    PATTERNS
        .iter()
        .map(|(meta, kind, check)| {
            let r: &'static Toxic = Box::leak(Box::new(Toxic {
                meta,
                kind: *kind,
                check: *check,
                settings: Arc::clone(&settings),
            }));
            r as &'static dyn Rule
        })
        .collect()
}

/// The toxic-combination rules with the default context settings.
#[must_use]
pub fn catalog() -> &'static [&'static dyn Rule] {
    static C: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    C.get_or_init(|| rules(&ContextSettings::default()))
}
