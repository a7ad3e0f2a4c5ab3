//! GCP Cloud Asset Inventory importer: shapes, merging, project resolution, gaps, bad input.

use posture_collect::{ImportError, ImportOptions, import_bytes};
use posture_model::kinds::gcp;
use posture_model::{Binding, Config, GapReason, Inventory, Resource};

fn data(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/data/gcp/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn import(name: &str) -> Inventory {
    import_bytes(name, &data(name), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn get<'a>(inv: &'a Inventory, uid: &str) -> &'a Resource {
    inv.resources
        .iter()
        .find(|r| r.uid == uid)
        .unwrap_or_else(|| panic!("no resource {uid}"))
}

fn gap_reason(r: &Resource, field: &str) -> Option<GapReason> {
    r.gaps.iter().find(|g| g.field == field).map(|g| g.reason)
}

#[test]
fn snake_case_export_maps_and_merges() {
    let inv = import("cai_export_snake.jsonl");
    let src = &inv.sources[0];
    assert_eq!(src.format, "gcp-asset-inventory");
    assert!(src.warnings.is_empty(), "{:?}", src.warnings);
    // 16 lines: 3 iam lines merge into their resources, 1 org-policy line is skipped.
    assert_eq!(inv.resources.len(), 12);
    assert_eq!(
        src.skipped
            .get("asset without resource or iam-policy content"),
        Some(&1)
    );
    assert_eq!(src.unmodeled.get("pubsub.googleapis.com/Topic"), Some(&1));
    assert_eq!(
        src.unmodeled.get("iam.googleapis.com/ServiceAccount"),
        Some(&1)
    );
    assert!(
        inv.resources.iter().all(|r| r.account == "acme-prod-123"),
        "{:?}",
        inv.resources
            .iter()
            .map(|r| (&r.uid, &r.account))
            .collect::<Vec<_>>()
    );

    let p = get(
        &inv,
        "//cloudresourcemanager.googleapis.com/projects/123456789012",
    );
    assert_eq!(p.name, "acme-prod-123");
    assert_eq!(p.region, "global");
    let Config::GcpProject(c) = &p.config else {
        panic!()
    };
    assert_eq!(c.project_number.as_deref(), Some("123456789012"));
    assert_eq!(c.lifecycle_state.as_deref(), Some("ACTIVE"));
    assert_eq!(c.iam_bindings.as_ref().map(Vec::len), Some(2));
    assert_eq!(
        c.audit_configs
            .as_ref()
            .and_then(|a| a.get("allServices"))
            .cloned(),
        Some(vec!["ADMIN_READ".to_owned(), "DATA_READ".to_owned()])
    );
    assert!(p.gaps.is_empty(), "{:?}", p.gaps);

    let b = get(&inv, "//storage.googleapis.com/acme-logs");
    assert_eq!(b.name, "acme-logs");
    assert_eq!(b.region, "us");
    assert_eq!(b.tags.get("env").map(String::as_str), Some("prod"));
    let Config::GcpStorageBucket(c) = &b.config else {
        panic!()
    };
    assert_eq!(
        &**c,
        &gcp::StorageBucket {
            location: Some("US".into()),
            uniform_bucket_level_access: Some(true),
            public_access_prevention: Some("enforced".into()),
            iam_bindings: Some(vec![
                Binding {
                    role: "roles/storage.objectViewer".into(),
                    members: vec!["allUsers".into()],
                    conditional: false
                },
                Binding {
                    role: "roles/storage.admin".into(),
                    members: vec!["serviceAccount:ci@acme-prod-123.iam.gserviceaccount.com".into()],
                    conditional: true,
                },
            ]),
            versioning_enabled: Some(true),
            logging_bucket: Some(String::new()),
            retention_period_seconds: Some(31_536_000),
            retention_locked: Some(true),
            default_kms_key: Some(
                "projects/acme-prod-123/locations/us/keyRings/ring/cryptoKeys/gcs".into()
            ),
        }
    );
    assert!(b.gaps.is_empty(), "{:?}", b.gaps);
    assert_eq!(
        b.related("encrypted_with").next(),
        Some(
            "//cloudkms.googleapis.com/projects/acme-prod-123/locations/us/keyRings/ring/cryptoKeys/gcs"
        )
    );
    assert_eq!(
        b.related("contained_in").next(),
        Some("//cloudresourcemanager.googleapis.com/projects/123456789012")
    );

    let sql = get(
        &inv,
        "//cloudsql.googleapis.com/projects/acme-prod-123/instances/orders-db",
    );
    assert_eq!(sql.region, "us-central1");
    assert_eq!(sql.tags.get("team").map(String::as_str), Some("orders"));
    let Config::GcpSqlInstance(c) = &sql.config else {
        panic!()
    };
    assert_eq!(c.engine(), "postgres");
    assert_eq!(c.ipv4_enabled, Some(true));
    assert_eq!(c.authorized_networks, Some(vec!["0.0.0.0/0".into()]));
    assert_eq!(c.require_ssl, Some(false));
    assert_eq!(
        c.ssl_mode.as_deref(),
        Some("ALLOW_UNENCRYPTED_AND_ENCRYPTED")
    );
    assert_eq!(c.backup_enabled, Some(true));
    assert_eq!(c.deletion_protection, Some(true));
    assert_eq!(c.private_network.as_deref(), Some(""));
    assert_eq!(
        c.database_flags
            .as_ref()
            .and_then(|f| f.get("log_connections"))
            .map(String::as_str),
        Some("on")
    );

    let fw = get(
        &inv,
        "//compute.googleapis.com/projects/acme-prod-123/global/firewalls/allow-ssh",
    );
    let Config::GcpComputeFirewall(f) = &fw.config else {
        panic!()
    };
    assert_eq!(f.direction.as_deref(), Some("INGRESS"));
    assert_eq!(f.disabled, Some(false));
    assert_eq!(f.priority, Some(1000));
    assert_eq!(f.source_ranges, Some(vec!["0.0.0.0/0".into()]));
    let allowed = f.allowed.as_ref().unwrap();
    assert!(
        allowed[0].covers("tcp", 22)
            && allowed[0].covers("tcp", 3389)
            && !allowed[0].covers("tcp", 80)
    );
    assert_eq!(f.target_tags, Some(vec![]));
    assert_eq!(f.logging_enabled, Some(false));
    assert_eq!(
        fw.related("applies_to_network").next(),
        Some("//compute.googleapis.com/projects/acme-prod-123/global/networks/default")
    );
    let eg = get(
        &inv,
        "//compute.googleapis.com/projects/acme-prod-123/global/firewalls/deny-all-egress",
    );
    let Config::GcpComputeFirewall(e) = &eg.config else {
        panic!()
    };
    assert_eq!(e.disabled, Some(true));
    assert_eq!(e.logging_enabled, Some(true));
    assert_eq!(e.allowed, Some(vec![]));
    assert_eq!(
        e.denied.as_ref().map(|d| d[0].protocol.as_str()),
        Some("all")
    );

    let vm = get(
        &inv,
        "//compute.googleapis.com/projects/acme-prod-123/zones/us-central1-a/instances/web-1",
    );
    assert_eq!(vm.region, "us-central1-a");
    let Config::GcpComputeInstance(v) = &vm.config else {
        panic!()
    };
    assert_eq!(v.machine_type.as_deref(), Some("e2-medium"));
    assert_eq!(v.external_ip, Some(true));
    assert_eq!(
        v.network_tags,
        Some(vec!["http-server".into(), "ssh".into()])
    );
    assert_eq!(
        v.service_accounts.as_ref().map(|s| s[0].scopes.len()),
        Some(1)
    );
    assert_eq!(v.can_ip_forward, Some(false));
    assert_eq!(
        v.metadata
            .as_ref()
            .and_then(|m| m.get("serial-port-enable"))
            .map(String::as_str),
        Some("1")
    );
    assert_eq!(v.shielded_secure_boot, Some(false));
    assert_eq!(v.shielded_vtpm, Some(true));
    assert_eq!(v.confidential_compute, Some(false));
    assert_eq!(vm.related("uses_disk").count(), 1);
    assert_eq!(vm.related("in_network").count(), 1);

    let net = get(
        &inv,
        "//compute.googleapis.com/projects/acme-prod-123/global/networks/default",
    );
    assert_eq!(
        net.config,
        Config::GcpComputeNetwork(Box::new(gcp::Network {
            auto_create_subnetworks: Some(true),
            legacy: Some(false)
        }))
    );

    let key = get(
        &inv,
        "//cloudkms.googleapis.com/projects/acme-prod-123/locations/us/keyRings/ring/cryptoKeys/gcs",
    );
    assert_eq!(key.name, "gcs");
    let Config::GcpKmsCryptoKey(k) = &key.config else {
        panic!()
    };
    assert_eq!(k.rotation_period_seconds, Some(7_776_000));
    assert_eq!(k.purpose.as_deref(), Some("ENCRYPT_DECRYPT"));
    assert_eq!(k.iam_bindings.as_ref().map(Vec::len), Some(1));

    let ds = get(
        &inv,
        "//bigquery.googleapis.com/projects/acme-prod-123/datasets/analytics",
    );
    let Config::GcpBigQueryDataset(d) = &ds.config else {
        panic!()
    };
    let b = d.iam_bindings.as_ref().unwrap();
    let viewers = b
        .iter()
        .find(|b| b.role == "roles/bigquery.dataViewer")
        .unwrap();
    assert!(
        viewers
            .members
            .contains(&"allAuthenticatedUsers".to_owned())
    );
    assert!(viewers.members.contains(&"allUsers".to_owned()));
    assert!(b.iter().any(
        |b| b.role == "roles/bigquery.dataOwner" && b.members == ["specialGroup:projectOwners"]
    ));
    assert!(b.iter().any(|b| {
        b.members
            .iter()
            .any(|m| m == "view:acme-prod-123.reports.v_daily")
    }));
    assert_eq!(d.default_kms_key.as_deref(), Some(""));
    assert_eq!(gap_reason(ds, "iam_bindings"), None);

    let topic = get(
        &inv,
        "//pubsub.googleapis.com/projects/acme-prod-123/topics/events",
    );
    assert_eq!(topic.tags.get("team").map(String::as_str), Some("data"));
    assert!(
        matches!(&topic.config, Config::Unmodeled(u) if u.native_type == "pubsub.googleapis.com/Topic" && u.raw.to_value()["name"] == "projects/acme-prod-123/topics/events")
    );

    // Coverage per account × region × service.
    let storage_us = inv
        .coverage
        .iter()
        .find(|c| c.service == "storage" && c.region == "us")
        .unwrap();
    assert_eq!(storage_us.resources, 1);
    assert!(inv.coverage.iter().all(|c| c.provider == "gcp"));
    assert_eq!(inv.coverage.iter().map(|c| c.resources).sum::<u64>(), 12);
}

#[test]
fn resource_without_iam_line_has_unknown_bindings() {
    let inv = import("cai_export_snake.jsonl");
    let site = get(&inv, "//storage.googleapis.com/acme-public-site");
    let Config::GcpStorageBucket(c) = &site.config else {
        panic!()
    };
    assert_eq!(c.iam_bindings, None, "never an empty list");
    assert_eq!(
        gap_reason(site, "iam_bindings"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(c.uniform_bucket_level_access, Some(false));
    assert_eq!(c.logging_bucket.as_deref(), Some("acme-logs"));
    assert_eq!(c.versioning_enabled, Some(false));
    assert_eq!(c.retention_period_seconds, Some(0));
    assert_eq!(
        site.related("logs_to").next(),
        Some("//storage.googleapis.com/acme-logs")
    );
}

#[test]
fn camel_case_array_resolves_project_numbers() {
    for file in ["cai_list_camel.json", "cai_list_camel.jsonl"] {
        let inv = import(file);
        assert_eq!(inv.resources.len(), 4, "{file}");
        let lake = get(&inv, "//storage.googleapis.com/acme-data-lake");
        assert_eq!(
            lake.account, "acme-data-456",
            "number resolved via the project asset"
        );
        assert_eq!(lake.region, "us-central1");
        let Config::GcpStorageBucket(c) = &lake.config else {
            panic!()
        };
        assert_eq!(
            c.iam_bindings.as_ref().map(|b| b[0].members.clone()),
            Some(vec!["allAuthenticatedUsers".to_owned()])
        );
        // A project not in the file: fall back to the number.
        let orphan = get(&inv, "//storage.googleapis.com/orphan-bucket");
        assert_eq!(orphan.account, "555555555555");
        // IAM content only: bindings known, the rest flagged.
        let only = get(&inv, "//storage.googleapis.com/iam-only");
        let Config::GcpStorageBucket(c) = &only.config else {
            panic!()
        };
        assert!(c.iam_bindings.is_some());
        assert_eq!(c.public_access_prevention, None);
        assert_eq!(
            only.gap_for("public_access_prevention").map(|g| g.reason),
            Some(GapReason::NotInSource)
        );
        assert_eq!(only.account, "acme-data-456");
        assert_eq!(only.region, "global");
    }
}

#[test]
fn rest_page_wrapper() {
    let inv = import("cai_rest_page.json");
    assert_eq!(inv.resources.len(), 2);
    let w = &inv.sources[0].warnings;
    assert!(w.iter().any(|w| w.contains("nextPageToken")), "{w:?}");
}

#[test]
fn bad_lines_are_skipped_with_their_line_number() {
    let inv = import("cai_bad_lines.jsonl");
    let src = &inv.sources[0];
    let w = src.warnings.join("\n");
    assert!(w.contains("line 4") && w.contains("truncated"), "{w}");
    assert!(w.contains("line 8"), "{w}");
    assert!(w.contains("line 9") && w.contains("wrongtype"), "{w}");
    assert!(w.contains("line 10"), "{w}");
    assert_eq!(src.skipped.get("malformed asset"), Some(&3));
    // Project (merged), acme-logs (merged), site, sql, wrongtype.
    assert_eq!(
        inv.resources.len(),
        5,
        "{:?}",
        inv.resources.iter().map(|r| &r.uid).collect::<Vec<_>>()
    );
    let wt = get(&inv, "//storage.googleapis.com/wrongtype");
    assert_eq!(gap_reason(wt, "*"), Some(GapReason::Error));
    assert_eq!(wt.kind().as_str(), "gcp.storage.bucket");
    assert_eq!(wt.account, "acme-prod-123");
}

#[test]
fn malformed_files_fail_with_a_location() {
    let opts = ImportOptions::default();
    // Every line bad → the file fails, naming the first line.
    let e = import_bytes(
        "x.jsonl",
        b"{\"asset_type\": \"a\", \"name\": 5}\n{\"asset_type\": 1}\n",
        &opts,
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::Malformed { .. }));
    assert!(e.to_string().contains("x.jsonl: line 1"), "{e}");

    let e = import_bytes(
        "x.json",
        b"[{\"name\":\"//a\",\"assetType\":\"t\",\"resource\":{",
        &opts,
    )
    .unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");

    let e = import_bytes("x.json", b"{\"assets\": 7, \"assetType\": \"\"}", &opts).unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");

    let deep = format!(
        "{{\"name\":\"//a\",\"asset_type\":\"t\",\"resource\":{{\"data\":{}{}}}}}\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    let e = import_bytes("x.jsonl", deep.as_bytes(), &opts).unwrap_err();
    assert!(e.to_string().contains("nested deeper"), "{e}");
}

#[test]
fn iam_policy_of_the_wrong_shape_is_an_error_gap() {
    let text = b"{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\",\"resource\":{\"data\":{\"name\":\"b\"},\"location\":\"us\"}}\n{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\",\"iam_policy\":{\"bindings\":{\"role\":\"x\"}}}\n";
    let inv = import_bytes("x.jsonl", text, &ImportOptions::default()).unwrap();
    let b = &inv.resources[0];
    let Config::GcpStorageBucket(c) = &b.config else {
        panic!()
    };
    assert_eq!(c.iam_bindings, None);
    assert_eq!(gap_reason(b, "iam_bindings"), Some(GapReason::Error));
    assert!(
        inv.sources[0]
            .warnings
            .iter()
            .any(|w| w.contains("IAM policy ignored"))
    );
    assert_eq!(b.account, "", "no project information at all");
}
