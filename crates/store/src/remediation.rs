//! The remediation workflow's records: approvals of fix plan items (approver ≠ requester) and
//! fix runs (before/after state, result, error, validation). Every request, decision and run is
//! also appended to the audit chain in the same transaction.

use crate::db::{Row, Tx, args};
use crate::{Store, StoreError};

/// A plan item's approval request and its decision.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Approval {
    /// Row id.
    pub id: i64,
    /// The plan item id (stable per rule, resource and fix).
    pub item_id: String,
    /// Finding uid.
    pub finding_uid: String,
    /// Rule id.
    pub rule_id: String,
    /// Resource uid.
    pub resource_uid: String,
    /// The plan item as JSON.
    pub item: serde_json::Value,
    /// Who asked for it.
    pub requester: String,
    /// When (Unix seconds).
    pub requested_at: i64,
    /// `pending`, `approved` or `rejected`.
    pub decision: String,
    /// Who decided.
    pub approver: Option<String>,
    /// When.
    pub decided_at: Option<i64>,
    /// Note given with the decision.
    pub note: Option<String>,
}

/// One attempt to apply a fix, to be recorded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewFixRun {
    /// The plan item id.
    pub item_id: String,
    /// Finding uid.
    pub finding_uid: String,
    /// Rule id.
    pub rule_id: String,
    /// Resource uid.
    pub resource_uid: String,
    /// Who ran it.
    pub actor: String,
    /// Start (Unix seconds).
    pub started_at: i64,
    /// End.
    pub finished_at: i64,
    /// `applied`, `already_compliant` or `failed`.
    pub result: String,
    /// State read before the change (JSON).
    pub before: Option<serde_json::Value>,
    /// State read after the change.
    pub after: Option<serde_json::Value>,
    /// The error of a failed run.
    pub error: Option<String>,
}

/// A recorded fix run.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FixRun {
    /// Row id.
    pub id: i64,
    /// What was recorded.
    #[serde(flatten)]
    pub run: NewFixRun,
    /// `resolved`, `still_failing` or `unknown` once the validation re-scan ran.
    pub validation: Option<String>,
    /// What the re-scan saw.
    pub validation_detail: Option<String>,
}

const APPROVAL_COLS: &str = "id, item_id, finding_uid, rule_id, resource_uid, item, requester, requested_at, \
     decision, approver, decided_at, note";
const RUN_COLS: &str = "id, item_id, finding_uid, rule_id, resource_uid, actor, started_at, finished_at, result, \
     before_state, after_state, error, validation, validation_detail";

fn json_of(s: Option<String>) -> Option<serde_json::Value> {
    s.map(|t| serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t)))
}

fn approval_from(r: &Row) -> Approval {
    Approval {
        id: r.i64(0),
        item_id: r.str(1),
        finding_uid: r.str(2),
        rule_id: r.str(3),
        resource_uid: r.str(4),
        item: json_of(Some(r.str(5))).unwrap_or_default(),
        requester: r.str(6),
        requested_at: r.i64(7),
        decision: r.str(8),
        approver: r.opt_str(9),
        decided_at: r.opt_i64(10),
        note: r.opt_str(11),
    }
}

fn run_from(r: &Row) -> FixRun {
    FixRun {
        id: r.i64(0),
        run: NewFixRun {
            item_id: r.str(1),
            finding_uid: r.str(2),
            rule_id: r.str(3),
            resource_uid: r.str(4),
            actor: r.str(5),
            started_at: r.i64(6),
            finished_at: r.i64(7),
            result: r.str(8),
            before: json_of(r.opt_str(9)),
            after: json_of(r.opt_str(10)),
            error: r.opt_str(11),
        },
        validation: r.opt_str(12),
        validation_detail: r.opt_str(13),
    }
}

async fn approval_in(tx: &mut Tx, item_id: &str) -> Result<Option<Approval>, StoreError> {
    Ok(tx
        .row(
            &format!("SELECT {APPROVAL_COLS} FROM fix_approvals WHERE item_id = $1"),
            args![item_id],
        )
        .await?
        .as_ref()
        .map(approval_from))
}

impl Store {
    /// Ask for an approval of a plan item. Asking again for the same item returns the existing
    /// request unchanged (a re-plan does not reset a decision).
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an empty item id or requester; [`StoreError::Db`].
    pub async fn request_fix_approval(
        &self,
        item: &serde_json::Value,
        requester: &str,
        now: i64,
    ) -> Result<Approval, StoreError> {
        let field = |k: &str| {
            item.get(k)
                .and_then(serde_json::Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
                .ok_or_else(|| StoreError::Invalid(format!("plan item: `{k}` is missing")))
        };
        let (id, finding, rule, resource) = (
            field("id")?,
            field("finding_uid")?,
            field("rule_id")?,
            field("resource_uid")?,
        );
        if requester.trim().is_empty() {
            return Err(StoreError::Invalid(
                "an approval request needs a requester".into(),
            ));
        }
        let mut tx = self.pool.write().await?;
        if let Some(existing) = approval_in(&mut tx, &id).await? {
            tx.commit().await?;
            return Ok(existing);
        }
        tx.exec(
            "INSERT INTO fix_approvals (item_id, finding_uid, rule_id, resource_uid, item, requester, requested_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            args![&id, &finding, &rule, &resource, item.to_string(), requester.trim(), now],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            crate::now(),
            requester.trim(),
            "fix.approval_requested",
            &format!("fix:{id}"),
            &serde_json::json!({"rule_id": rule, "resource_uid": resource, "finding_uid": finding}),
        )
        .await?;
        let a = approval_in(&mut tx, &id)
            .await?
            .ok_or_else(|| StoreError::Db("approval vanished after insert".into()))?;
        tx.commit().await?;
        Ok(a)
    }

    /// Approve or reject a pending plan item. The decider must differ from the requester.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown item; [`StoreError::Invalid`] for a decided item
    /// or a self-approval.
    pub async fn decide_fix(
        &self,
        item_id: &str,
        approve: bool,
        by: &str,
        note: Option<&str>,
        now: i64,
    ) -> Result<Approval, StoreError> {
        let mut tx = self.pool.write().await?;
        let Some(a) = approval_in(&mut tx, item_id).await? else {
            return Err(StoreError::NotFound(format!(
                "no approval request for plan item {item_id} (run `posture fix plan` with --db first)"
            )));
        };
        if a.decision != "pending" {
            return Err(StoreError::Invalid(format!(
                "plan item {item_id} is already {} by {}",
                a.decision,
                a.approver.as_deref().unwrap_or("?")
            )));
        }
        let by = by.trim();
        if by.is_empty() || by == a.requester.trim() {
            return Err(StoreError::Invalid(format!(
                "plan item {item_id} was requested by {}; it must be approved or rejected by someone else",
                a.requester
            )));
        }
        let decision = if approve { "approved" } else { "rejected" };
        tx.exec(
            "UPDATE fix_approvals SET decision = $2, approver = $3, decided_at = $4, note = $5 WHERE item_id = $1",
            args![item_id, decision, by, now, note],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            crate::now(),
            by,
            if approve { "fix.approved" } else { "fix.rejected" },
            &format!("fix:{item_id}"),
            &serde_json::json!({"rule_id": a.rule_id, "resource_uid": a.resource_uid, "requester": a.requester, "note": note}),
        )
        .await?;
        let a = approval_in(&mut tx, item_id)
            .await?
            .ok_or_else(|| StoreError::Db("approval vanished after update".into()))?;
        tx.commit().await?;
        Ok(a)
    }

    /// The approval request of a plan item.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn fix_approval(&self, item_id: &str) -> Result<Option<Approval>, StoreError> {
        let mut tx = self.pool.read().await?;
        let a = approval_in(&mut tx, item_id).await?;
        tx.commit().await?;
        Ok(a)
    }

    /// Approval requests, oldest first; `decision` narrows to `pending`, `approved` or
    /// `rejected`; `unapplied` keeps only items without a successful run.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn fix_approvals(
        &self,
        decision: Option<&str>,
        unapplied: bool,
    ) -> Result<Vec<Approval>, StoreError> {
        let mut sql = format!("SELECT {APPROVAL_COLS} FROM fix_approvals a WHERE 1 = 1");
        let mut params = Vec::new();
        if let Some(d) = decision {
            params.push(crate::db::Val::from(d));
            sql.push_str(" AND a.decision = $1");
        }
        if unapplied {
            sql.push_str(
                " AND NOT EXISTS (SELECT 1 FROM fix_runs r WHERE r.item_id = a.item_id \
                 AND r.result IN ('applied', 'already_compliant'))",
            );
        }
        sql.push_str(" ORDER BY a.requested_at, a.id");
        let mut tx = self.pool.read().await?;
        let rows = tx.rows(&sql, params).await?;
        tx.commit().await?;
        Ok(rows.iter().map(approval_from).collect())
    }

    /// Record a fix run (and its audit entry: `fix.applied`, `fix.already_compliant` or
    /// `fix.failed`). Returns the run id.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an unknown result; [`StoreError::Db`].
    pub async fn record_fix_run(&self, run: &NewFixRun) -> Result<i64, StoreError> {
        if !matches!(
            run.result.as_str(),
            "applied" | "already_compliant" | "failed"
        ) {
            return Err(StoreError::Invalid(format!(
                "fix run result `{}`: expected applied, already_compliant or failed",
                run.result
            )));
        }
        let mut tx = self.pool.write().await?;
        let id = tx
            .int(
                "INSERT INTO fix_runs (item_id, finding_uid, rule_id, resource_uid, actor, started_at, finished_at, result, \
                 before_state, after_state, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                args![
                    &run.item_id,
                    &run.finding_uid,
                    &run.rule_id,
                    &run.resource_uid,
                    &run.actor,
                    run.started_at,
                    run.finished_at,
                    &run.result,
                    run.before.as_ref().map(ToString::to_string),
                    run.after.as_ref().map(ToString::to_string),
                    run.error.clone()
                ],
            )
            .await?;
        crate::audit::append(
            &mut tx,
            crate::now(),
            &run.actor,
            &format!("fix.{}", run.result),
            &format!("fix:{}", run.item_id),
            &serde_json::json!({
                "run": id, "rule_id": run.rule_id, "resource_uid": run.resource_uid,
                "before": run.before, "after": run.after, "error": run.error,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Record what the validation re-scan concluded for a run (`resolved`, `still_failing`,
    /// `unknown`), with an audit entry `fix.validated`.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for an unknown verdict; [`StoreError::NotFound`] for an unknown
    /// run.
    pub async fn set_fix_validation(
        &self,
        run_id: i64,
        verdict: &str,
        detail: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        if !matches!(verdict, "resolved" | "still_failing" | "unknown") {
            return Err(StoreError::Invalid(format!(
                "validation `{verdict}`: expected resolved, still_failing or unknown"
            )));
        }
        let mut tx = self.pool.write().await?;
        let n = tx
            .exec(
                "UPDATE fix_runs SET validation = $2, validation_detail = $3 WHERE id = $1",
                args![run_id, verdict, detail],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no fix run {run_id}")));
        }
        crate::audit::append(
            &mut tx,
            crate::now(),
            actor,
            "fix.validated",
            &format!("fix-run:{run_id}"),
            &serde_json::json!({"validation": verdict, "detail": detail}),
        )
        .await?;
        tx.commit().await
    }

    /// Fix runs, newest first; `item_id` narrows to one plan item.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn fix_runs(&self, item_id: Option<&str>) -> Result<Vec<FixRun>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = match item_id {
            Some(i) => {
                tx.rows(
                    &format!("SELECT {RUN_COLS} FROM fix_runs WHERE item_id = $1 ORDER BY id DESC"),
                    args![i],
                )
                .await?
            }
            None => {
                tx.rows(
                    &format!("SELECT {RUN_COLS} FROM fix_runs ORDER BY id DESC"),
                    args![],
                )
                .await?
            }
        };
        tx.commit().await?;
        Ok(rows.iter().map(run_from).collect())
    }
}
