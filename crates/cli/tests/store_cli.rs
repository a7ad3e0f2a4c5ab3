//! The store commands end to end, on a SQLite file in a temp directory.

use std::path::{Path, PathBuf};
use std::process::Command;

fn posture(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_posture"));
    c.env_remove("POSTURE_CONFIG")
        .env("NO_COLOR", "1")
        .env("POSTURE_DATABASE", db)
        .env("USER", "alice");
    c
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample-estate")
}

fn run(c: &mut Command) -> (i32, String, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn scans_are_recorded_and_queried() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("p.db");
    let (code, _, err) = run(posture(&db)
        .args(["scan", "-q", "--as-of", "2025-06-01T00:00:00Z"])
        .arg(sample()));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded scan #1"), "{err}");
    let (code, _, _) = run(posture(&db)
        .args(["scan", "-q", "--no-store"])
        .arg(sample()));
    assert_eq!(code, 0);
    let (code, out, err) = run(posture(&db).args(["findings", "--json", "--limit", "0"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let n = v.as_array().unwrap().len();
    assert!(n > 10);
    let (_, out, _) = run(posture(&db).args(["scans", "--json"]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1,
        "--no-store recorded nothing"
    );

    let (code, out, err) = run(posture(&db).args([
        "exceptions",
        "add",
        "--scope",
        "rule=aws.s3.*",
        "--reason",
        "false_positive",
        "--justification",
        "test",
        "--owner",
        "me",
    ]));
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = run(posture(&db).args(["exceptions", "approve", "1"]));
    assert_eq!(code, 1, "self-approval must fail");
    assert!(err.contains("someone else"), "{err}");
    let (code, _, _) = run(posture(&db).args(["exceptions", "approve", "1", "--actor", "bob"]));
    assert_eq!(code, 0);
    let (_, out, _) =
        run(posture(&db).args(["findings", "--status", "excepted", "--json", "--limit", "0"]));
    let ex = serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert!(ex > 0);
    let (_, out, _) = run(posture(&db).args(["findings", "--json", "--limit", "0"]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
            + ex,
        n
    );

    let (code, out, _) = run(posture(&db).args(["baseline", "set"]));
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = run(posture(&db)
        .args(["scan", "-q", "--as-of", "2025-06-02T00:00:00Z"])
        .arg(sample()));
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(posture(&db).args(["diff", "1", "2"]));
    assert_eq!(code, 0);
    assert!(out.contains("0 new, 0 resolved"), "{out}");
    let (code, out, _) = run(posture(&db).args(["findings", "--new-only", "--json"]));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "[]");
    let (code, out, _) = run(posture(&db).args(["trends", "--days", "3650"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("2025-06-01") && out.contains("2025-06-02"),
        "{out}"
    );
    let (code, out, _) = run(posture(&db).args(["audit", "verify"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("intact"));
    let (code, _, err) = run(posture(&db).args(["diff", "1", "99"]));
    assert_eq!(code, 1);
    assert!(err.contains("no scan 99"), "{err}");
}
