//! The AWS catalog over the bundled sample estate and over a synthetic estate: every new kind
//! is imported, no rule panics, no rule passes a resource whose configuration could not be read,
//! and the planted misconfigurations are found next to passing twins.

use std::path::{Path, PathBuf};

use posture_model::{Inventory, InventoryIndex, Kind, Provider, Status};
use posture_rules::Evaluation;

/// 2026-11-27T06:00:00Z, the sample's snapshot time.
const AS_OF: i64 = 1_795_759_200;

fn import(dir: &Path) -> Inventory {
    posture_collect::import_paths(
        &[dir.to_path_buf()],
        &posture_collect::ImportOptions::default(),
        &|_| {},
    )
}

fn sample() -> Inventory {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample-estate/aws");
    import(&dir)
}

fn aws_rules() -> Vec<&'static dyn posture_rules::Rule> {
    posture_rules::catalog()
        .iter()
        .copied()
        .filter(|r| r.kind().provider() == Some(Provider::Aws))
        .collect()
}

/// Outcomes that would be false passes: a Pass on a resource whose whole configuration failed
/// to import.
fn false_passes(inv: &Inventory, ev: &Evaluation) -> Vec<String> {
    ev.outcomes
        .iter()
        .filter(|o| o.status == Status::Pass)
        .filter_map(|o| {
            let r = inv.resources.get(o.resource as usize)?;
            r.gap_for("*").map(|_| {
                format!(
                    "{} passed {} with an unreadable configuration",
                    ev.rule(o).map_or("?", |x| x.meta().id),
                    r.uid
                )
            })
        })
        .collect()
}

#[test]
fn sample_imports_every_config_recorded_aws_kind_cleanly() {
    let inv = sample();
    for s in &inv.sources {
        assert!(s.error.is_none(), "{}: {:?}", s.path, s.error);
        assert!(s.warnings.is_empty(), "{}: {:?}", s.path, s.warnings);
    }
    let counts = inv.counts_by_kind();
    for k in Kind::ALL {
        if k.provider() != Some(Provider::Aws) {
            continue;
        }
        // AWS Config records no EBS snapshots, AMIs or the EBS default-encryption setting: the
        // live collector fills those kinds.
        if matches!(
            k,
            Kind::AwsEc2Snapshot | Kind::AwsEc2Image | Kind::AwsEc2EbsEncryptionDefault
        ) {
            continue;
        }
        assert!(
            counts.get(k.as_str()).copied().unwrap_or(0) > 0,
            "kind {k} is missing from the sample estate"
        );
    }
}

#[test]
fn catalog_over_the_sample_has_no_false_passes() {
    let inv = sample();
    let index = InventoryIndex::new(&inv.resources);
    let ev = posture_rules::evaluate(&aws_rules(), &index, AS_OF);
    let bad = false_passes(&inv, &ev);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn catalog_over_a_synthetic_estate_never_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    posture_synth::write_synthetic_estate(dir.path(), 6_000, 11).expect("estate");
    let inv = import(dir.path());
    let index = InventoryIndex::new(&inv.resources);
    let ev = posture_rules::evaluate(&aws_rules(), &index, AS_OF);
    assert!(!ev.outcomes.is_empty());
    let bad = false_passes(&inv, &ev);
    assert!(bad.is_empty(), "{bad:#?}");
}
