//! `--format junit`: JUnit XML for CI gates.
//!
//! **One testcase per rule that ran** (`classname` = provider.service, `name` = rule id), in
//! one testsuite per provider. A rule with failing findings is a `<failure>` whose text lists
//! every failing resource (up to [`MAX_LISTED`] per rule, then a count of the rest) with the
//! message and the fix; a rule whose only non-passing results are unknowns is a passing testcase
//! with the unknowns in `<system-out>` (unknown never fails a build by itself, never passes
//! silently either); a rule that failed nowhere passes. Rules are the unit a team owns and CI
//! dashboards track over time, and the file stays small at a million evaluations; the JSON
//! document keeps the full record.
//!
//! Grouping by rule needs per-rule state: counts plus at most [`MAX_LISTED`] lines per rule.

use std::collections::BTreeMap;
use std::io::{self, Write};

use posture_model::Status;

use crate::source::{FindingSource, escape_xml};

/// Failing resources listed per rule.
pub const MAX_LISTED: usize = 200;

#[derive(Default)]
struct Acc {
    failed: u64,
    unknown: u64,
    fail_lines: Vec<String>,
    unknown_lines: Vec<String>,
}

/// Write the XML.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<()> {
    let rules = src.rules();
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    src.for_each(&mut |row| {
        let f = row.finding;
        let a = acc.entry(f.rule_id.clone()).or_default();
        match f.status {
            Status::Fail => {
                a.failed += 1;
                if a.fail_lines.len() < MAX_LISTED {
                    let fix = row
                        .fix
                        .map(|x| format!("\n    fix: {}", x.cli.lines().next().unwrap_or("")))
                        .unwrap_or_default();
                    a.fail_lines.push(format!(
                        "- {} ({} {} {}): {}{fix}",
                        f.resource_uid, f.provider, f.account, f.region, f.message
                    ));
                }
            }
            Status::Unknown => {
                a.unknown += 1;
                if a.unknown_lines.len() < MAX_LISTED {
                    a.unknown_lines
                        .push(format!("- {}: {}", f.resource_uid, f.message));
                }
            }
            Status::Pass | Status::NotApplicable => {}
        }
        Ok(())
    })?;
    let mut suites: BTreeMap<&str, Vec<&'static posture_rules::RuleMeta>> = BTreeMap::new();
    for m in &rules {
        let provider = m.id.split('.').next().unwrap_or("other");
        suites.entry(provider).or_default().push(m);
    }
    let total_failures = rules
        .iter()
        .filter(|m| acc.get(m.id).is_some_and(|a| a.failed > 0))
        .count();
    let as_of = crate::source::rfc3339(src.meta().as_of);
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        w,
        "<testsuites name=\"posture\" tests=\"{}\" failures=\"{total_failures}\" errors=\"0\" time=\"0\" timestamp=\"{as_of}\">",
        rules.len()
    )?;
    for (provider, ms) in &suites {
        let failures = ms
            .iter()
            .filter(|m| acc.get(m.id).is_some_and(|a| a.failed > 0))
            .count();
        writeln!(
            w,
            "  <testsuite name=\"posture.{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\" timestamp=\"{as_of}\">",
            escape_xml(provider),
            ms.len()
        )?;
        for m in ms {
            let a = acc.get(m.id);
            write!(
                w,
                "    <testcase classname=\"{}.{}\" name=\"{}\" time=\"0\"",
                escape_xml(provider),
                escape_xml(m.service),
                escape_xml(m.id)
            )?;
            let Some(a) = a.filter(|a| a.failed > 0 || a.unknown > 0) else {
                writeln!(w, "/>")?;
                continue;
            };
            writeln!(w, ">")?;
            if a.failed > 0 {
                let mut body = a.fail_lines.join("\n");
                if a.failed > a.fail_lines.len() as u64 {
                    body.push_str(&format!(
                        "\n… and {} more (see the JSON report)",
                        a.failed - a.fail_lines.len() as u64
                    ));
                }
                writeln!(
                    w,
                    "      <failure type=\"{}\" message=\"{}\">{}\n\nFix: {}</failure>",
                    m.severity.as_str(),
                    escape_xml(&format!(
                        "{} ({} failing, severity {})",
                        m.title, a.failed, m.severity
                    )),
                    escape_xml(&body),
                    escape_xml(m.remediation.summary)
                )?;
            }
            if a.unknown > 0 {
                let mut body = format!(
                    "{} could not be decided:\n{}",
                    a.unknown,
                    a.unknown_lines.join("\n")
                );
                if a.unknown > a.unknown_lines.len() as u64 {
                    body.push_str(&format!(
                        "\n… and {} more",
                        a.unknown - a.unknown_lines.len() as u64
                    ));
                }
                writeln!(w, "      <system-out>{}</system-out>", escape_xml(&body))?;
            }
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")?;
    w.flush()
}
