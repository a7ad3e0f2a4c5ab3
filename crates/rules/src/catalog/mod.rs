//! The built-in catalog: one module per provider, one per service, one file per rule.

pub mod aws;
pub mod azure;
pub mod gcp;

use std::sync::OnceLock;

use crate::engine::Rule;

/// Every built-in rule, ordered by id.
#[must_use]
pub fn catalog() -> &'static [&'static dyn Rule] {
    static CATALOG: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut all: Vec<&'static dyn Rule> = Vec::new();
        all.extend_from_slice(
            aws::RULES
                .iter()
                .flat_map(|s| s.iter())
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        );
        all.extend(azure::RULES.iter().flat_map(|s| s.iter()).copied());
        all.extend(gcp::RULES.iter().flat_map(|s| s.iter()).copied());
        all.sort_by_key(|r| r.meta().id);
        all
    })
}

/// Look a rule up by id.
#[must_use]
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    catalog().iter().copied().find(|r| r.meta().id == id)
}

#[cfg(test)]
mod meta_tests {
    //! The catalog meta-test: every rule has complete metadata, a unique well-formed id, and test
    //! cases that pass — at least one Pass and one Fail, and an Unknown case whenever the rule
    //! can hit missing data.
    use std::collections::HashSet;

    use super::catalog;
    use crate::engine::{Expect, FixSafety};
    use crate::testing::run_cases;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for r in catalog() {
            let m = r.meta();
            assert!(seen.insert(m.id), "duplicate rule id {}", m.id);
            let parts: Vec<&str> = m.id.split('.').collect();
            assert_eq!(parts.len(), 3, "{}: id must be provider.service.name", m.id);
            let provider = r.kind().provider().map(|p| p.as_str()).unwrap_or_default();
            assert_eq!(
                parts[0], provider,
                "{}: id must start with its provider",
                m.id
            );
            assert_eq!(
                parts[1], m.service,
                "{}: second id part must be the service",
                m.id
            );
            assert!(
                parts[2]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}: name must be snake_case",
                m.id
            );
        }
    }

    #[test]
    fn metadata_is_complete() {
        for r in catalog() {
            let m = r.meta();
            let id = m.id;
            for (field, value) in [
                ("title", m.title),
                ("severity_rationale", m.severity_rationale),
                ("description", m.description),
                ("risk", m.risk),
                ("remediation.summary", m.remediation.summary),
                ("remediation.cli", m.remediation.cli),
                ("remediation.terraform", m.remediation.terraform),
                ("remediation.console", m.remediation.console),
                ("fix_safety_reason", m.fix_safety_reason),
            ] {
                assert!(!value.trim().is_empty(), "{id}: `{field}` is empty");
            }
            assert!(
                !m.title.to_ascii_lowercase().starts_with("ensure"),
                "{id}: the title names the misconfiguration, not an instruction"
            );
            assert!(m.title.len() <= 90, "{id}: title longer than 90 characters");
            assert!(
                !m.permissions.is_empty(),
                "{id}: declare the read permissions it needs"
            );
            assert!(
                !m.references.is_empty(),
                "{id}: give at least one reference"
            );
            for p in m.permissions {
                assert!(
                    p.contains(':') || p.contains('/') || p.contains('.'),
                    "{id}: permission `{p}` does not look like an action"
                );
            }
            if m.fix_safety != FixSafety::Manual {
                assert!(
                    !m.remediation.cli.contains("TODO"),
                    "{id}: CLI fix is a placeholder"
                );
            }
        }
    }

    #[test]
    fn cases_cover_pass_and_fail_and_pass() {
        let mut failures = Vec::new();
        for r in catalog() {
            let m = r.meta();
            let has = |e: Expect| m.cases.iter().any(|c| c.expect == e);
            if !has(Expect::Pass) {
                failures.push(format!("{}: no passing case", m.id));
            }
            if !has(Expect::Fail) {
                failures.push(format!("{}: no failing case", m.id));
            }
            if !has(Expect::Unknown) {
                failures.push(format!(
                    "{}: no unknown case (what happens when its data is missing?)",
                    m.id
                ));
            }
            for res in run_cases(*r) {
                if !res.ok() {
                    failures.push(format!(
                        "{}: case `{}` expected {:?}, got {:?}",
                        m.id, res.case.note, res.case.expect, res.got
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} problems:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
