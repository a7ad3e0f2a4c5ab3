//! `posture-store-bench`: record N findings per scan for S daily scans on SQLite and/or
//! PostgreSQL; print insert throughput, database size and the latency of the main queries.
//!
//! ```sh
//! cargo run --release -p posture-store --bin posture-store-bench -- --findings 100000 --scans 90
//! ```
//!
//! Each day a window of `findings` resources fails rule A; the window slides by `churn` per day,
//! so every scan inserts `churn` new findings, resolves `churn` (observed passing) and keeps the
//! rest open. PostgreSQL uses a database created for the run (dropped afterwards) on the server
//! named by `--postgres` (default `postgres://postgres@127.0.0.1:5432/test`).

use std::time::Instant;

use posture_model::{CoverageEntry, CoverageStatus, Severity, Status};
use posture_store::{
    FindingQuery, ObservedOutcome, ObservedResource, RecordOptions, RuleInfo, ScanInput, SlaPolicy,
    Store,
};

struct Opts {
    findings: usize,
    scans: usize,
    churn: usize,
    engines: Vec<String>,
    postgres: String,
}

fn parse() -> Result<Opts, String> {
    let mut o = Opts {
        findings: 100_000,
        scans: 90,
        churn: 0,
        engines: vec!["sqlite".into(), "postgres".into()],
        postgres: "postgres://postgres@127.0.0.1:5432/test".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--findings" => o.findings = val()?.parse().map_err(|e| format!("--findings: {e}"))?,
            "--scans" => o.scans = val()?.parse().map_err(|e| format!("--scans: {e}"))?,
            "--churn" => o.churn = val()?.parse().map_err(|e| format!("--churn: {e}"))?,
            "--engine" => o.engines = val()?.split(',').map(str::to_owned).collect(),
            "--postgres" => o.postgres = val()?,
            "-h" | "--help" => {
                return Err("usage: posture-store-bench [--findings N] [--scans S] [--churn C] [--engine sqlite,postgres] [--postgres URL]".into());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.churn == 0 {
        o.churn = (o.findings / 50).max(1);
    }
    Ok(o)
}

const T0: i64 = 1_780_000_000;

fn day_input(o: &Opts, day: usize) -> ScanInput {
    let start = day * o.churn;
    let first = start.saturating_sub(o.churn);
    let resources: Vec<ObservedResource> = (first..start + o.findings)
        .map(|i| ObservedResource {
            uid: format!("arn:aws:s3:::bench-bucket-{i:08}"),
            provider: "aws".into(),
            account: format!("{:012}", 100_000_000_000u64 + (i % 20) as u64),
            region: "us-east-1".into(),
            kind: "aws.s3.bucket".into(),
            name: format!("bench-bucket-{i:08}"),
            tags: [(
                "env".to_owned(),
                if i % 3 == 0 { "prod" } else { "dev" }.to_owned(),
            )]
            .into(),
        })
        .collect();
    let outcomes = (first..start + o.findings)
        .enumerate()
        .map(|(ix, i)| ObservedOutcome {
            resource: u32::try_from(ix).unwrap_or(u32::MAX),
            rule: u16::from(i % 4 == 0),
            status: if i < start {
                Status::Pass
            } else {
                Status::Fail
            },
            message: (i >= start).then(|| format!("bucket bench-bucket-{i:08} allows public read")),
            risk: None,
        })
        .collect();
    ScanInput {
        as_of: T0 + i64::try_from(day).unwrap_or(0) * 86_400,
        resources,
        rules: vec![
            RuleInfo {
                id: "aws.s3.bucket_public_read".into(),
                title: "S3 bucket allows public read".into(),
                severity: Severity::High,
            },
            RuleInfo {
                id: "aws.s3.bucket_encryption_off".into(),
                title: "S3 bucket is not encrypted".into(),
                severity: Severity::Critical,
            },
        ],
        outcomes,
        coverage: (0..20)
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
            .collect(),
        failed_inputs: vec![],
        label: Some(format!("bench day {day}")),
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

async fn run_engine(o: &Opts, engine: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut pg_db: Option<(sqlx::PgPool, String)> = None;
    let url = if engine == "postgres" {
        let admin = sqlx::PgPool::connect(&o.postgres).await.map_err(|e| {
            format!(
                "PostgreSQL at {}: {e}",
                posture_store::redact_url(&o.postgres)
            )
        })?;
        let db = format!("posture_bench_{}", std::process::id());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
            .execute(&admin)
            .await
            .map_err(|e| e.to_string())?;
        let base = o
            .postgres
            .rsplit_once('/')
            .map_or(o.postgres.as_str(), |x| x.0);
        let url = format!("{base}/{db}");
        pg_db = Some((admin, db));
        url
    } else {
        dir.path().join("bench.db").display().to_string()
    };
    let store = Store::open(&url).await.map_err(|e| e.to_string())?;
    let opts = RecordOptions::default();
    let mut total_s = 0.0;
    let mut rows = 0usize;
    let mut first_ms = 0.0;
    let mut last_ms = 0.0;
    for day in 0..o.scans {
        let input = day_input(o, day);
        let t = Instant::now();
        store
            .record_scan(&input, &opts)
            .await
            .map_err(|e| e.to_string())?;
        let m = ms(t);
        if day == 0 {
            first_ms = m;
        }
        last_ms = m;
        total_s += m / 1000.0;
        rows += input.outcomes.len();
        if day % 10 == 0 || day + 1 == o.scans {
            eprintln!("  [{engine}] scan {:>3}/{}: {m:>8.0} ms", day + 1, o.scans);
        }
    }
    let size = match &pg_db {
        Some((admin, db)) => {
            let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT pg_database_size('{db}')"
            )))
            .fetch_one(admin)
            .await
            .map_err(|e| e.to_string())?;
            u64::try_from(n).unwrap_or(0)
        }
        None => ["bench.db", "bench.db-wal"]
            .iter()
            .filter_map(|f| std::fs::metadata(dir.path().join(f)).ok())
            .map(|m| m.len())
            .sum(),
    };
    let now = T0 + i64::try_from(o.scans).unwrap_or(0) * 86_400;
    let sla = SlaPolicy::default();
    let t = Instant::now();
    let counts = store
        .open_counts(&sla, now)
        .await
        .map_err(|e| e.to_string())?;
    let q_counts = ms(t);
    let t = Instant::now();
    let crit = store
        .findings(
            &FindingQuery {
                severities: vec![Severity::Critical],
                limit: Some(100),
                ..FindingQuery::default()
            },
            &sla,
            now,
        )
        .await
        .map_err(|e| e.to_string())?;
    let q_list = ms(t);
    let t = Instant::now();
    let trends = store
        .trends(90, &sla, now)
        .await
        .map_err(|e| e.to_string())?;
    let q_trends = ms(t);
    let last = i64::try_from(o.scans).unwrap_or(1);
    let t = Instant::now();
    let diff = store.diff(1, last).await.map_err(|e| e.to_string())?;
    let q_diff = ms(t);
    let t = Instant::now();
    let audit = store.audit_verify().await.map_err(|e| e.to_string())?;
    let q_audit = ms(t);
    store.close().await;
    #[allow(clippy::cast_precision_loss)]
    let rate = rows as f64 / total_s;
    println!(
        "engine {engine}: {} findings/scan x {} scans (churn {}/day)",
        o.findings, o.scans, o.churn
    );
    println!(
        "  record: {total_s:.1} s total, {rate:.0} evaluations/s; first scan {first_ms:.0} ms, last scan {last_ms:.0} ms"
    );
    #[allow(clippy::cast_precision_loss)]
    let mib = size as f64 / 1_048_576.0;
    println!("  database size: {mib:.1} MiB");
    println!(
        "  open by severity: {q_counts:.1} ms ({} open); critical top 100 by risk: {q_list:.1} ms ({} rows)",
        counts.values().map(|c| c.0).sum::<i64>(),
        crit.len()
    );
    println!(
        "  trends 90 d: {q_trends:.1} ms ({} days); diff scan 1..{last}: {q_diff:.1} ms ({} new, {} resolved); audit verify: {q_audit:.1} ms ({} entries)",
        trends.days.len(),
        diff.new.len(),
        diff.resolved.len(),
        audit.entries
    );
    if let Some((admin, db)) = pg_db {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {db} WITH (FORCE)"
        )))
        .execute(&admin)
        .await
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let o = match parse() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(1);
        }
    };
    let mut code = 0u8;
    for engine in &o.engines {
        if let Err(e) = rt.block_on(run_engine(&o, engine)) {
            eprintln!("{engine}: {e}");
            code = 1;
        }
    }
    std::process::ExitCode::from(code)
}
