//! The store conformance suite: every scenario runs on SQLite (a temp file) and on PostgreSQL
//! (a database created for the test on 127.0.0.1:5432, or `POSTURE_TEST_PG`, dropped afterwards).
//! When PostgreSQL is unreachable the PostgreSQL half is skipped with a loud message, unless
//! `POSTURE_REQUIRE_PG=1` (then it fails).

#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};

use posture_model::{CoverageEntry, CoverageStatus, Severity, Status, finding_uid};
use posture_store::{
    ExceptionFile, ExceptionState, FindingQuery, FindingSort, NewException, ObservedOutcome,
    ObservedResource, Reason, RecordOptions, RiskFactor, RiskRecord, RuleInfo, ScanInput, Scope,
    SlaPolicy, Store, StoreError,
};

const DAY: i64 = 86_400;
const T0: i64 = 1_780_000_000;

// ---------------------------------------------------------------------------------------------
// Engines

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn admin_url() -> String {
    std::env::var("POSTURE_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

async fn admin() -> Option<sqlx::PgPool> {
    match sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(5))
        .connect(&admin_url())
        .await
    {
        Ok(p) => Some(p),
        Err(e) => {
            if std::env::var("POSTURE_REQUIRE_PG").is_ok_and(|v| v == "1") {
                panic!("PostgreSQL required but unreachable: {e}");
            }
            eprintln!(
                "\n!!! SKIPPED the PostgreSQL half of this test: {} unreachable ({e}) !!!\n",
                posture_store::redact_url(&admin_url())
            );
            None
        }
    }
}

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

fn pg_url_for(db: &str) -> String {
    let base = admin_url();
    match base.rfind('/') {
        Some(i) => format!("{}/{db}", &base[..i]),
        None => format!("{base}/{db}"),
    }
}

/// Run `f` with a fresh database URL on each engine.
async fn on_both<F, Fut>(f: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    f(dir.path().join("posture.db").display().to_string()).await;
    on_pg(f).await;
}

async fn on_pg<F, Fut>(f: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(admin) = admin().await else { return };
    let db = unique("posture_test");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
        .execute(&admin)
        .await
        .unwrap();
    f(pg_url_for(&db)).await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {db} WITH (FORCE)"
    )))
    .execute(&admin)
    .await
    .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Scan builders

#[derive(Clone)]
struct Item {
    res: &'static str,
    rule: &'static str,
    status: Status,
}

fn it(res: &'static str, rule: &'static str, status: Status) -> Item {
    Item { res, rule, status }
}

fn rules() -> Vec<RuleInfo> {
    vec![
        RuleInfo {
            id: "aws.s3.a".into(),
            title: "Rule A".into(),
            severity: Severity::High,
        },
        RuleInfo {
            id: "aws.s3.b".into(),
            title: "Rule B".into(),
            severity: Severity::Critical,
        },
    ]
}

fn collected(account: &str) -> CoverageEntry {
    CoverageEntry {
        provider: "aws".into(),
        account: account.into(),
        region: "us-east-1".into(),
        service: "S3".into(),
        status: CoverageStatus::Collected,
        reason: None,
        resources: 1,
        source: "snapshot.json".into(),
    }
}

fn failed_input() -> CoverageEntry {
    CoverageEntry {
        provider: String::new(),
        account: "*".into(),
        region: "*".into(),
        service: "*".into(),
        status: CoverageStatus::Failed,
        reason: Some("truncated JSON".into()),
        resources: 0,
        source: "broken.json".into(),
    }
}

fn resource(name: &str) -> ObservedResource {
    let (account, name) = match name.split_once('/') {
        Some((a, n)) => (a.to_owned(), n.to_owned()),
        None => ("111".to_owned(), name.to_owned()),
    };
    let mut tags = BTreeMap::new();
    if name.starts_with("dev") {
        tags.insert("env".to_owned(), "dev".to_owned());
    }
    ObservedResource {
        uid: format!("arn:aws:s3:::{name}"),
        provider: "aws".into(),
        account,
        region: "us-east-1".into(),
        kind: "aws.s3.bucket".into(),
        name,
        tags: tags.into(),
    }
}

/// A scan of `items` (resources are observed when they appear in an item), with the given
/// coverage (default: account 111 collected).
fn scan(as_of: i64, items: &[Item], coverage: Option<Vec<CoverageEntry>>) -> ScanInput {
    let rules = rules();
    let mut resources: Vec<ObservedResource> = Vec::new();
    let mut outcomes = Vec::new();
    for i in items {
        let r = resource(i.res);
        let ix = match resources.iter().position(|x| x.uid == r.uid) {
            Some(ix) => ix,
            None => {
                resources.push(r);
                resources.len() - 1
            }
        };
        let rule = rules.iter().position(|x| x.id == i.rule).unwrap();
        outcomes.push(ObservedOutcome {
            resource: u32::try_from(ix).unwrap(),
            rule: u16::try_from(rule).unwrap(),
            status: i.status,
            message: matches!(i.status, Status::Fail | Status::Unknown)
                .then(|| format!("{} is bad", i.res)),
            risk: None,
        });
    }
    let coverage = coverage.unwrap_or_else(|| vec![collected("111")]);
    let failed_inputs = coverage
        .iter()
        .filter(|c| c.status == CoverageStatus::Failed)
        .map(|c| (c.source.clone(), c.reason.clone().unwrap_or_default()))
        .collect();
    ScanInput {
        as_of,
        resources,
        rules,
        outcomes,
        coverage,
        failed_inputs,
        label: None,
    }
}

/// A risk score with a severity and an exposure factor (the exposure path as given).
fn risk(score: u8, path: &[&str]) -> RiskRecord {
    let drop = f64::from(100 - score.min(100));
    RiskRecord {
        score,
        factors: vec![
            RiskFactor {
                name: "severity".into(),
                level: "high".into(),
                value: 0.8,
                weight: 1.0,
                multiplier: 0.8,
                points: drop / 2.0,
                detail: "rule aws.s3.a".into(),
                path: vec![],
            },
            RiskFactor {
                name: "exposure".into(),
                level: if path.is_empty() {
                    "internal"
                } else {
                    "internet"
                }
                .into(),
                value: 1.0,
                weight: 1.0,
                // Stored rounded to 4 decimals.
                multiplier: 0.123_456_789,
                points: drop / 2.0,
                detail: format!("internet: {}", path.join(" → ")),
                path: path.iter().map(|h| (*h).to_owned()).collect(),
            },
        ],
    }
}

/// Attach `risks` (resource, rule, score) to the matching outcomes of `input`.
fn with_risk(mut input: ScanInput, risks: &[(&str, &str, RiskRecord)]) -> ScanInput {
    for o in &mut input.outcomes {
        let res = &input.resources[o.resource as usize].uid;
        let rule = &input.rules[usize::from(o.rule)].id;
        if let Some((_, _, r)) = risks
            .iter()
            .find(|(x, y, _)| resource(x).uid == *res && *y == rule.as_str())
        {
            o.risk = Some(r.clone());
        }
    }
    input
}

async fn sorted(store: &Store, sort: FindingSort, now: i64) -> Vec<posture_store::StoredFinding> {
    let q = FindingQuery {
        sort,
        ..FindingQuery::default()
    };
    store
        .findings(&q, &SlaPolicy::default(), now)
        .await
        .unwrap()
}

fn uid(res: &str, rule: &str) -> String {
    finding_uid(rule, &resource(res).uid)
}

async fn all(store: &Store, now: i64) -> BTreeMap<String, posture_store::StoredFinding> {
    let q = FindingQuery {
        states: vec!["all".into()],
        ..FindingQuery::default()
    };
    store
        .findings(&q, &SlaPolicy::default(), now)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.uid.clone(), f))
        .collect()
}

async fn record(store: &Store, input: &ScanInput) -> posture_store::ScanSummary {
    store
        .record_scan(input, &RecordOptions::default())
        .await
        .unwrap()
}

async fn consistent(store: &Store) {
    let problems = store.check_consistency().await.unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    let audit = store.audit_verify().await.unwrap();
    assert!(audit.ok(), "{:#?}", audit.problems);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async fn production_coverage(url: String) {
    let store = Store::open(&url).await.unwrap();
    let day = 86_400;
    let t0 = 1_767_225_600; // 2026-01-01
    let bad = Item {
        res: "222/data",
        rule: "aws.s3.a",
        status: Status::Fail,
    };
    // Day 1: prod account 111 and dev account 222 collected.
    record(
        &store,
        &scan(
            t0 + 3600,
            std::slice::from_ref(&bad),
            Some(vec![collected("111"), collected("222")]),
        ),
    )
    .await;
    // Day 2: prod account collected, dev failed, plus an input that failed to import (spans every account).
    let mut dev_failed = collected("222");
    dev_failed.status = CoverageStatus::Failed;
    record(
        &store,
        &scan(
            t0 + day + 3600,
            &[bad],
            Some(vec![collected("111"), dev_failed, failed_input()]),
        ),
    )
    .await;
    let prod = store
        .coverage_by_day(t0, t0 + 3 * day, &["111".to_owned()])
        .await
        .unwrap();
    assert_eq!(prod.get("2026-01-01"), Some(&(1, 1)), "{prod:?}");
    assert_eq!(
        prod.get("2026-01-02"),
        Some(&(1, 2)),
        "a failed input counts against production: {prod:?}"
    );
    let dev = store
        .coverage_by_day(t0, t0 + 3 * day, &["222".to_owned()])
        .await
        .unwrap();
    assert_eq!(dev.get("2026-01-02"), Some(&(0, 2)), "{dev:?}");
    assert!(
        store
            .coverage_by_day(t0, t0 + 3 * day, &[])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .coverage_by_day(t0 + 2 * day, t0 + 3 * day, &["111".to_owned()])
            .await
            .unwrap()
            .is_empty()
    );
}

async fn lifecycle(url: String) {
    let store = Store::open(&url).await.unwrap();
    assert_eq!(
        store.schema_version().await.unwrap(),
        Store::latest_schema_version()
    );
    use Status::{Fail, Pass, Unknown};
    let s1 = record(
        &store,
        &scan(
            T0,
            &[
                it("b1", "aws.s3.a", Fail),
                it("b2", "aws.s3.a", Fail),
                it("b3", "aws.s3.a", Pass),
            ],
            None,
        ),
    )
    .await;
    assert_eq!((s1.new, s1.resolved, s1.reopened, s1.open), (2, 0, 0, 2));
    let f = all(&store, T0).await;
    assert_eq!(
        f.len(),
        2,
        "passing evaluations of never-failing uids store nothing"
    );
    assert_eq!(f[&uid("b1", "aws.s3.a")].state, "new");

    // Day 2: b1 passes, b2 still fails (unknown now), b3 fails.
    let s2 = record(
        &store,
        &scan(
            T0 + DAY,
            &[
                it("b1", "aws.s3.a", Pass),
                it("b2", "aws.s3.a", Unknown),
                it("b3", "aws.s3.a", Fail),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(
        (s2.new, s2.resolved, s2.reopened, s2.changed, s2.open),
        (1, 1, 0, 1, 2)
    );
    let f = all(&store, T0 + DAY).await;
    let b1 = &f[&uid("b1", "aws.s3.a")];
    assert_eq!(
        (b1.state.as_str(), b1.status.as_str(), b1.resolved_at),
        ("resolved", "pass", Some(T0 + DAY))
    );
    let b2 = &f[&uid("b2", "aws.s3.a")];
    assert_eq!(
        (b2.state.as_str(), b2.status.as_str()),
        ("open", "unknown"),
        "unknown keeps it open"
    );
    assert_eq!((b2.first_seen, b2.last_seen), (T0, T0 + DAY));

    // Day 3: b1 fails again → reopened.
    let s3 = record(
        &store,
        &scan(
            T0 + 2 * DAY,
            &[
                it("b1", "aws.s3.a", Fail),
                it("b2", "aws.s3.a", Fail),
                it("b3", "aws.s3.a", Fail),
            ],
            None,
        ),
    )
    .await;
    assert_eq!((s3.new, s3.resolved, s3.reopened, s3.open), (0, 0, 1, 3));
    let f = all(&store, T0 + 2 * DAY).await;
    let b1 = &f[&uid("b1", "aws.s3.a")];
    assert_eq!(
        (
            b1.state.as_str(),
            b1.reopen_count,
            b1.opened_at,
            b1.first_seen
        ),
        ("reopened", 1, T0 + 2 * DAY, T0)
    );
    assert_eq!(b1.resolved_at, None);

    // Day 4: steady → state open.
    record(
        &store,
        &scan(
            T0 + 3 * DAY,
            &[
                it("b1", "aws.s3.a", Fail),
                it("b2", "aws.s3.a", Fail),
                it("b3", "aws.s3.a", Fail),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(
        all(&store, T0 + 3 * DAY).await[&uid("b1", "aws.s3.a")].state,
        "open"
    );

    // Diff between scans 1 and 3.
    let d = store.diff(s3.scan_id, s1.scan_id).await.unwrap();
    assert_eq!(d.new.len(), 1, "{d:?}");
    assert_eq!(d.new[0].resource_uid, "arn:aws:s3:::b3");
    assert!(d.resolved.is_empty());
    let d12 = store.diff(s1.scan_id, s2.scan_id).await.unwrap();
    assert_eq!(
        (d12.new.len(), d12.resolved.len(), d12.changed.len()),
        (1, 1, 1)
    );
    assert!(store.diff(1, 999).await.is_err());
    assert_eq!(store.scans(10).await.unwrap().len(), 4);
    consistent(&store).await;
    store.close().await;
}

async fn failed_collection(url: String) {
    let store = Store::open(&url).await.unwrap();
    use Status::{Fail, Pass};
    record(
        &store,
        &scan(
            T0,
            &[
                it("b1", "aws.s3.a", Fail),
                it("b2", "aws.s3.a", Fail),
                it("222/c1", "aws.s3.a", Fail),
            ],
            Some(vec![collected("111"), collected("222")]),
        ),
    )
    .await;

    // A scan that failed partway: one input broken, b1 and c1 missing. Nothing resolves.
    let s = record(
        &store,
        &scan(
            T0 + DAY,
            &[it("b2", "aws.s3.a", Fail)],
            Some(vec![collected("111"), failed_input()]),
        ),
    )
    .await;
    assert_eq!((s.resolved, s.held_open, s.open), (0, 2, 3), "{s:?}");

    // Account 222 collection failed explicitly; 111 complete: b1 gone from 111 → deleted; c1 held.
    let mut failed_222 = collected("222");
    failed_222.status = CoverageStatus::Failed;
    let s = record(
        &store,
        &scan(
            T0 + 2 * DAY,
            &[it("b2", "aws.s3.a", Fail)],
            Some(vec![collected("111"), failed_222]),
        ),
    )
    .await;
    assert_eq!((s.resolved, s.deleted, s.held_open), (1, 1, 1), "{s:?}");
    let f = all(&store, T0 + 2 * DAY).await;
    assert_eq!(f[&uid("b1", "aws.s3.a")].status, "deleted");
    assert_eq!(f[&uid("222/c1", "aws.s3.a")].state, "new");

    // Account 222 not in the scan at all (no coverage) → still held, never resolved.
    let s = record(
        &store,
        &scan(T0 + 3 * DAY, &[it("b2", "aws.s3.a", Fail)], None),
    )
    .await;
    assert_eq!((s.resolved, s.held_open), (0, 1));

    // A rule that did not run does not resolve its findings: run only rule b.
    let mut only_b = scan(T0 + 4 * DAY, &[it("b2", "aws.s3.b", Pass)], None);
    only_b.rules.retain(|r| r.id == "aws.s3.b");
    only_b.outcomes[0].rule = 0;
    let s = record(&store, &only_b).await;
    assert_eq!(s.resolved, 0);
    assert_eq!(
        all(&store, T0 + 4 * DAY).await[&uid("b2", "aws.s3.a")].state,
        "open"
    );
    let scans = store.scans(1).await.unwrap();
    assert_eq!(scans[0].held_open, 2);
    consistent(&store).await;
    store.close().await;
}

async fn sla_and_mttr(url: String) {
    let store = Store::open(&url).await.unwrap();
    use Status::{Fail, Pass};
    record(
        &store,
        &scan(
            T0,
            &[it("b1", "aws.s3.b", Fail), it("b2", "aws.s3.a", Fail)],
            None,
        ),
    )
    .await;
    let sla = SlaPolicy::default();
    let overdue = FindingQuery {
        overdue: true,
        ..FindingQuery::default()
    };
    assert!(
        store
            .findings(&overdue, &sla, T0 + 3600)
            .await
            .unwrap()
            .is_empty()
    );
    // 25 h later the critical one is overdue, the high one is not.
    let o = store
        .findings(&overdue, &sla, T0 + 25 * 3600)
        .await
        .unwrap();
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].severity, Severity::Critical);
    assert_eq!(o[0].due_at, Some(T0 + DAY));
    // A custom SLA moves the due date.
    let strict = SlaPolicy { high: 3600, ..sla };
    assert_eq!(
        store
            .findings(&overdue, &strict, T0 + 2 * 3600)
            .await
            .unwrap()
            .len(),
        1
    );
    // Sorted by risk: overdue critical first.
    let open = store
        .findings(&FindingQuery::default(), &sla, T0 + 25 * 3600)
        .await
        .unwrap();
    assert_eq!(open[0].severity, Severity::Critical);

    // Resolve the critical after 2 days (out of SLA) and the high after 2 days (within SLA).
    record(
        &store,
        &scan(
            T0 + 2 * DAY,
            &[it("b1", "aws.s3.b", Pass), it("b2", "aws.s3.a", Pass)],
            None,
        ),
    )
    .await;
    let mttr = store
        .mttr(posture_store::MttrGroup::Severity, &sla, T0, T0 + 3 * DAY)
        .await
        .unwrap();
    let crit = mttr.iter().find(|m| m.key == "critical").unwrap();
    assert!((crit.mean_hours - 48.0).abs() < 1e-9);
    assert!(crit.within_sla.abs() < 1e-9);
    let high = mttr.iter().find(|m| m.key == "high").unwrap();
    assert!((high.within_sla - 1.0).abs() < 1e-9);
    let by_account = store
        .mttr(posture_store::MttrGroup::Account, &sla, T0, T0 + 3 * DAY)
        .await
        .unwrap();
    assert_eq!(by_account.len(), 1);
    assert_eq!(by_account[0].resolved, 2);
    let by_month = store
        .mttr(posture_store::MttrGroup::Month, &sla, T0, T0 + 3 * DAY)
        .await
        .unwrap();
    assert_eq!(by_month.len(), 1);

    let t = store.trends(90, &sla, T0 + 3 * DAY).await.unwrap();
    assert_eq!(t.days.len(), 2);
    assert_eq!(t.days[0].open.get("critical"), Some(&1));
    assert_eq!(t.days[1].resolved, 2);
    assert_eq!(t.days[0].coverage, Some(1.0));
    assert_eq!(t.mttr_hours.get("critical").copied(), Some(48.0));
    store.close().await;
}

fn exception(reason: Reason, scopes: Vec<Scope>, expires_at: Option<i64>) -> NewException {
    NewException {
        reason,
        justification: "test bucket, no data".into(),
        owner: "team-storage".into(),
        ticket: Some("https://tickets.example/SEC-1".into()),
        expires_at,
        scopes,
        requested_by: "alice".into(),
    }
}

async fn exceptions(url: String) {
    let store = Store::open(&url).await.unwrap();
    use Status::Fail;
    let items = [
        it("dev1", "aws.s3.a", Fail),
        it("prod1", "aws.s3.a", Fail),
        it("prod2", "aws.s3.b", Fail),
    ];
    record(&store, &scan(T0, &items, None)).await;

    // Risk acceptance needs an expiry; scopes must say something.
    let tag = Scope::parse("rule=aws.s3.*,tag=env=dev").unwrap();
    let res = Scope::parse("resource=arn:aws:s3:::prod2").unwrap();
    assert!(matches!(
        store
            .add_exception(
                &exception(Reason::RiskAccepted, vec![tag.clone()], None),
                T0
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(
        store
            .add_exception(&exception(Reason::FalsePositive, vec![], None), T0)
            .await
            .is_err()
    );
    // Two scopes on one exception.
    let id = store
        .add_exception(
            &exception(Reason::RiskAccepted, vec![tag, res], Some(T0 + 10 * DAY)),
            T0,
        )
        .await
        .unwrap();
    // Requested: does not apply yet.
    let sla = SlaPolicy::default();
    let excepted = FindingQuery {
        states: vec!["excepted".into()],
        ..FindingQuery::default()
    };
    assert!(
        store
            .findings(&excepted, &sla, T0)
            .await
            .unwrap()
            .is_empty()
    );
    // Self-approval is refused; another person approves.
    assert!(
        store
            .decide_exception(id, true, "alice", None, T0)
            .await
            .is_err()
    );
    store
        .decide_exception(id, true, "bob", Some("ok"), T0)
        .await
        .unwrap();
    assert!(
        store
            .decide_exception(id, true, "carol", None, T0)
            .await
            .is_err(),
        "already decided"
    );

    let ex = store.findings(&excepted, &sla, T0 + 1).await.unwrap();
    assert_eq!(ex.len(), 2);
    assert!(
        ex.iter()
            .all(|f| f.display == "excepted" && f.state != "resolved")
    );
    let open = store
        .findings(&FindingQuery::default(), &sla, T0 + 1)
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].resource_uid, "arn:aws:s3:::prod1");
    let s = record(&store, &scan(T0 + DAY, &items, None)).await;
    assert_eq!(
        (s.open, s.excepted),
        (3, 2),
        "excepted findings still count as open, never as passed"
    );
    let counts = store.open_counts(&sla, T0 + DAY).await.unwrap();
    assert_eq!(counts.values().map(|c| c.1).sum::<i64>(), 2);

    // A rejected request never applies.
    let other = store
        .add_exception(
            &exception(
                Reason::CompensatingControl,
                vec![Scope::parse("account=111").unwrap()],
                None,
            ),
            T0,
        )
        .await
        .unwrap();
    store
        .decide_exception(other, false, "bob", Some("no"), T0)
        .await
        .unwrap();
    assert_eq!(
        store
            .findings(&excepted, &sla, T0 + DAY)
            .await
            .unwrap()
            .len(),
        2
    );

    // Expiry: a scan after the expiry date re-surfaces the findings and lists the exception as expired.
    let s = record(&store, &scan(T0 + 11 * DAY, &items, None)).await;
    assert_eq!((s.expired_exceptions, s.excepted), (1, 0));
    assert!(
        store
            .findings(&excepted, &sla, T0 + 11 * DAY)
            .await
            .unwrap()
            .is_empty()
    );
    let list = store.list_exceptions(T0 + 11 * DAY, 3).await.unwrap();
    let e = list.iter().find(|e| e.id == id).unwrap();
    assert_eq!(e.state, ExceptionState::Expired);
    assert_eq!(e.scopes.len(), 2);
    assert_eq!(
        list.iter().find(|e| e.id == other).unwrap().state,
        ExceptionState::Rejected
    );

    // Stale: an approved exception matching nothing for 3 scans.
    let stale = store
        .add_exception(
            &exception(
                Reason::FalsePositive,
                vec![Scope::parse("rule=aws.s3.zzz").unwrap()],
                None,
            ),
            T0,
        )
        .await
        .unwrap();
    store
        .decide_exception(stale, true, "bob", None, T0 + 11 * DAY)
        .await
        .unwrap();
    for d in 12..15 {
        record(&store, &scan(T0 + d * DAY, &items, None)).await;
    }
    let list = store.list_exceptions(T0 + 15 * DAY, 3).await.unwrap();
    let st = list.iter().find(|e| e.id == stale).unwrap();
    assert!(st.stale && st.scans_without_match == 3, "{st:?}");

    // Manual expiry.
    store
        .expire_exception(stale, "bob", T0 + 15 * DAY)
        .await
        .unwrap();
    assert!(
        store
            .expire_exception(stale, "bob", T0 + 15 * DAY)
            .await
            .is_err()
    );

    // Exceptions as code.
    let text = r#"
[[exception]]
id = "EX-1"
reason = "false_positive"
justification = "static site bucket"
owner = "web"
requested_by = "carol"
approved_by = "dave"
scopes = [{ resource = "arn:aws:s3:::prod1" }]

[[exception]]
id = "EX-2"
reason = "risk_accepted"
justification = "migration"
owner = "web"
expires = "2099-01-01"
requested_by = "carol"
scopes = [{ rule = "aws.s3.b", account = "111" }]
"#;
    let file = ExceptionFile::parse(text).unwrap();
    let now = T0 + 15 * DAY;
    let r = store.sync_exceptions(&file, "ci", now).await.unwrap();
    assert_eq!((r.added, r.updated, r.revoked), (2, 0, 0));
    let r = store.sync_exceptions(&file, "ci", now).await.unwrap();
    assert_eq!((r.added, r.unchanged), (0, 2));
    let ex = store.findings(&excepted, &sla, now).await.unwrap();
    assert_eq!(
        ex.len(),
        1,
        "EX-1 approved in the file; EX-2 only requested"
    );
    // Dropping EX-1 from the file revokes it.
    let only2 = ExceptionFile::parse(
        &text
            .replace("id = \"EX-1\"", "id = \"EX-1b\"")
            .replace("approved_by = \"dave\"\n", ""),
    )
    .unwrap();
    let r = store.sync_exceptions(&only2, "ci", now).await.unwrap();
    assert_eq!((r.added, r.revoked), (1, 1));
    assert!(
        store
            .findings(&excepted, &sla, now)
            .await
            .unwrap()
            .is_empty()
    );
    let bad =
        ExceptionFile::parse(&text.replace("approved_by = \"dave\"", "approved_by = \"carol\""))
            .unwrap();
    assert!(
        store.sync_exceptions(&bad, "ci", now).await.is_err(),
        "self-approval in the file"
    );
    assert!(ExceptionFile::parse("[[exception]]\nid = 1\n").is_err());
    consistent(&store).await;
    store.close().await;
}

async fn baseline(url: String) {
    let store = Store::open(&url).await.unwrap();
    use Status::{Fail, Pass};
    let s = record(
        &store,
        &scan(
            T0,
            &[it("b1", "aws.s3.a", Fail), it("b2", "aws.s3.a", Fail)],
            None,
        ),
    )
    .await;
    assert_eq!(s.not_in_baseline, 2, "without a baseline everything is new");
    assert_eq!(store.set_baseline("alice", T0).await.unwrap(), 2);
    let s = record(
        &store,
        &scan(
            T0 + DAY,
            &[
                it("b1", "aws.s3.a", Pass),
                it("b2", "aws.s3.a", Fail),
                it("b3", "aws.s3.a", Fail),
            ],
            None,
        ),
    )
    .await;
    assert_eq!((s.baseline, s.not_in_baseline), (1, 1));
    let q = FindingQuery {
        baseline: Some(false),
        ..FindingQuery::default()
    };
    let new = store
        .findings(&q, &SlaPolicy::default(), T0 + DAY)
        .await
        .unwrap();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].resource_uid, "arn:aws:s3:::b3");
    let t = store
        .trends(30, &SlaPolicy::default(), T0 + DAY)
        .await
        .unwrap();
    assert_eq!(t.days.len(), 2);
    consistent(&store).await;
    store.close().await;
}

async fn audit_tamper(url: String, how: &'static str) {
    let store = Store::open(&url).await.unwrap();
    use Status::Fail;
    for d in 0..3 {
        record(
            &store,
            &scan(T0 + d * DAY, &[it("b1", "aws.s3.a", Fail)], None),
        )
        .await;
    }
    let id = store
        .add_exception(
            &exception(
                Reason::FalsePositive,
                vec![Scope::parse("account=9").unwrap()],
                None,
            ),
            T0,
        )
        .await
        .unwrap();
    store
        .decide_exception(id, true, "bob", None, T0)
        .await
        .unwrap();
    store
        .audit_append(
            "bob",
            "fix.applied",
            "finding:x",
            &serde_json::json!({"change": "block public access"}),
        )
        .await
        .unwrap();
    let ok = store.audit_verify().await.unwrap();
    assert!(ok.ok(), "{:?}", ok.problems);
    assert_eq!(ok.entries, 6);
    match how {
        "edit" => {
            store
                .raw_exec(
                    "UPDATE audit_log SET actor = 'mallory' WHERE seq = $1",
                    &[2],
                )
                .await
                .unwrap();
        }
        "delete" => {
            store
                .raw_exec("DELETE FROM audit_log WHERE seq = $1", &[3])
                .await
                .unwrap();
        }
        "reorder" => {
            store
                .raw_exec("UPDATE audit_log SET seq = 100 WHERE seq = $1", &[4])
                .await
                .unwrap();
            store
                .raw_exec("UPDATE audit_log SET seq = 4 WHERE seq = $1", &[5])
                .await
                .unwrap();
            store
                .raw_exec("UPDATE audit_log SET seq = 5 WHERE seq = $1", &[100])
                .await
                .unwrap();
        }
        "delete_scan_entry_and_relink" => {
            // Remove the last scan's entry entirely: the scan row's link exposes it.
            store
                .raw_exec("DELETE FROM audit_log WHERE seq = $1", &[3])
                .await
                .unwrap();
            store
                .raw_exec("UPDATE scans SET audit_seq = NULL WHERE id = $1", &[1])
                .await
                .unwrap();
        }
        _ => unreachable!(),
    }
    let broken = store.audit_verify().await.unwrap();
    assert!(!broken.ok(), "{how} went undetected");
    store.close().await;
}

async fn upgrade_from_v1(url: String) {
    let old = Store::open_at(&url, Some(1)).await.unwrap();
    assert_eq!(old.schema_version().await.unwrap(), 1);
    let fixture = include_str!("fixtures/v1_data.sql")
        .replace("UIDA", &uid("old1", "aws.s3.a"))
        .replace("UIDB", &uid("old2", "aws.s3.a"));
    old.raw_script(&fixture).await.unwrap();
    old.close().await;

    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), 7);
    assert_eq!(Store::latest_schema_version(), 7);
    let f = all(&store, 1_700_000_000).await;
    assert_eq!(f.len(), 2);
    assert!(f.values().all(|x| !x.baseline && x.exception_id.is_none()));
    // Version 3 added the risk columns; rows written before it have none ("not scored").
    assert_eq!(
        store
            .raw_count(
                "SELECT COUNT(*) FROM findings WHERE risk_score IS NULL AND risk_factors IS NULL"
            )
            .await
            .unwrap(),
        2
    );
    assert!(
        f.values()
            .all(|x| x.risk.is_none() && x.risk_factors.is_empty())
    );
    // The upgraded database keeps working: old1 resolves, old2 stays (unscored), a new scored
    // finding sorts before it, a baseline can be set.
    let s = record(
        &store,
        &with_risk(
            scan(
                1_700_086_400,
                &[
                    it("old1", "aws.s3.a", Status::Pass),
                    it("old2", "aws.s3.a", Status::Fail),
                    it("new1", "aws.s3.a", Status::Fail),
                ],
                None,
            ),
            &[("new1", "aws.s3.a", risk(10, &[]))],
        ),
    )
    .await;
    assert_eq!((s.resolved, s.open, s.new), (1, 2, 1));
    let order: Vec<(String, Option<u8>)> = sorted(&store, FindingSort::Risk, 1_700_086_400)
        .await
        .into_iter()
        .map(|x| (x.uid, x.risk))
        .collect();
    assert_eq!(
        order,
        vec![
            (uid("new1", "aws.s3.a"), Some(10)),
            (uid("old2", "aws.s3.a"), None)
        ]
    );
    assert_eq!(store.set_baseline("alice", 1_700_086_400).await.unwrap(), 2);
    consistent(&store).await;
    store.close().await;
    // Opening again is a no-op.
    let again = Store::open(&url).await.unwrap();
    assert_eq!(again.schema_version().await.unwrap(), 7);
    again.close().await;
}

async fn risk_scores(url: String) {
    let store = Store::open(&url).await.unwrap();
    use Status::{Fail, Pass};
    let path = [
        "public IP 203.0.113.10",
        "rtb-1 (0.0.0.0/0 → igw-1)",
        "sg-1 allows tcp/22 from 0.0.0.0/0",
    ];
    // Rule a is high, rule b critical. r3 is not scored.
    let s1 = record(
        &store,
        &with_risk(
            scan(
                T0,
                &[
                    it("r1", "aws.s3.a", Fail),
                    it("r2", "aws.s3.b", Fail),
                    it("r3", "aws.s3.a", Fail),
                    it("r4", "aws.s3.b", Fail),
                    it("r6", "aws.s3.a", Pass),
                ],
                None,
            ),
            &[
                ("r1", "aws.s3.a", risk(40, &[])),
                ("r2", "aws.s3.b", risk(90, &path)),
                ("r4", "aws.s3.b", risk(40, &[])),
                // A score on a passing outcome records nothing.
                ("r6", "aws.s3.a", risk(99, &[])),
            ],
        ),
    )
    .await;
    assert_eq!(s1.new, 4);
    let f = all(&store, T0).await;
    let r2 = &f[&uid("r2", "aws.s3.b")];
    assert_eq!(r2.risk, Some(90));
    assert_eq!(r2.risk_factors.len(), 2);
    let e = r2.exposure().unwrap();
    assert_eq!(e.level, "internet");
    assert_eq!(e.path, path);
    assert!((e.multiplier - 0.1235).abs() < 1e-12, "{}", e.multiplier);
    assert_eq!(f[&uid("r3", "aws.s3.a")].risk, None);
    assert!(f[&uid("r3", "aws.s3.a")].risk_factors.is_empty());
    assert!(!f.contains_key(&uid("r6", "aws.s3.a")));
    let json = serde_json::to_value(r2).unwrap();
    assert_eq!(json["risk"], 90);
    assert_eq!(json["risk_factors"][1]["path"][2], path[2]);
    assert_eq!(
        store
            .raw_count("SELECT COUNT(*) FROM findings WHERE risk_score IS NOT NULL AND risk_factors LIKE '[%'")
            .await
            .unwrap(),
        3
    );

    // Scan 2: r2's score drops (updated in place, no lifecycle event), r5 is new with r1's score.
    let s2 = record(
        &store,
        &with_risk(
            scan(
                T0 + DAY,
                &[
                    it("r1", "aws.s3.a", Fail),
                    it("r2", "aws.s3.b", Fail),
                    it("r3", "aws.s3.a", Fail),
                    it("r4", "aws.s3.b", Fail),
                    it("r5", "aws.s3.a", Fail),
                ],
                None,
            ),
            &[
                ("r1", "aws.s3.a", risk(40, &[])),
                ("r2", "aws.s3.b", risk(70, &path[..2])),
                ("r4", "aws.s3.b", risk(40, &[])),
                ("r5", "aws.s3.a", risk(40, &[])),
            ],
        ),
    )
    .await;
    assert_eq!((s2.new, s2.changed, s2.resolved), (1, 0, 0));
    let f = all(&store, T0 + DAY).await;
    let r2 = &f[&uid("r2", "aws.s3.b")];
    assert_eq!(r2.risk, Some(70));
    assert_eq!(r2.exposure().unwrap().path, path[..2]);
    assert_eq!(f[&uid("r1", "aws.s3.a")].risk, Some(40));

    // Risk order: score descending; ties by severity, then age; unscored last.
    let order: Vec<String> = sorted(&store, FindingSort::Risk, T0 + DAY)
        .await
        .into_iter()
        .map(|x| x.uid)
        .collect();
    assert_eq!(
        order,
        vec![
            uid("r2", "aws.s3.b"),
            uid("r4", "aws.s3.b"),
            uid("r1", "aws.s3.a"),
            uid("r5", "aws.s3.a"),
            uid("r3", "aws.s3.a"),
        ]
    );
    // The default sort is risk.
    let default: Vec<String> = store
        .findings(&FindingQuery::default(), &SlaPolicy::default(), T0 + DAY)
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.uid)
        .collect();
    assert_eq!(default, order);
    let by_sev = sorted(&store, FindingSort::Severity, T0 + DAY).await;
    assert!(by_sev.windows(2).all(|w| w[0].severity >= w[1].severity));
    assert_eq!(by_sev.last().unwrap().uid, uid("r5", "aws.s3.a"));
    let by_due = sorted(&store, FindingSort::Due, T0 + DAY).await;
    assert!(by_due.windows(2).all(|w| w[0].due_at <= w[1].due_at));
    let by_age = sorted(&store, FindingSort::Age, T0 + DAY).await;
    assert_eq!(by_age.last().unwrap().uid, uid("r5", "aws.s3.a"));

    // Scan 3: r3 gets scored; r1 is not scored by this scan, so its old score is not kept.
    record(
        &store,
        &with_risk(
            scan(
                T0 + 2 * DAY,
                &[
                    it("r1", "aws.s3.a", Fail),
                    it("r2", "aws.s3.b", Pass),
                    it("r3", "aws.s3.a", Fail),
                    it("r4", "aws.s3.b", Fail),
                    it("r5", "aws.s3.a", Fail),
                ],
                None,
            ),
            &[
                ("r3", "aws.s3.a", risk(55, &[])),
                ("r4", "aws.s3.b", risk(40, &[])),
                ("r5", "aws.s3.a", risk(40, &[])),
            ],
        ),
    )
    .await;
    let f = all(&store, T0 + 2 * DAY).await;
    assert_eq!(f[&uid("r3", "aws.s3.a")].risk, Some(55));
    assert_eq!(f[&uid("r1", "aws.s3.a")].risk, None);
    // A resolved finding keeps the score it had when last open.
    assert_eq!(f[&uid("r2", "aws.s3.b")].state, "resolved");
    assert_eq!(f[&uid("r2", "aws.s3.b")].risk, Some(70));
    let order: Vec<String> = sorted(&store, FindingSort::Risk, T0 + 2 * DAY)
        .await
        .into_iter()
        .map(|x| x.uid)
        .collect();
    assert_eq!(
        order,
        vec![
            uid("r3", "aws.s3.a"),
            uid("r4", "aws.s3.b"),
            uid("r5", "aws.s3.a"),
            uid("r1", "aws.s3.a"),
        ]
    );
    consistent(&store).await;
    store.close().await;
}

fn big_scan(as_of: i64, n: usize, fail_every: usize) -> ScanInput {
    let rules = rules();
    let resources: Vec<ObservedResource> = (0..n).map(|i| resource(&format!("big{i}"))).collect();
    let outcomes = (0..n)
        .map(|i| ObservedOutcome {
            resource: u32::try_from(i).unwrap(),
            rule: 0,
            status: if i % fail_every == 0 {
                Status::Pass
            } else {
                Status::Fail
            },
            message: Some("bad".into()),
            risk: None,
        })
        .collect();
    ScanInput {
        as_of,
        resources,
        rules,
        outcomes,
        coverage: vec![collected("111")],
        failed_inputs: vec![],
        label: None,
    }
}

async fn interrupted(url: String) {
    let store = Store::open(&url).await.unwrap();
    let first = big_scan(T0, 3000, 2);
    record(&store, &first).await;
    let before = all(&store, T0).await;
    let second = big_scan(T0 + DAY, 3000, 3);
    // Fail after every possible number of batches: nothing may change.
    for k in 1..12 {
        let opts = RecordOptions {
            fail_after_batches: Some(k),
            ..RecordOptions::default()
        };
        match store.record_scan(&second, &opts).await {
            Err(StoreError::Injected(_)) => {}
            Ok(_) => panic!("fault after {k} batches did not fire"),
            Err(e) => panic!("{e}"),
        }
        assert_eq!(
            all(&store, T0).await,
            before,
            "state changed by an aborted scan (k = {k})"
        );
        assert_eq!(store.scans(10).await.unwrap().len(), 1);
        consistent(&store).await;
    }
    // Re-running completes it.
    let s = record(&store, &second).await;
    assert!(s.resolved > 0 && s.new > 0, "{s:?}");
    assert_eq!(store.scans(10).await.unwrap().len(), 2);
    consistent(&store).await;
    store.close().await;
}

async fn concurrent_writers(url: String) {
    // Two processes' worth of pools recording scans of the same account at the same time.
    let a = Store::open(&url).await.unwrap();
    let b = Store::open(&url).await.unwrap();
    use Status::{Fail, Pass};
    for round in 0..6i64 {
        let t = T0 + round * DAY;
        let x = scan(
            t,
            &[
                it("b1", "aws.s3.a", Fail),
                it("b2", "aws.s3.a", Pass),
                it("b3", "aws.s3.a", Fail),
            ],
            None,
        );
        let y = scan(
            t + 1,
            &[
                it("b1", "aws.s3.a", Pass),
                it("b2", "aws.s3.a", Fail),
                it("b3", "aws.s3.a", Fail),
            ],
            None,
        );
        let opts = RecordOptions::default();
        let (ra, rb) = tokio::join!(a.record_scan(&x, &opts), b.record_scan(&y, &opts));
        ra.unwrap();
        rb.unwrap();
    }
    assert_eq!(a.scans(100).await.unwrap().len(), 12);
    let f = all(&a, T0 + 7 * DAY).await;
    assert_eq!(f.len(), 3);
    // b3 failed in every scan: exactly one new event, never resolved.
    assert_eq!(f[&uid("b3", "aws.s3.a")].reopen_count, 0);
    let flips: i64 = f.values().map(|x| x.reopen_count).sum();
    assert!(
        flips >= 5,
        "b1/b2 alternate between the racing scans: {flips}"
    );
    consistent(&a).await;
    a.close().await;
    b.close().await;
}

// ---------------------------------------------------------------------------------------------
// Tests

#[tokio::test]
async fn lifecycle_across_scans() {
    on_both(lifecycle).await;
}

#[tokio::test]
async fn failed_collection_never_resolves() {
    on_both(failed_collection).await;
}

#[tokio::test]
async fn sla_clocks_and_mttr() {
    on_both(sla_and_mttr).await;
}

#[tokio::test]
async fn exception_scoping_approval_expiry_stale_and_sync() {
    on_both(exceptions).await;
}

#[tokio::test]
async fn baseline_separates_new_findings() {
    on_both(baseline).await;
}

#[tokio::test]
async fn audit_detects_edited_rows() {
    on_both(|u| audit_tamper(u, "edit")).await;
}

#[tokio::test]
async fn audit_detects_removed_rows() {
    on_both(|u| audit_tamper(u, "delete")).await;
}

#[tokio::test]
async fn audit_detects_reordered_rows() {
    on_both(|u| audit_tamper(u, "reorder")).await;
}

#[tokio::test]
async fn audit_detects_removed_scan_entries() {
    on_both(|u| audit_tamper(u, "delete_scan_entry_and_relink")).await;
}

#[tokio::test]
async fn risk_scores_are_recorded_updated_and_sorted() {
    on_both(risk_scores).await;
}

#[tokio::test]
async fn upgrades_a_version_1_database_in_place() {
    on_both(upgrade_from_v1).await;
}

#[tokio::test]
async fn an_aborted_recording_changes_nothing_and_rerunning_completes() {
    on_both(interrupted).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_keep_lifecycles_consistent() {
    on_both(concurrent_writers).await;
}

#[tokio::test]
async fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("p.db").display().to_string();
    let s = Store::open(&url).await.unwrap();
    s.raw_exec(
        "INSERT INTO schema_version (version, description, applied_at, checksum) VALUES ($1, 'future', 0, 'x')",
        &[99],
    )
    .await
    .unwrap();
    s.close().await;
    let e = Store::open(&url).await.err().unwrap().to_string();
    assert!(e.contains("newer"), "{e}");
    assert!(Store::open("sqlite::memory:").await.is_err());
}

// ---------------------------------------------------------------------------------------------
// Kill -9 during recording: a child process (this test binary, re-invoked) records a large scan
// and is killed mid-transaction; the store must be consistent and the scan must record on re-run.

#[tokio::test]
#[ignore = "run by sigkill_mid_record as a child process"]
async fn child_record() {
    let Ok(url) = std::env::var("POSTURE_STORE_CHILD_URL") else {
        return;
    };
    let store = Store::open(&url).await.unwrap();
    println!("recording");
    let input = big_scan(T0 + DAY, 40_000, 3);
    record(&store, &input).await;
    println!("recorded");
}

async fn sigkill(url: String) {
    let store = Store::open(&url).await.unwrap();
    record(&store, &big_scan(T0, 40_000, 2)).await;
    let before = all(&store, T0).await;
    let exe = std::env::current_exe().unwrap();
    for delay_ms in [50u64, 400, 900] {
        let mut child = std::process::Command::new(&exe)
            .args([
                "--exact",
                "child_record",
                "--ignored",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("POSTURE_STORE_CHILD_URL", &url)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        loop {
            line.clear();
            let n = std::io::BufRead::read_line(&mut out, &mut line).unwrap();
            if n == 0 || line.contains("recording") {
                break;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
        // SIGKILL: no destructors, no rollback from the client side.
        child.kill().unwrap();
        child.wait().unwrap();
        let scans = store.scans(10).await.unwrap().len();
        if scans == 1 {
            assert_eq!(
                all(&store, T0).await,
                before,
                "a killed recording left partial state"
            );
        }
        consistent(&store).await;
        if scans > 1 {
            // The child finished before the kill: nothing to test at this delay.
            break;
        }
    }
    // Re-running completes it.
    let s = store
        .record_scan(&big_scan(T0 + DAY, 40_000, 3), &RecordOptions::default())
        .await
        .unwrap();
    assert!(s.scan_id >= 2);
    consistent(&store).await;
    store.close().await;
}

#[tokio::test]
async fn sigkill_mid_record_leaves_a_consistent_store() {
    on_both(sigkill).await;
}

#[tokio::test]
async fn coverage_of_chosen_accounts_per_day() {
    on_both(production_coverage).await;
}

// ---------------------------------------------------------------------------------------------
// Service control plane: tenants, tokens, targets, scan jobs (leases), tenant-isolated data.

use posture_store::{Control, DEFAULT_TENANT, JobState, NewTarget, Role, Schedule, TargetKind};

fn files_target(name: &str) -> NewTarget {
    NewTarget {
        name: name.into(),
        kind: TargetKind::Files,
        scope: serde_json::json!({"paths": ["/srv/exports/prod"]}),
        credentials_ref: None,
        schedule: Schedule::Interval(3600),
        enabled: true,
    }
}

async fn tenants_and_tokens(url: String) {
    let c = Control::open(&url).await.unwrap();
    let tenants = c.tenants().await.unwrap();
    assert_eq!(tenants.len(), 1);
    assert_eq!(
        (tenants[0].id, tenants[0].slug.as_str()),
        (DEFAULT_TENANT, "default")
    );
    let acme = c.create_tenant("acme", "Acme Corp", T0).await.unwrap();
    assert!(matches!(
        c.create_tenant("acme", "again", T0).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        c.create_tenant("Bad Slug", "x", T0).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(c.tenant("acme").await.unwrap(), acme);

    let (tok, secret) = c
        .create_token(acme.id, "ci", Role::Analyst, "test", T0)
        .await
        .unwrap();
    assert!(secret.starts_with("pst_") && secret.len() == 68, "{secret}");
    assert!(secret.starts_with(&tok.prefix));
    assert_eq!((tok.role, tok.tenant.as_str()), (Role::Analyst, "acme"));
    // Only the hash is stored: the secret appears nowhere in the table.
    let n = c.tokens(acme.id).await.unwrap();
    assert_eq!(n.len(), 1);
    let store = Store::open(&url).await.unwrap();
    let hashed = store
        .raw_count("SELECT COUNT(*) FROM api_tokens WHERE length(secret_sha256) = 64")
        .await
        .unwrap();
    assert_eq!(hashed, 1);
    let got = c.authenticate(&secret, T0 + 10).await.unwrap().unwrap();
    assert_eq!(got.id, tok.id);
    assert_eq!(got.last_used_at, Some(T0 + 10));
    // A near miss, a different prefix, and the hash itself do not authenticate.
    let mut wrong = secret.clone();
    wrong.pop();
    wrong.push(if secret.ends_with('0') { '1' } else { '0' });
    assert!(c.authenticate(&wrong, T0).await.unwrap().is_none());
    assert!(c.authenticate("Bearer x", T0).await.unwrap().is_none());
    // Another tenant cannot revoke it; its own tenant can, and then it stops working.
    assert!(matches!(
        c.revoke_token(DEFAULT_TENANT, tok.id, T0).await,
        Err(StoreError::NotFound(_))
    ));
    c.revoke_token(acme.id, tok.id, T0 + 20).await.unwrap();
    assert!(c.authenticate(&secret, T0 + 30).await.unwrap().is_none());
    assert!(c.tokens(DEFAULT_TENANT).await.unwrap().is_empty());
    store.close().await;
    c.close().await;
}

async fn tenant_data_isolation(url: String) {
    let c = Control::open(&url).await.unwrap();
    let acme = c.create_tenant("acme", "Acme", T0).await.unwrap();
    let globex = c.create_tenant("globex", "Globex", T0).await.unwrap();
    let def = c.tenant_store(DEFAULT_TENANT).await.unwrap();
    let a = c.tenant_store(acme.id).await.unwrap();
    let g = c.tenant_store(globex.id).await.unwrap();
    // The same resources and rules in two tenants: each keeps its own findings and lifecycle.
    record(&a, &scan(T0, &[it("b1", "aws.s3.a", Status::Fail)], None)).await;
    record(
        &a,
        &scan(T0 + DAY, &[it("b1", "aws.s3.a", Status::Pass)], None),
    )
    .await;
    record(
        &g,
        &scan(
            T0,
            &[
                it("b1", "aws.s3.a", Status::Fail),
                it("b2", "aws.s3.b", Status::Fail),
            ],
            None,
        ),
    )
    .await;
    let now = T0 + 2 * DAY;
    let q = FindingQuery::default();
    let sla = SlaPolicy::default();
    assert!(
        a.findings(&q, &sla, now).await.unwrap().is_empty(),
        "acme resolved its finding"
    );
    assert_eq!(
        g.findings(&q, &sla, now).await.unwrap().len(),
        2,
        "globex's stay open"
    );
    assert!(
        def.findings(&q, &sla, now).await.unwrap().is_empty(),
        "the default tenant saw nothing"
    );
    assert_eq!(a.scans(10).await.unwrap().len(), 2);
    assert_eq!(g.scans(10).await.unwrap().len(), 1);
    assert!(def.scans(10).await.unwrap().is_empty());
    // Each tenant's audit chain is its own and verifies.
    assert!(a.audit_verify().await.unwrap().ok());
    assert!(g.audit_verify().await.unwrap().ok());
    // Re-opening finds the same data; the tenant stores carry no control-plane tables.
    let a2 = c.tenant_store(acme.id).await.unwrap();
    assert_eq!(a2.scans(10).await.unwrap().len(), 2);
    assert!(
        a2.raw_count("SELECT COUNT(*) FROM api_tokens")
            .await
            .is_err()
    );
    // A scan recorded once per label (a job re-run after a lost lease records nothing new).
    let mut input = scan(T0 + 3 * DAY, &[it("b9", "aws.s3.a", Status::Fail)], None);
    input.label = Some("job:42".into());
    let opts = RecordOptions {
        once_per_label: true,
        ..RecordOptions::default()
    };
    let first = g.record_scan(&input, &opts).await.unwrap();
    let again = g.record_scan(&input, &opts).await.unwrap();
    assert!(!first.duplicate && again.duplicate);
    // Snapshots: the latest per key and target; other tenants have none.
    let doc = |n: i64| serde_json::json!({"pass": n});
    g.save_snapshots(
        first.scan_id,
        Some(7),
        &[
            ("posture", "cis".into(), doc(1)),
            ("posture", "nist".into(), doc(2)),
        ],
    )
    .await
    .unwrap();
    g.save_snapshots(1, Some(8), &[("posture", "cis".into(), doc(3))])
        .await
        .unwrap();
    let latest = g.latest_snapshots("posture", None).await.unwrap();
    assert_eq!(latest.len(), 3);
    let of7 = g.latest_snapshots("posture", Some(7)).await.unwrap();
    assert_eq!(
        of7.iter()
            .map(|s| (s.key.as_str(), s.document["pass"].as_i64()))
            .collect::<Vec<_>>(),
        vec![("cis", Some(1)), ("nist", Some(2))]
    );
    assert!(
        a.latest_snapshots("posture", None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(first.scan_id, again.scan_id);
    assert_eq!(g.scans(10).await.unwrap().len(), 2);
    consistent(&g).await;
    for s in [def, a, a2, g] {
        s.close().await;
    }
    c.close().await;
}

async fn targets_and_jobs(url: String) {
    let c = Control::open(&url).await.unwrap();
    let acme = c.create_tenant("acme", "Acme", T0).await.unwrap();
    let t = c
        .create_target(acme.id, &files_target("prod"), Some(T0 + 60), T0)
        .await
        .unwrap();
    assert_eq!(t.schedule, Schedule::Interval(3600));
    assert!(matches!(
        c.create_target(acme.id, &files_target("prod"), None, T0)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let mut bad = files_target("x");
    bad.scope = serde_json::json!({"paths": []});
    assert!(matches!(
        c.create_target(acme.id, &bad, None, T0).await,
        Err(StoreError::Invalid(_))
    ));
    // Other tenants see nothing of it.
    assert!(matches!(
        c.target(DEFAULT_TENANT, t.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(c.targets(DEFAULT_TENANT).await.unwrap().is_empty());
    assert!(matches!(
        c.enqueue(DEFAULT_TENANT, t.id, "manual", "x", &[], T0)
            .await,
        Err(StoreError::NotFound(_))
    ));
    let mut upd = files_target("prod-eu");
    upd.schedule = Schedule::Cron("*/15 * * * *".into());
    let t2 = c
        .update_target(acme.id, t.id, &upd, Some(T0 + 900), T0 + 1)
        .await
        .unwrap();
    assert_eq!(t2.schedule, Schedule::Cron("*/15 * * * *".into()));
    assert!(matches!(
        c.update_target(DEFAULT_TENANT, t.id, &upd, None, T0).await,
        Err(StoreError::NotFound(_))
    ));

    // One scan per target at a time.
    let j1 = c
        .enqueue(acme.id, t.id, "manual", "alice", &[], T0)
        .await
        .unwrap();
    assert_eq!(j1.state, JobState::Queued);
    assert!(matches!(
        c.enqueue(acme.id, t.id, "manual", "bob", &[], T0).await,
        Err(StoreError::Conflict(_))
    ));
    // Lease, heartbeat, expiry and re-lease.
    let l1 = c.claim("w1", 30, T0).await.unwrap().unwrap();
    assert_eq!(
        (l1.id, l1.attempts, l1.lease_owner.as_deref()),
        (j1.id, 1, Some("w1"))
    );
    assert!(
        c.claim("w2", 30, T0 + 1).await.unwrap().is_none(),
        "leased jobs are not claimable"
    );
    assert!(c.heartbeat(j1.id, "w1", 30, T0 + 20).await.unwrap());
    assert!(
        c.claim("w2", 30, T0 + 40).await.unwrap().is_none(),
        "the heartbeat extended the lease"
    );
    let l2 = c.claim("w2", 30, T0 + 51).await.unwrap().unwrap();
    assert_eq!(
        (l2.id, l2.attempts, l2.lease_owner.as_deref()),
        (j1.id, 2, Some("w2"))
    );
    // The first worker lost it: its heartbeat and its finish are refused.
    assert!(!c.heartbeat(j1.id, "w1", 30, T0 + 52).await.unwrap());
    assert!(!c.finish(j1.id, "w1", Ok(7), T0 + 53).await.unwrap());
    assert!(c.finish(j1.id, "w2", Ok(8), T0 + 54).await.unwrap());
    let done = c.job(acme.id, j1.id).await.unwrap();
    assert_eq!((done.state, done.scan_id), (JobState::Succeeded, Some(8)));
    assert!(matches!(
        c.job(DEFAULT_TENANT, j1.id).await,
        Err(StoreError::NotFound(_))
    ));

    // Cancel: queued, and running (the worker's next heartbeat fails).
    let j2 = c
        .enqueue(acme.id, t.id, "manual", "alice", &["arn:x".into()], T0 + 60)
        .await
        .unwrap();
    assert_eq!(j2.resources, vec!["arn:x".to_owned()]);
    assert!(matches!(
        c.cancel(DEFAULT_TENANT, j2.id, T0).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(
        c.cancel(acme.id, j2.id, T0 + 61).await.unwrap().state,
        JobState::Cancelled
    );
    assert!(matches!(
        c.cancel(acme.id, j2.id, T0 + 62).await,
        Err(StoreError::Conflict(_))
    ));
    let j3 = c
        .enqueue(acme.id, t.id, "manual", "alice", &[], T0 + 70)
        .await
        .unwrap();
    c.claim("w3", 30, T0 + 71).await.unwrap().unwrap();
    c.cancel(acme.id, j3.id, T0 + 72).await.unwrap();
    assert!(!c.heartbeat(j3.id, "w3", 30, T0 + 73).await.unwrap());
    assert!(!c.finish(j3.id, "w3", Ok(1), T0 + 74).await.unwrap());
    assert_eq!(
        c.job(acme.id, j3.id).await.unwrap().state,
        JobState::Cancelled
    );

    // A job that keeps killing its worker fails after MAX_ATTEMPTS leases.
    let j4 = c
        .enqueue(acme.id, t.id, "manual", "alice", &[], T0 + 100)
        .await
        .unwrap();
    let mut now = T0 + 100;
    for _ in 0..posture_store::MAX_ATTEMPTS {
        now += 31;
        assert_eq!(c.claim("w", 30, now).await.unwrap().unwrap().id, j4.id);
    }
    now += 31;
    assert!(c.claim("w", 30, now).await.unwrap().is_none());
    let gave_up = c.job(acme.id, j4.id).await.unwrap();
    assert_eq!(gave_up.state, JobState::Failed);
    assert!(gave_up.error.unwrap().contains("lease expired 5 times"));

    // Listing and paging.
    let all = c.jobs(acme.id, Some(t.id), None, None, 100).await.unwrap();
    assert_eq!(
        all.iter().map(|j| j.id).collect::<Vec<_>>(),
        vec![j4.id, j3.id, j2.id, j1.id]
    );
    let page = c.jobs(acme.id, None, None, Some(j3.id), 1).await.unwrap();
    assert_eq!(page.iter().map(|j| j.id).collect::<Vec<_>>(), vec![j2.id]);
    let cancelled = c
        .jobs(acme.id, None, Some(JobState::Cancelled), None, 100)
        .await
        .unwrap();
    assert_eq!(cancelled.len(), 2);
    assert!(
        c.jobs(DEFAULT_TENANT, None, None, None, 100)
            .await
            .unwrap()
            .is_empty()
    );

    // Scheduling: only the scheduler whose expectation matches fires, once.
    let due = c.due_targets(T0 + 1000).await.unwrap();
    assert_eq!(due.len(), 1);
    let expected = due[0].next_run_at.unwrap();
    let fired = c
        .fire_schedule(&due[0], expected, Some(T0 + 1900), T0 + 1000)
        .await
        .unwrap();
    assert!(fired.is_some());
    let again = c
        .fire_schedule(&due[0], expected, Some(T0 + 1900), T0 + 1000)
        .await
        .unwrap();
    assert!(
        again.is_none(),
        "a second scheduler with the stale expectation fires nothing"
    );
    assert!(c.due_targets(T0 + 1000).await.unwrap().is_empty());
    // Deleting needs the active job gone first; the other tenant cannot delete it.
    assert!(matches!(
        c.delete_target(acme.id, t.id).await,
        Err(StoreError::Conflict(_))
    ));
    c.cancel(acme.id, fired.unwrap().id, T0 + 1001)
        .await
        .unwrap();
    assert!(matches!(
        c.delete_target(DEFAULT_TENANT, t.id).await,
        Err(StoreError::NotFound(_))
    ));
    c.delete_target(acme.id, t.id).await.unwrap();
    assert!(c.targets(acme.id).await.unwrap().is_empty());
    c.close().await;
}

/// Many concurrent claimers: every job is leased exactly once.
async fn concurrent_claims(url: String) {
    let c = std::sync::Arc::new(Control::open(&url).await.unwrap());
    let mut ids = Vec::new();
    for i in 0..40 {
        let t = c
            .create_target(DEFAULT_TENANT, &files_target(&format!("t{i}")), None, T0)
            .await
            .unwrap();
        ids.push(
            c.enqueue(DEFAULT_TENANT, t.id, "manual", "x", &[], T0)
                .await
                .unwrap()
                .id,
        );
    }
    let mut handles = Vec::new();
    for w in 0..4 {
        let c = c.clone();
        handles.push(tokio::spawn(async move {
            let mut got = Vec::new();
            while let Some(j) = c.claim(&format!("w{w}"), 600, T0).await.unwrap() {
                got.push(j.id);
            }
            got
        }));
    }
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await.unwrap());
    }
    all.sort_unstable();
    ids.sort_unstable();
    assert_eq!(all, ids, "each job leased exactly once");
    c.close().await;
}

#[tokio::test]
async fn service_tenants_and_hashed_tokens() {
    on_both(tenants_and_tokens).await;
}

#[tokio::test]
async fn service_tenant_data_is_isolated() {
    on_both(tenant_data_isolation).await;
}

#[tokio::test]
async fn service_targets_jobs_leases_and_schedules() {
    on_both(targets_and_jobs).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn service_concurrent_claims_lease_each_job_once() {
    on_both(concurrent_claims).await;
}

/// Pages computed in SQL equal the same slice of the full, Rust-sorted list.
async fn paging(url: String) {
    let store = Store::open(&url).await.unwrap();
    record(&store, &big_scan(T0, 600, 3)).await;
    let mut second = big_scan(T0 + DAY, 600, 4);
    // Some risk scores so the risk order has ties, gaps and unscored findings.
    for (i, o) in second.outcomes.iter_mut().enumerate() {
        if i % 5 != 0 {
            o.risk = Some(risk(u8::try_from(i % 37).unwrap(), &[]));
        }
    }
    record(&store, &second).await;
    let sla = SlaPolicy::default();
    let now = T0 + 2 * DAY;
    for sort in [
        FindingSort::Risk,
        FindingSort::Severity,
        FindingSort::Age,
        FindingSort::LastSeen,
        FindingSort::Due,
    ] {
        for states in [vec![], vec!["all".to_owned()], vec!["resolved".to_owned()]] {
            let q = FindingQuery {
                states,
                sort,
                ..FindingQuery::default()
            };
            let all = store.findings(&q, &sla, now).await.unwrap();
            assert!(!all.is_empty());
            for (offset, limit) in [(0, 10), (7, 50), (all.len() - 3, 10), (all.len() + 5, 10)] {
                let (total, page) = store
                    .findings_page(&q, &sla, now, offset, limit, true)
                    .await
                    .unwrap();
                assert_eq!(total, Some(all.len()));
                let (none, again) = store
                    .findings_page(&q, &sla, now, offset, limit, false)
                    .await
                    .unwrap();
                assert!(none.is_none() || none == Some(all.len()));
                assert_eq!(again, page);
                let want: Vec<&String> = all
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .map(|f| &f.uid)
                    .collect();
                let got: Vec<&String> = page.iter().map(|f| &f.uid).collect();
                assert_eq!(got, want, "{sort:?} offset {offset}");
                assert_eq!(
                    page,
                    all.iter()
                        .skip(offset)
                        .take(limit)
                        .cloned()
                        .collect::<Vec<_>>()
                );
            }
        }
    }
    // Framework rule lists and severities in SQL too.
    let q = FindingQuery {
        rule_ids: Some(vec!["aws.s3.a".into()]),
        severities: vec![Severity::High],
        ..FindingQuery::default()
    };
    let all = store.findings(&q, &sla, now).await.unwrap();
    assert!(!all.is_empty());
    let (total, page) = store
        .findings_page(&q, &sla, now, 0, 1000, true)
        .await
        .unwrap();
    assert_eq!((total, page), (Some(all.len()), all));
    store.close().await;
}

#[tokio::test]
async fn finding_pages_in_sql_match_the_full_list() {
    on_both(paging).await;
}
