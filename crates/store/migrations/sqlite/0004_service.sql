-- Schema version 4 (SQLite): the service's control plane. Applied only to the base database
-- (the default tenant's data lives next to it; every other tenant's findings, scans, exceptions
-- and audit chain live in their own database file `<base>.tenants/tenant-<id>.db`, so no query can cross tenants).
CREATE TABLE tenants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
INSERT INTO tenants (slug, name, created_at) VALUES ('default', 'Default', 0);

-- API tokens: only the SHA-256 of the secret is kept; `prefix` (the first characters) lets an
-- admin recognise a token in listings without revealing it.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'approver', 'admin')),
    secret_sha256 TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id);

-- Scan targets: what to scan and when. `scope` is JSON (paths for `files`, regions/accounts for
-- the clouds); `credentials_ref` names where the credentials are (never the credentials).
CREATE TABLE targets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('files', 'aws', 'azure', 'gcp')),
    scope TEXT NOT NULL,
    credentials_ref TEXT,
    schedule_interval BIGINT,
    schedule_cron TEXT,
    enabled BIGINT NOT NULL DEFAULT 1,
    next_run_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (tenant_id, name)
);
CREATE INDEX targets_due ON targets (next_run_at);

-- Scan jobs: the work queue. A running job is leased by one worker until lease_expires_at;
-- the worker's heartbeats extend it; an expired lease makes the job claimable again.
CREATE TABLE scan_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    target_id BIGINT NOT NULL REFERENCES targets (id),
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    reason TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    resources TEXT,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    lease_owner TEXT,
    lease_expires_at BIGINT,
    heartbeat_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    scan_id BIGINT,
    error TEXT
);
-- One scan per target at a time.
CREATE UNIQUE INDEX scan_jobs_one_active ON scan_jobs (target_id) WHERE state IN ('queued', 'running');
CREATE INDEX scan_jobs_queue ON scan_jobs (state, id);
CREATE INDEX scan_jobs_tenant ON scan_jobs (tenant_id, id);
