//! `--format ocsf`: OCSF 1.8.0 events as one JSON array, streamed.
//!
//! Per finding, one **Detection Finding** (class 2004); and per finding × framework
//! requirement, one **Compliance Finding** (class 2003). Times are milliseconds since the Unix
//! epoch (`timestamp_t`), `metadata.profiles` is `["cloud", "datetime"]` and the top-level
//! `cloud` object is always filled (provider, region, account with its OCSF `type_id`).
//! Status mapping: fail → `compliance.status_id` 3 (Fail), unknown → 2 (Warning: "did not yield
//! a result due to missing information"), pass → 1 (Pass), not applicable → 99 (Other). Finding
//! `status_id` is 1 (New), or 3 (Suppressed) for store rows covered by an exception.

use std::io::{self, Write};

use posture_model::{Severity, Status};
use serde_json::{Value, json};

use crate::source::{FindingSource, Row, io_err, millis, rfc3339};

/// OCSF schema version stamped into `metadata.version`.
pub const OCSF_VERSION: &str = "1.8.0";

fn severity(s: Severity) -> (u8, &'static str) {
    match s {
        Severity::Info => (1, "Informational"),
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

fn compliance_status(s: Status) -> (u8, &'static str, &'static str) {
    match s {
        Status::Pass => (1, "Pass", "PASS"),
        Status::Unknown => (2, "Warning", "UNKNOWN"),
        Status::Fail => (3, "Fail", "FAIL"),
        Status::NotApplicable => (99, "Other", "NOT_APPLICABLE"),
    }
}

fn provider(p: &str) -> (&'static str, u8, &'static str) {
    match p {
        "aws" => ("AWS", 10, "AWS Account"),
        "azure" => ("Azure", 13, "Azure Subscription"),
        "gcp" => ("GCP", 11, "GCP Project"),
        _ => ("Other", 99, "Other"),
    }
}

fn envelope(row: &Row<'_>, as_of: i64, class_uid: u32) -> serde_json::Map<String, Value> {
    let f = row.finding;
    let (sev_id, sev) = severity(f.severity);
    let (_, _, code) = compliance_status(f.status);
    let (cloud_provider, acct_type_id, acct_type) = provider(&f.provider);
    let (status_id, status) = if row.excepted() {
        (3, "Suppressed")
    } else {
        (1, "New")
    };
    let class_name = if class_uid == 2003 {
        "Compliance Finding"
    } else {
        "Detection Finding"
    };
    let labels: Vec<String> = row.tags.iter().map(|(k, v)| format!("{k}:{v}")).collect();
    let mut resource = json!({
        "uid": f.resource_uid, "name": f.resource_name, "type": f.resource_kind,
        "region": f.region, "cloud_partition": partition(&f.resource_uid, &f.provider),
    });
    if !labels.is_empty() {
        resource["labels"] = json!(labels);
    }
    let mut m = serde_json::Map::new();
    let ins = |m: &mut serde_json::Map<String, Value>, k: &str, v: Value| {
        m.insert(k.to_owned(), v);
    };
    ins(&mut m, "activity_id", json!(1));
    ins(&mut m, "activity_name", json!("Create"));
    ins(&mut m, "category_uid", json!(2));
    ins(&mut m, "category_name", json!("Findings"));
    ins(&mut m, "class_uid", json!(class_uid));
    ins(&mut m, "class_name", json!(class_name));
    ins(&mut m, "type_uid", json!(class_uid * 100 + 1));
    ins(&mut m, "type_name", json!(format!("{class_name}: Create")));
    ins(&mut m, "time", json!(millis(as_of)));
    ins(&mut m, "time_dt", json!(rfc3339(as_of)));
    ins(&mut m, "severity_id", json!(sev_id));
    ins(&mut m, "severity", json!(sev));
    ins(&mut m, "status_id", json!(status_id));
    ins(&mut m, "status", json!(status));
    ins(&mut m, "status_code", json!(code));
    ins(&mut m, "status_detail", json!(f.message));
    ins(&mut m, "message", json!(f.message));
    ins(
        &mut m,
        "metadata",
        json!({
            "version": OCSF_VERSION,
            "profiles": ["cloud", "datetime"],
            "product": {"name": "Posture", "uid": "posture", "vendor_name": "Posture",
                        "version": env!("CARGO_PKG_VERSION")},
            "event_code": f.rule_id,
        }),
    );
    ins(
        &mut m,
        "cloud",
        json!({
            "provider": cloud_provider, "region": f.region,
            "account": {"uid": f.account, "type_id": acct_type_id, "type": acct_type},
        }),
    );
    ins(&mut m, "resources", json!([resource]));
    if let Some(rule) = row.rule {
        let mut rem = json!({"desc": rule.remediation.summary});
        if !rule.references.is_empty() {
            rem["references"] = json!(rule.references);
        }
        ins(&mut m, "remediation", rem);
    }
    m
}

/// The AWS partition of an ARN (`aws`, `aws-us-gov`, `aws-cn`), else the provider.
pub(crate) fn partition(uid: &str, provider: &str) -> String {
    uid.strip_prefix("arn:")
        .and_then(|r| r.split(':').next())
        .filter(|p| !p.is_empty())
        .unwrap_or(provider)
        .to_owned()
}

fn detection(row: &Row<'_>, as_of: i64) -> Value {
    let f = row.finding;
    let mut m = envelope(row, as_of, 2004);
    let mut info = json!({
        "uid": f.uid, "title": f.title, "desc": row.rule.map_or("", |r| r.description),
        "created_time": millis(row.detected_at(as_of)),
        "analytic": {"uid": f.rule_id, "name": f.title, "type_id": 1, "type": "Rule",
                     "category": row.rule.map_or("", |r| r.service)},
    });
    if let Some(l) = row.lifecycle {
        info["first_seen_time"] = json!(millis(l.first_seen));
        info["last_seen_time"] = json!(millis(l.last_seen));
    }
    m.insert("finding_info".to_owned(), info);
    m.insert("is_alert".to_owned(), json!(f.status == Status::Fail));
    if !f.evidence.is_empty() {
        let ev: Vec<Value> = f
            .evidence
            .iter()
            .map(|e| json!({"data": {"path": e.path, "observed": e.observed}}))
            .collect();
        m.insert("evidences".to_owned(), json!(ev));
    }
    let mut unmapped = json!({"controls": row.controls});
    if let Some(fix) = row.fix {
        unmapped["fix"] = json!(fix);
    }
    m.insert("unmapped".to_owned(), unmapped);
    Value::Object(m)
}

fn compliance(row: &Row<'_>, as_of: i64, fw: &str, fw_name: &str, req: &str) -> Value {
    let f = row.finding;
    let (st_id, st, _) = compliance_status(f.status);
    let mut m = envelope(row, as_of, 2003);
    m.insert(
        "finding_info".to_owned(),
        json!({
            "uid": format!("{}:{fw}:{req}", f.uid), "title": format!("{fw_name} {req}: {}", f.title),
            "created_time": millis(row.detected_at(as_of)),
        }),
    );
    m.insert(
        "compliance".to_owned(),
        json!({
            "standards": [fw_name], "requirements": [req], "control": req,
            "status_id": st_id, "status": st,
            "checks": [{"uid": f.rule_id, "name": f.title, "status_id": st_id, "status": st}],
        }),
    );
    Value::Object(m)
}

/// Write the events.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<()> {
    let meta = src.meta();
    let as_of = meta.as_of;
    let mut first = true;
    w.write_all(b"[")?;
    src.for_each(&mut |row| {
        let mut emit = |v: &Value, w: &mut dyn Write| -> io::Result<()> {
            if !first {
                w.write_all(b",")?;
            }
            first = false;
            w.write_all(b"\n")?;
            serde_json::to_writer(&mut *w, v).map_err(io_err)
        };
        emit(&detection(row, as_of), w)?;
        for (fw, reqs) in row.controls {
            let name = meta.frameworks.get(fw).map_or(fw.as_str(), String::as_str);
            for req in reqs {
                emit(&compliance(row, as_of, fw, name, req), w)?;
            }
        }
        Ok(())
    })?;
    w.write_all(b"\n]\n")?;
    w.flush()
}
