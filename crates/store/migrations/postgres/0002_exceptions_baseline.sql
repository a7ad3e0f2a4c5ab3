-- Schema version 2: exceptions (with scopes and approval), baseline, audit links, richer rollups.
ALTER TABLE findings ADD COLUMN baseline BIGINT NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN exception_id BIGINT;
ALTER TABLE scans ADD COLUMN not_in_baseline BIGINT NOT NULL DEFAULT 0;
ALTER TABLE scans ADD COLUMN audit_seq BIGINT;
ALTER TABLE scan_counts ADD COLUMN excepted BIGINT NOT NULL DEFAULT 0;
ALTER TABLE scan_counts ADD COLUMN baseline BIGINT NOT NULL DEFAULT 0;
CREATE INDEX findings_open_at ON findings (state, opened_at);

CREATE TABLE exceptions (
    id BIGSERIAL PRIMARY KEY,
    code_key TEXT UNIQUE,
    reason TEXT NOT NULL,
    justification TEXT NOT NULL,
    owner TEXT NOT NULL,
    ticket TEXT,
    expires_at BIGINT,
    state TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    approved_scan BIGINT,
    last_match_scan BIGINT,
    matched BIGINT NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'cli'
);

CREATE TABLE exception_scopes (
    exception_id BIGINT NOT NULL REFERENCES exceptions (id),
    rule TEXT,
    resource_uid TEXT,
    account TEXT,
    tag_key TEXT,
    tag_value TEXT
);
CREATE INDEX exception_scopes_exception ON exception_scopes (exception_id);

CREATE TABLE baselines (
    id BIGSERIAL PRIMARY KEY,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    scan_id BIGINT,
    findings BIGINT NOT NULL
);
