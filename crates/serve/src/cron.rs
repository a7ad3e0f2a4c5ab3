//! Schedules: fixed intervals and five-field cron expressions (UTC), and the next run after a
//! given time. Missed runs are never replayed: the next run is always computed from *now*, so a
//! scheduler that was down for a day fires each target once, not once per missed slot.

use posture_store::Schedule;

/// A parsed cron expression: minute, hour, day of month, month, day of week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cron {
    minutes: u64,
    hours: u32,
    doms: u32,
    months: u16,
    dows: u8,
    dom_any: bool,
    dow_any: bool,
}

fn field(s: &str, lo: u32, hi: u32, name: &str) -> Result<(u64, bool), String> {
    let mut bits = 0u64;
    for part in s.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, st)) => {
                let st: u32 = st.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("{name}: `{part}` has a bad step (expected a positive number)")
                })?;
                (r, st)
            }
            None => (part, 1),
        };
        let (a, b) = if range == "*" {
            (lo, hi)
        } else if let Some((a, b)) = range.split_once('-') {
            (num(a, lo, hi, name)?, num(b, lo, hi, name)?)
        } else {
            let a = num(range, lo, hi, name)?;
            (a, if part.contains('/') { hi } else { a })
        };
        if a > b {
            return Err(format!("{name}: `{part}` is an empty range"));
        }
        let mut v = a;
        while v <= b {
            bits |= 1 << v;
            v += step;
        }
    }
    Ok((bits, s == "*"))
}

fn num(s: &str, lo: u32, hi: u32, name: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .ok()
        .filter(|n| (lo..=hi).contains(n))
        .ok_or_else(|| format!("{name}: `{s}` is not a number from {lo} to {hi}"))
}

impl Cron {
    /// Parse `minute hour day-of-month month day-of-week` (numbers, `*`, ranges `a-b`, lists
    /// `a,b`, steps `*/n` or `a-b/n`; day of week 0-7 with 0 and 7 Sunday), or one of
    /// `@hourly`, `@daily`, `@weekly`, `@monthly`.
    ///
    /// # Errors
    /// A message naming the bad field.
    pub fn parse(expr: &str) -> Result<Cron, String> {
        let expr = match expr.trim() {
            "@hourly" => "0 * * * *",
            "@daily" | "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            e => e,
        };
        let f: Vec<&str> = expr.split_whitespace().collect();
        if f.len() != 5 {
            return Err(format!(
                "`{expr}`: expected 5 fields (minute hour day-of-month month day-of-week), found {}",
                f.len()
            ));
        }
        let (minutes, _) = field(f[0], 0, 59, "minute")?;
        let (hours, _) = field(f[1], 0, 23, "hour")?;
        let (doms, dom_any) = field(f[2], 1, 31, "day of month")?;
        let (months, _) = field(f[3], 1, 12, "month")?;
        let (mut dows, dow_any) = field(f[4], 0, 7, "day of week")?;
        if dows & (1 << 7) != 0 {
            dows |= 1;
        }
        #[allow(clippy::cast_possible_truncation)]
        Ok(Cron {
            minutes,
            hours: hours as u32,
            doms: doms as u32,
            months: months as u16,
            dows: (dows & 0x7f) as u8,
            dom_any,
            dow_any,
        })
    }

    fn day_matches(&self, days: i64) -> bool {
        let (_, m, d) = posture_model::time::civil_from_days(days);
        if self.months & (1 << m) == 0 {
            return false;
        }
        let dow = (days + 4).rem_euclid(7); // 1970-01-01 was a Thursday
        let dom_ok = self.doms & (1 << d) != 0;
        let dow_ok = self.dows & (1 << dow) != 0;
        // Classic cron: when both day fields are restricted, either may match.
        match (self.dom_any, self.dow_any) {
            (true, true) => true,
            (false, true) => dom_ok,
            (true, false) => dow_ok,
            (false, false) => dom_ok || dow_ok,
        }
    }

    /// The first matching minute strictly after `t` (Unix seconds), within five years.
    #[must_use]
    pub fn next_after(&self, t: i64) -> Option<i64> {
        let start = (t.div_euclid(60) + 1) * 60;
        let first_day = start.div_euclid(86_400);
        for day in first_day..first_day + 366 * 5 {
            if !self.day_matches(day) {
                continue;
            }
            let day_start = day * 86_400;
            for h in 0..24i64 {
                if self.hours & (1 << h) == 0 || day_start + h * 3600 + 3599 < start {
                    continue;
                }
                for m in 0..60i64 {
                    let at = day_start + h * 3600 + m * 60;
                    if self.minutes & (1 << m) != 0 && at >= start {
                        return Some(at);
                    }
                }
            }
        }
        None
    }
}

/// Check a schedule (cron syntax, interval bounds).
///
/// # Errors
/// A message naming the problem.
pub fn validate(s: &Schedule) -> Result<(), String> {
    match s {
        Schedule::Cron(c) => Cron::parse(c).map(|_| ()),
        Schedule::Interval(i) if *i < 60 => Err("schedule.interval: at least 60 seconds".into()),
        _ => Ok(()),
    }
}

/// The next run of `s` after `now` (`None` for manual schedules).
#[must_use]
pub fn next_run(s: &Schedule, now: i64) -> Option<i64> {
    match s {
        Schedule::Manual => None,
        Schedule::Interval(i) => Some(now + (*i).max(60)),
        Schedule::Cron(c) => Cron::parse(c).ok()?.next_after(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-02T15:07:30Z is a Wednesday.
    const T: i64 = 1_796_224_050;

    fn at(e: &str, t: i64) -> i64 {
        Cron::parse(e).unwrap().next_after(t).unwrap()
    }

    #[test]
    fn next_runs() {
        assert_eq!(
            posture_model::time::format_rfc3339(T),
            "2026-12-02T15:07:30Z"
        );
        let fmt = posture_model::time::format_rfc3339;
        assert_eq!(fmt(at("* * * * *", T)), "2026-12-02T15:08:00Z");
        assert_eq!(fmt(at("*/15 * * * *", T)), "2026-12-02T15:15:00Z");
        assert_eq!(fmt(at("0 * * * *", T)), "2026-12-02T16:00:00Z");
        assert_eq!(fmt(at("30 2 * * *", T)), "2026-12-03T02:30:00Z");
        assert_eq!(fmt(at("0 9 * * 1-5", T)), "2026-12-03T09:00:00Z");
        assert_eq!(fmt(at("0 9 * * 0", T)), "2026-12-06T09:00:00Z");
        assert_eq!(fmt(at("0 9 * * 7", T)), "2026-12-06T09:00:00Z");
        assert_eq!(fmt(at("0 0 1 1 *", T)), "2027-01-01T00:00:00Z");
        assert_eq!(fmt(at("0 0 29 2 *", T)), "2028-02-29T00:00:00Z");
        // Day of month OR day of week when both are restricted.
        assert_eq!(fmt(at("0 0 13 * 5", T)), "2026-12-04T00:00:00Z");
        assert_eq!(fmt(at("@daily", T)), "2026-12-03T00:00:00Z");
        // Strictly after: on a boundary the next slot is taken.
        assert_eq!(at("0 * * * *", 1_796_220_000), 1_796_220_000 + 3600);
    }

    #[test]
    fn bad_expressions_name_the_field() {
        for (e, want) in [
            ("* * * *", "expected 5 fields"),
            ("60 * * * *", "minute"),
            ("* 24 * * *", "hour"),
            ("* * 0 * *", "day of month"),
            ("* * * 13 *", "month"),
            ("* * * * 8", "day of week"),
            ("*/0 * * * *", "bad step"),
            ("5-1 * * * *", "empty range"),
        ] {
            let err = Cron::parse(e).unwrap_err();
            assert!(err.contains(want), "{e}: {err}");
        }
        assert_eq!(Cron::parse("0 0 31 2 *").unwrap().next_after(T), None);
    }

    #[test]
    fn missed_runs_collapse_into_one() {
        // Down for three days with an hourly schedule: the next run is the next slot after
        // now, once.
        let s = Schedule::Cron("0 * * * *".into());
        let now = T + 3 * 86_400;
        assert_eq!(next_run(&s, now), Some(at("0 * * * *", now)));
        assert_eq!(next_run(&Schedule::Interval(900), now), Some(now + 900));
        assert_eq!(next_run(&Schedule::Manual, now), None);
    }
}
