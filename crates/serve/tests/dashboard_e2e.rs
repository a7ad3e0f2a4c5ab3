//! The dashboard end to end in headless Chromium: a real server on 127.0.0.1 with a store
//! holding two scans of the bundled sample estate; `tests/e2e/dashboard.mjs` drives Chromium
//! over the DevTools protocol: log in with a token, see the charts, filter findings, open a
//! finding, approve an exception. Screenshots go to `<target>/tmp/dashboard-e2e/`.
//!
//! Needs `node` and `chromium` (`scripts/test.sh` installs Chromium); without them the test is
//! skipped loudly, or fails when `POSTURE_REQUIRE_BROWSER=1`.

#![allow(clippy::unwrap_used, clippy::print_stderr, clippy::print_stdout)]

use posture_serve::pipeline::Collectors;
use posture_store::{
    DEFAULT_TENANT, ExceptionState, NewException, NewTarget, Reason, RecordOptions, Role, Schedule,
    Scope, TargetKind,
};
use serde_json::json;
use std::path::PathBuf;

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|f| f.is_file())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_in_headless_chromium() {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| which("chromium"))
        .or_else(|| which("chromium-browser"));
    let (Some(chromium), Some(node)) = (chromium, which("node")) else {
        if std::env::var("POSTURE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("POSTURE_REQUIRE_BROWSER=1 but chromium or node is missing");
        }
        eprintln!("\n!!! SKIPPED the dashboard E2E test: chromium or node not found !!!\n");
        return;
    };

    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("posture.db").display().to_string();
    let st = posture_serve::open_state(&url).await.unwrap();
    let now = posture_store::now();
    let c = st.control();
    let (_, secret) = c
        .create_token(DEFAULT_TENANT, "alice", Role::Approver, "test", now)
        .await
        .unwrap();
    // Two scans of the sample estate a day apart (two points per severity on the chart).
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let target = c
        .create_target(
            DEFAULT_TENANT,
            &NewTarget {
                name: "sample".into(),
                kind: TargetKind::Files,
                scope: json!({"paths": ["sample-estate"]}),
                credentials_ref: None,
                schedule: Schedule::Manual,
                enabled: true,
            },
            None,
            now,
        )
        .await
        .unwrap();
    let collectors = Collectors::new(Some(examples));
    let store = st.store(DEFAULT_TENANT).await.unwrap();
    for as_of in [now - 86_400, now] {
        let p = posture_serve::pipeline::prepare(&collectors, &st.0.library, &target, &[], as_of)
            .unwrap();
        let s = store
            .record_scan(&p.input, &RecordOptions::default())
            .await
            .unwrap();
        store
            .save_snapshots(s.scan_id, Some(target.id), &p.snapshots)
            .await
            .unwrap();
    }
    let exception = store
        .add_exception(
            &NewException {
                reason: Reason::CompensatingControl,
                justification: "<script>window.__xss = 1</script> WAF in front".into(),
                owner: "platform".into(),
                ticket: None,
                expires_at: Some(now + 30 * 86_400),
                scopes: vec![Scope {
                    rule: Some("aws.ec2.*".into()),
                    ..Scope::default()
                }],
                requested_by: "bob#99".into(),
            },
            now,
        )
        .await
        .unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = posture_serve::app(st.clone());
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dashboard-e2e");
    std::fs::create_dir_all(&shots).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/dashboard.mjs");
    let mut cmd = std::process::Command::new(node);
    cmd.arg(&script)
        .arg(format!("http://{addr}"))
        .arg(&secret)
        .arg(exception.to_string())
        .arg(&shots)
        .env("CHROMIUM", &chromium);
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .unwrap();
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the browser test failed");
    for f in [
        "overview.png",
        "findings-critical.png",
        "finding-detail.png",
        "exceptions-approved.png",
    ] {
        let len = std::fs::metadata(shots.join(f)).unwrap().len();
        assert!(len > 5_000, "{f}: {len} bytes");
    }
    // The approval reached the store, by the logged-in token, not by the requester.
    let list = store.list_exceptions(now, 3).await.unwrap();
    let e = list.iter().find(|e| e.id == exception).unwrap();
    assert_eq!(e.state, ExceptionState::Approved);
    assert!(e.decided_by.as_deref().unwrap().starts_with("alice#"));
    server.abort();
    st.close().await;
}
