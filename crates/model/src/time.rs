//! RFC 3339 timestamps without a date library: formatting Unix seconds and parsing the forms
//! cloud APIs emit (`2026-05-01T08:00:00Z`, fractional seconds, `+02:00` offsets, a space instead
//! of `T`, and bare dates).

/// Seconds in one day.
pub const DAY: i64 = 86_400;

/// Whole days from `then` to `now` (negative when `then` is later).
#[must_use]
pub fn days_between(then: i64, now: i64) -> i64 {
    (now - then).div_euclid(DAY)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
#[must_use]
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (inverse of [`days_from_civil`]).
#[must_use]
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Format Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
#[must_use]
pub fn format_rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parse an RFC 3339 timestamp (or a bare `YYYY-MM-DD`) into Unix seconds.
#[must_use]
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let date = s.get(..10)?;
    let mut parts = date.split('-');
    let y = num(parts.next()?)?;
    let mo = num(parts.next()?)?;
    let d = num(parts.next()?)?;
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    let base = days_from_civil(y, mo, d) * 86_400;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(base);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let hh = num(rest.get(0..2)?)?;
    let mm = num(rest.get(3..5)?)?;
    let ss = num(rest.get(6..8)?)?;
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let mut tail = rest.get(8..)?;
    if let Some(frac) = tail.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        tail = frac.get(digits..)?;
    }
    let offset = match tail {
        "Z" | "z" | "" => 0,
        _ => {
            let sign = match tail.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let oh = num(tail.get(1..3)?)?;
            let om = match tail.get(3..)? {
                "" => 0,
                m => num(m.strip_prefix(':').unwrap_or(m))?,
            };
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(base + hh * 3600 + mm * 60 + ss - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_forms() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-01-01T00:00:00Z"), Some(1_767_225_600));
        assert_eq!(format_rfc3339(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(
            parse_rfc3339("2026-01-01T02:00:00.123+02:00"),
            Some(1_767_225_600)
        );
        assert_eq!(parse_rfc3339("2026-01-01 00:00:00"), Some(1_767_225_600));
        assert_eq!(parse_rfc3339("2026-01-01"), Some(1_767_225_600));
        assert_eq!(
            parse_rfc3339("2024-02-29T12:00:00Z")
                .map(format_rfc3339)
                .as_deref(),
            Some("2024-02-29T12:00:00Z")
        );
        for bad in [
            "",
            "2026",
            "2026-13-01",
            "2026-01-01X",
            "2026-01-01T25:00:00Z",
            "2026-01-01T00:00:00.Z",
            "२०२६-01-01",
            "2026-02-29",
            "2026-04-31T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(days_between(0, 90 * DAY), 90);
        assert_eq!(days_between(1, 90 * DAY), 89);
        assert_eq!(days_between(1, 0), -1);
        for secs in [-86_400 * 400, -1, 0, 951_782_400, 4_102_444_800] {
            assert_eq!(parse_rfc3339(&format_rfc3339(secs)), Some(secs));
        }
    }
}
