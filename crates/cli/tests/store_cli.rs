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

fn severity_rank(s: &str) -> u8 {
    match s {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    }
}

#[test]
fn findings_are_ranked_by_risk_and_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("p.db");
    let (code, _, err) = run(posture(&db)
        .args(["scan", "-q", "--as-of", "2025-06-01T00:00:00Z"])
        .arg(sample()));
    assert_eq!(code, 0, "{err}");

    // Default order: risk descending, ties by severity, then age; every finding is scored.
    let (code, out, err) = run(posture(&db).args(["findings", "--json", "--limit", "0"]));
    assert_eq!(code, 0, "{err}");
    let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(v.len() > 10);
    let key = |f: &serde_json::Value| {
        (
            f["risk"].as_u64().expect("scored"),
            severity_rank(f["severity"].as_str().unwrap()),
            f["opened_at"].as_i64().unwrap(),
        )
    };
    for w in v.windows(2) {
        let (a, b) = (key(&w[0]), key(&w[1]));
        assert!(
            a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1 || (a.1 == b.1 && a.2 <= b.2))),
            "{a:?} before {b:?}"
        );
        let factors = w[0]["risk_factors"].as_array().unwrap();
        let names: Vec<&str> = factors
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["severity", "exposure", "data", "environment", "compliance"]
        );
    }
    assert!(key(&v[0]).0 > key(&v[v.len() - 1]).0, "scores differ");
    let (_, out, _) =
        run(posture(&db).args(["findings", "--json", "--limit", "0", "--sort", "risk"]));
    assert_eq!(
        serde_json::from_str::<Vec<serde_json::Value>>(&out).unwrap(),
        v
    );
    let (code, out, _) =
        run(posture(&db).args(["findings", "--json", "--limit", "0", "--sort", "severity"]));
    assert_eq!(code, 0);
    let by_sev: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(
        by_sev
            .windows(2)
            .all(|w| severity_rank(w[0]["severity"].as_str().unwrap())
                >= severity_rank(w[1]["severity"].as_str().unwrap()))
    );
    for sort in ["age", "due"] {
        let (code, _, err) = run(posture(&db).args(["findings", "--sort", sort]));
        assert_eq!(code, 0, "{sort}: {err}");
    }

    // --explain: the score, each factor's multiplier and points, the exposure path.
    let (code, out, err) = run(posture(&db).args(["findings", "--explain", "--limit", "2"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&format!("risk {} ", v[0]["risk"])), "{out}");
    for name in ["severity", "exposure", "data", "environment", "compliance"] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(name) && l.contains('×') && l.contains(" pts")),
            "{name} line missing:\n{out}"
        );
    }
    assert!(out.contains("    exposure path: internet via "), "{out}");

    // A finding recorded before schema 3 has no score: it says so and sorts last.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = posture_store::Store::open(&db.display().to_string())
            .await
            .unwrap();
        store
            .raw_exec(
                "UPDATE findings SET risk_score = NULL, risk_factors = NULL WHERE uid IN \
                 (SELECT uid FROM findings ORDER BY risk_score DESC, uid LIMIT $1)",
                &[1],
            )
            .await
            .unwrap();
        store.close().await;
    });
    let (_, out, _) = run(posture(&db).args(["findings", "--json", "--limit", "0"]));
    let after: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let last = after.last().unwrap();
    assert!(last["risk"].is_null() && last["risk_factors"] == serde_json::json!([]));
    assert!(after[..after.len() - 1].iter().all(|f| f["risk"].is_u64()));
    let (_, out, _) = run(posture(&db).args(["findings", "--limit", "0"]));
    let rows: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        rows[rows.len() - 2].trim_start().starts_with("not scored"),
        "{out}"
    );
    assert_eq!(out.matches("not scored").count(), 1, "{out}");
    let (_, out, _) = run(posture(&db).args([
        "findings",
        "--explain",
        "--limit",
        "0",
        "--rule",
        last["rule_id"].as_str().unwrap(),
    ]));
    assert!(out.contains("risk not scored"), "{out}");
}

/// An instance with a public IP, routed to an internet gateway, behind a security group that
/// opens SSH to the world: `--explain` lists the path hop by hop.
#[test]
fn explain_lists_the_network_path() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("p.db");
    let inv = tmp.path().join("inventory.json");
    let r = |kind: &str, id: &str, name: &str, config: serde_json::Value| {
        serde_json::json!({"uid": format!("arn:aws:ec2:us-east-1:111122223333:{id}"), "provider": "aws",
            "account": "111122223333", "region": "us-east-1", "kind": kind, "name": name,
            "tags": {"env": "prod"}, "config": config})
    };
    let doc = serde_json::json!({"format": "posture-inventory", "version": 1, "coverage": [], "sources": [],
    "resources": [
        r("aws.ec2.instance", "instance/i-1", "web", serde_json::json!({"instance_id": "i-1",
            "public_ip": "203.0.113.10", "subnet_id": "subnet-1", "vpc_id": "vpc-1", "security_groups": ["sg-1"]})),
        r("aws.ec2.security_group", "security-group/sg-1", "web-sg", serde_json::json!({"group_id": "sg-1",
            "vpc_id": "vpc-1", "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0"]}]})),
        r("aws.ec2.route_table", "route-table/rtb-1", "rtb-1", serde_json::json!({"route_table_id": "rtb-1",
            "vpc_id": "vpc-1", "main": true, "subnets": [], "routes": [{"destination": "0.0.0.0/0", "target": "igw-1"}]})),
    ]});
    std::fs::write(&inv, doc.to_string()).unwrap();
    let (code, _, err) = run(posture(&db).args(["scan", "-q"]).arg(&inv));
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(posture(&db).args([
        "findings",
        "--explain",
        "--rule",
        "aws.ec2.security_group_admin_ports_open",
    ]));
    assert_eq!(code, 0, "{err}");
    let path = out
        .lines()
        .find(|l| l.contains("exposure path:"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(path.contains("internet via "), "{path}");
    for hop in [
        "public IP 203.0.113.10",
        "rtb-1 (0.0.0.0/0 → igw-1)",
        "sg-1 allows tcp/22 from 0.0.0.0/0",
    ] {
        assert!(path.contains(hop), "{hop} missing: {path}");
    }
    assert!(out.contains("exposure    internet"), "{out}");
}
