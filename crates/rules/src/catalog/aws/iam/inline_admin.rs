//! Shared by the user and role inline full-admin rules.

use crate::iam::admin_statements;
use crate::prelude::*;

/// Inline policies with a full-admin statement: evidence and policy names.
pub(super) fn inline_admin(inline: &[aws::InlinePolicy]) -> (Vec<&str>, Vec<Evidence>) {
    let mut names = Vec::new();
    let mut evidence = Vec::new();
    for (p, policy) in inline.iter().enumerate() {
        for (s, st) in admin_statements(&policy.document) {
            if names.last() != Some(&policy.name.as_str()) {
                names.push(policy.name.as_str());
            }
            evidence.push(Evidence {
                path: format!("config.inline_policies[{p}].document.statements[{s}]"),
                observed: json!(st),
            });
        }
    }
    (names, evidence)
}
