//! `--format sarif`: SARIF 2.1.0, one run, streamed.
//!
//! `tool.driver.rules` lists every rule that ran (id, title, description, help with the fix,
//! `security-severity` 9.0/7.0/4.0/2.0/0.0 for critical/high/medium/low/info). `results` holds
//! failing and unknown findings: fail → `kind: fail`, `level` error (critical, high), warning
//! (medium) or note (low, info); unknown → `kind: review`, `level: none` (SARIF requires `none`
//! for kinds other than `fail`). A cloud finding has no source file, so its location is the
//! **resource**: `logicalLocations[{fullyQualifiedName: <resource uid>, name, kind: "resource"}]`
//! and no `physicalLocation` (we never invent a file). `partialFingerprints` carries the stable
//! finding uid so code-scanning tools track a finding across runs.

use std::collections::BTreeMap;
use std::io::{self, Write};

use posture_model::{Severity, Status};
use serde_json::json;

use crate::source::{FindingSource, io_err};

/// `security-severity` for GitHub code scanning.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.0",
        Severity::High => "7.0",
        Severity::Medium => "4.0",
        Severity::Low => "2.0",
        Severity::Info => "0.0",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn pascal(id: &str) -> String {
    id.split(['.', '_'])
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Write the log.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<()> {
    let rules = src.rules();
    let index: BTreeMap<&str, usize> = rules.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let descriptors: Vec<serde_json::Value> = rules
        .iter()
        .map(|m| {
            let markdown = format!(
                "{}\n\n**Risk:** {}\n\n**Fix:** {}\n\n```sh\n{}\n```\n\n```hcl\n{}\n```\n\nFix safety: `{}` ({})",
                m.description,
                m.risk,
                m.remediation.summary,
                m.remediation.cli,
                m.remediation.terraform,
                m.fix_safety.as_str(),
                m.fix_safety_reason
            );
            let mut d = json!({
                "id": m.id, "name": pascal(m.id),
                "shortDescription": {"text": m.title},
                "fullDescription": {"text": m.description},
                "help": {"text": format!("{} {}", m.remediation.summary, m.remediation.cli), "markdown": markdown},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {"tags": ["security", "cloud", m.service], "precision": "high",
                               "problem.severity": m.severity.as_str(),
                               "security-severity": security_severity(m.severity)},
            });
            if let Some(u) = m.references.first() {
                d["helpUri"] = json!(u);
            }
            d
        })
        .collect();
    let head = json!({
        "tool": {"driver": {"name": "posture", "semanticVersion": env!("CARGO_PKG_VERSION"),
                            "version": env!("CARGO_PKG_VERSION"),
                            "informationUri": "https://example.invalid/posture",
                            "rules": descriptors}},
    });
    w.write_all(b"{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":")?;
    serde_json::to_writer(&mut *w, &head["tool"]).map_err(io_err)?;
    let as_of = src.meta().as_of;
    write!(
        w,
        ",\"invocations\":[{{\"executionSuccessful\":true,\"endTimeUtc\":\"{}\"}}],\"columnKind\":\"unicodeCodePoints\",\"results\":[",
        crate::source::rfc3339(as_of)
    )?;
    let mut first = true;
    src.for_each(&mut |row| {
        let f = row.finding;
        let (kind, lvl) = match f.status {
            Status::Fail => ("fail", level(f.severity)),
            Status::Unknown => ("review", "none"),
            Status::Pass | Status::NotApplicable => return Ok(()),
        };
        let mut result = json!({
            "ruleId": f.rule_id, "kind": kind, "level": lvl,
            "message": {"text": if f.message.is_empty() { f.title.clone() } else { f.message.clone() }},
            "locations": [{"logicalLocations": [{
                "fullyQualifiedName": f.resource_uid, "name": f.resource_name, "kind": "resource"}]}],
            "partialFingerprints": {"postureFindingUid/v1": f.uid},
            "properties": {"provider": f.provider, "account": f.account, "region": f.region,
                           "resourceKind": f.resource_kind, "severity": f.severity.as_str()},
        });
        if let Some(i) = index.get(f.rule_id.as_str()) {
            result["ruleIndex"] = json!(i);
        }
        if !f.evidence.is_empty() {
            result["properties"]["evidence"] = json!(f.evidence);
        }
        if let Some(fix) = row.fix {
            result["properties"]["fix"] = json!({"cli": fix.cli, "fixSafety": fix.fix_safety});
        }
        if !first {
            w.write_all(b",")?;
        }
        first = false;
        w.write_all(b"\n")?;
        serde_json::to_writer(&mut *w, &result).map_err(io_err)
    })?;
    w.write_all(b"\n]}]}\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    #[test]
    fn pascal_names() {
        assert_eq!(
            super::pascal("aws.s3.bucket_public_acl"),
            "AwsS3BucketPublicAcl"
        );
    }
}
