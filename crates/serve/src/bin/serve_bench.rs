//! `posture-serve-bench`: load on the findings API.
//!
//! Records `--findings` open findings in a fresh store (SQLite temp file and/or a PostgreSQL
//! database created on `--postgres` and dropped), starts the server on 127.0.0.1, and drives
//! `GET /api/v1/findings` at a fixed rate (`--rate` requests/s, open loop: latency is measured
//! from when each request was due, so a slow server cannot hide its queueing) from `--clients`
//! keep-alive connections for `--seconds`. Prints p50/p90/p99/max latency and errors per engine
//! and request kind.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use posture_model::{CoverageEntry, CoverageStatus, Severity, Status};
use posture_store::{
    Control, DEFAULT_TENANT, ObservedOutcome, ObservedResource, RecordOptions, RiskRecord, Role,
    RuleInfo, ScanInput,
};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpStream;

struct Args {
    findings: usize,
    rate: u64,
    seconds: u64,
    clients: usize,
    engines: Vec<String>,
    postgres: String,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        findings: 100_000,
        rate: 200,
        seconds: 20,
        clients: 16,
        engines: vec!["sqlite".into(), "postgres".into()],
        postgres: "postgres://postgres@127.0.0.1:5432/test".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut v = || it.next().ok_or_else(|| format!("{k} needs a value"));
        let num = |s: String| {
            s.parse::<u64>()
                .map_err(|_| format!("{k}: `{s}` is not a number"))
        };
        match k.as_str() {
            "--findings" => a.findings = usize::try_from(num(v()?)?).unwrap_or(usize::MAX),
            "--rate" => a.rate = num(v()?)?.max(1),
            "--seconds" => a.seconds = num(v()?)?.max(1),
            "--clients" => a.clients = usize::try_from(num(v()?)?).unwrap_or(1).max(1),
            "--engine" => {
                let e = v()?;
                a.engines = match e.as_str() {
                    "both" => vec!["sqlite".into(), "postgres".into()],
                    "sqlite" | "postgres" => vec![e],
                    _ => {
                        return Err(format!(
                            "--engine: `{e}` (expected sqlite, postgres or both)"
                        ));
                    }
                };
            }
            "--postgres" => a.postgres = v()?,
            "--help" | "-h" => {
                println!(
                    "posture-serve-bench [--findings N] [--rate R] [--seconds S] [--clients C] [--engine sqlite|postgres|both] [--postgres URL]"
                );
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {k}")),
        }
    }
    Ok(a)
}

const RULES: [(&str, Severity); 5] = [
    ("aws.s3.bucket_public_acl", Severity::Critical),
    ("aws.ec2.security_group_open_ssh", Severity::High),
    ("aws.rds.instance_unencrypted", Severity::Medium),
    ("aws.iam.user_without_mfa", Severity::Low),
    ("aws.cloudtrail.log_validation_disabled", Severity::Info),
];

/// One scan with `n` failing evaluations over `n` resources, 80 % of them risk-scored.
fn scan(n: usize, as_of: i64) -> ScanInput {
    let rules = RULES
        .iter()
        .map(|(id, s)| RuleInfo {
            id: (*id).into(),
            title: format!("bench rule {id}"),
            severity: *s,
        })
        .collect();
    let mut resources = Vec::with_capacity(n);
    let mut outcomes = Vec::with_capacity(n);
    for i in 0..n {
        let account = format!("{:012}", 100_000_000_000u64 + (i % 20) as u64);
        resources.push(ObservedResource {
            uid: format!("arn:aws:s3:::bench-{i}"),
            provider: "aws".into(),
            account,
            region: "us-east-1".into(),
            kind: "aws.s3.bucket".into(),
            name: format!("bench-{i}"),
            tags: posture_model::Tags::default(),
        });
        outcomes.push(ObservedOutcome {
            resource: u32::try_from(i).unwrap_or(u32::MAX),
            rule: u16::try_from(i % RULES.len()).unwrap_or(0),
            status: Status::Fail,
            message: Some(format!("bench-{i} is misconfigured")),
            risk: (i % 5 != 0).then(|| RiskRecord {
                score: u8::try_from((i * 7919) % 101).unwrap_or(0),
                factors: Vec::new(),
            }),
        });
    }
    let coverage = (0..20)
        .map(|a| CoverageEntry {
            provider: "aws".into(),
            account: format!("{:012}", 100_000_000_000u64 + a),
            region: "us-east-1".into(),
            service: "S3".into(),
            status: CoverageStatus::Collected,
            reason: None,
            resources: 1,
            source: "bench".into(),
        })
        .collect();
    ScanInput {
        as_of,
        resources,
        rules,
        outcomes,
        coverage,
        failed_inputs: Vec::new(),
        label: None,
    }
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    r: BufReader<tokio::net::tcp::OwnedReadHalf>,
    w: tokio::net::tcp::OwnedWriteHalf,
    host: String,
    auth: String,
}

impl Conn {
    async fn open(addr: std::net::SocketAddr, token: &str) -> std::io::Result<Conn> {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        let (r, w) = s.into_split();
        Ok(Conn {
            r: BufReader::new(r),
            w,
            host: addr.to_string(),
            auth: format!("Bearer {token}"),
        })
    }

    /// GET `path`; returns the status and the body length.
    async fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: {}\r\nAccept: application/json\r\n\r\n",
            self.host, self.auth
        );
        self.w.write_all(req.as_bytes()).await?;
        let mut line = String::new();
        self.r.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut len = 0usize;
        loop {
            line.clear();
            self.r.read_line(&mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; len];
        self.r.read_exact(&mut body).await?;
        Ok((status, len))
    }
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn run_engine(a: &Args, engine: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut drop_pg: Option<(sqlx::PgPool, String)> = None;
    let url = if engine == "sqlite" {
        dir.path().join("bench.db").display().to_string()
    } else {
        let admin = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(&a.postgres)
            .await
            .map_err(|e| format!("PostgreSQL {}: {e}", posture_store::redact_url(&a.postgres)))?;
        let name = format!("posture_serve_bench_{}", std::process::id());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .map_err(|e| e.to_string())?;
        let base = &a.postgres[..a.postgres.rfind('/').unwrap_or(a.postgres.len())];
        let url = format!("{base}/{name}");
        drop_pg = Some((admin, name));
        url
    };
    let result = async {
        let control = Control::open(&url).await.map_err(|e| e.to_string())?;
        let (_, token) = control
            .create_token(DEFAULT_TENANT, "bench", Role::Viewer, "bench", 0)
            .await
            .map_err(|e| e.to_string())?;
        let t = Instant::now();
        let store = control.tenant_store(DEFAULT_TENANT).await.map_err(|e| e.to_string())?;
        store
            .record_scan(&scan(a.findings, posture_store::now() - 3600), &RecordOptions::default())
            .await
            .map_err(|e| e.to_string())?;
        store.close().await;
        eprintln!(
            "[{engine}] recorded {} findings in {:.1} s",
            a.findings,
            t.elapsed().as_secs_f64()
        );
        let st = posture_serve::AppState::new(
            control,
            &url,
            Arc::new(posture_serve::metrics::Metrics::default()),
        )?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let app = posture_serve::app(st.clone());
        let server = tokio::spawn(async move { axum::serve(listener, app).await });

        let mid = a.findings / 2;
        let kinds: Vec<(&str, String)> = vec![
            ("top 50 by risk", "/api/v1/findings?limit=50".into()),
            ("critical, by risk", "/api/v1/findings?severity=critical&limit=50".into()),
            ("one account, by severity", "/api/v1/findings?account=100000000007&sort=severity&limit=50".into()),
            ("deep page (offset N/2)", format!("/api/v1/findings?limit=50&offset={mid}")),
        ];
        // Warm up every kind once.
        let mut c = Conn::open(addr, &token).await.map_err(|e| e.to_string())?;
        for (_, p) in &kinds {
            let (s, _) = c.get(p).await.map_err(|e| e.to_string())?;
            if s != 200 {
                return Err(format!("warm-up {p}: HTTP {s}"));
            }
        }
        let total = a.rate * a.seconds;
        let (tx, rx) = async_channel::<(usize, Instant)>(usize::try_from(total).unwrap_or(usize::MAX));
        let start = Instant::now();
        let mut clients = Vec::new();
        for _ in 0..a.clients {
            let rx = rx.clone();
            let token = token.clone();
            let kinds = kinds.clone();
            clients.push(tokio::spawn(async move {
                let mut out: Vec<(usize, f64, bool)> = Vec::new();
                let Ok(mut c) = Conn::open(addr, &token).await else {
                    return out;
                };
                while let Ok((k, due)) = rx.recv().await {
                    let ok = matches!(c.get(&kinds[k].1).await, Ok((200, _)));
                    let lat = Instant::now().duration_since(due).as_secs_f64() * 1000.0;
                    out.push((k, lat, ok));
                    if !ok && let Ok(n) = Conn::open(addr, &token).await {
                        c = n;
                    }
                }
                out
            }));
        }
        drop(rx);
        let interval = Duration::from_secs_f64(1.0 / a.rate as f64);
        for i in 0..total {
            let due = start + interval * u32::try_from(i).unwrap_or(u32::MAX);
            tokio::time::sleep_until(due.into()).await;
            let k = usize::try_from(i).unwrap_or(0) % kinds.len();
            if tx.send((k, due)).await.is_err() {
                break;
            }
        }
        drop(tx);
        let mut results = Vec::new();
        for c in clients {
            results.extend(c.await.unwrap_or_default());
        }
        let wall = start.elapsed().as_secs_f64();
        server.abort();
        st.close().await;
        let errors = results.iter().filter(|r| !r.2).count();
        let mut all: Vec<f64> = results.iter().map(|r| r.1).collect();
        all.sort_by(f64::total_cmp);
        println!(
            "{engine}: {} findings, {} requests in {wall:.1} s ({:.0} req/s, target {}), {} clients, {errors} errors",
            a.findings,
            results.len(),
            results.len() as f64 / wall,
            a.rate,
            a.clients
        );
        println!(
            "  all                        p50 {:7.2} ms  p90 {:7.2} ms  p99 {:7.2} ms  max {:7.2} ms",
            pct(&all, 0.5),
            pct(&all, 0.9),
            pct(&all, 0.99),
            all.last().copied().unwrap_or(f64::NAN)
        );
        let mut by: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
        for r in &results {
            by.entry(r.0).or_default().push(r.1);
        }
        for (k, mut v) in by {
            v.sort_by(f64::total_cmp);
            println!(
                "  {:26} p50 {:7.2} ms  p90 {:7.2} ms  p99 {:7.2} ms  max {:7.2} ms",
                kinds[k].0,
                pct(&v, 0.5),
                pct(&v, 0.9),
                pct(&v, 0.99),
                v.last().copied().unwrap_or(f64::NAN)
            );
        }
        Ok(())
    }
    .await;
    if let Some((admin, name)) = drop_pg {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&admin)
        .await;
    }
    result
}

/// A multi-consumer channel from a mutex-guarded receiver (tokio's mpsc is single-consumer).
fn async_channel<T: Send + 'static>(cap: usize) -> (tokio::sync::mpsc::Sender<T>, Shared<T>) {
    let (tx, rx) = tokio::sync::mpsc::channel(cap.clamp(1, 1 << 20));
    (tx, Shared(Arc::new(tokio::sync::Mutex::new(rx))))
}

struct Shared<T>(Arc<tokio::sync::Mutex<tokio::sync::mpsc::Receiver<T>>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> Shared<T> {
    async fn recv(&self) -> Result<T, ()> {
        self.0.lock().await.recv().await.ok_or(())
    }
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let mut failed = false;
    for e in &a.engines {
        if let Err(err) = rt.block_on(run_engine(&a, e)) {
            eprintln!("[{e}] error: {err}");
            failed = true;
        }
    }
    std::process::exit(i32::from(failed));
}
