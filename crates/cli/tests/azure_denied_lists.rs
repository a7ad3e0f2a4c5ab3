//! A denied subscription-level listing makes the rules that depend on it Unknown with the
//! reason, never Fail: `posture scan azure` against the replayed Azure scenario
//! (`crates/collect-azure/tests/fixtures/live`) in which listing the subscription's diagnostic
//! settings and role assignments is answered 403. Resource-level diagnostic settings (a Key
//! Vault's) are still observed, which used to turn the missing subscription setting into a Fail.

use std::path::Path;
use std::process::Command;

use posture_collect_http::replay::{Server, load};
use serde_json::{Value, json};

const SUB: &str = "/subscriptions/3f1c9a52-6d4e-4b8f-a2c7-1e5d9b0c4a21/providers/";

fn denied(action: &str) -> Value {
    json!([{"status": 403, "body": {"error": {"code": "AuthorizationFailed", "message": format!(
        "The client '1a2b' does not have authorization to perform action '{action}' over scope \
         '/subscriptions/3f1c9a52-6d4e-4b8f-a2c7-1e5d9b0c4a21'."
    )}}}])
}

/// The recorded scenario with both subscription listings denied, in `dir`.
fn scenario(dir: &Path) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../collect-azure/tests/fixtures/live");
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    let path = dir.join("scenario.json");
    let mut routes: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut changed = 0;
    for r in &mut routes {
        let p = r["path"].as_str().unwrap_or_default().to_owned();
        if p == format!("{SUB}Microsoft.Insights/diagnosticSettings") {
            r["replies"] = denied("Microsoft.Insights/diagnosticSettings/read");
            changed += 1;
        } else if p == format!("{SUB}Microsoft.Authorization/roleAssignments") {
            r["replies"] = denied("Microsoft.Authorization/roleAssignments/read");
            changed += 1;
        }
    }
    assert_eq!(
        changed, 3,
        "the scenario's routes changed; update this test"
    );
    std::fs::write(&path, serde_json::to_vec(&routes).unwrap()).unwrap();
    path
}

fn finding<'a>(doc: &'a Value, rule: &str, name: &str) -> &'a Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule && f["resource_name"] == name)
        .unwrap_or_else(|| panic!("no {rule} finding on {name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denied_subscription_listings_make_dependent_rules_unknown() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = tmp.path().join("fixtures");
    std::fs::create_dir(&fixtures).unwrap();
    let server = Server::start(load(&scenario(&fixtures)).unwrap()).await;
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
    c.current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .env("HOME", tmp.path())
        .env("POSTURE_DATABASE", tmp.path().join("posture.db"))
        .args([
            "scan",
            "azure",
            "--format",
            "json",
            "--status",
            "all",
            "--as-of",
            "2026-12-02T00:00:00Z",
            "--rules",
            "azure.monitor.*,azure.authorization.*,azure.keyvault.vault_audit_logging_off",
            "--no-store",
        ])
        .arg("--endpoint")
        .arg(format!("authority_host={}", server.base()))
        .arg("--endpoint")
        .arg(format!("resource_manager={}", server.base()))
        .env("AZURE_TENANT_ID", "7d2f4c1e-0b3a-4e55-9a1d-2c8e6f0a9b11")
        .env("AZURE_CLIENT_ID", "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e")
        .env("AZURE_CLIENT_SECRET", "not-a-real-secret")
        .env("POSTURE_AZURE_MAX_RETRIES", "1");
    let out = tokio::task::spawn_blocking(move || c.output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    let doc: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));

    // The Key Vault's own diagnostic setting is still read: the export rule sees diagnostic
    // settings, but not the subscription's, and must not call that a failure.
    let f = finding(
        &doc,
        "azure.monitor.activity_log_export_missing",
        "contoso-prod",
    );
    assert_eq!(f["status"], "unknown", "{f}");
    let msg = f["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains("diagnostic_settings") && msg.contains("denied"),
        "{msg}"
    );
    let f = finding(
        &doc,
        "azure.authorization.subscription_owner_count",
        "contoso-prod",
    );
    assert_eq!(f["status"], "unknown", "{f}");
    assert!(
        f["message"]
            .as_str()
            .unwrap_or_default()
            .contains("role_assignments"),
        "{f}"
    );
    // Rules whose data was read are unaffected.
    assert_ne!(
        finding(
            &doc,
            "azure.keyvault.vault_audit_logging_off",
            "kv-contoso-prod"
        )["status"],
        "unknown"
    );
}
