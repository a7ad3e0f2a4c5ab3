//! Azure Resource Graph importer: shapes, mappings, gaps and bad input.

use posture_collect::{ImportError, ImportOptions, import_bytes};
use posture_model::kinds::azure as az;
use posture_model::{Config, GapReason, Inventory, Resource};

const SUB: &str = "00000000-1111-2222-3333-444444444444";

fn data(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/data/azure/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn import(name: &str) -> Inventory {
    import_bytes(name, &data(name), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn find<'a>(inv: &'a Inventory, suffix: &str) -> &'a Resource {
    inv.resources
        .iter()
        .find(|r| r.uid.ends_with(suffix))
        .unwrap_or_else(|| panic!("no resource ending in {suffix}"))
}

fn gap_reason(r: &Resource, field: &str) -> Option<GapReason> {
    r.gaps.iter().find(|g| g.field == field).map(|g| g.reason)
}

#[test]
fn cli_v2_shape_maps_every_modeled_kind() {
    let inv = import("rg_cli_v2.json");
    let src = &inv.sources[0];
    assert_eq!(src.format, "azure-resource-graph");
    assert!(src.error.is_none());
    assert!(src.warnings.is_empty(), "{:?}", src.warnings);
    // 12 rows: 2 firewall rules merged into their server.
    assert_eq!(inv.resources.len(), 10);
    assert_eq!(src.resources, 10);
    assert_eq!(
        src.skipped
            .get("merged into parent (microsoft.sql/servers/firewallrules)"),
        Some(&2)
    );
    // Network interfaces are modeled (exposure analysis reads them).
    assert_eq!(
        src.unmodeled.get("microsoft.network/networkinterfaces"),
        None
    );
    assert!(
        inv.resources
            .iter()
            .any(|r| r.kind() == posture_model::Kind::AzureNetworkNic)
    );

    let sa = find(&inv, "/storageaccounts/acmeprodlogs");
    assert_eq!(
        sa.uid,
        format!(
            "/subscriptions/{SUB}/resourcegroups/rg-prod/providers/microsoft.storage/storageaccounts/acmeprodlogs"
        )
    );
    assert_eq!(sa.account, SUB);
    assert_eq!(sa.region, "eastus");
    assert_eq!(sa.name, "acmeprodlogs");
    assert_eq!(sa.tags.get("owner").map(String::as_str), Some("platform"));
    let Config::AzureStorageAccount(c) = &sa.config else {
        panic!("{:?}", sa.config)
    };
    assert_eq!(
        &**c,
        &az::StorageAccount {
            account_kind: Some("StorageV2".into()),
            sku: Some("Standard_GRS".into()),
            allow_blob_public_access: Some(false),
            https_only: Some(true),
            minimum_tls_version: Some("TLS1_2".into()),
            allow_shared_key_access: Some(false),
            public_network_access: Some("Disabled".into()),
            network_default_action: Some("Deny".into()),
            network_bypass: Some("AzureServices".into()),
            key_source: Some("Microsoft.Storage".into()),
            infrastructure_encryption: Some(true),
            allow_cross_tenant_replication: Some(false),
            private_endpoint_count: Some(1),
            blob_soft_delete_enabled: None,
            key_expiration_period_days: Some(0),
            default_to_oauth: Some(false),
            ..az::StorageAccount::default()
        }
    );
    // Only the blob/file service settings (not in the `Resources` row) and the key creation
    // time (not in this fixture) are gaps.
    assert_eq!(sa.gaps.len(), 7, "{:?}", sa.gaps);
    assert_eq!(
        gap_reason(sa, "oldest_key_created"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(
        gap_reason(sa, "blob_soft_delete_enabled"),
        Some(GapReason::NotInSource)
    );

    let sql = find(&inv, "/servers/acme-sql-prod");
    let Config::AzureSqlServer(s) = &sql.config else {
        panic!()
    };
    assert_eq!(s.public_network_access.as_deref(), Some("Enabled"));
    assert_eq!(s.minimal_tls_version.as_deref(), Some("1.2"));
    assert_eq!(s.entra_admin_configured, Some(true));
    assert_eq!(s.entra_only_auth, Some(true));
    let rules = s.firewall_rules.as_ref().expect("rules attached");
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0].name, "AllowAllWindowsAzureIps");
    assert_eq!(
        (rules[0].start_ip.as_str(), rules[0].end_ip.as_str()),
        ("0.0.0.0", "0.0.0.0")
    );
    assert_eq!(gap_reason(sql, "firewall_rules"), None);
    assert_eq!(
        gap_reason(sql, "auditing_enabled"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(
        gap_reason(sql, "tde_customer_managed_key"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(s.auditing_enabled, None);

    // A server whose firewall rules are not in the file: None + gap, never an empty list.
    let dev = find(&inv, "/servers/acme-sql-dev");
    let Config::AzureSqlServer(d) = &dev.config else {
        panic!()
    };
    assert_eq!(d.firewall_rules, None);
    assert_eq!(
        gap_reason(dev, "firewall_rules"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(d.entra_admin_configured, None);
    assert_eq!(
        gap_reason(dev, "entra_admin_configured"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(dev.region, "westeurope");
    assert!(dev.tags.is_empty());

    let nsg = find(&inv, "/networksecuritygroups/nsg-web");
    let Config::AzureNetworkNsg(n) = &nsg.config else {
        panic!()
    };
    let rules = n.security_rules.as_ref().unwrap();
    assert_eq!(rules.len(), 2, "default rules are not included");
    assert!(
        rules[0].from_internet() && rules[0].covers_port(22) && rules[0].covers_protocol("tcp")
    );
    assert_eq!(rules[0].priority, 100);
    assert_eq!(rules[1].source_prefixes, ["198.51.100.0/24", "203.0.113.7"]);
    assert_eq!(rules[1].destination_ports, ["443", "8443-8444"]);
    assert!(rules[1].covers_port(8444) && !rules[1].from_internet());
    let subnet = format!(
        "/subscriptions/{SUB}/resourcegroups/rg-prod/providers/microsoft.network/virtualnetworks/vnet-prod/subnets/web"
    );
    assert_eq!(n.subnets.as_deref(), Some(&[subnet.clone()][..]));
    assert_eq!(
        nsg.related("applies_to_subnet").collect::<Vec<_>>(),
        [subnet.as_str()]
    );
    assert_eq!(nsg.related("applies_to_network_interface").count(), 1);

    let kv = find(&inv, "/vaults/acme-kv-prod");
    let Config::AzureKeyVault(k) = &kv.config else {
        panic!()
    };
    assert_eq!(k.soft_delete_enabled, Some(true));
    // Documented defaults: purge protection cannot be set to false, so absent = off.
    assert_eq!(k.purge_protection_enabled, Some(false));
    assert_eq!(k.rbac_authorization, Some(true));
    assert_eq!(k.network_default_action.as_deref(), Some("Deny"));
    assert_eq!(k.private_endpoint_count, None);
    assert_eq!(
        gap_reason(kv, "private_endpoint_count"),
        Some(GapReason::NotInSource)
    );

    let vm = find(&inv, "/virtualmachines/vm-web-01");
    let Config::AzureComputeVm(v) = &vm.config else {
        panic!()
    };
    assert_eq!(
        &**v,
        &az::VirtualMachine {
            vm_size: Some("Standard_D2s_v5".into()),
            os_type: Some("Linux".into()),
            managed_disks: Some(true),
            password_auth_disabled: Some(true),
            encryption_at_host: Some(false),
            identity_type: Some("SystemAssigned, UserAssigned".into()),
            network_interfaces: Some(vec![format!(
                "/subscriptions/{SUB}/resourcegroups/rg-prod/providers/microsoft.network/networkinterfaces/vm-web-01-nic"
            )]),
            secure_boot: Some(true),
            vtpm: Some(true),
        }
    );
    assert!(vm.gaps.is_empty(), "{:?}", vm.gaps);
    assert_eq!(vm.related("uses_disk").count(), 2);
    assert_eq!(vm.related("uses_network_interface").count(), 1);

    let disk = find(&inv, "/disks/vm-web-01-osdisk");
    let Config::AzureComputeDisk(d) = &disk.config else {
        panic!()
    };
    assert_eq!(
        d.encryption_type.as_deref(),
        Some("EncryptionAtRestWithPlatformKey")
    );
    assert_eq!(d.network_access_policy.as_deref(), Some("AllowAll"));
    assert_eq!(
        disk.related("attached_to").next(),
        Some(vm.uid.as_str()),
        "disk → VM edge uses the lower-cased id"
    );

    let app = find(&inv, "/sites/acme-api");
    let Config::AzureWebApp(w) = &app.config else {
        panic!()
    };
    assert_eq!(w.app_kind.as_deref(), Some("app,linux"));
    assert_eq!(w.https_only, Some(true));
    assert_eq!(w.client_cert_enabled, Some(false));
    assert_eq!(w.identity_type.as_deref(), Some("None"));
    assert_eq!(w.http20_enabled, Some(false));
    assert_eq!(w.min_tls_version, None);
    assert_eq!(
        gap_reason(app, "min_tls_version"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(
        gap_reason(app, "public_network_access"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(app.related("hosted_on").count(), 1);

    // Coverage: account × region × service, all collected.
    let storage_east: u64 = inv
        .coverage
        .iter()
        .filter(|c| c.service == "microsoft.storage" && c.region == "eastus")
        .map(|c| c.resources)
        .sum();
    assert_eq!(storage_east, 1);
    assert!(
        inv.coverage
            .iter()
            .all(|c| c.provider == "azure" && c.account == SUB)
    );
    assert_eq!(inv.coverage.iter().map(|c| c.resources).sum::<u64>(), 10);
}

#[test]
fn absent_properties_are_gaps_or_documented_defaults() {
    let inv = import("rg_cli_v2.json");
    let legacy = find(&inv, "/storageaccounts/acmelegacy01");
    let Config::AzureStorageAccount(c) = &legacy.config else {
        panic!()
    };
    // Ambiguous historical default → unknown, never assumed.
    assert_eq!(c.allow_blob_public_access, None);
    assert_eq!(
        gap_reason(legacy, "allow_blob_public_access"),
        Some(GapReason::NotInSource)
    );
    // Documented: "default interpretation is TLS 1.0", "null … equivalent to true".
    assert_eq!(c.minimum_tls_version.as_deref(), Some("TLS1_0"));
    assert_eq!(c.allow_shared_key_access, Some(true));
    assert_eq!(c.https_only, Some(false));
    assert_eq!(c.public_network_access, None);
    assert_eq!(
        gap_reason(legacy, "public_network_access"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(c.infrastructure_encryption, None);
    assert_eq!(c.private_endpoint_count, Some(0));
    let detail = &legacy
        .gaps
        .iter()
        .find(|g| g.field == "allow_blob_public_access")
        .unwrap()
        .detail;
    assert!(detail.contains("allowBlobPublicAccess"), "{detail}");
}

#[test]
fn bare_array_shape() {
    let inv = import("rg_bare_array.json");
    assert_eq!(inv.resources.len(), 2);
    let sa = find(&inv, "/storageaccounts/acmebare");
    let Config::AzureStorageAccount(c) = &sa.config else {
        panic!()
    };
    assert_eq!(c.allow_blob_public_access, Some(true));
    assert_eq!(c.key_source.as_deref(), Some("Microsoft.Keyvault"));
    assert_eq!(c.network_bypass.as_deref(), Some("None"));
    let nsg = find(&inv, "/nsg-empty");
    let Config::AzureNetworkNsg(n) = &nsg.config else {
        panic!()
    };
    assert_eq!(
        n.security_rules,
        Some(vec![]),
        "an observed empty rule list"
    );
    assert_eq!(n.subnets, None);
}

#[test]
fn rest_shape_with_skip_token_warns_about_more_pages() {
    let inv = import("rg_rest.json");
    assert_eq!(inv.resources.len(), 2);
    let w = &inv.sources[0].warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("skip") && w.contains("later pages")),
        "{w:?}"
    );
    let kv = find(&inv, "/vaults/acme-kv-ops");
    assert!(
        kv.uid.contains("/resourcegroups/rg-ops/"),
        "uid lower-cased: {}",
        kv.uid
    );
    assert_eq!(kv.tags.get("cost-center").map(String::as_str), Some("42"));
    let Config::AzureKeyVault(k) = &kv.config else {
        panic!()
    };
    assert_eq!(k.purge_protection_enabled, Some(true));
    assert_eq!(k.rbac_authorization, Some(false), "documented default");
    let win = find(&inv, "/virtualmachines/vm-win-01");
    let Config::AzureComputeVm(v) = &win.config else {
        panic!()
    };
    assert_eq!(v.managed_disks, Some(false));
    assert_eq!(v.password_auth_disabled, None);
    assert_eq!(
        gap_reason(win, "password_auth_disabled"),
        None,
        "n/a on Windows"
    );
    assert_eq!(
        v.secure_boot,
        Some(false),
        "no securityType: UEFI settings not enabled"
    );
    assert_eq!(v.identity_type, None, "identity column not projected");
    assert_eq!(
        gap_reason(win, "identity_type"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(v.network_interfaces, Some(vec![]));
}

#[test]
fn bad_rows_are_dropped_or_kept_with_error_gaps() {
    let inv = import("rg_bad_rows.json");
    let src = &inv.sources[0];
    // good1, wrongtypes (error gap), orphan firewall rule (unmodeled).
    assert_eq!(inv.resources.len(), 3, "{:#?}", inv.resources);
    assert_eq!(src.skipped.get("malformed row"), Some(&3));
    let w = src.warnings.join("\n");
    assert!(w.contains("$.data[1]"), "{w}");
    assert!(w.contains("$.data[2]"), "{w}");
    assert!(w.contains("$.data[4]") && w.contains("no `id`"), "{w}");
    assert!(w.contains("$.data[3]") && w.contains("wrongtypes"), "{w}");

    let bad = find(&inv, "/storageaccounts/wrongtypes");
    assert_eq!(bad.kind().as_str(), "azure.storage.account");
    assert_eq!(gap_reason(bad, "*"), Some(GapReason::Error));
    assert_eq!(bad.config, Config::AzureStorageAccount(Box::default()));

    let orphan = find(&inv, "/firewallrules/allowall");
    assert!(
        matches!(&orphan.config, Config::Unmodeled(u) if u.native_type == "microsoft.sql/servers/firewallrules")
    );
    assert_eq!(
        src.unmodeled.get("microsoft.sql/servers/firewallrules"),
        Some(&1)
    );
}

#[test]
fn malformed_files_fail_with_a_location() {
    let opts = ImportOptions::default();
    let e = import_bytes("t.json", &data("rg_truncated.json"), &opts).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, ImportError::Malformed { .. }), "{msg}");
    assert!(msg.contains("line ") && msg.contains("truncated"), "{msg}");

    let e = import_bytes(
        "t.json",
        br#"{"count": 1, "data": null, "skip_token": null}"#,
        &opts,
    )
    .unwrap_err();
    assert!(e.to_string().contains("$.data"), "{e}");

    let e = import_bytes("t.json", br#"{"count": 1, "data": {"id": "x"}}"#, &opts).unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");

    let deep = format!(
        "{{\"count\":1,\"data\":[{}{}]}}",
        "[".repeat(500),
        "]".repeat(500)
    );
    let e = import_bytes("t.json", deep.as_bytes(), &opts).unwrap_err();
    assert!(e.to_string().contains("nested deeper"), "{e}");

    let mut bad_utf8 =
        br#"[{"id":"/subscriptions/x","type":"microsoft.web/sites","name":""#.to_vec();
    bad_utf8.extend_from_slice(&[0xff, 0xfe]);
    bad_utf8.extend_from_slice(br#""}]"#);
    let e = import_bytes("t.json", &bad_utf8, &opts).unwrap_err();
    assert!(e.to_string().contains("UTF-8"), "{e}");
}

#[test]
fn sql_firewall_rule_that_cannot_be_read_makes_the_list_unknown() {
    let text = format!(
        r#"{{"count":3,"data":[
        {{"id":"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/s1","type":"microsoft.sql/servers","subscriptionId":"{SUB}","location":"eastus","properties":{{"publicNetworkAccess":"Enabled"}}}},
        {{"id":"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/firewallRules/a","type":"microsoft.sql/servers/firewallrules","properties":{{"startIpAddress":"10.0.0.1","endIpAddress":"10.0.0.1"}}}},
        {{"id":"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/firewallRules/b","type":"microsoft.sql/servers/firewallrules","properties":{{"startIpAddress":0}}}}
        ]}}"#
    );
    let inv = import_bytes("f.json", text.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(inv.resources.len(), 1);
    let s = &inv.resources[0];
    let Config::AzureSqlServer(c) = &s.config else {
        panic!()
    };
    assert_eq!(c.firewall_rules, None, "never a partial list");
    assert_eq!(gap_reason(s, "firewall_rules"), Some(GapReason::Error));
}

#[test]
fn double_encoded_properties_and_missing_type() {
    let text = format!(
        r#"[{{"id":"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/d1","subscriptionId":"{SUB}","location":"East US","properties":"{{\"diskState\":\"Unattached\",\"encryption\":{{\"type\":\"EncryptionAtRestWithCustomerKey\"}}}}"}}]"#
    );
    let inv = import_bytes("f.json", text.as_bytes(), &ImportOptions::default()).unwrap();
    let d = &inv.resources[0];
    assert_eq!(d.region, "eastus");
    let Config::AzureComputeDisk(c) = &d.config else {
        panic!("{:?}", d.config)
    };
    assert_eq!(c.disk_state.as_deref(), Some("Unattached"));
    assert_eq!(
        c.encryption_type.as_deref(),
        Some("EncryptionAtRestWithCustomerKey")
    );
}
