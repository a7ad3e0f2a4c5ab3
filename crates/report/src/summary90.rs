//! `posture report summary --days 90`: the continuous-monitoring evidence summary, as JSON or a
//! self-contained HTML page (print it to PDF from a browser, or
//! `chromium --headless --print-to-pdf=summary.pdf summary.html`).
//!
//! The numbers are computed by the caller from the store (trends, MTTR, SLA adherence,
//! exceptions, scans) and passed in as [`EvidenceSummary`]; this module derives the streak and
//! renders.

use std::collections::BTreeMap;
use std::io::{self, Write};

use posture_model::Severity;
use serde::Serialize;

use crate::html::{color, head, svg_bars, svg_lines, svg_percent};
use crate::source::escape_xml as esc;

/// One day of the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DayPoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Scans recorded that day.
    pub scans: u64,
    /// Open findings by severity at the end of the day (`None`: no scan that day).
    pub open: Option<BTreeMap<String, i64>>,
    /// Coverage of all targets that day (0–100).
    pub coverage: Option<f64>,
    /// Coverage of production targets that day (0–100).
    pub coverage_production: Option<f64>,
}

/// MTTR and SLA adherence for one severity.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeverityStats {
    /// Severity.
    pub severity: String,
    /// Resolutions in the period.
    pub resolved: u64,
    /// Mean hours to remediate.
    pub mttr_hours: Option<f64>,
    /// Median hours.
    pub median_hours: Option<f64>,
    /// Share resolved within the configured SLA (0–100).
    pub within_sla: Option<f64>,
    /// Share resolved within each window (`24h`, `7d`, `30d`, `90d`), 0–100.
    pub within: BTreeMap<String, f64>,
    /// The configured SLA (`24h`, `7d`), if any.
    pub sla: Option<String>,
}

/// The evidence summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EvidenceSummary {
    /// Period length in days.
    pub days: i64,
    /// First day (inclusive).
    pub from: String,
    /// Last day (inclusive).
    pub to: String,
    /// Every day of the period, oldest first (days without scans included).
    pub daily: Vec<DayPoint>,
    /// Per severity, most severe first.
    pub severities: Vec<SeverityStats>,
    /// Approved, unexpired exceptions now.
    pub exceptions_active: u64,
    /// Expired exceptions.
    pub exceptions_expired: u64,
    /// Exceptions awaiting approval.
    pub exceptions_pending: u64,
    /// Open findings past their due date now.
    pub overdue_now: i64,
    /// Accounts counted as production (for the production coverage figure).
    pub production_accounts: Vec<String>,
    /// Consecutive days, ending on the last day with a scan, with zero open critical findings.
    pub zero_critical_streak_days: u64,
    /// Days of the period with at least one scan.
    pub days_with_scans: u64,
    /// Total scans in the period.
    pub scans: u64,
    /// Notes (what could not be computed and why).
    pub notes: Vec<String>,
}

impl EvidenceSummary {
    /// Fill the derived fields (streak, days with scans, scans) from `daily`.
    pub fn derive(&mut self) {
        self.scans = self.daily.iter().map(|d| d.scans).sum();
        self.days_with_scans = self.daily.iter().filter(|d| d.scans > 0).count() as u64;
        let mut streak = 0u64;
        for d in self.daily.iter().rev() {
            match &d.open {
                None => {
                    // Days without a scan neither extend nor break the streak before the first
                    // scanned day; after it they break it (no evidence that day).
                    if streak > 0 {
                        break;
                    }
                }
                Some(o) if o.get("critical").copied().unwrap_or(0) == 0 => streak += 1,
                Some(_) => break,
            }
        }
        self.zero_critical_streak_days = streak;
    }
}

/// JSON.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_json(s: &EvidenceSummary, w: &mut dyn Write) -> io::Result<()> {
    let mut v = serde_json::to_value(s).map_err(crate::source::io_err)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("format".into(), "posture-evidence-summary".into());
        o.insert("version".into(), 1.into());
    }
    serde_json::to_writer_pretty(&mut *w, &v).map_err(crate::source::io_err)?;
    writeln!(w)?;
    w.flush()
}

fn fmt_opt(v: Option<f64>, suffix: &str) -> String {
    v.map_or_else(|| "–".to_owned(), |x| format!("{x:.1}{suffix}"))
}

/// HTML.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_html(s: &EvidenceSummary, w: &mut dyn Write) -> io::Result<()> {
    let title = format!("Posture continuous-monitoring evidence, {} days", s.days);
    head(w, &title)?;
    writeln!(
        w,
        "<h1>{}</h1><div class=\"muted\">{} to {} · Posture {}</div>",
        esc(&title),
        esc(&s.from),
        esc(&s.to),
        env!("CARGO_PKG_VERSION")
    )?;
    for n in &s.notes {
        writeln!(w, "<div class=\"note\">{}</div>", esc(n))?;
    }
    let last = s.daily.iter().rev().find_map(|d| d.open.as_ref());
    let open_of = |k: &str| last.and_then(|o| o.get(k)).copied().unwrap_or(0);
    let cov = s.daily.iter().rev().find_map(|d| d.coverage);
    let cov_p = s.daily.iter().rev().find_map(|d| d.coverage_production);
    writeln!(w, "<h2>Summary</h2><div class=\"cards\">")?;
    for (label, v) in [
        ("scans in the period", s.scans.to_string()),
        (
            "days with a scan",
            format!("{} / {}", s.days_with_scans, s.daily.len()),
        ),
        (
            "days with zero critical",
            s.zero_critical_streak_days.to_string(),
        ),
        ("open critical", open_of("critical").to_string()),
        ("open high", open_of("high").to_string()),
        ("overdue now", s.overdue_now.to_string()),
        ("coverage (all)", fmt_opt(cov, "%")),
        ("coverage (production)", fmt_opt(cov_p, "%")),
        ("exceptions active", s.exceptions_active.to_string()),
        ("exceptions expired", s.exceptions_expired.to_string()),
    ] {
        write!(
            w,
            "<div class=\"card\"><b>{}</b>{}</div>",
            esc(&v),
            esc(label)
        )?;
    }
    writeln!(w, "</div>")?;
    let labels: Vec<String> = s.daily.iter().map(|d| d.date.clone()).collect();
    // Carry the last known value over days without a scan so lines do not drop to zero.
    let series = |k: &str| -> Vec<f64> {
        let mut last = 0.0;
        s.daily
            .iter()
            .map(|d| {
                #[allow(clippy::cast_precision_loss)]
                if let Some(o) = &d.open {
                    last = o.get(k).copied().unwrap_or(0) as f64;
                }
                last
            })
            .collect()
    };
    writeln!(
        w,
        "<h2>Open critical and high findings</h2>{}",
        svg_lines(
            &labels,
            &[
                ("critical", color(Severity::Critical), series("critical")),
                ("high", color(Severity::High), series("high"))
            ],
            ""
        )
    )?;
    #[allow(clippy::cast_precision_loss)]
    let scans: Vec<f64> = s.daily.iter().map(|d| d.scans as f64).collect();
    writeln!(
        w,
        "<h2>Scans per day (continuous monitoring)</h2>{}",
        svg_lines(&labels, &[("scans", "#1f618d", scans)], "")
    )?;
    let covs: Vec<f64> = s.daily.iter().map(|d| d.coverage.unwrap_or(0.0)).collect();
    let covps: Vec<f64> = s
        .daily
        .iter()
        .map(|d| d.coverage_production.unwrap_or(0.0))
        .collect();
    writeln!(
        w,
        "<h2>Coverage</h2>{}",
        svg_lines(
            &labels,
            &[
                ("all targets", "#1e8449", covs),
                ("production", "#7d3c98", covps)
            ],
            "%"
        )
    )?;
    writeln!(
        w,
        "<h2>Remediation: MTTR and SLA adherence</h2><table><tr><th>Severity</th><th>Resolved</th><th>MTTR (h)</th><th>Median (h)</th><th>SLA</th><th>Within SLA</th><th>≤ 24 h</th><th>≤ 7 d</th><th>≤ 30 d</th><th>≤ 90 d</th></tr>"
    )?;
    for r in &s.severities {
        let wi = |k: &str| r.within.get(k).copied();
        writeln!(
            w,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&r.severity),
            r.resolved,
            fmt_opt(r.mttr_hours, ""),
            fmt_opt(r.median_hours, ""),
            esc(r.sla.as_deref().unwrap_or("none")),
            svg_percent(r.within_sla),
            fmt_opt(wi("24h"), "%"),
            fmt_opt(wi("7d"), "%"),
            fmt_opt(wi("30d"), "%"),
            fmt_opt(wi("90d"), "%")
        )?;
    }
    writeln!(w, "</table>")?;
    let bars: Vec<(String, u64, &str)> = s
        .severities
        .iter()
        .map(|r| (r.severity.clone(), r.resolved, "#1f618d"))
        .collect();
    writeln!(w, "<h3>Resolutions in the period</h3>{}", svg_bars(&bars))?;
    if !s.production_accounts.is_empty() {
        writeln!(
            w,
            "<p class=\"muted\">Production accounts: {}</p>",
            esc(&s.production_accounts.join(", "))
        )?;
    }
    writeln!(
        w,
        "<p class=\"muted\">Print to PDF from a browser, or <code>chromium --headless --print-to-pdf=summary.pdf summary.html</code>. No scripts, no network.</p></body></html>"
    )?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, crit: Option<i64>) -> DayPoint {
        DayPoint {
            date: date.into(),
            scans: u64::from(crit.is_some()),
            open: crit.map(|c| [("critical".to_owned(), c)].into_iter().collect()),
            ..DayPoint::default()
        }
    }

    #[test]
    fn streak_counts_days_with_zero_critical() {
        let mut s = EvidenceSummary {
            daily: vec![
                day("d1", Some(2)),
                day("d2", Some(0)),
                day("d3", None),
                day("d4", Some(0)),
                day("d5", Some(0)),
                day("d6", None),
            ],
            ..EvidenceSummary::default()
        };
        s.derive();
        assert_eq!(s.zero_critical_streak_days, 2);
        assert_eq!(s.scans, 4);
        assert_eq!(s.days_with_scans, 4);
    }
}
