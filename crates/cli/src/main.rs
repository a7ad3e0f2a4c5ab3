//! `posture`: the command-line front end. Thin glue: argument parsing, configuration, progress
//! and exit codes; the work happens in the library crates.

mod bench;
mod compliance_cmd;
mod inventory_cmd;
mod live_aws;
mod live_azgcp;
mod report_cmd;
mod risk_cmd;
mod rules_cmd;
mod scan;
mod serve_cmd;
mod store_cmds;
mod util;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit status when `--fail-on` found a failing finding at or above the threshold.
pub const EXIT_GATE: u8 = 3;
/// Exit status when `--fail-on` is set and some input could not be read (the gate cannot vouch for it).
pub const EXIT_INCOMPLETE: u8 = 4;

/// Cloud security posture management: find misconfigurations in AWS, Azure and GCP estates.
#[derive(Parser, Debug)]
#[command(name = "posture", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Configuration file (default: ./posture.toml if present).
    #[arg(long, global = true, env = "POSTURE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to use colors.
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    color: Option<ColorArg>,
    /// No progress bars.
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    /// Store: a SQLite file or a `postgres://` URL (default `[store] database`, else
    /// `$XDG_DATA_HOME/posture/posture.db`).
    #[arg(
        long,
        global = true,
        env = "POSTURE_DATABASE",
        value_name = "PATH|URL",
        hide_env_values = true
    )]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Import exports (files or directories), or collect Azure or GCP live (`scan azure`, `scan
    /// gcp`), and evaluate the rule catalog over them.
    Scan(scan::ScanArgs),
    /// List the rules or show one.
    #[command(subcommand)]
    Rules(rules_cmd::RulesCommand),
    /// Show what was imported from exports (resources per kind, sources, coverage), or export it
    /// as Posture inventory JSON.
    Inventory(inventory_cmd::InventoryArgs),
    /// Compliance frameworks: posture per framework, per requirement, and crosswalks.
    #[command(subcommand)]
    Compliance(compliance_cmd::ComplianceCommand),
    /// Generate synthetic estates and measure import and evaluation throughput and memory.
    Bench(bench::BenchArgs),
    /// Write the bundled sample estate to a directory (it is also in the repository under examples/).
    Sample(SampleArgs),
    /// List stored findings with their lifecycle (filter by state, severity, rule, account, tag,
    /// framework, age, SLA; sorted by risk).
    Findings(store_cmds::FindingsArgs),
    /// List recorded scans.
    Scans(store_cmds::ScansArgs),
    /// Findings new, resolved and changed between two recorded scans.
    Diff(store_cmds::DiffArgs),
    /// Exceptions: request, approve, reject, list, expire, sync from a file.
    #[command(subcommand)]
    Exceptions(store_cmds::ExceptionsCommand),
    /// Baseline: record today's open findings so later scans report only new ones.
    #[command(subcommand)]
    Baseline(store_cmds::BaselineCommand),
    /// The audit chain: verify it or show it.
    #[command(subcommand)]
    Audit(store_cmds::AuditCommand),
    /// Open findings per day by severity, MTTR, SLA adherence and coverage.
    Trends(store_cmds::TrendsArgs),
    /// Reports from the store: findings in any format (HTML, OCSF, ASFF, SARIF, JUnit, CSV,
    /// OSCAL, POA&M), the continuous-monitoring evidence summary, and scan diffs.
    Report(report_cmd::ReportArgs),
    /// Least-privilege read-only permissions for live scans.
    #[command(subcommand)]
    Permissions(live_aws::PermissionsCommand),
    /// Run the service: REST API, dashboard, scheduler and scan workers.
    Serve(serve_cmd::ServeArgs),
    /// Lease scan jobs from the store and run them (scale-out workers).
    Worker(serve_cmd::WorkerArgs),
    /// API tokens of the service: create (prints the secret once), list, revoke.
    #[command(subcommand)]
    Token(serve_cmd::TokenCommand),
    /// Tenants (organizations) of the service: create, list.
    #[command(subcommand)]
    Tenant(serve_cmd::TenantCommand),
}

#[derive(Args, Debug)]
struct SampleArgs {
    /// Directory to write into.
    dir: PathBuf,
}

/// Exit status when the reader of our output went away (`posture findings | head`), as a
/// process killed by SIGPIPE would report it in a shell.
const EXIT_BROKEN_PIPE: u8 = 141;

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

fn main() -> ExitCode {
    // `println!` panics when stdout is a closed pipe; end quietly instead, like other tools.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(i32::from(EXIT_BROKEN_PIPE));
        }
        default_hook(info);
    }));
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_BROKEN_PIPE),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let env: std::collections::BTreeMap<String, String> = std::env::vars()
        .filter(|(k, _)| k.starts_with("POSTURE_"))
        .collect();
    let cwd = std::env::current_dir()?;
    let loaded = posture_config::load(cli.config.as_deref(), &cwd, &env)?;
    let mut config = loaded.config;
    if let Some(c) = cli.color {
        config.output.color = match c {
            ColorArg::Auto => posture_config::ColorChoice::Auto,
            ColorArg::Always => posture_config::ColorChoice::Always,
            ColorArg::Never => posture_config::ColorChoice::Never,
        };
    }
    if cli.quiet {
        config.output.progress = false;
    }
    if let Some(db) = cli.database {
        config.store.database = Some(db);
    }
    match cli.command {
        Command::Scan(args) => scan::run(&args, &config),
        Command::Rules(cmd) => rules_cmd::run(&cmd, &config),
        Command::Inventory(args) => inventory_cmd::run(&args, &config),
        Command::Compliance(cmd) => compliance_cmd::run(&cmd, &config),
        Command::Bench(args) => bench::run(&args),
        Command::Findings(args) => store_cmds::findings(&args, &config),
        Command::Scans(args) => store_cmds::scans(&args, &config),
        Command::Diff(args) => store_cmds::diff(&args, &config),
        Command::Exceptions(cmd) => store_cmds::exceptions(&cmd, &config),
        Command::Baseline(cmd) => store_cmds::baseline(&cmd, &config),
        Command::Audit(cmd) => store_cmds::audit(&cmd, &config),
        Command::Trends(args) => store_cmds::trends(&args, &config),
        Command::Report(args) => report_cmd::run(&args, &config),
        Command::Permissions(cmd) => live_aws::permissions(&cmd),
        Command::Serve(args) => serve_cmd::serve(&args, &config),
        Command::Worker(args) => serve_cmd::worker(&args, &config),
        Command::Token(cmd) => serve_cmd::token(&cmd, &config),
        Command::Tenant(cmd) => serve_cmd::tenant(&cmd, &config),
        Command::Sample(args) => {
            let stats = posture_synth::write_sample_estate(&args.dir)?;
            println!(
                "wrote {} resources in {} files ({} bytes) to {}",
                stats.resources,
                stats.files,
                stats.bytes,
                args.dir.display()
            );
            Ok(0)
        }
    }
}
