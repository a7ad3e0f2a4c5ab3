//! `posture compliance list|show|crosswalk`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::{Args, Subcommand, ValueEnum};
use comfy_table::{Cell, CellAlignment, Table, presets};
use posture_compliance::posture::{Assessor, FrameworkPosture, RequirementStatus};
use posture_compliance::{Framework, Library, RequirementRef};
use posture_config::Config;
use posture_model::{Inventory, InventoryIndex};
use posture_report::ComplianceSummary;
use posture_report::style::Style;
use posture_rules::{Evaluation, Rule};
use serde_json::json;

use crate::util;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
}

#[derive(Args, Debug)]
pub(crate) struct Common {
    /// Directory of extra framework files (same schema; a file with a built-in's id replaces it).
    #[arg(long, env = "POSTURE_FRAMEWORKS", value_name = "DIR")]
    pub frameworks: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: Format,
    /// Reference time for age-based rules (RFC 3339; default: now).
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
}

#[derive(Subcommand, Debug)]
pub(crate) enum ComplianceCommand {
    /// List the frameworks; with export paths, the estate's posture per framework.
    List {
        /// Export files or directories to scan (as for `posture scan`).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// One framework's requirements; with export paths, each requirement's status and findings.
    Show {
        /// Framework id (see `posture compliance list`).
        framework: String,
        /// Export files or directories to scan.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Show only this requirement, with the findings behind it.
        #[arg(long, value_name = "ID")]
        requirement: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// The controls a rule supports across frameworks, or a requirement's equivalents
    /// (`RULE_ID` or `FRAMEWORK:REQUIREMENT`).
    Crosswalk {
        /// A rule id (`aws.s3.bucket_public_acl`) or `framework:requirement` (`cis-aws-6.0:3.1.1`).
        target: String,
        #[command(flatten)]
        common: Common,
    },
}

/// Load the built-in frameworks plus those in `dir`.
pub(crate) fn library(dir: Option<&Path>) -> anyhow::Result<Library> {
    Library::load(dir).map_err(|e| anyhow::anyhow!("cannot load compliance frameworks: {e}"))
}

/// The framework by id, or an error listing the known ids.
pub(crate) fn framework<'l>(lib: &'l Library, id: &str) -> anyhow::Result<&'l Framework> {
    lib.get(id).ok_or_else(|| {
        let ids: Vec<&str> = lib.frameworks().iter().map(|f| f.id.as_str()).collect();
        anyhow::anyhow!("no framework `{id}`; known: {}", ids.join(", "))
    })
}

/// Plain numbers of a framework's posture, for the scan report.
pub(crate) fn summary(p: &FrameworkPosture<'_>) -> ComplianceSummary {
    let f = p.framework;
    let t = p.totals;
    ComplianceSummary {
        framework: f.id.clone(),
        name: format!("{} {}", f.name, f.version),
        requirements: t.requirements,
        pass: t.pass,
        fail: t.fail,
        unknown: t.unknown,
        excepted: t.excepted,
        manual: t.manual,
        not_applicable: t.not_applicable,
        percent_passed: t.percent_passed(),
        coverage: t.coverage(),
    }
}

fn scan(
    paths: &[PathBuf],
    rules: &[&'static dyn Rule],
    as_of: Option<&str>,
    config: &Config,
) -> anyhow::Result<(Inventory, Evaluation)> {
    let as_of = util::as_of(as_of)?;
    let inventory = util::import(config, paths, false)?;
    for s in inventory.sources.iter().filter(|s| s.error.is_some()) {
        eprintln!(
            "posture: input failed: {}",
            s.error.as_deref().unwrap_or("")
        );
    }
    let index = InventoryIndex::new(&inventory.resources);
    let evaluation = posture_rules::evaluate(rules, &index, as_of);
    Ok((inventory, evaluation))
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.0}%"))
}

fn status_cell(st: Style, s: RequirementStatus) -> String {
    match s {
        RequirementStatus::Fail => st.red(s.as_str()),
        RequirementStatus::Unknown => st.yellow(s.as_str()),
        RequirementStatus::Pass => st.green(s.as_str()),
        _ => st.dim(s.as_str()),
    }
}

fn right(s: impl std::fmt::Display) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING);
    t
}

pub(crate) fn run(cmd: &ComplianceCommand, config: &Config) -> anyhow::Result<u8> {
    let (mut out, tty) = util::output(None)?;
    let st = util::style(config, tty);
    match cmd {
        ComplianceCommand::List { paths, common } => {
            let lib = library(common.frameworks.as_deref())?;
            list(&lib, paths, common, config, st, &mut out)?;
        }
        ComplianceCommand::Show {
            framework: id,
            paths,
            requirement,
            common,
        } => {
            let lib = library(common.frameworks.as_deref())?;
            let fw = framework(&lib, id)?;
            if let Some(r) = requirement
                && fw.requirement(r).is_none()
            {
                bail!("framework `{}` has no requirement `{r}`", fw.id);
            }
            show(
                &lib,
                fw,
                paths,
                requirement.as_deref(),
                common,
                config,
                st,
                &mut out,
            )?;
        }
        ComplianceCommand::Crosswalk { target, common } => {
            let lib = library(common.frameworks.as_deref())?;
            crosswalk(&lib, target, common.format, st, &mut out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn list(
    lib: &Library,
    paths: &[PathBuf],
    common: &Common,
    config: &Config,
    st: Style,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if paths.is_empty() {
        match common.format {
            Format::Json => {
                let list: Vec<serde_json::Value> = lib
                    .frameworks()
                    .iter()
                    .map(|f| {
                        json!({
                            "id": f.id, "name": f.name, "version": f.version, "publisher": f.publisher,
                            "source": f.source, "completeness": f.completeness, "notes": f.notes,
                            "base": f.base, "origin": f.origin, "requirements": f.requirements.len(),
                            "automated": f.automated(), "manual": f.manual(), "mapped_rules": f.rule_ids().len(),
                        })
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &list)?;
                writeln!(out)?;
            }
            Format::Table => {
                let mut t = table();
                t.set_header(vec![
                    "framework",
                    "version",
                    "requirements",
                    "automated",
                    "manual",
                    "rules",
                    "completeness",
                    "name",
                ]);
                for f in lib.frameworks() {
                    t.add_row(vec![
                        Cell::new(&f.id),
                        Cell::new(&f.version),
                        right(f.requirements.len()),
                        right(f.automated()),
                        right(f.manual()),
                        right(f.rule_ids().len()),
                        Cell::new(f.completeness.as_str()),
                        Cell::new(&f.name),
                    ]);
                }
                writeln!(out, "{t}")?;
                writeln!(
                    out,
                    "\n{} frameworks; give export paths to see an estate's posture per framework",
                    lib.frameworks().len()
                )?;
            }
        }
        return Ok(());
    }
    let (inventory, evaluation) = scan(
        paths,
        posture_rules::catalog(),
        common.as_of.as_deref(),
        config,
    )?;
    let assessor = Assessor::new(&evaluation, &inventory.resources, &BTreeSet::new());
    let postures: Vec<FrameworkPosture<'_>> = lib
        .frameworks()
        .iter()
        .map(|f| assessor.assess(f))
        .collect();
    match common.format {
        Format::Json => {
            let list: Vec<ComplianceSummary> = postures.iter().map(summary).collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(
                out,
                "{} {} resources, {} rule evaluations\n",
                st.bold("Compliance posture:"),
                inventory.resources.len(),
                evaluation.outcomes.len()
            )?;
            let mut t = table();
            t.set_header(vec![
                "framework",
                "passed",
                "coverage",
                "reqs",
                "pass",
                "fail",
                "unknown",
                "excepted",
                "manual",
                "n/a",
            ]);
            for p in &postures {
                let x = p.totals;
                t.add_row(vec![
                    Cell::new(&p.framework.id),
                    right(pct(x.percent_passed())),
                    right(pct(x.coverage())),
                    right(x.requirements),
                    right(x.pass),
                    right(x.fail),
                    right(x.unknown),
                    right(x.excepted),
                    right(x.manual),
                    right(x.not_applicable),
                ]);
            }
            writeln!(out, "{t}")?;
            writeln!(
                out,
                "\n{}",
                st.dim(
                    "passed = passed ÷ applicable requirements (manual ones included); coverage = share \
                     decided by rules. Unknown is never counted as passed."
                )
            )?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn show(
    lib: &Library,
    fw: &Framework,
    paths: &[PathBuf],
    requirement: Option<&str>,
    common: &Common,
    config: &Config,
    st: Style,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let selected: Vec<&posture_compliance::Requirement> = fw
        .requirements
        .iter()
        .filter(|r| requirement.is_none_or(|id| fw.requirement(id).is_some_and(|x| x.id == r.id)))
        .collect();
    let equivalents = |id: &str| -> Vec<String> {
        lib.equivalents(&RequirementRef {
            framework: fw.id.clone(),
            requirement: id.to_owned(),
        })
        .iter()
        .map(ToString::to_string)
        .collect()
    };
    if paths.is_empty() {
        match common.format {
            Format::Json => {
                let reqs: Vec<serde_json::Value> = selected
                    .iter()
                    .map(|r| {
                        json!({"id": r.id, "section": r.section, "title": r.title, "rules": r.rules,
                               "manual": r.is_manual(), "equivalent": equivalents(&r.id)})
                    })
                    .collect();
                serde_json::to_writer_pretty(
                    &mut *out,
                    &json!({"framework": fw.id, "name": fw.name, "version": fw.version,
                            "completeness": fw.completeness, "notes": fw.notes, "requirements": reqs}),
                )?;
                writeln!(out)?;
            }
            Format::Table => {
                writeln!(out, "{}  {} {}", st.bold(&fw.id), fw.name, fw.version)?;
                writeln!(out, "{}\n", st.dim(&fw.notes))?;
                let mut t = table();
                t.set_header(vec!["requirement", "rules", "title"]);
                for r in &selected {
                    let rules = if r.is_manual() {
                        st.dim("manual")
                    } else {
                        r.rules.join("\n")
                    };
                    t.add_row(vec![
                        Cell::new(&r.id),
                        Cell::new(rules),
                        Cell::new(&r.title),
                    ]);
                }
                writeln!(out, "{t}")?;
                writeln!(
                    out,
                    "\n{} requirements ({} automated, {} manual); give export paths to see their status",
                    fw.requirements.len(),
                    fw.automated(),
                    fw.manual()
                )?;
            }
        }
        return Ok(());
    }
    let (inventory, evaluation) = scan(
        paths,
        posture_rules::catalog(),
        common.as_of.as_deref(),
        config,
    )?;
    let assessor = Assessor::new(&evaluation, &inventory.resources, &BTreeSet::new());
    let posture = assessor.assess(fw);
    let finding_json = |i: usize| -> Option<serde_json::Value> {
        let o = evaluation.outcomes.get(i)?;
        let f = evaluation.finding(o, &inventory.resources)?;
        serde_json::to_value(f).ok()
    };
    let shown: Vec<_> = posture
        .requirements
        .iter()
        .filter(|p| selected.iter().any(|r| r.id == p.requirement.id))
        .collect();
    match common.format {
        Format::Json => {
            let reqs: Vec<serde_json::Value> = shown
                .iter()
                .map(|p| {
                    let r = p.requirement;
                    json!({
                        "id": r.id, "section": r.section, "title": r.title, "rules": r.rules,
                        "status": p.status, "counts": p.counts, "rules_not_run": p.rules_not_run,
                        "equivalent": equivalents(&r.id),
                        "findings": p.findings.iter().filter_map(|i| finding_json(*i)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(
                &mut *out,
                &json!({"summary": summary(&posture), "requirements": reqs}),
            )?;
            writeln!(out)?;
        }
        Format::Table => {
            let t = posture.totals;
            writeln!(
                out,
                "{}  {} {}: {} passed, coverage {} ({} of {} applicable requirements passed)",
                st.bold(&fw.id),
                fw.name,
                fw.version,
                pct(t.percent_passed()),
                pct(t.coverage()),
                t.pass,
                t.applicable()
            )?;
            writeln!(
                out,
                "  {} failed · {} unknown · {} passed · {} excepted · {} manual · {} not applicable\n",
                t.fail, t.unknown, t.pass, t.excepted, t.manual, t.not_applicable
            )?;
            if let Some(p) = shown.first().filter(|_| requirement.is_some()) {
                let r = p.requirement;
                writeln!(
                    out,
                    "{} {}  {}",
                    st.bold(&r.id),
                    status_cell(st, p.status),
                    r.title
                )?;
                writeln!(out, "{} {}", st.dim("section:"), r.section)?;
                if r.is_manual() {
                    writeln!(out, "{} manual (no rule decides it)", st.dim("rules:"))?;
                } else {
                    writeln!(out, "{} {}", st.dim("rules:"), r.rules.join(", "))?;
                }
                if !p.rules_not_run.is_empty() {
                    writeln!(out, "{} {}", st.dim("not run:"), p.rules_not_run.join(", "))?;
                }
                let eq = equivalents(&r.id);
                if !eq.is_empty() {
                    writeln!(out, "{} {}", st.dim("equivalent:"), eq.join(", "))?;
                }
                let c = p.counts;
                writeln!(
                    out,
                    "{} {} pass, {} fail, {} unknown, {} excepted, {} not applicable",
                    st.dim("evaluations:"),
                    c.pass,
                    c.fail,
                    c.unknown,
                    c.excepted,
                    c.not_applicable
                )?;
                if !p.findings.is_empty() {
                    writeln!(out, "\n{}", st.bold("Findings"))?;
                    let mut t = table();
                    t.set_header(vec!["status", "rule", "resource", "message"]);
                    for i in &p.findings {
                        let Some(o) = evaluation.outcomes.get(*i) else {
                            continue;
                        };
                        let Some(f) = evaluation.finding(o, &inventory.resources) else {
                            continue;
                        };
                        t.add_row(vec![
                            Cell::new(f.status.as_str()),
                            Cell::new(&f.rule_id),
                            Cell::new(&f.resource_uid),
                            Cell::new(&f.message),
                        ]);
                    }
                    writeln!(out, "{t}")?;
                }
            } else {
                let mut t = table();
                t.set_header(vec![
                    "requirement",
                    "status",
                    "fail",
                    "unknown",
                    "pass",
                    "title",
                ]);
                for p in &shown {
                    let automated = !p.requirement.is_manual();
                    let n = |x: u64| {
                        if automated {
                            x.to_string()
                        } else {
                            String::new()
                        }
                    };
                    t.add_row(vec![
                        Cell::new(&p.requirement.id),
                        Cell::new(status_cell(st, p.status)),
                        right(n(p.counts.fail)),
                        right(n(p.counts.unknown)),
                        right(n(p.counts.pass)),
                        Cell::new(&p.requirement.title),
                    ]);
                }
                writeln!(out, "{t}")?;
                writeln!(
                    out,
                    "\n{}",
                    st.dim(&format!(
                        "`posture compliance show {} PATH… --requirement ID` lists the findings behind one requirement",
                        fw.id
                    ))
                )?;
            }
        }
    }
    Ok(())
}

fn crosswalk(
    lib: &Library,
    target: &str,
    format: Format,
    st: Style,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if let Some(r) =
        RequirementRef::parse(target).filter(|_| posture_rules::catalog::find(target).is_none())
    {
        let fw = framework(lib, &r.framework)?;
        let Some(req) = fw.requirement(&r.requirement) else {
            bail!(
                "framework `{}` has no requirement `{}`",
                fw.id,
                r.requirement
            );
        };
        let me = RequirementRef {
            framework: fw.id.clone(),
            requirement: req.id.clone(),
        };
        let eq = lib.equivalents(&me);
        let title = |e: &RequirementRef| {
            lib.get(&e.framework)
                .and_then(|f| f.requirement(&e.requirement))
                .map_or("", |r| r.title.as_str())
        };
        match format {
            Format::Json => {
                let eqs: Vec<serde_json::Value> = eq
                    .iter()
                    .map(|e| json!({"framework": e.framework, "requirement": e.requirement, "title": title(e)}))
                    .collect();
                serde_json::to_writer_pretty(
                    &mut *out,
                    &json!({"framework": me.framework, "requirement": me.requirement, "title": req.title,
                            "rules": req.rules, "equivalent": eqs}),
                )?;
                writeln!(out)?;
            }
            Format::Table => {
                writeln!(out, "{}  {}", st.bold(&me.to_string()), req.title)?;
                if req.is_manual() {
                    writeln!(out, "{} manual", st.dim("rules:"))?;
                } else {
                    writeln!(out, "{} {}", st.dim("rules:"), req.rules.join(", "))?;
                }
                if eq.is_empty() {
                    writeln!(
                        out,
                        "\nno equivalent requirement is stated in the mapping data"
                    )?;
                } else {
                    writeln!(out, "\n{}", st.bold("Equivalent requirements"))?;
                    let mut t = table();
                    t.set_header(vec!["framework", "requirement", "title"]);
                    for e in &eq {
                        t.add_row(vec![e.framework.as_str(), e.requirement.as_str(), title(e)]);
                    }
                    writeln!(out, "{t}")?;
                }
            }
        }
        return Ok(());
    }
    let Some(rule) = posture_rules::catalog::find(target) else {
        bail!(
            "`{target}` is neither a rule id nor `framework:requirement` (see `posture rules list`, `posture compliance list`)"
        );
    };
    let id = rule.meta().id;
    let controls = lib.controls_for_rule(id);
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json!({"rule": id, "controls": controls}))?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(out, "{}  {}", st.bold(id), rule.meta().title)?;
            if controls.is_empty() {
                writeln!(out, "\nnot mapped to any framework requirement")?;
                return Ok(());
            }
            let mut t = table();
            t.set_header(vec!["framework", "requirement", "title"]);
            for (fid, reqs) in &controls {
                let fw = lib.get(fid);
                for r in reqs {
                    let title = fw
                        .and_then(|f| f.requirement(r))
                        .map_or("", |x| x.title.as_str());
                    t.add_row(vec![fid.as_str(), r.as_str(), title]);
                }
            }
            writeln!(out, "\n{t}")?;
            let n: usize = controls.values().map(Vec::len).sum();
            writeln!(out, "\n{n} requirements in {} frameworks", controls.len())?;
        }
    }
    Ok(())
}
