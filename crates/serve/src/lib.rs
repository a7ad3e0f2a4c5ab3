//! # posture-serve
//!
//! Posture as a service: a REST API (`/api/v1/`) with bearer tokens, roles and tenants, the
//! scheduler that queues scans of targets by interval or cron, scan workers that lease jobs
//! from the store (`FOR UPDATE SKIP LOCKED` on PostgreSQL) with heartbeats, the event endpoint
//! for targeted re-scans, Prometheus metrics, and the dashboard — all in one binary.
//!
//! The [route table](routes::ROUTES) is the single source of truth for what is served and who
//! may call it: the router, the authorization middleware, the OpenAPI document and the
//! authorization test matrix are generated from it.
#![warn(missing_docs)]
#![recursion_limit = "512"]

pub mod api;
pub mod auth;
pub mod cron;
pub mod dashboard;
pub mod error;
pub mod events;
pub mod metrics;
pub mod openapi;
pub mod pipeline;
pub mod routes;
pub mod scheduler;
pub mod state;
pub mod worker;

use axum::Router;
use axum::routing::{MethodRouter, delete, get, post, put};

pub use state::AppState;

fn endpoint(id: &str) -> Option<MethodRouter<AppState>> {
    Some(match id {
        "healthz" => get(api::healthz),
        "readyz" => get(api::readyz),
        "metrics" => get(api::metrics),
        "openapi" => get(api::openapi),
        "me" => get(api::me),
        "targets.list" => get(api::targets_list),
        "targets.create" => post(api::targets_create),
        "targets.get" => get(api::targets_get),
        "targets.update" => put(api::targets_update),
        "targets.delete" => delete(api::targets_delete),
        "scans.start" => post(api::scans_start),
        "scans.list" => get(api::scans_list),
        "scans.get" => get(api::scans_get),
        "scans.cancel" => post(api::scans_cancel),
        "history.list" => get(api::history),
        "findings.list" => get(api::findings_list),
        "findings.get" => get(api::findings_get),
        "inventory.get" => get(api::inventory),
        "compliance.list" => get(api::compliance_list),
        "compliance.get" => get(api::compliance_get),
        "exceptions.list" => get(api::exceptions_list),
        "exceptions.request" => post(api::exceptions_request),
        "exceptions.approve" => post(api::exceptions_approve),
        "exceptions.reject" => post(api::exceptions_reject),
        "trends.get" => get(api::trends),
        "audit.list" => get(api::audit_list),
        "audit.verify" => get(api::audit_verify),
        "tokens.list" => get(api::tokens_list),
        "tokens.create" => post(api::tokens_create),
        "tokens.revoke" => delete(api::tokens_revoke),
        "events.ingest" => post(api::events),
        "ui.login" => get(dashboard::login_page),
        "ui.session" => post(dashboard::login),
        "ui.logout" => post(dashboard::logout),
        "ui.overview" => get(dashboard::overview),
        "ui.findings" => get(dashboard::findings),
        "ui.finding" => get(dashboard::finding),
        "ui.exceptions" => get(dashboard::exceptions),
        "ui.approve" => post(dashboard::approve),
        "ui.asset" => get(dashboard::asset),
        _ => return None,
    })
}

/// The application: every route of the table behind the authorization middleware.
///
/// # Panics
/// When a route of the table has no handler (a build defect caught by the tests).
pub fn app(state: AppState) -> Router {
    let mut by_path: Vec<(&str, MethodRouter<AppState>)> = Vec::new();
    for r in routes::ROUTES {
        let Some(h) = endpoint(r.id) else {
            panic!("route {} has no handler", r.id);
        };
        match by_path.iter_mut().find(|(p, _)| *p == r.path) {
            Some((_, mr)) => *mr = std::mem::take(mr).merge(h),
            None => by_path.push((r.path, h)),
        }
    }
    let mut router = Router::new();
    for (path, mr) in by_path {
        router = router.route(path, mr);
    }
    router
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authorize,
        ))
        .fallback(|| async { error::ApiError::not_found("no such route") })
        .with_state(state)
}

/// Settings of `posture serve` and `posture worker`.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Address to listen on.
    pub listen: std::net::SocketAddr,
    /// Store URL (SQLite path or `postgres://`).
    pub database: String,
    /// In-process scan workers (0: only separate `posture worker` processes scan).
    pub workers: usize,
    /// Run the scheduler in this process.
    pub scheduler: bool,
    /// Directory `files` targets must be inside (`None`: files targets are refused).
    pub files_root: Option<std::path::PathBuf>,
    /// Worker lease length.
    pub lease: std::time::Duration,
    /// Seconds to let in-flight work finish on shutdown.
    pub grace: std::time::Duration,
}

/// Resolve on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Open the control plane and build the state.
///
/// # Errors
/// When the store cannot be opened.
pub async fn open_state(database: &str) -> anyhow::Result<AppState> {
    let control = posture_store::Control::open(database).await?;
    let metrics = std::sync::Arc::new(metrics::Metrics::default());
    AppState::new(control, database, metrics).map_err(anyhow::Error::msg)
}

/// Start workers and wait for `shutdown`; returns when they stopped (in-flight jobs finished, or
/// abandoned after `grace` — their leases then expire and another worker re-runs them).
async fn workers(
    st: &AppState,
    collectors: &pipeline::Collectors,
    n: usize,
    lease: std::time::Duration,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..n)
        .map(|i| {
            let mut cfg = worker::WorkerConfig::named(i);
            cfg.lease = lease;
            tokio::spawn(worker::run(
                st.clone(),
                collectors.clone(),
                cfg,
                shutdown.clone(),
            ))
        })
        .collect()
}

async fn drain(handles: Vec<tokio::task::JoinHandle<()>>, grace: std::time::Duration) {
    let all = async {
        for h in handles {
            let _ = h.await;
        }
    };
    if tokio::time::timeout(grace, all).await.is_err() {
        tracing::warn!(
            "in-flight scans did not finish within the grace period; their leases will expire and another worker will re-run them"
        );
    }
}

/// `posture serve`: API, dashboard, scheduler and in-process workers until SIGINT/SIGTERM.
///
/// # Errors
/// When the store cannot be opened or the address not bound.
pub async fn serve(opts: ServeOptions, collectors: pipeline::Collectors) -> anyhow::Result<()> {
    let mut st = open_state(&opts.database).await?;
    if let Some(inner) = std::sync::Arc::get_mut(&mut st.0) {
        inner.secure_cookies = std::env::var("POSTURE_SECURE_COOKIES").is_ok_and(|v| v == "1");
    }
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.listen))?;
    tracing::info!(listen = %listener.local_addr()?, store = %st.control().location(), "serving");
    eprintln!(
        "posture: serving on http://{} (store {})",
        listener.local_addr()?,
        st.control().location()
    );
    let (tx, rx) = tokio::sync::watch::channel(false);
    let mut handles = workers(&st, &collectors, opts.workers, opts.lease, rx.clone()).await;
    if opts.scheduler {
        handles.push(tokio::spawn(scheduler::run(
            st.clone(),
            std::time::Duration::from_secs(15),
            rx.clone(),
        )));
    }
    let server = axum::serve(listener, app(st.clone())).with_graceful_shutdown(shutdown_signal());
    server.await?;
    tracing::info!("shutting down: finishing in-flight scans");
    let _ = tx.send(true);
    drain(handles, opts.grace).await;
    st.close().await;
    Ok(())
}

/// `posture worker`: lease and run scan jobs until SIGINT/SIGTERM.
///
/// # Errors
/// When the store cannot be opened.
pub async fn work(
    database: &str,
    n: usize,
    lease: std::time::Duration,
    grace: std::time::Duration,
    collectors: pipeline::Collectors,
) -> anyhow::Result<()> {
    let st = open_state(database).await?;
    eprintln!(
        "posture: {n} worker(s) leasing scan jobs from {}",
        st.control().location()
    );
    let (tx, rx) = tokio::sync::watch::channel(false);
    let handles = workers(&st, &collectors, n.max(1), lease, rx).await;
    shutdown_signal().await;
    let _ = tx.send(true);
    drain(handles, grace).await;
    st.close().await;
    Ok(())
}

/// Install the log subscriber: `POSTURE_LOG` sets the level (`error` … `trace`, default
/// `info`); `POSTURE_LOG_FORMAT=json` writes one JSON object per line.
pub fn init_logging() {
    let level = std::env::var("POSTURE_LOG")
        .ok()
        .and_then(|s| s.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    let builder = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr);
    let _ = if std::env::var("POSTURE_LOG_FORMAT").is_ok_and(|v| v == "json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
