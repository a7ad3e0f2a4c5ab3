//! Posture's own inventory JSON.

use posture_model::inventory::{INVENTORY_FORMAT, INVENTORY_VERSION};
use posture_model::{CoverageEntry, CoverageStatus, Inventory, SourceReport};

use super::ImportError;

pub(crate) fn import(path: &str, text: &[u8]) -> Result<Inventory, ImportError> {
    let mut inv: Inventory =
        serde_json::from_slice(text).map_err(|e| ImportError::json(path, "", &e))?;
    if inv.format != INVENTORY_FORMAT {
        return Err(ImportError::malformed(
            path,
            "$.format",
            format!("expected \"{INVENTORY_FORMAT}\""),
        ));
    }
    if inv.version == 0 || inv.version > INVENTORY_VERSION {
        return Err(ImportError::malformed(
            path,
            "$.version",
            format!(
                "version {} is not supported (this build reads versions 1 to {INVENTORY_VERSION})",
                inv.version
            ),
        ));
    }
    let mut report = SourceReport {
        path: path.to_owned(),
        format: "posture-inventory".into(),
        resources: inv.resources.len() as u64,
        ..SourceReport::default()
    };
    for r in &mut inv.resources {
        if let posture_model::Config::Unmodeled(u) = &r.config {
            *report.unmodeled.entry(u.native_type.clone()).or_insert(0) += 1;
        }
        if r.source.is_empty() {
            r.source = path.into();
        }
    }
    if inv.coverage.is_empty() {
        inv.coverage.push(CoverageEntry {
            provider: String::new(),
            account: "*".into(),
            region: "*".into(),
            service: "*".into(),
            status: CoverageStatus::Collected,
            reason: None,
            resources: report.resources,
            source: path.to_owned(),
        });
    }
    inv.sources.push(report);
    Ok(inv)
}
