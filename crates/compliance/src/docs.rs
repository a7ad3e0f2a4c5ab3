//! `docs/frameworks.md`, generated from the built-in framework files, and the rule catalog table
//! `docs/rules/README.md` (every rule with the frameworks that map it: the rules crate cannot see
//! the mappings, so the table is generated here; the per-rule pages stay in `posture-rules`).
//!
//! A test fails when a committed file drifts from the data and rewrites it when run with
//! `POSTURE_UPDATE_DOCS=1`:
//!
//! ```text
//! POSTURE_UPDATE_DOCS=1 cargo test -p posture-compliance docs
//! ```

use std::fmt::Write as _;

use posture_model::Provider;
use posture_rules::Rule;
use posture_rules::docs::provider_label;

use crate::Library;

const CATALOG_GENERATED: &str = "<!-- Generated from the rule metadata in crates/rules/src/catalog \
    and the mappings in crates/compliance/frameworks/*.toml by \
    `POSTURE_UPDATE_DOCS=1 cargo test -p posture-compliance docs`. Do not edit by hand. -->";

const GENERATED: &str = "<!-- Generated from crates/compliance/frameworks/*.toml by \
    `POSTURE_UPDATE_DOCS=1 cargo test -p posture-compliance docs`. Do not edit by hand. -->";

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown page: one table row per framework, then each framework's scope notes.
#[must_use]
pub fn frameworks_page(lib: &Library) -> String {
    let mut out = String::with_capacity(8192);
    let _ = writeln!(out, "{GENERATED}\n");
    let _ = writeln!(out, "# Compliance frameworks\n");
    let _ = writeln!(
        out,
        "Each framework is a data file under `crates/compliance/frameworks/` listing every \
         requirement of its source (see *completeness*), each mapped to Posture rules \
         (*automated*) or left to people (*manual*). `posture compliance list PATH…` shows the \
         posture of an estate per framework; `posture compliance show FRAMEWORK PATH…` shows it \
         per requirement; `posture compliance crosswalk RULE_ID|FRAMEWORK:REQ` shows the \
         mappings. Requirement ids are facts; titles are our own short paraphrases (NIST SP \
         800-53 titles are public domain and used as published).\n"
    );
    let _ = writeln!(
        out,
        "| Framework | Id | Version | Requirements | Automated | Manual | Mapped rules | Completeness |\n\
         |---|---|---|---:|---:|---:|---:|---|"
    );
    for f in lib.frameworks() {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | {} | {} |",
            cell(&f.name),
            f.id,
            cell(&f.version),
            f.requirements.len(),
            f.automated(),
            f.manual(),
            f.rule_ids().len(),
            f.completeness.as_str()
        );
    }
    let _ = writeln!(out, "\n## Scope and sources\n");
    for f in lib.frameworks() {
        let base = f
            .base
            .as_deref()
            .map(|b| format!(" Baseline selected from `{b}`."))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **`{}`** ({}; {}): {}{} Source: <{}>",
            f.id,
            cell(&f.publisher),
            f.completeness.as_str(),
            cell(f.notes.trim()),
            base,
            f.source
        );
    }
    let _ = writeln!(out, "\n## Posture arithmetic\n");
    let _ = writeln!(
        out,
        "A requirement is **fail** when any mapped rule failed on any resource (excepted findings \
         aside), else **unknown** when any evaluation was unknown or a mapped rule did not run, \
         else **excepted** when every non-passing finding behind it is excepted, else **pass** \
         when an evaluation passed, else **not applicable** (no resource of the rules' kinds). \
         Requirements without rules are **manual**. *Passed %* = passed ÷ applicable \
         requirements (all, manual included, minus not applicable); excepted requirements do not \
         count as passed. *Coverage* = (passed + failed + excepted) ÷ applicable: the share \
         decided automatically.\n"
    );
    let _ = writeln!(out, "## Adding or overriding a framework\n");
    let _ = writeln!(
        out,
        "Put files of the same schema in a directory and pass `--frameworks DIR` (or set \
         `POSTURE_FRAMEWORKS`). A file whose id equals a built-in's replaces it. Loading fails \
         with the file and requirement named on malformed TOML, unknown fields, unknown rule ids, \
         duplicate requirement ids, requirements neither mapped nor `manual = true`, and \
         equivalences that point nowhere.\n"
    );
    let _ = writeln!(
        out,
        "```toml\n[framework]\nid = \"acme-baseline-1.0\"\nname = \"ACME cloud baseline\"\n\
         version = \"1.0\"\npublisher = \"ACME security\"\nsource = \"https://intranet.example/baseline\"\n\
         completeness = \"complete\"   # or \"partial\"\nnotes = \"What is in scope.\"\n\n\
         [[requirement]]\nid = \"NET-1\"\nsection = \"Network\"\ntitle = \"No SSH or RDP from the internet\"\n\
         rules = [\"aws.ec2.security_group_admin_ports_open\", \"azure.network.nsg_admin_ports_open\"]\n\
         equivalent = [\"cis-aws-6.0:6.3\"]   # optional\n\n\
         [[requirement]]\nid = \"GOV-1\"\ntitle = \"Security policy reviewed yearly\"\nmanual = true\n```\n"
    );
    let _ = writeln!(
        out,
        "A baseline selects requirements (with their mappings) from a catalog instead of listing \
         its own: `base = \"nist-800-53-r5\"` and `select = [\"AC-2\", \"AC-2(1)\", …]` in \
         `[framework]`."
    );
    out
}

/// The frameworks cell of a rule: each framework (in display order) that maps the rule, with
/// its requirement ids when there are at most three, else their count.
fn frameworks_cell(lib: &Library, rule_id: &str) -> String {
    let Some(by_fw) = lib.controls_by_rule().get(rule_id) else {
        return "—".to_owned();
    };
    let parts: Vec<String> = lib
        .frameworks()
        .iter()
        .filter_map(|f| {
            let reqs = by_fw.get(&f.id).filter(|r| !r.is_empty())?;
            Some(if reqs.len() <= 3 {
                format!("`{}` {}", f.id, cell(&reqs.join(", ")))
            } else {
                format!("`{}` {} reqs", f.id, reqs.len())
            })
        })
        .collect();
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join("<br>")
    }
}

/// The rule catalog table (`docs/rules/README.md`): counts per provider and per framework, then
/// one row per rule with its title, severity, kind and service, fix safety and frameworks.
#[must_use]
pub fn rule_catalog_page(rules: &[&'static dyn Rule], lib: &Library) -> String {
    let mut out = String::with_capacity(1024 + rules.len() * 240);
    let _ = writeln!(out, "{CATALOG_GENERATED}\n");
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
    let mapped = rules
        .iter()
        .filter(|r| {
            lib.controls_by_rule()
                .get(r.meta().id)
                .is_some_and(|m| m.values().any(|v| !v.is_empty()))
        })
        .count();
    let _ = writeln!(
        out,
        "**{} rules** — {}. {mapped} of them are mapped to at least one built-in framework \
         ([frameworks](../frameworks.md)).\n",
        rules.len(),
        counts.join(", ")
    );
    let _ = writeln!(
        out,
        "*Frameworks* lists each framework that maps the rule with the requirement ids (or their \
         number when more than three); `posture compliance crosswalk RULE_ID` prints them all.\n"
    );
    let _ = writeln!(
        out,
        "| Id | Title | Severity | Kind / service | Fix safety | Frameworks |\n\
         |---|---|---|---|---|---|"
    );
    for r in rules {
        let m = r.meta();
        let _ = writeln!(
            out,
            "| [`{id}`]({id}.md) | {} | {} | `{}` / {} | {} | {} |",
            cell(m.title),
            m.severity.as_str(),
            r.kind().as_str(),
            m.service,
            m.fix_safety.as_str(),
            frameworks_cell(lib, m.id),
            id = m.id,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{frameworks_page, rule_catalog_page};
    use crate::Library;

    fn docs() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs")
    }

    /// Compare `page` with the committed file, or rewrite it under `POSTURE_UPDATE_DOCS=1`.
    fn check(p: &Path, page: &str, what: &str) {
        if std::env::var("POSTURE_UPDATE_DOCS").is_ok_and(|v| v == "1") {
            if std::fs::read_to_string(p).ok().as_deref() != Some(page) {
                std::fs::write(p, page).unwrap();
            }
            return;
        }
        let on_disk = std::fs::read_to_string(p).unwrap_or_default();
        assert!(
            on_disk == page,
            "{what} is out of date; run `POSTURE_UPDATE_DOCS=1 cargo test -p posture-compliance docs`"
        );
    }

    /// The committed pages match the data; `POSTURE_UPDATE_DOCS=1` rewrites them.
    #[test]
    fn docs_are_current() {
        let lib = Library::builtin().unwrap();
        check(
            &docs().join("frameworks.md"),
            &frameworks_page(&lib),
            "docs/frameworks.md",
        );
        check(
            &docs().join("rules").join(posture_rules::docs::INDEX_FILE),
            &rule_catalog_page(posture_rules::catalog(), &lib),
            "docs/rules/README.md",
        );
    }

    /// Every rule has a row; a mapped rule's row names its frameworks and requirements.
    #[test]
    fn catalog_rows_carry_the_mappings() {
        let lib = Library::builtin().unwrap();
        let rules = posture_rules::catalog();
        let page = rule_catalog_page(rules, &lib);
        for r in rules {
            let id = r.meta().id;
            let row = page
                .lines()
                .find(|l| l.starts_with(&format!("| [`{id}`]")))
                .unwrap_or_else(|| panic!("no row for {id}"));
            let controls = lib.controls_for_rule(id);
            if controls.values().all(Vec::is_empty) {
                assert!(row.ends_with("| — |"), "{row}");
                continue;
            }
            for (fw, reqs) in &controls {
                if reqs.is_empty() {
                    continue;
                }
                let expect = if reqs.len() <= 3 {
                    format!("`{fw}` {}", reqs.join(", "))
                } else {
                    format!("`{fw}` {} reqs", reqs.len())
                };
                assert!(row.contains(&expect), "{id}: `{expect}` not in {row}");
            }
        }
        let mapped = rules
            .iter()
            .filter(|r| !lib.controls_for_rule(r.meta().id).is_empty())
            .count();
        assert!(mapped > rules.len() / 2, "only {mapped} mapped rules");
    }
}
