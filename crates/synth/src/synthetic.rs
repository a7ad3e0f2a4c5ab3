//! Scalable synthetic estates for benchmarks: ≈70 % AWS, 15 % Azure, 15 % GCP, split like real
//! exports, written by two worker threads. Each file is generated from its own seed, so the
//! output does not depend on thread scheduling.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use flate2::Compression;
use serde_json::json;

use crate::EstateStats;
use crate::aws::{
    self, AwsItem, Bucket, Db, Function, Instance, Scope, Trail, allow, egress_all, policy, tcp,
};
use crate::azure::{self, Rg, Storage, inbound};
use crate::gcp::{self, Project};
use crate::out;
use crate::rng::{Rng, mix, unique_hex};

/// Largest number of AWS items per snapshot file.
pub(crate) const AWS_PER_FILE: usize = 15_000;
/// Largest number of rows per Azure Resource Graph file.
pub(crate) const AZURE_PER_FILE: usize = 20_000;
/// Largest number of assets per GCP export file.
pub(crate) const GCP_PER_FILE: usize = 20_000;
/// Share of misconfigured resources among those whose kind has a planted variant.
const BAD: f64 = 0.04;

const REGIONS: [&str; 4] = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"];

#[derive(Clone, Copy, Debug)]
enum Job {
    Aws {
        file: usize,
        start: usize,
        count: usize,
    },
    Azure {
        file: usize,
        start: usize,
        count: usize,
    },
    Gcp {
        file: usize,
        start: usize,
        count: usize,
    },
}

fn split(total: usize, per_file: usize) -> Vec<(usize, usize)> {
    if total == 0 {
        return Vec::new();
    }
    let files = total.div_ceil(per_file);
    let base = total / files;
    let extra = total % files;
    let mut out = Vec::with_capacity(files);
    let mut start = 0;
    for f in 0..files {
        let n = base + usize::from(f < extra);
        out.push((start, n));
        start += n;
    }
    out
}

#[cfg(test)]
/// The number of files of each provider for `resources` (used by tests).
#[must_use]
pub(crate) fn plan(resources: usize) -> (usize, usize, usize) {
    let (a, z, g) = shares(resources);
    (
        split(a, AWS_PER_FILE).len(),
        split(z, AZURE_PER_FILE).len(),
        split(g, GCP_PER_FILE).len(),
    )
}

fn shares(n: usize) -> (usize, usize, usize) {
    let azure = n * 15 / 100;
    let gcp = n * 15 / 100;
    (n - azure - gcp, azure, gcp)
}

pub(crate) fn write(dir: &Path, resources: usize, seed: u64) -> io::Result<EstateStats> {
    let (a, z, g) = shares(resources);
    let mut jobs = Vec::new();
    for (file, (start, count)) in split(a, AWS_PER_FILE).into_iter().enumerate() {
        jobs.push(Job::Aws { file, start, count });
    }
    for (file, (start, count)) in split(z, AZURE_PER_FILE).into_iter().enumerate() {
        jobs.push(Job::Azure { file, start, count });
    }
    for (file, (start, count)) in split(g, GCP_PER_FILE).into_iter().enumerate() {
        jobs.push(Job::Gcp { file, start, count });
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<io::Result<EstateStats>>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    std::thread::scope(|sc| {
        for _ in 0..threads {
            sc.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let r = run(dir, *job, seed);
                    let failed = r.is_err();
                    if let Ok(mut v) = results.lock() {
                        v.push(r);
                    }
                    if failed {
                        break;
                    }
                }
            });
        }
    });
    let mut total = EstateStats::default();
    for r in results
        .into_inner()
        .map_err(|_| io::Error::other("a writer thread panicked"))?
    {
        total.add(&r?);
    }
    Ok(total)
}

fn run(dir: &Path, job: Job, seed: u64) -> io::Result<EstateStats> {
    match job {
        Job::Aws { file, start, count } => aws_file(dir, file, start, count, seed),
        Job::Azure { file, start, count } => azure_file(dir, file, start, count, seed),
        Job::Gcp { file, start, count } => gcp_file(dir, file, start, count, seed),
    }
}

fn tags(rng: &mut Rng, name: Option<&str>) -> aws::Tags {
    const ENVS: [&str; 4] = ["prod", "prod", "dev", "staging"];
    const CLASSES: [&str; 5] = ["phi", "pii", "financial", "internal", "public"];
    const APPS: [&str; 5] = [
        "patient-portal",
        "claims",
        "analytics",
        "internal-tools",
        "platform",
    ];
    let mut t = Vec::with_capacity(5);
    if let Some(n) = name {
        t.push(("Name".to_owned(), n.to_owned()));
    }
    let app = *rng.pick(&APPS);
    t.push(("env".to_owned(), (*rng.pick(&ENVS)).to_owned()));
    t.push((
        "data-classification".to_owned(),
        (*rng.pick(&CLASSES)).to_owned(),
    ));
    t.push(("app".to_owned(), app.to_owned()));
    t.push(("owner".to_owned(), format!("team-{app}")));
    t
}

// ---------------------------------------------------------------------------------------------
// AWS

fn aws_file(
    dir: &Path,
    file: usize,
    start: usize,
    count: usize,
    seed: u64,
) -> io::Result<EstateStats> {
    let mut rng = Rng::new(mix(seed ^ 0xa115 ^ (file as u64) << 20));
    let account = format!("{:012}", 111_122_220_000u64 + (file / REGIONS.len()) as u64);
    let region = REGIONS[file % REGIONS.len()];
    let scope = Scope {
        account: &account,
        region,
    };
    let snap = rng.uuid();
    let rel = format!("aws/{}", aws::snapshot_key(&account, region, &snap));
    let (sink, path) = out::create(dir, &rel, Some(Compression::fast()))?;
    let mut w = aws::SnapshotWriter::new(sink, &snap)?;
    let vpcs: Vec<String> = (0..count.div_ceil(400).max(1))
        .map(|i| format!("vpc-{}", unique_hex((start + i) as u64, seed ^ 1, 17)))
        .collect();
    let mut bad_count = 0;
    for i in 0..count {
        let idx = (start + i) as u64;
        let bad = rng.chance(BAD);
        let item = if i == 0 {
            aws::account_pab(&mut rng, scope, if bad { [false; 4] } else { [true; 4] })
        } else {
            aws_item(
                &mut rng,
                scope,
                idx,
                seed,
                &vpcs,
                region == "us-east-1",
                bad,
            )
        };
        if bad
            && item.rtype != "AWS::EC2::VPC"
            && !item.rtype.contains("::SQS::")
            && !item.rtype.contains("::SNS::")
            && !item.rtype.contains("DynamoDB")
            && !item.rtype.contains("CloudWatch")
            && item.rtype != "AWS::EC2::FlowLog"
            && item.rtype != "AWS::IAM::User"
            && item.rtype != "AWS::IAM::Role"
        {
            bad_count += 1;
        }
        w.item(&item)?;
    }
    let bytes = out::finish(w.finish()?, &path)?;
    Ok(EstateStats {
        files: 1,
        resources: count,
        bytes,
        aws: count,
        misconfigured: bad_count,
        ..EstateStats::default()
    })
}

fn aws_item(
    rng: &mut Rng,
    s: Scope<'_>,
    idx: u64,
    seed: u64,
    vpcs: &[String],
    iam_here: bool,
    bad: bool,
) -> AwsItem {
    let h = |prefix: &str, salt: u64| format!("{prefix}-{}", unique_hex(idx, seed ^ salt, 17));
    let vpc = rng.pick(vpcs).clone();
    let roll = rng.below(1000);
    let roll = if !iam_here && (400..510).contains(&roll) {
        roll - 300
    } else {
        roll
    };
    match roll {
        0..120 => {
            let id = h("i", 2);
            let name = format!("app-{idx:07}");
            let az = format!("{}{}", s.region, ["a", "b", "c"][rng.index(3)]);
            let t = tags(rng, Some(&name));
            let itype = *rng.pick(&["m7i.large", "c7i.xlarge", "t3.medium", "r7i.large"]);
            let ip = bad.then(|| {
                format!(
                    "54.{}.{}.{}",
                    rng.range(10, 250),
                    rng.range(0, 255),
                    rng.range(1, 254)
                )
            });
            aws::ec2_instance(
                rng,
                s,
                &Instance {
                    id,
                    tags: t,
                    itype,
                    az,
                    vpc,
                    subnet: h("subnet", 3),
                    sgs: vec![(h("sg", 4), "app-sg".into())],
                    public_ip: ip,
                    profile: Some(format!(
                        "arn:aws:iam::{}:instance-profile/app-profile",
                        s.account
                    )),
                    http_tokens: Some(if bad { "optional" } else { "required" }),
                    state: "running",
                    volumes: vec![(h("vol", 5), "/dev/xvda".into())],
                    windows: false,
                },
            )
        }
        120..270 => {
            let id = h("vol", 6);
            let az = format!("{}a", s.region);
            let t = tags(rng, None);
            let kms = format!(
                "arn:aws:kms:{}:{}:key/{}",
                s.region,
                s.account,
                unique_hex(idx, 7, 8)
            );
            aws::ebs_volume(
                rng,
                s,
                &id,
                &az,
                100,
                !bad,
                (!bad).then_some(kms.as_str()),
                None,
                t,
            )
        }
        270..380 => {
            let id = h("sg", 8);
            let name = format!("svc-{idx}-sg");
            let ingress = if bad {
                vec![tcp(22, 22, &["0.0.0.0/0"])]
            } else {
                vec![tcp(443, 443, &["10.0.0.0/8"]), tcp(22, 22, &["10.0.0.0/8"])]
            };
            let t = tags(rng, Some(&name));
            aws::security_group(
                rng,
                s,
                &id,
                &name,
                "service security group",
                &vpc,
                &ingress,
                &egress_all(),
                t,
            )
        }
        380..400 => {
            let id = h("acl", 9);
            let t = tags(rng, None);
            let cidr = if bad { "0.0.0.0/0" } else { "10.0.0.0/8" };
            aws::network_acl(
                rng,
                s,
                &id,
                &vpc,
                false,
                &[
                    (100, false, "6", "allow", cidr, Some((22, 22))),
                    (100, true, "-1", "allow", "0.0.0.0/0", None),
                ],
                &[h("subnet", 10)],
                t,
            )
        }
        400..440 => {
            let name = format!("svc-policy-{idx}");
            let doc = if bad {
                policy(vec![allow(&["*"], &["*"])])
            } else {
                policy(vec![allow(
                    &["s3:GetObject", "sqs:SendMessage"],
                    &[&format!("arn:aws:s3:::bucket-{idx}/*")],
                )])
            };
            let t = tags(rng, None);
            let attached = rng.range(0, 5) as i64;
            aws::iam_policy(rng, s.account, &name, "service policy", &doc, attached, t)
        }
        440..450 => {
            let t = tags(rng, None);
            aws::iam_user(
                rng,
                s.account,
                &format!("user-{idx}"),
                &["developers"],
                &[],
                &[],
                t,
            )
        }
        450..510 => {
            let t = tags(rng, None);
            aws::iam_role(
                rng,
                s.account,
                &format!("svc-role-{idx}"),
                "/",
                &aws::service_trust("lambda.amazonaws.com"),
                &["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
                &[],
                t,
            )
        }
        510..570 => {
            let t = tags(rng, None);
            let az = format!("{}b", s.region);
            aws::subnet(rng, s, &h("subnet", 11), &vpc, "10.0.1.0/24", &az, bad, t)
        }
        570..580 => {
            let t = tags(rng, None);
            aws::vpc(rng, s, &h("vpc", 12), "10.0.0.0/16", false, t)
        }
        580..590 => {
            let t = tags(rng, None);
            aws::flow_log(rng, s, &h("fl", 13), &vpc, "ALL", "flow-log-bucket", t)
        }
        590..660 => {
            let name = format!("larkspur-synth-{}-{idx}", s.account);
            let mut b = Bucket::private(&name, tags(rng, None));
            if bad {
                b.public_read_acl = true;
                b.pab = None;
                b.versioning = "Off";
            }
            aws::s3_bucket(rng, s, &b)
        }
        660..680 => {
            let t = tags(rng, None);
            aws::rds_instance(
                rng,
                s,
                &Db {
                    id: format!("db-{idx}"),
                    engine: "postgres",
                    version: "16.4",
                    class: "db.r7g.large",
                    encrypted: Some(!bad),
                    kms: None,
                    public: bad,
                    multi_az: !bad,
                    backup_days: if bad { 0 } else { 7 },
                    deletion_protection: !bad,
                    iam_auth: false,
                    sgs: vec![h("sg", 14)],
                    vpc,
                    tags: t,
                },
            )
        }
        680..705 => {
            let t = tags(rng, None);
            let id = unique_hex(idx, seed ^ 15, 32);
            let id = format!(
                "{}-{}-4{}-a{}-{}",
                &id[0..8],
                &id[8..12],
                &id[13..16],
                &id[17..20],
                &id[20..32]
            );
            aws::kms_key(rng, s, &id, "service key", Some(!bad), t)
        }
        705..795 => {
            let name = format!("fn-{idx}");
            let pol = bad.then(|| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": format!("arn:aws:lambda:{}:{}:function:{name}", s.region, s.account)}]}));
            let t = tags(rng, None);
            let runtime = *rng.pick(&["python3.12", "nodejs22.x", "java21"]);
            aws::lambda(
                rng,
                s,
                &Function {
                    name,
                    runtime,
                    role: format!("arn:aws:iam::{}:role/svc-role", s.account),
                    env: vec![("LOG_LEVEL", "info".into())],
                    policy: pol,
                    vpc: None,
                    tags: t,
                },
            )
        }
        795..797 => {
            let t = tags(rng, None);
            aws::trail(
                rng,
                s,
                &Trail {
                    name: format!("trail-{idx}"),
                    multi_region: !bad,
                    org: false,
                    validation: !bad,
                    kms: None,
                    bucket: "trail-bucket".into(),
                    log_group: None,
                    global_events: true,
                    tags: t,
                },
            )
        }
        r => {
            let rtype = match r % 4 {
                0 => "AWS::SNS::Topic",
                1 => "AWS::SQS::Queue",
                2 => "AWS::DynamoDB::Table",
                _ => "AWS::CloudWatch::Alarm",
            };
            let t = tags(rng, None);
            aws::unmodeled(rng, s, rtype, &format!("res-{idx}"), t)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Azure

fn azure_file(
    dir: &Path,
    file: usize,
    start: usize,
    count: usize,
    seed: u64,
) -> io::Result<EstateStats> {
    let mut rng = Rng::new(mix(seed ^ 0xa2 ^ (file as u64) << 24));
    let sub = format!("00000000-0000-4000-8000-{:012x}", file + 1);
    let g = Rg {
        sub,
        tenant: "7b3e9c1a-2d4f-4e6b-8a1c-0f9e8d7c6b5a".into(),
        rg: format!("rg-synth-{file:03}"),
        location: "eastus".into(),
    };
    let rel = format!("azure/resource-graph-{file:04}.json");
    let (sink, path) = out::create(dir, &rel, None)?;
    let mut bad_count = 0usize;
    let rows = (0..count).map(|i| {
        let idx = start + i;
        let bad = rng.chance(BAD);
        let t = tags(&mut rng, None);
        let (row, counts) = azure_row(&mut rng, &g, idx, bad, &t);
        if counts && bad {
            bad_count += 1;
        }
        row
    });
    let sink = azure::write_graph_output(sink, count, count, None, rows, false)?;
    let bytes = out::finish(sink, &path)?;
    Ok(EstateStats {
        files: 1,
        resources: count,
        bytes,
        azure: count,
        misconfigured: bad_count,
        ..EstateStats::default()
    })
}

fn azure_row(
    rng: &mut Rng,
    g: &Rg,
    idx: usize,
    bad: bool,
    t: &aws::Tags,
) -> (serde_json::Value, bool) {
    match rng.below(100) {
        0..15 => {
            let mut s = Storage::private();
            if bad {
                s.public_blob = Some(true);
                s.default_action = "Allow";
            }
            (
                azure::storage_account(rng, g, &format!("stsynth{idx:010}"), &s, t),
                true,
            )
        }
        15..20 => (
            azure::sql_server(
                rng,
                g,
                &format!("sql-synth-{idx}"),
                bad,
                "1.2",
                !bad,
                !bad,
                t,
            ),
            true,
        ),
        20..25 => {
            let end = if bad { "255.255.255.255" } else { "10.0.0.255" };
            (
                azure::sql_firewall_rule(
                    g,
                    &format!("sql-synth-{}", idx / 7),
                    &format!("rule-{idx}"),
                    if bad { "0.0.0.0" } else { "10.0.0.0" },
                    end,
                ),
                true,
            )
        }
        25..37 => {
            let rules = if bad {
                vec![inbound("ssh", 100, &["Internet"], &["22"])]
            } else {
                vec![inbound("https", 100, &["10.0.0.0/8"], &["443"])]
            };
            (
                azure::nsg(rng, g, &format!("nsg-synth-{idx}"), &rules, &[], t),
                true,
            )
        }
        37..43 => (
            azure::key_vault(
                rng,
                g,
                &format!("kv-synth-{idx}"),
                Some(!bad),
                !bad,
                bad,
                if bad { "Allow" } else { "Deny" },
                0,
                t,
            ),
            true,
        ),
        43..58 => {
            let v = azure::Vm {
                size: "Standard_D4s_v5",
                windows: false,
                password_auth_disabled: !bad,
                encryption_at_host: !bad,
                identity: true,
                trusted_launch: !bad,
            };
            (azure::vm(rng, g, &format!("vm-synth-{idx}"), &v, t).0, true)
        }
        58..78 => (
            azure::disk(
                rng,
                g,
                &format!("disk-synth-{idx}"),
                128,
                !bad,
                None,
                if bad { "AllowAll" } else { "DenyAll" },
                t,
            ),
            true,
        ),
        78..88 => {
            let w = azure::WebApp {
                kind: "app,linux",
                https_only: !bad,
                tls: Some(if bad { "1.0" } else { "1.2" }),
                ftps: "Disabled",
                client_cert: false,
                identity: true,
                public: true,
                remote_debug: false,
            };
            (
                azure::web_app(rng, g, &format!("app-synth-{idx}"), &w, t),
                true,
            )
        }
        r => {
            let ty = [
                "Microsoft.Network/virtualNetworks",
                "Microsoft.Network/publicIPAddresses",
                "Microsoft.OperationalInsights/workspaces",
                "Microsoft.Insights/components",
            ][(r % 4) as usize];
            (
                azure::unmodeled(rng, g, ty, &format!("res-synth-{idx}"), t),
                false,
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// GCP

fn gcp_file(
    dir: &Path,
    file: usize,
    start: usize,
    count: usize,
    seed: u64,
) -> io::Result<EstateStats> {
    let mut rng = Rng::new(mix(seed ^ 0x6c ^ (file as u64) << 28));
    let p = Project {
        id: format!("larkspur-synth-{file:04}"),
        number: format!("{}", 900_000_000_000u64 + file as u64),
        ancestors: vec!["organizations/271828182845".into()],
    };
    let rel = format!("gcp/larkspur-synth-{file:04}-cai-export.jsonl");
    let (mut sink, path) = out::create(dir, &rel, None)?;
    let mut bad_count = 0;
    for i in 0..count {
        let idx = start + i;
        let bad = rng.chance(BAD);
        let t = tags(&mut rng, None);
        let a = if i == 0 {
            gcp::project(
                &mut rng,
                &p,
                vec![(
                    "roles/owner",
                    vec!["group:gcp-admins@larkspur-health.example".into()],
                )],
                vec![("allServices", vec!["ADMIN_READ"])],
                &t,
            )
        } else {
            let (a, counts) = gcp_asset(&mut rng, &p, idx, bad, &t);
            if counts && bad {
                bad_count += 1;
            }
            a
        };
        gcp::write_export_line(&mut sink, &a, false)?;
        gcp::write_export_line(&mut sink, &a, true)?;
    }
    sink.flush()?;
    let bytes = out::finish(sink, &path)?;
    Ok(EstateStats {
        files: 1,
        resources: count,
        bytes,
        gcp: count,
        misconfigured: bad_count,
        ..EstateStats::default()
    })
}

fn gcp_asset(
    rng: &mut Rng,
    p: &Project,
    idx: usize,
    bad: bool,
    t: &aws::Tags,
) -> (gcp::Asset, bool) {
    match rng.below(100) {
        0..25 => {
            let v = gcp::Vm {
                zone: "us-central1-b",
                machine: "e2-standard-4",
                network: "synth-vpc".into(),
                external_ip: bad,
                net_tags: vec!["web"],
                sa: Some((
                    format!("app@{}.iam.gserviceaccount.com", p.id),
                    vec!["https://www.googleapis.com/auth/cloud-platform"],
                )),
                metadata: if bad {
                    vec![("serial-port-enable", "true")]
                } else {
                    vec![("enable-oslogin", "TRUE")]
                },
                shielded: (!bad, true, true),
                ip_forward: false,
            };
            (gcp::instance(rng, p, &format!("vm-{idx}"), &v, t), true)
        }
        25..37 => {
            let f = gcp::Firewall {
                network: "synth-vpc".into(),
                direction: "INGRESS",
                priority: 1000,
                sources: vec![if bad { "0.0.0.0/0" } else { "10.0.0.0/8" }],
                allowed: vec![("tcp", vec!["22"])],
                target_tags: vec!["ssh"],
                disabled: false,
                logging: !bad,
            };
            (gcp::firewall(rng, p, &format!("fw-{idx}"), &f), true)
        }
        37..55 => {
            let b = gcp::Bucket {
                location: "US",
                uniform: !bad,
                pap: if bad { "inherited" } else { "enforced" },
                versioning: !bad,
                log_bucket: None,
                retention: None,
                kms: None,
                iam: if bad {
                    vec![("roles/storage.objectViewer", vec!["allUsers".into()])]
                } else {
                    vec![]
                },
            };
            (
                gcp::bucket(rng, p, &format!("larkspur-synth-bucket-{idx}"), &b, t),
                true,
            )
        }
        55..60 => {
            let s = gcp::Sql {
                version: "POSTGRES_16",
                ipv4: bad,
                networks: if bad { vec!["0.0.0.0/0"] } else { vec![] },
                ssl_mode: Some(if bad {
                    "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
                } else {
                    "ENCRYPTED_ONLY"
                }),
                backups: !bad,
                flags: vec![],
                private_network: (!bad)
                    .then(|| format!("projects/{}/global/networks/synth-vpc", p.id)),
                deletion_protection: !bad,
            };
            (
                gcp::sql_instance(rng, p, &format!("sql-{idx}"), "us-central1", &s, t),
                true,
            )
        }
        60..63 => (gcp::network(rng, p, &format!("net-{idx}"), bad), true),
        63..71 => (
            gcp::crypto_key(
                rng,
                p,
                "us",
                "synth",
                &format!("key-{idx}"),
                (!bad).then_some(7_776_000),
                vec![],
                t,
            ),
            true,
        ),
        71..78 => (
            gcp::dataset(rng, p, &format!("ds_{idx}"), "US", None, bad, t),
            true,
        ),
        r => {
            let ty = [
                "pubsub.googleapis.com/Topic",
                "iam.googleapis.com/ServiceAccount",
                "compute.googleapis.com/Subnetwork",
                "container.googleapis.com/Cluster",
            ][(r % 4) as usize];
            (gcp::unmodeled(rng, p, ty, &format!("res-{idx}"), t), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_even_and_bounded() {
        let parts = split(31_000, 15_000);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.iter().map(|p| p.1).sum::<usize>(), 31_000);
        assert!(parts.iter().all(|p| p.1 <= 15_000));
        assert!(split(0, 10).is_empty());
        assert_eq!(shares(1000), (700, 150, 150));
        assert_eq!(plan(1_000_000), (47, 8, 8));
    }
}
