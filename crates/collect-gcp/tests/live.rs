//! `posture scan gcp` against a local server replaying recorded Cloud Asset Inventory, Cloud SQL
//! Admin, Cloud Storage, Cloud Logging and OAuth2 responses (ids and the key invented):
//! pagination, 429 with Retry-After, 403 on one project, a token refreshed after 401, a denied
//! direct read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use posture_collect_gcp::{Endpoints, GcpOptions, collect};
use posture_collect_http::jwt::RsaKey;
use posture_collect_http::replay::{Server, load};
use posture_collect_http::{HttpOptions, Url, base_url, join};
use posture_model::{Config, CoverageStatus, GapReason, Inventory, InventoryIndex, Status};

const PROD: &str = "contoso-prod-4821";
const LEGACY: &str = "contoso-legacy-1190";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn options(base: &str, projects: &[&str]) -> GcpOptions {
    let b = base_url("test", base).unwrap();
    GcpOptions {
        endpoints: Endpoints {
            token: join(&b, "token"),
            cloudasset: b.clone(),
            sqladmin: b.clone(),
            storage: b.clone(),
            logging: b.clone(),
            metadata: Url::parse("http://127.0.0.1:9/").unwrap(),
        },
        credentials: Some(fixtures().join("live/service-account.json")),
        projects: projects.iter().map(|p| (*p).to_owned()).collect(),
        http: HttpOptions {
            max_retries: 3,
            base_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            ..HttpOptions::default()
        },
        env: BTreeMap::new(),
        ..GcpOptions::default()
    }
}

fn res<'a>(inv: &'a Inventory, uid: &str) -> &'a posture_model::Resource {
    inv.resources
        .iter()
        .find(|r| r.uid == uid)
        .unwrap_or_else(|| panic!("no {uid}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_scan_pages_reads_directly_and_reports_gaps() {
    let server = Server::start(load(&fixtures().join("live/scenario.json")).unwrap()).await;
    let (inv, summary) = collect(&options(server.base(), &[PROD, LEGACY]), &|_| {})
        .await
        .expect("scan");
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    let reqs = server.requests();

    // The JWT bearer assertion is signed by the key file's key and names the account.
    let token_reqs: Vec<_> = reqs.iter().filter(|r| r.path == "/token").collect();
    assert_eq!(token_reqs.len(), 2, "first token + refresh after 401");
    assert_eq!(summary.reauthentications, 1);
    assert!(summary.retries >= 1, "the 429 was retried");
    let body = &token_reqs[0].body;
    let assertion = body
        .split('&')
        .find_map(|kv| kv.strip_prefix("assertion="))
        .unwrap();
    let parts: Vec<&str> = assertion.split('.').collect();
    assert_eq!(parts.len(), 3);
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header: serde_json::Value = serde_json::from_slice(&b64.decode(parts[0]).unwrap()).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["kid"], "3c9f1e2a7b6d5c4e8f0a1b2c3d4e5f6a7b8c9d0e");
    assert_eq!(
        claims["iss"],
        "posture-scanner@contoso-prod-4821.iam.gserviceaccount.com"
    );
    assert_eq!(
        claims["scope"],
        "https://www.googleapis.com/auth/cloud-platform"
    );
    assert_eq!(claims["aud"], format!("{}/token", server.base()));
    let key_file: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixtures().join("live/service-account.json")).unwrap(),
    )
    .unwrap();
    let key = RsaKey::from_pem(key_file["private_key"].as_str().unwrap()).unwrap();
    let public = ring::signature::UnparsedPublicKey::new(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        key.public_key_der(),
    );
    public
        .verify(
            format!("{}.{}", parts[0], parts[1]).as_bytes(),
            &b64.decode(parts[2]).unwrap(),
        )
        .expect("signature verifies");
    for r in reqs.iter().filter(|r| r.path != "/token") {
        assert!(
            r.header("authorization")
                .unwrap()
                .starts_with("Bearer tok-g")
        );
    }

    // The legacy project: denied, failed coverage, no resources.
    let legacy = summary
        .scopes
        .iter()
        .find(|s| s.scope == format!("projects/{LEGACY}"))
        .unwrap();
    assert_eq!((legacy.steps, legacy.complete, legacy.resources), (4, 0, 0));
    let cov: Vec<_> = inv
        .coverage
        .iter()
        .filter(|c| c.account == LEGACY)
        .collect();
    assert_eq!(cov.len(), 1);
    assert_eq!(cov[0].status, CoverageStatus::Failed);
    assert!(cov[0].reason.as_deref().unwrap().contains("denied"));
    // The production project: the archive bucket's IAM read was denied.
    let prod = summary
        .scopes
        .iter()
        .find(|s| s.scope == format!("projects/{PROD}"))
        .unwrap();
    assert_eq!((prod.steps, prod.complete), (4, 3), "{prod:?}");
    assert!((summary.coverage_percent() - 37.5).abs() < 1e-9);

    // Both pages, the direct reads and the sinks are normalized resources.
    let Config::GcpSqlInstance(sql) = &res(
        &inv,
        "//cloudsql.googleapis.com/projects/contoso-prod-4821/instances/orders-pg",
    )
    .config
    else {
        panic!("sql kind")
    };
    assert_eq!(sql.backup_enabled, Some(false));
    assert_eq!(
        sql.authorized_networks.as_deref(),
        Some(&["0.0.0.0/0".to_owned()][..])
    );
    assert_eq!(
        sql.database_flags
            .as_ref()
            .and_then(|f| f.get("log_connections"))
            .map(String::as_str),
        Some("off")
    );
    let Config::GcpStorageBucket(stat) =
        &res(&inv, "//storage.googleapis.com/contoso-prod-static").config
    else {
        panic!("bucket kind")
    };
    assert!(stat.iam_bindings.as_ref().is_some_and(|b| !b.is_empty()));
    let archive = res(&inv, "//storage.googleapis.com/contoso-prod-archive");
    let gap = archive
        .gaps
        .iter()
        .find(|g| g.field == "iam_bindings")
        .unwrap();
    assert_eq!(gap.reason, GapReason::Denied);
    assert_eq!(gap.api.as_deref(), Some("storage.buckets.getIamPolicy"));
    assert_eq!(
        archive
            .gaps
            .iter()
            .filter(|g| g.field == "iam_bindings")
            .count(),
        1
    );
    assert!(inv.resources.iter().any(|r| r.uid
        == "//logging.googleapis.com/projects/contoso-prod-4821/sinks/audit-to-bq"
        && r.account == PROD));
    assert!(matches!(
        res(
            &inv,
            "//compute.googleapis.com/projects/contoso-prod-4821/global/networks/default"
        )
        .config,
        Config::GcpComputeNetwork(_)
    ));

    // Findings.
    let index = InventoryIndex::new(&inv.resources);
    let eval = posture_rules::evaluate(posture_rules::catalog(), &index, 1_796_000_000);
    let status = |rule: &str, uid: &str| {
        let o = eval
            .outcomes
            .iter()
            .find(|o| {
                eval.rules[o.rule as usize].meta().id == rule
                    && inv.resources[o.resource as usize].uid == uid
            })
            .unwrap_or_else(|| panic!("{rule} on {uid} not evaluated"));
        (
            o.status,
            o.detail
                .as_ref()
                .map(|d| d.message.clone())
                .unwrap_or_default(),
        )
    };
    assert_eq!(
        status(
            "gcp.storage.bucket_public",
            "//storage.googleapis.com/contoso-prod-exports"
        )
        .0,
        Status::Fail
    );
    assert_eq!(
        status(
            "gcp.storage.bucket_public",
            "//storage.googleapis.com/contoso-prod-static"
        )
        .0,
        Status::Fail,
        "public through the directly read policy"
    );
    let (s, msg) = status(
        "gcp.storage.bucket_public",
        "//storage.googleapis.com/contoso-prod-archive",
    );
    assert_eq!(s, Status::Unknown);
    assert!(msg.contains("denied"), "{msg}");
    let sql_uid = "//cloudsql.googleapis.com/projects/contoso-prod-4821/instances/orders-pg";
    assert_eq!(
        status("gcp.sql.instance_backups_off", sql_uid).0,
        Status::Fail
    );
    assert_eq!(
        status("gcp.sql.instance_open_to_internet", sql_uid).0,
        Status::Fail
    );
    assert_eq!(
        status(
            "gcp.compute.firewall_admin_ports_open",
            "//compute.googleapis.com/projects/contoso-prod-4821/global/firewalls/allow-ssh-anywhere"
        )
        .0,
        Status::Fail
    );

    let doc = serde_json::to_string(&inv).unwrap();
    assert!(!doc.contains("PRIVATE KEY") && !doc.contains("tok-g1"));
}

/// Per kind, the live path and the export path produce the same resources from the same
/// assets; resources a direct read completed (and the live-only log sinks) are the exceptions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_and_export_paths_normalize_the_same_resources() {
    let server = Server::start(load(&fixtures().join("live/scenario.json")).unwrap()).await;
    let (live, _) = collect(&options(server.base(), &[PROD]), &|_| {})
        .await
        .unwrap();
    let bytes = std::fs::read(fixtures().join("export-prod.json")).unwrap();
    let export =
        posture_collect::import_bytes("export-prod.json", &bytes, &Default::default()).unwrap();
    let direct = [
        "//cloudsql.googleapis.com/projects/contoso-prod-4821/instances/orders-pg",
        "//storage.googleapis.com/contoso-prod-static",
        "//storage.googleapis.com/contoso-prod-archive",
    ];
    let view = |r: &posture_model::Resource| {
        (
            r.kind(),
            r.account.clone(),
            r.region.clone(),
            r.name.clone(),
            r.tags.clone(),
            r.config.to_value(),
            r.relationships.clone(),
            r.gaps.clone(),
        )
    };
    let mut kinds = std::collections::BTreeSet::new();
    let mut compared = 0;
    for e in &export.resources {
        let l = res(&live, &e.uid);
        kinds.insert(e.kind().to_string());
        if direct.contains(&e.uid.as_str()) {
            assert_eq!(l.kind(), e.kind());
            continue;
        }
        assert_eq!(view(l), view(e), "{}", e.uid);
        compared += 1;
    }
    assert_eq!(compared, 4);
    assert!(kinds.len() >= 5, "{kinds:?}");
    assert_eq!(
        live.resources.len(),
        export.resources.len() + 1,
        "+ the log sink"
    );
}

/// A folder scope: assets of several projects; IAM content empty, so bucket IAM is read
/// directly; log sinks per project found in the assets, one of them denied.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn folder_scope_reads_each_project_it_contains() {
    let server = Server::start(load(&fixtures().join("live/folder-scenario.json")).unwrap()).await;
    let mut opts = options(server.base(), &[]);
    opts.folders = vec!["771204958311".into()];
    let (inv, summary) = collect(&opts, &|_| {}).await.unwrap();
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    assert_eq!(summary.scopes.len(), 1);
    assert_eq!(summary.scopes[0].scope, "folders/771204958311");
    assert_eq!(summary.scopes[0].complete, 3, "{:?}", summary.scopes[0]);
    let bucket = res(&inv, "//storage.googleapis.com/contoso-shared-artifacts");
    assert_eq!(bucket.account, "contoso-shared-0042");
    let Config::GcpStorageBucket(b) = &bucket.config else {
        panic!("bucket kind")
    };
    assert_eq!(b.iam_bindings.as_ref().map(Vec::len), Some(1));
    assert!(
        inv.resources
            .iter()
            .any(|r| r.uid
                == "//logging.googleapis.com/projects/contoso-prod-4821/sinks/audit-to-bq")
    );
    let folder_sink = res(
        &inv,
        "//logging.googleapis.com/folders/771204958311/sinks/folder-audit-to-bucket",
    );
    assert!(folder_sink.source.contains("folders/771204958311"));
    let denied: Vec<_> = inv
        .coverage
        .iter()
        .filter(|c| c.service == "logging" && c.status != CoverageStatus::Collected)
        .collect();
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0].status, CoverageStatus::Partial);
    assert_eq!(denied[0].account, "contoso-shared-0042");
    assert!(
        denied[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("projects/contoso-shared-0042"),
        "{denied:?}"
    );
}
