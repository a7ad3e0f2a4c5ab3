-- Schema version 7: the remediation workflow. `fix_approvals` holds one row per plan item that
-- needs a human decision (the item as JSON, who requested it, who decided and when); the
-- approver must differ from the requester (enforced in code and by the CHECK below).
-- `fix_runs` records every attempt to apply a fix: the state read before and after (JSON, for
-- rollback), the result, the error, and what the validation re-scan concluded.
CREATE TABLE fix_approvals (
    id BIGSERIAL PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE,
    finding_uid TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    resource_uid TEXT NOT NULL,
    item TEXT NOT NULL,
    requester TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'approved', 'rejected')),
    approver TEXT,
    decided_at BIGINT,
    note TEXT,
    CHECK (approver IS NULL OR approver <> requester)
);
CREATE INDEX fix_approvals_decision ON fix_approvals (decision, requested_at);

CREATE TABLE fix_runs (
    id BIGSERIAL PRIMARY KEY,
    item_id TEXT NOT NULL,
    finding_uid TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    resource_uid TEXT NOT NULL,
    actor TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('applied', 'already_compliant', 'failed')),
    before_state TEXT,
    after_state TEXT,
    error TEXT,
    validation TEXT CHECK (validation IS NULL OR validation IN ('resolved', 'still_failing', 'unknown')),
    validation_detail TEXT
);
CREATE INDEX fix_runs_item ON fix_runs (item_id, id);
CREATE INDEX fix_runs_finding ON fix_runs (finding_uid, id);
