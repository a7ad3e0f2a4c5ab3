//! `--format oscal`: an OSCAL 1.2.3 `assessment-results` document (JSON).
//!
//! One `result` for the scan. Every non-passing finding is an **observation** (`methods: [TEST]`,
//! `types: [finding]`, the resource as subject, the message and evidence in the description).
//! Every NIST SP 800-53 requirement (frameworks `nist-800-53-*` and `fedramp-*`) that a
//! finding's rule supports becomes an OSCAL **finding** targeting the control objective
//! (`<control-id>_obj`, e.g. `ac-2.1_obj` for AC-2(1)) with its related observations:
//! `not-satisfied` with reason `fail` when a related observation is a failure, `not-satisfied`
//! with reason `other` when they are all undecided (unknown is never reported as satisfied). `reviewed-controls` lists those controls (or `include-all` when no NIST
//! mapping is in the report). Requirements of other frameworks (CIS, PCI DSS, …) are kept as
//! observation `props` — OSCAL control ids are catalog ids, which those frameworks are not.
//!
//! UUIDs are derived from stable ids ([`crate::source::stable_uuid`]), so the same scan always
//! produces the same document. `import-ap.href` points at `#assessment-plan` (no assessment plan
//! is produced). Grouping: observations stream; the per-control lists of observation UUIDs are
//! kept in memory (16 bytes per finding × control).

use std::collections::BTreeMap;
use std::io::{self, Write};

use posture_model::Status;
use serde_json::json;

use crate::source::{FindingSource, io_err, rfc3339, stable_uuid};

/// OSCAL version written.
pub const OSCAL_VERSION: &str = "1.2.3";

/// NIST 800-53 requirement id (`AC-2(1)`) → OSCAL control id (`ac-2.1`).
#[must_use]
pub fn control_id(req: &str) -> Option<String> {
    let req = req.trim();
    let (base, enh) = match req.split_once('(') {
        Some((b, e)) => (b, Some(e.trim_end_matches(')'))),
        None => (req, None),
    };
    let (fam, num) = base.split_once('-')?;
    if fam.len() != 2 || !fam.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let num: u32 = num.trim().parse().ok()?;
    let mut id = format!("{}-{num}", fam.to_ascii_lowercase());
    if let Some(e) = enh {
        let e: u32 = e.trim().parse().ok()?;
        id.push_str(&format!(".{e}"));
    }
    Some(id)
}

fn is_nist(fw: &str) -> bool {
    fw.starts_with("nist-800-53") || fw.starts_with("fedramp-")
}

/// Write the document.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<()> {
    let meta = src.meta();
    let as_of = rfc3339(meta.as_of);
    let doc_id = format!(
        "posture:{}:{}",
        meta.as_of,
        meta.scan_id.map_or_else(String::new, |s| s.to_string())
    );
    // Pass 1: which controls, so `reviewed-controls` comes before the observations.
    let mut controls: BTreeMap<String, (bool, Vec<String>)> = BTreeMap::new();
    src.for_each(&mut |row| {
        if !matches!(row.finding.status, Status::Fail | Status::Unknown) {
            return Ok(());
        }
        for (_, reqs) in row.controls.iter().filter(|(fw, _)| is_nist(fw)) {
            for r in reqs {
                if let Some(c) = control_id(r) {
                    let e = controls.entry(c).or_insert((false, Vec::new()));
                    e.0 |= row.finding.status == Status::Fail;
                    e.1.push(stable_uuid(&["observation", &row.finding.uid]));
                }
            }
        }
        Ok(())
    })?;
    for v in controls.values_mut() {
        v.1.sort();
        v.1.dedup();
    }
    let selection = if controls.is_empty() {
        json!([{"include-all": {}}])
    } else {
        json!([{"include-controls": controls.keys().map(|c| json!({"control-id": c})).collect::<Vec<_>>()}])
    };
    let head = json!({
        "uuid": stable_uuid(&["assessment-results", &doc_id]),
        "metadata": {"title": format!("Posture continuous assessment {as_of}"), "last-modified": as_of,
                     "version": as_of, "oscal-version": OSCAL_VERSION,
                     "props": [{"name": "tool", "ns": "https://example.invalid/posture/ns/oscal",
                                "value": format!("posture {}", env!("CARGO_PKG_VERSION"))}]},
        "import-ap": {"href": "#assessment-plan"},
    });
    let accounts = if meta.accounts.is_empty() {
        "no accounts".to_owned()
    } else {
        meta.accounts.join(", ")
    };
    let result_head = json!({
        "uuid": stable_uuid(&["result", &doc_id]),
        "title": "Automated configuration assessment (Posture)",
        "description": format!("Posture evaluated {} resources ({} rule evaluations) in {accounts}.",
                               meta.resources, meta.evaluations),
        "start": as_of, "end": as_of,
        "reviewed-controls": {"control-selections": selection},
    });
    let to = |v: &serde_json::Value, w: &mut dyn Write| {
        serde_json::to_writer(&mut *w, v).map_err(io_err)
    };
    w.write_all(b"{\"assessment-results\":{\"uuid\":")?;
    to(&head["uuid"], w)?;
    w.write_all(b",\"metadata\":")?;
    to(&head["metadata"], w)?;
    w.write_all(b",\"import-ap\":")?;
    to(&head["import-ap"], w)?;
    w.write_all(b",\"results\":[{")?;
    let obj = result_head.as_object().cloned().unwrap_or_default();
    for (k, v) in &obj {
        to(&json!(k), w)?;
        w.write_all(b":")?;
        to(v, w)?;
        w.write_all(b",")?;
    }
    w.write_all(b"\"observations\":[")?;
    let mut first = true;
    let mut any = false;
    src.for_each(&mut |row| {
        let f = row.finding;
        if !matches!(f.status, Status::Fail | Status::Unknown) {
            return Ok(());
        }
        any = true;
        let mut desc = format!("{} [{}] {}", f.status.as_str().to_uppercase(), f.severity, f.message);
        for e in &f.evidence {
            desc.push_str(&format!("\nEvidence: {} = {}", e.path, e.observed));
        }
        let mut props = vec![
            json!({"name": "rule-id", "ns": "https://example.invalid/posture/ns/oscal", "value": f.rule_id}),
            json!({"name": "severity", "ns": "https://example.invalid/posture/ns/oscal", "value": f.severity.as_str()}),
            json!({"name": "finding-uid", "ns": "https://example.invalid/posture/ns/oscal", "value": f.uid}),
        ];
        for (fw, reqs) in row.controls {
            for r in reqs {
                let v = format!("{fw}:{r}");
                if !v.trim().is_empty() {
                    props.push(json!({"name": "requirement", "ns": "https://example.invalid/posture/ns/oscal", "value": v}));
                }
            }
        }
        let o = json!({
            "uuid": stable_uuid(&["observation", &f.uid]),
            "title": format!("{} {}: {}", f.rule_id, f.status.as_str().to_uppercase(), f.resource_name),
            "description": desc,
            "props": props,
            "methods": ["TEST"],
            "types": ["finding"],
            "subjects": [{"subject-uuid": stable_uuid(&["resource", &f.resource_uid]),
                          "type": "inventory-item", "title": f.resource_uid}],
            "collected": rfc3339(row.lifecycle.map_or(meta.as_of, |l| l.last_seen)),
        });
        if !first {
            w.write_all(b",")?;
        }
        first = false;
        w.write_all(b"\n")?;
        to(&o, w)
    })?;
    if !any {
        // OSCAL requires at least one observation when the array is present: say that nothing
        // failed.
        let o = json!({
            "uuid": stable_uuid(&["observation", "none", &doc_id]),
            "title": "No failing or undecided findings",
            "description": "Every evaluated rule passed or did not apply.",
            "methods": ["TEST"], "types": ["finding"], "collected": as_of,
        });
        to(&o, w)?;
    }
    w.write_all(b"\n]")?;
    if !controls.is_empty() {
        w.write_all(b",\"findings\":[")?;
        for (i, (c, (failed, obs))) in controls.iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            let f = json!({
                "uuid": stable_uuid(&["finding", &doc_id, c]),
                "title": format!("{} {}", c.to_uppercase(), if *failed { "not satisfied" } else { "undecided" }),
                "description": format!("{} related observation(s) from automated checks.", obs.len()),
                "target": {"type": "objective-id", "target-id": format!("{c}_obj"),
                           "status": {"state": "not-satisfied", "reason": if *failed { "fail" } else { "other" }}},
                "related-observations": obs.iter().map(|u| json!({"observation-uuid": u})).collect::<Vec<_>>(),
            });
            w.write_all(b"\n")?;
            to(&f, w)?;
        }
        w.write_all(b"\n]")?;
    }
    w.write_all(b"}]}}\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::control_id;

    #[test]
    fn control_ids() {
        assert_eq!(control_id("AC-2(1)").as_deref(), Some("ac-2.1"));
        assert_eq!(control_id("SC-8").as_deref(), Some("sc-8"));
        assert_eq!(control_id("3.1.1"), None);
        assert_eq!(control_id("CC6.1"), None);
    }
}
