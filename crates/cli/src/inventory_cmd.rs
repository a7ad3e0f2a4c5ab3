//! `posture inventory`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use comfy_table::{Cell, CellAlignment, Table, presets};
use posture_config::Config;
use posture_model::Kind;

use crate::util;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum InvFormat {
    /// Counts per kind, account and source.
    Table,
    /// Posture inventory JSON (re-importable).
    Json,
}

#[derive(Args, Debug)]
pub(crate) struct InventoryArgs {
    /// Export files or directories to import (omit with `--kinds`); `aws` alone collects live
    /// from AWS (options as for `posture scan aws`).
    #[arg(value_name = "PATH", required_unless_present = "kinds")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: InvFormat,
    /// Write to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only resources of these kinds (`aws.s3.bucket`, `unmodeled`, …).
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<String>,
    /// List the resource kinds Posture models, and exit.
    #[arg(long)]
    pub kinds: bool,
    #[command(flatten)]
    pub aws: crate::live_aws::AwsArgs,
}

pub(crate) fn run(args: &InventoryArgs, config: &Config) -> anyhow::Result<u8> {
    let (mut out, tty) = util::output(args.output.as_deref())?;
    let st = util::style(config, tty);
    if args.kinds {
        for k in Kind::ALL {
            writeln!(out, "{k}")?;
        }
        out.flush()?;
        return Ok(0);
    }
    let mut kinds = Vec::new();
    for k in &args.kind {
        match Kind::parse(k) {
            Some(k) => kinds.push(k),
            None => anyhow::bail!("`{k}` is not a resource kind (see `posture inventory --kinds`)"),
        }
    }
    // `inventory` shows failed inputs rather than stopping on them.
    let mut inv = if crate::live_aws::is_live_aws(&args.paths) {
        crate::live_aws::collect(config, &args.aws, &[], true)?.0
    } else {
        util::import(config, &args.paths, true)?
    };
    if !kinds.is_empty() {
        inv.resources.retain(|r| kinds.contains(&r.kind()));
    }
    match args.format {
        InvFormat::Json => {
            serde_json::to_writer(&mut out, &inv)?;
            writeln!(out)?;
        }
        InvFormat::Table => {
            writeln!(
                out,
                "{} {} resources from {} inputs\n",
                st.bold("Inventory:"),
                inv.resources.len(),
                inv.sources.len()
            )?;
            let mut by: BTreeMap<(&str, &str), u64> = BTreeMap::new();
            for r in &inv.resources {
                *by.entry((r.kind().as_str(), r.provider.as_str()))
                    .or_insert(0) += 1;
            }
            let mut by: Vec<((&str, &str), u64)> = by.into_iter().collect();
            by.sort_by(|a, b| (a.0.1, a.0.0).cmp(&(b.0.1, b.0.0)));
            let mut t = Table::new();
            t.load_preset(presets::NOTHING);
            t.set_header(vec!["provider", "kind", "resources"]);
            for ((k, p), n) in &by {
                t.add_row(vec![
                    Cell::new(p),
                    Cell::new(k),
                    Cell::new(n).set_alignment(CellAlignment::Right),
                ]);
            }
            writeln!(out, "{t}\n")?;
            let mut t = Table::new();
            t.load_preset(presets::NOTHING);
            t.set_header(vec![
                "input",
                "format",
                "resources",
                "unmodeled",
                "skipped",
                "status",
            ]);
            for s in &inv.sources {
                let status = match &s.error {
                    Some(e) => st.red(e),
                    None if !s.warnings.is_empty() => {
                        st.yellow(&format!("{} warnings", s.warnings.len()))
                    }
                    None => st.green("ok"),
                };
                t.add_row(vec![
                    s.path.clone(),
                    s.format.clone(),
                    s.resources.to_string(),
                    s.unmodeled.values().sum::<u64>().to_string(),
                    s.skipped.values().sum::<u64>().to_string(),
                    status,
                ]);
            }
            writeln!(out, "{t}")?;
            let gaps: usize = inv.resources.iter().map(|r| r.gaps.len()).sum();
            writeln!(
                out,
                "\n{} settings not present in the inputs (rules reading them report unknown)",
                gaps
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}
