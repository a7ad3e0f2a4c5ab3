//! Property tests: random mutations and truncations of valid Azure Resource Graph and GCP Cloud
//! Asset Inventory samples must never panic the importers; every outcome is either an inventory
//! or a located error.

mod common;

use common::{apply, mutation};
use posture_collect::{ImportError, ImportOptions, import_bytes};
use proptest::prelude::*;

const SAMPLES: &[&str] = &[
    "azure/rg_cli_v2.json",
    "azure/rg_bare_array.json",
    "azure/rg_rest.json",
    "azure/rg_bad_rows.json",
    "gcp/cai_export_snake.jsonl",
    "gcp/cai_list_camel.json",
    "gcp/cai_list_camel.jsonl",
    "gcp/cai_rest_page.json",
    "gcp/cai_bad_lines.jsonl",
];

fn sample(i: usize) -> Vec<u8> {
    let name = SAMPLES[i % SAMPLES.len()];
    let p = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Bytes that tend to matter to a JSON parser.
const INTERESTING: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\n",
    b"null",
    b"true",
    b"0",
    b"-1e999",
    b"\"\\ud800\"",
    b"\xff",
    b"\"type\":\"microsoft.sql/servers/firewallrules\"",
    b"\"iam_policy\":{\"bindings\":7}",
    b"\"resource\":null",
    b"\"data\":[]",
    b"{\"name\":\"//x\"}",
];

fn check(bytes: &[u8]) {
    match import_bytes("fuzz.json", bytes, &ImportOptions::default()) {
        Ok(inv) => {
            assert_eq!(inv.sources.len(), 1);
            for r in &inv.resources {
                assert!(!r.uid.is_empty());
                assert!(!r.region.is_empty());
            }
            let covered: u64 = inv.coverage.iter().map(|c| c.resources).sum();
            assert_eq!(covered, inv.resources.len() as u64);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("fuzz.json: "), "{msg}");
            if let ImportError::Malformed { location, .. } = &e {
                assert!(!location.is_empty(), "{msg}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn mutated_samples_never_panic(i in 0usize..SAMPLES.len(), ms in proptest::collection::vec(mutation(INTERESTING.len()), 1..6)) {
        let mut b = sample(i);
        for m in &ms {
            b = apply(b, m, INTERESTING);
        }
        check(&b);
    }

    #[test]
    fn every_truncation_point_is_handled(i in 0usize..SAMPLES.len(), frac in 0.0f64..1.0) {
        let b = sample(i);
        // Truncation points are plentiful in small samples; pick by fraction.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
        let at = (b.len() as f64 * frac) as usize;
        check(&b[..at.min(b.len())]);
    }

    #[test]
    fn random_rows_with_arbitrary_values_never_panic(
        values in proptest::collection::vec(
            prop_oneof![
                Just("null".to_owned()), Just("true".to_owned()), Just("[]".to_owned()),
                Just("{}".to_owned()), Just("\"\"".to_owned()), Just("-7".to_owned()),
                Just("[{\"properties\":5}]".to_owned()), Just("{\"enabled\":\"x\"}".to_owned()),
                "\"[a-zA-Z0-9/._-]{0,12}\"",
            ],
            12,
        )
    ) {
        let v = |i: usize| values[i % values.len()].clone();
        let azure = format!(
            r#"{{"count":1,"data":[{{"id":{},"type":"microsoft.storage/storageaccounts","subscriptionId":{},"location":{},"tags":{},"sku":{},"identity":{},"properties":{{"allowBlobPublicAccess":{},"networkAcls":{},"encryption":{},"privateEndpointConnections":{}}}}},{{"id":"/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/v","type":"microsoft.compute/virtualmachines","properties":{{"storageProfile":{},"securityProfile":{}}}}}]}}"#,
            v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7), v(8), v(9), v(10), v(11)
        );
        check(azure.as_bytes());
        let gcp = format!(
            "{{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\",\"resource\":{{\"data\":{{\"iamConfiguration\":{},\"retentionPolicy\":{},\"labels\":{},\"projectNumber\":{}}},\"location\":{}}},\"ancestors\":{}}}\n{{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\",\"iam_policy\":{{\"bindings\":{},\"auditConfigs\":{}}}}}\n{{\"name\":\"//compute.googleapis.com/projects/p/zones/z/instances/i\",\"asset_type\":\"compute.googleapis.com/Instance\",\"resource\":{{\"data\":{{\"networkInterfaces\":{},\"metadata\":{},\"shieldedInstanceConfig\":{}}}}}}}\n",
            v(0), v(1), v(2), v(3), v(4), v(5), v(6), v(7), v(8), v(9), v(10)
        );
        check(gcp.as_bytes());
    }
}
