//! The service with the live AWS collector end to end: `posture serve` (the real AWS SDK inside
//! its worker) against a local moto server on 127.0.0.1 seeded with boto3 (`tests/aws/seed.py`).
//! An `aws` target is created through the REST API, a scan job runs in the server's worker, and
//! the recorded findings are read back through the API.
//!
//! `scripts/test.sh` installs moto into `~/.cache/posture/moto-5.1.22` (or `$POSTURE_MOTO_VENV`).

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

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

/// A child process stopped (by its PID) when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_moto() -> (Proc, String) {
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
    let moto = Proc(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "moto did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let endpoint = format!("http://127.0.0.1:{port}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/aws/seed.py");
    let out = Command::new(venv().join("bin/python"))
        .arg(script)
        .arg(&endpoint)
        .output()
        .expect("run seed.py");
    assert!(
        out.status.success(),
        "seeding failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (moto, endpoint)
}

/// `posture` with AWS pointed at moto and nothing from the real environment.
fn posture(endpoint: &str, home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_posture"));
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .env("USER", "alice")
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
        .env("POSTURE_DATABASE", home.join("posture.db"));
    c
}

/// One HTTP request over a plain TCP connection: status and JSON body (`null` when empty).
fn call(addr: &str, method: &str, path: &str, token: &str, body: Option<&Value>) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).expect("connect to the server");
    let payload = body.map(Value::to_string).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    )
    .expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    let raw = out.split_once("\r\n\r\n").map(|x| x.1).unwrap_or_default();
    // Bodies may be chunked: take the JSON between the first `{`/`[` and the last `}`/`]`.
    let json = match (raw.find(['{', '[']), raw.rfind(['}', ']'])) {
        (Some(a), Some(b)) if b >= a => serde_json::from_str(&raw[a..=b]).unwrap_or(Value::Null),
        _ => Value::Null,
    };
    (status, json)
}

/// Wait for a job to leave queued/running; its final JSON.
fn wait_job(addr: &str, token: &str, job: i64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let (status, j) = call(addr, "GET", &format!("/api/v1/scans/{job}"), token, None);
        assert_eq!(status, 200, "{j}");
        let state = j["state"].as_str().unwrap_or_default().to_owned();
        if state != "queued" && state != "running" {
            return j;
        }
        assert!(Instant::now() < deadline, "job {job} still {state}: {j}");
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn start_scan(addr: &str, token: &str, target: i64, body: Option<&Value>) -> i64 {
    let (status, job) = call(
        addr,
        "POST",
        &format!("/api/v1/targets/{target}/scans"),
        token,
        body,
    );
    assert_eq!(status, 202, "{job}");
    job["id"].as_i64().expect("job id")
}

/// `resource_name → (state, status)` of a rule's findings, every state included.
fn findings(addr: &str, token: &str, rule: &str) -> Vec<(String, String, String)> {
    let (status, page) = call(
        addr,
        "GET",
        &format!("/api/v1/findings?rule={rule}&state=all&limit=1000"),
        token,
        None,
    );
    assert_eq!(status, 200, "{page}");
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|f| {
            (
                f["resource_name"].as_str().unwrap_or_default().to_owned(),
                f["state"].as_str().unwrap_or_default().to_owned(),
                f["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn aws_target_is_scanned_by_the_service_worker() {
    let (_moto, endpoint) = start_moto();
    let home = tempfile::tempdir().expect("tempdir");
    let out = posture(&endpoint, home.path())
        .args(["token", "create", "--role", "admin", "--name", "ops"])
        .output()
        .expect("token create");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();

    let addr = format!("127.0.0.1:{}", free_port());
    let mut child = posture(&endpoint, home.path())
        .args(["serve", "--listen", &addr, "--workers", "1"])
        .env("POSTURE_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start posture serve");
    let mut err = BufReader::new(child.stderr.take().expect("stderr"));
    let server = Proc(child);
    let mut line = String::new();
    err.read_line(&mut line).expect("first line");
    assert!(line.contains("serving on"), "{line}");

    // A target whose credentials are a reference to the worker's environment.
    let (status, target) = call(
        &addr,
        "POST",
        "/api/v1/targets",
        &token,
        Some(&json!({
            "name": "moto",
            "kind": "aws",
            "scope": {"regions": ["us-east-1"], "accounts": ["123456789012"]},
            "credentials_ref": "env"
        })),
    );
    assert_eq!(status, 201, "{target}");
    let target = target["id"].as_i64().expect("target id");

    let job = wait_job(&addr, &token, start_scan(&addr, &token, target, None));
    assert_eq!(job["state"], "succeeded", "{job}");
    assert!(job["scan_id"].as_i64().is_some(), "{job}");

    // What was seeded is what was recorded.
    let acl = findings(&addr, &token, "aws.s3.bucket_public_acl");
    assert!(
        acl.contains(&(
            "public-site-us-east-1".to_owned(),
            "new".to_owned(),
            "fail".to_owned()
        )),
        "{acl:?}"
    );
    assert!(
        !acl.iter().any(|(n, _, _)| n == "secure-logs-us-east-1"),
        "a passing bucket has no finding: {acl:?}"
    );
    let mfa = findings(&addr, &token, "aws.iam.user_console_without_mfa");
    assert!(
        mfa.iter()
            .any(|(n, st, s)| n == "alice" && st == "new" && s == "fail"),
        "{mfa:?}"
    );
    // Only the target's region was read (regional services; S3 buckets are listed globally and
    // carry their own location).
    let (_, page) = call(
        &addr,
        "GET",
        "/api/v1/findings?state=all&limit=1000",
        &token,
        None,
    );
    let regions: std::collections::BTreeSet<&str> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|f| {
            f["resource_kind"]
                .as_str()
                .is_some_and(|k| k.starts_with("aws.ec2."))
        })
        .filter_map(|f| f["region"].as_str())
        .collect();
    assert!(
        !regions.contains("eu-west-1") && regions.contains("us-east-1"),
        "{regions:?}"
    );

    // A re-scan limited to one bucket reads S3 only: its coverage is partial, so the IAM
    // findings it did not look at stay open instead of being resolved.
    let arn = "arn:aws:s3:::public-site-us-east-1";
    let job = wait_job(
        &addr,
        &token,
        start_scan(&addr, &token, target, Some(&json!({"resources": [arn]}))),
    );
    assert_eq!(job["state"], "succeeded", "{job}");
    let mfa = findings(&addr, &token, "aws.iam.user_console_without_mfa");
    assert!(
        mfa.iter()
            .any(|(n, st, _)| n == "alice" && (st == "open" || st == "new")),
        "limited re-scan resolved a finding it did not look at: {mfa:?}"
    );
    let acl = findings(&addr, &token, "aws.s3.bucket_public_acl");
    assert!(
        acl.iter()
            .any(|(n, st, s)| n == "public-site-us-east-1" && st == "open" && s == "fail"),
        "{acl:?}"
    );

    // Credentials that are not a reference fail the job with a clear error; nothing recorded.
    let (status, bad) = call(
        &addr,
        "POST",
        "/api/v1/targets",
        &token,
        Some(&json!({"name": "bad", "kind": "aws", "credentials_ref": "AKIAEXAMPLE:secret"})),
    );
    assert_eq!(status, 201, "{bad}");
    let job = wait_job(
        &addr,
        &token,
        start_scan(&addr, &token, bad["id"].as_i64().expect("id"), None),
    );
    assert_eq!(job["state"], "failed", "{job}");
    let error = job["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("credentials_ref") && error.contains("profile:NAME"),
        "{error}"
    );
    assert!(job["scan_id"].is_null(), "{job}");

    // The wrong account is refused rather than recorded under the target.
    let (_, wrong) = call(
        &addr,
        "POST",
        "/api/v1/targets",
        &token,
        Some(
            &json!({"name": "other", "kind": "aws", "scope": {"regions": ["us-east-1"], "accounts": ["999999999999"]}}),
        ),
    );
    let job = wait_job(
        &addr,
        &token,
        start_scan(&addr, &token, wrong["id"].as_i64().expect("id"), None),
    );
    assert_eq!(job["state"], "failed", "{job}");
    assert!(
        job["error"]
            .as_str()
            .unwrap_or_default()
            .contains("not the target's account"),
        "{job}"
    );
    drop(server);
}
