-- Schema version 3: the risk score of each finding (0-100) and its explanation, from the latest
-- scan that failed it. NULL for findings recorded before version 3 ("not scored").
-- risk_factors is a JSON array: [{name, level, value, weight, multiplier, points, detail, path?}],
-- where the exposure factor's `path` lists the hops (entry first).
ALTER TABLE findings ADD COLUMN risk_score BIGINT;
ALTER TABLE findings ADD COLUMN risk_factors TEXT;
