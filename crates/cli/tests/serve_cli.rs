//! `posture token`, `posture tenant`, `posture serve` and `posture worker` end to end on a SQLite
//! file in a temp directory.

use std::io::{BufRead as _, Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

fn posture(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_posture"));
    c.env_remove("POSTURE_CONFIG")
        .env("NO_COLOR", "1")
        .env("POSTURE_DATABASE", db)
        .env("USER", "alice");
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A GET over a plain TCP connection (no HTTP client dependency): status and body.
fn get(addr: &str, path: &str, token: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    let body = out
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn tokens_tenants_and_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("p.db");
    let (code, secret, err) =
        run(posture(&db).args(["token", "create", "--role", "admin", "--name", "ops"]));
    assert_eq!(code, 0, "{err}");
    let secret = secret.trim().to_owned();
    assert!(secret.starts_with("pst_") && secret.len() == 68, "{secret}");
    assert!(err.contains("shown only now"), "{err}");
    // Listing shows the prefix, never the secret.
    let (code, list, _) = run(posture(&db).args(["token", "list"]));
    assert_eq!(code, 0);
    assert!(
        list.contains("ops") && list.contains("admin") && !list.contains(&secret),
        "{list}"
    );
    // Tenants.
    assert_eq!(
        run(posture(&db).args(["tenant", "create", "acme", "--name", "Acme"])).0,
        0
    );
    let (_, tenants, _) = run(posture(&db).args(["tenant", "list"]));
    assert!(
        tenants.contains("default") && tenants.contains("acme"),
        "{tenants}"
    );
    let (code, _, err) =
        run(posture(&db).args(["token", "create", "--tenant", "nope", "--role", "viewer"]));
    assert_ne!(code, 0);
    assert!(err.contains("no tenant `nope`"), "{err}");
    let (code, _, err) = run(posture(&db).args(["token", "create", "--role", "root"]));
    assert_ne!(code, 0);
    assert!(err.contains("not a role"), "{err}");

    // The server: listens, answers with the token, stops on SIGTERM.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let addr = format!("127.0.0.1:{port}");
    let mut child = posture(&db)
        .args(["serve", "--listen", &addr, "--workers", "1"])
        .env("POSTURE_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.contains("serving on"), "{line}");
    let (status, body) = get(&addr, "/api/v1/me", &secret);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"role\":\"admin\""), "{body}");
    assert_eq!(get(&addr, "/api/v1/me", "pst_wrong").0, 401);
    let (status, body) = get(&addr, "/readyz", "");
    assert_eq!((status, body.trim()), (200, "ready"));
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
}
