-- Posture store, schema version 1 (SQLite): scans, finding lifecycle, events, coverage, audit.
CREATE TABLE scans (
    id INTEGER PRIMARY KEY,
    as_of BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    label TEXT,
    actor TEXT NOT NULL DEFAULT '',
    resources BIGINT NOT NULL DEFAULT 0,
    evaluations BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0,
    unknown BIGINT NOT NULL DEFAULT 0,
    new_findings BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    reopened BIGINT NOT NULL DEFAULT 0,
    held_open BIGINT NOT NULL DEFAULT 0,
    failed_inputs BIGINT NOT NULL DEFAULT 0,
    accounts TEXT NOT NULL DEFAULT ''
);
CREATE INDEX scans_as_of ON scans (as_of);

CREATE TABLE scan_coverage (
    scan_id BIGINT NOT NULL REFERENCES scans (id),
    provider TEXT NOT NULL,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    service TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    resources BIGINT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX scan_coverage_scan ON scan_coverage (scan_id);

CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    rule_id TEXT NOT NULL,
    title TEXT NOT NULL,
    severity BIGINT NOT NULL,
    resource_uid TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    resource_kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    tags TEXT,
    status TEXT NOT NULL,
    state TEXT NOT NULL,
    message TEXT,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    opened_at BIGINT NOT NULL,
    resolved_at BIGINT,
    reopen_count BIGINT NOT NULL DEFAULT 0,
    first_scan BIGINT NOT NULL,
    last_scan BIGINT NOT NULL,
    fp BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX findings_state ON findings (state, severity);
CREATE INDEX findings_account ON findings (account);

CREATE TABLE finding_events (
    finding_id BIGINT NOT NULL REFERENCES findings (id),
    scan_id BIGINT NOT NULL REFERENCES scans (id),
    event TEXT NOT NULL,
    status TEXT NOT NULL,
    at BIGINT NOT NULL,
    open_seconds BIGINT,
    PRIMARY KEY (finding_id, scan_id)
);
CREATE INDEX finding_events_scan ON finding_events (scan_id);

CREATE TABLE scan_counts (
    scan_id BIGINT NOT NULL REFERENCES scans (id),
    severity BIGINT NOT NULL,
    open BIGINT NOT NULL,
    overdue BIGINT NOT NULL,
    PRIMARY KEY (scan_id, severity)
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
