//! Scale-out workers on real PostgreSQL: three worker processes (this test binary re-invoked)
//! lease scan jobs of two tenants; one is killed with SIGKILL in the middle of a job. The job
//! is leased again after its lease expires and completes; every job records exactly one scan;
//! the findings equal those of the same scans recorded one by one (none lost, none duplicated).
//! Also: the scheduler queues a missed run once.

#![allow(clippy::unwrap_used, clippy::too_many_lines, clippy::print_stderr)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use posture_serve::pipeline::{Collected, Collectors, FilesCollector, TargetCollector};
use posture_serve::worker::WorkerConfig;
use posture_store::{
    Control, FindingQuery, JobState, NewTarget, RecordOptions, Schedule, Store, Target, TargetKind,
};
use serde_json::json;

fn admin_url() -> String {
    std::env::var("POSTURE_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// A fresh PostgreSQL database (dropped by the guard), or `None` when the server is
/// unreachable (loudly skipped unless `POSTURE_REQUIRE_PG=1`).
struct PgDb {
    admin: sqlx::PgPool,
    name: String,
    url: String,
}

impl PgDb {
    async fn new() -> Option<PgDb> {
        let admin = match sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect(&admin_url())
            .await
        {
            Ok(p) => p,
            Err(e) => {
                if std::env::var("POSTURE_REQUIRE_PG").is_ok_and(|v| v == "1") {
                    panic!("PostgreSQL required but unreachable: {e}");
                }
                eprintln!("\n!!! SKIPPED: PostgreSQL unreachable ({e}) !!!\n");
                return None;
            }
        };
        let name = format!(
            "posture_workers_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .unwrap();
        let base = admin_url();
        let url = format!("{}/{name}", &base[..base.rfind('/').unwrap()]);
        Some(PgDb { admin, name, url })
    }

    async fn drop_db(self) {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&self.admin)
        .await
        .unwrap();
    }
}

/// The files collector, announcing each collection and then taking its time, so that a test can
/// kill a worker while it is in the middle of a job.
struct Announcing {
    inner: FilesCollector,
    stall: Duration,
}

impl TargetCollector for Announcing {
    fn collect(&self, target: &Target, resources: &[String]) -> Result<Collected, String> {
        println!("collecting target {}", target.id);
        std::thread::sleep(self.stall);
        self.inner.collect(target, resources)
    }
}

/// A worker process (run by `three_workers_one_killed_mid_job`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run as a child process by three_workers_one_killed_mid_job"]
async fn child_worker() {
    let Ok(url) = std::env::var("POSTURE_WORKER_CHILD_URL") else {
        return;
    };
    let name = std::env::var("POSTURE_WORKER_CHILD_NAME").unwrap();
    let st = posture_serve::open_state(&url).await.unwrap();
    let collectors = Collectors::new(None).with(
        TargetKind::Files,
        Arc::new(Announcing {
            inner: FilesCollector {
                root: Some(PathBuf::from(
                    std::env::var("POSTURE_WORKER_CHILD_ROOT").unwrap(),
                )),
            },
            stall: Duration::from_millis(1500),
        }),
    );
    let cfg = WorkerConfig {
        id: name,
        lease: Duration::from_secs(3),
        poll: Duration::from_millis(200),
    };
    loop {
        match posture_serve::worker::run_once(&st, &collectors, &cfg).await {
            Ok(Some((job, outcome))) => println!("finished job {} {outcome:?}", job.id),
            Ok(None) => tokio::time::sleep(cfg.poll).await,
            Err(e) => eprintln!("worker error: {e}"),
        }
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn files_target(name: &str, dir: &str) -> NewTarget {
    NewTarget {
        name: name.into(),
        kind: TargetKind::Files,
        scope: json!({"paths": [format!("sample-estate/{dir}")]}),
        credentials_ref: None,
        schedule: Schedule::Manual,
        enabled: true,
    }
}

/// Open findings (uid → status) of a store.
async fn open_findings(s: &Store) -> BTreeMap<String, String> {
    let q = FindingQuery {
        states: vec!["all".into()],
        ..FindingQuery::default()
    };
    s.findings(
        &q,
        &posture_store::SlaPolicy::default(),
        posture_store::now(),
    )
    .await
    .unwrap()
    .into_iter()
    .map(|f| (f.uid, format!("{}/{}", f.state, f.status)))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_workers_one_killed_mid_job() {
    let Some(db) = PgDb::new().await else { return };
    let control = Control::open(&db.url).await.unwrap();
    let now = posture_store::now();
    let acme = control.create_tenant("acme", "Acme", now).await.unwrap().id;
    let globex = control
        .create_tenant("globex", "Globex", now)
        .await
        .unwrap()
        .id;
    // Each tenant's exports in its own directory under the files root (a copy of the sample).
    let files_root = tempfile::tempdir().unwrap();
    for t in [acme, globex] {
        copy_dir(
            &examples().join("sample-estate"),
            &files_root.path().join(format!("tenant-{t}/sample-estate")),
        );
    }
    let mut jobs = Vec::new();
    for tenant in [acme, globex] {
        for dir in ["aws", "azure", "gcp"] {
            let t = control
                .create_target(tenant, &files_target(dir, dir), None, now)
                .await
                .unwrap();
            jobs.push(
                control
                    .enqueue(tenant, t.id, "manual", "test", &[], now)
                    .await
                    .unwrap()
                    .id,
            );
        }
    }

    let exe = std::env::current_exe().unwrap();
    let mut children = Vec::new();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, String)>();
    for i in 0..3 {
        let mut child = std::process::Command::new(&exe)
            .args([
                "--exact",
                "child_worker",
                "--ignored",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("POSTURE_WORKER_CHILD_URL", &db.url)
            .env("POSTURE_WORKER_CHILD_NAME", format!("w{i}"))
            .env("POSTURE_WORKER_CHILD_ROOT", files_root.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let out = std::io::BufReader::new(child.stdout.take().unwrap());
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                if tx.send((i, line)).is_err() {
                    return;
                }
            }
        });
        children.push(child);
    }

    // Kill worker 0 as soon as it is inside a job (collecting, before it can record).
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut killed_target = None;
    while killed_target.is_none() {
        let (i, line) = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("a worker started a job");
        if i == 0
            && let Some(t) = line.strip_prefix("collecting target ")
        {
            children[0].kill().unwrap(); // SIGKILL
            children[0].wait().unwrap();
            killed_target = Some(t.trim().parse::<i64>().unwrap());
        }
    }
    let killed_target = killed_target.unwrap();
    eprintln!("killed worker w0 while it collected target {killed_target}");

    // Every job completes.
    let deadline = Instant::now() + Duration::from_secs(120);
    let finals = loop {
        let mut all = Vec::new();
        for t in [acme, globex] {
            all.extend(control.jobs(t, None, None, None, 100).await.unwrap());
        }
        if all.iter().all(|j| j.state.is_final()) {
            break all;
        }
        assert!(Instant::now() < deadline, "jobs did not finish: {all:#?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    for mut c in children.into_iter().skip(1) {
        c.kill().unwrap();
        c.wait().unwrap();
    }
    assert_eq!(finals.len(), jobs.len());
    for j in &finals {
        assert_eq!(j.state, JobState::Succeeded, "{j:#?}");
        assert!(j.scan_id.is_some());
    }
    let killed = finals
        .iter()
        .find(|j| j.target_id == killed_target)
        .unwrap();
    assert!(
        killed.attempts >= 2,
        "the killed job was leased again: {killed:#?}"
    );
    assert_ne!(killed.lease_owner.as_deref(), Some("w0"));
    eprintln!(
        "killed job {} completed after {} leases; others: {:?}",
        killed.id,
        killed.attempts,
        finals.iter().map(|j| j.attempts).collect::<Vec<_>>()
    );

    // Reference: the same three scans per tenant recorded one by one, in one process.
    let dir = tempfile::tempdir().unwrap();
    let reference = Store::open(&dir.path().join("ref.db").display().to_string())
        .await
        .unwrap();
    let lib = posture_compliance::Library::builtin().unwrap();
    let files = Collectors::new(Some(files_root.path().to_path_buf()));
    for (i, d) in ["aws", "azure", "gcp"].iter().enumerate() {
        let t = control
            .targets(acme)
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.name == *d)
            .unwrap();
        let p = posture_serve::pipeline::prepare(
            &files,
            &lib,
            &t,
            &[],
            now + i64::try_from(i).unwrap(),
        )
        .unwrap();
        reference
            .record_scan(&p.input, &RecordOptions::default())
            .await
            .unwrap();
    }
    let want = open_findings(&reference).await;
    assert!(
        want.len() > 100,
        "the sample estate has findings: {}",
        want.len()
    );
    let want_uids: BTreeSet<&String> = want.keys().collect();

    for tenant in [acme, globex] {
        let store = control.tenant_store(tenant).await.unwrap();
        let scans = store.scans(100).await.unwrap();
        assert_eq!(scans.len(), 3, "one scan per job, none twice: {scans:#?}");
        let labels: BTreeSet<Option<String>> = scans.iter().map(|s| s.label.clone()).collect();
        assert_eq!(labels.len(), 3);
        let got = open_findings(&store).await;
        let got_uids: BTreeSet<&String> = got.keys().collect();
        assert_eq!(
            got_uids, want_uids,
            "tenant {tenant}: findings lost or added"
        );
        assert!(store.check_consistency().await.unwrap().is_empty());
        assert!(store.audit_verify().await.unwrap().ok());
        // Snapshots for every scan's target.
        assert_eq!(
            store
                .latest_snapshots("inventory", None)
                .await
                .unwrap()
                .len(),
            3
        );
        store.close().await;
    }
    reference.close().await;
    control.close().await;
    db.drop_db().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduler_fires_missed_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("p.db").display().to_string();
    let st = posture_serve::open_state(&url).await.unwrap();
    let now = posture_store::now();
    let mut t = files_target("hourly", "aws");
    t.schedule = Schedule::Cron("0 * * * *".into());
    // Its next run was three days ago: the server was down for 72 hourly runs.
    let target = st
        .control()
        .create_target(
            posture_store::DEFAULT_TENANT,
            &t,
            Some(now - 3 * 86_400),
            now,
        )
        .await
        .unwrap();
    let queued = posture_serve::scheduler::tick(&st, now).await.unwrap();
    assert_eq!(queued.len(), 1, "one run, not 72");
    assert_eq!(queued[0].reason, "scheduled");
    let after = st
        .control()
        .target(posture_store::DEFAULT_TENANT, target.id)
        .await
        .unwrap();
    let next = after.next_run_at.unwrap();
    assert!(
        next > now && next <= now + 3600 && next % 3600 == 0,
        "{next}"
    );
    assert!(
        posture_serve::scheduler::tick(&st, now + 1)
            .await
            .unwrap()
            .is_empty()
    );
    // Due again while the first scan is still queued: the schedule moves on, no second job.
    let q2 = posture_serve::scheduler::tick(&st, next).await.unwrap();
    assert!(q2.is_empty());
    let jobs = st
        .control()
        .jobs(posture_store::DEFAULT_TENANT, None, None, None, 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    // A worker runs it through the real files pipeline.
    let collectors = Collectors::new(Some(examples()));
    let cfg = WorkerConfig {
        id: "w".into(),
        lease: Duration::from_secs(30),
        poll: Duration::from_millis(100),
    };
    let (job, outcome) = posture_serve::worker::run_once(&st, &collectors, &cfg)
        .await
        .unwrap()
        .unwrap();
    assert!(
        matches!(
            outcome,
            posture_serve::worker::Outcome::Recorded {
                duplicate: false,
                ..
            }
        ),
        "{outcome:?}"
    );
    assert_eq!(
        st.control().job(1, job.id).await.unwrap().state,
        JobState::Succeeded
    );
    // A files target outside the root fails with the reason, and records nothing.
    let mut bad = files_target("escape", "aws");
    bad.scope = json!({"paths": ["/etc"]});
    let bt = st
        .control()
        .create_target(1, &bad, None, now)
        .await
        .unwrap();
    st.control()
        .enqueue(1, bt.id, "manual", "t", &[], now)
        .await
        .unwrap();
    let (_, outcome) = posture_serve::worker::run_once(&st, &collectors, &cfg)
        .await
        .unwrap()
        .unwrap();
    match outcome {
        posture_serve::worker::Outcome::Failed(m) => {
            assert!(m.contains("outside the files root"), "{m}");
        }
        o => panic!("{o:?}"),
    }
    // Another tenant's files target cannot reach the default tenant's exports.
    let other = st
        .control()
        .create_tenant("other", "Other", now)
        .await
        .unwrap()
        .id;
    let ot = st
        .control()
        .create_target(other, &files_target("peek", "aws"), None, now)
        .await
        .unwrap();
    st.control()
        .enqueue(other, ot.id, "manual", "t", &[], now)
        .await
        .unwrap();
    let (_, outcome) = posture_serve::worker::run_once(&st, &collectors, &cfg)
        .await
        .unwrap()
        .unwrap();
    match outcome {
        posture_serve::worker::Outcome::Failed(m) => {
            assert!(m.contains(&format!("tenant-{other}")), "{m}");
        }
        o => panic!("{o:?}"),
    }
    // Live cloud targets without an injected collector fail honestly.
    let mut cloud = files_target("aws-live", "aws");
    cloud.kind = TargetKind::Aws;
    let ct = st
        .control()
        .create_target(1, &cloud, None, now)
        .await
        .unwrap();
    st.control()
        .enqueue(1, ct.id, "manual", "t", &[], now)
        .await
        .unwrap();
    let (_, outcome) = posture_serve::worker::run_once(&st, &collectors, &cfg)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        outcome,
        posture_serve::worker::Outcome::Failed(
            "no live collector for aws targets in this build".into()
        )
    );
    let store = st.store(1).await.unwrap();
    assert_eq!(store.scans(10).await.unwrap().len(), 1);
    st.close().await;
}
