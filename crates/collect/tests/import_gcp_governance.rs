//! Cloud Asset Inventory importer: the governance kinds (project settings, keys, logging,
//! monitoring, DNS, API keys, backend services, BigQuery tables, Dataproc).

use posture_collect::{ImportOptions, import_bytes};
use posture_model::kinds::gcp;
use posture_model::{Config, GapReason, Inventory, Resource};

fn import(lines: &[String]) -> Inventory {
    let text = lines.join("\n");
    import_bytes("cai.jsonl", text.as_bytes(), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn asset(name: &str, ty: &str, data: &str) -> String {
    format!(
        r#"{{"name":"{name}","asset_type":"{ty}","resource":{{"data":{data},"location":"global"}},"ancestors":["projects/123","organizations/9"]}}"#
    )
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
fn governance_kinds_map() {
    let inv = import(&[
        asset(
            "//compute.googleapis.com/projects/p1",
            "compute.googleapis.com/Project",
            r#"{"name":"p1","commonInstanceMetadata":{"items":[{"key":"enable-oslogin","value":"TRUE"}]}}"#,
        ),
        asset(
            "//serviceusage.googleapis.com/projects/123/services/cloudasset.googleapis.com",
            "serviceusage.googleapis.com/Service",
            r#"{"name":"projects/123/services/cloudasset.googleapis.com","state":"ENABLED","config":{"name":"cloudasset.googleapis.com"}}"#,
        ),
        asset(
            "//iam.googleapis.com/projects/p1/serviceAccounts/app@p1.iam.gserviceaccount.com/keys/abc",
            "iam.googleapis.com/ServiceAccountKey",
            r#"{"keyType":"USER_MANAGED","validAfterTime":"2025-01-01T00:00:00Z"}"#,
        ),
        asset(
            "//logging.googleapis.com/projects/p1/sinks/all",
            "logging.googleapis.com/LogSink",
            r#"{"name":"all","destination":"storage.googleapis.com/logs-p1"}"#,
        ),
        asset(
            "//logging.googleapis.com/projects/p1/metrics/owner",
            "logging.googleapis.com/LogMetric",
            r#"{"name":"owner","filter":"protoPayload.serviceName=\"cloudresourcemanager.googleapis.com\""}"#,
        ),
        asset(
            "//monitoring.googleapis.com/projects/p1/alertPolicies/1",
            "monitoring.googleapis.com/AlertPolicy",
            r#"{"conditions":[{"conditionThreshold":{"filter":"metric.type=\"logging.googleapis.com/user/owner\""}}],"notificationChannels":["projects/p1/notificationChannels/1"]}"#,
        ),
        asset(
            "//dns.googleapis.com/projects/p1/managedZones/z1",
            "dns.googleapis.com/ManagedZone",
            r#"{"dnssecConfig":{"state":"on","defaultKeySpecs":[{"keyType":"keySigning","algorithm":"rsasha1"},{"keyType":"zoneSigning","algorithm":"rsasha256"}]}}"#,
        ),
        asset(
            "//dns.googleapis.com/projects/p1/policies/pol",
            "dns.googleapis.com/Policy",
            r#"{"enableLogging":true,"networks":[{"networkUrl":"https://www.googleapis.com/compute/v1/projects/p1/global/networks/default"}]}"#,
        ),
        asset(
            "//apikeys.googleapis.com/projects/123/locations/global/keys/k1",
            "apikeys.googleapis.com/Key",
            r#"{"createTime":"2025-01-01T00:00:00Z","restrictions":{"apiTargets":[{"service":"translate.googleapis.com"}]}}"#,
        ),
        asset(
            "//compute.googleapis.com/projects/p1/global/backendServices/web",
            "compute.googleapis.com/BackendService",
            r#"{"loadBalancingScheme":"EXTERNAL_MANAGED","protocol":"HTTPS"}"#,
        ),
        asset(
            "//bigquery.googleapis.com/projects/p1/datasets/d/tables/t",
            "bigquery.googleapis.com/Table",
            r#"{"type":"TABLE"}"#,
        ),
        asset(
            "//dataproc.googleapis.com/projects/p1/regions/us-central1/clusters/c1",
            "dataproc.googleapis.com/Cluster",
            r#"{"config":{"encryptionConfig":{"gcePdKmsKeyName":"projects/p1/locations/us/keyRings/r/cryptoKeys/k"}}}"#,
        ),
    ]);
    assert!(
        inv.sources[0].warnings.is_empty(),
        "{:?}",
        inv.sources[0].warnings
    );
    let Config::GcpComputeProject(p) = &get(&inv, "//compute.googleapis.com/projects/p1").config
    else {
        panic!()
    };
    assert_eq!(p.metadata_true("enable-oslogin"), Some(true));
    assert_eq!(p.metadata_true("block-project-ssh-keys"), Some(false));
    let Config::GcpServiceUsageService(s) = &get(
        &inv,
        "//serviceusage.googleapis.com/projects/123/services/cloudasset.googleapis.com",
    )
    .config
    else {
        panic!()
    };
    assert_eq!(s.service.as_deref(), Some("cloudasset.googleapis.com"));
    let k = get(
        &inv,
        "//iam.googleapis.com/projects/p1/serviceAccounts/app@p1.iam.gserviceaccount.com/keys/abc",
    );
    let Config::GcpIamServiceAccountKey(kc) = &k.config else {
        panic!()
    };
    assert_eq!(
        kc.service_account.as_deref(),
        Some("app@p1.iam.gserviceaccount.com")
    );
    assert_eq!(kc.disabled, Some(false));
    assert_eq!(k.account, "p1");
    let Config::GcpLoggingSink(sink) =
        &get(&inv, "//logging.googleapis.com/projects/p1/sinks/all").config
    else {
        panic!()
    };
    assert_eq!(sink.filter.as_deref(), Some(""), "no filter = everything");
    assert_eq!(sink.parent.as_deref(), Some("projects/p1"));
    let Config::GcpLoggingMetric(m) =
        &get(&inv, "//logging.googleapis.com/projects/p1/metrics/owner").config
    else {
        panic!()
    };
    assert_eq!(m.metric_name.as_deref(), Some("owner"));
    let Config::GcpMonitoringAlertPolicy(a) = &get(
        &inv,
        "//monitoring.googleapis.com/projects/p1/alertPolicies/1",
    )
    .config
    else {
        panic!()
    };
    assert_eq!(a.enabled, Some(true));
    assert_eq!(a.notification_channels, Some(1));
    let Config::GcpDnsManagedZone(z) =
        &get(&inv, "//dns.googleapis.com/projects/p1/managedZones/z1").config
    else {
        panic!()
    };
    assert_eq!(
        (z.ksk_algorithm.as_deref(), z.zsk_algorithm.as_deref()),
        (Some("rsasha1"), Some("rsasha256"))
    );
    assert_eq!(z.visibility.as_deref(), Some("public"));
    let Config::GcpDnsPolicy(dp) =
        &get(&inv, "//dns.googleapis.com/projects/p1/policies/pol").config
    else {
        panic!()
    };
    assert_eq!(
        dp.networks,
        Some(vec![
            "//compute.googleapis.com/projects/p1/global/networks/default".to_owned()
        ])
    );
    let Config::GcpApiKey(ak) = &get(
        &inv,
        "//apikeys.googleapis.com/projects/123/locations/global/keys/k1",
    )
    .config
    else {
        panic!()
    };
    assert_eq!(
        ak.api_targets,
        Some(vec!["translate.googleapis.com".to_owned()])
    );
    assert_eq!(ak.application_restricted, Some(false));
    let Config::GcpComputeBackendService(b) = &get(
        &inv,
        "//compute.googleapis.com/projects/p1/global/backendServices/web",
    )
    .config
    else {
        panic!()
    };
    assert_eq!(b.logging_enabled, Some(false));
    let Config::GcpBigQueryTable(t) = &get(
        &inv,
        "//bigquery.googleapis.com/projects/p1/datasets/d/tables/t",
    )
    .config
    else {
        panic!()
    };
    assert_eq!(t.kms_key.as_deref(), Some(""));
    let Config::GcpDataprocCluster(c) = &get(
        &inv,
        "//dataproc.googleapis.com/projects/p1/regions/us-central1/clusters/c1",
    )
    .config
    else {
        panic!()
    };
    assert!(
        c.kms_key
            .as_deref()
            .is_some_and(|k| k.ends_with("/cryptoKeys/k"))
    );
}

#[test]
fn governance_kinds_with_missing_or_wrong_data() {
    let inv = import(&[
        asset(
            "//iam.googleapis.com/projects/p1/serviceAccounts/a@p1.iam.gserviceaccount.com/keys/k",
            "iam.googleapis.com/ServiceAccountKey",
            "{}",
        ),
        asset(
            "//monitoring.googleapis.com/projects/p1/alertPolicies/2",
            "monitoring.googleapis.com/AlertPolicy",
            r#"{"conditions":"nope"}"#,
        ),
        asset(
            "//dataproc.googleapis.com/projects/p1/regions/r/clusters/c",
            "dataproc.googleapis.com/Cluster",
            r#"{"clusterName":"c"}"#,
        ),
    ]);
    let k = get(
        &inv,
        "//iam.googleapis.com/projects/p1/serviceAccounts/a@p1.iam.gserviceaccount.com/keys/k",
    );
    assert_eq!(gap_reason(k, "key_type"), Some(GapReason::NotInSource));
    assert_eq!(gap_reason(k, "valid_after"), Some(GapReason::NotInSource));
    let a = get(
        &inv,
        "//monitoring.googleapis.com/projects/p1/alertPolicies/2",
    );
    assert!(matches!(a.config, Config::GcpMonitoringAlertPolicy(_)));
    assert_eq!(gap_reason(a, "*"), Some(GapReason::Error));
    assert!(
        inv.sources[0].warnings.iter().any(|w| w.contains("line 2")),
        "{:?}",
        inv.sources[0].warnings
    );
    let c = get(
        &inv,
        "//dataproc.googleapis.com/projects/p1/regions/r/clusters/c",
    );
    let Config::GcpDataprocCluster(cc) = &c.config else {
        panic!()
    };
    assert_eq!(cc.kms_key, None);
    assert_eq!(gap_reason(c, "kms_key"), Some(GapReason::NotInSource));
    let _ = gcp::is_true("TRUE");
}

#[test]
fn organization_and_essential_contacts_map() {
    let inv = import(&[
        r#"{"name":"//cloudresourcemanager.googleapis.com/organizations/9","asset_type":"cloudresourcemanager.googleapis.com/Organization","resource":{"data":{"name":"organizations/9","displayName":"example.com","lifecycleState":"ACTIVE"}}}"#.to_owned(),
        r#"{"name":"//essentialcontacts.googleapis.com/organizations/9/contacts/1","asset_type":"essentialcontacts.googleapis.com/Contact","resource":{"data":{"name":"organizations/9/contacts/1","email":"sec@example.com","notificationCategorySubscriptions":["SECURITY","TECHNICAL"]}}}"#.to_owned(),
        r#"{"name":"//essentialcontacts.googleapis.com/organizations/9/contacts/2","asset_type":"essentialcontacts.googleapis.com/Contact","resource":{"data":{"email":"legal@example.com"}}}"#.to_owned(),
    ]);
    assert!(
        inv.sources[0].warnings.is_empty(),
        "{:?}",
        inv.sources[0].warnings
    );
    let o = get(
        &inv,
        "//cloudresourcemanager.googleapis.com/organizations/9",
    );
    assert!(matches!(o.config, Config::GcpOrganization(_)));
    assert_eq!(o.name, "example.com");
    let Config::GcpEssentialContact(c) = &get(
        &inv,
        "//essentialcontacts.googleapis.com/organizations/9/contacts/1",
    )
    .config
    else {
        panic!()
    };
    assert_eq!(c.parent.as_deref(), Some("organizations/9"));
    assert_eq!(c.categories.as_ref().map(Vec::len), Some(2));
    let c2 = get(
        &inv,
        "//essentialcontacts.googleapis.com/organizations/9/contacts/2",
    );
    let Config::GcpEssentialContact(cc2) = &c2.config else {
        panic!()
    };
    assert_eq!(
        cc2.parent.as_deref(),
        Some("organizations/9"),
        "parent from the asset name"
    );
    assert_eq!(gap_reason(c2, "categories"), Some(GapReason::NotInSource));
}
