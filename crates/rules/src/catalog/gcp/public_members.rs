//! Shared helpers for GCP IAM bindings.

use posture_model::kinds::Binding;

/// Whether an IAM member is everyone (`allUsers`) or every Google account (`allAuthenticatedUsers`).
#[must_use]
pub(crate) fn is_public_member(m: &str) -> bool {
    m == "allUsers" || m == "allAuthenticatedUsers"
}

/// Whether any binding grants a role to a public member.
pub(crate) fn has_public_binding(bindings: &[Binding]) -> bool {
    bindings
        .iter()
        .any(|b| b.members.iter().any(|m| is_public_member(m)))
}

/// `role → public members` pairs, for messages, with the binding index.
pub(crate) fn public_grants(bindings: &[Binding]) -> Vec<(usize, String)> {
    bindings
        .iter()
        .enumerate()
        .flat_map(|(i, b)| {
            b.members
                .iter()
                .filter(|m| is_public_member(m))
                .map(move |m| (i, format!("{} to {m}", b.role)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_members() {
        assert!(is_public_member("allUsers"));
        assert!(is_public_member("allAuthenticatedUsers"));
        assert!(!is_public_member("user:allUsers@example.com"));
        assert!(!is_public_member("domain:example.com"));
        let b = vec![
            Binding {
                role: "roles/storage.objectViewer".into(),
                members: vec!["user:a@example.com".into(), "allUsers".into()],
                conditional: false,
            },
            Binding {
                role: "roles/storage.admin".into(),
                members: vec!["group:ops@example.com".into()],
                conditional: false,
            },
        ];
        assert!(has_public_binding(&b));
        assert_eq!(
            public_grants(&b),
            vec![(0, "roles/storage.objectViewer to allUsers".to_owned())]
        );
        assert!(!has_public_binding(b.get(1..).unwrap_or_default()));
    }
}
