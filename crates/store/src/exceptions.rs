//! Exceptions: scoped, justified, owned, expiring, approved by a second person, audited; also
//! kept as code (a TOML file in git) and synced.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use posture_rules::engine::glob_match;
use serde::Deserialize;

use crate::db::{Tx, Val, args, values_list};
use crate::{Store, StoreError};

/// Why a finding is excepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The risk is known and accepted (an expiry is required).
    RiskAccepted,
    /// The finding is wrong.
    FalsePositive,
    /// Another control mitigates it.
    CompensatingControl,
}

impl Reason {
    /// Snake-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::RiskAccepted => "risk_accepted",
            Reason::FalsePositive => "false_positive",
            Reason::CompensatingControl => "compensating_control",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Reason {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "risk_accepted" | "accepted" => Ok(Reason::RiskAccepted),
            "false_positive" => Ok(Reason::FalsePositive),
            "compensating_control" => Ok(Reason::CompensatingControl),
            _ => Err(format!(
                "`{s}` is not a reason (expected risk_accepted, false_positive or compensating_control)"
            )),
        }
    }
}

/// Where an exception is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionState {
    /// Waiting for approval; does not apply yet.
    Requested,
    /// Approved and in force (until it expires).
    Approved,
    /// Rejected.
    Rejected,
    /// Expired (its time passed, or expired by hand): its findings re-surface.
    Expired,
    /// Removed from the exceptions file.
    Revoked,
}

impl ExceptionState {
    /// Snake-case label.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ExceptionState::Requested => "requested",
            ExceptionState::Approved => "approved",
            ExceptionState::Rejected => "rejected",
            ExceptionState::Expired => "expired",
            ExceptionState::Revoked => "revoked",
        }
    }

    fn parse(s: &str) -> ExceptionState {
        match s {
            "approved" => ExceptionState::Approved,
            "rejected" => ExceptionState::Rejected,
            "expired" => ExceptionState::Expired,
            "revoked" => ExceptionState::Revoked,
            _ => ExceptionState::Requested,
        }
    }
}

impl fmt::Display for ExceptionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an exception covers: every field given must match (rule and resource accept `*` globs;
/// the tag selector is `key` or `key=value`). An exception has one or more scopes; a finding is
/// covered when any scope matches.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scope {
    /// Rule id or glob.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Resource uid or glob.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Account, subscription or project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Tag selector: `key` (present) or `key=value`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl Scope {
    /// Parse `rule=aws.s3.*,account=1111,tag=env=dev,resource=arn:…`.
    ///
    /// # Errors
    /// A message naming the bad part.
    pub fn parse(s: &str) -> Result<Scope, String> {
        let mut out = Scope::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((k, v)) = part.split_once('=') else {
                return Err(format!(
                    "scope part `{part}` is not key=value (keys: rule, resource, account, tag)"
                ));
            };
            let v = v.trim().to_owned();
            match k.trim() {
                "rule" => out.rule = Some(v),
                "resource" => out.resource = Some(v),
                "account" => out.account = Some(v),
                "tag" => out.tag = Some(v),
                other => {
                    return Err(format!(
                        "unknown scope key `{other}` (keys: rule, resource, account, tag)"
                    ));
                }
            }
        }
        out.validate()?;
        Ok(out)
    }

    fn validate(&self) -> Result<(), String> {
        let all = [&self.rule, &self.resource, &self.account, &self.tag];
        if all.iter().all(|f| f.as_deref().is_none_or(str::is_empty)) {
            return Err("a scope needs at least one of rule, resource, account, tag".into());
        }
        if all
            .iter()
            .any(|f| f.as_deref().is_some_and(|v| v.trim() == "*"))
        {
            return Err("a scope field of `*` would except everything; name what it covers".into());
        }
        Ok(())
    }

    fn tag_parts(&self) -> Option<(String, Option<String>)> {
        self.tag.as_ref().map(|t| match t.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (t.clone(), None),
        })
    }

    fn matches(&self, f: &Candidate) -> bool {
        self.rule
            .as_deref()
            .is_none_or(|p| glob_match(p, &f.rule_id))
            && self
                .resource
                .as_deref()
                .is_none_or(|p| glob_match(p, &f.resource_uid))
            && self.account.as_deref().is_none_or(|a| a == f.account)
            && self.tag_parts().is_none_or(|(k, v)| match f.tags.get(&k) {
                Some(have) => v.is_none_or(|want| *have == want),
                None => false,
            })
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for (k, v) in [
            ("rule", &self.rule),
            ("resource", &self.resource),
            ("account", &self.account),
            ("tag", &self.tag),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={v}"));
            }
        }
        f.write_str(&parts.join(","))
    }
}

/// A request for an exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewException {
    /// Why.
    pub reason: Reason,
    /// The argument for it, in words.
    pub justification: String,
    /// Who owns the risk.
    pub owner: String,
    /// Ticket or change link.
    pub ticket: Option<String>,
    /// When it lapses (required for risk acceptance).
    pub expires_at: Option<i64>,
    /// What it covers (at least one scope).
    pub scopes: Vec<Scope>,
    /// Who asked for it.
    pub requested_by: String,
}

impl NewException {
    fn validate(&self, now: i64) -> Result<(), StoreError> {
        if self.scopes.is_empty() {
            return Err(StoreError::Invalid(
                "an exception needs at least one scope".into(),
            ));
        }
        for s in &self.scopes {
            s.validate().map_err(StoreError::Invalid)?;
        }
        if self.justification.trim().is_empty() {
            return Err(StoreError::Invalid("a justification is required".into()));
        }
        if self.owner.trim().is_empty() {
            return Err(StoreError::Invalid("an owner is required".into()));
        }
        if self.requested_by.trim().is_empty() {
            return Err(StoreError::Invalid("the requester is required".into()));
        }
        match self.expires_at {
            None if self.reason == Reason::RiskAccepted => Err(StoreError::Invalid(
                "a risk acceptance needs an expiry date".into(),
            )),
            Some(t) if t <= now => {
                Err(StoreError::Invalid("the expiry date is in the past".into()))
            }
            _ => Ok(()),
        }
    }
}

/// An exception as listed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ExceptionView {
    /// Id.
    pub id: i64,
    /// Key in the exceptions file, for exceptions kept as code.
    pub key: Option<String>,
    /// Reason.
    pub reason: String,
    /// Justification.
    pub justification: String,
    /// Owner.
    pub owner: String,
    /// Ticket link.
    pub ticket: Option<String>,
    /// Expiry (Unix seconds).
    pub expires_at: Option<i64>,
    /// State, with time-based expiry applied.
    pub state: ExceptionState,
    /// Requester.
    pub requested_by: String,
    /// Approver or rejecter.
    pub decided_by: Option<String>,
    /// Scopes.
    pub scopes: Vec<Scope>,
    /// Open findings it covered at the last match.
    pub matched: i64,
    /// Scans recorded since it last matched anything (since approval when it never matched).
    pub scans_without_match: i64,
    /// In force but matching nothing for at least the stale threshold of scans.
    pub stale: bool,
}

/// The exceptions file (`posture-exceptions.toml`), kept in git and synced with
/// `posture exceptions sync`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExceptionFile {
    /// The exceptions.
    #[serde(default, rename = "exception")]
    pub exceptions: Vec<FileException>,
}

/// One exception in the file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileException {
    /// Stable key (`EX-2026-001`).
    pub id: String,
    /// Reason.
    pub reason: String,
    /// Justification.
    pub justification: String,
    /// Owner.
    pub owner: String,
    /// Ticket link.
    #[serde(default)]
    pub ticket: Option<String>,
    /// Expiry: RFC 3339 time or a date (`2027-01-31`).
    #[serde(default)]
    pub expires: Option<String>,
    /// Requester.
    pub requested_by: String,
    /// Approver (the review of the change); absent means still requested.
    #[serde(default)]
    pub approved_by: Option<String>,
    /// Scopes.
    pub scopes: Vec<Scope>,
}

impl ExceptionFile {
    /// Parse the TOML text.
    ///
    /// # Errors
    /// A message naming the problem.
    pub fn parse(text: &str) -> Result<ExceptionFile, String> {
        toml::from_str(text).map_err(|e| e.message().to_owned())
    }
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncReport {
    /// New exceptions.
    pub added: u64,
    /// Changed exceptions.
    pub updated: u64,
    /// Exceptions no longer in the file (revoked).
    pub revoked: u64,
    /// Unchanged.
    pub unchanged: u64,
}

/// Parse an expiry: RFC 3339, or a date meaning the start of that day (UTC).
///
/// # Errors
/// A message naming the value.
pub fn parse_time(s: &str) -> Result<i64, String> {
    if let Some(t) = posture_model::time::parse_rfc3339(s) {
        return Ok(t);
    }
    posture_model::time::parse_rfc3339(&format!("{}T00:00:00Z", s.trim()))
        .ok_or_else(|| format!("`{s}` is not a date (2027-01-31) or RFC 3339 time"))
}

struct Candidate {
    id: i64,
    rule_id: String,
    resource_uid: String,
    account: String,
    tags: BTreeMap<String, String>,
    exception_id: Option<i64>,
}

pub(crate) struct Refresh {
    pub expired: u64,
}

async fn load_scopes(tx: &mut Tx, ids: &[i64]) -> Result<HashMap<i64, Vec<Scope>>, StoreError> {
    let mut out: HashMap<i64, Vec<Scope>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = tx
        .rows(
            "SELECT exception_id, rule, resource_uid, account, tag_key, tag_value FROM exception_scopes ORDER BY exception_id",
            vec![],
        )
        .await?;
    for r in rows {
        let id = r.i64(0);
        if !ids.contains(&id) {
            continue;
        }
        let tag = r.opt_str(4).map(|k| match r.opt_str(5) {
            Some(v) => format!("{k}={v}"),
            None => k,
        });
        out.entry(id).or_default().push(Scope {
            rule: r.opt_str(1),
            resource: r.opt_str(2),
            account: r.opt_str(3),
            tag,
        });
    }
    Ok(out)
}

/// Expire lapsed exceptions and (re)match every open finding against those in force.
pub(crate) async fn refresh(
    tx: &mut Tx,
    scan_id: i64,
    now: i64,
    actor: &str,
) -> Result<Refresh, StoreError> {
    let lapsed = tx
        .rows(
            "SELECT id FROM exceptions WHERE state = 'approved' AND expires_at IS NOT NULL AND expires_at <= $1 ORDER BY id",
            args![now],
        )
        .await?;
    for r in &lapsed {
        let id = r.i64(0);
        tx.exec(
            "UPDATE exceptions SET state = 'expired' WHERE id = $1",
            args![id],
        )
        .await?;
        crate::audit::append(
            tx,
            crate::now(),
            actor,
            "exception.expired",
            &format!("exception:{id}"),
            &serde_json::json!({"reason": "expiry date passed", "as_of": now}),
        )
        .await?;
    }
    let in_force: Vec<i64> = tx
        .rows(
            "SELECT id FROM exceptions WHERE state = 'approved' AND (expires_at IS NULL OR expires_at > $1) ORDER BY id",
            args![now],
        )
        .await?
        .iter()
        .map(|r| r.i64(0))
        .collect();
    if in_force.is_empty() {
        tx.exec(
            "UPDATE findings SET exception_id = NULL WHERE exception_id IS NOT NULL",
            vec![],
        )
        .await?;
        return Ok(Refresh {
            expired: lapsed.len() as u64,
        });
    }
    let scopes = load_scopes(tx, &in_force).await?;
    let want_tags = scopes.values().flatten().any(|s| s.tag.is_some());
    let rows = tx
        .rows(
            "SELECT id, rule_id, resource_uid, account, tags, exception_id, state FROM findings WHERE state <> 'resolved' OR exception_id IS NOT NULL",
            vec![],
        )
        .await?;
    let mut changes: Vec<Vec<Val>> = Vec::new();
    let mut matched: HashMap<i64, i64> = HashMap::new();
    for r in rows {
        let c = Candidate {
            id: r.i64(0),
            rule_id: r.str(1),
            resource_uid: r.str(2),
            account: r.str(3),
            tags: if want_tags {
                r.opt_str(4)
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default()
            } else {
                BTreeMap::new()
            },
            exception_id: r.opt_i64(5),
        };
        let active = r.str(6) != "resolved";
        let hit = in_force.iter().copied().find(|ex| {
            active
                && scopes
                    .get(ex)
                    .is_some_and(|ss| ss.iter().any(|s| s.matches(&c)))
        });
        if let Some(ex) = hit {
            *matched.entry(ex).or_insert(0) += 1;
        }
        if hit != c.exception_id {
            changes.push(vec![Val::Int(Some(c.id)), Val::Int(hit)]);
        }
    }
    for chunk in changes.chunks(400) {
        let sql = format!(
            "UPDATE findings SET exception_id = v.column2 FROM (VALUES {}) AS v WHERE findings.id = v.column1",
            values_list(1, chunk.len(), 2)
        );
        tx.exec(&sql, chunk.iter().flatten().cloned().collect())
            .await?;
    }
    for ex in &in_force {
        let n = matched.get(ex).copied().unwrap_or(0);
        if n > 0 && scan_id > 0 {
            tx.exec(
                "UPDATE exceptions SET matched = $2, last_match_scan = $3 WHERE id = $1",
                args![*ex, n, scan_id],
            )
            .await?;
        } else {
            tx.exec(
                "UPDATE exceptions SET matched = $2 WHERE id = $1",
                args![*ex, n],
            )
            .await?;
        }
    }
    Ok(Refresh {
        expired: lapsed.len() as u64,
    })
}

async fn insert_scopes(tx: &mut Tx, id: i64, scopes: &[Scope]) -> Result<(), StoreError> {
    tx.exec(
        "DELETE FROM exception_scopes WHERE exception_id = $1",
        args![id],
    )
    .await?;
    for s in scopes {
        let (k, v) = s.tag_parts().unzip();
        tx.exec(
            "INSERT INTO exception_scopes (exception_id, rule, resource_uid, account, tag_key, tag_value) VALUES ($1, $2, $3, $4, $5, $6)",
            args![id, s.rule.clone(), s.resource.clone(), s.account.clone(), k, v.flatten()],
        )
        .await?;
    }
    Ok(())
}

async fn latest_scan(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.int("SELECT COALESCE(MAX(id), 0) FROM scans", vec![])
        .await
}

impl Store {
    /// Request an exception (state `requested`; it applies once approved).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a missing scope, justification, owner or (risk acceptance)
    /// expiry, or an expiry in the past.
    pub async fn add_exception(&self, e: &NewException, now: i64) -> Result<i64, StoreError> {
        e.validate(now)?;
        let mut tx = self.pool.write().await?;
        let id = insert_exception(&mut tx, e, None, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Approve (`approve = true`) or reject a requested exception. The decider must differ from
    /// the requester.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an unknown id, a decided exception, or self-approval.
    pub async fn decide_exception(
        &self,
        id: i64,
        approve: bool,
        by: &str,
        note: Option<&str>,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.write().await?;
        let Some(row) = tx
            .row(
                "SELECT state, requested_by, expires_at FROM exceptions WHERE id = $1",
                args![id],
            )
            .await?
        else {
            return Err(StoreError::Invalid(format!("no exception {id}")));
        };
        if row.str(0) != "requested" {
            return Err(StoreError::Invalid(format!(
                "exception {id} is {}, not requested",
                row.str(0)
            )));
        }
        if by.trim().is_empty() || by.trim() == row.str(1).trim() {
            return Err(StoreError::Invalid(format!(
                "exception {id} was requested by {}; it must be approved or rejected by someone else",
                row.str(1)
            )));
        }
        if approve && row.opt_i64(2).is_some_and(|t| t <= now) {
            return Err(StoreError::Invalid(format!(
                "exception {id} has already expired"
            )));
        }
        let state = if approve { "approved" } else { "rejected" };
        let scan = latest_scan(&mut tx).await?;
        tx.exec(
            "UPDATE exceptions SET state = $2, decided_by = $3, decided_at = $4, approved_scan = $5 WHERE id = $1",
            args![id, state, by, now, scan],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            crate::now(),
            by,
            if approve {
                "exception.approved"
            } else {
                "exception.rejected"
            },
            &format!("exception:{id}"),
            &serde_json::json!({"note": note}),
        )
        .await?;
        refresh(&mut tx, 0, now, by).await?;
        tx.commit().await
    }

    /// Expire an exception now (its findings re-surface).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an unknown or already closed exception.
    pub async fn expire_exception(&self, id: i64, by: &str, now: i64) -> Result<(), StoreError> {
        let mut tx = self.pool.write().await?;
        let state = tx
            .row("SELECT state FROM exceptions WHERE id = $1", args![id])
            .await?
            .map(|r| r.str(0));
        match state.as_deref() {
            None => return Err(StoreError::Invalid(format!("no exception {id}"))),
            Some("requested" | "approved") => {}
            Some(s) => {
                return Err(StoreError::Invalid(format!(
                    "exception {id} is already {s}"
                )));
            }
        }
        tx.exec(
            "UPDATE exceptions SET state = 'expired', expires_at = $2 WHERE id = $1",
            args![id, now],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            crate::now(),
            by,
            "exception.expired",
            &format!("exception:{id}"),
            &serde_json::json!({"reason": "expired by hand"}),
        )
        .await?;
        refresh(&mut tx, 0, now, by).await?;
        tx.commit().await
    }

    /// Every exception, with time-based expiry applied as of `now` and staleness judged
    /// against `stale_after` scans.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn list_exceptions(
        &self,
        now: i64,
        stale_after: i64,
    ) -> Result<Vec<ExceptionView>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT e.id, e.code_key, e.reason, e.justification, e.owner, e.ticket, e.expires_at, e.state, e.requested_by, \
                 e.decided_by, e.matched, \
                 (SELECT COUNT(*) FROM scans s WHERE s.id > COALESCE(e.last_match_scan, e.approved_scan, 0)) \
                 FROM exceptions e ORDER BY e.id",
                vec![],
            )
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.i64(0)).collect();
        let mut scopes = load_scopes(&mut tx, &ids).await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| {
                let id = r.i64(0);
                let mut state = ExceptionState::parse(&r.str(7));
                let expires_at = r.opt_i64(6);
                if state == ExceptionState::Approved && expires_at.is_some_and(|t| t <= now) {
                    state = ExceptionState::Expired;
                }
                let without = r.i64(11);
                ExceptionView {
                    id,
                    key: r.opt_str(1),
                    reason: r.str(2),
                    justification: r.str(3),
                    owner: r.str(4),
                    ticket: r.opt_str(5),
                    expires_at,
                    state,
                    requested_by: r.str(8),
                    decided_by: r.opt_str(9),
                    scopes: scopes.remove(&id).unwrap_or_default(),
                    matched: r.i64(10),
                    scans_without_match: without,
                    stale: state == ExceptionState::Approved
                        && stale_after > 0
                        && without >= stale_after,
                }
            })
            .collect())
    }

    /// Sync exceptions kept as code: add new keys, update changed ones (an approver in the file
    /// approves), revoke keys no longer in the file.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] naming the entry for a bad reason, date or scope, or self-approval.
    pub async fn sync_exceptions(
        &self,
        file: &ExceptionFile,
        actor: &str,
        now: i64,
    ) -> Result<SyncReport, StoreError> {
        let mut report = SyncReport::default();
        let mut tx = self.pool.write().await?;
        let mut seen = Vec::new();
        for fe in &file.exceptions {
            let bad = |m: String| StoreError::Invalid(format!("exception `{}`: {m}", fe.id));
            let reason: Reason = fe.reason.parse().map_err(bad)?;
            let expires_at = fe
                .expires
                .as_deref()
                .map(parse_time)
                .transpose()
                .map_err(bad)?;
            let e = NewException {
                reason,
                justification: fe.justification.clone(),
                owner: fe.owner.clone(),
                ticket: fe.ticket.clone(),
                expires_at,
                scopes: fe.scopes.clone(),
                requested_by: fe.requested_by.clone(),
            };
            if let Some(a) = &fe.approved_by
                && a.trim() == fe.requested_by.trim()
            {
                {
                    return Err(bad(format!(
                        "requested and approved by the same person ({a})"
                    )));
                }
            }
            seen.push(fe.id.clone());
            let existing = tx
                .row(
                    "SELECT id, reason, justification, owner, ticket, expires_at, requested_by, decided_by, state \
                     FROM exceptions WHERE code_key = $1",
                    args![fe.id.as_str()],
                )
                .await?;
            match existing {
                None => {
                    e.validate(now).map_err(|x| bad(x.to_string()))?;
                    let id = insert_exception(&mut tx, &e, Some(&fe.id), now).await?;
                    if let Some(a) = &fe.approved_by {
                        approve_from_file(&mut tx, id, a, now).await?;
                    }
                    report.added += 1;
                }
                Some(r) => {
                    let id = r.i64(0);
                    let old_scopes = load_scopes(&mut tx, &[id])
                        .await?
                        .remove(&id)
                        .unwrap_or_default();
                    let same = r.str(1) == reason.as_str()
                        && r.str(2) == e.justification
                        && r.str(3) == e.owner
                        && r.opt_str(4) == e.ticket
                        && r.opt_i64(5) == e.expires_at
                        && r.str(6) == e.requested_by
                        && r.opt_str(7) == fe.approved_by
                        && old_scopes == e.scopes
                        && r.str(8) != "revoked";
                    if same {
                        report.unchanged += 1;
                        continue;
                    }
                    e.validate(now).map_err(|x| bad(x.to_string()))?;
                    tx.exec(
                        "UPDATE exceptions SET reason = $2, justification = $3, owner = $4, ticket = $5, expires_at = $6, \
                         requested_by = $7, state = 'requested', decided_by = NULL, decided_at = NULL WHERE id = $1",
                        args![
                            id,
                            reason.as_str(),
                            e.justification.clone(),
                            e.owner.clone(),
                            e.ticket.clone(),
                            e.expires_at,
                            e.requested_by.clone()
                        ],
                    )
                    .await?;
                    insert_scopes(&mut tx, id, &e.scopes).await?;
                    crate::audit::append(
                        &mut tx,
                        crate::now(),
                        actor,
                        "exception.synced",
                        &format!("exception:{id}"),
                        &serde_json::json!({"key": fe.id, "scopes": e.scopes}),
                    )
                    .await?;
                    if let Some(a) = &fe.approved_by {
                        approve_from_file(&mut tx, id, a, now).await?;
                    }
                    report.updated += 1;
                }
            }
        }
        let file_rows = tx
            .rows(
                "SELECT id, code_key FROM exceptions WHERE source = 'file' AND state IN ('requested', 'approved')",
                vec![],
            )
            .await?;
        for r in file_rows {
            if seen.contains(&r.str(1)) {
                continue;
            }
            let id = r.i64(0);
            tx.exec(
                "UPDATE exceptions SET state = 'revoked' WHERE id = $1",
                args![id],
            )
            .await?;
            crate::audit::append(
                &mut tx,
                crate::now(),
                actor,
                "exception.revoked",
                &format!("exception:{id}"),
                &serde_json::json!({"key": r.str(1), "reason": "removed from the exceptions file"}),
            )
            .await?;
            report.revoked += 1;
        }
        refresh(&mut tx, 0, now, actor).await?;
        tx.commit().await?;
        Ok(report)
    }
}

async fn insert_exception(
    tx: &mut Tx,
    e: &NewException,
    key: Option<&str>,
    now: i64,
) -> Result<i64, StoreError> {
    let id = tx
        .int(
            "INSERT INTO exceptions (code_key, reason, justification, owner, ticket, expires_at, state, requested_by, requested_at, source) \
             VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $8, $9) RETURNING id",
            args![
                key,
                e.reason.as_str(),
                e.justification.clone(),
                e.owner.clone(),
                e.ticket.clone(),
                e.expires_at,
                e.requested_by.clone(),
                now,
                if key.is_some() { "file" } else { "cli" }
            ],
        )
        .await?;
    insert_scopes(tx, id, &e.scopes).await?;
    crate::audit::append(
        tx,
        crate::now(),
        &e.requested_by,
        "exception.requested",
        &format!("exception:{id}"),
        &serde_json::json!({
            "key": key,
            "reason": e.reason.as_str(),
            "justification": e.justification,
            "owner": e.owner,
            "ticket": e.ticket,
            "expires_at": e.expires_at,
            "scopes": e.scopes,
        }),
    )
    .await?;
    Ok(id)
}

async fn approve_from_file(tx: &mut Tx, id: i64, by: &str, now: i64) -> Result<(), StoreError> {
    let scan = latest_scan(tx).await?;
    tx.exec(
        "UPDATE exceptions SET state = 'approved', decided_by = $2, decided_at = $3, approved_scan = $4 WHERE id = $1",
        args![id, by, now, scan],
    )
    .await?;
    crate::audit::append(
        tx,
        crate::now(),
        by,
        "exception.approved",
        &format!("exception:{id}"),
        &serde_json::json!({"via": "exceptions file"}),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_and_match() {
        let s = Scope::parse("rule=aws.s3.*, account=1, tag=env=dev").unwrap();
        let mut c = Candidate {
            id: 1,
            rule_id: "aws.s3.bucket_public_acl".into(),
            resource_uid: "arn:aws:s3:::x".into(),
            account: "1".into(),
            tags: BTreeMap::from([("env".to_owned(), "dev".to_owned())]),
            exception_id: None,
        };
        assert!(s.matches(&c));
        c.tags.insert("env".into(), "prod".into());
        assert!(!s.matches(&c));
        assert!(Scope::parse("tag=env").unwrap().matches(&c));
        assert!(Scope::parse("").is_err());
        assert!(Scope::parse("rule=*").is_err());
        assert!(Scope::parse("colour=red").is_err());
        assert_eq!(s.to_string(), "rule=aws.s3.*,account=1,tag=env=dev");
        assert!(parse_time("2027-01-31").is_ok());
        assert!(parse_time("soon").is_err());
    }
}
