//! `posture scan`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use posture_config::{Config, OutputFormat};
use posture_model::{InventoryIndex, Severity, Status};
use posture_report::ScanView;
use posture_report::summary::TableOptions;
use posture_rules::RuleSelection;

use crate::util;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum FormatArg {
    /// Colored summary for a terminal.
    Table,
    /// Posture's JSON findings document.
    Json,
    /// CSV, one line per finding.
    Csv,
    /// OCSF 1.8.0 Detection (2004) and Compliance (2003) Findings.
    Ocsf,
    /// AWS Security Finding Format (JSON Lines of BatchImportFindings batches).
    Asff,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML (one testcase per rule).
    Junit,
    /// Self-contained HTML report.
    Html,
    /// OSCAL assessment-results JSON.
    Oscal,
    /// FedRAMP POA&M (CSV).
    Poam,
    /// FedRAMP POA&M (XLSX).
    PoamXlsx,
}

impl FormatArg {
    fn report(self) -> Option<posture_report::Format> {
        use posture_report::Format as F;
        Some(match self {
            FormatArg::Table | FormatArg::Json => return None,
            FormatArg::Csv => F::Csv,
            FormatArg::Ocsf => F::Ocsf,
            FormatArg::Asff => F::Asff,
            FormatArg::Sarif => F::Sarif,
            FormatArg::Junit => F::Junit,
            FormatArg::Html => F::Html,
            FormatArg::Oscal => F::Oscal,
            FormatArg::Poam => F::Poam,
            FormatArg::PoamXlsx => F::PoamXlsx,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusArg {
    Fail,
    Unknown,
    Pass,
    NotApplicable,
    All,
}

#[derive(Args, Debug)]
pub(crate) struct ScanArgs {
    /// Export files or directories (AWS Config snapshots/queries, Azure Resource Graph output,
    /// GCP Cloud Asset Inventory exports, AWS IAM credential reports, Posture inventory JSON; `.gz`
    /// is decompressed). The format is detected from the content.
    /// `aws`, `azure` or `gcp` alone scans that cloud live (see the live options below;
    /// `./azure` imports a directory of that name).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (default from `[scan] format`, else table).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<FormatArg>,
    /// Write the report to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with status 3 when a failing finding has at least this severity.
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Run only these rules (ids or globs like `aws.s3.*`; repeat or comma-separate).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub rules: Vec<String>,
    /// Skip these rules (ids or globs).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub skip_rules: Vec<String>,
    /// Statuses listed in detailed output (JSON findings); default fail,unknown.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub status: Vec<StatusArg>,
    /// Reference time for age-based rules (RFC 3339; default: now).
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
    /// How many failing findings to show per rule in the table (0 hides them).
    #[arg(long, default_value_t = 3)]
    pub per_rule: usize,
    /// Run only the rules mapped to this compliance framework and show its posture
    /// (see `posture compliance list`).
    #[arg(long, value_name = "FRAMEWORK")]
    pub framework: Option<String>,
    /// Directory of extra compliance framework files (a file with a built-in's id replaces it).
    #[arg(long, env = "POSTURE_FRAMEWORKS", value_name = "DIR")]
    pub frameworks: Option<PathBuf>,
    /// Write timing and memory statistics as JSON to FILE (used by `posture bench`; implies
    /// `--no-store`).
    #[arg(long, value_name = "FILE", hide = true)]
    pub stats: Option<PathBuf>,
    /// Do not record the scan in the store (a pure offline scan).
    #[arg(long)]
    pub no_store: bool,
    #[command(flatten)]
    pub aws: crate::live_aws::AwsArgs,
    /// Live Azure / GCP scans (`posture scan azure`, `posture scan gcp`).
    #[command(flatten)]
    pub live: Box<crate::live_azgcp::LiveArgs>,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

pub(crate) fn run(args: &ScanArgs, config: &Config) -> anyhow::Result<u8> {
    let started = Instant::now();
    let as_of = util::as_of(args.as_of.as_deref())?;
    let selection = RuleSelection {
        include: if args.rules.is_empty() {
            config.scan.rules.clone()
        } else {
            args.rules.clone()
        },
        exclude: config
            .scan
            .skip_rules
            .iter()
            .chain(&args.skip_rules)
            .cloned()
            .collect(),
    };
    let context = crate::risk_cmd::context_settings(config)?;
    let mut all_rules: Vec<&'static dyn posture_rules::Rule> = posture_rules::catalog().to_vec();
    all_rules.extend(posture_risk::toxic::rules(&context));
    let catalog = all_rules.as_slice();
    let unmatched = selection.unmatched(catalog);
    if !unmatched.is_empty() {
        bail!(
            "no rule matches {} (see `posture rules list`)",
            unmatched
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let library = crate::compliance_cmd::library(args.frameworks.as_deref())?;
    let framework = args
        .framework
        .as_deref()
        .map(|id| crate::compliance_cmd::framework(&library, id))
        .transpose()?;
    let mapped = framework.map(posture_compliance::Framework::rule_ids);
    let rules: Vec<&'static dyn posture_rules::Rule> = catalog
        .iter()
        .copied()
        .filter(|r| {
            selection.selects(r.meta().id)
                && mapped.as_ref().is_none_or(|m| m.contains(r.meta().id))
        })
        .collect();
    if let (Some(f), true) = (framework, rules.is_empty()) {
        bail!("no selected rule is mapped to framework `{}`", f.id);
    }

    // Import.
    let t_import = Instant::now();
    let (inventory, live_stats) = if crate::live_aws::is_live_aws(&args.paths) {
        let all = args.rules.is_empty() && config.scan.rules.is_empty() && args.framework.is_none();
        let (inv, stats) = crate::live_aws::collect(config, &args.aws, &rules, all)?;
        (inv, Some(stats))
    } else {
        match crate::live_azgcp::provider(&args.paths) {
            Some(live) => (
                crate::live_azgcp::collect(live, &args.paths, &args.live, config)?,
                None,
            ),
            None => {
                args.live.check_unused()?;
                (util::import(config, &args.paths, false)?, None)
            }
        }
    };
    let import_s = t_import.elapsed().as_secs_f64();

    // Evaluate.
    let t_eval = Instant::now();
    let index = InventoryIndex::new(&inventory.resources);
    let evaluation = posture_rules::evaluate(&rules, &index, as_of);
    let eval_s = t_eval.elapsed().as_secs_f64();
    let tally = evaluation.tally();

    // Risk: exposure graph, context and a score per failing or unknown finding.
    let t_risk = Instant::now();
    // The toxic-combination rules built the analysis during evaluation; reuse it.
    let analysis = evaluation
        .memoized::<posture_risk::Analysis>(posture_risk::toxic::MEMO_KEY)
        .unwrap_or_else(|| std::sync::Arc::new(posture_risk::analyze(&index, &context)));
    let risk_settings = crate::risk_cmd::risk_settings(config);
    let scorer = posture_risk::Scorer::new(&analysis, library.controls_by_rule(), &risk_settings);
    let scores = posture_risk::score_evaluation(&evaluation, scorer);
    let risk_s = t_risk.elapsed().as_secs_f64();

    // Output.
    let statuses = statuses(&args.status);
    let compliance = framework.map(|f| {
        let assessor = posture_compliance::posture::Assessor::new(
            &evaluation,
            &inventory.resources,
            &std::collections::BTreeSet::new(),
        );
        crate::compliance_cmd::summary(&assessor.assess(f))
    });
    let view = ScanView {
        inventory: &inventory,
        evaluation: &evaluation,
        tally,
        as_of: posture_model::time::format_rfc3339(as_of),
        statuses,
        timings: vec![("import", import_s), ("evaluate", eval_s), ("risk", risk_s)],
        controls: Some(library.controls_by_rule()),
        compliance,
        risk: Some(&scores),
    };
    let format = match args.format {
        Some(FormatArg::Json) => OutputFormat::Json,
        Some(FormatArg::Table) => OutputFormat::Table,
        Some(_) | None => config.scan.format,
    };
    let t_out = Instant::now();
    let (mut out, tty) = util::output(args.output.as_deref())?;
    if let Some(rf) = args.format.and_then(FormatArg::report) {
        // Interchange formats (docs/reports.md); HTML also shows the posture per framework.
        let postures = if rf == posture_report::Format::Html {
            let assessor = posture_compliance::posture::Assessor::new(
                &evaluation,
                &inventory.resources,
                &std::collections::BTreeSet::new(),
            );
            library
                .frameworks()
                .iter()
                .map(|f| crate::compliance_cmd::summary(&assessor.assess(f)))
                .collect()
        } else {
            Vec::new()
        };
        let src = posture_report::source::ScanSource::new(
            &view,
            crate::report_cmd::framework_names(&library),
            postures,
        );
        let opts = posture_report::html::HtmlOptions::default();
        if let Some(note) = posture_report::render(rf, &src, &opts, &mut out)? {
            eprintln!("{note}");
        }
    } else {
        match format {
            OutputFormat::Json => posture_report::json::write(&view, &mut out)?,
            OutputFormat::Table => {
                let opts = TableOptions {
                    style: util::style(config, tty),
                    top_rules: config.scan.top_rules,
                    per_rule: args.per_rule,
                };
                posture_report::summary::write(&view, opts, &mut out)?;
            }
        }
    }
    out.flush()?;
    drop(out);
    if let Some(path) = &args.output
        && format == OutputFormat::Json
    {
        eprintln!(
            "wrote the report on {} resources to {} ({} failed, {} unknown)",
            view.inventory.resources.len(),
            path.display(),
            view.count(Status::Fail),
            view.count(Status::Unknown)
        );
    }
    if let Some(stats) = &args.stats {
        let bytes: u64 = inventory.sources.iter().map(|s| s.bytes).sum();
        let doc = serde_json::json!({
            "resources": inventory.resources.len(),
            "evaluations": evaluation.outcomes.len(),
            "rules": rules.len(),
            "files": inventory.sources.len(),
            "bytes": bytes,
            "import_s": import_s,
            "evaluate_s": eval_s,
            "output_s": t_out.elapsed().as_secs_f64(),
            "total_s": started.elapsed().as_secs_f64(),
            "peak_rss_kib": util::peak_rss_kib(),
            "aws": live_stats,
        });
        std::fs::write(stats, doc.to_string())
            .with_context(|| format!("cannot write {}", stats.display()))?;
    }

    // History: record into the store (see `posture findings`, `posture scans`).
    if !args.no_store && args.stats.is_none() {
        crate::store_cmds::record_scan(config, &inventory, &evaluation, &scores, &analysis, as_of)?;
    }

    // Exit status: the CI gate.
    let mut code = 0;
    if let Some(threshold) = args.fail_on.or(config.scan.fail_on) {
        let tripped: u64 = view
            .tally
            .failed_by_severity
            .iter()
            .filter(|(s, _)| **s >= threshold)
            .map(|(_, n)| *n)
            .sum();
        let failed_inputs = inventory
            .sources
            .iter()
            .filter(|s| s.error.is_some())
            .count();
        if tripped > 0 {
            eprintln!(
                "posture: {tripped} failing findings at or above {threshold} (--fail-on {threshold})"
            );
            code = crate::EXIT_GATE;
        } else if failed_inputs > 0 {
            eprintln!(
                "posture: {failed_inputs} inputs could not be read, so --fail-on {threshold} cannot vouch for them"
            );
            code = crate::EXIT_INCOMPLETE;
        }
    }
    // The process ends right after this: hand the (possibly gigabytes of) scan data back to the
    // operating system at exit instead of freeing millions of allocations one by one.
    drop(view);
    drop(scores);
    std::mem::forget((analysis, evaluation));
    drop(index);
    std::mem::forget(inventory);
    Ok(code)
}

use std::io::Write as _;

fn statuses(args: &[StatusArg]) -> Vec<Status> {
    if args.is_empty() {
        return vec![Status::Fail, Status::Unknown];
    }
    if args.contains(&StatusArg::All) {
        return Status::ALL.to_vec();
    }
    args.iter()
        .filter_map(|s| match s {
            StatusArg::Fail => Some(Status::Fail),
            StatusArg::Unknown => Some(Status::Unknown),
            StatusArg::Pass => Some(Status::Pass),
            StatusArg::NotApplicable => Some(Status::NotApplicable),
            StatusArg::All => None,
        })
        .collect()
}
