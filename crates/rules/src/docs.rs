//! Rule documentation generated from the catalog's metadata.
//!
//! One Markdown page per rule (`docs/rules/<id>.md`) and a catalog table
//! (`docs/rules/README.md`). The files are committed; a test fails when they drift from the
//! code and rewrites them when run with `POSTURE_UPDATE_DOCS=1`:
//!
//! ```text
//! POSTURE_UPDATE_DOCS=1 cargo test -p posture-rules docs
//! ```

use std::fmt::Write as _;

use posture_model::Provider;

use crate::engine::{Expect, Rule};

/// Name of the catalog table file.
pub const INDEX_FILE: &str = "README.md";

const GENERATED: &str = "<!-- Generated from the rule metadata in crates/rules/src/catalog by \
    `POSTURE_UPDATE_DOCS=1 cargo test -p posture-rules docs`. Do not edit by hand. -->";

fn provider_label(p: Option<Provider>) -> &'static str {
    match p {
        Some(Provider::Aws) => "AWS",
        Some(Provider::Azure) => "Azure",
        Some(Provider::Gcp) => "GCP",
        None => "other",
    }
}

fn expect_label(e: Expect) -> &'static str {
    match e {
        Expect::Pass => "pass",
        Expect::Fail => "fail",
        Expect::Unknown => "unknown",
        Expect::NotApplicable => "not applicable",
    }
}

/// Escape text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A case's JSON on one line (key order kept); the raw text when it does not parse.
fn compact_json(raw: &str) -> String {
    serde_json::from_str::<serde_json::Value>(raw)
        .ok()
        .and_then(|v| serde_json::to_string(&v).ok())
        .unwrap_or_else(|| raw.trim().to_owned())
}

/// The Markdown page of one rule.
#[must_use]
pub fn rule_page(rule: &dyn Rule) -> String {
    let m = rule.meta();
    let kind = rule.kind();
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "{GENERATED}\n");
    let _ = writeln!(out, "# {}\n", m.title);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| **Id** | `{}` |", m.id);
    let _ = writeln!(out, "| **Severity** | {} |", m.severity.as_str());
    let _ = writeln!(
        out,
        "| **Provider** | {} |",
        provider_label(kind.provider())
    );
    let _ = writeln!(out, "| **Resource kind** | `{}` |", kind.as_str());
    let _ = writeln!(out, "| **Service** | {} |", m.service);
    let _ = writeln!(out, "| **Fix safety** | {} |\n", m.fix_safety.as_str());

    let _ = writeln!(out, "## What it checks\n\n{}\n", m.description);
    let _ = writeln!(out, "## Why it matters\n\n{}\n", m.risk);
    let _ = writeln!(
        out,
        "## Severity: {}\n\n{}\n",
        m.severity.as_str(),
        m.severity_rationale
    );

    let r = &m.remediation;
    let _ = writeln!(out, "## Remediation\n\n{}\n", r.summary);
    let _ = writeln!(
        out,
        "Placeholders such as `{{name}}`, `{{uid}}`, `{{region}}`, `{{account}}` and \
         `{{config.FIELD}}` are filled from the failing resource in reports; `<…>` marks values \
         you choose.\n"
    );
    let _ = writeln!(out, "### CLI\n\n```sh\n{}\n```\n", r.cli.trim_end());
    let _ = writeln!(
        out,
        "### Terraform\n\n```hcl\n{}\n```\n",
        r.terraform.trim_end()
    );
    let _ = writeln!(out, "### Console\n\n{}\n", r.console);

    let _ = writeln!(
        out,
        "## Fix safety: {}\n\n{}\n",
        m.fix_safety.as_str(),
        m.fix_safety_reason
    );

    let _ = writeln!(out, "## Permissions needed to evaluate\n");
    for p in m.permissions {
        let _ = writeln!(out, "- `{p}`");
    }
    let _ = writeln!(out, "\n## References\n");
    for u in m.references {
        let _ = writeln!(out, "- <{u}>");
    }

    let _ = writeln!(out, "\n## Examples\n");
    let _ = writeln!(
        out,
        "These are the rule's test cases; every one is checked by the test suite. Resources are \
         partial inventory records (kind `{}` unless stated).\n",
        kind.as_str()
    );
    for c in m.cases {
        let _ = writeln!(out, "### {}: {}\n", expect_label(c.expect), c.note);
        let _ = writeln!(out, "```json\n{}\n```\n", compact_json(c.resource));
        if !c.others.is_empty() {
            let _ = writeln!(out, "With these other resources in the inventory:\n");
            let _ = writeln!(out, "```json");
            for o in c.others {
                let _ = writeln!(out, "{}", compact_json(o));
            }
            let _ = writeln!(out, "```\n");
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The catalog table: one row per rule, with a per-provider count line at the top.
#[must_use]
pub fn catalog_index(rules: &[&'static dyn Rule]) -> String {
    let mut out = String::with_capacity(256 + rules.len() * 160);
    let _ = writeln!(out, "{GENERATED}\n");
    let _ = writeln!(out, "# Rule catalog\n");
    let counts: Vec<String> = Provider::ALL
        .iter()
        .map(|p| {
            let n = rules
                .iter()
                .filter(|r| r.kind().provider() == Some(*p))
                .count();
            format!("{} {n}", provider_label(Some(*p)))
        })
        .collect();
    let _ = writeln!(out, "**{} rules** — {}.\n", rules.len(), counts.join(", "));
    let _ = writeln!(
        out,
        "| Id | Title | Severity | Kind / service | Fix safety |\n|---|---|---|---|---|"
    );
    for r in rules {
        let m = r.meta();
        let _ = writeln!(
            out,
            "| [`{id}`]({id}.md) | {} | {} | `{}` / {} | {} |",
            cell(m.title),
            m.severity.as_str(),
            r.kind().as_str(),
            m.service,
            m.fix_safety.as_str(),
            id = m.id,
        );
    }
    out
}

/// Every generated file: `(file name, content)`, the index first.
#[must_use]
pub fn generate(rules: &[&'static dyn Rule]) -> Vec<(String, String)> {
    let mut files = Vec::with_capacity(rules.len() + 1);
    files.push((INDEX_FILE.to_owned(), catalog_index(rules)));
    for r in rules {
        files.push((format!("{}.md", r.meta().id), rule_page(*r)));
    }
    files
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use super::generate;
    use crate::catalog::catalog;

    fn docs_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules")
    }

    /// The committed docs match the catalog; `POSTURE_UPDATE_DOCS=1` rewrites them and removes
    /// pages of rules that no longer exist.
    #[test]
    fn docs_are_current() {
        let dir = docs_dir();
        let files = generate(catalog());
        let wanted: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        let existing: BTreeSet<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".md"))
                    .collect()
            })
            .unwrap_or_default();
        let stale: Vec<&String> = existing
            .iter()
            .filter(|n| !wanted.contains(n.as_str()))
            .collect();

        if std::env::var("POSTURE_UPDATE_DOCS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(&dir).unwrap();
            for (name, content) in &files {
                let path = dir.join(name);
                if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
                    std::fs::write(&path, content).unwrap();
                }
            }
            for name in stale {
                std::fs::remove_file(dir.join(name)).unwrap();
            }
            return;
        }

        let mut problems = Vec::new();
        for (name, content) in &files {
            match std::fs::read_to_string(dir.join(name)) {
                Ok(on_disk) if on_disk == *content => {}
                Ok(_) => problems.push(format!("{name}: differs from the generated text")),
                Err(_) => problems.push(format!("{name}: missing")),
            }
        }
        for name in stale {
            problems.push(format!("{name}: stale (no rule with this id)"));
        }
        assert!(
            problems.is_empty(),
            "docs/rules is out of date; run `POSTURE_UPDATE_DOCS=1 cargo test -p posture-rules docs`:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn every_rule_has_a_page_and_a_row() {
        let rules = catalog();
        let files = generate(rules);
        assert_eq!(files.len(), rules.len() + 1);
        let index = &files.first().unwrap().1;
        for r in rules {
            assert!(index.contains(&format!("[`{}`]", r.meta().id)));
        }
        assert!(
            rules.len() >= 30,
            "starter catalog has {} rules",
            rules.len()
        );
    }

    #[test]
    fn pages_render_all_sections() {
        let files = generate(catalog());
        for (name, page) in files.iter().skip(1) {
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Severity: ",
                "### CLI",
                "### Terraform",
                "### Console",
                "## Fix safety: ",
                "## Permissions",
                "## References",
                "## Examples",
            ] {
                assert!(page.contains(section), "{name}: missing `{section}`");
            }
            assert!(
                page.ends_with('\n') && !page.ends_with("\n\n"),
                "{name}: trailing newlines"
            );
        }
    }
}
