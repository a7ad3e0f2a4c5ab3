//! End-to-end tests of the `posture` binary on the bundled sample estate and on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A store file private to this test binary, so scans never write into the user's data directory.
fn store_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
        .path()
}

fn posture() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_posture"));
    for (k, _) in std::env::vars() {
        if k.starts_with("POSTURE_") {
            c.env_remove(k);
        }
    }
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    c.env("NO_COLOR", "1").env(
        "POSTURE_DATABASE",
        store_dir().join(format!("posture-{n}.db")),
    );
    c
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample-estate")
}

fn run(c: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = c.output().expect("run posture");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn scan_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("findings.json");
    let (code, _, err) = run(posture()
        .current_dir(tmp.path())
        .args([
            "scan",
            "--quiet",
            "--format",
            "json",
            "--as-of",
            "2026-11-28T00:00:00Z",
            "-o",
        ])
        .arg(&out)
        .arg(dir)
        .args(extra));
    assert_eq!(code, 0, "{err}");
    serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
}

#[test]
fn sample_estate_scan_finds_planted_issues_and_reports_unknowns() {
    let doc = scan_json(&sample(), &[]);
    assert_eq!(doc["format"], "posture-findings");
    let summary = &doc["summary"];
    assert!(summary["resources"].as_u64().unwrap() >= 500, "{summary}");
    assert!(
        summary["by_status"]["fail"].as_u64().unwrap() > 20,
        "{summary}"
    );
    assert!(
        summary["by_status"]["pass"].as_u64().unwrap() > 100,
        "{summary}"
    );
    assert!(
        summary["by_status"]["unknown"].as_u64().unwrap_or(0) > 0,
        "the sample plants missing settings: {summary}"
    );
    assert_eq!(summary["failed_sources"], 0);
    let findings = doc["findings"].as_array().unwrap();
    let failing_rules: std::collections::BTreeSet<&str> = findings
        .iter()
        .filter(|f| f["status"] == "fail")
        .filter_map(|f| f["rule_id"].as_str())
        .collect();
    for planted in [
        "aws.s3.bucket_public_acl",
        "aws.ec2.security_group_admin_ports_open",
        "aws.iam.policy_full_admin",
        "azure.storage.account_public_blob_access",
        "azure.network.nsg_admin_ports_open",
        "gcp.storage.bucket_public",
        "gcp.sql.instance_open_to_internet",
        // Toxic combinations planted along real network paths (examples/sample-estate/README.md).
        "risk.toxic.aws_exposed_instance_admin_role",
        "risk.toxic.aws_exposed_instance_imdsv1_role",
        "risk.toxic.aws_public_bucket_sensitive_data",
        "risk.toxic.aws_exposed_database_unencrypted",
        "risk.toxic.azure_exposed_vm_ssh_password",
        "risk.toxic.azure_public_blob_sensitive_data",
        "risk.toxic.gcp_exposed_vm_privileged_sa",
        "risk.toxic.gcp_exposed_sql_without_ssl",
    ] {
        assert!(
            failing_rules.contains(planted),
            "{planted} should fail on the sample estate; failing: {failing_rules:?}"
        );
    }
    // The toxic combinations fire where planted and not on their near-miss twins.
    let status_of = |rule: &str, name: &str| {
        findings
            .iter()
            .find(|f| f["rule_id"] == rule && f["resource_name"] == name)
            .map(|f| f["status"].as_str().unwrap_or_default().to_owned())
    };
    let all = scan_json(&sample(), &["--rules", "risk.toxic.*", "--status", "all"]);
    let all = all["findings"].as_array().unwrap();
    let status_all = |rule: &str, name: &str| {
        all.iter()
            .find(|f| f["rule_id"] == rule && f["resource_name"] == name)
            .map(|f| f["status"].as_str().unwrap_or_default().to_owned())
    };
    for (rule, fires, twins) in [
        (
            "risk.toxic.aws_exposed_instance_admin_role",
            "win-build-01",
            &["win-build-02", "bastion-01"][..],
        ),
        (
            "risk.toxic.aws_exposed_instance_imdsv1_role",
            "win-build-01",
            &["bastion-01", "sandbox-ml-01"][..],
        ),
        (
            "risk.toxic.aws_public_bucket_sensitive_data",
            "larkspur-dev-patient-extracts",
            &[
                "larkspur-prod-patient-exports",
                "larkspur-prod-marketing-site",
            ][..],
        ),
        (
            "risk.toxic.aws_exposed_database_unencrypted",
            "claims-restore-test",
            &["analytics-reporting-db", "claims-db-legacy"][..],
        ),
        (
            "risk.toxic.azure_exposed_vm_ssh_password",
            "vm-analytics-legacy-01",
            &["vm-analytics-legacy-02", "vm-dev-build-01", "vm-jumpbox-01"][..],
        ),
        (
            "risk.toxic.gcp_exposed_vm_privileged_sa",
            "legacy-reporting-vm",
            &["dev-workbench-04"][..],
        ),
    ] {
        assert_eq!(
            status_of(rule, fires).as_deref(),
            Some("fail"),
            "{rule} on {fires}"
        );
        for t in twins {
            assert_eq!(
                status_all(rule, t).as_deref(),
                Some("pass"),
                "{rule} on twin {t}"
            );
        }
    }
    // AWS exposure is computed along real paths: the toxic finding names the route.
    let admin = findings
        .iter()
        .find(|f| {
            f["rule_id"] == "risk.toxic.aws_exposed_instance_admin_role"
                && f["resource_name"] == "win-build-01"
        })
        .unwrap();
    let msg = admin["message"].as_str().unwrap();
    assert!(
        msg.contains("0.0.0.0/0 → igw-") && msg.contains("DevSandboxAdmin"),
        "{msg}"
    );
    // Every failing finding carries a fix with the resource's identifiers filled in.
    for f in findings.iter().filter(|f| f["status"] == "fail") {
        let cli = f["remediation"]["cli"].as_str().unwrap();
        assert!(
            !cli.contains("{name}") && !cli.contains("{region}"),
            "unfilled template in {}: {cli}",
            f["rule_id"]
        );
        assert_eq!(f["uid"].as_str().unwrap().len(), 32);
    }
    // Unknown findings say what was missing.
    for f in findings.iter().filter(|f| f["status"] == "unknown") {
        assert!(!f["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn output_is_deterministic() {
    let a = scan_json(&sample(), &["--status", "all"]);
    let b = scan_json(&sample(), &["--status", "all"]);
    assert_eq!(a, b);
}

#[test]
fn fail_on_gate_sets_the_exit_status() {
    let (code, _, err) = run(posture()
        .args(["scan", "-q", "--fail-on", "high"])
        .arg(sample()));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("at or above high"), "{err}");
    let (code, _, _) = run(posture()
        .args([
            "scan",
            "-q",
            "--fail-on",
            "critical",
            "--rules",
            "aws.s3.bucket_versioning_off",
        ])
        .arg(sample()));
    assert_eq!(code, 0);
}

#[test]
fn a_bad_file_is_reported_and_the_rest_is_scanned() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("truncated.json"),
        br#"{"fileVersion":"1.0","configurationItems":[{"resourceType":"AWS::S3::Bucket","#,
    )
    .unwrap();
    std::fs::write(tmp.path().join("notes.txt"), b"hello").unwrap();
    let (code, out, err) = run(posture()
        .args(["scan", "-q", "--per-rule", "0"])
        .arg(tmp.path())
        .arg(sample()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("truncated.json"), "{out}");
    // A non-JSON file met while walking a directory is skipped, not a failed input.
    assert!(!out.contains("notes.txt"), "{out}");
    assert_eq!(out.matches("input failed:").count(), 1, "{out}");
    let (code, _, _) = run(posture()
        .args([
            "scan",
            "-q",
            "--fail-on",
            "critical",
            "--rules",
            "aws.s3.bucket_versioning_off",
        ])
        .arg(tmp.path())
        .arg(sample()));
    assert_eq!(code, 4, "--fail-on cannot vouch for unread input");
    let (code, _, err) = run(posture()
        .args(["scan", "-q"])
        .arg(tmp.path().join("notes.txt")));
    assert_eq!(code, 1);
    assert!(
        err.contains("no input could be read") && err.contains("notes.txt"),
        "{err}"
    );
}

#[test]
fn rule_selection_and_lookup() {
    let (code, out, _) = run(posture().args(["rules", "list", "--format", "json"]));
    assert_eq!(code, 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(rules.len() >= 30);
    let (code, out, _) = run(posture().args(["rules", "show", "aws.s3.bucket_public_acl"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Remediation") && out.contains("put-public-access-block"),
        "{out}"
    );
    let (code, _, err) = run(posture().args(["rules", "show", "aws.s3.nope"]));
    assert_eq!(code, 1);
    assert!(err.contains("no rule with id"), "{err}");
    let (code, _, err) = run(posture()
        .args(["scan", "--rules", "aws.s3.bucket_publik*"])
        .arg(sample()));
    assert_eq!(code, 1);
    assert!(
        err.contains("no rule matches `aws.s3.bucket_publik*`"),
        "{err}"
    );
    let doc = scan_json(&sample(), &["--rules", "aws.s3.*", "--status", "all"]);
    for f in doc["findings"].as_array().unwrap() {
        assert!(
            f["rule_id"].as_str().unwrap().starts_with("aws.s3."),
            "{}",
            f["rule_id"]
        );
    }
}

#[test]
fn configuration_errors_name_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("posture.toml"),
        "[scan]\nfail_onn = \"high\"\n",
    )
    .unwrap();
    let (code, _, err) = run(posture().current_dir(tmp.path()).args(["rules", "list"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("posture.toml") && err.contains("unknown key `scan.fail_onn`"),
        "{err}"
    );
    std::fs::write(
        tmp.path().join("posture.toml"),
        "[scan]\nfail_on = \"high\"\n",
    )
    .unwrap();
    let (code, _, _) = run(posture()
        .current_dir(tmp.path())
        .args(["scan", "-q"])
        .arg(sample()));
    assert_eq!(code, 3, "fail_on from posture.toml applies");
    let (code, _, _) = run(posture()
        .current_dir(tmp.path())
        .env("POSTURE_SCAN_FAIL_ON", "critical")
        .args(["scan", "-q", "--rules", "aws.s3.bucket_versioning_off"])
        .arg(sample()));
    assert_eq!(code, 0, "environment overrides the file");
}

#[test]
fn inventory_round_trips_through_its_json_form() {
    let tmp = tempfile::tempdir().unwrap();
    let inv = tmp.path().join("inventory.json");
    let (code, _, err) = run(posture()
        .args(["inventory", "-q", "--format", "json", "-o"])
        .arg(&inv)
        .arg(sample()));
    assert_eq!(code, 0, "{err}");
    let from_exports = scan_json(&sample(), &["--status", "all"]);
    let from_inventory = scan_json(&inv, &["--status", "all"]);
    assert_eq!(from_exports["findings"], from_inventory["findings"]);
    assert_eq!(
        from_exports["summary"]["by_status"],
        from_inventory["summary"]["by_status"]
    );
}
