//! # posture-store
//!
//! Posture's persistent store: scan history, the lifecycle of every finding (new → open →
//! resolved → reopened), SLA clocks, exceptions with approval, a baseline, and a hash-chained
//! audit log. One [`Store`] API runs on two engines: an embedded SQLite file (the default; no
//! setup) and PostgreSQL (for teams).
//!
//! ## Why it has this shape
//!
//! * **Current state plus changes, not a copy per scan.** `findings` holds one row per finding
//!   uid (its current state, first/last seen, opened/resolved times, reopen count);
//!   `finding_events` holds one row per *change* (new, resolved, reopened, changed) per scan;
//!   `scan_counts` holds per-scan rollups by severity. A scan of 100 k unchanged findings writes
//!   a scan row, its rollups and one batched "still open" touch, so 90 daily scans stay small.
//!   Diffs between any two scans are rebuilt from the events; trends come from the rollups.
//! * **Resolution needs evidence.** A finding resolves only when its resource was observed again
//!   and the rule passed (or no longer applies), or when the resource is gone from a part of the
//!   estate that was collected completely. A resource missing because collection failed (a
//!   failed input, a failed or partial coverage entry) keeps its findings open; the scan records
//!   how many were held open. Unknown keeps a finding open: it was not observed passing.
//! * **One writer at a time.** Recording reads the current state and writes the next one in one
//!   transaction (`BEGIN IMMEDIATE` on SQLite, an advisory transaction lock on PostgreSQL), so a
//!   killed process leaves nothing half-written and concurrent writers cannot corrupt lifecycles.
//! * **Portable SQL, per-engine migrations.** Queries are written once with `$N` parameters (both
//!   engines accept them) and always bound, never interpolated. Schema changes are numbered files
//!   in `migrations/sqlite` and `migrations/postgres`, applied in order and recorded in
//!   `schema_version` with a checksum.
#![warn(missing_docs)]

mod audit;
mod control;
mod db;
mod exceptions;
mod migrate;
mod query;
mod record;
mod remediation;
mod sla;

pub use audit::{AuditEntry, AuditReport};
pub use control::{
    ApiToken, Control, DEFAULT_TENANT, Job, JobState, MAX_ATTEMPTS, NewTarget, Role, Schedule,
    Target, TargetKind, Tenant,
};
pub use db::Engine;
pub use exceptions::{
    ExceptionFile, ExceptionState, ExceptionView, NewException, Reason, Scope, SyncReport,
    parse_time,
};
pub use query::{
    Diff, DiffEntry, FindingQuery, FindingSort, MttrGroup, MttrRow, ScanRow, Snapshot,
    StoredFinding, TrendDay, Trends,
};
pub use record::{
    ObservedOutcome, ObservedResource, RecordOptions, RiskFactor, RiskRecord, RuleInfo, ScanInput,
};
pub use remediation::{Approval, FixRun, NewFixRun};
pub use sla::{SlaPolicy, parse_duration};

use db::Pool;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A database error (connection, SQL, constraint).
    #[error("database: {0}")]
    Db(String),
    /// A bad setting (URL, path).
    #[error("{0}")]
    Config(String),
    /// The request is not allowed (self-approval, missing expiry, unknown id).
    #[error("{0}")]
    Invalid(String),
    /// The database was written by a newer Posture, or its migrations were edited.
    #[error("schema: {0}")]
    Schema(String),
    /// The request conflicts with the current state (a duplicate name, a scan already active).
    #[error("{0}")]
    Conflict(String),
    /// No such object (or it belongs to another tenant).
    #[error("{0}")]
    NotFound(String),
    /// A fault injected by a test (the transaction is rolled back).
    #[error("injected fault: {0}")]
    Injected(String),
}

/// A URL or path with any password replaced by `***`, safe to print and log.
#[must_use]
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_owned(),
    };
    // Query parameters may carry a password too (`?password=…`).
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let q: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                    _ => kv.to_owned(),
                })
                .collect();
            format!("{path}?{}", q.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// What recording one scan changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScanSummary {
    /// The scan's id.
    pub scan_id: i64,
    /// Findings seen for the first time.
    pub new: u64,
    /// Findings resolved (observed passing, no longer applicable, or resource deleted).
    pub resolved: u64,
    /// Of those, resolved because the resource was observed deleted.
    pub deleted: u64,
    /// Findings that failed again after being resolved.
    pub reopened: u64,
    /// Findings whose status (fail ↔ unknown) or severity changed.
    pub changed: u64,
    /// Findings open after the scan.
    pub open: u64,
    /// Open findings that were not observed in this scan (collection failed or was partial,
    /// the rule did not run) and were therefore kept open.
    pub held_open: u64,
    /// Open findings covered by an approved, unexpired exception.
    pub excepted: u64,
    /// Open findings in the baseline.
    pub baseline: u64,
    /// Open findings not in the baseline (what to alert on once a baseline is set).
    pub not_in_baseline: u64,
    /// Exceptions that expired with this scan (their findings re-surface).
    pub expired_exceptions: u64,
    /// Nothing was recorded: a scan with this label exists already
    /// ([`RecordOptions::once_per_label`]); `scan_id` is that scan.
    pub duplicate: bool,
}

/// The store: open it with [`Store::open`].
pub struct Store {
    pool: Pool,
    location: String,
}

impl Store {
    /// Open (creating if needed) the store at `url`: a `postgres://…` URL, or a SQLite file path
    /// (`sqlite:` prefix optional). Pending migrations are applied.
    ///
    /// # Errors
    /// [`StoreError`] when the database cannot be opened or migrated.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Self::open_at(url, None).await
    }

    /// Open and migrate only up to `version` (used to build old-schema fixtures in tests).
    ///
    /// # Errors
    /// As [`Store::open`].
    #[doc(hidden)]
    pub async fn open_at(url: &str, version: Option<i64>) -> Result<Store, StoreError> {
        let pool = db::connect(url, None).await?;
        migrate::migrate(&pool, version, false).await?;
        Ok(Store {
            pool,
            location: redact_url(url),
        })
    }

    /// Open the data store of tenant `tenant_id` next to the base store at `url`: the default
    /// tenant's data is the base store itself (what the CLI uses); every other tenant has its
    /// own PostgreSQL schema or SQLite file, so its queries cannot reach another tenant's rows.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub async fn open_tenant(url: &str, tenant_id: i64) -> Result<Store, StoreError> {
        if tenant_id == control::DEFAULT_TENANT {
            return Self::open(url).await;
        }
        let pool = db::connect(url, Some(tenant_id)).await?;
        migrate::migrate(&pool, None, true).await?;
        Ok(Store {
            pool,
            location: format!("{} (tenant {tenant_id})", redact_url(url)),
        })
    }

    /// The engine in use.
    #[must_use]
    pub fn engine(&self) -> Engine {
        self.pool.engine()
    }

    /// Where the store is (password redacted).
    #[must_use]
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The schema version of the database.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let mut tx = self.pool.read().await?;
        let v = tx
            .int(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version",
                vec![],
            )
            .await?;
        tx.commit().await?;
        Ok(v)
    }

    /// The schema version this build of Posture writes.
    #[must_use]
    pub fn latest_schema_version() -> i64 {
        migrate::latest()
    }

    /// Close the pool (waits for connections to finish).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Run raw SQL against the store (tests use it to tamper with rows). Parameters are bound.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    #[doc(hidden)]
    pub async fn raw_exec(&self, sql: &str, params: &[i64]) -> Result<u64, StoreError> {
        let mut tx = self.pool.read().await?;
        let n = tx
            .exec(sql, params.iter().map(|p| db::Val::Int(Some(*p))).collect())
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Run a raw SQL script (tests build old-schema fixtures with it).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    #[doc(hidden)]
    pub async fn raw_script(&self, sql: &str) -> Result<(), StoreError> {
        let mut tx = self.pool.read().await?;
        tx.script(sql).await?;
        tx.commit().await
    }

    /// Check the store's invariants: replaying each finding's events gives its current state,
    /// every event belongs to a recorded scan, and per-scan rollups exist for scans with open
    /// findings. Returns the problems found (empty when consistent).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn check_consistency(&self) -> Result<Vec<String>, StoreError> {
        let mut tx = self.pool.read().await?;
        let findings = tx
            .rows("SELECT id, state, reopen_count FROM findings", vec![])
            .await?;
        let events = tx
            .rows(
                "SELECT e.finding_id, e.event, s.id FROM finding_events e LEFT JOIN scans s ON s.id = e.scan_id ORDER BY e.finding_id, e.scan_id",
                vec![],
            )
            .await?;
        tx.commit().await?;
        let mut problems = Vec::new();
        let mut replay: std::collections::HashMap<i64, (String, i64)> =
            std::collections::HashMap::new();
        for e in &events {
            if e.opt_i64(2).is_none() {
                problems.push(format!(
                    "event of finding {} refers to a missing scan",
                    e.i64(0)
                ));
            }
            let st = replay.entry(e.i64(0)).or_insert((String::new(), 0));
            match e.str(1).as_str() {
                "new" if st.0.is_empty() => st.0 = "active".into(),
                "resolved" if st.0 == "active" => st.0 = "resolved".into(),
                "reopened" if st.0 == "resolved" => {
                    st.0 = "active".into();
                    st.1 += 1;
                }
                "changed" if st.0 == "active" => {}
                other => problems.push(format!(
                    "finding {}: event `{other}` after state `{}`",
                    e.i64(0),
                    st.0
                )),
            }
        }
        for f in &findings {
            let id = f.i64(0);
            let want = if f.str(1) == "resolved" {
                "resolved"
            } else {
                "active"
            };
            match replay.get(&id) {
                Some((st, reopens)) if st == want && *reopens == f.i64(2) => {}
                Some((st, reopens)) => problems.push(format!(
                    "finding {id}: row says {} (reopened {}), events say {st} (reopened {reopens})",
                    f.str(1),
                    f.i64(2)
                )),
                None => problems.push(format!("finding {id} has no events")),
            }
        }
        Ok(problems)
    }

    /// Count rows with raw SQL (tests).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    #[doc(hidden)]
    pub async fn raw_count(&self, sql: &str) -> Result<i64, StoreError> {
        let mut tx = self.pool.read().await?;
        let n = tx.int(sql, vec![]).await?;
        tx.commit().await?;
        Ok(n)
    }
}

/// Current time in Unix seconds.
#[must_use]
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Severity as stored (0 = info … 4 = critical).
pub(crate) fn sev_num(s: posture_model::Severity) -> i64 {
    match s {
        posture_model::Severity::Info => 0,
        posture_model::Severity::Low => 1,
        posture_model::Severity::Medium => 2,
        posture_model::Severity::High => 3,
        posture_model::Severity::Critical => 4,
    }
}

/// Severity from its stored number.
pub(crate) fn sev_from(n: i64) -> posture_model::Severity {
    match n {
        4 => posture_model::Severity::Critical,
        3 => posture_model::Severity::High,
        2 => posture_model::Severity::Medium,
        1 => posture_model::Severity::Low,
        _ => posture_model::Severity::Info,
    }
}

/// Tags as stored: a JSON object, or `None` when there are none.
pub(crate) fn tags_json(tags: &posture_model::Tags) -> Option<String> {
    if tags.is_empty() {
        None
    } else {
        serde_json::to_string(tags).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_passwords() {
        assert_eq!(
            redact_url("postgres://u:s3cret@db:5432/x?sslmode=require"),
            "postgres://u:***@db:5432/x?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://db/x?user=u&password=p"),
            "postgres://db/x?user=u&password=***"
        );
        assert_eq!(redact_url("postgres://u@db/x"), "postgres://u@db/x");
        assert_eq!(redact_url("/tmp/posture.db"), "/tmp/posture.db");
    }
}
