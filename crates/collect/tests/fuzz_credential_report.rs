//! Property tests: mutations and truncations of IAM credential report samples (CSV and the API's
//! base64 JSON) must never panic the importer; every outcome is an inventory or a located error.

mod common;

use common::{apply, mutation};
use posture_collect::{ImportError, ImportOptions, import_bytes};
use proptest::prelude::*;

const SAMPLES: &[&str] = &[
    "credential_report.csv",
    "credential_report_bad_rows.csv",
    "credential_report_api.json",
];

fn sample(i: usize) -> Vec<u8> {
    let name = SAMPLES[i % SAMPLES.len()];
    let p = format!("{}/tests/data/aws/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// Bytes that matter to the CSV reader, the value conventions and the base64 decoder.
const INTERESTING: &[&[u8]] = &[
    b",",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r",
    b"\r\n",
    b"=",
    b"==",
    b"N/A",
    b"no_information",
    b"not_supported",
    b"true",
    b"FALSE",
    b"<root_account>",
    b"arn:aws:iam::111122223333:root",
    b"arn:aws:iam::1:user/x",
    b"9999-99-99T99:99:99+99:99",
    b"\xff\xfe",
    b"\xEF\xBB\xBF",
    b"{\"Content\":",
];

fn check(bytes: &[u8]) {
    match import_bytes("fuzz.csv", bytes, &ImportOptions::default()) {
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
            assert!(msg.starts_with("fuzz.csv: "), "{msg}");
            if let ImportError::Malformed { location, .. } = &e {
                assert!(!location.is_empty(), "{msg}");
            }
        }
    }
}

/// Re-encode a mutated CSV as the API's JSON, so mutations reach the decoded-content path too.
fn as_api_json(csv: &[u8]) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::new();
    for chunk in csv.chunks(3) {
        let n = chunk.len();
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= n {
                b64.push(char::from(ALPHABET[(v >> (18 - 6 * i)) as usize & 63]));
            } else {
                b64.push('=');
            }
        }
    }
    format!(r#"{{"Content":"{b64}","ReportFormat":"text/csv"}}"#).into_bytes()
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
    fn mutated_csv_inside_api_json_never_panics(i in 0usize..2, ms in proptest::collection::vec(mutation(INTERESTING.len()), 1..6)) {
        let mut b = sample(i);
        for m in &ms {
            b = apply(b, m, INTERESTING);
        }
        check(&as_api_json(&b));
    }

    #[test]
    fn every_truncation_point_is_handled(i in 0usize..SAMPLES.len(), frac in 0.0f64..1.0) {
        let b = sample(i);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
        let at = (b.len() as f64 * frac) as usize;
        check(&b[..at.min(b.len())]);
    }

    #[test]
    fn random_cells_never_panic(
        cells in proptest::collection::vec(
            prop_oneof![
                Just("N/A".to_owned()), Just("no_information".to_owned()),
                Just("not_supported".to_owned()), Just("true".to_owned()),
                Just("false".to_owned()), Just(String::new()), Just("\"a,\"\"b\"".to_owned()),
                Just("2026-02-30T00:00:00+00:00".to_owned()),
                Just("2026-11-27T06:00:00+00:00".to_owned()),
                "[a-zA-Z0-9:/<>_+.-]{0,24}",
            ],
            22,
        )
    ) {
        let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
        let mut root = cells.clone();
        root[0] = "<root_account>".into();
        root[1] = "arn:aws:iam::111122223333:root".into();
        let mut usr = cells.clone();
        usr[1] = "arn:aws:iam::111122223333:user/u".into();
        let csv = format!("{header}\n{}\n{}\n{}\n", cells.join(","), root.join(","), usr.join(","));
        check(csv.as_bytes());
        check(&as_api_json(csv.as_bytes()));
    }
}
