//! Scan workers: lease a job, keep the lease alive with heartbeats, run the pipeline, record the
//! scan once, finish the job.
//!
//! A worker that dies (killed, crashed, lost its network) stops heartbeating; its lease expires
//! and another worker leases the job again. A worker that lost its lease (or whose job was
//! cancelled) records nothing; and the scan is recorded under the label `job:<id>` at most once,
//! so a job that runs twice never records twice. Findings are keyed by uid in the store, so none
//! is duplicated, and a failed or abandoned run records nothing, so none is lost or resolved.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use posture_store::{Job, RecordOptions, StoreError};
use tokio::sync::watch;

use crate::pipeline::Collectors;
use crate::state::AppState;

/// Worker settings.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// This worker's name (lease owner): host and process id by default.
    pub id: String,
    /// Lease length; heartbeats renew it every third of it.
    pub lease: Duration,
    /// How long to wait when the queue is empty.
    pub poll: Duration,
}

impl WorkerConfig {
    /// Defaults: 60 s lease, 2 s poll, id `<hostname>:<pid>:<n>`.
    #[must_use]
    pub fn named(n: usize) -> WorkerConfig {
        let host = std::fs::read_to_string("/etc/hostname")
            .map(|s| s.trim().to_owned())
            .unwrap_or_else(|_| "worker".into());
        WorkerConfig {
            id: format!("{host}:{}:{n}", std::process::id()),
            lease: Duration::from_secs(60),
            poll: Duration::from_secs(2),
        }
    }
}

/// How a job ended for this worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Recorded as scan `scan_id` (`duplicate`: an earlier run of the job had recorded it).
    Recorded {
        /// The scan.
        scan_id: i64,
        /// Recorded by an earlier run.
        duplicate: bool,
    },
    /// The pipeline failed; the job failed with this message.
    Failed(String),
    /// The lease was lost or the job cancelled: nothing recorded.
    Lost,
}

/// Aborts the heartbeat task when dropped (also when the worker's own task is aborted).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX).max(1)
}

/// Lease and run one job, if any is claimable.
///
/// # Errors
/// Store errors (the job's lease then simply expires and the job is retried).
pub async fn run_once(
    st: &AppState,
    collectors: &Collectors,
    cfg: &WorkerConfig,
) -> Result<Option<(Job, Outcome)>, StoreError> {
    let Some(job) = st
        .control()
        .claim(&cfg.id, secs(cfg.lease), posture_store::now())
        .await?
    else {
        return Ok(None);
    };
    tracing::info!(job = job.id, attempt = job.attempts, worker = %cfg.id, "claimed");
    let outcome = run_job(st, collectors, cfg, &job).await?;
    Ok(Some((job, outcome)))
}

async fn run_job(
    st: &AppState,
    collectors: &Collectors,
    cfg: &WorkerConfig,
    job: &Job,
) -> Result<Outcome, StoreError> {
    let started = Instant::now();
    let control = st.control();
    let lost = Arc::new(AtomicBool::new(false));
    let _heartbeat = {
        let st = st.clone();
        let lost = lost.clone();
        let (id, worker, lease) = (job.id, cfg.id.clone(), cfg.lease);
        AbortOnDrop(tokio::spawn(async move {
            loop {
                tokio::time::sleep(lease / 3).await;
                match st
                    .control()
                    .heartbeat(id, &worker, secs(lease), posture_store::now())
                    .await
                {
                    Ok(true) => {}
                    Ok(false) => {
                        lost.store(true, Ordering::SeqCst);
                        return;
                    }
                    Err(e) => tracing::warn!(job = id, error = %e, "heartbeat failed"),
                }
            }
        }))
    };
    let target = match control.target(job.tenant_id, job.target_id).await {
        Ok(t) => t,
        Err(StoreError::NotFound(_)) => {
            let msg = "the target was deleted".to_owned();
            control
                .finish(job.id, &cfg.id, Err(&msg), posture_store::now())
                .await?;
            return Ok(Outcome::Failed(msg));
        }
        Err(e) => return Err(e),
    };
    let prepared = {
        let collectors = collectors.clone();
        let library = st.0.library.clone();
        let resources = job.resources.clone();
        let target = target.clone();
        let as_of = posture_store::now();
        tokio::task::spawn_blocking(move || {
            crate::pipeline::prepare(&collectors, &library, &target, &resources, as_of)
        })
        .await
        .unwrap_or_else(|e| Err(format!("the scan pipeline panicked: {e}")))
    };
    let still_mine = |lost: &AtomicBool| !lost.load(Ordering::SeqCst);
    let outcome = match prepared {
        Err(msg) => {
            if still_mine(&lost)
                && control
                    .finish(job.id, &cfg.id, Err(&msg), posture_store::now())
                    .await?
            {
                tracing::warn!(job = job.id, error = %msg, "scan failed");
                Outcome::Failed(msg)
            } else {
                Outcome::Lost
            }
        }
        Ok(mut p) => {
            st.0.metrics.throttled(p.throttled);
            // Confirm the lease right before writing: a worker that lost it writes nothing.
            let mine = still_mine(&lost)
                && control
                    .heartbeat(job.id, &cfg.id, secs(cfg.lease), posture_store::now())
                    .await?;
            if mine {
                p.input.label = Some(format!("job:{}", job.id));
                let store = st
                    .store(job.tenant_id)
                    .await
                    .map_err(|e| StoreError::Db(e.message))?;
                let opts = RecordOptions {
                    actor: format!("worker {}", cfg.id),
                    sla: st.0.sla,
                    once_per_label: true,
                    ..RecordOptions::default()
                };
                let summary = store.record_scan(&p.input, &opts).await?;
                if !summary.duplicate {
                    store
                        .save_snapshots(summary.scan_id, Some(target.id), &p.snapshots)
                        .await?;
                }
                if control
                    .finish(job.id, &cfg.id, Ok(summary.scan_id), posture_store::now())
                    .await?
                {
                    tracing::info!(
                        job = job.id,
                        scan = summary.scan_id,
                        new = summary.new,
                        resolved = summary.resolved,
                        "scan recorded"
                    );
                } else {
                    tracing::warn!(
                        job = job.id,
                        "recorded, but the lease ran out before the job was closed; the next run finds the scan recorded"
                    );
                }
                Outcome::Recorded {
                    scan_id: summary.scan_id,
                    duplicate: summary.duplicate,
                }
            } else {
                Outcome::Lost
            }
        }
    };
    let result = match &outcome {
        Outcome::Recorded { .. } => "succeeded",
        Outcome::Failed(_) => "failed",
        Outcome::Lost => "lost",
    };
    st.0.metrics.scan(result, started.elapsed().as_secs_f64());
    Ok(outcome)
}

/// Work until `shutdown` turns true: lease jobs one at a time. On shutdown the job in hand is
/// finished first (graceful); a worker killed instead leaves its lease to expire.
pub async fn run(
    st: AppState,
    collectors: Collectors,
    cfg: WorkerConfig,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        if *shutdown.borrow() {
            return;
        }
        let busy = match run_once(&st, &collectors, &cfg).await {
            Ok(Some(_)) => true,
            Ok(None) => false,
            Err(e) => {
                tracing::error!(worker = %cfg.id, error = %e, "worker pass failed");
                false
            }
        };
        if !busy {
            tokio::select! {
                () = tokio::time::sleep(cfg.poll) => {}
                _ = shutdown.changed() => {}
            }
        }
    }
}
