//! SLA clocks: how long a finding of each severity may stay open.

use posture_model::Severity;

/// Maximum time to remediate, per severity, in seconds. Info has no SLA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SlaPolicy {
    /// Critical (default 24 h).
    pub critical: i64,
    /// High (default 7 d).
    pub high: i64,
    /// Medium (default 30 d).
    pub medium: i64,
    /// Low (default 90 d).
    pub low: i64,
}

/// "No SLA": far enough in the future never to be due, small enough not to overflow sums.
pub(crate) const NO_SLA: i64 = 1 << 50;

impl Default for SlaPolicy {
    fn default() -> Self {
        SlaPolicy {
            critical: 24 * 3600,
            high: 7 * 86_400,
            medium: 30 * 86_400,
            low: 90 * 86_400,
        }
    }
}

impl SlaPolicy {
    /// The SLA of a severity in seconds (`None` for info).
    #[must_use]
    pub fn for_severity(&self, s: Severity) -> Option<i64> {
        match s {
            Severity::Critical => Some(self.critical),
            Severity::High => Some(self.high),
            Severity::Medium => Some(self.medium),
            Severity::Low => Some(self.low),
            Severity::Info => None,
        }
    }

    /// Due time of a finding opened at `opened_at`.
    #[must_use]
    pub fn due(&self, s: Severity, opened_at: i64) -> Option<i64> {
        self.for_severity(s).map(|d| opened_at.saturating_add(d))
    }

    /// SLA seconds by stored severity number 4..=0 (info = [`NO_SLA`]), as SQL parameters.
    pub(crate) fn by_num(&self) -> [i64; 5] {
        [NO_SLA, self.low, self.medium, self.high, self.critical]
    }
}

/// Parse a duration like `24h`, `7d`, `90m`, `2w`, `3600s` (or a bare number of seconds).
///
/// # Errors
/// A message naming the value when it is not a positive duration.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let (num, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let n: i64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration (e.g. 24h, 7d, 30d)"))?;
    let mult = match unit.trim() {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(format!("`{s}`: unknown unit (use s, m, h, d or w)")),
    };
    if n <= 0 {
        return Err(format!("`{s}` must be positive"));
    }
    n.checked_mul(mult)
        .ok_or_else(|| format!("`{s}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("24h"), Ok(86_400));
        assert_eq!(parse_duration("7d"), Ok(7 * 86_400));
        assert_eq!(parse_duration("2w"), Ok(14 * 86_400));
        assert_eq!(parse_duration("90"), Ok(90));
        assert!(parse_duration("0d").is_err());
        assert!(parse_duration("1y").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
        assert_eq!(SlaPolicy::default().due(Severity::Info, 5), None);
    }
}
