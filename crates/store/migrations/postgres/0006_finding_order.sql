-- Schema version 6: an index in the service's default findings order (risk score, unscored
-- last, then severity, age and uid), so a page of findings over a large store is read in order
-- and stops at its LIMIT instead of sorting every row.
CREATE INDEX findings_risk_order ON findings ((CASE WHEN risk_score IS NULL THEN 1 ELSE 0 END), risk_score DESC, severity DESC, opened_at, uid);
