//! Small shared helpers: colors, progress bars, output files, process statistics.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use posture_config::{ColorChoice, Config};
use posture_report::style::Style;

/// Terminal style for stdout.
pub fn style(config: &Config, to_terminal: bool) -> Style {
    let color = match config.output.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    Style { color }
}

/// A progress bar on stderr, hidden when disabled or not on a terminal.
pub fn progress(config: &Config, len: u64, what: &str) -> ProgressBar {
    if !config.output.progress || !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(len);
    if let Ok(s) =
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})")
    {
        pb.set_style(s.progress_chars("=> "));
    }
    pb.set_message(what.to_owned());
    pb
}

/// Open the output: a file (created or truncated) or stdout.
pub fn output(path: Option<&Path>) -> anyhow::Result<(Box<dyn Write>, bool)> {
    Ok(match path {
        Some(p) if p != Path::new("-") => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("cannot create output file {}", p.display()))?;
            (
                Box::new(std::io::BufWriter::with_capacity(1 << 20, f)),
                false,
            )
        }
        _ => {
            let out = std::io::stdout();
            let tty = out.is_terminal();
            (Box::new(std::io::BufWriter::new(out.lock())), tty)
        }
    })
}

/// Current time in Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Peak resident set size of this process in KiB (Linux; 0 elsewhere).
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// The scan's reference time: `--as-of` (RFC 3339) or now.
pub fn as_of(arg: Option<&str>) -> anyhow::Result<i64> {
    match arg {
        Some(t) => posture_model::time::parse_rfc3339(t).with_context(|| {
            format!("--as-of `{t}` is not an RFC 3339 time (e.g. 2026-11-28T00:00:00Z)")
        }),
        None => Ok(now()),
    }
}

/// Import `paths` with a progress bar. Missing paths are an error; so is an import where no
/// input could be read (naming every input and why), unless `allow_all_failed` (for commands
/// that exist to show what failed).
pub fn import(
    config: &Config,
    paths: &[std::path::PathBuf],
    allow_all_failed: bool,
) -> anyhow::Result<posture_model::Inventory> {
    for p in paths {
        if !p.exists() {
            anyhow::bail!("{}: no such file or directory", p.display());
        }
    }
    let files = posture_collect::input_files(paths).len() as u64;
    let pb = progress(config, files, "importing");
    let inventory =
        posture_collect::import_paths(paths, &posture_collect::ImportOptions::default(), &|_| {
            pb.inc(1);
        });
    pb.finish_and_clear();
    if !allow_all_failed && inventory.sources.iter().all(|s| s.error.is_some()) {
        let errors: Vec<&str> = inventory
            .sources
            .iter()
            .filter_map(|s| s.error.as_deref())
            .collect();
        anyhow::bail!("no input could be read:\n  {}", errors.join("\n  "));
    }
    Ok(inventory)
}
