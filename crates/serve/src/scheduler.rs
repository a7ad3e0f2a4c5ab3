//! The scheduler: queues a scan of every enabled target whose next run is due.
//!
//! Missed runs after downtime collapse into one: a due target is fired once and its next run
//! is computed from *now*. Several servers may run the scheduler against one PostgreSQL
//! database: firing moves `next_run_at` with a compare-and-set, so each run is queued once, and
//! a target with a scan already queued or running gets no second one.

use std::time::Duration;

use posture_store::Job;
use tokio::sync::watch;

use crate::state::AppState;

/// One pass: fire every due target. Returns the jobs queued.
///
/// # Errors
/// Store errors.
pub async fn tick(st: &AppState, now: i64) -> Result<Vec<Job>, posture_store::StoreError> {
    let mut queued = Vec::new();
    for t in st.control().due_targets(now).await? {
        let Some(expected) = t.next_run_at else {
            continue;
        };
        let next = crate::cron::next_run(&t.schedule, now);
        if let Some(job) = st.control().fire_schedule(&t, expected, next, now).await? {
            tracing::info!(
                target_id = t.id,
                tenant = t.tenant_id,
                job = job.id,
                "scheduled scan queued"
            );
            queued.push(job);
        } else {
            tracing::debug!(
                target_id = t.id,
                "due, but a scan is active or another scheduler fired it"
            );
        }
    }
    Ok(queued)
}

/// Run [`tick`] every `every` until `shutdown` turns true.
pub async fn run(st: AppState, every: Duration, mut shutdown: watch::Receiver<bool>) {
    loop {
        if let Err(e) = tick(&st, posture_store::now()).await {
            tracing::error!(error = %e, "scheduler pass failed");
        }
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            return;
        }
    }
}
