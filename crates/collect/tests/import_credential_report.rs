//! AWS IAM credential report importer: CSV and API JSON shapes, user and root mapping, merging
//! with AWS Config, and bad input.

use std::path::PathBuf;

use posture_collect::{Format, ImportError, ImportOptions, detect, import_bytes, import_paths};
use posture_model::kinds::aws;
use posture_model::{Config, CoverageStatus, GapReason, Inventory, Resource};

fn path(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/tests/data/aws/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn data(name: &str) -> Vec<u8> {
    let p = path(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn import(name: &str) -> Inventory {
    import_bytes(name, &data(name), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn find<'a>(inv: &'a Inventory, uid: &str) -> &'a Resource {
    inv.resources
        .iter()
        .find(|r| r.uid == uid)
        .unwrap_or_else(|| panic!("no resource {uid}"))
}

fn user(r: &Resource) -> &aws::IamUser {
    match &r.config {
        Config::AwsIamUser(u) => u,
        other => panic!("{}: not a user: {other:?}", r.uid),
    }
}

fn account(r: &Resource) -> &aws::IamAccount {
    match &r.config {
        Config::AwsIamAccount(a) => a,
        other => panic!("{}: not an account: {other:?}", r.uid),
    }
}

fn gap_reason(r: &Resource, field: &str) -> Option<GapReason> {
    r.gaps.iter().find(|g| g.field == field).map(|g| g.reason)
}

fn key(id: &str, status: &str, created: Option<&str>, last_used: Option<&str>) -> aws::AccessKey {
    aws::AccessKey {
        id: id.into(),
        status: status.into(),
        created: created.map(Into::into),
        last_used: last_used.map(Into::into),
    }
}

#[test]
fn csv_maps_users_and_root() {
    let inv = import("credential_report.csv");
    let src = &inv.sources[0];
    assert_eq!(src.format, "aws-iam-credential-report");
    assert!(src.error.is_none());
    assert!(src.warnings.is_empty(), "{:?}", src.warnings);
    assert!(src.skipped.is_empty(), "{:?}", src.skipped);
    assert_eq!(inv.resources.len(), 5);
    assert_eq!(src.resources, 5);
    assert_eq!(inv.coverage.len(), 1);
    assert_eq!(inv.coverage[0].status, CoverageStatus::Collected);
    assert_eq!(inv.coverage[0].service, "iam");
    assert_eq!(inv.coverage[0].resources, 5);

    // Password, MFA, a recent active key.
    let alice = find(&inv, "arn:aws:iam::111122223333:user/alice");
    assert_eq!(alice.account, "111122223333");
    assert_eq!(alice.region, "global");
    assert_eq!(alice.name, "alice");
    assert_eq!(&*alice.source, "credential_report.csv");
    let u = user(alice);
    assert_eq!(u.user_name, "alice");
    assert_eq!(u.create_date.as_deref(), Some("2024-06-01T00:00:00+00:00"));
    assert_eq!(u.password_enabled, Some(true));
    assert_eq!(
        u.password_last_used.as_deref(),
        Some("2026-11-20T08:30:00+00:00")
    );
    assert_eq!(u.mfa_active, Some(true));
    assert_eq!(u.mfa_devices, None, "the report does not list devices");
    assert_eq!(
        gap_reason(alice, "mfa_devices"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(
        u.access_keys,
        Some(vec![key(
            "key-1",
            "Active",
            Some("2026-10-15T12:00:00+00:00"),
            Some("2026-11-26T10:00:00+00:00")
        )])
    );
    for field in ["attached_policies", "inline_policies", "groups"] {
        assert_eq!(
            gap_reason(alice, field),
            Some(GapReason::NotInSource),
            "{field}"
        );
    }
    for field in [
        "password_enabled",
        "mfa_active",
        "access_keys",
        "create_date",
    ] {
        assert_eq!(gap_reason(alice, field), None, "{field}");
    }

    // Password, no MFA, never signed in (`no_information`), no keys.
    let bob = user(find(&inv, "arn:aws:iam::111122223333:user/bob"));
    assert_eq!(bob.password_enabled, Some(true));
    assert_eq!(bob.mfa_active, Some(false));
    assert_eq!(bob.password_last_used, None);
    assert_eq!(bob.access_keys, Some(vec![]));

    // No password; an old active key and an inactive key; a path in the ARN.
    let ci = find(&inv, "arn:aws:iam::111122223333:user/automation/ci-legacy");
    assert_eq!(ci.name, "ci-legacy");
    let ci = user(ci);
    assert_eq!(ci.password_enabled, Some(false));
    assert_eq!(ci.password_last_used, None);
    assert_eq!(
        ci.access_keys,
        Some(vec![
            key(
                "key-1",
                "Active",
                Some("2024-02-01T00:00:00+00:00"),
                Some("2026-11-27T23:00:00+00:00")
            ),
            key(
                "key-2",
                "Inactive",
                Some("2023-03-01T00:00:00+00:00"),
                Some("2024-01-31T00:00:00+00:00")
            ),
        ])
    );

    // A quoted field with a comma.
    let nightly = find(&inv, "arn:aws:iam::111122223333:user/reports-nightly");
    assert_eq!(nightly.name, "reports, nightly");
    assert_eq!(user(nightly).access_keys, Some(vec![]));

    // The root row.
    let root = find(&inv, "arn:aws:iam::111122223333:root");
    assert_eq!(root.kind().as_str(), "aws.iam.account");
    assert_eq!(root.region, "global");
    assert_eq!(root.account, "111122223333");
    let a = account(root);
    assert_eq!(a.root_mfa_enabled, Some(true));
    assert_eq!(a.root_access_keys_present, Some(false));
    assert_eq!(
        a.root_last_used.as_deref(),
        Some("2026-10-01T09:00:00+00:00")
    );
    assert_eq!(a.password_policy, None);
    assert_eq!(
        gap_reason(root, "password_policy"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(
        gap_reason(root, "root_hardware_mfa"),
        Some(GapReason::NotInSource)
    );
    assert_eq!(gap_reason(root, "root_mfa_enabled"), None);
    assert_eq!(gap_reason(root, "root_access_keys_present"), None);
}

#[test]
fn api_json_with_base64_content() {
    let inv = import("credential_report_api.json");
    let src = &inv.sources[0];
    assert_eq!(src.format, "aws-iam-credential-report");
    assert!(src.warnings.is_empty(), "{:?}", src.warnings);
    assert_eq!(inv.resources.len(), 2);

    let root = find(&inv, "arn:aws:iam::444455556666:root");
    let a = account(root);
    assert_eq!(a.root_mfa_enabled, Some(false));
    assert_eq!(a.root_access_keys_present, Some(true));
    // Latest of the password and key uses.
    assert_eq!(
        a.root_last_used.as_deref(),
        Some("2026-11-02T07:00:00+00:00")
    );

    let dana = user(find(&inv, "arn:aws:iam::444455556666:user/dana"));
    assert_eq!(dana.password_enabled, Some(true));
    assert_eq!(dana.mfa_active, Some(false));
}

#[test]
fn detection_by_content() {
    assert_eq!(
        detect("r.csv", &data("credential_report.csv")).unwrap(),
        Format::AwsCredentialReport
    );
    assert_eq!(
        detect("r.json", &data("credential_report_api.json")).unwrap(),
        Format::AwsCredentialReport
    );
    assert_eq!(
        Format::AwsCredentialReport.as_str(),
        "aws-iam-credential-report"
    );
    // A CSV whose header is not a credential report is not detected.
    let e = import_bytes(
        "people.csv",
        &data("not_a_credential_report.csv"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::UnknownFormat { .. }), "{e}");
    assert!(e.to_string().starts_with("people.csv: "), "{e}");
}

#[test]
fn bad_rows_are_skipped_or_kept_with_gaps() {
    let inv = import("credential_report_bad_rows.csv");
    let src = &inv.sources[0];
    let w = src.warnings.join("\n");
    // Wrong field count: skipped, named by line.
    assert!(
        w.contains("line 2: expected 22 fields as in the header, found 20; row skipped"),
        "{w}"
    );
    // Not an IAM ARN: skipped.
    assert!(w.contains("line 4: `not-an-arn` is not an IAM ARN"), "{w}");
    // Unterminated quote at the end: skipped.
    assert!(
        w.contains("line 7: unterminated quoted field; row skipped"),
        "{w}"
    );
    // Unreadable values: kept, with error gaps and warnings.
    assert!(
        w.contains("line 3: column `password_enabled` has `yes`"),
        "{w}"
    );
    assert!(w.contains("line 3: column `mfa_active` has `maybe`"), "{w}");
    assert!(
        w.contains("line 3: column `access_key_1_last_rotated` has `last week`"),
        "{w}"
    );
    assert_eq!(src.skipped.get("wrong number of fields"), Some(&1));
    assert_eq!(src.skipped.get("no usable ARN"), Some(&1));
    assert_eq!(src.skipped.get("malformed CSV row"), Some(&1));

    assert_eq!(inv.resources.len(), 2, "erin and frank");
    assert!(inv.resources.iter().all(|r| !r.uid.ends_with("/alice")));
    let erin_r = find(&inv, "arn:aws:iam::111122223333:user/erin");
    let erin = user(erin_r);
    assert_eq!(erin.password_enabled, None);
    assert_eq!(erin.mfa_active, None);
    assert_eq!(
        gap_reason(erin_r, "password_enabled"),
        Some(GapReason::Error)
    );
    assert_eq!(gap_reason(erin_r, "mfa_active"), Some(GapReason::Error));
    // The active key is listed, without a creation time (the age rule says Unknown, not Pass).
    assert_eq!(
        erin.access_keys,
        Some(vec![key("key-1", "Active", None, None)])
    );
    let frank = user(find(&inv, "arn:aws:iam::111122223333:user/frank"));
    assert_eq!(frank.password_enabled, Some(false));
    assert!(
        inv.coverage
            .iter()
            .all(|c| c.status == CoverageStatus::Partial)
    );
}

#[test]
fn truncated_base64_names_the_field() {
    let e = import_bytes(
        "cr.json",
        &data("credential_report_truncated.json"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, ImportError::Malformed { .. }), "{msg}");
    assert!(
        msg.starts_with("cr.json: $.Content: invalid base64"),
        "{msg}"
    );
    assert!(msg.contains("truncated"), "{msg}");
}

#[test]
fn api_json_problems_are_located() {
    let opts = ImportOptions::default();
    let e = import_bytes(
        "cr.json",
        br#"{"Content": null, "ReportFormat": "text/csv"}"#,
        &opts,
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with("cr.json: $.Content: missing"),
        "{e}"
    );
    let e = import_bytes(
        "cr.json",
        br#"{"Content": "dXNlcg==", "ReportFormat": "application/pdf"}"#,
        &opts,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("cr.json: $.ReportFormat:"), "{e}");
    // Valid base64 that is not a credential report.
    let e = import_bytes(
        "cr.json",
        br#"{"Content": "aGVsbG8sd29ybGQK", "ReportFormat": "text/csv"}"#,
        &opts,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("$.Content: the decoded content is not a credential report"),
        "{e}"
    );
    let e = import_bytes(
        "cr.json",
        br#"{"Content": "dXNl", "GeneratedTime": 1"#,
        &opts,
    )
    .unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");
}

#[test]
fn merges_with_the_aws_config_user_on_a_directory_walk() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "snapshot.json",
        "credential_report.csv",
        "not_a_credential_report.csv",
    ] {
        std::fs::copy(path(name), dir.path().join(name)).expect("copy fixture");
    }
    std::fs::write(dir.path().join("README.md"), "# notes\n").expect("write");
    let inv = import_paths(
        &[dir.path().to_path_buf()],
        &ImportOptions::default(),
        &|_| {},
    );
    let report = inv
        .sources
        .iter()
        .find(|s| s.path.ends_with("credential_report.csv"))
        .expect("report source");
    assert_eq!(report.format, "aws-iam-credential-report");
    assert!(report.error.is_none());
    // Files that are no export at all are skipped, not failed.
    for name in ["README.md", "not_a_credential_report.csv"] {
        let s = inv
            .sources
            .iter()
            .find(|s| s.path.ends_with(name))
            .expect("source");
        assert_eq!(s.format, "not-an-export", "{name}");
        assert!(s.error.is_none(), "{name}");
    }

    let uid = "arn:aws:iam::111122223333:user/alice";
    let alice: Vec<&Resource> = inv.resources.iter().filter(|r| r.uid == uid).collect();
    assert_eq!(alice.len(), 1, "one merged resource");
    let r = alice[0];
    let u = user(r);
    // From AWS Config.
    assert_eq!(u.groups, Some(vec!["developers".to_owned()]));
    assert!(u.attached_policies.is_some());
    assert!(u.inline_policies.is_some());
    // From the credential report.
    assert_eq!(u.password_enabled, Some(true));
    assert_eq!(u.mfa_active, Some(true));
    assert_eq!(u.access_keys.as_ref().map(Vec::len), Some(1));
    // Gaps of either source for fields the other observed are gone; the device list is still
    // not observed by either.
    for field in [
        "password_enabled",
        "password_last_used",
        "access_keys",
        "groups",
        "attached_policies",
        "inline_policies",
    ] {
        assert_eq!(gap_reason(r, field), None, "{field}: {:?}", r.gaps);
    }
    assert!(gap_reason(r, "mfa_devices").is_some());
    assert!(r.source.contains("snapshot.json"), "{}", r.source);
    assert!(r.source.contains("credential_report.csv"), "{}", r.source);
}
