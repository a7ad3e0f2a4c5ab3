//! `posture scan azure` against a local server replaying recorded ARM / Resource Graph / Entra ID
//! responses (ids and credentials invented): pagination, 429 with Retry-After, 403 on one
//! subscription, an expired token refreshed after 401, throttling that outlasts the retries.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use posture_collect_azure::{AzureOptions, CredentialKind, Endpoints, collect};
use posture_collect_http::replay::{Server, load};
use posture_collect_http::{HttpOptions, base_url};
use posture_model::{Config, CoverageStatus, GapReason, Inventory, InventoryIndex, Status};

const TENANT: &str = "7d2f4c1e-0b3a-4e55-9a1d-2c8e6f0a9b11";
const SUB_A: &str = "3f1c9a52-6d4e-4b8f-a2c7-1e5d9b0c4a21";
const SUB_B: &str = "8b2e7d14-5c3f-4a96-b1d8-9f0e2a6c3d42";
const SECRET: &str = "not-a-real-secret";

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn options(base: &str, subscriptions: Vec<String>) -> AzureOptions {
    let url = base_url("test", base).unwrap();
    let env: BTreeMap<String, String> = [
        ("AZURE_TENANT_ID", TENANT),
        ("AZURE_CLIENT_ID", "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"),
        ("AZURE_CLIENT_SECRET", SECRET),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    AzureOptions {
        endpoints: Endpoints {
            authority_host: url.clone(),
            resource_manager: url.clone(),
            resource_graph: url,
            managed_identity: None,
        },
        credential: CredentialKind::Auto,
        subscriptions,
        management_groups: Vec::new(),
        http: HttpOptions {
            max_retries: 3,
            base_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            ..HttpOptions::default()
        },
        env,
    }
}

fn by_uid<'a>(inv: &'a Inventory, needle: &str) -> &'a posture_model::Resource {
    inv.resources
        .iter()
        .find(|r| r.uid.ends_with(needle))
        .unwrap_or_else(|| panic!("no resource ending in {needle}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_scan_normalizes_pages_enriches_and_reports_gaps() {
    let server = Server::start(load(&fixtures().join("live/scenario.json")).unwrap()).await;
    let steps = std::sync::Mutex::new(Vec::new());
    let (inv, summary) = collect(&options(server.base(), Vec::new()), &|p| {
        steps.lock().unwrap().push(format!("{p:?}"));
    })
    .await
    .expect("scan");

    // Nothing outside the recording was called; the token was fetched twice (401 → refresh).
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    let reqs = server.requests();
    let token_calls = reqs.iter().filter(|r| r.path.ends_with("/token")).count();
    assert_eq!(token_calls, 2);
    assert_eq!(summary.reauthentications, 1);
    assert!(summary.retries >= 2, "429 once + 503s: {summary:?}");
    // Every ARM call carried a bearer token; the form secret only went to the token endpoint.
    for r in &reqs {
        if r.path.ends_with("/token") {
            assert!(r.body.contains("grant_type=client_credentials"));
            assert!(r.body.contains("scope=http%3A%2F%2F127.0.0.1"));
        } else {
            assert!(
                r.header("authorization")
                    .unwrap()
                    .starts_with("Bearer tok-")
            );
            assert!(!r.body.contains(SECRET));
        }
    }
    // The disabled subscription is not scanned; two scopes × four steps were reported.
    assert!(!reqs.iter().any(|r| r.body.contains("0c4d2e6f")));
    assert_eq!(
        steps
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.starts_with("Step"))
            .count(),
        8
    );

    // Subscription B: denied, a failed coverage entry, nothing marked collected.
    let b = summary
        .scopes
        .iter()
        .find(|s| s.scope.ends_with(SUB_B))
        .unwrap();
    assert_eq!((b.steps, b.complete, b.resources), (4, 0, 0));
    let cov_b: Vec<_> = inv.coverage.iter().filter(|c| c.account == SUB_B).collect();
    assert_eq!(cov_b.len(), 1);
    assert_eq!(cov_b[0].status, CoverageStatus::Failed);
    assert!(
        cov_b[0].reason.as_deref().unwrap().contains("denied"),
        "{cov_b:?}"
    );
    // Subscription A: steps 1, 2 and 4 complete; step 3 had a denied and a throttled read.
    let a = summary
        .scopes
        .iter()
        .find(|s| s.scope.ends_with(SUB_A))
        .unwrap();
    assert_eq!((a.steps, a.complete), (4, 3), "{a:?}");
    assert!((summary.coverage_percent() - 37.5).abs() < 1e-9);
    let partial: Vec<_> = inv
        .coverage
        .iter()
        .filter(|c| c.account == SUB_A && c.status == CoverageStatus::Partial)
        .map(|c| c.service.as_str())
        .collect();
    assert_eq!(partial, vec!["microsoft.sql", "microsoft.web"]);

    // Both Resource Graph pages arrived (the disk is on page 2); ARM rows were normalized too.
    let disk = by_uid(&inv, "/disks/vm-app01_osdisk_1");
    assert!(matches!(disk.config, Config::AzureComputeDisk(_)));
    assert!(
        by_uid(&inv, "/pricings/virtualmachines")
            .uid
            .starts_with("/subscriptions/")
    );
    assert_eq!(
        inv.resources
            .iter()
            .filter(|r| r.uid.contains("/roleassignments/"))
            .count(),
        2,
        "both role assignment pages"
    );

    // Enrichment merged into the resources Resource Graph returned.
    let Config::AzureSqlServer(sql) = &by_uid(&inv, "/servers/sql-contoso-orders").config else {
        panic!("sql kind")
    };
    assert_eq!(sql.firewall_rules.as_ref().map(Vec::len), Some(2));
    assert_eq!(sql.tde_customer_managed_key, Some(false));
    assert_eq!(sql.auditing_enabled, None);
    let sql_res = by_uid(&inv, "/servers/sql-contoso-orders");
    let audit_gap = sql_res
        .gaps
        .iter()
        .find(|g| g.field == "auditing_enabled")
        .unwrap();
    assert_eq!(audit_gap.reason, GapReason::Denied);
    assert_eq!(
        audit_gap.api.as_deref(),
        Some("Microsoft.Sql/servers/auditingSettings/read")
    );
    assert_eq!(
        sql_res
            .gaps
            .iter()
            .filter(|g| g.field == "auditing_enabled")
            .count(),
        1,
        "the export's not-in-source gap is replaced, not duplicated"
    );
    let Config::AzureStorageAccount(st) = &by_uid(&inv, "/storageaccounts/stcontosodata01").config
    else {
        panic!("storage kind")
    };
    assert_eq!(st.blob_soft_delete_enabled, Some(false));
    let Config::AzureWebApp(web) = &by_uid(&inv, "/sites/app-contoso-portal").config else {
        panic!("web kind")
    };
    assert_eq!(web.min_tls_version.as_deref(), Some("1.0"));
    assert_eq!(web.ftps_state.as_deref(), Some("AllAllowed"));
    let jobs = by_uid(&inv, "/sites/func-contoso-jobs");
    assert!(
        jobs.gaps
            .iter()
            .any(|g| g.field == "min_tls_version" && g.reason == GapReason::Throttled),
        "{:?}",
        jobs.gaps
    );

    // Findings: failures where the data says so, Unknown (never Pass) where a read failed.
    let index = InventoryIndex::new(&inv.resources);
    let eval = posture_rules::evaluate(posture_rules::catalog(), &index, 1_796_000_000);
    let status = |rule: &str, needle: &str| {
        let o = eval
            .outcomes
            .iter()
            .find(|o| {
                eval.rules[o.rule as usize].meta().id == rule
                    && inv.resources[o.resource as usize].uid.ends_with(needle)
            })
            .unwrap_or_else(|| panic!("{rule} on {needle} not evaluated"));
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
            "azure.web.app_min_tls_below_1_2",
            "/sites/app-contoso-portal"
        )
        .0,
        Status::Fail
    );
    let (st_jobs, msg) = status(
        "azure.web.app_min_tls_below_1_2",
        "/sites/func-contoso-jobs",
    );
    assert_eq!(st_jobs, Status::Unknown);
    assert!(msg.contains("throttled"), "{msg}");
    assert_eq!(
        status(
            "azure.sql.server_firewall_allows_internet",
            "/servers/sql-contoso-orders"
        )
        .0,
        Status::Fail
    );
    assert_eq!(
        status(
            "azure.storage.account_public_blob_access",
            "/storageaccounts/stcontosodata01"
        )
        .0,
        Status::Fail
    );
    assert_eq!(
        status(
            "azure.keyvault.vault_purge_protection_off",
            "/vaults/kv-contoso-prod"
        )
        .0,
        Status::Pass
    );

    assert!(
        inv.sources.iter().all(|s| s.format == "azure-live"),
        "{:?}",
        inv.sources
    );
    // Credentials never reach the inventory.
    let doc = serde_json::to_string(&inv).unwrap();
    assert!(
        by_uid(&inv, "/vaults/kv-contoso-prod/keys/signing-legacy")
            .uid
            .contains("/keys/")
    );
    assert!(
        by_uid(&inv, "/secrets/sql-admin-password")
            .uid
            .contains("/secrets/")
    );
    for s in [SECRET, "tok-1", "tok-2", "must-never-be-stored"] {
        assert!(!doc.contains(s), "{s} leaked");
    }
    assert!(!format!("{summary:?}").contains(SECRET));
    let opts = options("http://127.0.0.1:9", Vec::new());
    let shown = format!("{opts:?}");
    assert!(
        shown.contains("AZURE_CLIENT_SECRET") && !shown.contains(SECRET),
        "{shown}"
    );
}

/// The live path and the export path normalize the same rows identically, kind by kind; the
/// only differences are the settings that need the extra ARM reads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_and_export_paths_normalize_the_same_resources() {
    let server = Server::start(load(&fixtures().join("live/scenario.json")).unwrap()).await;
    let (live, _) = collect(&options(server.base(), vec![SUB_A.to_owned()]), &|_| {})
        .await
        .unwrap();
    let bytes = std::fs::read(fixtures().join("export-a.json")).unwrap();
    let export =
        posture_collect::import_bytes("export-a.json", &bytes, &Default::default()).unwrap();
    let live_only: Vec<&str> = posture_collect_azure::READS
        .iter()
        .flat_map(|r| r.fields.iter().copied())
        .collect();
    let strip = |r: &posture_model::Resource| {
        let mut v = r.config.to_value();
        if let Some(m) = v.as_object_mut() {
            for f in &live_only {
                m.remove(*f);
            }
        }
        let mut gaps: Vec<String> = r
            .gaps
            .iter()
            .filter(|g| !live_only.contains(&g.field.as_str()))
            .map(|g| format!("{}:{}", g.field, g.reason.as_str()))
            .collect();
        gaps.sort();
        (
            r.kind(),
            r.account.clone(),
            r.region.clone(),
            r.name.clone(),
            r.tags.clone(),
            v,
            r.relationships.clone(),
            gaps,
        )
    };
    let mut kinds = std::collections::BTreeSet::new();
    for e in &export.resources {
        let l = live
            .resources
            .iter()
            .find(|l| l.uid == e.uid)
            .unwrap_or_else(|| panic!("{} missing from the live inventory", e.uid));
        assert_eq!(strip(l), strip(e), "{}", e.uid);
        kinds.insert(e.kind().to_string());
    }
    assert!(kinds.len() >= 5, "{kinds:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn management_group_scopes_its_subscriptions() {
    let server = Server::start(load(&fixtures().join("live/scenario.json")).unwrap()).await;
    let mut opts = options(server.base(), Vec::new());
    opts.management_groups = vec!["contoso-platform".into()];
    let (inv, summary) = collect(&opts, &|_| {}).await.unwrap();
    let scopes: Vec<&str> = summary.scopes.iter().map(|s| s.scope.as_str()).collect();
    assert_eq!(scopes, vec![format!("subscriptions/{SUB_A}")]);
    let reqs = server.requests();
    assert!(
        !reqs.iter().any(|r| r.path == "/subscriptions"),
        "no tenant-wide listing"
    );
    let mg = reqs
        .iter()
        .find(|r| r.body.contains("managementGroups"))
        .unwrap();
    assert!(
        mg.body.contains("microsoft.resources/subscriptions"),
        "{}",
        mg.body
    );
    assert!(inv.resources.iter().all(|r| r.account == SUB_A));
}
