//! Reading the store: findings, scans, diffs, trends, MTTR, baseline.

use std::collections::{BTreeMap, HashMap};

use posture_model::Severity;
use posture_rules::engine::glob_match;

use crate::db::{Val, args, placeholders};
use crate::record::{RecordOptions, RiskFactor, ScanInput};
use crate::sla::SlaPolicy;
use crate::{ScanSummary, Store, StoreError, sev_from, sev_num};

/// A finding as stored, with its lifecycle.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StoredFinding {
    /// Finding uid.
    pub uid: String,
    /// Rule id.
    pub rule_id: String,
    /// Rule title.
    pub title: String,
    /// Severity.
    pub severity: Severity,
    /// Lifecycle state: `new`, `open`, `reopened` or `resolved`.
    pub state: String,
    /// Last observed verdict (`fail`, `unknown`; for resolved ones `pass`, `not_applicable`, `deleted`).
    pub status: String,
    /// What to show: `open`, `excepted` or `resolved` (excepted is never shown as passed).
    pub display: String,
    /// Resource uid.
    pub resource_uid: String,
    /// Resource name.
    pub resource_name: String,
    /// Resource kind.
    pub resource_kind: String,
    /// Provider.
    pub provider: String,
    /// Account.
    pub account: String,
    /// Region.
    pub region: String,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// Last message.
    pub message: String,
    /// First seen failing (Unix seconds).
    pub first_seen: i64,
    /// Last seen failing or unknown.
    pub last_seen: i64,
    /// Start of the current open episode (the SLA clock starts here).
    pub opened_at: i64,
    /// When it was resolved.
    pub resolved_at: Option<i64>,
    /// How often it came back.
    pub reopen_count: i64,
    /// SLA due date (open findings with an SLA).
    pub due_at: Option<i64>,
    /// Past its due date.
    pub overdue: bool,
    /// In the baseline.
    pub baseline: bool,
    /// The exception covering it (approved and unexpired).
    pub exception_id: Option<i64>,
    /// Risk score 0-100 from the latest scan that found it failing or unknown; `None` when it
    /// was not scored (recorded before schema 3, or by a scan that did not score it).
    pub risk: Option<u8>,
    /// The score's factors (multiplier, points, detail; the exposure factor carries the path).
    /// Empty when not scored.
    pub risk_factors: Vec<RiskFactor>,
}

impl StoredFinding {
    /// The exposure factor of the risk score, if scored.
    #[must_use]
    pub fn exposure(&self) -> Option<&RiskFactor> {
        self.risk_factors.iter().find(|f| f.name == "exposure")
    }
}

/// How to sort findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FindingSort {
    /// Highest risk score first; findings without a score last; ties by severity, then age
    /// (oldest first).
    #[default]
    Risk,
    /// Highest severity first, then age (oldest first).
    Severity,
    /// Oldest first.
    Age,
    /// Earliest SLA due date first (so overdue ones lead); findings without a due date last.
    Due,
    /// Most recently seen first.
    LastSeen,
}

/// A findings filter. Empty lists mean "any".
#[derive(Clone, Debug, Default)]
pub struct FindingQuery {
    /// `open` (active, not excepted), `excepted`, `new`, `reopened`, `resolved`, `all`. Empty = `open`.
    pub states: Vec<String>,
    /// Severities.
    pub severities: Vec<Severity>,
    /// Rule ids or globs.
    pub rules: Vec<String>,
    /// Exactly these rule ids (a framework's rules).
    pub rule_ids: Option<Vec<String>>,
    /// Accounts.
    pub accounts: Vec<String>,
    /// Tag selectors (`key` or `key=value`); all must match.
    pub tags: Vec<String>,
    /// Open for at least this many seconds.
    pub min_age: Option<i64>,
    /// Only overdue ones.
    pub overdue: bool,
    /// Only in (true) or not in (false) the baseline.
    pub baseline: Option<bool>,
    /// Sort order.
    pub sort: FindingSort,
    /// At most this many.
    pub limit: Option<usize>,
}

/// One scan in the history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ScanRow {
    /// Id.
    pub id: i64,
    /// Reference time.
    pub as_of: i64,
    /// When it was recorded.
    pub recorded_at: i64,
    /// Label.
    pub label: Option<String>,
    /// Resources observed.
    pub resources: i64,
    /// Evaluations.
    pub evaluations: i64,
    /// Failing evaluations.
    pub failed: i64,
    /// Unknown evaluations.
    pub unknown: i64,
    /// New findings.
    pub new: i64,
    /// Resolved findings.
    pub resolved: i64,
    /// Reopened findings.
    pub reopened: i64,
    /// Open findings kept open because they were not observed.
    pub held_open: i64,
    /// Inputs that failed.
    pub failed_inputs: i64,
    /// Open findings not in the baseline after the scan.
    pub not_in_baseline: i64,
    /// Accounts seen.
    pub accounts: String,
    /// Coverage entries collected / total.
    pub coverage: (i64, i64),
}

/// One changed finding between two scans.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DiffEntry {
    /// Finding uid.
    pub uid: String,
    /// Rule id.
    pub rule_id: String,
    /// Severity.
    pub severity: Severity,
    /// Resource uid.
    pub resource_uid: String,
    /// Account.
    pub account: String,
    /// Status at the first scan (`None`: not open).
    pub before: Option<String>,
    /// Status at the second scan.
    pub after: Option<String>,
}

/// What changed between two scans.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diff {
    /// The earlier scan.
    pub from: i64,
    /// The later scan.
    pub to: i64,
    /// Open at `to`, not at `from`.
    pub new: Vec<DiffEntry>,
    /// Open at `from`, not at `to`.
    pub resolved: Vec<DiffEntry>,
    /// Open at both, status changed.
    pub changed: Vec<DiffEntry>,
}

/// One day of trends.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct TrendDay {
    /// Date (`2026-11-28`).
    pub date: String,
    /// Open findings by severity at the end of the day.
    pub open: BTreeMap<String, i64>,
    /// Open and overdue.
    pub overdue: i64,
    /// Open and excepted.
    pub excepted: i64,
    /// New that day.
    pub new: i64,
    /// Resolved that day.
    pub resolved: i64,
    /// Share of coverage entries collected that day (0-1).
    pub coverage: Option<f64>,
}

/// Trends over a period.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Trends {
    /// Days with scans, oldest first.
    pub days: Vec<TrendDay>,
    /// Mean time to remediate by severity over the period (hours).
    pub mttr_hours: BTreeMap<String, f64>,
    /// Share of resolutions within SLA over the period (0-1), by severity.
    pub sla_adherence: BTreeMap<String, f64>,
    /// Open findings past their due date now.
    pub overdue_now: i64,
}

/// How to group MTTR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MttrGroup {
    /// By severity.
    Severity,
    /// By account.
    Account,
    /// By rule.
    Rule,
    /// By calendar month of resolution.
    Month,
}

/// Mean time to remediate for one group.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MttrRow {
    /// The group (severity, account, rule id or `2026-11`).
    pub key: String,
    /// Resolutions counted.
    pub resolved: i64,
    /// Mean hours open.
    pub mean_hours: f64,
    /// Median hours open.
    pub median_hours: f64,
    /// Share resolved within SLA (0-1).
    pub within_sla: f64,
}

fn date(secs: i64) -> String {
    let (y, m, d) = posture_model::time::civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

const FINDING_COLS: &str = "f.uid, f.rule_id, f.title, f.severity, f.state, f.status, f.resource_uid, f.resource_name, \
    f.resource_kind, f.provider, f.account, f.region, f.tags, f.message, f.first_seen, f.last_seen, f.opened_at, \
    f.resolved_at, f.reopen_count, f.baseline, \
    CASE WHEN e.id IS NOT NULL THEN f.exception_id ELSE NULL END, f.risk_score, f.risk_factors";

/// A finding from a row of `FINDING_COLS`.
fn finding_from_row(r: &crate::db::Row, sla: &SlaPolicy, now: i64) -> StoredFinding {
    let severity = sev_from(r.i64(3));
    let state = r.str(4);
    let active = state != "resolved";
    let opened_at = r.i64(16);
    let due_at = if active {
        sla.due(severity, opened_at)
    } else {
        None
    };
    let exception_id = r.opt_i64(20);
    let display = if !active {
        "resolved"
    } else if exception_id.is_some() {
        "excepted"
    } else {
        "open"
    };
    StoredFinding {
        uid: r.str(0),
        rule_id: r.str(1),
        title: r.str(2),
        severity,
        state,
        status: r.str(5),
        display: display.to_owned(),
        resource_uid: r.str(6),
        resource_name: r.str(7),
        resource_kind: r.str(8),
        provider: r.str(9),
        account: r.str(10),
        region: r.str(11),
        tags: r
            .opt_str(12)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default(),
        message: r.str(13),
        first_seen: r.i64(14),
        last_seen: r.i64(15),
        opened_at,
        resolved_at: r.opt_i64(17),
        reopen_count: r.i64(18),
        due_at,
        overdue: due_at.is_some_and(|d| d < now),
        baseline: r.i64(19) != 0,
        exception_id,
        risk: r
            .opt_i64(21)
            .map(|n| u8::try_from(n.clamp(0, 100)).unwrap_or(0)),
        risk_factors: r
            .opt_str(22)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default(),
    }
}

/// The `AND …` filters of a findings query (SQL-expressible ones) and their parameters; `$1`
/// is `now`.
fn finding_filters(q: &FindingQuery, now: i64) -> Result<(String, Vec<Val>), StoreError> {
    let mut sql = String::new();
    let mut params: Vec<Val> = args![now];
    let states: Vec<&str> = if q.states.is_empty() {
        vec!["open"]
    } else {
        q.states.iter().map(String::as_str).collect()
    };
    if !states.contains(&"all") {
        let mut ors = Vec::new();
        for s in &states {
            match *s {
                "open" => ors.push("(f.state <> 'resolved' AND e.id IS NULL)".to_owned()),
                "excepted" => {
                    ors.push("(f.state <> 'resolved' AND e.id IS NOT NULL)".to_owned());
                }
                "new" | "reopened" | "resolved" => {
                    params.push(Val::from(*s));
                    ors.push(format!("f.state = ${}", params.len()));
                }
                other => {
                    return Err(StoreError::Invalid(format!(
                        "unknown state `{other}` (open, excepted, new, reopened, resolved, all)"
                    )));
                }
            }
        }
        sql.push_str(&format!(" AND ({})", ors.join(" OR ")));
    }
    if !q.severities.is_empty() {
        let first = params.len() + 1;
        params.extend(q.severities.iter().map(|s| Val::from(sev_num(*s))));
        sql.push_str(&format!(
            " AND f.severity IN ({})",
            placeholders(first, q.severities.len())
        ));
    }
    if !q.accounts.is_empty() {
        let first = params.len() + 1;
        params.extend(q.accounts.iter().map(Val::from));
        sql.push_str(&format!(
            " AND f.account IN ({})",
            placeholders(first, q.accounts.len())
        ));
    }
    if let Some(b) = q.baseline {
        params.push(Val::from(i64::from(b)));
        sql.push_str(&format!(" AND f.baseline = ${}", params.len()));
    }
    if let Some(age) = q.min_age {
        params.push(Val::from(now - age));
        sql.push_str(&format!(" AND f.opened_at <= ${}", params.len()));
    }
    Ok((sql, params))
}

impl Store {
    /// Record a scan: see the crate docs for the lifecycle rules. One transaction: a crash
    /// leaves nothing half-written, and re-running records it whole.
    ///
    /// # Errors
    /// [`StoreError`]; nothing is written on error.
    pub async fn record_scan(
        &self,
        input: &ScanInput,
        opts: &RecordOptions,
    ) -> Result<ScanSummary, StoreError> {
        crate::record::record(&self.pool, input, opts).await
    }

    /// Findings matching `q`, as of `now`, with SLA due dates from `sla`.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn findings(
        &self,
        q: &FindingQuery,
        sla: &SlaPolicy,
        now: i64,
    ) -> Result<Vec<StoredFinding>, StoreError> {
        let (filters, params) = finding_filters(q, now)?;
        let sql = format!(
            "SELECT {FINDING_COLS} FROM findings f LEFT JOIN exceptions e ON e.id = f.exception_id AND e.state = 'approved' \
             AND (e.expires_at IS NULL OR e.expires_at > $1) WHERE 1 = 1{filters}"
        );
        let mut tx = self.pool.read().await?;
        let rows = tx.rows(&sql, params).await?;
        tx.commit().await?;
        let mut out: Vec<StoredFinding> = Vec::with_capacity(rows.len());
        for r in rows {
            let f = finding_from_row(&r, sla, now);
            if q.overdue && !f.overdue {
                continue;
            }
            if !q.rules.is_empty() && !q.rules.iter().any(|p| glob_match(p, &f.rule_id)) {
                continue;
            }
            if q.rule_ids
                .as_ref()
                .is_some_and(|ids| !ids.contains(&f.rule_id))
            {
                continue;
            }
            if !q.tags.iter().all(|sel| match sel.split_once('=') {
                Some((k, v)) => f.tags.get(k).is_some_and(|have| have == v),
                None => f.tags.contains_key(sel.as_str()),
            }) {
                continue;
            }
            out.push(f);
        }
        use std::cmp::Reverse;
        match q.sort {
            // Unscored findings last (`None` sorts first under `Reverse`, hence `is_none`).
            FindingSort::Risk => out.sort_by(|a, b| {
                (
                    a.risk.is_none(),
                    Reverse(a.risk),
                    Reverse(a.severity),
                    a.opened_at,
                    &a.uid,
                )
                    .cmp(&(
                        b.risk.is_none(),
                        Reverse(b.risk),
                        Reverse(b.severity),
                        b.opened_at,
                        &b.uid,
                    ))
            }),
            FindingSort::Severity => out.sort_by(|a, b| {
                (Reverse(a.severity), a.opened_at, &a.uid).cmp(&(
                    Reverse(b.severity),
                    b.opened_at,
                    &b.uid,
                ))
            }),
            FindingSort::Due => out.sort_by(|a, b| {
                (
                    a.due_at.is_none(),
                    a.due_at,
                    Reverse(a.severity),
                    a.opened_at,
                    &a.uid,
                )
                    .cmp(&(
                        b.due_at.is_none(),
                        b.due_at,
                        Reverse(b.severity),
                        b.opened_at,
                        &b.uid,
                    ))
            }),
            FindingSort::Age => {
                out.sort_by(|a, b| (a.opened_at, &a.uid).cmp(&(b.opened_at, &b.uid)));
            }
            FindingSort::LastSeen => {
                out.sort_by(|a, b| (b.last_seen, &a.uid).cmp(&(a.last_seen, &b.uid)));
            }
        }
        if let Some(n) = q.limit {
            out.truncate(n);
        }
        Ok(out)
    }

    /// One page of findings matching `q` (`offset`, at most `limit`) and, with `with_total`,
    /// how many match in all (counting is most of the cost of a page over a large store; the
    /// fallback path always counts). Filters and sort orders that SQL can express (states, severities, accounts,
    /// framework rules, baseline, age; risk, severity, age and last-seen order) run in the
    /// database with `LIMIT`/`OFFSET`, so a page costs the same over a million findings; rule
    /// globs, tags, overdue and due-date order fall back to [`Store::findings`].
    ///
    /// # Errors
    /// [`StoreError::Db`], [`StoreError::Invalid`] for an unknown state.
    pub async fn findings_page(
        &self,
        q: &FindingQuery,
        sla: &SlaPolicy,
        now: i64,
        offset: usize,
        limit: usize,
        with_total: bool,
    ) -> Result<(Option<usize>, Vec<StoredFinding>), StoreError> {
        let order = match q.sort {
            FindingSort::Risk => Some(
                "(CASE WHEN f.risk_score IS NULL THEN 1 ELSE 0 END), f.risk_score DESC, f.severity DESC, f.opened_at, f.uid",
            ),
            FindingSort::Severity => Some("f.severity DESC, f.opened_at, f.uid"),
            FindingSort::Age => Some("f.opened_at, f.uid"),
            FindingSort::LastSeen => Some("f.last_seen DESC, f.uid"),
            FindingSort::Due => None,
        };
        let Some(order) = order.filter(|_| q.rules.is_empty() && q.tags.is_empty() && !q.overdue)
        else {
            let all = self.findings(q, sla, now).await?;
            let total = all.len();
            return Ok((
                Some(total),
                all.into_iter().skip(offset).take(limit).collect(),
            ));
        };
        let (mut filters, mut params) = finding_filters(q, now)?;
        if let Some(ids) = &q.rule_ids {
            if ids.is_empty() {
                return Ok((Some(0), Vec::new()));
            }
            let first = params.len() + 1;
            params.extend(ids.iter().map(Val::from));
            filters.push_str(&format!(
                " AND f.rule_id IN ({})",
                placeholders(first, ids.len())
            ));
        }
        let from = format!(
            "FROM findings f LEFT JOIN exceptions e ON e.id = f.exception_id AND e.state = 'approved' \
             AND (e.expires_at IS NULL OR e.expires_at > $1) WHERE 1 = 1{filters}"
        );
        let mut tx = self.pool.read().await?;
        let total = if with_total {
            Some(
                tx.int(&format!("SELECT COUNT(*) {from}"), params.clone())
                    .await?,
            )
        } else {
            None
        };
        let n = params.len();
        params.push(Val::from(i64::try_from(limit).unwrap_or(i64::MAX)));
        params.push(Val::from(i64::try_from(offset).unwrap_or(i64::MAX)));
        let rows = tx
            .rows(
                &format!(
                    "SELECT {FINDING_COLS} {from} ORDER BY {order} LIMIT ${} OFFSET ${}",
                    n + 1,
                    n + 2
                ),
                params,
            )
            .await?;
        tx.commit().await?;
        Ok((
            total.map(|t| usize::try_from(t).unwrap_or(0)),
            rows.iter().map(|r| finding_from_row(r, sla, now)).collect(),
        ))
    }

    /// Open findings by severity as of `now`: (open, excepted, overdue).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn open_counts(
        &self,
        sla: &SlaPolicy,
        now: i64,
    ) -> Result<BTreeMap<Severity, (i64, i64, i64)>, StoreError> {
        let s = sla.by_num();
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT f.severity, COUNT(*), CAST(SUM(CASE WHEN e.id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT), \
                 CAST(SUM(CASE WHEN f.opened_at + (CASE f.severity WHEN 4 THEN $2 WHEN 3 THEN $3 WHEN 2 THEN $4 WHEN 1 THEN $5 ELSE $6 END) < $1 THEN 1 ELSE 0 END) AS BIGINT) \
                 FROM findings f LEFT JOIN exceptions e ON e.id = f.exception_id AND e.state = 'approved' \
                 AND (e.expires_at IS NULL OR e.expires_at > $1) WHERE f.state <> 'resolved' GROUP BY f.severity",
                args![now, s[4], s[3], s[2], s[1], s[0]],
            )
            .await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| (sev_from(r.i64(0)), (r.i64(1), r.i64(2), r.i64(3))))
            .collect())
    }

    /// The latest `limit` scans, newest first.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn scans(&self, limit: i64) -> Result<Vec<ScanRow>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT s.id, s.as_of, s.recorded_at, s.label, s.resources, s.evaluations, s.failed, s.unknown, s.new_findings, \
                 s.resolved, s.reopened, s.held_open, s.failed_inputs, s.not_in_baseline, s.accounts, \
                 (SELECT COUNT(*) FROM scan_coverage c WHERE c.scan_id = s.id AND c.status = 'collected'), \
                 (SELECT COUNT(*) FROM scan_coverage c WHERE c.scan_id = s.id) \
                 FROM scans s ORDER BY s.id DESC LIMIT $1",
                args![limit],
            )
            .await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| ScanRow {
                id: r.i64(0),
                as_of: r.i64(1),
                recorded_at: r.i64(2),
                label: r.opt_str(3),
                resources: r.i64(4),
                evaluations: r.i64(5),
                failed: r.i64(6),
                unknown: r.i64(7),
                new: r.i64(8),
                resolved: r.i64(9),
                reopened: r.i64(10),
                held_open: r.i64(11),
                failed_inputs: r.i64(12),
                not_in_baseline: r.i64(13),
                accounts: r.str(14),
                coverage: (r.i64(15), r.i64(16)),
            })
            .collect())
    }

    /// What changed between scans `a` and `b` (in either order).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an unknown scan id.
    pub async fn diff(&self, a: i64, b: i64) -> Result<Diff, StoreError> {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        let mut tx = self.pool.read().await?;
        for id in [from, to] {
            if tx
                .int("SELECT COUNT(*) FROM scans WHERE id = $1", args![id])
                .await?
                == 0
            {
                return Err(StoreError::Invalid(format!(
                    "no scan {id} (see `posture scans`)"
                )));
            }
        }
        let events = tx
            .rows(
                "SELECT e.finding_id, e.scan_id, e.event, e.status FROM finding_events e WHERE e.finding_id IN \
                 (SELECT finding_id FROM finding_events WHERE scan_id > $1 AND scan_id <= $2) AND e.scan_id <= $2 \
                 ORDER BY e.finding_id, e.scan_id",
                args![from, to],
            )
            .await?;
        // State at a scan = the last event at or before it.
        let mut at: HashMap<i64, (Option<String>, Option<String>)> = HashMap::new();
        for e in &events {
            let id = e.i64(0);
            let active = e.str(2) != "resolved";
            let st = active.then(|| e.str(3));
            let entry = at.entry(id).or_insert((None, None));
            if e.i64(1) <= from {
                entry.0.clone_from(&st);
            }
            entry.1 = st;
        }
        let ids: Vec<i64> = at.keys().copied().collect();
        let mut details: HashMap<i64, (String, String, i64, String, String)> = HashMap::new();
        for chunk in ids.chunks(500) {
            let rows = tx
                .rows(
                    &format!(
                        "SELECT id, uid, rule_id, severity, resource_uid, account FROM findings WHERE id IN ({})",
                        placeholders(1, chunk.len())
                    ),
                    chunk.iter().map(|i| Val::from(*i)).collect(),
                )
                .await?;
            for r in rows {
                details.insert(r.i64(0), (r.str(1), r.str(2), r.i64(3), r.str(4), r.str(5)));
            }
        }
        tx.commit().await?;
        let mut diff = Diff {
            from,
            to,
            ..Diff::default()
        };
        for (id, (before, after)) in at {
            let Some((uid, rule_id, sev, resource_uid, account)) = details.get(&id) else {
                continue;
            };
            let entry = DiffEntry {
                uid: uid.clone(),
                rule_id: rule_id.clone(),
                severity: sev_from(*sev),
                resource_uid: resource_uid.clone(),
                account: account.clone(),
                before: before.clone(),
                after: after.clone(),
            };
            match (&before, &after) {
                (None, Some(_)) => diff.new.push(entry),
                (Some(_), None) => diff.resolved.push(entry),
                (Some(x), Some(y)) if x != y => diff.changed.push(entry),
                _ => {}
            }
        }
        for v in [&mut diff.new, &mut diff.resolved, &mut diff.changed] {
            v.sort_by(|a, b| {
                (std::cmp::Reverse(a.severity), &a.uid)
                    .cmp(&(std::cmp::Reverse(b.severity), &b.uid))
            });
        }
        Ok(diff)
    }

    /// Trends over the last `days` days before `now`.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn trends(&self, days: i64, sla: &SlaPolicy, now: i64) -> Result<Trends, StoreError> {
        let since = now - days * 86_400;
        let mut tx = self.pool.read().await?;
        let scans = tx
            .rows(
                "SELECT s.id, s.as_of, s.new_findings, s.resolved, \
                 (SELECT COUNT(*) FROM scan_coverage c WHERE c.scan_id = s.id AND c.status = 'collected'), \
                 (SELECT COUNT(*) FROM scan_coverage c WHERE c.scan_id = s.id) \
                 FROM scans s WHERE s.as_of > $1 AND s.as_of <= $2 ORDER BY s.as_of, s.id",
                args![since, now],
            )
            .await?;
        let counts = tx
            .rows(
                "SELECT c.scan_id, c.severity, c.open, c.overdue, c.excepted FROM scan_counts c \
                 JOIN scans s ON s.id = c.scan_id WHERE s.as_of > $1 AND s.as_of <= $2",
                args![since, now],
            )
            .await?;
        tx.commit().await?;
        let mut by_scan: HashMap<i64, Vec<(i64, i64, i64, i64)>> = HashMap::new();
        for c in &counts {
            by_scan
                .entry(c.i64(0))
                .or_default()
                .push((c.i64(1), c.i64(2), c.i64(3), c.i64(4)));
        }
        let mut days_out: Vec<TrendDay> = Vec::new();
        let mut cov: HashMap<String, (i64, i64)> = HashMap::new();
        for s in &scans {
            let d = date(s.i64(1));
            if days_out.last().is_none_or(|x| x.date != d) {
                days_out.push(TrendDay {
                    date: d.clone(),
                    ..TrendDay::default()
                });
            }
            let Some(day) = days_out.last_mut() else {
                continue;
            };
            day.new += s.i64(2);
            day.resolved += s.i64(3);
            let c = cov.entry(d).or_insert((0, 0));
            c.0 += s.i64(4);
            c.1 += s.i64(5);
            // The day's last scan sets the end-of-day open counts.
            day.open = Severity::ALL_DESC
                .iter()
                .map(|sev| (sev.as_str().to_owned(), 0))
                .collect();
            day.overdue = 0;
            day.excepted = 0;
            for (sev, open, overdue, excepted) in by_scan.get(&s.i64(0)).into_iter().flatten() {
                day.open.insert(sev_from(*sev).as_str().to_owned(), *open);
                day.overdue += overdue;
                day.excepted += excepted;
            }
        }
        for day in &mut days_out {
            if let Some((ok, total)) = cov.get(&day.date) {
                #[allow(clippy::cast_precision_loss)]
                if *total > 0 {
                    day.coverage = Some(*ok as f64 / *total as f64);
                }
            }
        }
        let mttr = self.mttr(MttrGroup::Severity, sla, since, now).await?;
        let open = self.open_counts(sla, now).await?;
        Ok(Trends {
            days: days_out,
            mttr_hours: mttr.iter().map(|m| (m.key.clone(), m.mean_hours)).collect(),
            sla_adherence: mttr.iter().map(|m| (m.key.clone(), m.within_sla)).collect(),
            overdue_now: open.values().map(|v| v.2).sum(),
        })
    }

    /// Coverage per day (collected entries, all entries) of the scans between `since` and `now`,
    /// counting only entries of `accounts` — plus entries that span every account (`*`, e.g. an
    /// input that failed to import), because those may hide any account. Dates are UTC
    /// `YYYY-MM-DD`; days without scans are absent. An empty `accounts` list returns nothing.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn coverage_by_day(
        &self,
        since: i64,
        now: i64,
        accounts: &[String],
    ) -> Result<BTreeMap<String, (i64, i64)>, StoreError> {
        let mut out = BTreeMap::new();
        if accounts.is_empty() {
            return Ok(out);
        }
        let sql = format!(
            "SELECT s.as_of, c.status FROM scan_coverage c JOIN scans s ON s.id = c.scan_id \
             WHERE s.as_of > $1 AND s.as_of <= $2 AND (c.account = '*' OR c.account IN ({}))",
            crate::db::placeholders(3, accounts.len())
        );
        let mut params = args![since, now];
        params.extend(accounts.iter().map(|a| crate::db::Val::from(a.as_str())));
        let mut tx = self.pool.read().await?;
        let rows = tx.rows(&sql, params).await?;
        tx.commit().await?;
        for r in &rows {
            let e = out.entry(date(r.i64(0))).or_insert((0, 0));
            if r.str(1) == "collected" {
                e.0 += 1;
            }
            e.1 += 1;
        }
        Ok(out)
    }

    /// Mean time to remediate for resolutions between `since` and `until`, grouped.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn mttr(
        &self,
        group: MttrGroup,
        sla: &SlaPolicy,
        since: i64,
        until: i64,
    ) -> Result<Vec<MttrRow>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT f.severity, f.account, f.rule_id, e.at, e.open_seconds FROM finding_events e \
                 JOIN findings f ON f.id = e.finding_id WHERE e.event = 'resolved' AND e.at > $1 AND e.at <= $2",
                args![since, until],
            )
            .await?;
        tx.commit().await?;
        let mut groups: BTreeMap<String, Vec<(i64, bool)>> = BTreeMap::new();
        for r in &rows {
            let sev = sev_from(r.i64(0));
            let key = match group {
                MttrGroup::Severity => sev.as_str().to_owned(),
                MttrGroup::Account => r.str(1),
                MttrGroup::Rule => r.str(2),
                MttrGroup::Month => date(r.i64(3)).get(..7).unwrap_or_default().to_owned(),
            };
            let secs = r.i64(4);
            let within = sla.for_severity(sev).is_none_or(|d| secs <= d);
            groups.entry(key).or_default().push((secs, within));
        }
        #[allow(clippy::cast_precision_loss)]
        Ok(groups
            .into_iter()
            .map(|(key, mut v)| {
                v.sort_unstable();
                let n = v.len() as f64;
                let sum: f64 = v.iter().map(|x| x.0 as f64).sum();
                let median = v.get(v.len() / 2).map_or(0.0, |x| x.0 as f64);
                MttrRow {
                    key,
                    resolved: i64::try_from(v.len()).unwrap_or(i64::MAX),
                    mean_hours: sum / n / 3600.0,
                    median_hours: median / 3600.0,
                    within_sla: v.iter().filter(|x| x.1).count() as f64 / n,
                }
            })
            .collect())
    }

    /// Set the baseline to the findings open now; returns how many.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn set_baseline(&self, actor: &str, now: i64) -> Result<u64, StoreError> {
        let mut tx = self.pool.write().await?;
        tx.exec(
            "UPDATE findings SET baseline = CASE WHEN state <> 'resolved' THEN 1 ELSE 0 END",
            vec![],
        )
        .await?;
        let n = tx
            .int("SELECT COUNT(*) FROM findings WHERE baseline = 1", vec![])
            .await?;
        let scan = tx
            .int("SELECT COALESCE(MAX(id), 0) FROM scans", vec![])
            .await?;
        let id = tx
            .int(
                "INSERT INTO baselines (created_at, created_by, scan_id, findings) VALUES ($1, $2, $3, $4) RETURNING id",
                args![now, actor, scan, n],
            )
            .await?;
        crate::audit::append(
            &mut tx,
            crate::now(),
            actor,
            "baseline.set",
            &format!("baseline:{id}"),
            &serde_json::json!({"findings": n, "scan": scan}),
        )
        .await?;
        tx.commit().await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

/// A per-scan snapshot written by the service pipeline (see [`Store::save_snapshot`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Snapshot {
    /// The scan.
    pub scan_id: i64,
    /// Its reference time.
    pub as_of: i64,
    /// `posture` (one per framework) or `inventory`.
    pub kind: String,
    /// Framework id for postures, `all` for the inventory.
    pub key: String,
    /// The service target the scan covered.
    pub target_id: Option<i64>,
    /// The document.
    pub document: serde_json::Value,
}

impl Store {
    /// Save snapshots of scan `scan_id` (`(kind, key, document)`), replacing any with the same
    /// kind and key.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn save_snapshots(
        &self,
        scan_id: i64,
        target_id: Option<i64>,
        docs: &[(&str, String, serde_json::Value)],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.write().await?;
        for (kind, key, doc) in docs {
            tx.exec(
                "DELETE FROM scan_snapshots WHERE scan_id = $1 AND kind = $2 AND key = $3",
                args![scan_id, *kind, key.as_str()],
            )
            .await?;
            tx.exec(
                "INSERT INTO scan_snapshots (scan_id, kind, key, target_id, document) VALUES ($1, $2, $3, $4, $5)",
                args![scan_id, *kind, key.as_str(), target_id, doc.to_string()],
            )
            .await?;
        }
        tx.commit().await
    }

    /// The latest snapshot of `kind` per key and target (optionally of one target), newest
    /// scan first.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn latest_snapshots(
        &self,
        kind: &str,
        target_id: Option<i64>,
    ) -> Result<Vec<Snapshot>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT n.scan_id, s.as_of, n.kind, n.key, n.target_id, n.document FROM scan_snapshots n \
                 JOIN scans s ON s.id = n.scan_id \
                 WHERE n.kind = $1 AND ($2 IS NULL OR n.target_id = $2) AND n.scan_id = (SELECT MAX(m.scan_id) \
                 FROM scan_snapshots m WHERE m.kind = n.kind AND m.key = n.key \
                 AND COALESCE(m.target_id, -1) = COALESCE(n.target_id, -1)) \
                 ORDER BY n.scan_id DESC, n.key",
                args![kind, target_id],
            )
            .await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| Snapshot {
                scan_id: r.i64(0),
                as_of: r.i64(1),
                kind: r.str(2),
                key: r.str(3),
                target_id: r.opt_i64(4),
                document: serde_json::from_str(&r.str(5)).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    }
}
