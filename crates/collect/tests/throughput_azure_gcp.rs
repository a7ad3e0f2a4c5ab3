//! Import throughput of the Azure Resource Graph and GCP Cloud Asset Inventory importers.
//!
//! Run once in release: `cargo test -p posture-collect --release --test throughput_azure_gcp -- --ignored --nocapture`

use std::fmt::Write as _;
use std::time::Instant;

use posture_collect::{ImportOptions, import_bytes};

const N: usize = 200_000;

fn azure_rows(n: usize) -> String {
    let mut s = String::with_capacity(n * 1400);
    s.push_str("{\"count\":");
    let _ = write!(s, "{n}");
    s.push_str(",\"data\":[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let sub = "00000000-1111-2222-3333-444444444444";
        match i % 4 {
            0 => {
                let _ = write!(
                    s,
                    r#"{{"id":"/subscriptions/{sub}/resourceGroups/rg-{g}/providers/Microsoft.Storage/storageAccounts/acct{i}","name":"acct{i}","type":"microsoft.storage/storageaccounts","tenantId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","kind":"StorageV2","location":"eastus","resourceGroup":"rg-{g}","subscriptionId":"{sub}","managedBy":"","sku":{{"name":"Standard_GRS","tier":"Standard"}},"plan":null,"identity":null,"zones":null,"tags":{{"env":"prod","team":"t{g}"}},"properties":{{"supportsHttpsTrafficOnly":true,"minimumTlsVersion":"TLS1_2","allowBlobPublicAccess":false,"allowSharedKeyAccess":false,"publicNetworkAccess":"Disabled","allowCrossTenantReplication":false,"networkAcls":{{"defaultAction":"Deny","bypass":"AzureServices","ipRules":[],"virtualNetworkRules":[]}},"encryption":{{"keySource":"Microsoft.Storage","requireInfrastructureEncryption":false,"services":{{"blob":{{"enabled":true,"keyType":"Account","lastEnabledTime":"2024-01-01T00:00:00Z"}},"file":{{"enabled":true}}}}}},"privateEndpointConnections":[],"provisioningState":"Succeeded","creationTime":"2024-02-01T10:00:00.0000000Z","primaryEndpoints":{{"blob":"https://acct{i}.blob.core.windows.net/","dfs":"https://acct{i}.dfs.core.windows.net/"}}}}}}"#,
                    g = i % 50
                );
            }
            1 => {
                let _ = write!(
                    s,
                    r#"{{"id":"/subscriptions/{sub}/resourceGroups/rg-{g}/providers/Microsoft.Network/networkSecurityGroups/nsg{i}","name":"nsg{i}","type":"microsoft.network/networksecuritygroups","location":"westeurope","resourceGroup":"rg-{g}","subscriptionId":"{sub}","tags":{{}},"properties":{{"securityRules":[{{"name":"ssh","properties":{{"protocol":"Tcp","sourcePortRange":"*","destinationPortRange":"22","sourceAddressPrefix":"10.0.0.0/8","destinationAddressPrefix":"*","access":"Allow","priority":100,"direction":"Inbound"}}}},{{"name":"web","properties":{{"protocol":"*","destinationPortRanges":["80","443"],"sourceAddressPrefixes":["Internet"],"access":"Allow","priority":200,"direction":"Inbound"}}}}],"subnets":[{{"id":"/subscriptions/{sub}/resourceGroups/rg-{g}/providers/Microsoft.Network/virtualNetworks/v/subnets/s{i}"}}]}}}}"#,
                    g = i % 50
                );
            }
            2 => {
                let _ = write!(
                    s,
                    r#"{{"id":"/subscriptions/{sub}/resourceGroups/rg-{g}/providers/Microsoft.Compute/virtualMachines/vm{i}","name":"vm{i}","type":"microsoft.compute/virtualmachines","location":"eastus","resourceGroup":"rg-{g}","subscriptionId":"{sub}","identity":{{"type":"SystemAssigned"}},"tags":{{"role":"app"}},"properties":{{"hardwareProfile":{{"vmSize":"Standard_D2s_v5"}},"storageProfile":{{"osDisk":{{"osType":"Linux","managedDisk":{{"id":"/subscriptions/{sub}/resourceGroups/rg-{g}/providers/Microsoft.Compute/disks/os{i}"}}}},"dataDisks":[]}},"osProfile":{{"computerName":"vm{i}","linuxConfiguration":{{"disablePasswordAuthentication":true}}}},"securityProfile":{{"securityType":"TrustedLaunch","uefiSettings":{{"secureBootEnabled":true,"vTpmEnabled":true}}}},"networkProfile":{{"networkInterfaces":[{{"id":"/subscriptions/{sub}/resourceGroups/rg-{g}/providers/Microsoft.Network/networkInterfaces/nic{i}"}}]}}}}}}"#,
                    g = i % 50
                );
            }
            _ => {
                let _ = write!(
                    s,
                    r#"{{"id":"/subscriptions/{sub}/resourceGroups/rg-{g}/providers/Microsoft.KeyVault/vaults/kv{i}","name":"kv{i}","type":"microsoft.keyvault/vaults","location":"eastus","resourceGroup":"rg-{g}","subscriptionId":"{sub}","tags":{{}},"properties":{{"tenantId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee","enableSoftDelete":true,"enablePurgeProtection":true,"enableRbacAuthorization":true,"publicNetworkAccess":"Disabled","networkAcls":{{"defaultAction":"Deny","bypass":"AzureServices"}},"privateEndpointConnections":[]}}}}"#,
                    g = i % 50
                );
            }
        }
    }
    s.push_str("],\"skip_token\":null}");
    s
}

fn gcp_lines(n: usize) -> String {
    let mut s = String::with_capacity(n * 900);
    let anc = r#""ancestors":["projects/123456789012","folders/456","organizations/789"],"update_time":"2026-05-01T08:00:00.000Z""#;
    s.push_str(r#"{"name":"//cloudresourcemanager.googleapis.com/projects/123456789012","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"data":{"projectNumber":"123456789012","projectId":"acme-prod-123","lifecycleState":"ACTIVE"},"location":"global"},"ancestors":["projects/123456789012"]}"#);
    s.push('\n');
    for i in 0..n {
        match i % 4 {
            0 => {
                let _ = writeln!(
                    s,
                    r#"{{"name":"//storage.googleapis.com/b{i}","asset_type":"storage.googleapis.com/Bucket","resource":{{"version":"v1","discovery_document_uri":"https://www.googleapis.com/discovery/v1/apis/storage/v1/rest","discovery_name":"Bucket","parent":"//cloudresourcemanager.googleapis.com/projects/123456789012","data":{{"name":"b{i}","location":"US","storageClass":"STANDARD","iamConfiguration":{{"uniformBucketLevelAccess":{{"enabled":true}},"publicAccessPrevention":"enforced"}},"versioning":{{"enabled":true}},"labels":{{"env":"prod"}},"projectNumber":"123456789012"}},"location":"us"}},{anc}}}"#
                );
            }
            1 => {
                let _ = writeln!(
                    s,
                    r#"{{"name":"//storage.googleapis.com/b{j}","asset_type":"storage.googleapis.com/Bucket","iam_policy":{{"version":1,"bindings":[{{"role":"roles/storage.objectViewer","members":["group:readers@acme.example"]}},{{"role":"roles/storage.admin","members":["user:a@acme.example"]}}],"etag":"CAE="}},{anc}}}"#,
                    j = i - 1
                );
            }
            2 => {
                let _ = writeln!(
                    s,
                    r#"{{"name":"//compute.googleapis.com/projects/acme-prod-123/global/firewalls/fw{i}","asset_type":"compute.googleapis.com/Firewall","resource":{{"version":"v1","data":{{"name":"fw{i}","network":"https://www.googleapis.com/compute/v1/projects/acme-prod-123/global/networks/default","direction":"INGRESS","priority":1000,"sourceRanges":["10.0.0.0/8"],"allowed":[{{"IPProtocol":"tcp","ports":["22","443"]}}],"targetTags":["web"]}},"location":"global"}},{anc}}}"#
                );
            }
            _ => {
                let _ = writeln!(
                    s,
                    r#"{{"name":"//compute.googleapis.com/projects/acme-prod-123/zones/us-central1-a/instances/vm{i}","asset_type":"compute.googleapis.com/Instance","resource":{{"version":"v1","data":{{"name":"vm{i}","machineType":"https://www.googleapis.com/compute/v1/projects/acme-prod-123/zones/us-central1-a/machineTypes/e2-medium","status":"RUNNING","networkInterfaces":[{{"network":"https://www.googleapis.com/compute/v1/projects/acme-prod-123/global/networks/default","networkIP":"10.0.0.2"}}],"serviceAccounts":[{{"email":"sa@acme-prod-123.iam.gserviceaccount.com","scopes":["https://www.googleapis.com/auth/cloud-platform"]}}],"shieldedInstanceConfig":{{"enableSecureBoot":true,"enableVtpm":true,"enableIntegrityMonitoring":true}},"metadata":{{"items":[{{"key":"enable-oslogin","value":"TRUE"}}]}}}},"location":"us-central1-a"}},{anc}}}"#
                );
            }
        }
    }
    s
}

fn measure(label: &str, text: &str, rows: usize) {
    let t = Instant::now();
    let inv = import_bytes(label, text.as_bytes(), &ImportOptions::default()).unwrap();
    let dt = t.elapsed().as_secs_f64();
    assert!(
        inv.sources[0].warnings.is_empty(),
        "{:?}",
        inv.sources[0].warnings
    );
    #[allow(clippy::cast_precision_loss)]
    let rate = rows as f64 / dt;
    #[allow(clippy::cast_precision_loss)]
    let mb = text.len() as f64 / 1e6;
    println!(
        "{label}: {rows} rows ({mb:.0} MB) → {} resources in {dt:.3} s = {rate:.0} rows/s, {:.0} MB/s",
        inv.resources.len(),
        mb / dt
    );
}

#[test]
#[ignore = "throughput measurement; run in release"]
fn azure_and_gcp_import_throughput() {
    let az = azure_rows(N);
    measure("azure-resource-graph", &az, N);
    drop(az);
    let g = gcp_lines(N);
    measure("gcp-asset-inventory", &g, N + 1);
}
