//! End-to-end checks of the sample and synthetic estates.

use std::io::Read;
use std::path::{Path, PathBuf};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("posture-synth-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read(p: &Path) -> Vec<u8> {
    let raw = std::fs::read(p).unwrap();
    if p.extension().is_some_and(|e| e == "gz") {
        assert_eq!(&raw[..2], &[0x1f, 0x8b], "{} is not gzip", p.display());
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    } else {
        raw
    }
}

/// Parse every data file; return (path, parsed documents) — one per JSON line for `.jsonl`.
fn parse_all(dir: &Path) -> Vec<(PathBuf, Vec<serde_json::Value>)> {
    let mut out = Vec::new();
    for p in files(dir) {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if ext == "md" || ext == "csv" {
            continue;
        }
        let bytes = read(&p);
        let docs = if ext == "jsonl" {
            bytes
                .split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| {
                    serde_json::from_slice(l)
                        .unwrap_or_else(|e| panic!("{}: bad JSON line: {e}", p.display()))
                })
                .collect()
        } else {
            vec![
                serde_json::from_slice(&bytes)
                    .unwrap_or_else(|e| panic!("{}: bad JSON: {e}", p.display())),
            ]
        };
        out.push((p, docs));
    }
    out
}

/// Count resources the way an importer would: OK config items, select rows, graph rows, distinct
/// asset names, Posture inventory resources.
fn count(parsed: &[(PathBuf, Vec<serde_json::Value>)]) -> usize {
    let mut n = 0;
    for (p, docs) in parsed {
        let name = p.to_string_lossy();
        if name.ends_with(".jsonl") {
            let mut names: Vec<&str> = docs.iter().filter_map(|d| d["name"].as_str()).collect();
            names.sort_unstable();
            names.dedup();
            n += names.len();
            continue;
        }
        let d = &docs[0];
        if let Some(items) = d["configurationItems"].as_array() {
            n += items
                .iter()
                .filter(|i| i["configurationItemStatus"] == "OK")
                .count();
        } else if let Some(rows) = d["Results"].as_array() {
            for r in rows {
                let row: serde_json::Value = serde_json::from_str(r.as_str().unwrap()).unwrap();
                assert!(row["configuration"].is_object());
                n += 1;
            }
        } else if let Some(rows) = d["data"].as_array() {
            n += rows.len();
        } else if d["format"] == "posture-inventory" {
            n += d["resources"].as_array().map_or(0, Vec::len);
        } else if let Some(arr) = d.as_array() {
            if arr.first().is_some_and(|a| a.get("assetType").is_some()) {
                let mut names: Vec<&str> = arr.iter().filter_map(|a| a["name"].as_str()).collect();
                names.sort_unstable();
                names.dedup();
                n += names.len();
            } else {
                n += arr.len();
            }
        }
    }
    n
}

#[test]
fn sample_is_deterministic_large_enough_and_parses() {
    let a = tmp("sample-a");
    let b = tmp("sample-b");
    let sa = posture_synth::write_sample_estate(&a).unwrap();
    let sb = posture_synth::write_sample_estate(&b).unwrap();
    assert_eq!(sa, sb);
    assert!(sa.resources >= 500, "only {} resources", sa.resources);
    assert!(sa.aws > 0 && sa.azure > 0 && sa.gcp > 0);
    let fa = files(&a);
    let fb = files(&b);
    assert_eq!(fa.len(), fb.len());
    assert_eq!(fa.len(), sa.files);
    for (x, y) in fa.iter().zip(&fb) {
        assert_eq!(x.strip_prefix(&a).unwrap(), y.strip_prefix(&b).unwrap());
        assert!(
            std::fs::read(x).unwrap() == std::fs::read(y).unwrap(),
            "{} differs between runs",
            x.display()
        );
    }
    let parsed = parse_all(&a);
    assert_eq!(count(&parsed), sa.resources);
    // All three AWS Config shapes are present.
    let names: Vec<String> = fa
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.contains("/ConfigSnapshot/") && n.ends_with(".json.gz"))
    );
    assert!(names.iter().any(|n| n.contains("select-resource-config")));
    assert!(
        names
            .iter()
            .any(|n| n.contains("get-resource-config-history"))
    );
    // The API shape carries configuration as a string.
    let api = parsed
        .iter()
        .find(|(p, _)| p.to_string_lossy().contains("get-resource-config-history"))
        .unwrap();
    assert!(api.1[0]["configurationItems"][0]["configuration"].is_string());
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}

#[test]
fn committed_sample_matches_the_generator() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample-estate");
    if !committed.exists() {
        return;
    }
    let fresh = tmp("sample-fresh");
    posture_synth::write_sample_estate(&fresh).unwrap();
    let want: Vec<PathBuf> = files(&fresh)
        .iter()
        .map(|p| p.strip_prefix(&fresh).unwrap().to_path_buf())
        .collect();
    let have: Vec<PathBuf> = files(&committed)
        .iter()
        .map(|p| p.strip_prefix(&committed).unwrap().to_path_buf())
        .collect();
    assert_eq!(
        want, have,
        "examples/sample-estate is stale: run `cargo run -p posture-synth -- sample examples/sample-estate`"
    );
    for rel in &want {
        assert!(
            std::fs::read(fresh.join(rel)).unwrap() == std::fs::read(committed.join(rel)).unwrap(),
            "examples/sample-estate/{} is stale: regenerate it",
            rel.display()
        );
    }
    let _ = std::fs::remove_dir_all(&fresh);
}

#[test]
fn synthetic_estate_counts_and_splits() {
    let d = tmp("synthetic");
    let s = posture_synth::write_synthetic_estate(&d, 22_000, 7).unwrap();
    assert_eq!(s.resources, 22_000);
    assert_eq!((s.aws, s.azure, s.gcp), (15_400, 3_300, 3_300));
    // 15.4k AWS items over 15k-item files: 2 snapshots, one per account x region.
    assert_eq!(s.files, 2 + 1 + 1);
    assert!(
        s.misconfigured > 0 && s.misconfigured < s.resources / 10,
        "{}",
        s.misconfigured
    );
    let parsed = parse_all(&d);
    assert_eq!(parsed.len(), s.files);
    assert_eq!(count(&parsed), s.resources);
    let mut item_bytes = 0usize;
    let mut items = 0usize;
    for (p, docs) in &parsed {
        if let Some(ci) = docs[0]["configurationItems"].as_array() {
            assert!(ci.len() <= 20_000, "{} has {} items", p.display(), ci.len());
            assert!(p.to_string_lossy().contains("/ConfigSnapshot/"));
            items += ci.len();
            item_bytes += ci.iter().map(|i| i.to_string().len()).sum::<usize>();
        }
        if let Some(rows) = docs[0]["data"].as_array() {
            assert!(rows.len() <= 20_000);
            assert_eq!(docs[0]["count"], rows.len());
        }
    }
    let avg = item_bytes / items;
    assert!(
        (700..=2_600).contains(&avg),
        "average AWS item is {avg} bytes"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn synthetic_estate_is_deterministic() {
    let a = tmp("synthetic-a");
    let b = tmp("synthetic-b");
    let sa = posture_synth::write_synthetic_estate(&a, 3_000, 42).unwrap();
    let sb = posture_synth::write_synthetic_estate(&b, 3_000, 42).unwrap();
    assert_eq!(sa, sb);
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.len(), fb.len());
    for (x, y) in fa.iter().zip(&fb) {
        assert!(
            std::fs::read(x).unwrap() == std::fs::read(y).unwrap(),
            "{} differs",
            x.display()
        );
    }
    let c = tmp("synthetic-c");
    posture_synth::write_synthetic_estate(&c, 3_000, 43).unwrap();
    let fc = files(&c);
    assert!(
        fa.iter()
            .zip(&fc)
            .any(|(x, y)| std::fs::read(x).unwrap() != std::fs::read(y).unwrap()),
        "seed has no effect"
    );
    for d in [a, b, c] {
        let _ = std::fs::remove_dir_all(&d);
    }
}

#[test]
fn tiny_estates_work() {
    let d = tmp("tiny");
    let s = posture_synth::write_synthetic_estate(&d, 10, 1).unwrap();
    assert_eq!(s.resources, 10);
    assert_eq!(count(&parse_all(&d)), 10);
    let z = posture_synth::write_synthetic_estate(&d, 0, 1).unwrap();
    assert_eq!(z.resources, 0);
    let _ = std::fs::remove_dir_all(&d);
}
