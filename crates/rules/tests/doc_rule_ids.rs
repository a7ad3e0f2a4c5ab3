//! Rule ids quoted in the user-facing documents must exist, so examples never point at a rule
//! that was renamed or never shipped.

use std::path::Path;

fn quoted_ids(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for provider in ["aws.", "azure.", "gcp."] {
        let mut rest = text;
        while let Some(i) = rest.find(provider) {
            let tail = &rest[i..];
            let id: String = tail
                .chars()
                .take_while(|c| {
                    c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || *c == '.'
                        || *c == '_'
                        || *c == '*'
                })
                .collect();
            let before = rest[..i].chars().last();
            rest = &tail[provider.len()..];
            // Only whole tokens of the form provider.service.name, not globs or kind ids.
            let parts: Vec<&str> = id.trim_end_matches('.').split('.').collect();
            if parts.len() == 3
                && !id.contains('*')
                && before.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '.' && c != '/')
            {
                out.push(parts.join("."));
            }
        }
    }
    out
}

#[test]
fn documented_rule_ids_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let kinds: Vec<&str> = posture_model::Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    let mut missing = Vec::new();
    for doc in [
        "README.md",
        "CONTRIBUTING.md",
        "docs/configuration.md",
        "examples/sample-estate/README.md",
    ] {
        let Ok(text) = std::fs::read_to_string(root.join(doc)) else {
            continue;
        };
        for id in quoted_ids(&text) {
            if kinds.contains(&id.as_str()) {
                continue;
            }
            if posture_rules::catalog::find(&id).is_none() {
                missing.push(format!("{doc}: {id}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "documents quote rule ids that do not exist:\n{}",
        missing.join("\n")
    );
}
