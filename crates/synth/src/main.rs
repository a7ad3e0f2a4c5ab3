//! `posture-synth`: write the bundled sample estate or a synthetic estate.
//!
//! ```text
//! posture-synth sample DIR
//! posture-synth estate --resources N [--seed S] DIR
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str =
    "usage:\n  posture-synth sample DIR\n  posture-synth estate --resources N [--seed S] DIR";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("posture-synth: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let (stats, dir) = match args.first().map(String::as_str) {
        Some("sample") => {
            let [_, dir] = args else {
                return Err("`sample` takes exactly one directory".into());
            };
            let dir = PathBuf::from(dir);
            let stats = posture_synth::write_sample_estate(&dir)
                .map_err(|e| format!("writing {}: {e}", dir.display()))?;
            (stats, dir)
        }
        Some("estate") => {
            let mut resources: Option<usize> = None;
            let mut seed = 1u64;
            let mut dir: Option<PathBuf> = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--resources" | "-n" => {
                        let v = it.next().ok_or("--resources needs a number")?;
                        resources = Some(parse_count(v)?);
                    }
                    "--seed" => {
                        let v = it.next().ok_or("--seed needs a number")?;
                        seed = v
                            .parse()
                            .map_err(|_| format!("--seed: `{v}` is not a number"))?;
                    }
                    s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
                    s => {
                        if dir.replace(PathBuf::from(s)).is_some() {
                            return Err("more than one directory given".into());
                        }
                    }
                }
            }
            let resources = resources.ok_or("--resources is required")?;
            let dir = dir.ok_or("a directory is required")?;
            let stats = posture_synth::write_synthetic_estate(&dir, resources, seed)
                .map_err(|e| format!("writing {}: {e}", dir.display()))?;
            (stats, dir)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return Ok(());
        }
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("no command given".into()),
    };
    let secs = started.elapsed().as_secs_f64();
    println!(
        "wrote {} resources (AWS {}, Azure {}, GCP {}; {} misconfigured) in {} files, {:.1} MB, to {} in {:.2} s ({:.0} resources/s)",
        stats.resources,
        stats.aws,
        stats.azure,
        stats.gcp,
        stats.misconfigured,
        stats.files,
        stats.bytes as f64 / 1e6,
        dir.display(),
        secs,
        stats.resources as f64 / secs.max(1e-9)
    );
    Ok(())
}

/// Accepts `250000`, `250_000`, `250k`, `1m`.
fn parse_count(v: &str) -> Result<usize, String> {
    let s = v.replace('_', "").to_ascii_lowercase();
    let (num, mult) = if let Some(n) = s.strip_suffix('k') {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 1_000_000)
    } else {
        (s.as_str(), 1)
    };
    num.parse::<usize>()
        .map(|n| n * mult)
        .map_err(|_| format!("--resources: `{v}` is not a number"))
}
