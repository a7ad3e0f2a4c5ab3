//! `posture bench`: synthetic estates of growing size, imported and evaluated by a child
//! `posture scan` process so that its peak memory is measured on its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use comfy_table::{Cell, CellAlignment, Table, presets};

#[derive(Args, Debug)]
pub(crate) struct BenchArgs {
    /// Estate sizes in resources.
    #[arg(long, value_delimiter = ',', default_values_t = [10_000usize, 100_000, 1_000_000])]
    pub sizes: Vec<usize>,
    /// Where generated estates are kept (reused on later runs).
    #[arg(long, default_value = ".bench")]
    pub dir: PathBuf,
    /// Random seed of the generator.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Measured runs per size (the best is reported, with the median).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Also print the figures as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

#[derive(Debug, Clone, serde::Serialize)]
struct Row {
    resources: u64,
    files: u64,
    mb: f64,
    import_s: f64,
    evaluate_s: f64,
    evaluations: u64,
    wall_s: f64,
    peak_rss_mib: f64,
}

fn estate(dir: &Path, size: usize, seed: u64) -> anyhow::Result<PathBuf> {
    let d = dir.join(format!("estate-{size}-seed{seed}"));
    let marker = d.join(".complete");
    if marker.exists() {
        return Ok(d);
    }
    if d.exists() {
        std::fs::remove_dir_all(&d).with_context(|| format!("cannot clear {}", d.display()))?;
    }
    std::fs::create_dir_all(&d)?;
    let t = Instant::now();
    let stats = posture_synth::write_synthetic_estate(&d, size, seed)
        .with_context(|| format!("generating {}", d.display()))?;
    eprintln!(
        "generated {} resources in {} files ({:.1} MB) in {:.1}s",
        stats.resources,
        stats.files,
        stats.bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    std::fs::write(&marker, b"")?;
    Ok(d)
}

fn measure(exe: &Path, estate: &Path, stats_file: &Path) -> anyhow::Result<Row> {
    let t = Instant::now();
    let status = Command::new(exe)
        .args([
            "scan",
            "--quiet",
            "--format",
            "json",
            "--output",
            "/dev/null",
            "--as-of",
            "2026-11-28T00:00:00Z",
            "--stats",
        ])
        .arg(stats_file)
        .arg(estate)
        .status()
        .context("cannot start the scan process")?;
    let wall_s = t.elapsed().as_secs_f64();
    if !status.success() {
        bail!("scan of {} exited with {status}", estate.display());
    }
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(stats_file)?)?;
    let f = |k: &str| s.get(k).and_then(serde_json::Value::as_f64).unwrap_or(0.0);
    let u = |k: &str| s.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
    Ok(Row {
        resources: u("resources"),
        files: u("files"),
        mb: f("bytes") / 1e6,
        import_s: f("import_s"),
        evaluate_s: f("evaluate_s"),
        evaluations: u("evaluations"),
        wall_s,
        peak_rss_mib: f("peak_rss_kib") / 1024.0,
    })
}

pub(crate) fn run(args: &BenchArgs) -> anyhow::Result<u8> {
    let exe = std::env::current_exe().context("cannot locate the posture executable")?;
    std::fs::create_dir_all(&args.dir)?;
    let stats_file = args.dir.join("last-stats.json");
    let mut rows = Vec::new();
    for &size in &args.sizes {
        let d = estate(&args.dir, size, args.seed)?;
        let mut runs = Vec::new();
        for _ in 0..args.runs.max(1) {
            runs.push(measure(&exe, &d, &stats_file)?);
        }
        runs.sort_by(|a, b| (a.import_s + a.evaluate_s).total_cmp(&(b.import_s + b.evaluate_s)));
        let median = runs.get(runs.len() / 2).cloned();
        if let (Some(best), Some(median)) = (runs.first().cloned(), median) {
            rows.push((best, median));
        }
    }
    let mut t = Table::new();
    t.load_preset(presets::ASCII_MARKDOWN);
    t.set_header(vec![
        "resources",
        "files",
        "input MB",
        "import s",
        "import MB/s",
        "import res/s",
        "eval s",
        "rule-evals",
        "rule-evals/s",
        "import+eval s (median)",
        "process wall s",
        "peak RSS MiB",
    ]);
    for (b, m) in &rows {
        let r = |x: f64| Cell::new(x).set_alignment(CellAlignment::Right);
        t.add_row(vec![
            r(b.resources as f64),
            r(b.files as f64),
            Cell::new(format!("{:.1}", b.mb)),
            Cell::new(format!("{:.2}", b.import_s)),
            Cell::new(format!("{:.0}", b.mb / b.import_s.max(1e-9))),
            Cell::new(format!("{:.0}", b.resources as f64 / b.import_s.max(1e-9))),
            Cell::new(format!("{:.2}", b.evaluate_s)),
            r(b.evaluations as f64),
            Cell::new(format!(
                "{:.2e}",
                b.evaluations as f64 / b.evaluate_s.max(1e-9)
            )),
            Cell::new(format!(
                "{:.2} ({:.2})",
                b.import_s + b.evaluate_s,
                m.import_s + m.evaluate_s
            )),
            Cell::new(format!("{:.2}", b.wall_s)),
            Cell::new(format!("{:.0}", b.peak_rss_mib)),
        ]);
    }
    println!("{t}");
    println!(
        "(best of {} runs per size; {} threads; release build recommended: cargo run --release -- bench)",
        args.runs,
        rayon::current_num_threads()
    );
    if let Some(path) = &args.json {
        let list: Vec<&Row> = rows.iter().map(|(b, _)| b).collect();
        std::fs::write(path, serde_json::to_string_pretty(&list)?)?;
    }
    Ok(0)
}
