//! The terminal summary and tables (`--format table`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Table, presets};
use posture_model::{CoverageStatus, Severity, Status};

use crate::ScanView;
use crate::style::Style;

/// Options of the terminal summary.
#[derive(Clone, Copy, Debug)]
pub struct TableOptions {
    /// Colors on.
    pub style: Style,
    /// How many failing rules to list.
    pub top_rules: usize,
    /// How many failing findings to list per rule.
    pub per_rule: usize,
}

fn num(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Write the summary: headline, status × severity counts, top failing rules with examples,
/// unknowns and why, coverage and failed inputs, unmodeled types.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(v: &ScanView<'_>, opts: TableOptions, w: &mut dyn Write) -> io::Result<()> {
    let st = opts.style;
    let inv = v.inventory;
    let resources = &inv.resources;
    let mut providers = BTreeMap::new();
    let mut accounts = std::collections::BTreeSet::new();
    for r in resources {
        *providers.entry(r.provider.as_str()).or_insert(0u64) += 1;
        accounts.insert((r.provider, r.account.as_str()));
    }
    let files_ok = inv.sources.iter().filter(|s| s.error.is_none()).count();
    let provider_list: Vec<String> = providers
        .iter()
        .map(|(p, n)| format!("{p} {}", num(*n)))
        .collect();
    writeln!(
        w,
        "{} {} resources ({}) in {} accounts, from {} of {} inputs",
        st.bold("Posture scan:"),
        num(resources.len() as u64),
        provider_list.join(", "),
        accounts.len(),
        files_ok,
        inv.sources.len()
    )?;
    let timing: Vec<String> = v
        .timings
        .iter()
        .map(|(k, s)| format!("{k} {s:.2}s"))
        .collect();
    writeln!(
        w,
        "{} {} rule evaluations, as of {}{}",
        st.dim("             "),
        num(v.evaluation.outcomes.len() as u64),
        v.as_of,
        if timing.is_empty() {
            String::new()
        } else {
            format!(" ({})", timing.join(", "))
        }
    )?;
    writeln!(w)?;

    // Status line.
    let fail = v.count(Status::Fail);
    let unknown = v.count(Status::Unknown);
    writeln!(
        w,
        "  {}   {}   {}   {}",
        st.red(&format!("{} failed", num(fail))),
        st.yellow(&format!("{} unknown", num(unknown))),
        st.green(&format!("{} passed", num(v.count(Status::Pass)))),
        st.dim(&format!(
            "{} not applicable",
            num(v.count(Status::NotApplicable))
        ))
    )?;
    let sev: Vec<String> = Severity::ALL_DESC
        .iter()
        .map(|s| {
            let n = v.tally.failed_by_severity.get(s).copied().unwrap_or(0);
            st.severity(*s, &format!("{} {}", num(n), s.as_str()))
        })
        .collect();
    writeln!(w, "  failed by severity: {}", sev.join(" · "))?;
    writeln!(w)?;

    // Top failing rules with a few resources each.
    if !v.tally.failed_by_rule.is_empty() {
        let mut rules: Vec<(&&str, &u64)> = v.tally.failed_by_rule.iter().collect();
        let sev_of = |id: &str| {
            v.evaluation
                .rules
                .iter()
                .find(|r| r.meta().id == id)
                .map_or(Severity::Info, |r| r.meta().severity)
        };
        rules.sort_by(|a, b| {
            sev_of(b.0)
                .cmp(&sev_of(a.0))
                .then(b.1.cmp(a.1))
                .then(a.0.cmp(b.0))
        });
        write_top_risks(v, opts, w)?;
        writeln!(w, "{}", st.bold("Top failing rules"))?;
        let mut t = Table::new();
        t.load_preset(presets::NOTHING);
        t.set_header(vec!["severity", "failing", "rule", "title"]);
        for (id, n) in rules.iter().take(opts.top_rules) {
            let s = sev_of(id);
            let title = v
                .evaluation
                .rules
                .iter()
                .find(|r| r.meta().id == **id)
                .map_or("", |r| r.meta().title);
            t.add_row(vec![
                Cell::new(st.severity(s, s.as_str())),
                Cell::new(num(**n)).set_alignment(CellAlignment::Right),
                Cell::new(**id),
                Cell::new(title),
            ]);
        }
        writeln!(w, "{t}")?;
        if rules.len() > opts.top_rules {
            writeln!(
                w,
                "  … and {} more failing rules (`--format json` lists every finding)",
                rules.len() - opts.top_rules
            )?;
        }
        writeln!(w)?;
        if opts.per_rule > 0 {
            writeln!(
                w,
                "{}",
                st.bold("Failing resources (most severe rules first)")
            )?;
            for (id, n) in rules.iter().take(opts.top_rules) {
                let mut shown = 0;
                writeln!(w, "  {} {}", st.severity(sev_of(id), "●"), st.bold(id))?;
                for o in v
                    .evaluation
                    .outcomes
                    .iter()
                    .filter(|o| o.status == Status::Fail)
                {
                    if shown >= opts.per_rule {
                        break;
                    }
                    let Some(rule) = v.evaluation.rule(o) else {
                        continue;
                    };
                    if rule.meta().id != **id {
                        continue;
                    }
                    let msg = o.detail.as_deref().map_or("", |d| d.message.as_str());
                    writeln!(w, "      {msg}")?;
                    shown += 1;
                }
                if **n > shown as u64 {
                    writeln!(
                        w,
                        "      {}",
                        st.dim(&format!("… {} more", num(**n - shown as u64)))
                    )?;
                }
            }
            writeln!(w)?;
        }
    }

    // Unknowns: the honest part.
    if unknown > 0 {
        writeln!(
            w,
            "{} {} evaluations could not be decided (missing data is never a pass):",
            st.bold("Unknown:"),
            num(unknown)
        )?;
        let mut reasons: Vec<(&String, &u64)> = v.tally.unknown_by_reason.iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (reason, n) in reasons.iter().take(8) {
            writeln!(w, "  {:>7}  {reason}", num(**n))?;
        }
        if reasons.len() > 8 {
            writeln!(w, "  … and {} more reasons", reasons.len() - 8)?;
        }
        writeln!(w)?;
    }

    if let Some(c) = &v.compliance {
        let pct = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.0}%"));
        writeln!(
            w,
            "{} {} ({}): {} passed, coverage {}",
            st.bold("Compliance:"),
            c.framework,
            c.name,
            pct(c.percent_passed),
            pct(c.coverage)
        )?;
        writeln!(
            w,
            "  {} requirements: {}   {}   {}   {} excepted   {} manual   {} not applicable",
            c.requirements,
            st.red(&format!("{} failed", c.fail)),
            st.yellow(&format!("{} unknown", c.unknown)),
            st.green(&format!("{} passed", c.pass)),
            c.excepted,
            c.manual,
            c.not_applicable
        )?;
        writeln!(
            w,
            "  {}",
            st.dim(&format!(
                "`posture compliance show {} PATH…` lists every requirement",
                c.framework
            ))
        )?;
        writeln!(w)?;
    }

    // Coverage.
    let failed_cov = inv
        .coverage
        .iter()
        .filter(|c| c.status == CoverageStatus::Failed)
        .count();
    let partial_cov = inv
        .coverage
        .iter()
        .filter(|c| c.status == CoverageStatus::Partial)
        .count();
    let covered = inv.coverage.len() - failed_cov;
    let pct = if inv.coverage.is_empty() {
        0.0
    } else {
        100.0 * covered as f64 / inv.coverage.len() as f64
    };
    writeln!(
        w,
        "{} {:.0}% ({} of {} account/region/service parts collected{}{})",
        st.bold("Coverage:"),
        pct,
        covered,
        inv.coverage.len(),
        if partial_cov > 0 {
            format!(", {partial_cov} partially")
        } else {
            String::new()
        },
        if failed_cov > 0 {
            format!(", {failed_cov} failed")
        } else {
            String::new()
        }
    )?;
    for s in inv.sources.iter().filter(|s| s.error.is_some()) {
        writeln!(
            w,
            "  {} {}",
            st.red("input failed:"),
            s.error.as_deref().unwrap_or("")
        )?;
    }
    let warnings: usize = inv.sources.iter().map(|s| s.warnings.len()).sum();
    if warnings > 0 {
        writeln!(
            w,
            "  {} {warnings} items could not be fully mapped (kept, with gaps):",
            st.yellow("warnings:")
        )?;
        for msg in inv.sources.iter().flat_map(|s| s.warnings.iter()).take(5) {
            writeln!(w, "    {msg}")?;
        }
    }
    let mut unmodeled: BTreeMap<&str, u64> = BTreeMap::new();
    for s in &inv.sources {
        for (t, n) in &s.unmodeled {
            *unmodeled.entry(t.as_str()).or_insert(0) += n;
        }
    }
    if !unmodeled.is_empty() {
        let total: u64 = unmodeled.values().sum();
        let mut list: Vec<(&&str, &u64)> = unmodeled.iter().collect();
        list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = list
            .iter()
            .take(6)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        writeln!(
            w,
            "  {} {} resources of {} types kept but not evaluated: {}{}",
            st.dim("unmodeled:"),
            num(total),
            list.len(),
            shown.join(", "),
            if list.len() > 6 { ", …" } else { "" }
        )?;
    }
    Ok(())
}

/// "Top risks": the highest-scoring failing findings, with their score and exposure.
fn write_top_risks(v: &ScanView<'_>, opts: TableOptions, w: &mut dyn Write) -> io::Result<()> {
    let Some(scores) = v.risk else {
        return Ok(());
    };
    let mut top: Vec<(u8, usize)> = v
        .evaluation
        .outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| o.status == posture_model::Status::Fail)
        .filter_map(|(i, _)| scores.value(i).map(|s| (s, i)))
        .collect();
    if top.is_empty() {
        return Ok(());
    }
    top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let st = opts.style;
    writeln!(w, "{}", st.bold("Top risks"))?;
    for (score, i) in top.iter().take(opts.top_rules.max(1)) {
        let Some(o) = v.evaluation.outcomes.get(*i) else {
            continue;
        };
        let (Some(rule), Some(r)) = (
            v.evaluation.rule(o),
            v.inventory.resources.get(o.resource as usize),
        ) else {
            continue;
        };
        let explained = scores.get(*i);
        let exposure = explained
            .as_ref()
            .and_then(|s| s.factors.iter().find(|f| f.name == "exposure"))
            .map_or("", |f| f.level.as_str());
        writeln!(
            w,
            "  {:>3}  {} {}  {}  [{exposure}]",
            score,
            st.severity(rule.meta().severity, "●"),
            rule.meta().id,
            r.name
        )?;
    }
    writeln!(w)
}
