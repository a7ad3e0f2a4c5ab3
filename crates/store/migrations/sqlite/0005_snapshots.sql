-- Schema version 5: per-scan snapshots written by the service's scan pipeline (compliance
-- posture per framework, inventory counts), so the API can serve what the evaluation decided
-- without re-running it. `document` is JSON; `target_id` names the service target (NULL for
-- scans recorded by the CLI, which writes no snapshots).
CREATE TABLE scan_snapshots (
    scan_id BIGINT NOT NULL REFERENCES scans (id),
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    target_id BIGINT,
    document TEXT NOT NULL,
    PRIMARY KEY (scan_id, kind, key)
);
CREATE INDEX scan_snapshots_kind ON scan_snapshots (kind, key, scan_id);
