//! Benchmark: graph build, exposure, context and scoring on a synthetic 100 k-resource estate.
//! `cargo test --release -p posture-risk --test bench -- --ignored --nocapture`
//! (prints figures; no timed assertion, per CONTRIBUTING.md).

use std::time::Instant;

use posture_model::InventoryIndex;
use posture_risk::{ContextSettings, RiskSettings, Scorer};

#[test]
#[ignore = "benchmark: run explicitly in release mode"]
fn risk_on_100k_resources() {
    let n: usize = std::env::var("POSTURE_RISK_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    posture_synth::write_synthetic_estate(dir.path(), n, 7).unwrap();
    let inv = posture_collect::import_paths(
        &[dir.path().to_path_buf()],
        &posture_collect::ImportOptions::default(),
        &|_| {},
    );
    let index = InventoryIndex::new(&inv.resources);
    let mut rules: Vec<&'static dyn posture_rules::Rule> = posture_rules::catalog().to_vec();
    rules.extend(posture_risk::toxic::rules(&ContextSettings::default()));
    let evaluation = posture_rules::evaluate(&rules, &index, 1_767_225_600);

    let t = Instant::now();
    let analysis = posture_risk::analyze(&index, &ContextSettings::default());
    let build_s = t.elapsed().as_secs_f64();
    let controls = std::collections::BTreeMap::new();
    let settings = RiskSettings::default();
    let t = Instant::now();
    let scores =
        posture_risk::score_evaluation(&evaluation, Scorer::new(&analysis, &controls, &settings));
    let score_s = t.elapsed().as_secs_f64();
    let scored = (0..scores.len())
        .filter(|n| scores.value(*n).is_some())
        .count();
    println!(
        "risk bench: {} resources, {} outcomes; graph+exposure+context {:.3}s; scoring {} findings {:.3}s; total {:.3}s; exposure {:?}",
        inv.resources.len(),
        evaluation.outcomes.len(),
        build_s,
        scored,
        score_s,
        build_s + score_s,
        analysis.exposure_counts()
    );
}
