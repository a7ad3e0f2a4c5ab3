//! The service's control plane: tenants, API tokens, scan targets and the scan-job queue.
//!
//! These tables live only in the base database. Every method that touches tenant-owned rows
//! takes the tenant id and puts it in the `WHERE` clause, so a caller holding tenant A's id can
//! neither read nor change tenant B's targets, jobs or tokens (a foreign id is "not found").
//! Scan data (findings, scans, exceptions, audit) is isolated more strongly still: each tenant
//! has its own schema or file ([`Store::open_tenant`](crate::Store::open_tenant)).

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::db::{Engine, Pool, Row, Val, args};
use crate::{StoreError, redact_url};

/// The id of the default tenant (created by the migration; the CLI's single-user store).
pub const DEFAULT_TENANT: i64 = 1;

/// An organization: the unit of isolation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Tenant {
    /// Id.
    pub id: i64,
    /// Short unique name (`[a-z0-9-]`, 1–40 characters).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Creation time (Unix seconds).
    pub created_at: i64,
}

/// What a token may do; each role includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Read findings, inventory, posture, trends.
    Viewer,
    /// Viewer + start and cancel scans, request exceptions.
    Analyst,
    /// Analyst + approve or reject exceptions (never their own).
    Approver,
    /// Everything in the tenant: targets, tokens, audit log.
    Admin,
}

impl Role {
    /// Every role, least privileged first.
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Analyst, Role::Approver, Role::Admin];

    /// Lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Analyst => "analyst",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "viewer" => Ok(Role::Viewer),
            "analyst" => Ok(Role::Analyst),
            "approver" => Ok(Role::Approver),
            "admin" => Ok(Role::Admin),
            _ => Err(format!(
                "`{s}` is not a role (expected viewer, analyst, approver or admin)"
            )),
        }
    }
}

/// An API token as listed (never its secret).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ApiToken {
    /// Id.
    pub id: i64,
    /// Tenant.
    pub tenant_id: i64,
    /// Tenant slug.
    pub tenant: String,
    /// Label given at creation.
    pub name: String,
    /// Role.
    pub role: Role,
    /// The first characters of the secret (to recognise it; not enough to use it).
    pub prefix: String,
    /// Who created it.
    pub created_by: String,
    /// Creation time.
    pub created_at: i64,
    /// Last successful use (updated at most once a minute).
    pub last_used_at: Option<i64>,
    /// Revocation time.
    pub revoked_at: Option<i64>,
}

/// Where a target's configuration comes from.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// Export files or directories on the server's disk (scanned through the importers).
    Files,
    /// An AWS account (live collector).
    Aws,
    /// An Azure subscription (live collector).
    Azure,
    /// A GCP project (live collector).
    Gcp,
}

impl TargetKind {
    /// Lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Files => "files",
            TargetKind::Aws => "aws",
            TargetKind::Azure => "azure",
            TargetKind::Gcp => "gcp",
        }
    }
}

impl FromStr for TargetKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "files" => Ok(TargetKind::Files),
            "aws" => Ok(TargetKind::Aws),
            "azure" => Ok(TargetKind::Azure),
            "gcp" => Ok(TargetKind::Gcp),
            _ => Err(format!(
                "`{s}` is not a target kind (expected files, aws, azure or gcp)"
            )),
        }
    }
}

/// When a target is scanned.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// Only on demand.
    Manual,
    /// Every so many seconds (at least 60).
    Interval(i64),
    /// A five-field cron expression, in UTC.
    Cron(String),
}

/// A target to create or replace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTarget {
    /// Unique name within the tenant.
    pub name: String,
    /// Kind.
    pub kind: TargetKind,
    /// Scope as JSON (for `files`: `{"paths": [...]}`; for clouds: accounts, regions).
    pub scope: serde_json::Value,
    /// Where the credentials are (an environment variable, a profile, a secret name) — never
    /// the credentials themselves.
    pub credentials_ref: Option<String>,
    /// Schedule.
    pub schedule: Schedule,
    /// Whether the scheduler runs it.
    pub enabled: bool,
}

/// A stored target.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Target {
    /// Id.
    pub id: i64,
    /// Tenant.
    pub tenant_id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: TargetKind,
    /// Scope (JSON).
    pub scope: serde_json::Value,
    /// Credentials reference.
    pub credentials_ref: Option<String>,
    /// Schedule.
    pub schedule: Schedule,
    /// Whether the scheduler runs it.
    pub enabled: bool,
    /// Next scheduled run (Unix seconds), if scheduled.
    pub next_run_at: Option<i64>,
    /// Creation time.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
}

/// Where a scan job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for a worker.
    Queued,
    /// Leased by a worker.
    Running,
    /// Recorded.
    Succeeded,
    /// Gave up (the error says why).
    Failed,
    /// Cancelled by a user.
    Cancelled,
}

impl JobState {
    /// Lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Succeeded => "succeeded",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> JobState {
        match s {
            "running" => JobState::Running,
            "succeeded" => JobState::Succeeded,
            "failed" => JobState::Failed,
            "cancelled" => JobState::Cancelled,
            _ => JobState::Queued,
        }
    }

    /// Whether the job is finished.
    #[must_use]
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobState::Succeeded | JobState::Failed | JobState::Cancelled
        )
    }
}

impl FromStr for JobState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "queued" | "running" | "succeeded" | "failed" | "cancelled" => Ok(JobState::parse(s)),
            _ => Err(format!(
                "`{s}` is not a job state (expected queued, running, succeeded, failed or cancelled)"
            )),
        }
    }
}

/// A scan job.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Job {
    /// Id.
    pub id: i64,
    /// Tenant.
    pub tenant_id: i64,
    /// Target.
    pub target_id: i64,
    /// State.
    pub state: JobState,
    /// Why it was queued (`scheduled`, `manual`, `event`).
    pub reason: String,
    /// Who queued it (token name, `scheduler`).
    pub requested_by: String,
    /// For an event-driven re-scan: the resource uids to re-collect (empty: everything).
    pub resources: Vec<String>,
    /// When it was queued.
    pub created_at: i64,
    /// When a worker first started it.
    pub started_at: Option<i64>,
    /// When it finished.
    pub finished_at: Option<i64>,
    /// The worker holding the lease.
    pub lease_owner: Option<String>,
    /// When the lease runs out.
    pub lease_expires_at: Option<i64>,
    /// Last heartbeat.
    pub heartbeat_at: Option<i64>,
    /// How many times a worker leased it.
    pub attempts: i64,
    /// The recorded scan (in the tenant's store).
    pub scan_id: Option<i64>,
    /// Why it failed.
    pub error: Option<String>,
}

/// A job may be leased this many times before it fails for good (a scan that kills its worker
/// every time must not loop forever).
pub const MAX_ATTEMPTS: i64 = 5;

const JOB_COLS: &str = "id, tenant_id, target_id, state, reason, requested_by, resources, created_at, started_at, \
    finished_at, lease_owner, lease_expires_at, heartbeat_at, attempts, scan_id, error";

const TARGET_COLS: &str = "id, tenant_id, name, kind, scope, credentials_ref, schedule_interval, schedule_cron, \
    enabled, next_run_at, created_at, updated_at";

const TOKEN_COLS: &str = "t.id, t.tenant_id, n.slug, t.name, t.role, t.prefix, t.created_by, t.created_at, \
    t.last_used_at, t.revoked_at";

fn job_from(r: &Row) -> Job {
    Job {
        id: r.i64(0),
        tenant_id: r.i64(1),
        target_id: r.i64(2),
        state: JobState::parse(&r.str(3)),
        reason: r.str(4),
        requested_by: r.str(5),
        resources: r
            .opt_str(6)
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default(),
        created_at: r.i64(7),
        started_at: r.opt_i64(8),
        finished_at: r.opt_i64(9),
        lease_owner: r.opt_str(10),
        lease_expires_at: r.opt_i64(11),
        heartbeat_at: r.opt_i64(12),
        attempts: r.i64(13),
        scan_id: r.opt_i64(14),
        error: r.opt_str(15),
    }
}

fn target_from(r: &Row) -> Target {
    let schedule = match (r.opt_i64(6), r.opt_str(7)) {
        (_, Some(c)) => Schedule::Cron(c),
        (Some(i), None) => Schedule::Interval(i),
        (None, None) => Schedule::Manual,
    };
    Target {
        id: r.i64(0),
        tenant_id: r.i64(1),
        name: r.str(2),
        kind: r.str(3).parse().unwrap_or(TargetKind::Files),
        scope: serde_json::from_str(&r.str(4)).unwrap_or(serde_json::Value::Null),
        credentials_ref: r.opt_str(5),
        schedule,
        enabled: r.i64(8) != 0,
        next_run_at: r.opt_i64(9),
        created_at: r.i64(10),
        updated_at: r.i64(11),
    }
}

fn token_from(r: &Row) -> ApiToken {
    ApiToken {
        id: r.i64(0),
        tenant_id: r.i64(1),
        tenant: r.str(2),
        name: r.str(3),
        role: r.str(4).parse().unwrap_or(Role::Viewer),
        prefix: r.str(5),
        created_by: r.str(6),
        created_at: r.i64(7),
        last_used_at: r.opt_i64(8),
        revoked_at: r.opt_i64(9),
    }
}

/// SHA-256 of a token secret, hex.
fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A fresh token secret: `pst_` + 32 random bytes in hex (256 bits from the OS).
fn new_secret() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Config(format!("no randomness from the OS: {e}")))?;
    Ok(format!(
        "pst_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    ))
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Check a target before writing it (names, scope shape, schedule bounds).
fn validate_target(t: &NewTarget) -> Result<(), StoreError> {
    if t.name.trim().is_empty() || t.name.len() > 200 {
        return Err(StoreError::Invalid(
            "name: expected 1 to 200 characters".into(),
        ));
    }
    if !t.scope.is_object() {
        return Err(StoreError::Invalid("scope: expected a JSON object".into()));
    }
    if t.kind == TargetKind::Files {
        let ok = t
            .scope
            .get("paths")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|a| !a.is_empty() && a.iter().all(serde_json::Value::is_string));
        if !ok {
            return Err(StoreError::Invalid(
                "scope.paths: a `files` target needs a non-empty array of paths".into(),
            ));
        }
    }
    if let Some(c) = &t.credentials_ref
        && (c.len() > 500 || c.contains('\n'))
    {
        return Err(StoreError::Invalid(
            "credentials_ref: expected a single-line reference (an environment variable, profile or secret name), not credentials".into(),
        ));
    }
    match &t.schedule {
        Schedule::Interval(s) if *s < 60 => Err(StoreError::Invalid(
            "schedule.interval: expected at least 60 seconds".into(),
        )),
        Schedule::Cron(c) if c.len() > 200 => {
            Err(StoreError::Invalid("schedule.cron: too long".into()))
        }
        _ => Ok(()),
    }
}

/// The control plane: open it with [`Control::open`] on the base store's URL.
pub struct Control {
    pool: Pool,
    url: String,
}

impl Control {
    /// Open (creating and migrating if needed) the control plane at `url` (the same URL as the
    /// default tenant's [`Store`](crate::Store)).
    ///
    /// # Errors
    /// [`StoreError`] when the database cannot be opened or migrated.
    pub async fn open(url: &str) -> Result<Control, StoreError> {
        let pool = crate::db::connect(url, None).await?;
        crate::migrate::migrate(&pool, None, false).await?;
        Ok(Control {
            pool,
            url: url.to_owned(),
        })
    }

    /// The engine in use.
    #[must_use]
    pub fn engine(&self) -> Engine {
        self.pool.engine()
    }

    /// Where it is (password redacted).
    #[must_use]
    pub fn location(&self) -> String {
        redact_url(&self.url)
    }

    /// Open tenant `id`'s data store.
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn tenant_store(&self, id: i64) -> Result<crate::Store, StoreError> {
        crate::Store::open_tenant(&self.url, id).await
    }

    /// Close the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Whether the database answers (readiness).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.read().await?;
        tx.int("SELECT 1", vec![]).await?;
        tx.commit().await
    }

    // ---- tenants ----

    /// Create a tenant.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a bad slug, [`StoreError::Conflict`] when it exists.
    pub async fn create_tenant(
        &self,
        slug: &str,
        name: &str,
        now: i64,
    ) -> Result<Tenant, StoreError> {
        if !valid_slug(slug) {
            return Err(StoreError::Invalid(format!(
                "tenant `{slug}`: expected 1 to 40 characters of a-z, 0-9 and -"
            )));
        }
        let mut tx = self.pool.write_control().await?;
        if tx
            .row("SELECT id FROM tenants WHERE slug = $1", args![slug])
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict(format!("tenant `{slug}` exists")));
        }
        let id = tx
            .int(
                "INSERT INTO tenants (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id",
                args![slug, name, now],
            )
            .await?;
        tx.commit().await?;
        Ok(Tenant {
            id,
            slug: slug.to_owned(),
            name: name.to_owned(),
            created_at: now,
        })
    }

    /// Every tenant.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn tenants(&self) -> Result<Vec<Tenant>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT id, slug, name, created_at FROM tenants ORDER BY id",
                vec![],
            )
            .await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| Tenant {
                id: r.i64(0),
                slug: r.str(1),
                name: r.str(2),
                created_at: r.i64(3),
            })
            .collect())
    }

    /// The tenant with this slug.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn tenant(&self, slug: &str) -> Result<Tenant, StoreError> {
        self.tenants()
            .await?
            .into_iter()
            .find(|t| t.slug == slug)
            .ok_or_else(|| StoreError::NotFound(format!("no tenant `{slug}`")))
    }

    // ---- tokens ----

    /// Create a token; returns it and its secret (shown once: only its hash is kept).
    ///
    /// # Errors
    /// [`StoreError`].
    pub async fn create_token(
        &self,
        tenant_id: i64,
        name: &str,
        role: Role,
        created_by: &str,
        now: i64,
    ) -> Result<(ApiToken, String), StoreError> {
        let secret = new_secret()?;
        let prefix: String = secret.chars().take(12).collect();
        let mut tx = self.pool.write_control().await?;
        let id = tx
            .int(
                "INSERT INTO api_tokens (tenant_id, name, role, secret_sha256, prefix, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                args![tenant_id, name, role.as_str(), hash_secret(&secret), prefix, created_by, now],
            )
            .await?;
        let row = tx
            .row(
                &format!("SELECT {TOKEN_COLS} FROM api_tokens t JOIN tenants n ON n.id = t.tenant_id WHERE t.id = $1"),
                args![id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("tenant {tenant_id} does not exist")))?;
        tx.commit().await?;
        Ok((token_from(&row), secret))
    }

    /// The live (unrevoked) token with this secret, if any. Compares SHA-256 hashes, so the
    /// lookup is by an index on the hash and leaks nothing about near-miss secrets.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn authenticate(
        &self,
        secret: &str,
        now: i64,
    ) -> Result<Option<ApiToken>, StoreError> {
        if !secret.starts_with("pst_") || secret.len() > 200 {
            return Ok(None);
        }
        let hash = hash_secret(secret);
        let mut tx = self.pool.read().await?;
        let row = tx
            .row(
                &format!(
                    "SELECT {TOKEN_COLS} FROM api_tokens t JOIN tenants n ON n.id = t.tenant_id \
                     WHERE t.secret_sha256 = $1 AND t.revoked_at IS NULL"
                ),
                args![hash],
            )
            .await?;
        tx.commit().await?;
        let mut token = row.as_ref().map(token_from);
        if let Some(t) = &mut token
            && t.last_used_at.is_none_or(|l| now - l >= 60)
        {
            // A separate short write (SQLite cannot upgrade a read transaction safely while
            // another connection writes).
            let mut w = self.pool.write_control().await?;
            w.exec(
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                args![now, t.id],
            )
            .await?;
            w.commit().await?;
            t.last_used_at = Some(now);
        }
        Ok(token)
    }

    /// A tenant's tokens.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn tokens(&self, tenant_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                &format!("SELECT {TOKEN_COLS} FROM api_tokens t JOIN tenants n ON n.id = t.tenant_id WHERE t.tenant_id = $1 ORDER BY t.id"),
                args![tenant_id],
            )
            .await?;
        tx.commit().await?;
        Ok(rows.iter().map(token_from).collect())
    }

    /// Revoke a tenant's token.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when the tenant has no such live token.
    pub async fn revoke_token(&self, tenant_id: i64, id: i64, now: i64) -> Result<(), StoreError> {
        let mut tx = self.pool.write_control().await?;
        let n = tx
            .exec(
                "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND tenant_id = $3 AND revoked_at IS NULL",
                args![now, id, tenant_id],
            )
            .await?;
        tx.commit().await?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no live token {id}")));
        }
        Ok(())
    }

    // ---- targets ----

    /// Create a target. `next_run_at` is the first scheduled run (the caller computes it from
    /// the schedule; `None` for manual targets).
    ///
    /// # Errors
    /// [`StoreError::Invalid`], [`StoreError::Conflict`] for a duplicate name.
    pub async fn create_target(
        &self,
        tenant_id: i64,
        t: &NewTarget,
        next_run_at: Option<i64>,
        now: i64,
    ) -> Result<Target, StoreError> {
        validate_target(t)?;
        let (interval, cron) = schedule_cols(&t.schedule);
        let mut tx = self.pool.write_control().await?;
        if tx
            .row(
                "SELECT id FROM targets WHERE tenant_id = $1 AND name = $2",
                args![tenant_id, t.name.as_str()],
            )
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict(format!(
                "a target named `{}` exists",
                t.name
            )));
        }
        let id = tx
            .int(
                "INSERT INTO targets (tenant_id, name, kind, scope, credentials_ref, schedule_interval, schedule_cron, \
                 enabled, next_run_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                args![
                    tenant_id,
                    t.name.as_str(),
                    t.kind.as_str(),
                    t.scope.to_string(),
                    t.credentials_ref.clone(),
                    interval,
                    cron,
                    i64::from(t.enabled),
                    next_run_at,
                    now
                ],
            )
            .await?;
        tx.commit().await?;
        self.target(tenant_id, id).await
    }

    /// Replace a target's settings.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::Invalid`], [`StoreError::Conflict`].
    pub async fn update_target(
        &self,
        tenant_id: i64,
        id: i64,
        t: &NewTarget,
        next_run_at: Option<i64>,
        now: i64,
    ) -> Result<Target, StoreError> {
        validate_target(t)?;
        let (interval, cron) = schedule_cols(&t.schedule);
        let mut tx = self.pool.write_control().await?;
        if tx
            .row(
                "SELECT id FROM targets WHERE tenant_id = $1 AND name = $2 AND id <> $3",
                args![tenant_id, t.name.as_str(), id],
            )
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict(format!(
                "a target named `{}` exists",
                t.name
            )));
        }
        let n = tx
            .exec(
                "UPDATE targets SET name = $1, kind = $2, scope = $3, credentials_ref = $4, schedule_interval = $5, \
                 schedule_cron = $6, enabled = $7, next_run_at = $8, updated_at = $9 WHERE id = $10 AND tenant_id = $11",
                args![
                    t.name.as_str(),
                    t.kind.as_str(),
                    t.scope.to_string(),
                    t.credentials_ref.clone(),
                    interval,
                    cron,
                    i64::from(t.enabled),
                    next_run_at,
                    now,
                    id,
                    tenant_id
                ],
            )
            .await?;
        tx.commit().await?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no target {id}")));
        }
        self.target(tenant_id, id).await
    }

    /// Delete a target and its finished jobs (its scan history stays in the tenant's store).
    ///
    /// # Errors
    /// [`StoreError::NotFound`]; [`StoreError::Conflict`] while a scan of it is queued or running.
    pub async fn delete_target(&self, tenant_id: i64, id: i64) -> Result<(), StoreError> {
        let mut tx = self.pool.write_control().await?;
        let active = tx
            .int(
                "SELECT COUNT(*) FROM scan_jobs WHERE target_id = $1 AND tenant_id = $2 AND state IN ('queued', 'running')",
                args![id, tenant_id],
            )
            .await?;
        if active > 0 {
            return Err(StoreError::Conflict(format!(
                "target {id} has a scan queued or running; cancel it first"
            )));
        }
        tx.exec(
            "DELETE FROM scan_jobs WHERE target_id = $1 AND tenant_id = $2",
            args![id, tenant_id],
        )
        .await?;
        let n = tx
            .exec(
                "DELETE FROM targets WHERE id = $1 AND tenant_id = $2",
                args![id, tenant_id],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no target {id}")));
        }
        tx.commit().await
    }

    /// One of a tenant's targets.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn target(&self, tenant_id: i64, id: i64) -> Result<Target, StoreError> {
        let mut tx = self.pool.read().await?;
        let row = tx
            .row(
                &format!("SELECT {TARGET_COLS} FROM targets WHERE id = $1 AND tenant_id = $2"),
                args![id, tenant_id],
            )
            .await?;
        tx.commit().await?;
        row.map(|r| target_from(&r))
            .ok_or_else(|| StoreError::NotFound(format!("no target {id}")))
    }

    /// A tenant's targets.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn targets(&self, tenant_id: i64) -> Result<Vec<Target>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                &format!("SELECT {TARGET_COLS} FROM targets WHERE tenant_id = $1 ORDER BY id"),
                args![tenant_id],
            )
            .await?;
        tx.commit().await?;
        Ok(rows.iter().map(target_from).collect())
    }

    /// Every enabled target whose next run is due at `now` (all tenants: the scheduler's view).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn due_targets(&self, now: i64) -> Result<Vec<Target>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                &format!("SELECT {TARGET_COLS} FROM targets WHERE enabled = 1 AND next_run_at IS NOT NULL AND next_run_at <= $1 ORDER BY next_run_at, id"),
                args![now],
            )
            .await?;
        tx.commit().await?;
        Ok(rows.iter().map(target_from).collect())
    }

    /// Fire a due target once: move its `next_run_at` from `expected` to `next` and queue a
    /// job, in one transaction. Only the caller whose `expected` still matches wins, so several
    /// schedulers never queue the same run twice; runs missed while nothing was running collapse
    /// into this one. Returns the job, or `None` when another scheduler fired it or a scan of the
    /// target is already queued or running (then only the schedule moves on).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn fire_schedule(
        &self,
        target: &Target,
        expected: i64,
        next: Option<i64>,
        now: i64,
    ) -> Result<Option<Job>, StoreError> {
        let mut tx = self.pool.write_control().await?;
        let moved = tx
            .exec(
                "UPDATE targets SET next_run_at = $1 WHERE id = $2 AND next_run_at = $3",
                args![next, target.id, expected],
            )
            .await?;
        if moved == 0 {
            tx.commit().await?;
            return Ok(None);
        }
        let job = insert_job(&mut tx, target, "scheduled", "scheduler", &[], now).await?;
        tx.commit().await?;
        Ok(job)
    }

    // ---- jobs ----

    /// Queue a scan of one of the tenant's targets.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for a foreign or unknown target; [`StoreError::Conflict`] when a
    /// scan of it is already queued or running (one scan per target at a time).
    pub async fn enqueue(
        &self,
        tenant_id: i64,
        target_id: i64,
        reason: &str,
        requested_by: &str,
        resources: &[String],
        now: i64,
    ) -> Result<Job, StoreError> {
        let target = self.target(tenant_id, target_id).await?;
        let mut tx = self.pool.write_control().await?;
        let job = insert_job(&mut tx, &target, reason, requested_by, resources, now).await?;
        tx.commit().await?;
        job.ok_or_else(|| {
            StoreError::Conflict(format!(
                "a scan of target {target_id} is already queued or running"
            ))
        })
    }

    /// Lease the oldest claimable job for `lease_secs`: a queued one, or a running one whose
    /// lease expired (its worker died). On PostgreSQL concurrent workers skip each other's
    /// locked rows (`FOR UPDATE SKIP LOCKED`); on SQLite the claim runs under the write lock.
    /// A job whose lease expired after [`MAX_ATTEMPTS`] leases fails instead.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn claim(
        &self,
        worker: &str,
        lease_secs: i64,
        now: i64,
    ) -> Result<Option<Job>, StoreError> {
        let mut tx = match self.pool.engine() {
            Engine::Postgres => self.pool.read().await?,
            Engine::Sqlite => self.pool.write_control().await?,
        };
        // Give up on jobs that keep losing their worker.
        tx.exec(
            "UPDATE scan_jobs SET state = 'failed', finished_at = $1, lease_owner = NULL, \
             error = 'gave up: the lease expired ' || attempts || ' times (the worker died or hung each time)' \
             WHERE state = 'running' AND lease_expires_at < $1 AND attempts >= $2",
            args![now, MAX_ATTEMPTS],
        )
        .await?;
        let lock = match tx.engine() {
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let row = tx
            .row(
                &format!(
                    "UPDATE scan_jobs SET state = 'running', lease_owner = $1, lease_expires_at = $2, heartbeat_at = $3, \
                     started_at = COALESCE(started_at, $3), attempts = attempts + 1 \
                     WHERE id = (SELECT id FROM scan_jobs WHERE state = 'queued' OR (state = 'running' AND lease_expires_at < $3) \
                     ORDER BY id LIMIT 1{lock}) RETURNING {JOB_COLS}"
                ),
                args![worker, now + lease_secs, now],
            )
            .await?;
        tx.commit().await?;
        Ok(row.map(|r| job_from(&r)))
    }

    /// Extend `worker`'s lease on a job. Returns `false` when the worker no longer holds it
    /// (the lease expired and another worker took it, or a user cancelled the job): the worker
    /// must stop and record nothing.
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn heartbeat(
        &self,
        job_id: i64,
        worker: &str,
        lease_secs: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.write_control().await?;
        let n = tx
            .exec(
                "UPDATE scan_jobs SET heartbeat_at = $1, lease_expires_at = $2 \
                 WHERE id = $3 AND lease_owner = $4 AND state = 'running'",
                args![now, now + lease_secs, job_id, worker],
            )
            .await?;
        tx.commit().await?;
        Ok(n == 1)
    }

    /// Finish a job `worker` holds: succeeded with its scan id, or failed with an error.
    /// Returns `false` when the worker no longer held it (nothing changed).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn finish(
        &self,
        job_id: i64,
        worker: &str,
        outcome: Result<i64, &str>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let (state, scan, error) = match outcome {
            Ok(scan) => ("succeeded", Some(scan), None),
            Err(e) => (
                "failed",
                None,
                Some(e.chars().take(2000).collect::<String>()),
            ),
        };
        let mut tx = self.pool.write_control().await?;
        let n = tx
            .exec(
                "UPDATE scan_jobs SET state = $1, scan_id = $2, error = $3, finished_at = $4, lease_owner = NULL, \
                 lease_expires_at = NULL WHERE id = $5 AND lease_owner = $6 AND state = 'running'",
                args![state, scan, error, now, job_id, worker],
            )
            .await?;
        tx.commit().await?;
        Ok(n == 1)
    }

    /// Cancel a tenant's queued or running job (a running job's worker notices at its next
    /// heartbeat and records nothing).
    ///
    /// # Errors
    /// [`StoreError::NotFound`]; [`StoreError::Conflict`] when it already finished.
    pub async fn cancel(&self, tenant_id: i64, job_id: i64, now: i64) -> Result<Job, StoreError> {
        let job = self.job(tenant_id, job_id).await?;
        if job.state.is_final() {
            return Err(StoreError::Conflict(format!(
                "scan job {job_id} already {}",
                job.state.as_str()
            )));
        }
        let mut tx = self.pool.write_control().await?;
        tx.exec(
            "UPDATE scan_jobs SET state = 'cancelled', finished_at = $1, lease_owner = NULL, lease_expires_at = NULL \
             WHERE id = $2 AND tenant_id = $3 AND state IN ('queued', 'running')",
            args![now, job_id, tenant_id],
        )
        .await?;
        tx.commit().await?;
        self.job(tenant_id, job_id).await
    }

    /// Scan jobs per state over every tenant (metrics).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn job_counts(&self) -> Result<Vec<(JobState, i64)>, StoreError> {
        let mut tx = self.pool.read().await?;
        let rows = tx
            .rows(
                "SELECT state, COUNT(*) FROM scan_jobs GROUP BY state ORDER BY state",
                vec![],
            )
            .await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| (JobState::parse(&r.str(0)), r.i64(1)))
            .collect())
    }

    /// One of a tenant's jobs.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn job(&self, tenant_id: i64, job_id: i64) -> Result<Job, StoreError> {
        let mut tx = self.pool.read().await?;
        let row = tx
            .row(
                &format!("SELECT {JOB_COLS} FROM scan_jobs WHERE id = $1 AND tenant_id = $2"),
                args![job_id, tenant_id],
            )
            .await?;
        tx.commit().await?;
        row.map(|r| job_from(&r))
            .ok_or_else(|| StoreError::NotFound(format!("no scan job {job_id}")))
    }

    /// A tenant's jobs, newest first, optionally of one target and/or state; `before` pages by
    /// id (jobs with a smaller id).
    ///
    /// # Errors
    /// [`StoreError::Db`].
    pub async fn jobs(
        &self,
        tenant_id: i64,
        target_id: Option<i64>,
        state: Option<JobState>,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Job>, StoreError> {
        let mut sql = format!("SELECT {JOB_COLS} FROM scan_jobs WHERE tenant_id = $1");
        let mut params: Vec<Val> = args![tenant_id];
        if let Some(t) = target_id {
            params.push(Val::from(t));
            sql.push_str(&format!(" AND target_id = ${}", params.len()));
        }
        if let Some(s) = state {
            params.push(Val::from(s.as_str()));
            sql.push_str(&format!(" AND state = ${}", params.len()));
        }
        if let Some(b) = before {
            params.push(Val::from(b));
            sql.push_str(&format!(" AND id < ${}", params.len()));
        }
        params.push(Val::from(limit.clamp(1, 1000)));
        sql.push_str(&format!(" ORDER BY id DESC LIMIT ${}", params.len()));
        let mut tx = self.pool.read().await?;
        let rows = tx.rows(&sql, params).await?;
        tx.commit().await?;
        Ok(rows.iter().map(job_from).collect())
    }
}

fn schedule_cols(s: &Schedule) -> (Option<i64>, Option<String>) {
    match s {
        Schedule::Manual => (None, None),
        Schedule::Interval(i) => (Some(*i), None),
        Schedule::Cron(c) => (None, Some(c.clone())),
    }
}

/// Insert a queued job unless one of the target is active (`None` then). Runs inside the
/// caller's write transaction, which serializes it with other enqueues; the partial unique
/// index `scan_jobs_one_active` backs the rule up.
async fn insert_job(
    tx: &mut crate::db::Tx,
    target: &Target,
    reason: &str,
    requested_by: &str,
    resources: &[String],
    now: i64,
) -> Result<Option<Job>, StoreError> {
    let active = tx
        .int(
            "SELECT COUNT(*) FROM scan_jobs WHERE target_id = $1 AND state IN ('queued', 'running')",
            args![target.id],
        )
        .await?;
    if active > 0 {
        return Ok(None);
    }
    let resources = if resources.is_empty() {
        None
    } else {
        serde_json::to_string(resources).ok()
    };
    let row = tx
        .row(
            &format!(
                "INSERT INTO scan_jobs (tenant_id, target_id, state, reason, requested_by, resources, created_at) \
                 VALUES ($1, $2, 'queued', $3, $4, $5, $6) RETURNING {JOB_COLS}"
            ),
            args![target.tenant_id, target.id, reason, requested_by, resources, now],
        )
        .await?;
    Ok(row.map(|r| job_from(&r)))
}
