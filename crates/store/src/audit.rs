//! The audit chain: an append-only log whose every entry's hash covers the previous entry's
//! hash, so editing, removing or reordering entries breaks the chain.

use sha2::{Digest, Sha256};

use crate::db::{Tx, args};
use crate::{Store, StoreError};

/// Hash of the (absent) entry before the first.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// Position in the chain (1, 2, …).
    pub seq: i64,
    /// When (Unix seconds).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// What (`scan.recorded`, `exception.added`, `exception.approved`, `baseline.set`, `fix.applied`, …).
    pub action: String,
    /// On what (`scan:12`, `exception:3`).
    pub subject: String,
    /// Details (JSON).
    pub details: String,
    /// Hash of the previous entry.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// The result of verifying the chain.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AuditReport {
    /// Entries checked.
    pub entries: u64,
    /// Problems found (empty when the chain is intact).
    pub problems: Vec<String>,
}

impl AuditReport {
    /// Whether the chain is intact.
    #[must_use]
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

fn entry_hash(
    seq: i64,
    at: i64,
    actor: &str,
    action: &str,
    subject: &str,
    details: &str,
    prev: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        seq.to_string().as_str(),
        at.to_string().as_str(),
        actor,
        action,
        subject,
        details,
        prev,
    ] {
        // Length-prefixed so field boundaries cannot be shifted.
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Append an entry inside a write transaction; returns its sequence number.
pub(crate) async fn append(
    tx: &mut Tx,
    at: i64,
    actor: &str,
    action: &str,
    subject: &str,
    details: &serde_json::Value,
) -> Result<i64, StoreError> {
    let last = tx
        .row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            vec![],
        )
        .await?;
    let (seq, prev) = match last {
        Some(r) => (r.i64(0) + 1, r.str(1)),
        None => (1, GENESIS.to_owned()),
    };
    let details = details.to_string();
    let hash = entry_hash(seq, at, actor, action, subject, &details, &prev);
    tx.exec(
        "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        args![seq, at, actor, action, subject, details, prev, hash],
    )
    .await?;
    Ok(seq)
}

impl Store {
    /// Append an audit entry (e.g. `fix.applied` from the remediation workflow).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn audit_append(
        &self,
        actor: &str,
        action: &str,
        subject: &str,
        details: &serde_json::Value,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.write().await?;
        let seq = append(&mut tx, crate::now(), actor, action, subject, details).await?;
        tx.commit().await?;
        Ok(seq)
    }

    /// The last `limit` audit entries, newest first.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT $1",
                args![limit],
            )
            .await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                seq: r.i64(0),
                at: r.i64(1),
                actor: r.str(2),
                action: r.str(3),
                subject: r.str(4),
                details: r.str(5),
                prev_hash: r.str(6),
                hash: r.str(7),
            })
            .collect())
    }

    /// Verify the whole chain: sequence numbers contiguous from 1, every `prev_hash` equal to
    /// the previous entry's hash, every hash recomputed from the entry's fields, and every
    /// recorded scan pointing at its own `scan.recorded` entry.
    ///
    /// # Errors
    /// [`StoreError::Db`] (a broken chain is a report, not an error).
    pub async fn audit_verify(&self) -> Result<AuditReport, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq",
                vec![],
            )
            .await?;
        let scans = tx
            .rows("SELECT id, audit_seq FROM scans ORDER BY id", vec![])
            .await?;
        tx.commit().await?;
        let mut report = AuditReport {
            entries: rows.len() as u64,
            problems: Vec::new(),
        };
        let mut prev = GENESIS.to_owned();
        let mut expected = 1i64;
        let mut by_seq = std::collections::HashMap::new();
        for r in &rows {
            let seq = r.i64(0);
            if seq != expected {
                report.problems.push(format!(
                    "entry {expected} is missing or out of order (found {seq} in its place)"
                ));
            }
            if r.str(6) != prev {
                report.problems.push(format!(
                    "entry {seq}: previous-hash link broken (an entry before it was edited, removed or reordered)"
                ));
            }
            let want = entry_hash(
                seq,
                r.i64(1),
                &r.str(2),
                &r.str(3),
                &r.str(4),
                &r.str(5),
                &r.str(6),
            );
            if r.str(7) != want {
                report.problems.push(format!(
                    "entry {seq}: contents do not match its hash (edited)"
                ));
            }
            by_seq.insert(seq, (r.str(3), r.str(4)));
            prev = r.str(7);
            expected = seq + 1;
        }
        for s in &scans {
            let id = s.i64(0);
            match s.opt_i64(1) {
                // Scans recorded before schema 2 have no link.
                None => {}
                Some(seq) => match by_seq.get(&seq) {
                    Some((action, subject))
                        if action == "scan.recorded" && *subject == format!("scan:{id}") => {}
                    _ => report.problems.push(format!(
                        "scan {id}: its audit entry {seq} is missing or describes something else"
                    )),
                },
            }
        }
        Ok(report)
    }
}
