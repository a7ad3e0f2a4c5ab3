//! Recording a scan: the lifecycle algorithm.
//!
//! For every finding uid the scan decides one of:
//!
//! | before \ observed   | fail / unknown                 | pass / not applicable | not observed                                   |
//! |---------------------|--------------------------------|-----------------------|------------------------------------------------|
//! | (no row)            | insert, state `new`            | nothing               | –                                              |
//! | new / open / reopened | state `open` (event `changed` when status or severity changed) | `resolved` | resource deleted from a completely collected scope → `resolved` (status `deleted`); otherwise **held open** |
//! | resolved            | `reopened`, reopen count + 1   | nothing               | nothing                                        |
//!
//! "Observed" means the resource is in the inventory *and* the rule ran. "Completely collected"
//! means a `collected` coverage entry names the resource's provider, account, region (or `*`)
//! and service (or `*`), and no failed, partial or skipped entry (where `*` and an empty provider
//! match anything) covers it — so a scan with any failed input never resolves by deletion.

use std::collections::{BTreeSet, HashMap, HashSet};

use posture_model::{CoverageEntry, CoverageStatus, Inventory, Severity, Status, finding_uid};
use posture_rules::Evaluation;
use sha2::{Digest, Sha256};

use crate::db::{Val, args, placeholders, values_list};
use crate::sla::SlaPolicy;
use crate::{ScanSummary, StoreError, sev_num, tags_json};

/// A resource the scan observed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObservedResource {
    /// Resource uid.
    pub uid: String,
    /// `aws`, `azure`, `gcp`.
    pub provider: String,
    /// Account, subscription or project.
    pub account: String,
    /// Region.
    pub region: String,
    /// Kind id (`aws.s3.bucket`).
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Tags / labels.
    pub tags: posture_model::Tags,
}

/// A rule that ran in the scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Rule id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Severity.
    pub severity: Severity,
}

/// One factor of a recorded risk score (see `docs/risk.md`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RiskFactor {
    /// `severity`, `exposure`, `data`, `environment` or `compliance`.
    pub name: String,
    /// The level found (`critical`, `internet`, `restricted`, `prod`, `3 controls`).
    #[serde(default)]
    pub level: String,
    /// The level's value (0-1).
    #[serde(default)]
    pub value: f64,
    /// Its weight (exponent).
    #[serde(default)]
    pub weight: f64,
    /// `value ^ weight`: what the factor multiplies the score by.
    #[serde(default)]
    pub multiplier: f64,
    /// Points of the 100 this factor took away.
    #[serde(default)]
    pub points: f64,
    /// Why (the tag the context came from, the mapped frameworks, …).
    #[serde(default)]
    pub detail: String,
    /// Exposure factor only: the hops of the path to the internet (entry first), the hop that
    /// blocks it (internal) or the hops whose data is missing (unknown). Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
}

/// A finding's risk score as computed by the scan (`posture-risk`); the store records it and
/// does not score by itself.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RiskRecord {
    /// 0-100.
    pub score: u8,
    /// The factors, in formula order.
    pub factors: Vec<RiskFactor>,
}

/// Round to 4 decimals (non-finite values become 0) so stored JSON stays short and stable.
fn round4(x: f64) -> f64 {
    if x.is_finite() {
        // `+ 0.0` turns −0 into 0.
        (x * 10_000.0).round() / 10_000.0 + 0.0
    } else {
        0.0
    }
}

impl RiskRecord {
    /// The columns as stored: `risk_score` and `risk_factors` (a JSON array).
    fn columns(&self) -> (i64, String) {
        let factors: Vec<RiskFactor> = self
            .factors
            .iter()
            .map(|f| RiskFactor {
                value: round4(f.value),
                weight: round4(f.weight),
                multiplier: round4(f.multiplier),
                points: round4(f.points),
                ..f.clone()
            })
            .collect();
        (
            i64::from(self.score.min(100)),
            serde_json::to_string(&factors).unwrap_or_else(|_| "[]".to_owned()),
        )
    }
}

/// One verdict: rule `rule` on resource `resource` (indexes into [`ScanInput`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ObservedOutcome {
    /// Index into [`ScanInput::resources`].
    pub resource: u32,
    /// Index into [`ScanInput::rules`].
    pub rule: u16,
    /// Verdict.
    pub status: Status,
    /// Message (failures and unknowns).
    pub message: Option<String>,
    /// Risk score (failures and unknowns; `None`: not scored).
    pub risk: Option<RiskRecord>,
}

/// What the engine produced for one scan, in the form the store records.
#[derive(Clone, Debug, Default)]
pub struct ScanInput {
    /// The scan's reference time (Unix seconds).
    pub as_of: i64,
    /// Every resource observed.
    pub resources: Vec<ObservedResource>,
    /// Every rule that ran.
    pub rules: Vec<RuleInfo>,
    /// Every evaluation (passes included: they resolve findings).
    pub outcomes: Vec<ObservedOutcome>,
    /// Coverage entries (collected, partial, failed, skipped).
    pub coverage: Vec<CoverageEntry>,
    /// Inputs that could not be read: (path, error).
    pub failed_inputs: Vec<(String, String)>,
    /// Free-form label (`nightly`, a CI run id).
    pub label: Option<String>,
}

impl ScanInput {
    /// Build the input from an inventory and its evaluation.
    #[must_use]
    pub fn from_evaluation(
        inventory: &Inventory,
        evaluation: &Evaluation,
        as_of: i64,
    ) -> ScanInput {
        let resources = inventory
            .resources
            .iter()
            .map(|r| ObservedResource {
                uid: r.uid.clone(),
                provider: r.provider.as_str().to_owned(),
                account: r.account.clone(),
                region: r.region.clone(),
                kind: r.kind().as_str().to_owned(),
                name: r.name.clone(),
                tags: r.tags.clone(),
            })
            .collect();
        let rules = evaluation
            .rules
            .iter()
            .map(|r| RuleInfo {
                id: r.meta().id.to_owned(),
                title: r.meta().title.to_owned(),
                severity: r.meta().severity,
            })
            .collect();
        let outcomes = evaluation
            .outcomes
            .iter()
            .map(|o| ObservedOutcome {
                resource: o.resource,
                rule: o.rule,
                status: o.status,
                message: match o.status {
                    Status::Fail | Status::Unknown => o.detail.as_ref().map(|d| d.message.clone()),
                    Status::Pass | Status::NotApplicable => None,
                },
                risk: None,
            })
            .collect();
        ScanInput {
            as_of,
            resources,
            rules,
            outcomes,
            coverage: inventory.coverage.clone(),
            failed_inputs: inventory
                .sources
                .iter()
                .filter_map(|s| s.error.as_ref().map(|e| (s.path.clone(), e.clone())))
                .collect(),
            label: None,
        }
    }

    /// Attach risk scores, parallel to [`ScanInput::outcomes`] (as `posture_risk::score_evaluation`
    /// returns them for the evaluation this input was built from). Scores of passing outcomes
    /// are ignored when recording; missing entries leave an outcome unscored.
    #[must_use]
    pub fn with_risks(mut self, risks: impl IntoIterator<Item = Option<RiskRecord>>) -> ScanInput {
        for (o, r) in self.outcomes.iter_mut().zip(risks) {
            o.risk = r;
        }
        self
    }
}

/// How to record.
#[derive(Clone, Debug)]
pub struct RecordOptions {
    /// Who recorded the scan (audit log).
    pub actor: String,
    /// SLA policy for the per-scan overdue counts.
    pub sla: SlaPolicy,
    /// Record at most one scan per label: when a scan with the input's label already exists,
    /// nothing is written and its id is returned with `duplicate` set. Workers label scans with
    /// their job id so a job re-run after a lost lease cannot record twice.
    pub once_per_label: bool,
    /// Test hook: fail (and roll back) after this many write batches.
    #[doc(hidden)]
    pub fail_after_batches: Option<usize>,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions {
            actor: "posture".into(),
            sla: SlaPolicy::default(),
            once_per_label: false,
            fail_after_batches: None,
        }
    }
}

/// Rows per multi-row statement (well under both engines' parameter limits).
const BATCH: usize = 400;

struct Existing {
    id: i64,
    state: String,
    status: String,
    severity: i64,
    fp: i64,
    opened_at: i64,
    reopen_count: i64,
}

struct Batches {
    done: usize,
    fail_after: Option<usize>,
}

impl Batches {
    fn tick(&mut self) -> Result<(), StoreError> {
        self.done += 1;
        match self.fail_after {
            Some(n) if self.done >= n => Err(StoreError::Injected(format!(
                "stopped after {} write batches",
                self.done
            ))),
            _ => Ok(()),
        }
    }
}

/// FNV-1a over the detail fields: detects a changed message, name or tags without loading them.
fn fingerprint(parts: &[&str]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    i64::from_ne_bytes(h.to_ne_bytes())
}

fn status_str(s: Status) -> &'static str {
    s.as_str()
}

/// Normalized service name for matching coverage entries to kinds (`S3` → `s3`,
/// `microsoft.storage` → `storage`, `storage.googleapis.com` → `storage`).
fn norm_service(s: &str) -> String {
    let s = s.to_ascii_lowercase();
    let s = s.strip_prefix("microsoft.").unwrap_or(&s);
    let s = s.split(".googleapis.com").next().unwrap_or(s);
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The scope a finding's resource lives in.
struct Place<'a> {
    provider: &'a str,
    account: &'a str,
    region: &'a str,
    service: String,
}

fn wild(v: &str) -> bool {
    v.is_empty() || v == "*"
}

/// Whether the scan proves the resource gone: a complete, explicit collection of its scope and
/// no failure anywhere that could cover it.
fn deletion_proven(place: &Place<'_>, coverage: &[CoverageEntry]) -> bool {
    let mut collected = false;
    for e in coverage {
        match e.status {
            CoverageStatus::Collected => {
                if e.provider == place.provider
                    && !wild(&e.account)
                    && e.account == place.account
                    && (e.region == "*" || e.region == place.region)
                    && (e.service == "*" || norm_service(&e.service) == place.service)
                {
                    collected = true;
                }
            }
            CoverageStatus::Failed | CoverageStatus::Partial | CoverageStatus::Skipped => {
                let covers = (wild(&e.provider) || e.provider == place.provider)
                    && (wild(&e.account) || e.account == place.account)
                    && (wild(&e.region) || e.region == place.region)
                    && (wild(&e.service) || norm_service(&e.service) == place.service);
                if covers {
                    return false;
                }
            }
        }
    }
    collected
}

fn is_active(state: &str) -> bool {
    state != "resolved"
}

pub(crate) async fn record(
    pool: &crate::db::Pool,
    input: &ScanInput,
    opts: &RecordOptions,
) -> Result<ScanSummary, StoreError> {
    let as_of = input.as_of;
    let ran: HashSet<&str> = input.rules.iter().map(|r| r.id.as_str()).collect();
    let observed: HashSet<&str> = input.resources.iter().map(|r| r.uid.as_str()).collect();
    // uid of every outcome, computed once; a uid seen twice keeps its last verdict.
    let mut uids: Vec<String> = Vec::with_capacity(input.outcomes.len());
    let mut digest_lines: Vec<String> = Vec::new();
    let (mut failed, mut unknown) = (0i64, 0i64);
    for (i, o) in input.outcomes.iter().enumerate() {
        let (Some(res), Some(rule)) = (
            input.resources.get(o.resource as usize),
            input.rules.get(usize::from(o.rule)),
        ) else {
            return Err(StoreError::Invalid(format!(
                "outcome {i} refers to a resource or rule that is not in the scan"
            )));
        };
        let uid = finding_uid(&rule.id, &res.uid);
        match o.status {
            Status::Fail => failed += 1,
            Status::Unknown => unknown += 1,
            Status::Pass | Status::NotApplicable => {}
        }
        if matches!(o.status, Status::Fail | Status::Unknown) {
            digest_lines.push(format!("{uid} {}", o.status.as_str()));
        }
        uids.push(uid);
    }
    let mut by_uid: HashMap<&str, usize> = HashMap::with_capacity(uids.len());
    for (i, u) in uids.iter().enumerate() {
        by_uid.insert(u.as_str(), i);
    }
    digest_lines.sort_unstable();
    let mut h = Sha256::new();
    for l in &digest_lines {
        h.update(l.as_bytes());
        h.update(b"\n");
    }
    let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let mut accounts: BTreeSet<&str> = input.resources.iter().map(|r| r.account.as_str()).collect();
    for e in &input.coverage {
        if !wild(&e.account) {
            accounts.insert(e.account.as_str());
        }
    }
    let mut accounts_s: Vec<&str> = accounts.iter().copied().take(50).collect();
    if accounts.len() > 50 {
        accounts_s.push("…");
    }
    let accounts_s = accounts_s.join(",");

    let mut batches = Batches {
        done: 0,
        fail_after: opts.fail_after_batches,
    };
    let mut tx = pool.write().await?;
    if opts.once_per_label
        && let Some(label) = &input.label
        && let Some(row) = tx
            .row(
                "SELECT id FROM scans WHERE label = $1 ORDER BY id LIMIT 1",
                args![label.as_str()],
            )
            .await?
    {
        tx.commit().await?;
        return Ok(ScanSummary {
            scan_id: row.i64(0),
            duplicate: true,
            ..ScanSummary::default()
        });
    }

    // Current state.
    let rows = tx
        .rows(
            "SELECT id, uid, state, status, severity, fp, opened_at, reopen_count FROM findings",
            vec![],
        )
        .await?;
    let mut existing: HashMap<String, Existing> = HashMap::with_capacity(rows.len());
    for r in rows {
        existing.insert(
            r.str(1),
            Existing {
                id: r.i64(0),
                state: r.str(2),
                status: r.str(3),
                severity: r.i64(4),
                fp: r.i64(5),
                opened_at: r.i64(6),
                reopen_count: r.i64(7),
            },
        );
    }
    let active_places = tx
        .rows(
            "SELECT id, uid, provider, account, region, resource_kind, rule_id, resource_uid FROM findings WHERE state <> 'resolved'",
            vec![],
        )
        .await?;

    let scan_id = tx
        .int(
            "INSERT INTO scans (as_of, recorded_at, label, actor, resources, evaluations, failed, unknown, failed_inputs, accounts) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            args![
                as_of,
                crate::now(),
                input.label.clone(),
                opts.actor.clone(),
                i64::try_from(input.resources.len()).unwrap_or(i64::MAX),
                i64::try_from(input.outcomes.len()).unwrap_or(i64::MAX),
                failed,
                unknown,
                i64::try_from(input.failed_inputs.len()).unwrap_or(i64::MAX),
                accounts_s
            ],
        )
        .await?;

    let mut summary = ScanSummary {
        scan_id,
        ..ScanSummary::default()
    };
    let mut inserts: Vec<Vec<Val>> = Vec::new();
    let mut touches: Vec<i64> = Vec::new();
    let mut updates: Vec<Vec<Val>> = Vec::new();
    let mut resolves: Vec<Vec<Val>> = Vec::new();
    // Events for existing rows: (finding id, event, status, open seconds).
    let mut events: Vec<(i64, &'static str, &'static str, Option<i64>)> = Vec::new();
    // Events for new rows, keyed by uid until their ids are known.
    let mut new_uids: Vec<(String, &'static str)> = Vec::new();

    for (i, (o, uid)) in input.outcomes.iter().zip(&uids).enumerate() {
        if by_uid.get(uid.as_str()) != Some(&i) {
            continue;
        }
        let (Some(res), Some(rule)) = (
            input.resources.get(o.resource as usize),
            input.rules.get(usize::from(o.rule)),
        ) else {
            continue;
        };
        let failing = matches!(o.status, Status::Fail | Status::Unknown);
        let prev = existing.get(uid);
        match (prev, failing) {
            (None, false) => {}
            (Some(p), false) => {
                if is_active(&p.state) {
                    let open_s = (as_of - p.opened_at).max(0);
                    resolves.push(args![p.id, status_str(o.status), as_of]);
                    events.push((p.id, "resolved", status_str(o.status), Some(open_s)));
                    summary.resolved += 1;
                }
            }
            (prev, true) => {
                let tags = tags_json(&res.tags);
                let message = o.message.clone().unwrap_or_default();
                let sev = sev_num(rule.severity);
                let (risk_score, risk_factors) = match &o.risk {
                    Some(r) => {
                        let (score, factors) = r.columns();
                        (Some(score), Some(factors))
                    }
                    None => (None, None),
                };
                let mut parts: Vec<&str> = vec![
                    rule.title.as_str(),
                    message.as_str(),
                    res.name.as_str(),
                    tags.as_deref().unwrap_or(""),
                    res.region.as_str(),
                    res.kind.as_str(),
                ];
                // A changed score or explanation updates the row; without a score the
                // fingerprint is the one of schema 2, so unscored inputs are not rewritten.
                let score_s = risk_score.map(|n| n.to_string());
                if let (Some(n), Some(f)) = (&score_s, &risk_factors) {
                    parts.push(n);
                    parts.push(f);
                }
                let fp = fingerprint(&parts);
                let status = status_str(o.status);
                match prev {
                    None => {
                        inserts.push(args![
                            uid.clone(),
                            rule.id.clone(),
                            rule.title.clone(),
                            sev,
                            res.uid.clone(),
                            res.name.clone(),
                            res.kind.clone(),
                            res.provider.clone(),
                            res.account.clone(),
                            res.region.clone(),
                            tags,
                            status,
                            "new",
                            message,
                            as_of,
                            as_of,
                            as_of,
                            0i64,
                            scan_id,
                            scan_id,
                            fp,
                            risk_score,
                            risk_factors
                        ]);
                        new_uids.push((uid.clone(), status));
                        summary.new += 1;
                    }
                    Some(p) if is_active(&p.state) => {
                        let changed = p.status != status || p.severity != sev;
                        if changed {
                            events.push((p.id, "changed", status, None));
                            summary.changed += 1;
                        }
                        if changed || p.fp != fp {
                            updates.push(args![
                                p.id,
                                status,
                                "open",
                                sev,
                                rule.title.clone(),
                                message,
                                res.name.clone(),
                                tags,
                                fp,
                                as_of,
                                scan_id,
                                p.opened_at,
                                Option::<i64>::None,
                                p.reopen_count,
                                risk_score,
                                risk_factors
                            ]);
                        } else {
                            touches.push(p.id);
                        }
                    }
                    Some(p) => {
                        // Resolved before, failing again.
                        updates.push(args![
                            p.id,
                            status,
                            "reopened",
                            sev,
                            rule.title.clone(),
                            message,
                            res.name.clone(),
                            tags,
                            fp,
                            as_of,
                            scan_id,
                            as_of,
                            Option::<i64>::None,
                            p.reopen_count + 1,
                            risk_score,
                            risk_factors
                        ]);
                        events.push((p.id, "reopened", status, None));
                        summary.reopened += 1;
                    }
                }
            }
        }
    }

    // Open findings this scan did not evaluate.
    for r in &active_places {
        let uid = r.str(1);
        if by_uid.contains_key(uid.as_str()) {
            continue;
        }
        let (id, provider, account, region, kind, rule_id, resource_uid) = (
            r.i64(0),
            r.str(2),
            r.str(3),
            r.str(4),
            r.str(5),
            r.str(6),
            r.str(7),
        );
        let opened_at = existing.get(&uid).map_or(as_of, |e| e.opened_at);
        if observed.contains(resource_uid.as_str()) && ran.contains(rule_id.as_str()) {
            // Observed and the rule ran, yet no verdict: the rule no longer applies.
            resolves.push(args![id, "not_applicable", as_of]);
            events.push((
                id,
                "resolved",
                "not_applicable",
                Some((as_of - opened_at).max(0)),
            ));
            summary.resolved += 1;
            continue;
        }
        let place = Place {
            provider: &provider,
            account: &account,
            region: &region,
            service: norm_service(kind.split('.').nth(1).unwrap_or("")),
        };
        if !observed.contains(resource_uid.as_str()) && deletion_proven(&place, &input.coverage) {
            resolves.push(args![id, "deleted", as_of]);
            events.push((id, "resolved", "deleted", Some((as_of - opened_at).max(0))));
            summary.resolved += 1;
            summary.deleted += 1;
        } else {
            summary.held_open += 1;
        }
    }

    // Write: new rows first (their ids feed the events).
    let mut new_ids: HashMap<String, i64> = HashMap::with_capacity(inserts.len());
    for chunk in inserts.chunks(BATCH) {
        let cols = 23;
        let sql = format!(
            "INSERT INTO findings (uid, rule_id, title, severity, resource_uid, resource_name, resource_kind, provider, account, \
             region, tags, status, state, message, first_seen, last_seen, opened_at, reopen_count, first_scan, last_scan, fp, \
             risk_score, risk_factors) \
             VALUES {} RETURNING id, uid",
            values_list(1, chunk.len(), cols)
        );
        let params: Vec<Val> = chunk.iter().flatten().cloned().collect();
        for row in tx.rows(&sql, params).await? {
            new_ids.insert(row.str(1), row.i64(0));
        }
        batches.tick()?;
    }
    for (uid, status) in &new_uids {
        if let Some(id) = new_ids.get(uid) {
            events.push((*id, "new", status, None));
        }
    }
    for chunk in touches.chunks(BATCH * 2) {
        let sql = format!(
            "UPDATE findings SET last_seen = $1, last_scan = $2, state = 'open' WHERE id IN ({})",
            placeholders(3, chunk.len())
        );
        let mut params = args![as_of, scan_id];
        params.extend(chunk.iter().map(|id| Val::Int(Some(*id))));
        tx.exec(&sql, params).await?;
        batches.tick()?;
    }
    for chunk in updates.chunks(BATCH) {
        let sql = format!(
            "UPDATE findings SET status = v.column2, state = v.column3, severity = v.column4, title = v.column5, \
             message = v.column6, resource_name = v.column7, tags = v.column8, fp = v.column9, last_seen = v.column10, \
             last_scan = v.column11, opened_at = v.column12, resolved_at = v.column13, reopen_count = v.column14, \
             risk_score = v.column15, risk_factors = v.column16 \
             FROM (VALUES {}) AS v WHERE findings.id = v.column1",
            values_list(1, chunk.len(), 16)
        );
        tx.exec(&sql, chunk.iter().flatten().cloned().collect())
            .await?;
        batches.tick()?;
    }
    for chunk in resolves.chunks(BATCH) {
        let sql = format!(
            "UPDATE findings SET state = 'resolved', status = v.column2, resolved_at = v.column3 \
             FROM (VALUES {}) AS v WHERE findings.id = v.column1",
            values_list(1, chunk.len(), 3)
        );
        tx.exec(&sql, chunk.iter().flatten().cloned().collect())
            .await?;
        batches.tick()?;
    }
    events.sort_by_key(|e| e.0);
    for chunk in events.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO finding_events (finding_id, scan_id, event, status, at, open_seconds) VALUES {}",
            values_list(1, chunk.len(), 6)
        );
        let mut params = Vec::with_capacity(chunk.len() * 6);
        for (id, ev, st, open_s) in chunk {
            params.extend(args![*id, scan_id, *ev, *st, as_of, *open_s]);
        }
        tx.exec(&sql, params).await?;
        batches.tick()?;
    }
    for chunk in input.coverage.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO scan_coverage (scan_id, provider, account, region, service, status, reason, resources, source) VALUES {}",
            values_list(1, chunk.len(), 9)
        );
        let mut params = Vec::with_capacity(chunk.len() * 9);
        for e in chunk {
            params.extend(args![
                scan_id,
                e.provider.clone(),
                e.account.clone(),
                e.region.clone(),
                e.service.clone(),
                coverage_status(e.status),
                e.reason.clone(),
                i64::try_from(e.resources).unwrap_or(i64::MAX),
                e.source.clone()
            ]);
        }
        tx.exec(&sql, params).await?;
        batches.tick()?;
    }

    // Exceptions: expire the lapsed ones, then match open findings.
    let ex = crate::exceptions::refresh(&mut tx, scan_id, as_of, &opts.actor).await?;
    summary.expired_exceptions = ex.expired;

    // Rollups by severity.
    let sla = opts.sla.by_num();
    let counts = tx
        .rows(
            "SELECT severity, COUNT(*), \
             CAST(SUM(CASE WHEN opened_at + (CASE severity WHEN 4 THEN $2 WHEN 3 THEN $3 WHEN 2 THEN $4 WHEN 1 THEN $5 ELSE $6 END) < $1 THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN exception_id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(SUM(baseline) AS BIGINT) \
             FROM findings WHERE state <> 'resolved' GROUP BY severity",
            args![as_of, sla[4], sla[3], sla[2], sla[1], sla[0]],
        )
        .await?;
    for c in &counts {
        tx.exec(
            "INSERT INTO scan_counts (scan_id, severity, open, overdue, excepted, baseline) VALUES ($1, $2, $3, $4, $5, $6)",
            args![scan_id, c.i64(0), c.i64(1), c.i64(2), c.i64(3), c.i64(4)],
        )
        .await?;
        let n = u64::try_from(c.i64(1)).unwrap_or(0);
        summary.open += n;
        summary.excepted += u64::try_from(c.i64(3)).unwrap_or(0);
        summary.baseline += u64::try_from(c.i64(4)).unwrap_or(0);
    }
    let has_baseline = tx.int("SELECT COUNT(*) FROM baselines", vec![]).await? > 0;
    summary.not_in_baseline = if has_baseline {
        summary.open - summary.baseline
    } else {
        summary.open
    };

    let details = serde_json::json!({
        "scan": scan_id,
        "as_of": as_of,
        "resources": input.resources.len(),
        "evaluations": input.outcomes.len(),
        "failed": failed,
        "unknown": unknown,
        "new": summary.new,
        "resolved": summary.resolved,
        "reopened": summary.reopened,
        "held_open": summary.held_open,
        "failed_inputs": input.failed_inputs.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "findings_sha256": digest,
    });
    let seq = crate::audit::append(
        &mut tx,
        crate::now(),
        &opts.actor,
        "scan.recorded",
        &format!("scan:{scan_id}"),
        &details,
    )
    .await?;
    tx.exec(
        "UPDATE scans SET new_findings = $2, resolved = $3, reopened = $4, held_open = $5, not_in_baseline = $6, audit_seq = $7 WHERE id = $1",
        args![
            scan_id,
            i64::try_from(summary.new).unwrap_or(0),
            i64::try_from(summary.resolved).unwrap_or(0),
            i64::try_from(summary.reopened).unwrap_or(0),
            i64::try_from(summary.held_open).unwrap_or(0),
            i64::try_from(summary.not_in_baseline).unwrap_or(0),
            seq
        ],
    )
    .await?;
    batches.tick()?;
    tx.commit().await?;
    Ok(summary)
}

fn coverage_status(s: CoverageStatus) -> &'static str {
    match s {
        CoverageStatus::Collected => "collected",
        CoverageStatus::Partial => "partial",
        CoverageStatus::Failed => "failed",
        CoverageStatus::Skipped => "skipped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cov(
        provider: &str,
        account: &str,
        region: &str,
        service: &str,
        status: CoverageStatus,
    ) -> CoverageEntry {
        CoverageEntry {
            provider: provider.into(),
            account: account.into(),
            region: region.into(),
            service: service.into(),
            status,
            reason: None,
            resources: 1,
            source: "f".into(),
        }
    }

    #[test]
    fn deletion_needs_complete_explicit_coverage() {
        let place = Place {
            provider: "aws",
            account: "1",
            region: "us-east-1",
            service: "s3".into(),
        };
        let ok = cov("aws", "1", "us-east-1", "S3", CoverageStatus::Collected);
        assert!(deletion_proven(&place, std::slice::from_ref(&ok)));
        // Another service, account or region proves nothing.
        assert!(!deletion_proven(
            &place,
            &[cov(
                "aws",
                "1",
                "us-east-1",
                "EC2",
                CoverageStatus::Collected
            )]
        ));
        assert!(!deletion_proven(
            &place,
            &[cov(
                "aws",
                "2",
                "us-east-1",
                "S3",
                CoverageStatus::Collected
            )]
        ));
        // A wildcard "collected" entry (an inventory file without coverage) proves nothing.
        assert!(!deletion_proven(
            &place,
            &[cov("", "*", "*", "*", CoverageStatus::Collected)]
        ));
        // Any failure that could cover it wins.
        assert!(!deletion_proven(
            &place,
            &[ok.clone(), cov("", "*", "*", "*", CoverageStatus::Failed)]
        ));
        assert!(!deletion_proven(
            &place,
            &[
                ok.clone(),
                cov("aws", "1", "us-east-1", "s3", CoverageStatus::Partial)
            ]
        ));
        assert!(deletion_proven(
            &place,
            &[ok, cov("aws", "2", "*", "*", CoverageStatus::Failed)]
        ));
        assert_eq!(norm_service("Microsoft.Storage"), "storage");
        assert_eq!(norm_service("storage.googleapis.com"), "storage");
    }
}
