//! The bundled sample estate: Larkspur Health, a fictional digital-health SaaS company (patient
//! portal, claims processing, analytics, internal tools) on AWS, Azure and GCP, with planted
//! misconfigurations next to correctly configured twins.

#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use flate2::Compression;
use serde_json::{Value, json};

mod aws_services;

use crate::EstateStats;
use crate::aws::{
    self, AwsItem, Bucket, Db, Function, Instance, Perm, Scope, Trail, allow, egress_all,
    from_group, policy, service_trust, tcp,
};
use crate::azure::{self, Rg, Storage, inbound};
use crate::gcp::{self, Project};
use crate::out;
use crate::rng::{Rng, date, timestamp};

const PROD: &str = "111122223333";
const DEV: &str = "444455556666";

/// One planted issue: provider, resource, what is wrong, its compliant twin.
struct Planted {
    provider: &'static str,
    resource: String,
    issue: &'static str,
    twin: String,
}

#[derive(Default)]
struct Book {
    planted: Vec<Planted>,
    unknown: Vec<(String, &'static str)>,
    /// Toxic combinations planted: rule id, where it fires (with the chain), near-miss twins.
    toxic: Vec<(&'static str, String, String)>,
    /// Notes on the network paths (what is routed where).
    paths: Vec<String>,
}

impl Book {
    fn plant(&mut self, provider: &'static str, resource: &str, issue: &'static str, twin: &str) {
        self.planted.push(Planted {
            provider,
            resource: resource.to_owned(),
            issue,
            twin: twin.to_owned(),
        });
    }

    fn unknown(&mut self, resource: &str, what: &'static str) {
        self.unknown.push((resource.to_owned(), what));
    }

    fn path(&mut self, note: &str) {
        self.paths.push(note.to_owned());
    }

    fn toxic(&mut self, rule: &'static str, fires: &str, twins: &str) {
        self.toxic.push((rule, fires.to_owned(), twins.to_owned()));
    }
}

/// A generator of its own for resources added after the original sample, so that adding them
/// leaves every earlier id, address and timestamp unchanged.
fn side_rng(tag: &str) -> Rng {
    Rng::new(tag.bytes().fold(0x6c61_726b_7370_7572, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }))
}

fn tg(name: Option<&str>, env: &str, class: &str, app: &str) -> aws::Tags {
    let mut t = Vec::new();
    if let Some(n) = name {
        t.push(("Name".to_owned(), n.to_owned()));
    }
    t.push(("env".to_owned(), env.to_owned()));
    t.push(("data-classification".to_owned(), class.to_owned()));
    t.push(("app".to_owned(), app.to_owned()));
    t.push(("owner".to_owned(), format!("team-{app}")));
    t.push((
        "cost-center".to_owned(),
        if env == "prod" { "cc-4100" } else { "cc-4900" }.to_owned(),
    ));
    t
}

fn az_tags(env: &str, class: &str, app: &str) -> aws::Tags {
    vec![
        ("environment".to_owned(), env.to_owned()),
        ("data-classification".to_owned(), class.to_owned()),
        ("app".to_owned(), app.to_owned()),
        ("owner".to_owned(), format!("team-{app}")),
    ]
}

fn gcp_labels(env: &str, class: &str, app: &str) -> aws::Tags {
    vec![
        ("env".to_owned(), env.to_owned()),
        ("data-classification".to_owned(), class.to_owned()),
        ("app".to_owned(), app.to_owned()),
    ]
}

fn id(rng: &mut Rng, prefix: &str) -> String {
    format!("{prefix}-{}", rng.hex(17))
}

fn kms_arn(account: &str, region: &str, key: &str) -> String {
    format!("arn:aws:kms:{region}:{account}:key/{key}")
}

// ---------------------------------------------------------------------------------------------
// AWS

/// A VPC with subnets, NACLs and default security group: returns (vpc id, public subnets,
/// private subnets, default sg id).
struct Net {
    vpc: String,
    public: Vec<String>,
    private: Vec<String>,
    azs: Vec<String>,
}

#[allow(clippy::too_many_arguments)]
fn network(
    rng: &mut Rng,
    items: &mut Vec<AwsItem>,
    book: &mut Book,
    s: Scope<'_>,
    env: &str,
    name: &str,
    cidr_second: u8,
    flow_log_bucket: Option<&str>,
    open_nacl: bool,
) -> Net {
    let vpc = id(rng, "vpc");
    items.push(aws::vpc(
        rng,
        s,
        &vpc,
        &format!("10.{cidr_second}.0.0/16"),
        false,
        tg(Some(name), env, "internal", "platform"),
    ));
    let azs: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|z| format!("{}{z}", s.region))
        .collect();
    let mut public = Vec::new();
    let mut private = Vec::new();
    for (i, az) in azs.iter().enumerate() {
        let p = id(rng, "subnet");
        items.push(aws::subnet(
            rng,
            s,
            &p,
            &vpc,
            &format!("10.{cidr_second}.{}.0/24", i),
            az,
            true,
            tg(
                Some(&format!("{name}-public-{}", &az[az.len() - 1..])),
                env,
                "public",
                "platform",
            ),
        ));
        public.push(p);
        for tier in ["app", "data"] {
            let q = id(rng, "subnet");
            items.push(aws::subnet(
                rng,
                s,
                &q,
                &vpc,
                &format!(
                    "10.{cidr_second}.{}.0/24",
                    10 + i * 10 + usize::from(tier == "data")
                ),
                az,
                false,
                tg(
                    Some(&format!("{name}-{tier}-{}", &az[az.len() - 1..])),
                    env,
                    "internal",
                    "platform",
                ),
            ));
            private.push(q);
        }
    }
    // Default NACL (allow all, as AWS creates it) and a public-tier NACL.
    let default_acl = id(rng, "acl");
    items.push(aws::network_acl(
        rng,
        s,
        &default_acl,
        &vpc,
        true,
        &[
            (100, false, "-1", "allow", "0.0.0.0/0", None),
            (100, true, "-1", "allow", "0.0.0.0/0", None),
        ],
        &private,
        tg(None, env, "internal", "platform"),
    ));
    let public_acl = id(rng, "acl");
    let entries: Vec<aws::NaclEntry> = if open_nacl {
        vec![
            (100, false, "6", "allow", "0.0.0.0/0", Some((443, 443))),
            (110, false, "6", "allow", "0.0.0.0/0", Some((22, 22))),
            (120, false, "6", "allow", "0.0.0.0/0", Some((1024, 65535))),
            (100, true, "-1", "allow", "0.0.0.0/0", None),
        ]
    } else {
        vec![
            (100, false, "6", "allow", "0.0.0.0/0", Some((443, 443))),
            (110, false, "6", "allow", "10.0.0.0/8", Some((22, 22))),
            (120, false, "6", "allow", "0.0.0.0/0", Some((1024, 65535))),
            (100, true, "-1", "allow", "0.0.0.0/0", None),
        ]
    };
    items.push(aws::network_acl(
        rng,
        s,
        &public_acl,
        &vpc,
        false,
        &entries,
        &public,
        tg(
            Some(&format!("{name}-public-nacl")),
            env,
            "public",
            "platform",
        ),
    ));
    if open_nacl {
        book.plant(
            "AWS",
            &format!(
                "{public_acl} ({name}-public-nacl, {}, {})",
                acct_label(s.account),
                s.region
            ),
            "network ACL allows SSH (22) from 0.0.0.0/0",
            "the same-named NACL in the other VPCs (SSH only from 10.0.0.0/8)",
        );
    }
    match flow_log_bucket {
        Some(b) => {
            let fl = id(rng, "fl");
            items.push(aws::flow_log(
                rng,
                s,
                &fl,
                &vpc,
                "ALL",
                b,
                tg(None, env, "internal", "platform"),
            ));
        }
        None => book.plant(
            "AWS",
            &format!("{vpc} ({name}, {}, {})", acct_label(s.account), s.region),
            "VPC has no flow log",
            "the us-east-1 VPC of the same account (flow log, ALL traffic, to S3)",
        ),
    }
    // The default security group of this VPC: no rules (restricted, the compliant form).
    let sg = id(rng, "sg");
    items.push(aws::security_group(
        rng,
        s,
        &sg,
        "default",
        "default VPC security group",
        &vpc,
        &[],
        &[],
        tg(None, env, "internal", "platform"),
    ));
    Net {
        vpc,
        public,
        private,
        azs,
    }
}

fn acct_label(account: &str) -> &'static str {
    if account == PROD {
        "prod 111122223333"
    } else {
        "dev 444455556666"
    }
}

/// The region's default VPC, unused but present, with its permissive default security group.
fn default_vpc(
    rng: &mut Rng,
    items: &mut Vec<AwsItem>,
    book: &mut Book,
    s: Scope<'_>,
    env: &str,
    plant: bool,
) {
    let vpc = id(rng, "vpc");
    items.push(aws::vpc(
        rng,
        s,
        &vpc,
        "172.31.0.0/16",
        true,
        tg(None, env, "internal", "platform"),
    ));
    let mut subs = Vec::new();
    for (i, z) in ["a", "b", "c"].iter().enumerate() {
        let sn = id(rng, "subnet");
        let mut it = aws::subnet(
            rng,
            s,
            &sn,
            &vpc,
            &format!("172.31.{}.0/20", i * 16),
            &format!("{}{z}", s.region),
            true,
            tg(None, env, "internal", "platform"),
        );
        it.configuration["defaultForAz"] = json!(true);
        items.push(it);
        subs.push(sn);
    }
    let acl = id(rng, "acl");
    items.push(aws::network_acl(
        rng,
        s,
        &acl,
        &vpc,
        true,
        &[
            (100, false, "-1", "allow", "0.0.0.0/0", None),
            (100, true, "-1", "allow", "0.0.0.0/0", None),
        ],
        &subs,
        tg(None, env, "internal", "platform"),
    ));
    let sg = id(rng, "sg");
    items.push(aws::security_group(
        rng,
        s,
        &sg,
        "default",
        "default VPC security group",
        &vpc,
        &[from_group("-1", None, &sg)],
        &egress_all(),
        tg(None, env, "internal", "platform"),
    ));
    if plant {
        book.plant(
            "AWS",
            &format!(
                "{sg} (default SG of the default VPC, {}, {})",
                acct_label(s.account),
                s.region
            ),
            "default security group still allows traffic (all inbound from itself, all outbound)",
            "default SG of larkspur-prod-vpc (no rules)",
        );
    }
}

fn sg(
    rng: &mut Rng,
    items: &mut Vec<AwsItem>,
    s: Scope<'_>,
    vpc: &str,
    name: &str,
    ingress: &[Perm],
    env: &str,
    app: &str,
) -> (String, String) {
    let gid = id(rng, "sg");
    items.push(aws::security_group(
        rng,
        s,
        &gid,
        name,
        &format!("{name} managed by terraform"),
        vpc,
        ingress,
        &egress_all(),
        tg(Some(name), env, "internal", app),
    ));
    (gid, name.to_owned())
}

/// An instance with its root volume.
#[allow(clippy::too_many_arguments)]
fn server(
    rng: &mut Rng,
    items: &mut Vec<AwsItem>,
    s: Scope<'_>,
    net: &Net,
    name: &str,
    itype: &'static str,
    sgs: &[(String, String)],
    env: &str,
    class: &str,
    app: &str,
    tokens: Option<&'static str>,
    encrypted: bool,
    public_ip: bool,
    kms: Option<&str>,
) -> String {
    let n = rng.index(net.azs.len());
    let iid = id(rng, "i");
    let vol = id(rng, "vol");
    let subnet = if public_ip {
        &net.public[n]
    } else {
        &net.private[n * 2]
    };
    let profile = format!(
        "arn:aws:iam::{}:instance-profile/{app}-instance-profile",
        s.account
    );
    let ip = public_ip.then(|| {
        format!(
            "54.{}.{}.{}",
            rng.range(10, 250),
            rng.range(0, 255),
            rng.range(1, 254)
        )
    });
    let size = [30, 50, 100][rng.index(3)];
    items.push(aws::ec2_instance(
        rng,
        s,
        &Instance {
            id: iid.clone(),
            tags: tg(Some(name), env, class, app),
            itype,
            az: net.azs[n].clone(),
            vpc: net.vpc.clone(),
            subnet: subnet.clone(),
            sgs: sgs.to_vec(),
            public_ip: ip,
            profile: Some(profile),
            http_tokens: tokens,
            state: "running",
            volumes: vec![(vol.clone(), "/dev/xvda".into())],
            windows: false,
        },
    ));
    items.push(aws::ebs_volume(
        rng,
        s,
        &vol,
        &net.azs[n],
        size,
        encrypted,
        if encrypted { kms } else { None },
        Some((&iid, "/dev/xvda")),
        tg(Some(&format!("{name}-root")), env, class, app),
    ));
    iid
}

fn unmodeled_batch(
    rng: &mut Rng,
    items: &mut Vec<AwsItem>,
    s: Scope<'_>,
    env: &str,
    names: &[(&'static str, &str, &str, &str)],
) {
    for (rtype, name, class, app) in names {
        items.push(aws::unmodeled(
            rng,
            s,
            rtype,
            name,
            tg(None, env, class, app),
        ));
    }
}

fn lambda_fn(
    rng: &mut Rng,
    s: Scope<'_>,
    name: &str,
    runtime: &'static str,
    env: &str,
    class: &str,
    app: &str,
    policy: Option<Value>,
    vars: &[&'static str],
) -> AwsItem {
    aws::lambda(
        rng,
        s,
        &Function {
            name: name.to_owned(),
            runtime,
            role: format!("arn:aws:iam::{}:role/{app}-lambda-role", s.account),
            env: vars
                .iter()
                .map(|v| {
                    (
                        *v,
                        format!("{{{{resolve:ssm:/{app}/{}}}}}", v.to_ascii_lowercase()),
                    )
                })
                .collect(),
            policy,
            vpc: None,
            tags: tg(None, env, class, app),
        },
    )
}

fn invoke_policy(
    account: &str,
    region: &str,
    name: &str,
    principal: Value,
    condition: Option<Value>,
) -> Value {
    let mut st = json!({
        "Sid": format!("{name}-invoke"),
        "Effect": "Allow",
        "Principal": null,
        "Action": "lambda:InvokeFunction",
        "Resource": format!("arn:aws:lambda:{region}:{account}:function:{name}"),
    });
    st["Principal"] = principal;
    if let Some(c) = condition {
        st["Condition"] = c;
    }
    json!({"Version": "2012-10-17", "Id": "default", "Statement": [st]})
}

fn prod_us_east_1(rng: &mut Rng, book: &mut Book) -> Vec<AwsItem> {
    let s = Scope {
        account: PROD,
        region: "us-east-1",
    };
    let mut v = Vec::new();
    let phi_key = "6f1c2e4a-0b7d-4c59-9a61-3d2f8e7b1c05";
    let phi_kms = kms_arn(PROD, s.region, phi_key);
    let net = network(
        rng,
        &mut v,
        book,
        s,
        "prod",
        "larkspur-prod-vpc",
        10,
        Some("larkspur-prod-vpc-flow-logs"),
        false,
    );
    default_vpc(rng, &mut v, book, s, "prod", true);

    // Security groups.
    let alb = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "portal-alb-sg",
        &[tcp(443, 443, &["0.0.0.0/0"]), tcp(80, 80, &["0.0.0.0/0"])],
        "prod",
        "patient-portal",
    );
    let web = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "portal-web-sg",
        &[from_group("tcp", Some((8080, 8080)), &alb.0)],
        "prod",
        "patient-portal",
    );
    let claims = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "claims-api-sg",
        &[
            from_group("tcp", Some((8443, 8443)), &alb.0),
            tcp(22, 22, &["10.0.0.0/8"]),
        ],
        "prod",
        "claims",
    );
    let bastion = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "bastion-sg",
        &[tcp(22, 22, &["0.0.0.0/0"])],
        "prod",
        "ops",
    );
    book.plant(
        "AWS",
        &format!("{} (bastion-sg, prod, us-east-1)", bastion.0),
        "SSH (22) open to 0.0.0.0/0",
        "claims-api-sg (SSH only from 10.0.0.0/8)",
    );
    let worker = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "claims-worker-sg",
        &[from_group("tcp", Some((9000, 9000)), &claims.0)],
        "prod",
        "claims",
    );
    let pdb = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "patient-db-sg",
        &[
            from_group("tcp", Some((5432, 5432)), &web.0),
            from_group("tcp", Some((5432, 5432)), &claims.0),
        ],
        "prod",
        "patient-portal",
    );
    let adb = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "analytics-db-sg",
        &[tcp(5432, 5432, &["0.0.0.0/0"])],
        "prod",
        "analytics",
    );
    book.plant(
        "AWS",
        &format!("{} (analytics-db-sg, prod, us-east-1)", adb.0),
        "PostgreSQL (5432) open to 0.0.0.0/0",
        "patient-db-sg (5432 only from the app security groups)",
    );
    let etl = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "analytics-etl-sg",
        &[tcp(22, 22, &["10.10.0.0/16"])],
        "prod",
        "analytics",
    );
    let mon = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "monitoring-sg",
        &[
            tcp(9100, 9100, &["10.10.0.0/16"]),
            tcp(3000, 3000, &["10.0.0.0/8"]),
        ],
        "prod",
        "ops",
    );
    let lsg = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "lambda-egress-sg",
        &[],
        "prod",
        "claims",
    );

    // Fleet.
    for i in 1..=16 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("portal-web-{i:02}"),
            "m7i.large",
            &[web.clone(), mon.clone()],
            "prod",
            "phi",
            "patient-portal",
            Some("required"),
            true,
            false,
            Some(&phi_kms),
        );
    }
    for i in 1..=9 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("claims-api-{i:02}"),
            "c7i.xlarge",
            &[claims.clone(), mon.clone()],
            "prod",
            "financial",
            "claims",
            Some("required"),
            true,
            false,
            Some(&phi_kms),
        );
    }
    for i in 1..=4 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("claims-worker-{i:02}"),
            "c7i.large",
            std::slice::from_ref(&worker),
            "prod",
            "financial",
            "claims",
            Some("required"),
            true,
            false,
            None,
        );
    }
    let legacy = server(
        rng,
        &mut v,
        s,
        &net,
        "claims-worker-legacy-01",
        "m5.large",
        &[worker],
        "prod",
        "financial",
        "claims",
        Some("optional"),
        false,
        false,
        None,
    );
    book.plant(
        "AWS",
        &format!("{legacy} (claims-worker-legacy-01, prod, us-east-1)"),
        "IMDSv1 allowed (HttpTokens optional); its root volume is unencrypted",
        "claims-worker-01..04 (IMDSv2 required, encrypted volumes)",
    );
    let b = server(
        rng,
        &mut v,
        s,
        &net,
        "bastion-01",
        "t3.micro",
        std::slice::from_ref(&bastion),
        "prod",
        "internal",
        "ops",
        Some("required"),
        true,
        true,
        None,
    );
    book.plant(
        "AWS",
        &format!("{b} (bastion-01, prod, us-east-1)"),
        "public IP and attached to bastion-sg (SSH from the internet)",
        "claims-api instances (private, no public IP)",
    );
    for i in 1..=3 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("analytics-etl-{i:02}"),
            "r7i.xlarge",
            std::slice::from_ref(&etl),
            "prod",
            "phi",
            "analytics",
            Some("required"),
            true,
            false,
            Some(&phi_kms),
        );
    }
    let rb = server(
        rng,
        &mut v,
        s,
        &net,
        "reporting-batch-01",
        "m7i.large",
        &[etl],
        "prod",
        "pii",
        "analytics",
        None,
        true,
        false,
        None,
    );
    book.unknown(
        &format!("{rb} (reporting-batch-01)"),
        "EC2 item without `metadataOptions`: IMDS setting not observed",
    );
    for i in 1..=2 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("monitoring-{i:02}"),
            "t3.large",
            std::slice::from_ref(&mon),
            "prod",
            "internal",
            "ops",
            Some("required"),
            true,
            false,
            None,
        );
    }
    // Detached volumes: an unencrypted export left behind, and an encrypted twin.
    let old = id(rng, "vol");
    v.push(aws::ebs_volume(
        rng,
        s,
        &old,
        "us-east-1a",
        500,
        false,
        None,
        None,
        tg(Some("claims-export-2024-q3"), "prod", "financial", "claims"),
    ));
    book.plant(
        "AWS",
        &format!("{old} (claims-export-2024-q3, prod, us-east-1)"),
        "EBS volume not encrypted (detached export of claims data)",
        "claims-export-2025-q4 (encrypted with the PHI key)",
    );
    let newer = id(rng, "vol");
    v.push(aws::ebs_volume(
        rng,
        s,
        &newer,
        "us-east-1b",
        500,
        true,
        Some(&phi_kms),
        None,
        tg(Some("claims-export-2025-q4"), "prod", "financial", "claims"),
    ));

    // RDS.
    let db = |id: &str,
              engine: &'static str,
              version: &'static str,
              enc: Option<bool>,
              public: bool,
              backup: i32,
              del: bool,
              sgs: Vec<String>,
              class: &str,
              app: &str| Db {
        id: id.to_owned(),
        engine,
        version,
        class: "db.r7g.large",
        encrypted: enc,
        kms: enc.filter(|e| *e).map(|_| phi_kms.clone()),
        public,
        multi_az: del,
        backup_days: backup,
        deletion_protection: del,
        iam_auth: del,
        sgs,
        vpc: net.vpc.clone(),
        tags: tg(None, "prod", class, app),
    };
    v.push(aws::rds_instance(
        rng,
        s,
        &db(
            "patient-portal-db",
            "postgres",
            "16.4",
            Some(true),
            false,
            14,
            true,
            vec![pdb.0.clone()],
            "phi",
            "patient-portal",
        ),
    ));
    v.push(aws::rds_instance(
        rng,
        s,
        &db(
            "claims-db",
            "postgres",
            "16.4",
            Some(true),
            false,
            35,
            true,
            vec![pdb.0.clone()],
            "financial",
            "claims",
        ),
    ));
    v.push(aws::rds_instance(
        rng,
        s,
        &db(
            "claims-db-legacy",
            "mysql",
            "5.7.44",
            Some(false),
            false,
            7,
            false,
            vec![pdb.0.clone()],
            "financial",
            "claims",
        ),
    ));
    book.plant(
        "AWS",
        "claims-db-legacy (RDS, prod, us-east-1)",
        "storage not encrypted; no deletion protection",
        "claims-db (encrypted with a CMK, deletion protection, 35-day backups)",
    );
    v.push(aws::rds_instance(
        rng,
        s,
        &db(
            "analytics-reporting-db",
            "postgres",
            "15.8",
            Some(true),
            true,
            7,
            false,
            vec![adb.0],
            "phi",
            "analytics",
        ),
    ));
    book.plant(
        "AWS",
        "analytics-reporting-db (RDS, prod, us-east-1)",
        "publicly accessible, behind analytics-db-sg (5432 from anywhere)",
        "patient-portal-db (private)",
    );
    v.push(aws::rds_instance(
        rng,
        s,
        &db(
            "billing-db-replica",
            "postgres",
            "16.4",
            None,
            false,
            7,
            true,
            vec![pdb.0],
            "financial",
            "claims",
        ),
    ));
    book.unknown(
        "billing-db-replica (RDS)",
        "item without `storageEncrypted`: encryption not observed",
    );

    // S3.
    let t = |class: &str, app: &str| tg(None, "prod", class, app);
    let mut records = Bucket::private("larkspur-prod-patient-records", t("phi", "patient-portal"));
    records.sse = Some(phi_kms.clone());
    records.logging = Some("larkspur-prod-s3-access-logs".into());
    records.mfa_delete = true;
    records.policy = Some(policy(vec![
        json!({"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::larkspur-prod-patient-records", "arn:aws:s3:::larkspur-prod-patient-records/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}),
    ]));
    v.push(aws::s3_bucket(rng, s, &records));
    let mut exports = Bucket::private("larkspur-prod-patient-exports", t("phi", "patient-portal"));
    exports.public_read_acl = true;
    exports.pab = None;
    exports.versioning = "Suspended";
    v.push(aws::s3_bucket(rng, s, &exports));
    book.plant(
        "AWS",
        "larkspur-prod-patient-exports (S3, PHI)",
        "ACL grants READ to AllUsers and no bucket public access block (the prod account-level block neutralizes the grant, so the ACL rule passes with that explanation); versioning suspended",
        "larkspur-prod-patient-records (private, KMS, versioning + MFA delete, access logging)",
    );
    let mut docs = Bucket::private("larkspur-prod-claims-documents", t("financial", "claims"));
    docs.sse = Some(phi_kms.clone());
    docs.logging = Some("larkspur-prod-s3-access-logs".into());
    docs.policy = Some(policy(vec![
        json!({"Sid": "ClaimsApiOnly", "Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{PROD}:role/claims-api-role")}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::larkspur-prod-claims-documents/*"}),
    ]));
    v.push(aws::s3_bucket(rng, s, &docs));
    let mut site = Bucket::private("larkspur-prod-marketing-site", t("public", "marketing"));
    site.pab = Some([false; 4]);
    site.website = true;
    site.versioning = "Off";
    site.policy = Some(policy(vec![
        json!({"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::larkspur-prod-marketing-site/*"}),
    ]));
    v.push(aws::s3_bucket(rng, s, &site));
    book.plant("AWS", "larkspur-prod-marketing-site (S3, public data)", "bucket policy allows s3:GetObject to Principal \"*\" (an intended public website: a true finding to except)", "larkspur-prod-claims-documents (policy limited to one role)");
    let mut inbound_b = Bucket::private("larkspur-prod-claims-inbound", t("financial", "claims"));
    inbound_b.versioning = "Off";
    v.push(aws::s3_bucket(rng, s, &inbound_b));
    book.plant(
        "AWS",
        "larkspur-prod-claims-inbound (S3)",
        "versioning never enabled; no access logging",
        "larkspur-prod-claims-documents (versioning, access logging)",
    );
    let mut trail_b = Bucket::private("larkspur-prod-cloudtrail-logs", t("internal", "security"));
    trail_b.object_lock = true;
    trail_b.logging = Some("larkspur-prod-s3-access-logs".into());
    trail_b.policy = Some(policy(vec![
        json!({"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::larkspur-prod-cloudtrail-logs"}),
        json!({"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": format!("arn:aws:s3:::larkspur-prod-cloudtrail-logs/AWSLogs/{PROD}/*"), "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}),
    ]));
    v.push(aws::s3_bucket(rng, s, &trail_b));
    let mut access = Bucket::private("larkspur-prod-s3-access-logs", t("internal", "security"));
    access.log_delivery_acl = true;
    v.push(aws::s3_bucket(rng, s, &access));
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private("larkspur-prod-vpc-flow-logs", t("internal", "security")),
    ));
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private("larkspur-prod-config-delivery", t("internal", "security")),
    ));
    let mut lake = Bucket::private("larkspur-prod-analytics-lake", t("phi", "analytics"));
    lake.sse = Some(phi_kms.clone());
    lake.omit = &[
        "AccessControlList",
        "BucketPolicy",
        "PublicAccessBlockConfiguration",
    ];
    v.push(aws::s3_bucket(rng, s, &lake));
    book.unknown("larkspur-prod-analytics-lake (S3)", "item without `AccessControlList`, `BucketPolicy`, `PublicAccessBlockConfiguration` (recorder could not read them)");
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private("larkspur-prod-backups", t("phi", "platform")),
    ));
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private("larkspur-prod-claims-edi-archive", t("financial", "claims")),
    ));
    v.push(aws::account_pab(rng, s, [true; 4]));

    // KMS.
    v.push(aws::kms_key(
        rng,
        s,
        phi_key,
        "PHI data key (patient portal, claims)",
        Some(true),
        t("phi", "security"),
    ));
    let k2 = rng.uuid();
    v.push(aws::kms_key(
        rng,
        s,
        &k2,
        "claims EDI signing envelope key",
        Some(true),
        t("financial", "claims"),
    ));
    let k3 = rng.uuid();
    v.push(aws::kms_key(
        rng,
        s,
        &k3,
        "analytics warehouse key",
        Some(false),
        t("phi", "analytics"),
    ));
    book.plant(
        "AWS",
        &format!("KMS key {k3} (analytics warehouse key, prod)"),
        "automatic key rotation disabled",
        "PHI data key 6f1c2e4a-… (rotation on)",
    );
    let k4 = rng.uuid();
    v.push(aws::kms_key(
        rng,
        s,
        &k4,
        "internal tools secrets",
        None,
        t("internal", "internal-tools"),
    ));
    book.unknown(
        &format!("KMS key {k4} (internal tools secrets)"),
        "item without `KeyRotationStatus`: rotation not observed",
    );

    // CloudTrail.
    v.push(aws::trail(
        rng,
        s,
        &Trail {
            name: "larkspur-org-trail".into(),
            multi_region: true,
            org: true,
            validation: true,
            kms: Some(phi_kms.clone()),
            bucket: "larkspur-prod-cloudtrail-logs".into(),
            log_group: Some(format!(
                "arn:aws:logs:us-east-1:{PROD}:log-group:aws-cloudtrail-logs-larkspur:*"
            )),
            global_events: true,
            tags: t("internal", "security"),
        },
    ));

    // Lambda.
    let cond = json!({"ArnLike": {"AWS:SourceArn": format!("arn:aws:s3:::larkspur-prod-patient-records")}, "StringEquals": {"AWS:SourceAccount": PROD}});
    v.push(lambda_fn(
        rng,
        s,
        "portal-thumbnailer",
        "python3.12",
        "prod",
        "phi",
        "patient-portal",
        Some(invoke_policy(
            PROD,
            s.region,
            "portal-thumbnailer",
            json!({"Service": "s3.amazonaws.com"}),
            Some(cond),
        )),
        &["BUCKET", "LOG_LEVEL"],
    ));
    v.push(lambda_fn(
        rng,
        s,
        "claims-webhook-receiver",
        "nodejs22.x",
        "prod",
        "financial",
        "claims",
        Some(invoke_policy(
            PROD,
            s.region,
            "claims-webhook-receiver",
            json!("*"),
            None,
        )),
        &["QUEUE_URL", "WEBHOOK_SECRET_ARN"],
    ));
    book.plant(
        "AWS",
        "claims-webhook-receiver (Lambda, prod)",
        "resource policy lets Principal \"*\" invoke the function, no condition",
        "portal-thumbnailer (only s3.amazonaws.com, with SourceArn and SourceAccount)",
    );
    v.push(lambda_fn(
        rng,
        s,
        "legacy-fax-ingest",
        "python3.7",
        "prod",
        "phi",
        "claims",
        None,
        &["DB_HOST", "DB_USER", "DB_PASSWORD", "FAX_API_KEY"],
    ));
    book.plant("AWS", "legacy-fax-ingest (Lambda, prod)", "deprecated runtime python3.7; secret-looking environment variable names (DB_PASSWORD, FAX_API_KEY)", "claims-ocr (python3.12, secrets from SSM)");
    for (n, rt, class, app) in [
        ("claims-ocr", "python3.12", "financial", "claims"),
        ("claims-eligibility-check", "java21", "financial", "claims"),
        (
            "claims-remittance-parser",
            "python3.12",
            "financial",
            "claims",
        ),
        (
            "portal-appointment-reminders",
            "nodejs22.x",
            "pii",
            "patient-portal",
        ),
        ("portal-sms-notify", "nodejs22.x", "pii", "patient-portal"),
        (
            "portal-session-cleanup",
            "python3.12",
            "internal",
            "patient-portal",
        ),
        ("analytics-nightly-export", "python3.12", "phi", "analytics"),
        (
            "ops-cost-report",
            "python3.13",
            "internal",
            "internal-tools",
        ),
        (
            "ops-slack-alerts",
            "nodejs20.x",
            "internal",
            "internal-tools",
        ),
    ] {
        v.push(lambda_fn(
            rng,
            s,
            n,
            rt,
            "prod",
            class,
            app,
            None,
            &["LOG_LEVEL", "SECRET_ARN"],
        ));
    }
    let _ = &lsg;

    unmodeled_batch(
        rng,
        &mut v,
        s,
        "prod",
        &[
            ("AWS::SNS::Topic", "larkspur-oncall", "internal", "ops"),
            (
                "AWS::SNS::Topic",
                "claims-status-changes",
                "financial",
                "claims",
            ),
            (
                "AWS::SNS::Topic",
                "portal-notifications",
                "pii",
                "patient-portal",
            ),
            ("AWS::SQS::Queue", "claims-intake", "financial", "claims"),
            (
                "AWS::SQS::Queue",
                "claims-intake-dlq",
                "financial",
                "claims",
            ),
            (
                "AWS::SQS::Queue",
                "claims-adjudication",
                "financial",
                "claims",
            ),
            (
                "AWS::SQS::Queue",
                "claims-adjudication-dlq",
                "financial",
                "claims",
            ),
            (
                "AWS::SQS::Queue",
                "portal-email-outbox",
                "pii",
                "patient-portal",
            ),
            ("AWS::SQS::Queue", "analytics-ingest", "phi", "analytics"),
            (
                "AWS::DynamoDB::Table",
                "portal-sessions",
                "pii",
                "patient-portal",
            ),
            (
                "AWS::DynamoDB::Table",
                "claims-idempotency-keys",
                "financial",
                "claims",
            ),
            (
                "AWS::DynamoDB::Table",
                "feature-flags",
                "internal",
                "internal-tools",
            ),
            (
                "AWS::DynamoDB::Table",
                "terraform-locks",
                "internal",
                "platform",
            ),
            (
                "AWS::CloudWatch::Alarm",
                "portal-5xx-rate",
                "internal",
                "patient-portal",
            ),
            (
                "AWS::CloudWatch::Alarm",
                "claims-api-latency-p99",
                "internal",
                "claims",
            ),
            (
                "AWS::CloudWatch::Alarm",
                "claims-intake-dlq-depth",
                "internal",
                "claims",
            ),
            (
                "AWS::CloudWatch::Alarm",
                "patient-portal-db-cpu",
                "internal",
                "patient-portal",
            ),
            (
                "AWS::CloudWatch::Alarm",
                "root-account-usage",
                "internal",
                "security",
            ),
            (
                "AWS::CloudWatch::Alarm",
                "unauthorized-api-calls",
                "internal",
                "security",
            ),
        ],
    );

    // A deleted bucket still in the snapshot as a tombstone.
    let mut gone = aws::s3_bucket(
        rng,
        s,
        &Bucket::private("larkspur-prod-migration-tmp", t("internal", "platform")),
    );
    gone.status = "ResourceDeleted";
    gone.configuration = Value::Null;
    gone.supplementary = json!({});
    v.push(gone);

    iam(rng, book, PROD, "prod", &mut v);
    v
}

fn iam(rng: &mut Rng, book: &mut Book, account: &str, env: &str, v: &mut Vec<AwsItem>) {
    let t = |class: &str, app: &str| tg(None, env, class, app);
    let admin_doc = policy(vec![allow(&["*"], &["*"])]);
    let pol = |n: &str| format!("arn:aws:iam::{account}:policy/{n}");
    if env == "prod" {
        v.push(aws::iam_policy(
            rng,
            account,
            "LarkspurBreakGlassAdmin",
            "emergency administrator access",
            &admin_doc,
            2,
            t("internal", "security"),
        ));
        book.plant(
            "AWS",
            "LarkspurBreakGlassAdmin (IAM policy, prod)",
            "Allow * on * without conditions, attached to 2 identities",
            "ClaimsApiReadOnly (scoped actions and resources)",
        );
        v.push(aws::iam_policy(
            rng,
            account,
            "OldAdminDoNotUse",
            "superseded by break-glass",
            &admin_doc,
            0,
            t("internal", "security"),
        ));
    } else {
        v.push(aws::iam_policy(
            rng,
            account,
            "DevSandboxAdmin",
            "developers' sandbox admin",
            &admin_doc,
            4,
            t("internal", "platform"),
        ));
        book.plant(
            "AWS",
            "DevSandboxAdmin (IAM policy, dev)",
            "Allow * on * without conditions, attached to 4 identities",
            "DevReadOnlyPlus",
        );
        v.push(aws::iam_policy(
            rng,
            account,
            "DevReadOnlyPlus",
            "read-only plus logs",
            &policy(vec![allow(
                &[
                    "ec2:Describe*",
                    "logs:Get*",
                    "logs:FilterLogEvents",
                    "s3:ListBucket",
                ],
                &["*"],
            )]),
            12,
            t("internal", "platform"),
        ));
    }
    v.push(aws::iam_policy(
        rng,
        account,
        "ClaimsApiReadOnly",
        "claims API read access",
        &policy(vec![
            allow(
                &["s3:GetObject"],
                &[&format!("arn:aws:s3:::larkspur-{env}-claims-documents/*")],
            ),
            allow(
                &["sqs:ReceiveMessage", "sqs:DeleteMessage"],
                &[&format!("arn:aws:sqs:us-east-1:{account}:claims-intake")],
            ),
        ]),
        1,
        t("financial", "claims"),
    ));
    v.push(aws::iam_policy(
        rng,
        account,
        "PortalS3Access",
        "patient portal object access",
        &policy(vec![allow(
            &["s3:GetObject", "s3:PutObject"],
            &[&format!("arn:aws:s3:::larkspur-{env}-patient-records/*")],
        )]),
        1,
        t("phi", "patient-portal"),
    ));
    v.push(aws::iam_policy(
        rng,
        account,
        "AnalyticsLakeRead",
        "analytics lake read",
        &policy(vec![allow(
            &["s3:GetObject", "s3:ListBucket"],
            &[
                &format!("arn:aws:s3:::larkspur-{env}-analytics-lake"),
                &format!("arn:aws:s3:::larkspur-{env}-analytics-lake/*"),
            ],
        )]),
        3,
        t("phi", "analytics"),
    ));
    v.push(aws::iam_policy(
        rng,
        account,
        "CiDeployPolicy",
        "CI deploys",
        &policy(vec![allow(
            &[
                "ecs:UpdateService",
                "ecs:RegisterTaskDefinition",
                "iam:PassRole",
                "lambda:UpdateFunctionCode",
            ],
            &["*"],
        )]),
        1,
        t("internal", "platform"),
    ));

    // Users (MFA and access keys are in the credential report, not in AWS Config).
    let users: &[(&str, &[&str], &[&str])] = if env == "prod" {
        &[
            ("r.chen", &["admins"], &[]),
            ("j.okafor", &["claims-engineers"], &[]),
            ("m.alvarez", &["analysts"], &[]),
            ("breakglass-admin", &[], &["LarkspurBreakGlassAdmin"]),
            ("svc-claims-export", &[], &["ClaimsApiReadOnly"]),
            ("svc-analytics-loader", &[], &["AnalyticsLakeRead"]),
            ("svc-ci-deployer", &[], &["CiDeployPolicy"]),
        ]
    } else {
        &[
            ("d.nguyen", &["developers"], &["DevSandboxAdmin"]),
            ("p.shah", &["developers"], &["DevSandboxAdmin"]),
            ("s.kowalski", &["developers"], &[]),
            ("svc-test-runner", &[], &["DevReadOnlyPlus"]),
        ]
    };
    for (name, groups, attached) in users {
        let arns: Vec<String> = attached.iter().map(|a| pol(a)).collect();
        let arn_refs: Vec<&str> = arns.iter().map(String::as_str).collect();
        let inline: Vec<(&str, Value)> = if *name == "svc-claims-export" {
            vec![(
                "export-bucket-write",
                policy(vec![allow(
                    &["s3:PutObject"],
                    &["arn:aws:s3:::larkspur-prod-patient-exports/*"],
                )]),
            )]
        } else {
            Vec::new()
        };
        let class = if name.starts_with("svc-") {
            "financial"
        } else {
            "internal"
        };
        v.push(aws::iam_user(
            rng,
            account,
            name,
            groups,
            &arn_refs,
            &inline,
            t(class, "identity"),
        ));
    }

    // Roles.
    let lambda_trust = service_trust("lambda.amazonaws.com");
    let ec2_trust = service_trust("ec2.amazonaws.com");
    for (name, trust, attached) in [
        (
            "patient-portal-instance-role",
            &ec2_trust,
            vec![pol("PortalS3Access")],
        ),
        (
            "claims-instance-role",
            &ec2_trust,
            vec![pol("ClaimsApiReadOnly")],
        ),
        (
            "analytics-instance-role",
            &ec2_trust,
            vec![pol("AnalyticsLakeRead")],
        ),
        (
            "ops-instance-role",
            &ec2_trust,
            vec!["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore".to_owned()],
        ),
        (
            "claims-lambda-role",
            &lambda_trust,
            vec!["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole".to_owned()],
        ),
        (
            "patient-portal-lambda-role",
            &lambda_trust,
            vec!["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole".to_owned()],
        ),
        (
            "analytics-lambda-role",
            &lambda_trust,
            vec![
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole".to_owned(),
                pol("AnalyticsLakeRead"),
            ],
        ),
        (
            "internal-tools-lambda-role",
            &lambda_trust,
            vec!["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole".to_owned()],
        ),
    ] {
        let refs: Vec<&str> = attached.iter().map(String::as_str).collect();
        v.push(aws::iam_role(
            rng,
            account,
            name,
            "/",
            trust,
            &refs,
            &[],
            t("internal", "platform"),
        ));
    }
    let ci_trust = policy(vec![
        json!({"Effect": "Allow", "Principal": {"Federated": format!("arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com")}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:larkspur-health/*:ref:refs/heads/main"}}}),
    ]);
    v.push(aws::iam_role(
        rng,
        account,
        "github-actions-deploy",
        "/",
        &ci_trust,
        &[&pol("CiDeployPolicy")],
        &[],
        t("internal", "platform"),
    ));
    v.push(aws::iam_role(
        rng,
        account,
        "AWSServiceRoleForRDS",
        "/aws-service-role/rds.amazonaws.com/",
        &service_trust("rds.amazonaws.com"),
        &["arn:aws:iam::aws:policy/aws-service-role/AmazonRDSServiceRolePolicy"],
        &[],
        Vec::new(),
    ));
    if env == "prod" {
        let open_trust = policy(vec![
            json!({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}),
        ]);
        v.push(aws::iam_role(
            rng,
            account,
            "vendor-integration-role",
            "/",
            &open_trust,
            &[&pol("ClaimsApiReadOnly")],
            &[],
            t("financial", "claims"),
        ));
        book.plant(
            "AWS",
            "vendor-integration-role (IAM role, prod)",
            "trust policy lets any AWS principal (\"*\") assume it, no ExternalId or condition",
            "clearinghouse-sftp-role (one partner account + ExternalId)",
        );
        let partner_trust = policy(vec![
            json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "larkspur-clearinghouse-7f3a"}}}),
        ]);
        v.push(aws::iam_role(
            rng,
            account,
            "clearinghouse-sftp-role",
            "/",
            &partner_trust,
            &[],
            &[(
                "sftp-drop",
                policy(vec![allow(
                    &["s3:PutObject"],
                    &["arn:aws:s3:::larkspur-prod-claims-inbound/*"],
                )]),
            )],
            t("financial", "claims"),
        ));
        v.push(aws::iam_role(rng, account, "security-audit-role", "/", &policy(vec![json!({"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{account}:root")}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})]), &["arn:aws:iam::aws:policy/SecurityAudit"], &[], t("internal", "security")));
    }
}

fn prod_eu_west_1(rng: &mut Rng, book: &mut Book) -> Vec<AwsItem> {
    let s = Scope {
        account: PROD,
        region: "eu-west-1",
    };
    let mut v = Vec::new();
    let key = "0c9d5b7e-3f21-4e8a-b6c4-5a1d2e3f4b6c";
    let kms = kms_arn(PROD, s.region, key);
    let net = network(
        rng,
        &mut v,
        book,
        s,
        "prod",
        "larkspur-prod-eu-vpc",
        20,
        None,
        false,
    );
    default_vpc(rng, &mut v, book, s, "prod", false);
    let alb = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "portal-eu-alb-sg",
        &[tcp(443, 443, &["0.0.0.0/0"])],
        "prod",
        "patient-portal",
    );
    let web = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "portal-eu-web-sg",
        &[from_group("tcp", Some((8080, 8080)), &alb.0)],
        "prod",
        "patient-portal",
    );
    let dbsg = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "patient-eu-db-sg",
        &[from_group("tcp", Some((5432, 5432)), &web.0)],
        "prod",
        "patient-portal",
    );
    let v6 = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "support-tools-sg",
        &[Perm {
            proto: "tcp",
            ports: Some((22, 22)),
            v4: vec![],
            v6: vec!["::/0".into()],
            groups: vec![],
            desc: Some("temporary vendor access"),
        }],
        "prod",
        "internal-tools",
    );
    book.plant(
        "AWS",
        &format!("{} (support-tools-sg, prod, eu-west-1)", v6.0),
        "SSH (22) open to ::/0 (IPv6 internet)",
        "claims-api-sg (SSH only from 10.0.0.0/8)",
    );
    for i in 1..=9 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("portal-eu-web-{i:02}"),
            "m7i.large",
            std::slice::from_ref(&web),
            "prod",
            "phi",
            "patient-portal",
            Some("required"),
            true,
            false,
            Some(&kms),
        );
    }
    server(
        rng,
        &mut v,
        s,
        &net,
        "support-tools-01",
        "t3.medium",
        std::slice::from_ref(&v6),
        "prod",
        "pii",
        "internal-tools",
        Some("required"),
        true,
        false,
        None,
    );
    v.push(aws::rds_instance(
        rng,
        s,
        &Db {
            id: "patient-portal-eu-db".into(),
            engine: "postgres",
            version: "16.4",
            class: "db.r7g.large",
            encrypted: Some(true),
            kms: Some(kms.clone()),
            public: false,
            multi_az: true,
            backup_days: 14,
            deletion_protection: true,
            iam_auth: true,
            sgs: vec![dbsg.0],
            vpc: net.vpc.clone(),
            tags: tg(None, "prod", "phi", "patient-portal"),
        },
    ));
    let mut b = Bucket::private(
        "larkspur-prod-eu-patient-records",
        tg(None, "prod", "phi", "patient-portal"),
    );
    b.sse = Some(kms.clone());
    b.logging = Some("larkspur-prod-eu-s3-access-logs".into());
    v.push(aws::s3_bucket(rng, s, &b));
    let mut a = Bucket::private(
        "larkspur-prod-eu-s3-access-logs",
        tg(None, "prod", "internal", "security"),
    );
    a.log_delivery_acl = true;
    v.push(aws::s3_bucket(rng, s, &a));
    v.push(aws::kms_key(
        rng,
        s,
        key,
        "EU PHI data key",
        Some(true),
        tg(None, "prod", "phi", "security"),
    ));
    v.push(aws::account_pab(rng, s, [true; 4]));
    for n in ["portal-eu-appointment-reminders", "portal-eu-gdpr-erasure"] {
        v.push(lambda_fn(
            rng,
            s,
            n,
            "python3.12",
            "prod",
            "pii",
            "patient-portal",
            None,
            &["LOG_LEVEL"],
        ));
    }
    unmodeled_batch(
        rng,
        &mut v,
        s,
        "prod",
        &[
            (
                "AWS::SQS::Queue",
                "portal-eu-email-outbox",
                "pii",
                "patient-portal",
            ),
            (
                "AWS::SQS::Queue",
                "portal-eu-gdpr-requests",
                "pii",
                "patient-portal",
            ),
            ("AWS::SNS::Topic", "larkspur-eu-oncall", "internal", "ops"),
            (
                "AWS::DynamoDB::Table",
                "portal-eu-sessions",
                "pii",
                "patient-portal",
            ),
            (
                "AWS::CloudWatch::Alarm",
                "portal-eu-5xx-rate",
                "internal",
                "patient-portal",
            ),
        ],
    );
    v
}

fn dev_us_east_1(rng: &mut Rng, book: &mut Book) -> Vec<AwsItem> {
    let s = Scope {
        account: DEV,
        region: "us-east-1",
    };
    let mut v = Vec::new();
    let net = network(
        rng,
        &mut v,
        book,
        s,
        "dev",
        "larkspur-dev-vpc",
        30,
        Some("larkspur-dev-vpc-flow-logs"),
        true,
    );
    default_vpc(rng, &mut v, book, s, "dev", false);
    let web = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "portal-dev-web-sg",
        &[
            tcp(8080, 8080, &["10.30.0.0/16"]),
            tcp(22, 22, &["10.0.0.0/8"]),
        ],
        "dev",
        "patient-portal",
    );
    let win = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "win-build-sg",
        &[tcp(3389, 3389, &["0.0.0.0/0"])],
        "dev",
        "platform",
    );
    book.plant(
        "AWS",
        &format!("{} (win-build-sg, dev, us-east-1)", win.0),
        "RDP (3389) open to 0.0.0.0/0",
        "portal-dev-web-sg (admin ports only from 10.0.0.0/8)",
    );
    let etl = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "legacy-etl-sg",
        &[Perm {
            proto: "-1",
            ports: None,
            v4: vec!["0.0.0.0/0".into()],
            v6: vec![],
            groups: vec![],
            desc: Some("debugging, remove later"),
        }],
        "dev",
        "analytics",
    );
    book.plant(
        "AWS",
        &format!("{} (legacy-etl-sg, dev, us-east-1)", etl.0),
        "all traffic (-1) allowed from 0.0.0.0/0",
        "portal-dev-web-sg",
    );
    let dbsg = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "portal-dev-db-sg",
        &[from_group("tcp", Some((5432, 5432)), &web.0)],
        "dev",
        "patient-portal",
    );
    for i in 1..=8 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("portal-dev-web-{i:02}"),
            "t3.medium",
            std::slice::from_ref(&web),
            "dev",
            "internal",
            "patient-portal",
            Some("required"),
            true,
            false,
            None,
        );
    }
    let w = server(
        rng,
        &mut v,
        s,
        &net,
        "win-build-01",
        "m6i.large",
        std::slice::from_ref(&win),
        "dev",
        "internal",
        "platform",
        Some("optional"),
        false,
        true,
        None,
    );
    book.plant(
        "AWS",
        &format!("{w} (win-build-01, dev)"),
        "IMDSv1 allowed, public IP, unencrypted root volume",
        "portal-dev-web-01..08",
    );
    for i in 1..=3 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("etl-dev-{i:02}"),
            "t3.large",
            std::slice::from_ref(&etl),
            "dev",
            "pii",
            "analytics",
            Some("optional"),
            false,
            false,
            None,
        );
    }
    book.plant(
        "AWS",
        "etl-dev-01..03 (EC2, dev)",
        "IMDSv1 allowed; unencrypted root volumes; dev copies of PII",
        "portal-dev-web-01..08 (IMDSv2, encrypted)",
    );
    v.push(aws::rds_instance(
        rng,
        s,
        &Db {
            id: "portal-db-dev".into(),
            engine: "postgres",
            version: "16.4",
            class: "db.t4g.medium",
            encrypted: Some(true),
            kms: None,
            public: false,
            multi_az: false,
            backup_days: 0,
            deletion_protection: false,
            iam_auth: false,
            sgs: vec![dbsg.0.clone()],
            vpc: net.vpc.clone(),
            tags: tg(None, "dev", "pii", "patient-portal"),
        },
    ));
    book.plant(
        "AWS",
        "portal-db-dev (RDS, dev)",
        "automated backups off (retention 0), no deletion protection",
        "patient-portal-db (14 days, deletion protection)",
    );
    v.push(aws::rds_instance(
        rng,
        s,
        &Db {
            id: "claims-db-dev".into(),
            engine: "postgres",
            version: "16.4",
            class: "db.t4g.medium",
            encrypted: Some(true),
            kms: None,
            public: false,
            multi_az: false,
            backup_days: 7,
            deletion_protection: true,
            iam_auth: false,
            sgs: vec![dbsg.0],
            vpc: net.vpc.clone(),
            tags: tg(None, "dev", "internal", "claims"),
        },
    ));
    let mut scratch = Bucket::private(
        "larkspur-dev-scratch",
        tg(None, "dev", "internal", "platform"),
    );
    scratch.sse = None;
    scratch.versioning = "Off";
    v.push(aws::s3_bucket(rng, s, &scratch));
    book.plant(
        "AWS",
        "larkspur-dev-scratch (S3, dev)",
        "no default encryption configuration; versioning off",
        "larkspur-dev-test-fixtures",
    );
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private(
            "larkspur-dev-test-fixtures",
            tg(None, "dev", "internal", "platform"),
        ),
    ));
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private(
            "larkspur-dev-vpc-flow-logs",
            tg(None, "dev", "internal", "security"),
        ),
    ));
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private(
            "larkspur-dev-cloudtrail",
            tg(None, "dev", "internal", "security"),
        ),
    ));
    let mut share = Bucket::private(
        "larkspur-dev-claims-samples",
        tg(None, "dev", "financial", "claims"),
    );
    share.pab = Some([true, true, false, false]);
    share.policy = Some(policy(vec![
        json!({"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::larkspur-dev-claims-samples", "arn:aws:s3:::larkspur-dev-claims-samples/*"]}),
    ]));
    v.push(aws::s3_bucket(rng, s, &share));
    book.plant("AWS", "larkspur-dev-claims-samples (S3, dev, financial)", "bucket policy grants s3:GetObject/ListBucket to {\"AWS\": \"*\"}; public-policy blocks off", "larkspur-prod-claims-documents");
    v.push(aws::account_pab(rng, s, [false; 4]));
    book.plant(
        "AWS",
        "S3 account public access block (dev 444455556666, us-east-1)",
        "all four Block Public Access settings off at account level, so bucket ACLs and policies in dev can go public",
        "prod account block (all four on)",
    );
    v.push(aws::trail(
        rng,
        s,
        &Trail {
            name: "dev-trail".into(),
            multi_region: false,
            org: false,
            validation: false,
            kms: None,
            bucket: "larkspur-dev-cloudtrail".into(),
            log_group: None,
            global_events: true,
            tags: tg(None, "dev", "internal", "security"),
        },
    ));
    book.plant(
        "AWS",
        "dev-trail (CloudTrail, dev)",
        "log file validation off; single region; not KMS-encrypted; no CloudWatch Logs",
        "larkspur-org-trail (multi-region, validated, KMS, CloudWatch Logs)",
    );
    let dk = rng.uuid();
    v.push(aws::kms_key(
        rng,
        s,
        &dk,
        "dev application key",
        Some(false),
        tg(None, "dev", "internal", "platform"),
    ));
    book.plant(
        "AWS",
        &format!("KMS key {dk} (dev application key)"),
        "automatic key rotation disabled",
        "PHI data key (prod)",
    );
    for n in [
        "portal-dev-thumbnailer",
        "claims-dev-ocr",
        "claims-dev-webhook-receiver",
    ] {
        v.push(lambda_fn(
            rng,
            s,
            n,
            "python3.12",
            "dev",
            "internal",
            "claims",
            None,
            &["LOG_LEVEL"],
        ));
    }
    unmodeled_batch(
        rng,
        &mut v,
        s,
        "dev",
        &[
            ("AWS::SQS::Queue", "claims-intake-dev", "internal", "claims"),
            (
                "AWS::SQS::Queue",
                "claims-intake-dev-dlq",
                "internal",
                "claims",
            ),
            ("AWS::SNS::Topic", "dev-alerts", "internal", "ops"),
            (
                "AWS::DynamoDB::Table",
                "portal-sessions-dev",
                "internal",
                "patient-portal",
            ),
            (
                "AWS::DynamoDB::Table",
                "terraform-locks-dev",
                "internal",
                "platform",
            ),
        ],
    );
    iam(rng, book, DEV, "dev", &mut v);

    // Added with their own generator so the ids above stay as they were.
    let side = &mut side_rng("dev-us-east-1-toxic");
    let w2 = server(
        side,
        &mut v,
        s,
        &net,
        "win-build-02",
        "m6i.large",
        std::slice::from_ref(&win),
        "dev",
        "internal",
        "platform",
        Some("required"),
        true,
        false,
        None,
    );
    book.toxic(
        "risk.toxic.aws_exposed_instance_admin_role",
        &format!("{w} (win-build-01, dev): public IP → larkspur-dev-vpc public subnet → route 0.0.0.0/0 → internet gateway → win-build-sg admits RDP (3389) from 0.0.0.0/0; its instance profile `platform-instance-profile` belongs to `platform-instance-role`, which has DevSandboxAdmin (`*` on `*`)"),
        &format!("{w2} (win-build-02: same role and security group, private subnet, no public IP); bastion-01 (prod: reachable from the internet, but its role only has AmazonSSMManagedInstanceCore)"),
    );
    book.toxic(
        "risk.toxic.aws_exposed_instance_imdsv1_role",
        &format!("{w} (win-build-01, dev): the same internet path, IMDSv1 allowed (HttpTokens optional), role credentials through its instance profile"),
        "bastion-01 (internet-reachable, IMDSv2 required); sandbox-ml-01 (IMDSv1 and a role, but private: no public IP); win-build-02 (IMDSv2, private)",
    );
    let mut extracts = Bucket::private(
        "larkspur-dev-patient-extracts",
        tg(None, "dev", "pii", "analytics"),
    );
    extracts.pab = None;
    extracts.policy = Some(policy(vec![
        json!({"Sid": "ShareWithVendorDemo", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::larkspur-dev-patient-extracts/*"}),
    ]));
    v.push(aws::s3_bucket(side, s, &extracts));
    book.plant(
        "AWS",
        "larkspur-dev-patient-extracts (S3, dev, PII)",
        "bucket policy allows s3:GetObject to Principal \"*\", no bucket public access block, and the dev account-level block is off: PII readable by anyone",
        "larkspur-prod-patient-exports (PHI, public ACL neutralized by the prod account block)",
    );
    book.toxic(
        "risk.toxic.aws_public_bucket_sensitive_data",
        "larkspur-dev-patient-extracts (dev): bucket policy allows s3:GetObject to Principal * (no Block Public Access at bucket or account level) → tagged `data-classification=pii`",
        "larkspur-prod-patient-exports (PHI, public ACL grant neutralized by the prod account block); larkspur-prod-marketing-site (public policy, but `public` data); larkspur-dev-sandbox-uploads (public ACL, `internal` data)",
    );
    v
}

fn dev_eu_west_1(rng: &mut Rng, book: &mut Book) -> Vec<AwsItem> {
    let s = Scope {
        account: DEV,
        region: "eu-west-1",
    };
    let mut v = Vec::new();
    let net = network(
        rng,
        &mut v,
        book,
        s,
        "staging",
        "larkspur-staging-eu-vpc",
        40,
        Some("larkspur-dev-vpc-flow-logs"),
        false,
    );
    let web = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "portal-staging-web-sg",
        &[tcp(443, 443, &["10.0.0.0/8"])],
        "staging",
        "patient-portal",
    );
    for i in 1..=3 {
        server(
            rng,
            &mut v,
            s,
            &net,
            &format!("portal-staging-web-{i:02}"),
            "t3.medium",
            std::slice::from_ref(&web),
            "staging",
            "internal",
            "patient-portal",
            Some("required"),
            true,
            false,
            None,
        );
    }
    v.push(aws::s3_bucket(
        rng,
        s,
        &Bucket::private(
            "larkspur-staging-eu-assets",
            tg(None, "staging", "public", "patient-portal"),
        ),
    ));
    v.push(aws::account_pab(rng, s, [false; 4]));
    unmodeled_batch(
        rng,
        &mut v,
        s,
        "staging",
        &[(
            "AWS::SQS::Queue",
            "portal-staging-email-outbox",
            "internal",
            "patient-portal",
        )],
    );
    v
}

/// Disaster-recovery region, exported with `select-resource-config` (rows as strings).
fn prod_us_west_2_select(rng: &mut Rng, book: &mut Book) -> Vec<AwsItem> {
    let s = Scope {
        account: PROD,
        region: "us-west-2",
    };
    let mut v = Vec::new();
    let vpc = id(rng, "vpc");
    let key = rng.uuid();
    let kms = kms_arn(PROD, s.region, &key);
    let app = sg(
        rng,
        &mut v,
        s,
        &vpc,
        "dr-app-sg",
        &[tcp(8443, 8443, &["10.50.0.0/16"])],
        "prod",
        "platform",
    );
    let restore = sg(
        rng,
        &mut v,
        s,
        &vpc,
        "dr-restore-sg",
        &[tcp(5432, 5432, &["0.0.0.0/0"])],
        "prod",
        "platform",
    );
    book.plant(
        "AWS",
        &format!(
            "{} (dr-restore-sg, prod, us-west-2; select-resource-config file)",
            restore.0
        ),
        "PostgreSQL (5432) open to 0.0.0.0/0",
        "dr-app-sg",
    );
    for (n, sgid) in [("patient-portal-dr-db", &app.0), ("claims-dr-db", &app.0)] {
        v.push(aws::rds_instance(
            rng,
            s,
            &Db {
                id: n.into(),
                engine: "postgres",
                version: "16.4",
                class: "db.r7g.large",
                encrypted: Some(true),
                kms: Some(kms.clone()),
                public: false,
                multi_az: false,
                backup_days: 14,
                deletion_protection: true,
                iam_auth: true,
                sgs: vec![sgid.clone()],
                vpc: vpc.clone(),
                tags: tg(None, "prod", "phi", "platform"),
            },
        ));
    }
    v.push(aws::rds_instance(
        rng,
        s,
        &Db {
            id: "claims-restore-test".into(),
            engine: "postgres",
            version: "16.4",
            class: "db.t4g.large",
            encrypted: Some(false),
            kms: None,
            public: true,
            multi_az: false,
            backup_days: 1,
            deletion_protection: false,
            iam_auth: false,
            sgs: vec![restore.0],
            vpc: vpc.clone(),
            tags: tg(None, "prod", "financial", "platform"),
        },
    ));
    book.plant(
        "AWS",
        "claims-restore-test (RDS, prod us-west-2; select file)",
        "restored copy of claims data: unencrypted and publicly accessible",
        "claims-dr-db",
    );
    unmodeled_batch(
        rng,
        &mut v,
        s,
        "prod",
        &[
            (
                "AWS::DynamoDB::Table",
                "portal-sessions-replica",
                "pii",
                "patient-portal",
            ),
            (
                "AWS::DynamoDB::Table",
                "claims-idempotency-keys-replica",
                "financial",
                "claims",
            ),
        ],
    );
    v
}

/// The developer sandbox region, exported via the Config API (configuration as JSON strings).
fn dev_us_west_2_api(rng: &mut Rng, book: &mut Book) -> Vec<AwsItem> {
    let s = Scope {
        account: DEV,
        region: "us-west-2",
    };
    let mut v = Vec::new();
    let net = Net {
        vpc: id(rng, "vpc"),
        public: vec![id(rng, "subnet")],
        private: vec![id(rng, "subnet"), id(rng, "subnet")],
        azs: vec!["us-west-2a".into()],
    };
    let sb = sg(
        rng,
        &mut v,
        s,
        &net.vpc,
        "sandbox-sg",
        &[tcp(22, 22, &["10.0.0.0/8"])],
        "dev",
        "platform",
    );
    let a = server(
        rng,
        &mut v,
        s,
        &net,
        "sandbox-ml-01",
        "g5.xlarge",
        std::slice::from_ref(&sb),
        "dev",
        "internal",
        "analytics",
        Some("optional"),
        true,
        false,
        None,
    );
    book.plant(
        "AWS",
        &format!("{a} (sandbox-ml-01, dev us-west-2; API-shaped file)"),
        "IMDSv1 allowed (HttpTokens optional)",
        "sandbox-ml-02 (IMDSv2)",
    );
    server(
        rng,
        &mut v,
        s,
        &net,
        "sandbox-ml-02",
        "g5.xlarge",
        std::slice::from_ref(&sb),
        "dev",
        "internal",
        "analytics",
        Some("required"),
        true,
        false,
        None,
    );
    let mut up = Bucket::private(
        "larkspur-dev-sandbox-uploads",
        tg(None, "dev", "internal", "analytics"),
    );
    up.pab = None;
    up.public_read_acl = true;
    v.push(aws::s3_bucket(rng, s, &up));
    book.plant(
        "AWS",
        "larkspur-dev-sandbox-uploads (S3, dev us-west-2; API-shaped file)",
        "ACL grants READ to AllUsers; no public access block",
        "larkspur-dev-test-fixtures",
    );
    v.push(lambda_fn(
        rng,
        s,
        "sandbox-notebook-cleanup",
        "python3.12",
        "dev",
        "internal",
        "analytics",
        None,
        &["LOG_LEVEL"],
    ));
    v.push(aws::kms_key(
        rng,
        s,
        &rng.clone().uuid(),
        "sandbox key",
        Some(true),
        tg(None, "dev", "internal", "analytics"),
    ));
    v
}

// ---------------------------------------------------------------------------------------------
// AWS network paths: route tables, internet and NAT gateways, instance interfaces, load balancers,
// RDS subnet groups and instance profiles. Added over the items each region already has, with a
// generator of their own (`side_rng`), so the original ids stay stable.

/// A VPC and its subnets by tier: (subnet id, AZ).
struct VpcInfo {
    id: String,
    name: String,
    cidr: String,
    default: bool,
    public: Vec<(String, String)>,
    app: Vec<(String, String)>,
    data: Vec<(String, String)>,
}

fn name_tag(it: &AwsItem) -> Option<&str> {
    it.tags
        .iter()
        .find(|(k, _)| k == "Name")
        .map(|(_, v)| v.as_str())
}

fn vpcs_of(items: &[AwsItem]) -> Vec<VpcInfo> {
    let mut out: Vec<VpcInfo> = items
        .iter()
        .filter(|i| i.rtype == "AWS::EC2::VPC")
        .map(|i| VpcInfo {
            id: i.id.clone(),
            name: name_tag(i).unwrap_or("default").to_owned(),
            cidr: i.configuration["cidrBlock"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            default: i.configuration["isDefault"] == json!(true),
            public: Vec::new(),
            app: Vec::new(),
            data: Vec::new(),
        })
        .collect();
    for sn in items.iter().filter(|i| i.rtype == "AWS::EC2::Subnet") {
        let c = &sn.configuration;
        let Some(v) = out
            .iter_mut()
            .find(|v| c["vpcId"].as_str() == Some(v.id.as_str()))
        else {
            continue;
        };
        let entry = (sn.id.clone(), sn.az.clone());
        let name = name_tag(sn).unwrap_or_default();
        if v.default || name.contains("-public-") {
            v.public.push(entry);
        } else if name.contains("-data-") {
            v.data.push(entry);
        } else {
            v.app.push(entry);
        }
    }
    out
}

/// Route tables and gateways of one VPC. An internet-facing VPC gets an internet gateway, a
/// public route table (explicit associations, `0.0.0.0/0` → the gateway), a NAT gateway with an
/// app-tier table (`0.0.0.0/0` → NAT) and a main table with the local route only (the data tier
/// uses it implicitly). A default VPC keeps AWS's layout: the main table routes to the gateway.
/// A private VPC has only its main table with the local route. `explicit_data` associates the
/// data subnets explicitly (needed when the subnets themselves are not in the export).
fn vpc_paths(
    rng: &mut Rng,
    s: Scope<'_>,
    env: &str,
    vpc: &VpcInfo,
    internet: bool,
    explicit_data: bool,
    out: &mut Vec<AwsItem>,
) {
    let t = |n: &str| tg(Some(n), env, "internal", "platform");
    let ids = |v: &[(String, String)]| v.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    let local = (vpc.cidr.as_str(), "local");
    if !internet {
        out.push(rtb(
            rng,
            s,
            &vpc.id,
            true,
            &[],
            &[local],
            t(&format!("{}-main-rt", vpc.name)),
        ));
        return;
    }
    let igw = id(rng, "igw");
    out.push(aws::internet_gateway(
        rng,
        s,
        &igw,
        &vpc.id,
        t(&format!("{}-igw", vpc.name)),
    ));
    if vpc.default {
        out.push(rtb(
            rng,
            s,
            &vpc.id,
            true,
            &[],
            &[local, ("0.0.0.0/0", &igw)],
            tg(None, env, "internal", "platform"),
        ));
        return;
    }
    out.push(rtb(
        rng,
        s,
        &vpc.id,
        false,
        &ids(&vpc.public),
        &[local, ("0.0.0.0/0", &igw)],
        t(&format!("{}-public-rt", vpc.name)),
    ));
    if let (Some((nat_subnet, _)), false) = (vpc.public.first(), vpc.app.is_empty()) {
        let nat = id(rng, "nat");
        out.push(aws::nat_gateway(
            rng,
            s,
            &nat,
            &vpc.id,
            nat_subnet,
            t(&format!("{}-nat", vpc.name)),
        ));
        out.push(rtb(
            rng,
            s,
            &vpc.id,
            false,
            &ids(&vpc.app),
            &[local, ("0.0.0.0/0", &nat)],
            t(&format!("{}-app-rt", vpc.name)),
        ));
    }
    let data = if explicit_data {
        ids(&vpc.data)
    } else {
        Vec::new()
    };
    out.push(rtb(
        rng,
        s,
        &vpc.id,
        !explicit_data,
        &data,
        &[local],
        t(&format!(
            "{}-{}-rt",
            vpc.name,
            if explicit_data { "data" } else { "main" }
        )),
    ));
}

/// A route table with a fresh id.
fn rtb(
    rng: &mut Rng,
    s: Scope<'_>,
    vpc: &str,
    main: bool,
    subnets: &[String],
    routes: &[aws::RouteSpec<'_>],
    tags: aws::Tags,
) -> AwsItem {
    let rid = id(rng, "rtb");
    aws::route_table(rng, s, &rid, vpc, main, subnets, routes, tags)
}

/// Fill each RDS item's `dBSubnetGroup.subnets`: publicly accessible instances sit in the public
/// tier, the others in the data tier.
fn rds_subnet_groups(items: &mut [AwsItem], vpcs: &[VpcInfo]) {
    for it in items
        .iter_mut()
        .filter(|i| i.rtype == "AWS::RDS::DBInstance")
    {
        let c = &mut it.configuration;
        let Some(v) = vpcs
            .iter()
            .find(|v| c["dBSubnetGroup"]["vpcId"].as_str() == Some(v.id.as_str()))
        else {
            continue;
        };
        let public = c["publiclyAccessible"] == json!(true);
        let tier = if public { &v.public } else { &v.data };
        c["dBSubnetGroup"]["dBSubnetGroupName"] = json!(format!(
            "{}-{}-subnets",
            v.name,
            if public { "public" } else { "data" }
        ));
        c["dBSubnetGroup"]["subnets"] = tier
            .iter()
            .map(|(sn, az)| json!({"subnetIdentifier": sn, "subnetAvailabilityZone": {"name": az}, "subnetOutpost": {}, "subnetStatus": "Active"}))
            .collect();
    }
}

/// One network interface item per instance, from the instance's own interface.
fn instance_interfaces(rng: &mut Rng, items: &mut Vec<AwsItem>) {
    let enis: Vec<AwsItem> = items
        .iter()
        .filter(|i| i.rtype == "AWS::EC2::Instance")
        .filter_map(|i| aws::instance_interface(rng, i))
        .collect();
    items.extend(enis);
}

/// `instanceProfileList` on the `{app}-instance-role` roles: the profile `{app}-instance-profile`
/// the instances of the app carry.
fn instance_profiles(items: &mut [AwsItem]) {
    for it in items.iter_mut().filter(|i| i.rtype == "AWS::IAM::Role") {
        let Some(app) = it
            .name
            .as_deref()
            .and_then(|n| n.strip_suffix("-instance-role"))
        else {
            continue;
        };
        let arn = format!(
            "arn:aws:iam::{}:instance-profile/{app}-instance-profile",
            it.account
        );
        let entry = aws::instance_profile_entry(&arn, &it.configuration, it.created.as_deref());
        it.configuration["instanceProfileList"] = json!([entry]);
    }
}

fn sg_id(items: &[AwsItem], name: &str) -> String {
    items
        .iter()
        .find(|i| i.rtype == "AWS::EC2::SecurityGroup" && i.name.as_deref() == Some(name))
        .map(|i| i.id.clone())
        .unwrap_or_default()
}

/// Add the network-path items to the four snapshot regions.
fn aws_paths(regions: &mut [(&str, &str, Vec<AwsItem>)], book: &mut Book) {
    for (account, region, items) in regions.iter_mut() {
        let s = Scope { account, region };
        let rng = &mut side_rng(&format!("paths-{account}-{region}"));
        let env = if *account == PROD { "prod" } else { "dev" };
        let vpcs = vpcs_of(items);
        let mut added = Vec::new();
        for v in &vpcs {
            // The staging VPC reaches nothing outside: no internet gateway, local route only.
            let internet = v.name != "larkspur-staging-eu-vpc";
            let env = if internet { env } else { "staging" };
            vpc_paths(rng, s, env, v, internet, false, &mut added);
        }
        rds_subnet_groups(items, &vpcs);
        if (*account, *region) == (PROD, "us-east-1")
            && let Some(v) = vpcs.iter().find(|v| v.name == "larkspur-prod-vpc")
        {
            added.push(aws::load_balancer(
                rng,
                s,
                &aws::LoadBalancer {
                    name: "portal-alb".into(),
                    scheme: "internet-facing",
                    vpc: v.id.clone(),
                    subnets: v.public.clone(),
                    sgs: vec![sg_id(items, "portal-alb-sg")],
                    tags: tg(Some("portal-alb"), "prod", "phi", "patient-portal"),
                },
            ));
            added.push(aws::load_balancer(
                rng,
                s,
                &aws::LoadBalancer {
                    name: "claims-api-internal".into(),
                    scheme: "internal",
                    vpc: v.id.clone(),
                    subnets: v.app.clone(),
                    sgs: vec![sg_id(items, "claims-api-sg")],
                    tags: tg(Some("claims-api-internal"), "prod", "financial", "claims"),
                },
            ));
            // The roles for the two instance profiles no role carried yet.
            let ec2_trust = service_trust("ec2.amazonaws.com");
            added.push(aws::iam_role(
                rng,
                PROD,
                "internal-tools-instance-role",
                "/",
                &ec2_trust,
                &["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
                &[],
                tg(None, "prod", "internal", "platform"),
            ));
        }
        if (*account, *region) == (DEV, "us-east-1") {
            let ec2_trust = service_trust("ec2.amazonaws.com");
            added.push(aws::iam_role(
                rng,
                DEV,
                "platform-instance-role",
                "/",
                &ec2_trust,
                &[&format!("arn:aws:iam::{DEV}:policy/DevSandboxAdmin")],
                &[],
                tg(None, "dev", "internal", "platform"),
            ));
            book.plant(
                "AWS",
                "platform-instance-role (IAM role, dev)",
                "the build hosts' instance role carries DevSandboxAdmin (`*` on `*`); win-build-01, which is reachable from the internet, uses it",
                "ops-instance-role (AmazonSSMManagedInstanceCore only)",
            );
        }
        items.extend(added);
        instance_profiles(items);
        instance_interfaces(rng, items);
    }
}

/// The us-west-2 DR VPC of the select-resource-config file: its VPC and subnets are not in the
/// query output, so the route tables name their subnets explicitly.
fn dr_paths(items: &mut Vec<AwsItem>, book: &mut Book) {
    let s = Scope {
        account: PROD,
        region: "us-west-2",
    };
    let rng = &mut side_rng("paths-dr-us-west-2");
    let Some(vpc) = items
        .iter()
        .find_map(|i| i.configuration["dBSubnetGroup"]["vpcId"].as_str())
        .map(str::to_owned)
    else {
        return;
    };
    let mut sub = |tier: &str| -> Vec<(String, String)> {
        ["a", "b"]
            .iter()
            .map(|z| {
                let _ = tier;
                (id(rng, "subnet"), format!("us-west-2{z}"))
            })
            .collect()
    };
    let public = sub("public");
    let data = sub("data");
    let v = VpcInfo {
        id: vpc,
        name: "larkspur-prod-dr-vpc".into(),
        cidr: "10.50.0.0/16".into(),
        default: false,
        public,
        app: Vec::new(),
        data,
    };
    let mut added = Vec::new();
    vpc_paths(rng, s, "prod", &v, true, true, &mut added);
    rds_subnet_groups(items, std::slice::from_ref(&v));
    items.extend(added);
    book.toxic(
        "risk.toxic.aws_exposed_database_unencrypted",
        "claims-restore-test (prod us-west-2, select file): publicly accessible → DB subnet group in the public subnets of larkspur-prod-dr-vpc → route 0.0.0.0/0 → internet gateway → dr-restore-sg admits 5432 from 0.0.0.0/0 → storage not encrypted",
        "analytics-reporting-db (prod us-east-1: reachable the same way, but encrypted); claims-db-legacy (unencrypted, but not publicly accessible and in the data tier, whose route table has no default route); claims-dr-db (private, encrypted)",
    );
}

/// The dev us-west-2 sandbox VPC of the API-shaped file: a public subnet for the NAT gateway, the
/// instances' subnets behind it.
fn sandbox_paths(items: &mut Vec<AwsItem>) {
    let s = Scope {
        account: DEV,
        region: "us-west-2",
    };
    let rng = &mut side_rng("paths-sandbox-us-west-2");
    let mut app: Vec<(String, String)> = Vec::new();
    let mut vpc = String::new();
    for i in items.iter().filter(|i| i.rtype == "AWS::EC2::Instance") {
        let c = &i.configuration;
        vpc = c["vpcId"].as_str().unwrap_or_default().to_owned();
        let sn = (
            c["subnetId"].as_str().unwrap_or_default().to_owned(),
            i.az.clone(),
        );
        if !app.contains(&sn) {
            app.push(sn);
        }
    }
    let v = VpcInfo {
        id: vpc,
        name: "larkspur-dev-sandbox-vpc".into(),
        cidr: "10.60.0.0/16".into(),
        default: false,
        public: vec![(id(rng, "subnet"), "us-west-2a".into())],
        app,
        data: Vec::new(),
    };
    let mut added = Vec::new();
    vpc_paths(rng, s, "dev", &v, true, false, &mut added);
    items.extend(added);
    instance_interfaces(rng, items);
}

// ---------------------------------------------------------------------------------------------
// Credential report (IAM users' MFA, passwords and access keys; not recorded by AWS Config)

struct CredUser {
    name: &'static str,
    created_days: i64,
    password: bool,
    mfa: bool,
    key1: Option<(i64, Option<i64>)>,
    key2: Option<(i64, Option<i64>)>,
}

fn credential_report(account: &str, users: &[CredUser], root_mfa: bool) -> String {
    let mut out = String::from(
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n",
    );
    let t = |d: i64| {
        let s = timestamp(d, 36_000);
        format!("{}+00:00", &s[..19])
    };
    out.push_str(&format!(
        "<root_account>,arn:aws:iam::{account}:root,{},not_supported,{},not_supported,not_supported,{root_mfa},false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n",
        t(1600),
        t(200)
    ));
    for u in users {
        let key = |k: &Option<(i64, Option<i64>)>| match k {
            Some((rot, used)) => format!(
                "true,{},{},{},{}",
                t(*rot),
                used.map_or("N/A".to_owned(), t),
                if used.is_some() { "us-east-1" } else { "N/A" },
                if used.is_some() { "s3" } else { "N/A" }
            ),
            None => "false,N/A,N/A,N/A,N/A".to_owned(),
        };
        out.push_str(&format!(
            "{},arn:aws:iam::{account}:user/{},{},{},{},{},N/A,{},{},{},false,N/A,false,N/A\n",
            u.name,
            u.name,
            t(u.created_days),
            u.password,
            if u.password { t(2) } else { "N/A".to_owned() },
            if u.password { t(80) } else { "N/A".to_owned() },
            u.mfa,
            key(&u.key1),
            key(&u.key2),
        ));
    }
    out
}

fn cred_users(book: &mut Book) -> [(String, String); 2] {
    let prod = credential_report(
        PROD,
        &[
            CredUser {
                name: "r.chen",
                created_days: 900,
                password: true,
                mfa: true,
                key1: None,
                key2: None,
            },
            CredUser {
                name: "j.okafor",
                created_days: 400,
                password: true,
                mfa: false,
                key1: None,
                key2: None,
            },
            CredUser {
                name: "m.alvarez",
                created_days: 300,
                password: true,
                mfa: true,
                key1: None,
                key2: None,
            },
            CredUser {
                name: "breakglass-admin",
                created_days: 1200,
                password: true,
                mfa: true,
                key1: None,
                key2: None,
            },
            CredUser {
                name: "svc-claims-export",
                created_days: 1100,
                password: false,
                mfa: false,
                key1: Some((812, Some(1))),
                key2: Some((400, None)),
            },
            CredUser {
                name: "svc-analytics-loader",
                created_days: 500,
                password: false,
                mfa: false,
                key1: Some((30, Some(0))),
                key2: None,
            },
            CredUser {
                name: "svc-ci-deployer",
                created_days: 700,
                password: false,
                mfa: false,
                key1: Some((75, Some(3))),
                key2: None,
            },
        ],
        true,
    );
    book.plant(
        "AWS",
        "j.okafor (IAM user, prod; credential report)",
        "console password without MFA",
        "r.chen, m.alvarez (MFA active)",
    );
    book.plant(
        "AWS",
        "svc-claims-export (IAM user, prod; credential report)",
        "access key 1 last rotated 812 days ago and in use; key 2 active but never used",
        "svc-analytics-loader (one key, 30 days old)",
    );
    let dev = credential_report(
        DEV,
        &[
            CredUser {
                name: "d.nguyen",
                created_days: 600,
                password: true,
                mfa: true,
                key1: Some((200, Some(5))),
                key2: None,
            },
            CredUser {
                name: "p.shah",
                created_days: 350,
                password: true,
                mfa: false,
                key1: Some((120, Some(40))),
                key2: None,
            },
            CredUser {
                name: "s.kowalski",
                created_days: 90,
                password: true,
                mfa: true,
                key1: None,
                key2: None,
            },
            CredUser {
                name: "svc-test-runner",
                created_days: 800,
                password: false,
                mfa: false,
                key1: Some((95, Some(0))),
                key2: None,
            },
        ],
        false,
    );
    book.plant(
        "AWS",
        "root user (dev 444455556666; credential report)",
        "root account has no MFA",
        "prod root (MFA active)",
    );
    book.plant(
        "AWS",
        "p.shah (IAM user, dev; credential report)",
        "console password without MFA and DevSandboxAdmin attached",
        "d.nguyen (MFA active)",
    );
    [(PROD.to_owned(), prod), (DEV.to_owned(), dev)]
}

// ---------------------------------------------------------------------------------------------
// Azure

const TENANT: &str = "7b3e9c1a-2d4f-4e6b-8a1c-0f9e8d7c6b5a";
const SUB_PROD: &str = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const SUB_DEV: &str = "9a7b1c2d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";

fn rg(sub: &str, name: &str, location: &str) -> Rg {
    Rg {
        sub: sub.into(),
        tenant: TENANT.into(),
        rg: name.into(),
        location: location.into(),
    }
}

fn azure_prod(rng: &mut Rng, book: &mut Book) -> Vec<Value> {
    let portal = rg(SUB_PROD, "rg-larkspur-prod-portal", "eastus");
    let claims = rg(SUB_PROD, "rg-larkspur-prod-claims", "eastus");
    let data = rg(SUB_PROD, "rg-larkspur-prod-data", "eastus2");
    let eu = rg(SUB_PROD, "rg-larkspur-prod-eu", "westeurope");
    let mut v = Vec::new();
    let t = az_tags;

    // Storage.
    let mut docs = Storage::private();
    docs.public_blob = Some(true);
    docs.public_network = "Enabled";
    docs.default_action = "Allow";
    docs.private_endpoints = 0;
    v.push(azure::storage_account(
        rng,
        &portal,
        "lkhprodpatientdocs",
        &docs,
        &t("prod", "phi", "patient-portal"),
    ));
    book.plant(
        "Azure",
        "lkhprodpatientdocs (storage account, prod)",
        "allowBlobPublicAccess true; public network access with default action Allow",
        "lkhprodclaimsarchive (public blob access off, private endpoint, firewall Deny)",
    );
    let mut arch = Storage::private();
    arch.cmk = true;
    v.push(azure::storage_account(
        rng,
        &claims,
        "lkhprodclaimsarchive",
        &arch,
        &t("prod", "financial", "claims"),
    ));
    let mut tls = Storage::private();
    tls.tls = Some("TLS1_0");
    tls.https_only = false;
    v.push(azure::storage_account(
        rng,
        &claims,
        "lkhprodedidrop",
        &tls,
        &t("prod", "financial", "claims"),
    ));
    book.plant(
        "Azure",
        "lkhprodedidrop (storage account, prod)",
        "minimum TLS 1.0 and secure transfer (HTTPS only) off, for a legacy EDI partner",
        "lkhprodclaimsarchive (TLS1_2, HTTPS only)",
    );
    let mut old = Storage::private();
    old.public_blob = None;
    old.tls = None;
    old.shared_key = None;
    v.push(azure::storage_account(
        rng,
        &data,
        "lkhprodlegacyexports",
        &old,
        &t("prod", "pii", "analytics"),
    ));
    book.unknown("lkhprodlegacyexports (storage account)", "row without `allowBlobPublicAccess`, `minimumTlsVersion`, `allowSharedKeyAccess` (created before the properties existed)");
    for (n, rgp, class, app) in [
        ("lkhprodanalyticslake", &data, "phi", "analytics"),
        ("lkhproddiaglogs", &portal, "internal", "ops"),
        ("lkhprodfunctionsstate", &claims, "internal", "claims"),
        ("lkhprodeupatientdocs", &eu, "phi", "patient-portal"),
    ] {
        v.push(azure::storage_account(
            rng,
            rgp,
            n,
            &Storage::private(),
            &t("prod", class, app),
        ));
    }

    // SQL.
    v.push(azure::sql_server(
        rng,
        &claims,
        "lkh-prod-claims-sql",
        true,
        "1.2",
        true,
        false,
        &t("prod", "financial", "claims"),
    ));
    v.push(azure::sql_firewall_rule(
        &claims,
        "lkh-prod-claims-sql",
        "AllowAll",
        "0.0.0.0",
        "255.255.255.255",
    ));
    v.push(azure::sql_firewall_rule(
        &claims,
        "lkh-prod-claims-sql",
        "clearinghouse-partner",
        "203.0.113.10",
        "203.0.113.20",
    ));
    book.plant(
        "Azure",
        "lkh-prod-claims-sql (SQL server, prod)",
        "firewall rule AllowAll 0.0.0.0-255.255.255.255 with public network access enabled",
        "lkh-prod-portal-sql (public network access disabled, Entra-only auth)",
    );
    v.push(azure::sql_server(
        rng,
        &portal,
        "lkh-prod-portal-sql",
        false,
        "1.2",
        true,
        true,
        &t("prod", "phi", "patient-portal"),
    ));
    v.push(azure::sql_server(
        rng,
        &data,
        "lkh-prod-analytics-sql",
        true,
        "1.2",
        false,
        false,
        &t("prod", "phi", "analytics"),
    ));
    v.push(azure::sql_firewall_rule(
        &data,
        "lkh-prod-analytics-sql",
        "AllowAllWindowsAzureIps",
        "0.0.0.0",
        "0.0.0.0",
    ));
    v.push(azure::sql_firewall_rule(
        &data,
        "lkh-prod-analytics-sql",
        "office-vpn",
        "198.51.100.0",
        "198.51.100.255",
    ));
    book.plant(
        "Azure",
        "lkh-prod-analytics-sql (SQL server, prod)",
        "no Entra ID administrator; \"Allow Azure services\" rule (0.0.0.0-0.0.0.0)",
        "lkh-prod-portal-sql",
    );

    // NSGs.
    let subnet = |g: &Rg, vnet: &str, s: &str| {
        format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{s}",
            g.sub, g.rg
        )
    };
    v.push(azure::nsg(
        rng,
        &portal,
        "nsg-portal-web",
        &[
            inbound("allow-https", 100, &["Internet"], &["443"]),
            inbound("allow-lb-probe", 110, &["AzureLoadBalancer"], &["8080"]),
        ],
        &[subnet(&portal, "vnet-larkspur-prod", "snet-portal-web")],
        &t("prod", "phi", "patient-portal"),
    ));
    v.push(azure::nsg(
        rng,
        &claims,
        "nsg-claims-api",
        &[
            inbound("allow-https-from-appgw", 100, &["10.20.1.0/24"], &["8443"]),
            inbound("allow-ssh-internal", 200, &["10.0.0.0/8"], &["22"]),
        ],
        &[subnet(&claims, "vnet-larkspur-prod", "snet-claims-api")],
        &t("prod", "financial", "claims"),
    ));
    v.push(azure::nsg(
        rng,
        &portal,
        "nsg-jumpbox",
        &[
            inbound("allow-rdp", 100, &["Internet"], &["3389"]),
            inbound("allow-ssh", 110, &["10.0.0.0/8"], &["22"]),
        ],
        &[subnet(&portal, "vnet-larkspur-prod", "snet-jumpbox")],
        &t("prod", "internal", "ops"),
    ));
    book.plant(
        "Azure",
        "nsg-jumpbox (NSG, prod)",
        "RDP (3389) allowed from Internet",
        "nsg-claims-api (SSH only from 10.0.0.0/8)",
    );
    v.push(azure::nsg(
        rng,
        &data,
        "nsg-analytics",
        &[inbound(
            "allow-db-range",
            100,
            &["*"],
            &["1433", "5432-5433"],
        )],
        &[subnet(&data, "vnet-larkspur-prod", "snet-analytics")],
        &t("prod", "phi", "analytics"),
    ));
    book.plant(
        "Azure",
        "nsg-analytics (NSG, prod)",
        "SQL Server and PostgreSQL ports allowed from any source (*)",
        "nsg-claims-api",
    );
    v.push(azure::nsg(
        rng,
        &eu,
        "nsg-portal-eu-web",
        &[inbound("allow-https", 100, &["Internet"], &["443"])],
        &[],
        &t("prod", "phi", "patient-portal"),
    ));

    // Key Vaults.
    v.push(azure::key_vault(
        rng,
        &portal,
        "kv-lkh-prod-portal",
        Some(true),
        true,
        false,
        "Deny",
        1,
        &t("prod", "phi", "patient-portal"),
    ));
    v.push(azure::key_vault(
        rng,
        &claims,
        "kv-lkh-prod-claims",
        Some(true),
        true,
        false,
        "Deny",
        1,
        &t("prod", "financial", "claims"),
    ));
    v.push(azure::key_vault(
        rng,
        &data,
        "kv-lkh-prod-analytics",
        None,
        false,
        true,
        "Allow",
        0,
        &t("prod", "phi", "analytics"),
    ));
    book.plant("Azure", "kv-lkh-prod-analytics (Key Vault, prod)", "purge protection off, public network access with default action Allow, access policies instead of RBAC", "kv-lkh-prod-portal");

    // VMs and disks.
    let linux = azure::Vm {
        size: "Standard_D4s_v5",
        windows: false,
        password_auth_disabled: true,
        encryption_at_host: true,
        identity: true,
        trusted_launch: true,
    };
    for i in 1..=10 {
        let (row, disk) = azure::vm(
            rng,
            &claims,
            &format!("vm-claims-batch-{i:02}"),
            &linux,
            &t("prod", "financial", "claims"),
        );
        let vm_id = row["id"].as_str().unwrap_or_default().to_owned();
        v.push(row);
        v.push(azure::disk(
            rng,
            &claims,
            &disk,
            128,
            true,
            Some(&vm_id),
            "DenyAll",
            &t("prod", "financial", "claims"),
        ));
    }
    let weak = azure::Vm {
        size: "Standard_B2ms",
        windows: false,
        password_auth_disabled: false,
        encryption_at_host: false,
        identity: false,
        trusted_launch: false,
    };
    let (row, disk) = azure::vm(
        rng,
        &data,
        "vm-analytics-legacy-01",
        &weak,
        &t("prod", "phi", "analytics"),
    );
    let vm_id = row["id"].as_str().unwrap_or_default().to_owned();
    v.push(row);
    v.push(azure::disk(
        rng,
        &data,
        &disk,
        256,
        false,
        Some(&vm_id),
        "AllowAll",
        &t("prod", "phi", "analytics"),
    ));
    book.plant("Azure", "vm-analytics-legacy-01 (VM, prod)", "Linux password authentication enabled; no encryption at host; no trusted launch; its disk allows network access from all", "vm-claims-batch-01..10");
    let win = azure::Vm {
        size: "Standard_D2s_v5",
        windows: true,
        password_auth_disabled: false,
        encryption_at_host: true,
        identity: true,
        trusted_launch: true,
    };
    let (row, disk) = azure::vm(
        rng,
        &portal,
        "vm-jumpbox-01",
        &win,
        &t("prod", "internal", "ops"),
    );
    let vm_id = row["id"].as_str().unwrap_or_default().to_owned();
    v.push(row);
    v.push(azure::disk(
        rng,
        &portal,
        &disk,
        128,
        true,
        Some(&vm_id),
        "DenyAll",
        &t("prod", "internal", "ops"),
    ));
    v.push(azure::disk(
        rng,
        &data,
        "disk-analytics-scratch-old",
        1024,
        false,
        None,
        "AllowAll",
        &t("prod", "phi", "analytics"),
    ));
    book.plant(
        "Azure",
        "disk-analytics-scratch-old (managed disk, prod)",
        "unattached PHI disk, platform-managed key, network access AllowAll",
        "disks of vm-claims-batch-* (customer key, DenyAll)",
    );

    // Web apps.
    let good = azure::WebApp {
        kind: "app,linux",
        https_only: true,
        tls: Some("1.2"),
        ftps: "Disabled",
        client_cert: false,
        identity: true,
        public: true,
        remote_debug: false,
    };
    v.push(azure::web_app(
        rng,
        &portal,
        "app-lkh-patient-portal",
        &good,
        &t("prod", "phi", "patient-portal"),
    ));
    v.push(azure::web_app(
        rng,
        &portal,
        "app-lkh-patient-portal-api",
        &good,
        &t("prod", "phi", "patient-portal"),
    ));
    let bad = azure::WebApp {
        kind: "app,linux",
        https_only: false,
        tls: Some("1.0"),
        ftps: "AllAllowed",
        client_cert: false,
        identity: false,
        public: true,
        remote_debug: true,
    };
    v.push(azure::web_app(
        rng,
        &claims,
        "app-lkh-provider-lookup",
        &bad,
        &t("prod", "pii", "claims"),
    ));
    book.plant(
        "Azure",
        "app-lkh-provider-lookup (web app, prod)",
        "HTTPS only off, minimum TLS 1.0, FTP allowed, remote debugging on",
        "app-lkh-patient-portal",
    );
    let func = azure::WebApp {
        kind: "functionapp,linux",
        ..good.clone()
    };
    v.push(azure::web_app(
        rng,
        &claims,
        "func-lkh-claims-intake",
        &func,
        &t("prod", "financial", "claims"),
    ));
    let unknown = azure::WebApp {
        tls: None,
        ..good.clone()
    };
    v.push(azure::web_app(
        rng,
        &portal,
        "app-lkh-status-page",
        &unknown,
        &t("prod", "public", "patient-portal"),
    ));
    book.unknown("app-lkh-status-page (web app)", "`siteConfig` settings null in Resource Graph (min TLS, FTPS, remote debugging not observed)");

    for (ty, n, g) in [
        (
            "Microsoft.Network/virtualNetworks",
            "vnet-larkspur-prod",
            &portal,
        ),
        (
            "Microsoft.Network/virtualNetworks",
            "vnet-larkspur-prod-eu",
            &eu,
        ),
        (
            "Microsoft.Network/publicIPAddresses",
            "pip-appgw-portal",
            &portal,
        ),
        (
            "Microsoft.Network/publicIPAddresses",
            "pip-jumpbox-01",
            &portal,
        ),
        (
            "Microsoft.OperationalInsights/workspaces",
            "log-larkspur-prod",
            &portal,
        ),
        (
            "Microsoft.Insights/components",
            "appi-patient-portal",
            &portal,
        ),
        (
            "Microsoft.Insights/components",
            "appi-claims-intake",
            &claims,
        ),
        (
            "Microsoft.Network/publicIPAddresses",
            "pip-appgw-claims",
            &claims,
        ),
        (
            "Microsoft.Network/virtualNetworks",
            "vnet-larkspur-prod-data",
            &data,
        ),
        (
            "Microsoft.OperationalInsights/workspaces",
            "log-larkspur-prod-eu",
            &eu,
        ),
    ] {
        v.push(azure::unmodeled(
            rng,
            g,
            ty,
            n,
            &t("prod", "internal", "platform"),
        ));
    }
    let (rows, _) = azure::governance(
        &mut side_rng("azure-governance-prod"),
        &portal,
        "larkspur-prod",
        true,
        "kv-lkh-prod-portal",
        &[
            (&portal, "lkhprodpatientdocs"),
            (&claims, "lkhprodclaimsarchive"),
        ],
        &[
            (&claims, "lkh-prod-claims-sql"),
            (&portal, "lkh-prod-portal-sql"),
        ],
        &t("prod", "internal", "platform"),
    );
    v.extend(rows);
    azure::place_children(&mut v);
    v
}

fn azure_dev(rng: &mut Rng, book: &mut Book) -> Vec<Value> {
    let dev = rg(SUB_DEV, "rg-larkspur-dev", "eastus");
    let mut v = Vec::new();
    let t = az_tags;
    let mut s = Storage::private();
    s.public_blob = Some(true);
    s.public_network = "Enabled";
    s.default_action = "Allow";
    s.shared_key = Some(true);
    s.private_endpoints = 0;
    v.push(azure::storage_account(
        rng,
        &dev,
        "lkhdevscratch",
        &s,
        &t("dev", "internal", "platform"),
    ));
    book.plant(
        "Azure",
        "lkhdevscratch (storage account, dev)",
        "anonymous blob access allowed; shared key access on; open firewall",
        "lkhdevfixtures",
    );
    v.push(azure::storage_account(
        rng,
        &dev,
        "lkhdevfixtures",
        &Storage::private(),
        &t("dev", "internal", "platform"),
    ));
    v.push(azure::storage_account(
        rng,
        &dev,
        "lkhdevfunctions",
        &Storage::private(),
        &t("dev", "internal", "claims"),
    ));
    v.push(azure::sql_server(
        rng,
        &dev,
        "lkh-dev-sql",
        true,
        "1.0",
        false,
        false,
        &t("dev", "pii", "claims"),
    ));
    v.push(azure::sql_firewall_rule(
        &dev,
        "lkh-dev-sql",
        "dev-anywhere",
        "0.0.0.0",
        "255.255.255.255",
    ));
    book.plant(
        "Azure",
        "lkh-dev-sql (SQL server, dev)",
        "minimal TLS 1.0, no Entra admin, firewall open to all IPv4 (holds a PII copy)",
        "lkh-prod-portal-sql",
    );
    v.push(azure::nsg(
        rng,
        &dev,
        "nsg-dev-vms",
        &[
            inbound("ssh-anywhere", 100, &["0.0.0.0/0"], &["22"]),
            inbound("rdp-anywhere", 110, &["*"], &["3389"]),
        ],
        &[],
        &t("dev", "internal", "platform"),
    ));
    book.plant(
        "Azure",
        "nsg-dev-vms (NSG, dev)",
        "SSH and RDP allowed from the internet",
        "nsg-dev-internal",
    );
    v.push(azure::nsg(
        rng,
        &dev,
        "nsg-dev-internal",
        &[inbound("vnet-only", 100, &["VirtualNetwork"], &["*"])],
        &[],
        &t("dev", "internal", "platform"),
    ));
    v.push(azure::key_vault(
        rng,
        &dev,
        "kv-lkh-dev",
        Some(false),
        true,
        true,
        "Allow",
        0,
        &t("dev", "internal", "platform"),
    ));
    book.plant(
        "Azure",
        "kv-lkh-dev (Key Vault, dev)",
        "purge protection explicitly off; public network access with default Allow",
        "kv-lkh-prod-portal",
    );
    let linux = azure::Vm {
        size: "Standard_B2s",
        windows: false,
        password_auth_disabled: true,
        encryption_at_host: false,
        identity: true,
        trusted_launch: true,
    };
    for i in 1..=4 {
        let (row, disk) = azure::vm(
            rng,
            &dev,
            &format!("vm-dev-build-{i:02}"),
            &linux,
            &t("dev", "internal", "platform"),
        );
        let vm_id = row["id"].as_str().unwrap_or_default().to_owned();
        v.push(row);
        v.push(azure::disk(
            rng,
            &dev,
            &disk,
            64,
            false,
            Some(&vm_id),
            "DenyAll",
            &t("dev", "internal", "platform"),
        ));
    }
    let app = azure::WebApp {
        kind: "app,linux",
        https_only: true,
        tls: Some("1.2"),
        ftps: "FtpsOnly",
        client_cert: false,
        identity: true,
        public: true,
        remote_debug: true,
    };
    v.push(azure::web_app(
        rng,
        &dev,
        "app-lkh-portal-dev",
        &app,
        &t("dev", "internal", "patient-portal"),
    ));
    book.plant(
        "Azure",
        "app-lkh-portal-dev (web app, dev)",
        "remote debugging enabled",
        "app-lkh-patient-portal",
    );
    v.push(azure::web_app(
        rng,
        &dev,
        "func-lkh-claims-dev",
        &azure::WebApp {
            kind: "functionapp,linux",
            remote_debug: false,
            ..app
        },
        &t("dev", "internal", "claims"),
    ));
    for (ty, n) in [
        ("Microsoft.Network/virtualNetworks", "vnet-larkspur-dev"),
        (
            "Microsoft.OperationalInsights/workspaces",
            "log-larkspur-dev",
        ),
        ("Microsoft.Insights/components", "appi-portal-dev"),
    ] {
        v.push(azure::unmodeled(
            rng,
            &dev,
            ty,
            n,
            &t("dev", "internal", "platform"),
        ));
    }
    let (rows, planted) = azure::governance(
        &mut side_rng("azure-governance-dev"),
        &dev,
        "larkspur-dev",
        false,
        "kv-lkh-dev",
        &[(&dev, "lkhdevfixtures")],
        &[(&dev, "lkh-dev-sql")],
        &t("dev", "internal", "platform"),
    );
    v.extend(rows);
    azure::place_children(&mut v);
    for (resource, issue) in planted {
        book.plant(
            "Azure",
            &format!("{resource} (dev)"),
            issue,
            "its larkspur-prod counterpart",
        );
    }
    v
}

fn azure_staging(rng: &mut Rng) -> Vec<Value> {
    let st = rg(SUB_DEV, "rg-larkspur-staging", "westeurope");
    let t = |c: &str, a: &str| az_tags("staging", c, a);
    let mut v = vec![
        azure::storage_account(
            rng,
            &st,
            "lkhstagingportal",
            &Storage::private(),
            &t("internal", "patient-portal"),
        ),
        azure::sql_server(
            rng,
            &st,
            "lkh-staging-sql",
            false,
            "1.2",
            true,
            true,
            &t("internal", "claims"),
        ),
        azure::nsg(
            rng,
            &st,
            "nsg-staging-web",
            &[inbound("allow-https", 100, &["Internet"], &["443"])],
            &[],
            &t("internal", "patient-portal"),
        ),
        azure::key_vault(
            rng,
            &st,
            "kv-lkh-staging",
            Some(true),
            true,
            false,
            "Deny",
            1,
            &t("internal", "platform"),
        ),
    ];
    let linux = azure::Vm {
        size: "Standard_D2s_v5",
        windows: false,
        password_auth_disabled: true,
        encryption_at_host: true,
        identity: true,
        trusted_launch: true,
    };
    for i in 1..=3 {
        let (row, disk) = azure::vm(
            rng,
            &st,
            &format!("vm-staging-web-{i:02}"),
            &linux,
            &t("internal", "patient-portal"),
        );
        let vm_id = row["id"].as_str().unwrap_or_default().to_owned();
        v.push(row);
        v.push(azure::disk(
            rng,
            &st,
            &disk,
            64,
            true,
            Some(&vm_id),
            "DenyAll",
            &t("internal", "patient-portal"),
        ));
    }
    let app = azure::WebApp {
        kind: "app,linux",
        https_only: true,
        tls: Some("1.3"),
        ftps: "Disabled",
        client_cert: true,
        identity: true,
        public: false,
        remote_debug: false,
    };
    v.push(azure::web_app(
        rng,
        &st,
        "app-lkh-portal-staging",
        &app,
        &t("internal", "patient-portal"),
    ));
    v.push(azure::unmodeled(
        rng,
        &st,
        "Microsoft.Network/virtualNetworks",
        "vnet-larkspur-staging",
        &t("internal", "platform"),
    ));
    v
}

// ---------------------------------------------------------------------------------------------
// Azure network paths: one interface per VM, public IPs, a blackhole route table. Added with
// generators of their own, after the rows above, so the original ids stay stable.

fn az_subnet(g: &Rg, vnet: &str, s: &str) -> String {
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{s}",
        g.sub, g.rg
    )
}

/// The interface row of VM `vm` (named `{vm}-nic`, as the VM row references it).
fn az_nic(
    rng: &mut Rng,
    g: &Rg,
    vm: &str,
    subnet: &str,
    pip: Option<&str>,
    nsg: Option<&str>,
    tags: &aws::Tags,
) -> Value {
    let vm_id = g.id("Microsoft.Compute/virtualMachines", vm);
    let pip_id = pip.map(|p| g.id("Microsoft.Network/publicIPAddresses", p));
    let nsg_id = nsg.map(|n| g.id("Microsoft.Network/networkSecurityGroups", n));
    azure::nic(
        rng,
        g,
        &format!("{vm}-nic"),
        &vm_id,
        subnet,
        pip_id.as_deref(),
        nsg_id.as_deref(),
        tags,
    )
}

fn az_ipconfig(g: &Rg, vm: &str) -> String {
    format!(
        "{}/ipConfigurations/ipconfig1",
        g.id("Microsoft.Network/networkInterfaces", &format!("{vm}-nic"))
    )
}

/// Bind an existing public IP row (written before the interfaces existed) to its configuration.
fn bind_public_ip(rng: &mut Rng, rows: &mut [Value], name: &str, ip_configuration: &str) {
    for r in rows.iter_mut().filter(|r| {
        r["type"] == "microsoft.network/publicipaddresses" && r["name"].as_str() == Some(name)
    }) {
        let ip = r["properties"]["ipAddress"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        r["properties"] = azure::public_ip_properties(rng, &ip, ip_configuration);
        r["sku"] = json!({"name": "Standard", "tier": "Regional"});
    }
}

fn azure_paths(
    prod: &mut Vec<Value>,
    dev: &mut Vec<Value>,
    staging: &mut Vec<Value>,
    book: &mut Book,
) {
    let rng = &mut side_rng("azure-paths");
    let portal = rg(SUB_PROD, "rg-larkspur-prod-portal", "eastus");
    let claims = rg(SUB_PROD, "rg-larkspur-prod-claims", "eastus");
    let data = rg(SUB_PROD, "rg-larkspur-prod-data", "eastus2");
    let t = az_tags;

    // Prod: the batch VMs are private; the jump box and the legacy analytics VM have public IPs.
    let batch = az_subnet(&claims, "vnet-larkspur-prod", "snet-claims-api");
    for i in 1..=10 {
        prod.push(az_nic(
            rng,
            &claims,
            &format!("vm-claims-batch-{i:02}"),
            &batch,
            None,
            None,
            &t("prod", "financial", "claims"),
        ));
    }
    prod.push(az_nic(
        rng,
        &portal,
        "vm-jumpbox-01",
        &az_subnet(&portal, "vnet-larkspur-prod", "snet-jumpbox"),
        Some("pip-jumpbox-01"),
        None,
        &t("prod", "internal", "ops"),
    ));
    bind_public_ip(
        rng,
        prod,
        "pip-jumpbox-01",
        &az_ipconfig(&portal, "vm-jumpbox-01"),
    );
    for (pip, agw) in [
        ("pip-appgw-portal", "agw-portal"),
        ("pip-appgw-claims", "agw-claims"),
    ] {
        let g = if agw == "agw-portal" {
            &portal
        } else {
            &claims
        };
        let frontend = format!(
            "{}/frontendIPConfigurations/appGwPublicFrontendIp",
            g.id("Microsoft.Network/applicationGateways", agw)
        );
        bind_public_ip(rng, prod, pip, &frontend);
    }
    // The legacy analytics VMs: SSH from the internet on the interface NSG. The second one sits in
    // a subnet whose route table drops 0.0.0.0/0, so its public IP leads nowhere.
    prod.push(azure::nsg(
        rng,
        &data,
        "nsg-analytics-legacy",
        &[inbound("vendor-support-ssh", 100, &["Internet"], &["22"])],
        &[],
        &t("prod", "phi", "analytics"),
    ));
    book.plant(
        "Azure",
        "nsg-analytics-legacy (NSG on the legacy analytics VMs' interfaces, prod)",
        "SSH (22) allowed from Internet for vendor support",
        "nsg-claims-api (SSH only from 10.0.0.0/8)",
    );
    let private = az_subnet(&data, "vnet-larkspur-prod-data", "snet-analytics-private");
    prod.push(azure::route_table(
        rng,
        &data,
        "rt-analytics-private",
        &[
            ("drop-internet", "0.0.0.0/0", "None"),
            ("to-vnet", "10.30.0.0/16", "VnetLocal"),
        ],
        std::slice::from_ref(&private),
        &t("prod", "internal", "platform"),
    ));
    let weak = azure::Vm {
        size: "Standard_B2ms",
        windows: false,
        password_auth_disabled: false,
        encryption_at_host: false,
        identity: false,
        trusted_launch: false,
    };
    let (row, disk) = azure::vm(
        rng,
        &data,
        "vm-analytics-legacy-02",
        &weak,
        &t("prod", "phi", "analytics"),
    );
    let vm_id = row["id"].as_str().unwrap_or_default().to_owned();
    prod.push(row);
    prod.push(azure::disk(
        rng,
        &data,
        &disk,
        256,
        true,
        Some(&vm_id),
        "DenyAll",
        &t("prod", "phi", "analytics"),
    ));
    book.plant(
        "Azure",
        "vm-analytics-legacy-02 (VM, prod)",
        "Linux password authentication enabled, public IP, SSH open on its interface NSG (the route table of its subnet drops 0.0.0.0/0, so it is not reachable)",
        "vm-claims-batch-01..10",
    );
    for (vm, subnet, ip) in [
        (
            "vm-analytics-legacy-01",
            az_subnet(&data, "vnet-larkspur-prod-data", "snet-analytics-legacy"),
            "203.0.113.41",
        ),
        ("vm-analytics-legacy-02", private.clone(), "203.0.113.42"),
    ] {
        let pip = format!("pip-{}", vm.trim_start_matches("vm-"));
        prod.push(azure::public_ip(
            rng,
            &data,
            &pip,
            ip,
            &az_ipconfig(&data, vm),
            &t("prod", "phi", "analytics"),
        ));
        prod.push(az_nic(
            rng,
            &data,
            vm,
            &subnet,
            Some(&pip),
            Some("nsg-analytics-legacy"),
            &t("prod", "phi", "analytics"),
        ));
    }
    book.toxic(
        "risk.toxic.azure_exposed_vm_ssh_password",
        "vm-analytics-legacy-01 (prod): public IP 203.0.113.41 on vm-analytics-legacy-01-nic → system route 0.0.0.0/0 → Internet (no route table on snet-analytics-legacy) → nsg-analytics-legacy admits SSH (22) from Internet → Linux with password authentication enabled",
        "vm-analytics-legacy-02 (identical, but rt-analytics-private sends 0.0.0.0/0 to `None`); vm-dev-build-01 (dev: reachable, but password authentication disabled); vm-jumpbox-01 (reachable over RDP, but Windows)",
    );

    // Dev: one build VM with a public IP behind nsg-dev-vms, the others internal.
    let dev_g = rg(SUB_DEV, "rg-larkspur-dev", "eastus");
    let build = az_subnet(&dev_g, "vnet-larkspur-dev", "snet-dev-build");
    dev.push(azure::public_ip(
        rng,
        &dev_g,
        "pip-dev-build-01",
        "198.51.100.71",
        &az_ipconfig(&dev_g, "vm-dev-build-01"),
        &t("dev", "internal", "platform"),
    ));
    for i in 1..=4 {
        let (pip, nsg) = if i == 1 {
            (Some("pip-dev-build-01"), "nsg-dev-vms")
        } else {
            (None, "nsg-dev-internal")
        };
        dev.push(az_nic(
            rng,
            &dev_g,
            &format!("vm-dev-build-{i:02}"),
            &build,
            pip,
            Some(nsg),
            &t("dev", "internal", "platform"),
        ));
    }

    // Staging: private web VMs behind nsg-staging-web.
    let st = rg(SUB_DEV, "rg-larkspur-staging", "westeurope");
    let web = az_subnet(&st, "vnet-larkspur-staging", "snet-web");
    for i in 1..=3 {
        staging.push(az_nic(
            rng,
            &st,
            &format!("vm-staging-web-{i:02}"),
            &web,
            None,
            Some("nsg-staging-web"),
            &az_tags("staging", "internal", "patient-portal"),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// GCP

fn project(id: &str, number: &str) -> Project {
    Project {
        id: id.into(),
        number: number.into(),
        ancestors: vec![
            "folders/577215664901".into(),
            "organizations/271828182845".into(),
        ],
    }
}

const SCOPE_ALL: &str = "https://www.googleapis.com/auth/cloud-platform";

fn gcp_prod(rng: &mut Rng, book: &mut Book) -> Vec<gcp::Asset> {
    let p = project("larkspur-prod", "718281828459");
    let mut v = Vec::new();
    let l = gcp_labels;
    v.push(gcp::project(
        rng,
        &p,
        vec![
            (
                "roles/owner",
                vec!["group:gcp-admins@larkspur-health.example".into()],
            ),
            (
                "roles/editor",
                vec![format!(
                    "serviceAccount:{}-compute@developer.gserviceaccount.com",
                    p.number
                )],
            ),
            (
                "roles/viewer",
                vec!["group:engineering@larkspur-health.example".into()],
            ),
            (
                "roles/cloudsql.client",
                vec![format!(
                    "serviceAccount:claims-api@{}.iam.gserviceaccount.com",
                    p.id
                )],
            ),
            (
                "roles/bigquery.dataViewer",
                vec!["group:analysts@larkspur-health.example".into()],
            ),
        ],
        vec![("allServices", vec!["ADMIN_READ", "DATA_READ", "DATA_WRITE"])],
        &l("prod", "phi", "platform"),
    ));
    book.plant(
        "GCP",
        "larkspur-prod (project IAM)",
        "default compute service account holds roles/editor",
        "larkspur-dev keeps it off; app service accounts have narrow roles",
    );
    v.push(gcp::network(rng, &p, "default", true));
    book.plant(
        "GCP",
        "default network (larkspur-prod)",
        "the auto-mode default network still exists",
        "larkspur-prod-vpc (custom mode)",
    );
    v.push(gcp::network(rng, &p, "larkspur-prod-vpc", false));
    let fw = |net: &str,
              sources: &[&'static str],
              allowed: Vec<(&'static str, Vec<&'static str>)>,
              tags: &[&'static str],
              disabled: bool| gcp::Firewall {
        network: net.into(),
        direction: "INGRESS",
        priority: 1000,
        sources: sources.to_vec(),
        allowed,
        target_tags: tags.to_vec(),
        disabled,
        logging: !disabled,
    };
    v.push(gcp::firewall(
        rng,
        &p,
        "default-allow-ssh",
        &fw(
            "default",
            &["0.0.0.0/0"],
            vec![("tcp", vec!["22"])],
            &[],
            false,
        ),
    ));
    book.plant(
        "GCP",
        "default-allow-ssh (firewall, larkspur-prod)",
        "SSH (22) from 0.0.0.0/0 to every instance on the default network",
        "allow-ssh-from-iap (35.235.240.0/20 only)",
    );
    v.push(gcp::firewall(
        rng,
        &p,
        "default-allow-rdp",
        &fw(
            "default",
            &["0.0.0.0/0"],
            vec![("tcp", vec!["3389"])],
            &[],
            false,
        ),
    ));
    book.plant(
        "GCP",
        "default-allow-rdp (firewall, larkspur-prod)",
        "RDP (3389) from 0.0.0.0/0",
        "allow-ssh-from-iap",
    );
    v.push(gcp::firewall(
        rng,
        &p,
        "default-allow-internal",
        &fw(
            "default",
            &["10.128.0.0/9"],
            vec![
                ("tcp", vec!["0-65535"]),
                ("udp", vec!["0-65535"]),
                ("icmp", vec![]),
            ],
            &[],
            false,
        ),
    ));
    v.push(gcp::firewall(
        rng,
        &p,
        "default-allow-icmp",
        &fw(
            "default",
            &["0.0.0.0/0"],
            vec![("icmp", vec![])],
            &[],
            false,
        ),
    ));
    v.push(gcp::firewall(
        rng,
        &p,
        "allow-ssh-from-iap",
        &fw(
            "larkspur-prod-vpc",
            &["35.235.240.0/20"],
            vec![("tcp", vec!["22"])],
            &["ssh"],
            false,
        ),
    ));
    v.push(gcp::firewall(
        rng,
        &p,
        "allow-https-lb",
        &fw(
            "larkspur-prod-vpc",
            &["130.211.0.0/22", "35.191.0.0/16"],
            vec![("tcp", vec!["443", "8080"])],
            &["web"],
            false,
        ),
    ));
    v.push(gcp::firewall(
        rng,
        &p,
        "allow-all-temp-debug",
        &fw(
            "larkspur-prod-vpc",
            &["0.0.0.0/0"],
            vec![("all", vec![])],
            &["debug"],
            true,
        ),
    ));
    book.plant(
        "GCP",
        "allow-all-temp-debug (firewall, larkspur-prod)",
        "all protocols from 0.0.0.0/0, but disabled (should be not applicable, not a failure)",
        "-",
    );
    let sa = |n: &str| format!("{n}@{}.iam.gserviceaccount.com", p.id);
    let hardened = |sa_email: String, tags: Vec<&'static str>| gcp::Vm {
        zone: "us-central1-b",
        machine: "e2-standard-4",
        network: "larkspur-prod-vpc".into(),
        external_ip: false,
        net_tags: tags,
        sa: Some((sa_email, vec![SCOPE_ALL])),
        metadata: vec![
            ("enable-oslogin", "TRUE"),
            ("block-project-ssh-keys", "true"),
        ],
        shielded: (true, true, true),
        ip_forward: false,
    };
    for i in 1..=10 {
        v.push(gcp::instance(
            rng,
            &p,
            &format!("analytics-worker-{i:02}"),
            &hardened(sa("analytics-worker"), vec!["ssh"]),
            &l("prod", "phi", "analytics"),
        ));
    }
    for i in 1..=3 {
        v.push(gcp::instance(
            rng,
            &p,
            &format!("ml-scoring-{i:02}"),
            &hardened(sa("ml-scoring"), vec!["web"]),
            &l("prod", "phi", "analytics"),
        ));
    }
    let weak = gcp::Vm {
        zone: "us-central1-a",
        machine: "n1-standard-2",
        network: "default".into(),
        external_ip: true,
        net_tags: vec![],
        sa: Some((
            format!("{}-compute@developer.gserviceaccount.com", p.number),
            vec![SCOPE_ALL],
        )),
        metadata: vec![("serial-port-enable", "true")],
        shielded: (false, true, false),
        ip_forward: true,
    };
    v.push(gcp::instance(
        rng,
        &p,
        "legacy-reporting-vm",
        &weak,
        &l("prod", "pii", "analytics"),
    ));
    book.plant("GCP", "legacy-reporting-vm (instance, larkspur-prod)", "external IP on the default network; default compute SA with cloud-platform scope; serial port enabled; no secure boot; IP forwarding", "analytics-worker-01..10");

    // Buckets.
    let good = |kms: Option<String>| gcp::Bucket {
        location: "US",
        uniform: true,
        pap: "enforced",
        versioning: true,
        log_bucket: Some("larkspur-prod-gcs-access-logs".into()),
        retention: None,
        kms,
        iam: vec![],
    };
    let key = format!(
        "projects/{}/locations/us/keyRings/larkspur-prod/cryptoKeys/phi-data",
        p.id
    );
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-prod-claims-edi",
        &good(Some(key.clone())),
        &l("prod", "financial", "claims"),
    ));
    let public = gcp::Bucket {
        location: "US",
        uniform: true,
        pap: "inherited",
        versioning: false,
        log_bucket: None,
        retention: None,
        kms: None,
        iam: vec![("roles/storage.objectViewer", vec!["allUsers".into()])],
    };
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-prod-patient-uploads",
        &public,
        &l("prod", "phi", "patient-portal"),
    ));
    book.plant("GCP", "larkspur-prod-patient-uploads (bucket, PHI)", "IAM grants roles/storage.objectViewer to allUsers; public access prevention not enforced; no versioning", "larkspur-prod-claims-edi (enforced, uniform access, CMEK, versioning)");
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-prod-ml-models",
        &good(Some(key.clone())),
        &l("prod", "internal", "analytics"),
    ));
    let mut retained = good(None);
    retained.retention = Some((220_752_000, true));
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-prod-audit-archive",
        &retained,
        &l("prod", "internal", "security"),
    ));
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-prod-gcs-access-logs",
        &good(None),
        &l("prod", "internal", "security"),
    ));
    let legacy = gcp::Bucket {
        location: "US-CENTRAL1",
        uniform: false,
        pap: "inherited",
        versioning: false,
        log_bucket: None,
        retention: None,
        kms: None,
        iam: vec![],
    };
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-prod-legacy-reports",
        &legacy,
        &l("prod", "pii", "analytics"),
    ));
    book.plant(
        "GCP",
        "larkspur-prod-legacy-reports (bucket)",
        "uniform bucket-level access off (object ACLs in use); no versioning or logging",
        "larkspur-prod-ml-models",
    );

    // Cloud SQL.
    v.push(gcp::sql_instance(
        rng,
        &p,
        "claims-pg-prod",
        "us-central1",
        &gcp::Sql {
            version: "POSTGRES_16",
            ipv4: true,
            networks: vec!["0.0.0.0/0"],
            ssl_mode: Some("ALLOW_UNENCRYPTED_AND_ENCRYPTED"),
            backups: true,
            flags: vec![
                ("log_connections", "off"),
                ("log_min_duration_statement", "-1"),
            ],
            private_network: None,
            deletion_protection: true,
        },
        &l("prod", "financial", "claims"),
    ));
    book.plant("GCP", "claims-pg-prod (Cloud SQL)", "public IP with authorized network 0.0.0.0/0; unencrypted connections allowed; log_connections off", "portal-pg-prod (private IP only, ENCRYPTED_ONLY)");
    v.push(gcp::sql_instance(
        rng,
        &p,
        "portal-pg-prod",
        "us-central1",
        &gcp::Sql {
            version: "POSTGRES_16",
            ipv4: false,
            networks: vec![],
            ssl_mode: Some("ENCRYPTED_ONLY"),
            backups: true,
            flags: vec![
                ("log_connections", "on"),
                ("log_disconnections", "on"),
                ("cloudsql.enable_pgaudit", "on"),
            ],
            private_network: Some(format!(
                "projects/{}/global/networks/larkspur-prod-vpc",
                p.id
            )),
            deletion_protection: true,
        },
        &l("prod", "phi", "patient-portal"),
    ));
    v.push(gcp::sql_instance(
        rng,
        &p,
        "analytics-mysql-prod",
        "us-central1",
        &gcp::Sql {
            version: "MYSQL_8_0",
            ipv4: false,
            networks: vec![],
            ssl_mode: None,
            backups: true,
            flags: vec![("local_infile", "off")],
            private_network: Some(format!(
                "projects/{}/global/networks/larkspur-prod-vpc",
                p.id
            )),
            deletion_protection: true,
        },
        &l("prod", "phi", "analytics"),
    ));
    book.unknown(
        "analytics-mysql-prod (Cloud SQL)",
        "no `sslMode`/`requireSsl` in the asset: SSL enforcement not observed",
    );

    // KMS.
    let ring_iam = vec![(
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        vec![format!(
            "serviceAccount:service-{}@gs-project-accounts.iam.gserviceaccount.com",
            p.number
        )],
    )];
    v.push(gcp::crypto_key(
        rng,
        &p,
        "us",
        "larkspur-prod",
        "phi-data",
        Some(7_776_000),
        ring_iam.clone(),
        &l("prod", "phi", "security"),
    ));
    v.push(gcp::crypto_key(
        rng,
        &p,
        "us",
        "larkspur-prod",
        "claims-signing",
        Some(7_776_000),
        vec![],
        &l("prod", "financial", "claims"),
    ));
    v.push(gcp::crypto_key(
        rng,
        &p,
        "us",
        "larkspur-prod",
        "analytics-export",
        None,
        vec![],
        &l("prod", "phi", "analytics"),
    ));
    book.plant(
        "GCP",
        "analytics-export (KMS key, larkspur-prod)",
        "no rotation period",
        "phi-data (90-day rotation)",
    );

    // BigQuery.
    v.push(gcp::dataset(
        rng,
        &p,
        "phi_warehouse",
        "US",
        Some(&key),
        false,
        &l("prod", "phi", "analytics"),
    ));
    v.push(gcp::dataset(
        rng,
        &p,
        "claims_marts",
        "US",
        Some(&key),
        false,
        &l("prod", "financial", "analytics"),
    ));
    v.push(gcp::dataset(
        rng,
        &p,
        "public_benchmarks",
        "US",
        None,
        true,
        &l("prod", "public", "analytics"),
    ));
    book.plant(
        "GCP",
        "public_benchmarks (BigQuery dataset)",
        "readable by allAuthenticatedUsers (public data; a true finding to except)",
        "claims_marts (project groups only, CMEK)",
    );
    v.push(gcp::dataset(
        rng,
        &p,
        "portal_events",
        "US",
        None,
        false,
        &l("prod", "pii", "patient-portal"),
    ));

    for (ty, n) in [
        ("pubsub.googleapis.com/Topic", "claims-adjudicated"),
        ("pubsub.googleapis.com/Topic", "portal-events"),
        ("pubsub.googleapis.com/Topic", "ml-scoring-requests"),
        ("iam.googleapis.com/ServiceAccount", "analytics-worker"),
        ("iam.googleapis.com/ServiceAccount", "ml-scoring"),
        ("iam.googleapis.com/ServiceAccount", "claims-api"),
        (
            "compute.googleapis.com/Subnetwork",
            "larkspur-prod-vpc-analytics",
        ),
        ("compute.googleapis.com/Subnetwork", "larkspur-prod-vpc-ml"),
        ("container.googleapis.com/Cluster", "analytics-gke-prod"),
        ("pubsub.googleapis.com/Topic", "claims-remittance"),
        ("iam.googleapis.com/ServiceAccount", "portal-events-writer"),
        ("compute.googleapis.com/Subnetwork", "larkspur-prod-vpc-gke"),
        ("container.googleapis.com/Cluster", "ml-gke-prod"),
    ] {
        v.push(gcp::unmodeled(
            rng,
            &p,
            ty,
            n,
            &l("prod", "internal", "analytics"),
        ));
    }
    let (assets, _) = gcp::governance(
        &mut side_rng("gcp-governance-prod"),
        &p,
        true,
        &l("prod", "internal", "platform"),
    );
    v.extend(assets);
    v
}

fn gcp_dev(rng: &mut Rng, book: &mut Book) -> Vec<gcp::Asset> {
    let p = project("larkspur-dev", "161803398874");
    let mut v = Vec::new();
    let l = gcp_labels;
    v.push(gcp::project(
        rng,
        &p,
        vec![
            (
                "roles/owner",
                vec![
                    "group:gcp-admins@larkspur-health.example".into(),
                    "user:former.contractor@freemail.example".into(),
                ],
            ),
            (
                "roles/editor",
                vec!["group:engineering@larkspur-health.example".into()],
            ),
            (
                "roles/iam.serviceAccountTokenCreator",
                vec!["group:engineering@larkspur-health.example".into()],
            ),
        ],
        vec![],
        &l("dev", "internal", "platform"),
    ));
    book.plant("GCP", "larkspur-dev (project IAM)", "roles/owner held by an external personal account; no audit log configuration; engineers can mint SA tokens", "larkspur-prod (audit logs for allServices)");
    v.push(gcp::network(rng, &p, "default", true));
    v.push(gcp::network(rng, &p, "larkspur-dev-vpc", false));
    let fw = |net: &str, src: &[&'static str], port: &'static str, tags: &[&'static str]| {
        gcp::Firewall {
            network: net.into(),
            direction: "INGRESS",
            priority: 1000,
            sources: src.to_vec(),
            allowed: vec![("tcp", vec![port])],
            target_tags: tags.to_vec(),
            disabled: false,
            logging: false,
        }
    };
    v.push(gcp::firewall(
        rng,
        &p,
        "default-allow-ssh",
        &fw("default", &["0.0.0.0/0"], "22", &[]),
    ));
    v.push(gcp::firewall(
        rng,
        &p,
        "allow-jupyter-anywhere",
        &fw("larkspur-dev-vpc", &["0.0.0.0/0"], "8888", &["notebook"]),
    ));
    book.plant(
        "GCP",
        "allow-jupyter-anywhere (firewall, larkspur-dev)",
        "Jupyter (8888) open to 0.0.0.0/0 with logging off",
        "allow-ssh-from-iap (dev)",
    );
    v.push(gcp::firewall(
        rng,
        &p,
        "allow-ssh-from-iap",
        &fw("larkspur-dev-vpc", &["35.235.240.0/20"], "22", &["ssh"]),
    ));
    v.push(gcp::firewall(
        rng,
        &p,
        "allow-mysql-anywhere",
        &fw("larkspur-dev-vpc", &["0.0.0.0/0"], "3306", &["db"]),
    ));
    book.plant(
        "GCP",
        "allow-mysql-anywhere (firewall, larkspur-dev)",
        "MySQL (3306) open to 0.0.0.0/0",
        "allow-ssh-from-iap",
    );
    for i in 1..=4 {
        let vm = gcp::Vm {
            zone: "us-central1-c",
            machine: "e2-medium",
            network: "larkspur-dev-vpc".into(),
            external_ip: i == 4,
            net_tags: vec!["ssh", "notebook"],
            sa: Some((
                format!("dev-workbench@{}.iam.gserviceaccount.com", p.id),
                vec![
                    "https://www.googleapis.com/auth/devstorage.read_only",
                    "https://www.googleapis.com/auth/logging.write",
                ],
            )),
            metadata: vec![("enable-oslogin", "TRUE")],
            shielded: (true, true, true),
            ip_forward: false,
        };
        v.push(gcp::instance(
            rng,
            &p,
            &format!("dev-workbench-{i:02}"),
            &vm,
            &l("dev", "internal", "analytics"),
        ));
    }
    book.plant(
        "GCP",
        "dev-workbench-04 (instance, larkspur-dev)",
        "external IP, reachable through allow-jupyter-anywhere",
        "dev-workbench-01..03 (internal only)",
    );
    let b = gcp::Bucket {
        location: "US-CENTRAL1",
        uniform: true,
        pap: "inherited",
        versioning: false,
        log_bucket: None,
        retention: None,
        kms: None,
        iam: vec![(
            "roles/storage.objectViewer",
            vec!["allAuthenticatedUsers".into()],
        )],
    };
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-dev-ml-scratch",
        &b,
        &l("dev", "internal", "analytics"),
    ));
    book.plant(
        "GCP",
        "larkspur-dev-ml-scratch (bucket)",
        "readable by allAuthenticatedUsers",
        "larkspur-dev-fixtures",
    );
    let ok = gcp::Bucket {
        location: "US-CENTRAL1",
        uniform: true,
        pap: "enforced",
        versioning: true,
        log_bucket: None,
        retention: None,
        kms: None,
        iam: vec![],
    };
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-dev-fixtures",
        &ok,
        &l("dev", "internal", "platform"),
    ));
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-dev-terraform-state",
        &ok,
        &l("dev", "internal", "platform"),
    ));
    v.push(gcp::sql_instance(
        rng,
        &p,
        "claims-pg-dev",
        "us-central1",
        &gcp::Sql {
            version: "POSTGRES_16",
            ipv4: true,
            networks: vec!["203.0.113.0/24"],
            ssl_mode: Some("ENCRYPTED_ONLY"),
            backups: false,
            flags: vec![],
            private_network: None,
            deletion_protection: false,
        },
        &l("dev", "pii", "claims"),
    ));
    book.plant(
        "GCP",
        "claims-pg-dev (Cloud SQL)",
        "automated backups off; no deletion protection",
        "portal-pg-prod",
    );
    v.push(gcp::crypto_key(
        rng,
        &p,
        "us-central1",
        "larkspur-dev",
        "dev-data",
        None,
        vec![],
        &l("dev", "internal", "platform"),
    ));
    book.plant(
        "GCP",
        "dev-data (KMS key, larkspur-dev)",
        "no rotation period",
        "phi-data (prod)",
    );
    v.push(gcp::dataset(
        rng,
        &p,
        "dev_sandbox",
        "US",
        None,
        false,
        &l("dev", "internal", "analytics"),
    ));
    for (ty, n) in [
        ("pubsub.googleapis.com/Topic", "claims-adjudicated-dev"),
        ("iam.googleapis.com/ServiceAccount", "dev-workbench"),
        ("compute.googleapis.com/Subnetwork", "larkspur-dev-vpc-app"),
    ] {
        v.push(gcp::unmodeled(
            rng,
            &p,
            ty,
            n,
            &l("dev", "internal", "platform"),
        ));
    }
    let (assets, planted) = gcp::governance(
        &mut side_rng("gcp-governance-dev"),
        &p,
        false,
        &l("dev", "internal", "platform"),
    );
    v.extend(assets);
    for (resource, issue) in planted {
        book.plant(
            "GCP",
            &format!("{resource} (larkspur-dev)"),
            issue,
            "its larkspur-prod counterpart",
        );
    }
    v
}

fn gcp_staging(rng: &mut Rng) -> Vec<gcp::Asset> {
    let p = project("larkspur-staging", "141421356237");
    let l = |c: &str, a: &str| gcp_labels("staging", c, a);
    let mut v = vec![gcp::project(
        rng,
        &p,
        vec![
            (
                "roles/owner",
                vec!["group:gcp-admins@larkspur-health.example".into()],
            ),
            (
                "roles/viewer",
                vec!["group:engineering@larkspur-health.example".into()],
            ),
        ],
        vec![("allServices", vec!["ADMIN_READ"])],
        &l("internal", "platform"),
    )];
    v.push(gcp::network(rng, &p, "larkspur-staging-vpc", false));
    v.push(gcp::firewall(
        rng,
        &p,
        "allow-ssh-from-iap",
        &gcp::Firewall {
            network: "larkspur-staging-vpc".into(),
            direction: "INGRESS",
            priority: 1000,
            sources: vec!["35.235.240.0/20"],
            allowed: vec![("tcp", vec!["22"])],
            target_tags: vec!["ssh"],
            disabled: false,
            logging: true,
        },
    ));
    for i in 1..=3 {
        let vm = gcp::Vm {
            zone: "europe-west1-b",
            machine: "e2-standard-2",
            network: "larkspur-staging-vpc".into(),
            external_ip: false,
            net_tags: vec!["ssh"],
            sa: Some((
                format!("staging-app@{}.iam.gserviceaccount.com", p.id),
                vec![SCOPE_ALL],
            )),
            metadata: vec![("enable-oslogin", "TRUE")],
            shielded: (true, true, true),
            ip_forward: false,
        };
        v.push(gcp::instance(
            rng,
            &p,
            &format!("staging-app-{i:02}"),
            &vm,
            &l("internal", "patient-portal"),
        ));
    }
    v.push(gcp::bucket(
        rng,
        &p,
        "larkspur-staging-assets",
        &gcp::Bucket {
            location: "EU",
            uniform: true,
            pap: "enforced",
            versioning: true,
            log_bucket: None,
            retention: None,
            kms: None,
            iam: vec![],
        },
        &l("public", "patient-portal"),
    ));
    v.push(gcp::sql_instance(
        rng,
        &p,
        "portal-pg-staging",
        "europe-west1",
        &gcp::Sql {
            version: "POSTGRES_16",
            ipv4: false,
            networks: vec![],
            ssl_mode: Some("ENCRYPTED_ONLY"),
            backups: true,
            flags: vec![],
            private_network: Some(format!(
                "projects/{}/global/networks/larkspur-staging-vpc",
                p.id
            )),
            deletion_protection: true,
        },
        &l("internal", "patient-portal"),
    ));
    v.push(gcp::crypto_key(
        rng,
        &p,
        "europe-west1",
        "larkspur-staging",
        "staging-data",
        Some(7_776_000),
        vec![],
        &l("internal", "platform"),
    ));
    v.push(gcp::dataset(
        rng,
        &p,
        "staging_events",
        "EU",
        None,
        false,
        &l("internal", "patient-portal"),
    ));
    v.push(gcp::unmodeled(
        rng,
        &p,
        "pubsub.googleapis.com/Topic",
        "portal-events-staging",
        &l("internal", "patient-portal"),
    ));
    v
}

// ---------------------------------------------------------------------------------------------
// GCP network paths: the subnetworks the instances' interfaces name, and routes. Every network
// has its default internet route except the staging VPC, which was built without one (only the
// restricted Google APIs range goes to the internet gateway).

fn gcp_paths(project_id: &str, assets: &mut Vec<gcp::Asset>, book: &mut Book) {
    let Some(number) = assets
        .first()
        .and_then(|a| a.ancestors.first())
        .and_then(|a| a.strip_prefix("projects/"))
        .map(str::to_owned)
    else {
        return;
    };
    let p = project(project_id, &number);
    let rng = &mut side_rng(&format!("gcp-paths-{project_id}"));
    let networks: Vec<(String, bool)> = assets
        .iter()
        .filter(|a| a.asset_type == "compute.googleapis.com/Network")
        .map(|a| {
            (
                a.data["name"].as_str().unwrap_or_default().to_owned(),
                a.data["autoCreateSubnetworks"] == json!(true),
            )
        })
        .collect();
    // Subnetworks written earlier named a network that does not exist: attach them to the
    // project's custom VPC.
    let custom = networks
        .iter()
        .find(|(_, auto)| !auto)
        .map(|(n, _)| n.clone())
        .unwrap_or_default();
    for a in assets
        .iter_mut()
        .filter(|a| a.asset_type == "compute.googleapis.com/Subnetwork")
    {
        a.data["network"] = json!(gcp::network_url(&p, &custom));
    }
    let mut added = Vec::new();
    let mut cidr = 0u8;
    for (net, auto) in &networks {
        let regions: &[&str] = if *auto {
            &["us-central1", "europe-west1"]
        } else if project_id == "larkspur-staging" {
            &["europe-west1"]
        } else {
            &["us-central1"]
        };
        let mut links = Vec::new();
        for region in regions {
            cidr += 1;
            let range = if *auto {
                format!("10.{}.0.0/20", 128 + cidr)
            } else {
                format!("10.{}.0.0/20", 40 + cidr)
            };
            let sn = gcp::subnetwork(rng, &p, net, region, net, &range, !auto);
            links.push(sn.data["selfLink"].clone());
            added.push(sn);
        }
        for a in assets.iter_mut().filter(|a| {
            a.asset_type == "compute.googleapis.com/Network" && a.data["name"] == json!(net)
        }) {
            let mut all = links.clone();
            if !auto {
                all.extend(
                    a.data["subnetworks"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|l| !l.as_str().unwrap_or_default().ends_with("-app"))
                        .cloned(),
                );
            }
            a.data["subnetworks"] = Value::Array(all);
        }
        if project_id == "larkspur-staging" {
            added.push(gcp::route(
                rng,
                &p,
                "restricted-google-apis",
                net,
                "199.36.153.4/30",
                900,
                "restricted.googleapis.com only; the default internet route was deleted",
            ));
        } else {
            let name = format!("default-route-{}", rng.hex(16));
            added.push(gcp::route(
                rng,
                &p,
                &name,
                net,
                "0.0.0.0/0",
                1000,
                "Default route to the Internet.",
            ));
        }
    }
    if project_id == "larkspur-staging" {
        book.path("GCP: larkspur-staging-vpc has no default internet route (only `restricted-google-apis`, 199.36.153.4/30): whatever its firewall rules allow, nothing in it is reachable from the internet. Every other network has its `default-route-…` (0.0.0.0/0 → `default-internet-gateway`).");
    }
    assets.extend(added);
}

// ---------------------------------------------------------------------------------------------
// Writing

#[derive(Default)]
struct FileLog {
    files: Vec<(String, &'static str, usize, u64)>,
}

fn write_text(dir: &Path, rel: &str, text: &str) -> io::Result<u64> {
    let (mut sink, path) = out::create(dir, rel, None)?;
    sink.write_all(text.as_bytes())?;
    out::finish(sink, &path)
}

pub(crate) fn write(dir: &Path) -> io::Result<EstateStats> {
    let mut rng = Rng::new(0x4c41_524b_5350_5552); // "LARKSPUR"
    let mut book = Book::default();
    let mut stats = EstateStats::default();
    let mut log = FileLog::default();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();

    // AWS snapshots, one per account x region.
    let mut regions: Vec<(&str, &str, Vec<AwsItem>)> = vec![
        (PROD, "us-east-1", prod_us_east_1(&mut rng, &mut book)),
        (PROD, "eu-west-1", prod_eu_west_1(&mut rng, &mut book)),
        (DEV, "us-east-1", dev_us_east_1(&mut rng, &mut book)),
        (DEV, "eu-west-1", dev_eu_west_1(&mut rng, &mut book)),
    ];
    aws_paths(&mut regions, &mut book);
    aws_services::add(&mut regions, &mut book);
    for (account, region, items) in &regions {
        let snap = rng.uuid();
        let rel = format!("aws/{}", aws::snapshot_key(account, region, &snap));
        let (sink, path) = out::create(dir, &rel, Some(Compression::best()))?;
        let mut w = aws::SnapshotWriter::new(sink, &snap)?;
        let mut n = 0;
        for it in items {
            w.item(it)?;
            if it.status == "OK" {
                n += 1;
                *kinds.entry(format!("AWS {}", it.rtype)).or_default() += 1;
            }
        }
        let bytes = out::finish(w.finish()?, &path)?;
        log.files
            .push((rel, "AWS Config snapshot (file shape, gzip)", n, bytes));
        stats.aws += n;
    }

    // select-resource-config output: rows as JSON strings.
    let mut dr = prod_us_west_2_select(&mut rng, &mut book);
    dr_paths(&mut dr, &mut book);
    let rows: Vec<String> = dr.iter().map(|i| aws::select_row(i).to_string()).collect();
    let doc = json!({
        "QueryInfo": {"SelectFields": aws::SELECT_FIELDS.iter().map(|f| json!({"Name": f})).collect::<Vec<_>>()},
        "Results": rows,
    });
    let rel = "aws/select-resource-config-prod-us-west-2.json".to_owned();
    let bytes = write_text(dir, &rel, &(pretty4(&doc)? + "\n"))?;
    for it in &dr {
        *kinds.entry(format!("AWS {}", it.rtype)).or_default() += 1;
    }
    log.files.push((
        rel,
        "`aws configservice select-resource-config` output (rows as JSON strings)",
        dr.len(),
        bytes,
    ));
    stats.aws += dr.len();

    // API shape: GetResourceConfigHistory, configuration as a JSON string.
    let mut sandbox = dev_us_west_2_api(&mut rng, &mut book);
    sandbox_paths(&mut sandbox);
    let items: Vec<Value> = sandbox
        .iter()
        .map(|i| serde_json::to_value(aws::ApiShape(i)))
        .collect::<Result<_, _>>()?;
    let doc = json!({"configurationItems": items});
    let rel = "aws/get-resource-config-history-dev-us-west-2.json".to_owned();
    let bytes = write_text(dir, &rel, &(pretty4(&doc)? + "\n"))?;
    for it in &sandbox {
        *kinds.entry(format!("AWS {}", it.rtype)).or_default() += 1;
    }
    log.files.push((
        rel,
        "AWS Config API output (`GetResourceConfigHistory`; configuration as JSON strings)",
        sandbox.len(),
        bytes,
    ));
    stats.aws += sandbox.len();

    // What only a live collection sees (EBS snapshots, AMIs, EBS encryption by default), as a
    // Posture inventory document.
    let (rel, doc, n, kinds_here) = aws_services::live_only(&mut book);
    let bytes = write_text(dir, &rel, &(pretty4(&doc)? + "\n"))?;
    for k in kinds_here {
        *kinds.entry(format!("Posture {k}")).or_default() += 1;
    }
    log.files.push((
        rel,
        "Posture inventory JSON (what a live collection adds: EBS snapshots, AMIs, EBS encryption by default)",
        n,
        bytes,
    ));
    stats.aws += n;

    // Credential reports.
    for (account, csv) in cred_users(&mut book) {
        let rel = format!("aws/iam-credential-report-{account}.csv");
        let bytes = write_text(dir, &rel, &csv)?;
        log.files.push((
            rel,
            "IAM credential report (CSV; MFA, passwords, access keys; not a resource list)",
            0,
            bytes,
        ));
    }

    // Azure.
    let mut prod = azure_prod(&mut rng, &mut book);
    let mut dev = azure_dev(&mut rng, &mut book);
    let mut staging = azure_staging(&mut rng);
    azure_paths(&mut prod, &mut dev, &mut staging, &mut book);
    let split = 60.min(prod.len());
    let pages = [
        (
            &prod[..split],
            Some("ew0KICAiJGlkIjogIjEiLA0KICAiTWF4Um93cyI6IDYwLA0KICAiUm93c1RvU2tpcCI6IDYwDQp9"),
        ),
        (&prod[split..], None),
    ];
    for (i, (rows, token)) in pages.iter().enumerate() {
        let rel = format!("azure/resource-graph-prod-page{}.json", i + 1);
        let (sink, path) = out::create(dir, &rel, None)?;
        let sink = azure::write_graph_output(
            sink,
            rows.len(),
            prod.len(),
            *token,
            rows.iter().cloned(),
            true,
        )?;
        let bytes = out::finish(sink, &path)?;
        log.files.push((
            rel,
            "`az graph query` output (`{count, data, skip_token, total_records}`)",
            rows.len(),
            bytes,
        ));
    }
    let rel = "azure/resource-graph-dev.json".to_owned();
    let (sink, path) = out::create(dir, &rel, None)?;
    let sink =
        azure::write_graph_output(sink, dev.len(), dev.len(), None, dev.iter().cloned(), true)?;
    let bytes = out::finish(sink, &path)?;
    log.files
        .push((rel, "`az graph query` output", dev.len(), bytes));
    let rel = "azure/resource-graph-staging-legacy.json".to_owned();
    let (sink, path) = out::create(dir, &rel, None)?;
    let sink = azure::write_bare_array(sink, &staging)?;
    let bytes = out::finish(sink, &path)?;
    log.files.push((
        rel,
        "old `az graph query` output (bare array, extension 1.x)",
        staging.len(),
        bytes,
    ));
    for r in prod.iter().chain(&dev).chain(&staging) {
        *kinds
            .entry(format!("Azure {}", r["type"].as_str().unwrap_or_default()))
            .or_default() += 1;
    }
    stats.azure = prod.len() + dev.len() + staging.len();

    // GCP.
    for (project, assets) in [
        ("larkspur-prod", gcp_prod(&mut rng, &mut book)),
        ("larkspur-dev", gcp_dev(&mut rng, &mut book)),
    ] {
        let mut assets = assets;
        gcp_paths(project, &mut assets, &mut book);
        let rel = format!("gcp/{project}-cai-export.jsonl");
        let (mut sink, path) = out::create(dir, &rel, None)?;
        for a in &assets {
            gcp::write_export_line(&mut sink, a, false)?;
        }
        for a in &assets {
            gcp::write_export_line(&mut sink, a, true)?;
        }
        let bytes = out::finish(sink, &path)?;
        log.files.push((
            rel,
            "`gcloud asset export` (JSON lines, snake_case; resource lines then iam-policy lines)",
            assets.len(),
            bytes,
        ));
        for a in &assets {
            *kinds.entry(format!("GCP {}", a.asset_type)).or_default() += 1;
        }
        stats.gcp += assets.len();
    }
    let mut staging = gcp_staging(&mut rng);
    gcp_paths("larkspur-staging", &mut staging, &mut book);
    let entries: Vec<Value> = staging.iter().flat_map(gcp::camel_entries).collect();
    let rel = "gcp/larkspur-staging-asset-list.json".to_owned();
    let bytes = write_text(
        dir,
        &rel,
        &(serde_json::to_string_pretty(&Value::Array(entries))? + "\n"),
    )?;
    log.files.push((
        rel,
        "`gcloud asset list --format=json` (camelCase array; resource and IAM-policy entries)",
        staging.len(),
        bytes,
    ));
    for a in &staging {
        *kinds.entry(format!("GCP {}", a.asset_type)).or_default() += 1;
    }
    stats.gcp += staging.len();

    toxic_notes(&mut book);
    stats.resources = stats.aws + stats.azure + stats.gcp;
    stats.misconfigured = book.planted.len();
    let readme = readme(&stats, &log, &kinds, &book);
    let bytes = write_text(dir, "README.md", &readme)?;
    log.files.push(("README.md".into(), "this file", 0, bytes));
    stats.files = log.files.len();
    stats.bytes = log.files.iter().map(|f| f.3).sum();
    Ok(stats)
}

/// The toxic combinations that do not depend on network paths, and the notes on the paths.
fn toxic_notes(book: &mut Book) {
    book.toxic(
        "risk.toxic.azure_public_blob_sensitive_data",
        "lkhprodpatientdocs (prod): public endpoint with firewall default action Allow → anonymous blob access allowed → tagged `phi`",
        "lkhdevscratch (open and anonymous, but `internal` data); lkhprodclaimsarchive (firewall Deny, public blob access off)",
    );
    book.toxic(
        "risk.toxic.azure_exposed_sql_password_auth",
        "lkh-prod-claims-sql (prod): firewall rule AllowAll 0.0.0.0–255.255.255.255 → SQL (password) authentication enabled",
        "lkh-prod-portal-sql (public network access disabled, Entra-only); lkh-dev-sql stays *Unknown*: its row has no Entra-only setting",
    );
    book.toxic(
        "risk.toxic.azure_public_app_plaintext_sensitive",
        "app-lkh-provider-lookup (prod): public endpoint → HTTPS only off → tagged `pii`",
        "app-lkh-patient-portal (HTTPS only)",
    );
    book.toxic(
        "risk.toxic.gcp_exposed_vm_privileged_sa",
        "legacy-reporting-vm (larkspur-prod): external IP → `default-route-…` 0.0.0.0/0 → default-internet-gateway → default-allow-ssh / default-allow-rdp from 0.0.0.0/0 → default compute service account (roles/editor) with the cloud-platform scope",
        "dev-workbench-04 (reachable through allow-jupyter-anywhere, but its service account has no owner/editor role and narrow scopes); analytics-worker-01..10 (no external IP)",
    );
    book.toxic(
        "risk.toxic.gcp_public_bucket_sensitive_data",
        "larkspur-prod-patient-uploads (larkspur-prod): roles/storage.objectViewer for allUsers → tagged `phi`",
        "larkspur-dev-ml-scratch (public, but `internal` data); larkspur-prod-claims-edi (public access prevention enforced)",
    );
    book.toxic(
        "risk.toxic.gcp_exposed_sql_without_ssl",
        "claims-pg-prod (larkspur-prod): public IP with authorized network 0.0.0.0/0 → unencrypted connections allowed",
        "portal-pg-prod (private IP only, ENCRYPTED_ONLY); claims-pg-dev (public IP, but no 0.0.0.0/0 authorized network)",
    );
    book.path("AWS: every VPC has its route tables. The internet-facing VPCs (larkspur-prod-vpc, larkspur-prod-eu-vpc, larkspur-dev-vpc, the default VPCs, and the DR and sandbox VPCs of the us-west-2 files) have an internet gateway; their public subnets are explicitly associated with a `…-public-rt` table (0.0.0.0/0 → `igw-…`), the app subnets with `…-app-rt` (0.0.0.0/0 → `nat-…`, a NAT gateway in the first public subnet) and the data subnets fall back to the main table, which has the local route only. The default VPCs keep AWS's layout (the main table routes to the gateway). larkspur-staging-eu-vpc has no internet gateway at all: its main table has the local route only.");
    book.path("AWS: each instance has its `AWS::EC2::NetworkInterface` item (same id, subnet and security groups as the instance's `networkInterfaces`, with the public IP association where the instance has one); each `…-instance-role` lists its `…-instance-profile` in `instanceProfileList`, the profile the instances carry in `iamInstanceProfile`; each RDS instance's `dBSubnetGroup` names its subnets (the public tier for publicly accessible instances, the data tier otherwise). NAT gateways are recorded as `AWS::EC2::NatGateway`, a type Posture does not model (it only needs the route's `nat-…` target).");
    book.path("AWS: portal-alb is an internet-facing application load balancer in the public subnets of larkspur-prod-vpc behind portal-alb-sg (443 and 80 from 0.0.0.0/0); claims-api-internal is an internal one. AWS Config keeps listeners and target groups out of the load balancer item, so Posture cannot tell which instances portal-alb reaches: every instance of larkspur-prod-vpc without a direct path is *unknown* (\"targets of load balancer portal-alb\") rather than internal. That is why claims-worker-legacy-01 (IMDSv1, no public IP) shows `risk.toxic.aws_exposed_instance_imdsv1_role` as *Unknown*.");
    book.path("Azure: every VM has its interface row (`{vm}-nic`). vm-jumpbox-01, vm-dev-build-01 and the two legacy analytics VMs have public IPs; rt-analytics-private sends 0.0.0.0/0 to `None` on snet-analytics-private, so vm-analytics-legacy-02 is not reachable despite its public IP and open NSG.");
}

/// Pretty-print with four-space indentation, as the AWS CLI does.
fn pretty4(v: &Value) -> io::Result<String> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(v, &mut ser)?;
    String::from_utf8(buf).map_err(io::Error::other)
}

fn readme(
    stats: &EstateStats,
    log: &FileLog,
    kinds: &BTreeMap<String, usize>,
    book: &Book,
) -> String {
    let mut s = String::new();
    s.push_str("# Sample estate: Larkspur Health\n\n");
    s.push_str("<!-- Generated by `cargo run -p posture-synth -- sample examples/sample-estate`; do not edit by hand. -->\n\n");
    s.push_str("Larkspur Health is a fictional digital-health SaaS company: a **patient portal** (appointments, records, \
messaging), **claims processing** (intake, OCR, eligibility, adjudication, EDI with clearinghouses), **analytics** \
(a PHI warehouse, ML scoring) and **internal tools**. It runs its production portal and claims platform on AWS, \
some claims and partner-facing apps on Azure, and analytics on GCP. Everything here is invented: names, ids, IP \
addresses (documentation ranges where they matter) and account ids (documentation-style).\n\n");
    s.push_str(&format!(
        "**{} resources** — AWS {}, Azure {}, GCP {} — in the providers' real export formats, with **{} planted \
misconfigurations**, each next to a correctly configured twin, and a few resources whose export lacks a setting \
(so Posture reports *Unknown* instead of guessing).\n\n",
        stats.resources, stats.aws, stats.azure, stats.gcp, book.planted.len()
    ));
    s.push_str("Every resource carries an environment tag/label (`env` on AWS and GCP, `environment` on Azure: \
`prod`, `dev`, `staging`) and `data-classification` (`phi`, `pii`, `financial`, `internal`, `public`), except where \
the platform has no labels (GCP firewall rules and networks, Azure SQL firewall rules, the S3 account-level public \
access block, AWS-managed service-linked roles).\n\n");
    s.push_str("Accounts: AWS `prod` 111122223333 and `dev` 444455556666 (us-east-1, eu-west-1, us-west-2, IAM global); \
Azure subscriptions prod `3f2504e0-…` and dev `9a7b1c2d-…`; GCP projects `larkspur-prod`, `larkspur-dev`, \
`larkspur-staging` under one organization.\n\n");
    s.push_str("## Files\n\n| File | Format | Resources | Bytes |\n|---|---|---:|---:|\n");
    for (f, fmt, n, b) in &log.files {
        if f == "README.md" {
            continue;
        }
        s.push_str(&format!("| `{f}` | {fmt} | {n} | {b} |\n"));
    }
    s.push_str("\nNotes on the formats:\n\n\
* AWS Config snapshots are named and laid out as Config delivers them to S3 and contain `ConfigSnapshot` documents \
(`fileVersion`, `configSnapshotId`, `configurationItems`). IAM resources are recorded in us-east-1 with \
`awsRegion: \"global\"`; IAM policy documents are URL-encoded as Config records them. S3 posture settings are in \
`supplementaryConfiguration` (`AccessControlList` is itself a JSON string, as in real items). The prod us-east-1 \
snapshot also holds one `ResourceDeleted` tombstone (`larkspur-prod-migration-tmp`), which is not counted above.\n\
* AWS Config does not record IAM users' MFA devices, console passwords or access keys, nor the root user: those \
come from the **IAM credential report** (`aws iam generate-credential-report` then `get-credential-report`, the CSV \
decoded). Without it, MFA and key-age checks can only be *Unknown*.\n\
* The Azure prod export is two pages of one query (`skip_token` on the first); the staging file is the bare array \
older `resource-graph` extensions printed.\n\
* The GCP exports concatenate a `--content-type=resource` and a `--content-type=iam-policy` export; join lines by \
`name`.\n\n");
    s.push_str("## Resources by type\n\n| Provider type | Count |\n|---|---:|\n");
    for (k, n) in kinds {
        s.push_str(&format!("| {k} | {n} |\n"));
    }
    s.push_str("\n## Planted misconfigurations\n\n| # | Provider | Resource | What is wrong | Compliant twin |\n|---:|---|---|---|---|\n");
    for (i, p) in book.planted.iter().enumerate() {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            i + 1,
            p.provider,
            p.resource,
            p.issue,
            p.twin
        ));
    }
    s.push_str("\n## Exposure paths and toxic combinations\n\nThe exports carry the network path of each workload, so Posture computes internet exposure along \
real routes (`docs/risk.md`) and fires the toxic-combination rules (`risk.toxic.*`) where every link holds.\n\n");
    let mut notes: Vec<&String> = book.paths.iter().collect();
    notes.sort_by_key(|n| n.split(':').next().unwrap_or_default().to_owned());
    for note in notes {
        s.push_str(&format!("* {note}\n"));
    }
    s.push_str("\n| Rule | Fires on (the chain) | Near-miss twins (pass) |\n|---|---|---|\n");
    let mut toxic: Vec<&(&str, String, String)> = book.toxic.iter().collect();
    toxic.sort_by_key(|(rule, _, _)| rule.split('_').next().unwrap_or_default());
    for (rule, fires, twins) in toxic {
        s.push_str(&format!("| `{rule}` | {fires} | {twins} |\n"));
    }
    s.push_str("\nNot shown firing, and why:\n\n\
* `risk.toxic.aws_public_function_reads_sensitive_data`: AWS Config does not record Lambda function URLs, so no \
function's exposure is known (the sample does not invent one). The rule passes where the execution role reads nothing \
sensitive and is *Unknown* on analytics-nightly-export, whose role (analytics-lambda-role, with AnalyticsLakeRead) \
can read the PHI bucket larkspur-prod-analytics-lake.\n\
* `risk.toxic.gcp_public_dataset_sensitive`: the only public dataset, public_benchmarks, holds `public` data.\n\
* larkspur-dev-claims-samples is public and tagged `financial`, which Posture reads as confidential, so \
`risk.toxic.aws_public_bucket_sensitive_data` fires there as well.\n");
    s.push_str("\n## Settings missing from the export (expect *Unknown*)\n\n| Resource | What is missing |\n|---|---|\n");
    for (r, w) in &book.unknown {
        s.push_str(&format!("| {r} | {w} |\n"));
    }
    s.push_str(&format!("\nThe IMDS, RDS-encryption and similar checks also cannot see AWS resources whose settings \
Config does not record at all (CloudTrail `IsLogging`, Lambda function URLs, KMS key policies). Days and ages are \
relative to the snapshot date, {}.\n", date(0)));
    s
}
