//! `--format csv`: one line per finding (RFC 4180, UTF-8, `\r\n` line ends), streamed.
//!
//! Columns: `finding_uid, rule_id, title, severity, status, resource_uid, resource_name,
//! resource_kind, provider, account, region, message, evidence, remediation, fix_safety,
//! controls, first_seen, due_at, state`. `evidence` is compact JSON; `controls` is
//! `framework:requirement` joined by `; `; `first_seen`, `due_at` and `state` are filled only
//! from the store. Cells that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, tab or carriage return) are prefixed with `'`.

use std::io::{self, Write};

use crate::source::{FindingSource, Row, date, json_string};

/// Column headers.
pub const HEADERS: [&str; 19] = [
    "finding_uid",
    "rule_id",
    "title",
    "severity",
    "status",
    "resource_uid",
    "resource_name",
    "resource_kind",
    "provider",
    "account",
    "region",
    "message",
    "evidence",
    "remediation",
    "fix_safety",
    "controls",
    "first_seen",
    "due_at",
    "state",
];

/// Quote one CSV cell (and defuse spreadsheet formulas).
#[must_use]
pub fn cell(s: &str) -> String {
    let guarded;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `fw:req; fw:req`.
pub(crate) fn controls_text(row: &Row<'_>) -> String {
    let mut v = Vec::new();
    for (fw, reqs) in row.controls {
        for r in reqs {
            v.push(format!("{fw}:{r}"));
        }
    }
    v.join("; ")
}

fn line(w: &mut dyn Write, cells: &[&str]) -> io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(cell(c).as_bytes())?;
    }
    w.write_all(b"\r\n")
}

/// Write the CSV.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<()> {
    line(w, &HEADERS)?;
    src.for_each(&mut |row| {
        let f = row.finding;
        let evidence = if f.evidence.is_empty() {
            String::new()
        } else {
            json_string(&f.evidence)
        };
        let (remediation, safety) = row.fix.map_or((String::new(), String::new()), |x| {
            (x.summary.clone(), x.fix_safety.clone())
        });
        let l = row.lifecycle;
        line(
            w,
            &[
                &f.uid,
                &f.rule_id,
                &f.title,
                f.severity.as_str(),
                f.status.as_str(),
                &f.resource_uid,
                &f.resource_name,
                &f.resource_kind,
                &f.provider,
                &f.account,
                &f.region,
                &f.message,
                &evidence,
                &remediation,
                &safety,
                &controls_text(row),
                &l.map(|l| date(l.first_seen)).unwrap_or_default(),
                &l.and_then(|l| l.due_at).map(date).unwrap_or_default(),
                l.map_or("", |l| l.display.as_str()),
            ],
        )
    })?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
    }
}
