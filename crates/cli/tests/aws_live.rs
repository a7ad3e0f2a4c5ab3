//! Live AWS collection end to end: the real AWS SDK for Rust (inside the `posture` binary)
//! against a local moto server on 127.0.0.1, seeded with boto3 (`tests/aws/seed.py`).
//!
//! `scripts/test.sh` installs moto into `~/.cache/posture/moto-5.1.22` (or `$POSTURE_MOTO_VENV`).
//! A fault-injection proxy in front of moto answers chosen operations with AccessDenied,
//! throttling or silence, to prove that such failures become gaps and Unknowns, never passes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

fn venv() -> PathBuf {
    if let Some(v) = std::env::var_os("POSTURE_MOTO_VENV") {
        return PathBuf::from(v);
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    home.join(".cache/posture/moto-5.1.22")
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    l.local_addr().expect("local addr").port()
}

/// A moto server on 127.0.0.1, stopped (by its PID) when dropped.
struct Moto {
    child: Child,
    port: u16,
}

impl Moto {
    fn start() -> Moto {
        let bin = venv().join("bin/moto_server");
        assert!(
            bin.exists(),
            "{} is missing: run ./scripts/test.sh, which installs moto[server] into a local venv",
            bin.display()
        );
        let port = free_port();
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "moto did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto { child, port }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn seed(&self, extra: &[&str]) -> Value {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/aws/seed.py");
        let out = Command::new(venv().join("bin/python"))
            .arg(script)
            .arg(self.endpoint())
            .args(extra)
            .output()
            .expect("run seed.py");
        assert!(
            out.status.success(),
            "seeding failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("seed summary JSON")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Run `posture` with AWS pointed at `endpoint` and nothing from the real environment.
fn posture(endpoint: &str, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_posture"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", home.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.join("no-aws-credentials"),
        )
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("POSTURE_DATABASE", home.join("posture.db"))
        .output()
        .expect("run posture")
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 3),
        "posture failed ({:?}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
                .chars()
                .take(400)
                .collect::<String>()
        )
    })
}

/// `(rule_id, resource_name) → (status, message)`.
fn verdicts(doc: &Value) -> BTreeMap<(String, String), (String, String)> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                (
                    f["rule_id"].as_str().unwrap_or_default().to_owned(),
                    f["resource_name"].as_str().unwrap_or_default().to_owned(),
                ),
                (
                    f["status"].as_str().unwrap_or_default().to_owned(),
                    f["message"].as_str().unwrap_or_default().to_owned(),
                ),
            )
        })
        .collect()
}

fn status<'a>(
    v: &'a BTreeMap<(String, String), (String, String)>,
    rule: &str,
    name: &str,
) -> &'a str {
    v.get(&(rule.to_owned(), name.to_owned()))
        .map(|(s, _)| s.as_str())
        .unwrap_or_else(|| panic!("no finding for {rule} on {name}"))
}

#[test]
fn live_scan_finds_what_was_seeded_and_calls_only_declared_apis() {
    let moto = Moto::start();
    let seeded = moto.seed(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    let stats = home.path().join("stats.json");
    let out = posture(
        &moto.endpoint(),
        home.path(),
        &[
            "-q",
            "scan",
            "aws",
            "--regions",
            "us-east-1,eu-west-1",
            "--format",
            "json",
            "--status",
            "all",
            "--no-store",
            "--stats",
            stats.to_str().expect("utf-8 path"),
        ],
    );
    let doc = json_of(&out);
    let v = verdicts(&doc);

    // S3: the public site fails, the locked-down bucket passes.
    assert_eq!(
        status(&v, "aws.s3.bucket_public_acl", "public-site-us-east-1"),
        "fail"
    );
    assert_eq!(
        status(&v, "aws.s3.bucket_public_acl", "secure-logs-us-east-1"),
        "pass"
    );
    assert_eq!(
        status(&v, "aws.s3.bucket_policy_public", "public-site-eu-west-1"),
        "fail"
    );
    assert_eq!(
        status(&v, "aws.s3.bucket_versioning_off", "secure-logs-eu-west-1"),
        "pass"
    );
    assert_eq!(
        status(&v, "aws.s3.bucket_versioning_off", "public-site-eu-west-1"),
        "fail"
    );
    // IAM: alice has a console password and no MFA; bob has MFA.
    assert_eq!(
        status(&v, "aws.iam.user_console_without_mfa", "alice"),
        "fail"
    );
    assert_eq!(
        status(&v, "aws.iam.user_console_without_mfa", "bob"),
        "not_applicable"
    );
    assert_eq!(
        status(&v, "aws.iam.role_trust_allows_any_principal", "open-trust"),
        "fail"
    );
    assert_eq!(
        status(
            &v,
            "aws.iam.role_trust_allows_any_principal",
            "app-instance"
        ),
        "pass"
    );
    // EC2: SSH open to the world in both regions; instances allow IMDSv1.
    let ssh_fails = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["rule_id"] == "aws.ec2.security_group_admin_ports_open"
                && f["status"] == "fail"
                && f["resource_name"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("ssh-open"))
        })
        .count();
    assert_eq!(ssh_fails, 2, "one open SSH group per region");
    let imds: BTreeSet<&str> = v
        .iter()
        .filter(|((r, _), (s, _))| r == "aws.ec2.instance_imdsv2_not_required" && s == "fail")
        .map(|((_, n), _)| n.as_str())
        .collect();
    for region in ["us-east-1", "eu-west-1"] {
        for id in seeded["instances"][region].as_array().expect("instances") {
            let id = id.as_str().expect("id");
            assert!(imds.contains(id), "IMDSv1 finding for {id}: {imds:?}");
        }
    }
    // RDS public and unencrypted.
    assert_eq!(
        status(
            &v,
            "aws.rds.instance_publicly_accessible",
            "orders-us-east-1"
        ),
        "fail"
    );
    assert_eq!(
        status(
            &v,
            "aws.rds.instance_storage_unencrypted",
            "orders-eu-west-1"
        ),
        "fail"
    );
    // Lambda function URL without auth.
    let lambda_public = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule_id"] == "aws.lambda.function_url_auth_none" && f["status"] == "fail")
        .count();
    assert_eq!(
        lambda_public, 2,
        "handler-0 in each region has a public URL"
    );

    // Coverage: every service of both regions collected, nothing failed.
    let coverage = doc["coverage"].as_array().expect("coverage");
    assert!(
        coverage.iter().all(|c| c["status"] == "collected"),
        "all collected: {coverage:#?}"
    );
    for svc in ["ec2", "rds", "kms", "lambda", "cloudtrail", "elbv2"] {
        for region in ["us-east-1", "eu-west-1"] {
            assert!(
                coverage
                    .iter()
                    .any(|c| c["service"] == svc && c["region"] == region),
                "coverage for {svc} in {region}"
            );
        }
    }

    // Every API call made is declared (the permissions policy is derived from the declarations).
    let stats: Value =
        serde_json::from_slice(&std::fs::read(&stats).expect("stats file")).expect("stats JSON");
    let declared: BTreeSet<String> = posture_collect_aws::declared()
        .map(|d| format!("{}:{}", d.sdk_service, d.operation))
        .collect();
    let calls = stats["aws"]["calls"].as_object().expect("per-call counts");
    assert!(calls.len() > 20, "calls recorded: {calls:?}");
    for op in calls.keys() {
        assert!(declared.contains(op), "{op} was called but is not declared");
    }
    // Each listing call once per region (never once per rule).
    assert_eq!(calls["EC2:DescribeSecurityGroups"], 2);
    assert_eq!(calls["S3:ListBuckets"], 1);
    assert_eq!(calls["IAM:ListUsers"], 1);
    assert!(stats["aws"]["api_calls"].as_u64().unwrap_or(0) > 50);

    // The policy printed for these services names every declared action they use.
    let perm = posture(&moto.endpoint(), home.path(), &["permissions", "aws"]);
    let policy: Value = json_of(&perm);
    let actions: BTreeSet<&str> = policy["Statement"][0]["Action"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for d in posture_collect_aws::declared() {
        if d.sdk_service != "Organizations" {
            assert!(
                actions.contains(d.action),
                "{} missing from the policy",
                d.action
            );
        }
    }
    assert!(
        actions
            .iter()
            .all(|a| !a.contains("Put") && !a.contains("Create") && !a.contains("Delete"))
    );
}

#[test]
fn live_and_config_snapshot_give_the_same_verdicts() {
    let moto = Moto::start();
    let home = tempfile::tempdir().expect("tempdir");
    let snap = home.path().join("config-snapshot.json");
    let seeded = moto.seed(&[
        "--regions",
        "us-east-1",
        "--config-snapshot",
        snap.to_str().expect("utf-8"),
    ]);
    assert!(
        seeded["config_items"].as_u64().unwrap_or(0) >= 5,
        "{seeded}"
    );
    let live = json_of(&posture(
        &moto.endpoint(),
        home.path(),
        &[
            "-q",
            "scan",
            "aws",
            "--regions",
            "us-east-1",
            // The same kinds as the snapshot holds, so that rules reading other resources
            // (a bucket that is a trail's destination, say) see the same context on both sides.
            "--services",
            "iam,s3",
            "--format",
            "json",
            "--status",
            "all",
            "--no-store",
        ],
    ));
    let offline = json_of(&posture(
        &moto.endpoint(),
        home.path(),
        &[
            "-q",
            "scan",
            snap.to_str().expect("utf-8"),
            "--format",
            "json",
            "--status",
            "all",
            "--no-store",
        ],
    ));
    let key = |f: &Value| {
        (
            f["rule_id"].as_str().unwrap_or_default().to_owned(),
            f["resource_uid"].as_str().unwrap_or_default().to_owned(),
        )
    };
    let live_v: BTreeMap<_, _> = live["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (key(f), f["status"].as_str().unwrap_or_default().to_owned()))
        .collect();
    let mut compared = BTreeSet::new();
    for f in offline["findings"].as_array().expect("findings") {
        let off = f["status"].as_str().unwrap_or_default();
        // Unknown on the Config side is data AWS Config does not record (credentials, key
        // policies): the live path reads more, which is the point.
        if off == "unknown" {
            continue;
        }
        let k = key(f);
        if k.0.starts_with("risk.") {
            continue;
        }
        let Some(on) = live_v.get(&k) else {
            panic!("{k:?} evaluated on the snapshot but not live");
        };
        assert_eq!(on, off, "{k:?}: live {on}, snapshot {off}");
        compared.insert((
            k.0.clone(),
            f["resource_kind"].as_str().unwrap_or_default().to_owned(),
        ));
    }
    let kinds: BTreeSet<&str> = compared.iter().map(|(_, k)| k.as_str()).collect();
    for k in ["aws.s3.bucket", "aws.iam.role", "aws.iam.policy"] {
        assert!(kinds.contains(k), "compared verdicts for {k}: {compared:?}");
    }
    assert!(compared.len() >= 10, "compared {} verdicts", compared.len());
}

// ---- Fault injection --------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Fault {
    Denied,
    Throttle,
    Hang,
}

/// An HTTP/1.1 proxy in front of moto that answers some operations itself.
struct Proxy {
    port: u16,
    stop: Arc<AtomicBool>,
    injected: Arc<AtomicU64>,
}

/// A request: its first line, its headers and its body.
type Request = (String, Vec<(String, String)>, Vec<u8>);

fn read_request(s: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if s.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        s.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let len = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    s.read_exact(&mut body).ok()?;
    Some((line.trim_end().to_owned(), headers, body))
}

/// The operation a request calls: `X-Amz-Target` (JSON protocols), `Action=` (query
/// protocols), or the S3 sub-resource in the query string.
fn operation(line: &str, headers: &[(String, String)], body: &[u8]) -> String {
    if let Some((_, t)) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("x-amz-target"))
    {
        return t.rsplit('.').next().unwrap_or_default().to_owned();
    }
    let body = String::from_utf8_lossy(body);
    if let Some(a) = body.split('&').find_map(|kv| kv.strip_prefix("Action=")) {
        return a.to_owned();
    }
    let target = line.split(' ').nth(1).unwrap_or_default();
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let sub = query.split('&').next().unwrap_or_default();
    format!("s3?{}", sub.split('=').next().unwrap_or_default())
}

impl Proxy {
    fn start(upstream: u16, faults: Vec<(&'static str, Fault)>) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let stop = Arc::new(AtomicBool::new(false));
        let injected = Arc::new(AtomicU64::new(0));
        let (stop2, injected2) = (stop.clone(), injected.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let faults = faults.clone();
                let injected = injected2.clone();
                std::thread::spawn(move || handle(conn, upstream, &faults, &injected));
            }
        });
        Proxy {
            port,
            stop,
            injected,
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn handle(conn: TcpStream, upstream: u16, faults: &[(&str, Fault)], injected: &AtomicU64) {
    let mut reader = BufReader::new(conn.try_clone().expect("clone stream"));
    let mut conn = conn;
    // One request per connection: every answer says `Connection: close`.
    if let Some((line, headers, body)) = read_request(&mut reader) {
        let op = operation(&line, &headers, &body);
        if let Some((_, fault)) = faults.iter().find(|(o, _)| *o == op) {
            injected.fetch_add(1, Ordering::Relaxed);
            let json = headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("x-amz-target"));
            let (status, code) = match fault {
                Fault::Denied => ("403 Forbidden", "AccessDenied"),
                Fault::Throttle => ("503 Service Unavailable", "SlowDown"),
                Fault::Hang => {
                    std::thread::sleep(Duration::from_secs(8));
                    return;
                }
            };
            let code = if json && matches!(fault, Fault::Denied) {
                "AccessDeniedException"
            } else if json {
                "ThrottlingException"
            } else {
                code
            };
            let body = if json {
                format!("{{\"__type\":\"{code}\",\"message\":\"injected by the test proxy\"}}")
            } else if op.starts_with("s3?") {
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>injected by the test proxy</Message><RequestId>1</RequestId></Error>"
                )
            } else {
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse><Error><Code>{code}</Code><Message>injected by the test proxy</Message></Error><RequestId>1</RequestId></ErrorResponse>"
                )
            };
            let ctype = if json {
                "application/x-amz-json-1.1"
            } else {
                "text/xml"
            };
            let resp = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nx-amzn-ErrorType: {code}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = conn.write_all(resp.as_bytes());
            let _ = conn.shutdown(Shutdown::Both);
            return;
        }
        // Forward with `Connection: close` and relay the whole answer.
        let Ok(mut up) = TcpStream::connect(("127.0.0.1", upstream)) else {
            return;
        };
        let mut req = format!("{line}\r\n");
        for (k, v) in &headers {
            if !k.eq_ignore_ascii_case("connection") {
                req.push_str(&format!("{k}: {v}\r\n"));
            }
        }
        req.push_str("Connection: close\r\n\r\n");
        if up.write_all(req.as_bytes()).is_err() || up.write_all(&body).is_err() {
            return;
        }
        let mut resp = Vec::new();
        if up.read_to_end(&mut resp).is_err() {
            return;
        }
        let _ = conn.write_all(&resp);
        let _ = conn.shutdown(Shutdown::Both);
    }
}

#[test]
fn denied_throttled_and_hung_calls_become_gaps_and_unknowns() {
    let moto = Moto::start();
    moto.seed(&["--regions", "us-east-1"]);
    let proxy = Proxy::start(
        moto.port,
        vec![
            ("s3?policy", Fault::Denied),
            ("s3?encryption", Fault::Throttle),
            ("DescribeVolumes", Fault::Denied),
            ("GetLoginProfile", Fault::Denied),
            ("ListKeys", Fault::Hang),
        ],
    );
    let endpoint = format!("http://127.0.0.1:{}", proxy.port);
    let home = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    let out = posture(
        &endpoint,
        home.path(),
        &[
            "-q",
            "scan",
            "aws",
            "--regions",
            "us-east-1",
            "--format",
            "json",
            "--status",
            "all",
            "--no-store",
            "--max-attempts",
            "2",
            "--call-timeout",
            "5",
        ],
    );
    let doc = json_of(&out);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the scan does not hang"
    );
    assert!(proxy.injected.load(Ordering::Relaxed) >= 5);
    let v = verdicts(&doc);

    // Denied bucket policy: the public-policy rule cannot say Pass.
    let (s, m) = &v[&(
        "aws.s3.bucket_policy_public".to_owned(),
        "secure-logs-us-east-1".to_owned(),
    )];
    assert_eq!(s, "unknown", "{m}");
    assert!(m.contains("denied"), "reason in the message: {m}");
    // Throttled encryption reads: Unknown, with the reason.
    let (s, m) = &v[&(
        "aws.s3.bucket_default_encryption_missing".to_owned(),
        "secure-logs-us-east-1".to_owned(),
    )];
    assert_eq!(s, "unknown", "{m}");
    assert!(m.contains("throttled"), "{m}");
    // Denied login profile: the console-MFA rule is Unknown for every user, never Pass.
    for user in ["alice", "bob"] {
        let (s, _) = &v[&(
            "aws.iam.user_console_without_mfa".to_owned(),
            user.to_owned(),
        )];
        assert_eq!(s, "unknown", "{user}");
    }
    // What was readable is still judged.
    assert_eq!(
        status(&v, "aws.s3.bucket_public_acl", "public-site-us-east-1"),
        "fail"
    );

    let coverage = doc["coverage"].as_array().expect("coverage");
    let entry = |svc: &str| {
        coverage
            .iter()
            .find(|c| c["service"] == svc && (c["region"] == "us-east-1" || c["region"] == "*"))
            .unwrap_or_else(|| panic!("coverage entry for {svc}: {coverage:#?}"))
    };
    // Denied volume listing: EC2 in the region is failed (so no finding is resolved by absence).
    assert_eq!(entry("ec2")["status"], "failed");
    assert!(
        entry("ec2")["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("ec2:DescribeVolumes")
    );
    // Hung key listing: timed out, failed.
    assert_eq!(entry("kms")["status"], "failed");
    assert!(
        entry("kms")["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("timeout")
    );
    // Denied/throttled per-bucket reads: S3 partial.
    assert!(
        coverage
            .iter()
            .any(|c| c["service"] == "s3" && c["status"] == "partial"),
        "{coverage:#?}"
    );
    // No KMS rule ran (no key was listed), so none can pass.
    assert!(!v.keys().any(|(r, _)| r.starts_with("aws.kms.")));
    assert!(
        !v.iter()
            .any(|((r, _), (s, _))| r == "aws.ec2.volume_unencrypted" && s == "pass")
    );
}
