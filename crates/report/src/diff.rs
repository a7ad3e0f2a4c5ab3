//! `posture report diff A B`: new, resolved and changed findings between two scans, as a table,
//! JSON or HTML. The data comes from the store's diff (passed in as plain values).

use std::io::{self, Write};

use posture_model::Severity;
use serde::Serialize;

use crate::source::escape_xml as esc;

/// One changed finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffItem {
    /// Finding uid.
    pub uid: String,
    /// Rule id.
    pub rule_id: String,
    /// Severity.
    pub severity: Severity,
    /// Resource uid.
    pub resource_uid: String,
    /// Account.
    pub account: String,
    /// Status at the first scan (`None`: not open).
    pub before: Option<String>,
    /// Status at the second scan.
    pub after: Option<String>,
}

/// The diff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// Earlier scan id.
    pub from: i64,
    /// Later scan id.
    pub to: i64,
    /// Earlier scan time (RFC 3339).
    pub from_as_of: String,
    /// Later scan time.
    pub to_as_of: String,
    /// Open at `to`, not at `from`.
    pub new: Vec<DiffItem>,
    /// Open at `from`, not at `to`.
    pub resolved: Vec<DiffItem>,
    /// Open at both, status changed.
    pub changed: Vec<DiffItem>,
}

impl DiffReport {
    fn sections(&self) -> [(&'static str, &Vec<DiffItem>); 3] {
        [
            ("new", &self.new),
            ("resolved", &self.resolved),
            ("changed", &self.changed),
        ]
    }
}

/// JSON.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_json(d: &DiffReport, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &serde_json::json!({
        "format": "posture-diff", "version": 1, "from": d.from, "to": d.to,
        "from_as_of": d.from_as_of, "to_as_of": d.to_as_of,
        "counts": {"new": d.new.len(), "resolved": d.resolved.len(), "changed": d.changed.len()},
        "new": d.new, "resolved": d.resolved, "changed": d.changed,
    }))
    .map_err(crate::source::io_err)?;
    writeln!(w)?;
    w.flush()
}

/// Plain-text table.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_table(d: &DiffReport, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "scan {} ({}) → scan {} ({}): {} new, {} resolved, {} changed",
        d.from,
        d.from_as_of,
        d.to,
        d.to_as_of,
        d.new.len(),
        d.resolved.len(),
        d.changed.len()
    )?;
    for (name, items) in d.sections() {
        if items.is_empty() {
            continue;
        }
        writeln!(w, "\n{name}:")?;
        let mut t = comfy_table::Table::new();
        t.load_preset(comfy_table::presets::UTF8_HORIZONTAL_ONLY);
        t.set_header(vec![
            "severity", "rule", "resource", "account", "before", "after",
        ]);
        for i in items {
            t.add_row(vec![
                i.severity.as_str(),
                &i.rule_id,
                &i.resource_uid,
                &i.account,
                i.before.as_deref().unwrap_or("-"),
                i.after.as_deref().unwrap_or("-"),
            ]);
        }
        writeln!(w, "{t}")?;
    }
    w.flush()
}

/// Self-contained HTML.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_html(d: &DiffReport, w: &mut dyn Write) -> io::Result<()> {
    let title = format!("Posture: changes from scan {} to scan {}", d.from, d.to);
    crate::html::head(w, &title)?;
    writeln!(
        w,
        "<h1>{}</h1><div class=\"muted\">{} → {}</div>",
        esc(&title),
        esc(&d.from_as_of),
        esc(&d.to_as_of)
    )?;
    write!(w, "<div class=\"cards\">")?;
    for (name, items) in d.sections() {
        write!(w, "<div class=\"card\"><b>{}</b>{name}</div>", items.len())?;
    }
    writeln!(w, "</div>")?;
    for (name, items) in d.sections() {
        writeln!(w, "<h2>{} ({})</h2>", esc(name), items.len())?;
        if items.is_empty() {
            writeln!(w, "<p class=\"muted\">None.</p>")?;
            continue;
        }
        writeln!(
            w,
            "<table><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Account</th><th>Before</th><th>After</th></tr>"
        )?;
        for i in items {
            writeln!(
                w,
                "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                crate::html::sev_badge(i.severity),
                esc(&i.rule_id),
                esc(&i.resource_uid),
                esc(&i.account),
                esc(i.before.as_deref().unwrap_or("–")),
                esc(i.after.as_deref().unwrap_or("–"))
            )?;
        }
        writeln!(w, "</table>")?;
    }
    writeln!(w, "</body></html>")?;
    w.flush()
}
