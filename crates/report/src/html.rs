//! `--format html`: one self-contained HTML file for people (auditors, owners): no scripts, no
//! network, inline CSS and hand-written inline SVG charts.
//!
//! Sections: executive summary (counts, failures by severity as a bar chart, coverage), posture
//! per framework, top risks (rules ranked by severity then failing resources), then **findings
//! grouped by rule** — each rule a collapsible `<details>` with what it checks, the risk, the fix
//! (CLI, Terraform, console, fix safety) and a table of affected resources with message,
//! evidence and the fix command filled for that resource.
//!
//! Size: at most [`HtmlOptions::per_rule`] findings are listed per rule (default 200), and at
//! most [`HtmlOptions::max_rows`] in all (default 20,000, shared evenly by the catalog's rules,
//! at least 10 each); the rest are counted, and a note at the top says what was cut. The JSON document stays the complete
//! record. Memory: per-rule counts plus the rendered rows kept under that cap.
//!
//! Everything from the data (names, tags, messages, evidence, commands) goes through
//! [`escape_xml`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use posture_model::{Severity, Status};

use crate::source::{FindingSource, escape_xml as esc, rfc3339};

/// Options.
#[derive(Clone, Debug)]
pub struct HtmlOptions {
    /// Findings listed per rule.
    pub per_rule: usize,
    /// Findings listed in all (divided evenly among the catalog's rules).
    pub max_rows: usize,
    /// Document title.
    pub title: String,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            per_rule: 200,
            max_rows: 20_000,
            title: "Posture report".to_owned(),
        }
    }
}

/// Shared stylesheet (also used by the summary and diff pages).
pub(crate) const CSS: &str = "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:#1c1e21}\
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}\
h3{font-size:15px;margin:14px 0 6px}.muted{color:#666}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}\
.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}\
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #e2e2e2;padding:4px 6px;text-align:left;vertical-align:top}\
th{background:#f5f6f7}td.n{text-align:right;font-variant-numeric:tabular-nums}code,pre{font:12px ui-monospace,Menlo,Consolas,monospace}\
pre{background:#f6f8fa;padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}\
details{border:1px solid #e2e2e2;border-radius:6px;margin:8px 0;padding:6px 10px}summary{cursor:pointer;font-weight:600}\
.sev{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px;font-weight:600}\
.critical{background:#7a1020}.high{background:#c0392b}.medium{background:#d68910}.low{background:#2e86c1}.info{background:#7f8c8d}\
.note{background:#fff8e1;border:1px solid #f3d98b;border-radius:6px;padding:8px 12px;margin:10px 0}\
@media print{details{break-inside:avoid}details>summary{list-style:none}body{max-width:none}}";

pub(crate) fn sev_badge(s: Severity) -> String {
    format!("<span class=\"sev {}\">{}</span>", s.as_str(), s.as_str())
}

pub(crate) fn color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "#7a1020",
        Severity::High => "#c0392b",
        Severity::Medium => "#d68910",
        Severity::Low => "#2e86c1",
        Severity::Info => "#7f8c8d",
    }
}

/// Horizontal bar chart: one labelled bar per item.
pub(crate) fn svg_bars(items: &[(String, u64, &str)]) -> String {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let h = 24 * items.len() + 8;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"{h}\" role=\"img\" aria-label=\"bar chart\">"
    );
    for (i, (label, n, fill)) in items.iter().enumerate() {
        let y = 4 + i * 24;
        #[allow(clippy::cast_precision_loss)]
        let wdt = (*n as f64 / max as f64 * 330.0).round();
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"120\" y=\"{y}\" width=\"{wdt}\" height=\"18\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{n}</text>",
            y + 13,
            esc(label),
            esc(fill),
            126.0 + wdt,
            y + 13
        );
    }
    s.push_str("</svg>");
    s
}

/// Line chart of several series over the same x points (values ≥ 0).
pub(crate) fn svg_lines(
    labels: &[String],
    series: &[(&str, &str, Vec<f64>)],
    y_suffix: &str,
) -> String {
    let (w, h, left, bottom) = (720.0_f64, 220.0_f64, 48.0_f64, 24.0_f64);
    let max = series
        .iter()
        .flat_map(|s| s.2.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let n = labels.len().max(2);
    #[allow(clippy::cast_precision_loss)]
    let x = |i: usize| left + (w - left - 10.0) * i as f64 / (n - 1) as f64;
    let y = |v: f64| 10.0 + (h - bottom - 10.0) * (1.0 - v / max);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{}\" role=\"img\" aria-label=\"trend chart\">",
        h + 20.0
    );
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>",
        h - bottom,
        w - 10.0,
        h - bottom
    );
    let _ = write!(
        s,
        "<text x=\"0\" y=\"16\" font-size=\"11\">{max:.0}{}</text><text x=\"0\" y=\"{}\" font-size=\"11\">0</text>",
        esc(y_suffix),
        h - bottom
    );
    if let (Some(first), Some(last)) = (labels.first(), labels.last()) {
        let _ = write!(
            s,
            "<text x=\"{left}\" y=\"{}\" font-size=\"11\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            h - 6.0,
            esc(first),
            w - 10.0,
            h - 6.0,
            esc(last)
        );
    }
    for (k, (name, col, vals)) in series.iter().enumerate() {
        let pts: Vec<String> = vals
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        let _ = write!(
            s,
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>",
            esc(col),
            pts.join(" ")
        );
        #[allow(clippy::cast_precision_loss)]
        let lx = left + 120.0 * k as f64;
        let _ = write!(
            s,
            "<rect x=\"{lx}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            h + 6.0,
            esc(col),
            lx + 14.0,
            h + 15.0,
            esc(name)
        );
    }
    s.push_str("</svg>");
    s
}

/// A percentage bar.
pub(crate) fn svg_percent(p: Option<f64>) -> String {
    let Some(p) = p else {
        return "<span class=\"muted\">n/a</span>".to_owned();
    };
    let p = p.clamp(0.0, 100.0);
    let fill = if p >= 90.0 {
        "#1e8449"
    } else if p >= 70.0 {
        "#d68910"
    } else {
        "#c0392b"
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"140\" height=\"14\" role=\"img\" aria-label=\"{p:.1}%\"><rect width=\"100\" height=\"14\" fill=\"#eee\"/><rect width=\"{p:.1}\" height=\"14\" fill=\"{fill}\"/><text x=\"104\" y=\"11\" font-size=\"11\">{p:.1}%</text></svg>"
    )
}

pub(crate) fn head(w: &mut dyn Write, title: &str) -> io::Result<()> {
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
<title>{}</title><style>{CSS}</style></head><body>\n",
        esc(title)
    )
}

#[derive(Default)]
struct RuleAcc {
    failed: u64,
    unknown: u64,
    passed: u64,
    listed: u64,
    rows: String,
}

/// Write the report.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(src: &dyn FindingSource, opts: &HtmlOptions, w: &mut dyn Write) -> io::Result<()> {
    let meta = src.meta();
    let rules = src.rules();
    // The page must stay readable (and under ~40 MB at 100 k findings) however large the catalog.
    let effective = HtmlOptions {
        per_rule: opts
            .per_rule
            .min((opts.max_rows / rules.len().max(1)).max(10)),
        ..opts.clone()
    };
    let opts = &effective;
    let by_id: BTreeMap<&str, &'static posture_rules::RuleMeta> =
        rules.iter().map(|m| (m.id, *m)).collect();
    let mut acc: BTreeMap<String, RuleAcc> = BTreeMap::new();
    let mut failed_by_sev: BTreeMap<Severity, u64> = BTreeMap::new();
    let mut excepted = 0u64;
    src.for_each(&mut |row| {
        let f = row.finding;
        let a = acc.entry(f.rule_id.clone()).or_default();
        match f.status {
            Status::Fail => {
                a.failed += 1;
                *failed_by_sev.entry(f.severity).or_insert(0) += 1;
            }
            Status::Unknown => a.unknown += 1,
            Status::Pass => {
                a.passed += 1;
                return Ok(());
            }
            Status::NotApplicable => return Ok(()),
        }
        if row.excepted() {
            excepted += 1;
        }
        if a.listed as usize >= opts.per_rule {
            return Ok(());
        }
        a.listed += 1;
        let mut evidence = String::new();
        for e in &f.evidence {
            let _ = write!(evidence, "<div><code>{}</code> = <code>{}</code></div>", esc(&e.path), esc(&crate::source::truncate(&e.observed.to_string(), 2000)));
        }
        let tags: Vec<String> = row.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let fix = row.fix.map_or(String::new(), |x| {
            format!("<details><summary>Fix this resource</summary><pre>{}</pre></details>", esc(&x.cli))
        });
        let state = row.lifecycle.map_or(String::new(), |l| {
            let due = l.due_at.map(|d| format!(", due {}", crate::source::date(d))).unwrap_or_default();
            format!("<div class=\"muted\">{} since {}{due}{}</div>", esc(&l.display), crate::source::date(l.opened_at), if l.overdue { " — <b>overdue</b>" } else { "" })
        });
        let _ = writeln!(
            a.rows,
            "<tr><td>{}<div class=\"muted\"><code>{}</code></div>{}</td><td>{}<br>{}</td><td>{} {}{}</td><td>{fix}{state}</td></tr>",
            esc(&f.resource_name),
            esc(&f.resource_uid),
            if tags.is_empty() { String::new() } else { format!("<div class=\"muted\">{}</div>", esc(&tags.join(", "))) },
            esc(&f.account),
            esc(&f.region),
            esc(f.status.as_str()),
            esc(&f.message),
            if evidence.is_empty() { String::new() } else { format!("<div>{evidence}</div>") },
        );
        Ok(())
    })?;

    head(w, &opts.title)?;
    writeln!(
        w,
        "<h1>{}</h1><div class=\"muted\">As of {} · {} · Posture {}{}</div>",
        esc(&opts.title),
        esc(&rfc3339(meta.as_of)),
        if meta.origin == "store" {
            "current finding state from the store"
        } else {
            "scan"
        },
        env!("CARGO_PKG_VERSION"),
        meta.scan_id
            .map(|s| format!(" · scan {s}"))
            .unwrap_or_default()
    )?;
    let truncated: Vec<(&String, u64)> = acc
        .iter()
        .filter(|(_, a)| a.failed + a.unknown > a.listed)
        .map(|(k, a)| (k, a.failed + a.unknown - a.listed))
        .collect();
    if !truncated.is_empty() || !meta.notes.is_empty() {
        write!(w, "<div class=\"note\">")?;
        for n in &meta.notes {
            write!(w, "<div>{}</div>", esc(n))?;
        }
        if !truncated.is_empty() {
            let total: u64 = truncated.iter().map(|t| t.1).sum();
            write!(
                w,
                "<div>This page lists at most {} findings per rule; {total} more findings of {} rules are counted but not listed. The JSON report (<code>--format json</code>) is the complete record.</div>",
                opts.per_rule,
                truncated.len()
            )?;
        }
        writeln!(w, "</div>")?;
    }

    // Executive summary.
    let count = |s: Status| meta.by_status.get(&s).copied().unwrap_or(0);
    let total_failed: u64 = failed_by_sev.values().sum();
    let failing_rules = acc.values().filter(|a| a.failed > 0).count();
    #[allow(clippy::cast_precision_loss)]
    let coverage =
        (meta.coverage.1 > 0).then(|| meta.coverage.0 as f64 * 100.0 / meta.coverage.1 as f64);
    writeln!(w, "<h2>Executive summary</h2>")?;
    write!(
        w,
        "<p>{} resources in {} accounts were checked by {} rules ({} evaluations). <b>{total_failed}</b> findings fail across {failing_rules} rules",
        meta.resources,
        meta.accounts.len(),
        rules.len(),
        meta.evaluations
    )?;
    let crit = failed_by_sev.get(&Severity::Critical).copied().unwrap_or(0);
    let high = failed_by_sev.get(&Severity::High).copied().unwrap_or(0);
    writeln!(
        w,
        "; {crit} critical and {high} high. {} results could not be decided from the data and are listed as unknown, never as passed.</p>",
        acc.values().map(|a| a.unknown).sum::<u64>()
    )?;
    write!(w, "<div class=\"cards\">")?;
    for (label, n) in [
        ("resources", meta.resources),
        ("failing", total_failed),
        ("critical", crit),
        ("high", high),
        (
            "unknown",
            count(Status::Unknown).max(acc.values().map(|a| a.unknown).sum()),
        ),
        ("passed", count(Status::Pass)),
    ] {
        write!(w, "<div class=\"card\"><b>{n}</b>{label}</div>")?;
    }
    if excepted > 0 {
        write!(w, "<div class=\"card\"><b>{excepted}</b>excepted</div>")?;
    }
    write!(
        w,
        "<div class=\"card\"><b>{}</b>coverage</div>",
        coverage.map_or("n/a".to_owned(), |c| format!("{c:.1}%"))
    )?;
    writeln!(w, "</div>")?;
    let bars: Vec<(String, u64, &str)> = Severity::ALL_DESC
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                failed_by_sev.get(s).copied().unwrap_or(0),
                color(*s),
            )
        })
        .collect();
    writeln!(
        w,
        "<h3>Failing findings by severity</h3>{}",
        svg_bars(&bars)
    )?;

    // Framework posture.
    if !meta.postures.is_empty() {
        writeln!(
            w,
            "<h2>Posture per framework</h2><table><tr><th>Framework</th><th>Requirements</th><th>Passed</th><th>Failed</th><th>Unknown</th><th>Manual</th><th>% passed</th><th>Automated coverage</th></tr>"
        )?;
        for p in &meta.postures {
            writeln!(
                w,
                "<tr><td>{}<div class=\"muted\"><code>{}</code></div></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&p.name),
                esc(&p.framework),
                p.requirements,
                p.pass,
                p.fail,
                p.unknown,
                p.manual,
                svg_percent(p.percent_passed),
                svg_percent(p.coverage)
            )?;
        }
        writeln!(w, "</table>")?;
    }

    // Top risks.
    let mut ranked: Vec<(&String, &RuleAcc, Severity)> = acc
        .iter()
        .filter(|(_, a)| a.failed > 0)
        .map(|(k, a)| {
            (
                k,
                a,
                by_id.get(k.as_str()).map_or(Severity::Info, |m| m.severity),
            )
        })
        .collect();
    ranked.sort_by(|a, b| {
        (std::cmp::Reverse(a.2), std::cmp::Reverse(a.1.failed), a.0).cmp(&(
            std::cmp::Reverse(b.2),
            std::cmp::Reverse(b.1.failed),
            b.0,
        ))
    });
    writeln!(w, "<h2>Top risks</h2>")?;
    if ranked.is_empty() {
        writeln!(w, "<p>No rule fails.</p>")?;
    } else {
        writeln!(
            w,
            "<table><tr><th>Severity</th><th>Rule</th><th>Failing resources</th><th>Why it matters</th></tr>"
        )?;
        for (id, a, sev) in ranked.iter().take(10) {
            let m = by_id.get(id.as_str());
            writeln!(
                w,
                "<tr><td>{}</td><td><a href=\"#rule-{}\">{}</a><div class=\"muted\"><code>{}</code></div></td><td class=\"n\">{}</td><td>{}</td></tr>",
                sev_badge(*sev),
                esc(id),
                esc(m.map_or(id.as_str(), |m| m.title)),
                esc(id),
                a.failed,
                esc(m.map_or("", |m| m.risk))
            )?;
        }
        writeln!(w, "</table>")?;
    }

    // Findings by rule.
    writeln!(w, "<h2>Findings by rule</h2>")?;
    for (id, a, sev) in &ranked {
        write_rule(w, id, a, *sev, by_id.get(id.as_str()).copied(), opts)?;
    }
    let mut unknown_only: Vec<(&String, &RuleAcc)> = acc
        .iter()
        .filter(|(_, a)| a.failed == 0 && a.unknown > 0)
        .collect();
    unknown_only.sort_by_key(|(k, _)| *k);
    if !unknown_only.is_empty() {
        writeln!(w, "<h3>Rules with undecided results only</h3>")?;
        for (id, a) in unknown_only {
            let m = by_id.get(id.as_str()).copied();
            write_rule(w, id, a, m.map_or(Severity::Info, |m| m.severity), m, opts)?;
        }
    }
    writeln!(
        w,
        "<p class=\"muted\">Generated by Posture {}. This file has no scripts and loads nothing from the network. Print it to PDF from a browser, or with <code>chromium --headless --print-to-pdf=report.pdf report.html</code>.</p></body></html>",
        env!("CARGO_PKG_VERSION")
    )?;
    w.flush()
}

fn write_rule(
    w: &mut dyn Write,
    id: &str,
    a: &RuleAcc,
    sev: Severity,
    m: Option<&'static posture_rules::RuleMeta>,
    opts: &HtmlOptions,
) -> io::Result<()> {
    let open = if sev >= Severity::High && a.failed > 0 {
        " open"
    } else {
        ""
    };
    write!(
        w,
        "<details id=\"rule-{}\"{open}><summary>{} {} — {} failing, {} unknown</summary>",
        esc(id),
        sev_badge(sev),
        esc(m.map_or(id, |m| m.title)),
        a.failed,
        a.unknown
    )?;
    write!(w, "<div class=\"muted\"><code>{}</code></div>", esc(id))?;
    if let Some(m) = m {
        write!(
            w,
            "<p>{}</p><p><b>Risk:</b> {}</p><p><b>Fix:</b> {} <span class=\"muted\">(fix safety: {} — {})</span></p>",
            esc(m.description),
            esc(m.risk),
            esc(m.remediation.summary),
            esc(m.fix_safety.as_str()),
            esc(m.fix_safety_reason)
        )?;
        write!(
            w,
            "<details><summary>CLI, Terraform and console steps</summary><pre>{}</pre><pre>{}</pre><pre>{}</pre></details>",
            esc(m.remediation.cli),
            esc(m.remediation.terraform),
            esc(m.remediation.console)
        )?;
    }
    write!(
        w,
        "<table><tr><th>Resource</th><th>Account / region</th><th>Finding and evidence</th><th>Fix</th></tr>\n{}</table>",
        a.rows
    )?;
    let rest = a.failed + a.unknown - a.listed;
    if rest > 0 {
        write!(
            w,
            "<p class=\"muted\">… {rest} more not listed (limit {} per rule; see the JSON report).</p>",
            opts.per_rule
        )?;
    }
    writeln!(w, "</details>")
}
