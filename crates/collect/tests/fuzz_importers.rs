//! Random mutations and truncations of valid documents, for every input format, routed through
//! `import_bytes`: an importer may return an error, it must never panic.

use posture_collect::{ImportOptions, import_bytes};
use proptest::prelude::*;

fn aws_fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/data/aws/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

const AZURE_ARRAY: &str = r#"[{"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-web/providers/Microsoft.Storage/storageAccounts/acmeweb","name":"acmeweb","type":"microsoft.storage/storageaccounts","tenantId":"00000000-0000-0000-0000-0000000000aa","kind":"StorageV2","location":"westeurope","resourceGroup":"rg-web","subscriptionId":"00000000-0000-0000-0000-000000000001","sku":{"name":"Standard_LRS","tier":"Standard"},"tags":{"env":"prod"},"properties":{"supportsHttpsTrafficOnly":false,"minimumTlsVersion":"TLS1_0","allowBlobPublicAccess":true,"networkAcls":{"defaultAction":"Allow","bypass":"AzureServices","ipRules":[],"virtualNetworkRules":[]},"encryption":{"keySource":"Microsoft.Storage","services":{"blob":{"enabled":true}}}}},{"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-web/providers/Microsoft.Network/networkSecurityGroups/nsg-web","name":"nsg-web","type":"microsoft.network/networksecuritygroups","location":"westeurope","resourceGroup":"rg-web","subscriptionId":"00000000-0000-0000-0000-000000000001","tags":{},"properties":{"securityRules":[{"name":"ssh","properties":{"protocol":"Tcp","sourcePortRange":"*","destinationPortRange":"22","sourceAddressPrefix":"*","destinationAddressPrefix":"*","access":"Allow","priority":100,"direction":"Inbound"}}]}}]"#;

const AZURE_PAGED: &str = r#"{"count":1,"data":[{"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/acme-kv","name":"acme-kv","type":"microsoft.keyvault/vaults","location":"northeurope","resourceGroup":"rg-kv","subscriptionId":"00000000-0000-0000-0000-000000000001","tags":null,"properties":{"enableSoftDelete":true,"enablePurgeProtection":null,"enableRbacAuthorization":true,"publicNetworkAccess":"Enabled"}}],"skip_token":null,"total_records":1}"#;

const GCP_JSONL: &str = concat!(
    r#"{"name":"//storage.googleapis.com/acme-public","asset_type":"storage.googleapis.com/Bucket","ancestors":["projects/123456789012","organizations/111"],"resource":{"version":"v1","discovery_name":"Bucket","parent":"//cloudresourcemanager.googleapis.com/projects/123456789012","data":{"name":"acme-public","location":"US","iamConfiguration":{"uniformBucketLevelAccess":{"enabled":false},"publicAccessPrevention":"inherited"},"versioning":{"enabled":false}},"location":"us"},"iam_policy":{"bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}]},"update_time":"2026-05-01T00:00:00Z"}"#,
    "\n",
    r#"{"name":"//compute.googleapis.com/projects/acme-prod/global/firewalls/allow-ssh","asset_type":"compute.googleapis.com/Firewall","resource":{"version":"v1","data":{"name":"allow-ssh","network":"https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/default","direction":"INGRESS","sourceRanges":["0.0.0.0/0"],"allowed":[{"IPProtocol":"tcp","ports":["22"]}],"disabled":false}}}"#,
    "\n"
);

const GCP_ARRAY: &str = r#"[{"name":"//sqladmin.googleapis.com/projects/acme-prod/instances/orders","assetType":"sqladmin.googleapis.com/Instance","resource":{"version":"v1beta4","data":{"name":"orders","databaseVersion":"POSTGRES_16","settings":{"ipConfiguration":{"ipv4Enabled":true,"requireSsl":false,"authorizedNetworks":[{"value":"0.0.0.0/0"}]},"backupConfiguration":{"enabled":false}}}}}]"#;

const POSTURE: &str = r#"{"format":"posture-inventory","version":1,"resources":[{"uid":"arn:aws:s3:::acme-logs","provider":"aws","account":"111122223333","region":"us-east-1","kind":"aws.s3.bucket","name":"acme-logs","tags":{"env":"prod"},"config":{"versioning":{"status":"Enabled","mfa_delete":false}},"relationships":[],"gaps":[]},{"uid":"x","provider":"aws","kind":"unmodeled","native_type":"AWS::SQS::Queue","config":{"a":[1,2,{"b":null}]}}],"coverage":[],"sources":[]}"#;

fn seeds() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = [
        "snapshot.json",
        "api_history.json",
        "api_batch.json",
        "select.json",
        "change_notification.json",
        "bare_array.json",
    ]
    .iter()
    .map(|n| aws_fixture(n))
    .collect();
    for s in [AZURE_ARRAY, AZURE_PAGED, GCP_JSONL, GCP_ARRAY, POSTURE] {
        v.push(s.as_bytes().to_vec());
    }
    v
}

/// Bytes that tend to matter to JSON parsers and to our format detection.
const INTERESTING: &[&[u8]] = &[
    b"\"",
    b"\\",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"null",
    b"true",
    b"-1",
    b"1e999",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\xff",
    b"\n",
    b"\"configuration\":\"{\"",
    b"\"resourceType\":\"AWS::S3::Bucket\"",
    b"\"supplementaryConfiguration\":{\"BucketPolicy\":\"%7B\"}",
    b"\"asset_type\"",
    b"\"subscriptionId\"",
    b"\"ResourceDeleted\"",
];

#[derive(Debug, Clone)]
enum Op {
    /// Keep only the first `n` per mille of the document.
    Truncate(u16),
    /// Overwrite one byte at a relative position.
    Flip(u16, u8),
    /// Insert an interesting token at a relative position.
    Insert(u16, usize),
    /// Delete a short range at a relative position.
    Delete(u16, u8),
    /// Duplicate a short range (repeats keys, brackets, items).
    Duplicate(u16, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u16..1000).prop_map(Op::Truncate),
        (0u16..1000, any::<u8>()).prop_map(|(p, b)| Op::Flip(p, b)),
        (0u16..1000, 0..INTERESTING.len()).prop_map(|(p, i)| Op::Insert(p, i)),
        (0u16..1000, 1u8..64).prop_map(|(p, n)| Op::Delete(p, n)),
        (0u16..1000, 1u8..64).prop_map(|(p, n)| Op::Duplicate(p, n)),
    ]
}

fn at(doc: &[u8], permille: u16) -> usize {
    doc.len() * usize::from(permille) / 1000
}

fn apply(mut doc: Vec<u8>, ops: &[Op]) -> Vec<u8> {
    for o in ops {
        match *o {
            Op::Truncate(p) => {
                let n = at(&doc, p);
                doc.truncate(n);
            }
            Op::Flip(p, b) => {
                let i = at(&doc, p);
                if let Some(x) = doc.get_mut(i) {
                    *x = b;
                }
            }
            Op::Insert(p, t) => {
                let i = at(&doc, p);
                let tok = INTERESTING.get(t).copied().unwrap_or(b"");
                doc.splice(i..i, tok.iter().copied());
            }
            Op::Delete(p, n) => {
                let i = at(&doc, p);
                let j = (i + usize::from(n)).min(doc.len());
                doc.drain(i..j);
            }
            Op::Duplicate(p, n) => {
                let i = at(&doc, p);
                let j = (i + usize::from(n)).min(doc.len());
                let part = doc.get(i..j).map(<[u8]>::to_vec).unwrap_or_default();
                doc.splice(j..j, part);
            }
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn importers_never_panic(seed in 0usize..11, ops in prop::collection::vec(op(), 1..6)) {
        let seeds = seeds();
        let doc = seeds.get(seed % seeds.len()).cloned().unwrap_or_default();
        let mutated = apply(doc, &ops);
        // Errors are fine; a panic fails the test (proptest reports it with the inputs).
        let _ = import_bytes("fuzz.json", &mutated, &ImportOptions::default());
    }
}

#[test]
fn seeds_are_valid_aws_documents() {
    // The AWS seeds must import cleanly, so mutations start from a known-good document.
    for n in ["snapshot.json", "api_history.json", "select.json"] {
        let inv = import_bytes(n, &aws_fixture(n), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!inv.resources.is_empty(), "{n}");
    }
}

#[test]
fn every_truncation_of_a_small_document_is_handled() {
    // Exhaustive over one compact item of each AWS shape, every prefix length.
    let docs = [
        r#"{"configurationItems":[{"resourceType":"AWS::S3::Bucket","resourceId":"b","ARN":"arn:aws:s3:::b","awsAccountId":"1","awsRegion":"us-east-1","configuration":{"name":"b"},"supplementaryConfiguration":{"BucketPolicy":{"policyText":"{\"Statement\":[]}"},"AccessControlList":"{\"grantList\":[{\"grantee\":\"AllUsers\",\"permission\":\"Read\"}]}"},"tags":{"a":"b"},"relationships":[{"resourceType":"AWS::EC2::VPC","resourceId":"vpc-1","name":"Is contained in Vpc"}]}]}"#,
        r#"{"configurationItems":[{"resourceType":"AWS::IAM::Role","resourceId":"AROA1","arn":"arn:aws:iam::1:role/r","accountId":"1","awsRegion":"global","configuration":"{\"roleName\":\"r\",\"assumeRolePolicyDocument\":\"%7B%22Statement%22%3A%5B%5D%7D\"}","supplementaryConfiguration":{}}]}"#,
        r#"{"QueryInfo":{"SelectFields":[]},"Results":["{\"resourceType\":\"AWS::EC2::SecurityGroup\",\"resourceId\":\"sg-1\",\"configuration\":{\"ipPermissions\":[{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"ipRanges\":[\"0.0.0.0/0\"]}]},\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}"]}"#,
    ];
    for d in docs {
        for n in 0..=d.len() {
            let _ = import_bytes("cut.json", &d.as_bytes()[..n], &ImportOptions::default());
        }
    }
}
