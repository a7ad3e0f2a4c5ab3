//! `docs/frameworks.md`, generated from the built-in framework files.
//!
//! A test fails when the committed file drifts from the data and rewrites it when run with
//! `POSTURE_UPDATE_DOCS=1`:
//!
//! ```text
//! POSTURE_UPDATE_DOCS=1 cargo test -p posture-compliance docs
//! ```

use std::fmt::Write as _;

use crate::Library;

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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::frameworks_page;
    use crate::Library;

    fn path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/frameworks.md")
    }

    /// The committed page matches the data; `POSTURE_UPDATE_DOCS=1` rewrites it.
    #[test]
    fn docs_are_current() {
        let lib = Library::builtin().unwrap();
        let page = frameworks_page(&lib);
        let p = path();
        if std::env::var("POSTURE_UPDATE_DOCS").is_ok_and(|v| v == "1") {
            if std::fs::read_to_string(&p).ok().as_deref() != Some(page.as_str()) {
                std::fs::write(&p, &page).unwrap();
            }
            return;
        }
        let on_disk = std::fs::read_to_string(&p).unwrap_or_default();
        assert!(
            on_disk == page,
            "docs/frameworks.md is out of date; run `POSTURE_UPDATE_DOCS=1 cargo test -p posture-compliance docs`"
        );
    }
}
