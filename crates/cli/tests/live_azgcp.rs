//! `posture scan azure` / `posture scan gcp` end to end: the binary against a local server
//! replaying the collectors' recorded API responses (`crates/collect-{azure,gcp}/tests/fixtures`).

use std::path::{Path, PathBuf};
use std::process::Command;

use posture_collect_http::replay::{Server, load};

fn fixtures(provider: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../collect-{provider}/tests/fixtures/live"))
}

fn posture(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_posture"));
    for (k, _) in std::env::vars() {
        if k.starts_with("POSTURE_")
            || k.starts_with("AZURE_")
            || k.starts_with("GOOGLE_")
            || k.starts_with("IDENTITY_")
        {
            c.env_remove(k);
        }
    }
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", dir)
        .env("POSTURE_DATABASE", dir.join("posture.db"));
    c
}

async fn run(mut c: Command) -> (i32, String, String) {
    let out = tokio::task::spawn_blocking(move || c.output().expect("run posture"))
        .await
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn finding<'a>(doc: &'a serde_json::Value, rule: &str, name: &str) -> &'a serde_json::Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule && f["resource_name"] == name)
        .unwrap_or_else(|| panic!("no {rule} finding on {name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_azure_live_reports_findings_unknowns_and_coverage() {
    let server = Server::start(load(&fixtures("azure").join("scenario.json")).unwrap()).await;
    let tmp = tempfile::tempdir().unwrap();
    let mut c = posture(tmp.path());
    c.args([
        "scan",
        "azure",
        "--format",
        "json",
        "--as-of",
        "2026-12-02T00:00:00Z",
        "--rules",
        "azure.*",
        "--fail-on",
        "critical",
    ])
    .arg("--endpoint")
    .arg(format!("authority_host={}", server.base()))
    .arg("--endpoint")
    .arg(format!("resource_manager={}", server.base()))
    .env("AZURE_TENANT_ID", "7d2f4c1e-0b3a-4e55-9a1d-2c8e6f0a9b11")
    .env("AZURE_CLIENT_ID", "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e")
    .env("AZURE_CLIENT_SECRET", "not-a-real-secret")
    // Through the configuration's environment override: one retry keeps the 503s short.
    .env("POSTURE_AZURE_MAX_RETRIES", "1");
    let (code, out, err) = run(c).await;
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    let doc: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    // The summary: coverage of scope steps, the denied subscription named.
    assert!(err.contains("azure: 2 scopes"), "{err}");
    assert!(err.contains("coverage 37.5%"), "{err}");
    assert!(
        err.contains("subscriptions/8b2e7d14-5c3f-4a96-b1d8-9f0e2a6c3d42: 0 of 4 steps complete"),
        "{err}"
    );
    assert!(!err.contains("not-a-real-secret") && !out.contains("not-a-real-secret"));
    assert_eq!(
        finding(
            &doc,
            "azure.web.app_min_tls_below_1_2",
            "app-contoso-portal"
        )["status"],
        "fail"
    );
    assert_eq!(
        finding(&doc, "azure.web.app_min_tls_below_1_2", "func-contoso-jobs")["status"],
        "unknown"
    );
    assert_eq!(
        finding(
            &doc,
            "azure.sql.server_firewall_allows_internet",
            "sql-contoso-orders"
        )["status"],
        "fail"
    );
    // A subscription that could not be read is a failed input: --fail-on cannot vouch for it.
    assert_eq!(doc["summary"]["failed_sources"], 1, "{}", doc["summary"]);
    assert_eq!(
        code, 4,
        "no critical failure, but an unreadable scope: {err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_gcp_live_reports_findings_unknowns_and_coverage() {
    let server = Server::start(load(&fixtures("gcp").join("scenario.json")).unwrap()).await;
    let tmp = tempfile::tempdir().unwrap();
    let base = server.base().to_owned();
    let mut c = posture(tmp.path());
    c.args([
        "scan",
        "gcp",
        "--project",
        "contoso-prod-4821",
        "--project",
        "contoso-legacy-1190",
        "--format",
        "json",
        "--as-of",
        "2026-12-02T00:00:00Z",
        "--no-store",
    ])
    .arg("--credentials")
    .arg(fixtures("gcp").join("service-account.json"));
    for name in [
        "cloudasset_endpoint",
        "sqladmin_endpoint",
        "storage_endpoint",
        "logging_endpoint",
    ] {
        c.arg("--endpoint").arg(format!("{name}={base}"));
    }
    c.arg("--endpoint")
        .arg(format!("token_endpoint={base}/token"));
    let (code, out, err) = run(c).await;
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    assert!(err.contains("gcp: 2 scopes"), "{err}");
    assert!(err.contains("coverage 37.5%"), "{err}");
    assert!(
        err.contains("projects/contoso-legacy-1190: 0 of 4 steps complete"),
        "{err}"
    );
    assert_eq!(
        finding(&doc, "gcp.storage.bucket_public", "contoso-prod-static")["status"],
        "fail"
    );
    let archive = finding(&doc, "gcp.storage.bucket_public", "contoso-prod-archive");
    assert_eq!(archive["status"], "unknown");
    assert!(
        archive["message"].as_str().unwrap().contains("denied"),
        "{archive}"
    );
    assert!(!out.contains("PRIVATE KEY") && !err.contains("PRIVATE KEY"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_flags_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = posture(tmp.path());
    c.args(["scan", "azure", "--project", "p"]);
    let (code, _, err) = run(c).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("apply to `posture scan gcp`"), "{err}");
    let mut c = posture(tmp.path());
    c.args([
        "scan",
        "gcp",
        "--project",
        "p",
        "--endpoint",
        "resource_manager=http://127.0.0.1:9",
    ]);
    let (code, _, err) = run(c).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unknown endpoint for this provider"), "{err}");
    let mut c = posture(tmp.path());
    c.args(["scan", "somefile.json", "--subscription", "x"]);
    let (code, _, err) = run(c).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("apply to live scans"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_gcp_reads_scopes_endpoints_and_credentials_from_posture_toml() {
    let server = Server::start(load(&fixtures("gcp").join("scenario.json")).unwrap()).await;
    let tmp = tempfile::tempdir().unwrap();
    let base = server.base();
    let key = fixtures("gcp").join("service-account.json");
    std::fs::write(
        tmp.path().join("posture.toml"),
        format!(
            r#"[gcp]
projects = ["contoso-prod-4821"]
credentials = "{}"
token_endpoint = "{base}/token"
cloudasset_endpoint = "{base}"
sqladmin_endpoint = "{base}"
storage_endpoint = "{base}"
logging_endpoint = "{base}"
max_retries = 2
timeout = "30s"
concurrency = 4
"#,
            key.display()
        ),
    )
    .unwrap();
    let mut c = posture(tmp.path());
    c.args(["scan", "gcp", "--format", "json", "--no-store"]);
    let (code, out, err) = run(c).await;
    assert_eq!(code, 0, "{err}");
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    assert!(err.contains("gcp: 1 scopes"), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        finding(&doc, "gcp.storage.bucket_public", "contoso-prod-exports")["status"],
        "fail"
    );
    // A bad value names the key.
    std::fs::write(
        tmp.path().join("posture.toml"),
        "[azure]\ncloud = \"mars\"\n",
    )
    .unwrap();
    let mut c = posture(tmp.path());
    c.args(["scan", "azure"]);
    let (code, _, err) = run(c).await;
    assert_eq!(code, 1);
    assert!(err.contains("azure.cloud"), "{err}");
}
