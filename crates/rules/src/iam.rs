//! IAM policy analysis over normalized documents ([`posture_model::policy`]).
//!
//! Statements are already normalized (lists everywhere); this module answers the questions rules
//! ask: does a statement grant everything, is a principal public, do its conditions restrict it.

use posture_model::policy::{Condition, Effect, PolicyDocument, Statement};

use crate::engine::glob_match;

/// Condition keys that, with a concrete (non-wildcard) value, confine who can use a statement.
const RESTRICTING_KEYS: &[&str] = &[
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceowner",
    "aws:userid",
    "aws:username",
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:calledvia",
    "kms:calleraccount",
    "kms:viaservice",
    "s3:dataaccesspointaccount",
    "lambda:functionurlauthtype",
];

/// Whether a condition confines the statement to known principals or networks.
///
/// A condition restricts when its key is one of the identity/network keys above, its operator is
/// a positive match (not `…NotEquals`, not `…IfExists`), and no value is a bare wildcard or the
/// whole internet.
#[must_use]
pub fn condition_restricts(c: &Condition) -> bool {
    let key = c.key.to_ascii_lowercase();
    let op = c.operator.to_ascii_lowercase();
    if !RESTRICTING_KEYS.contains(&key.as_str()) {
        return false;
    }
    if op.contains("not") || op.ends_with("ifexists") || op == "null" {
        return false;
    }
    !c.values.is_empty()
        && c.values
            .iter()
            .all(|v| v != "*" && v != "0.0.0.0/0" && v != "::/0" && !v.is_empty())
}

/// Whether a statement's conditions confine it.
#[must_use]
pub fn statement_restricted(s: &Statement) -> bool {
    s.conditions.iter().any(condition_restricts)
}

/// Case-insensitive IAM action match (`s3:Get*` matches `s3:GetObject`; `*` matches all).
#[must_use]
pub fn action_matches(pattern: &str, action: &str) -> bool {
    glob_match(&pattern.to_ascii_lowercase(), &action.to_ascii_lowercase())
}

/// Whether an Allow statement grants `action` (considering `Action` and `NotAction`).
#[must_use]
pub fn statement_allows_action(s: &Statement, action: &str) -> bool {
    if s.effect != Effect::Allow {
        return false;
    }
    if !s.not_actions.is_empty() {
        return !s.not_actions.iter().any(|p| action_matches(p, action));
    }
    s.actions.iter().any(|p| action_matches(p, action))
}

/// Whether the statement applies to every resource (`Resource: *`, or a `NotResource`).
#[must_use]
pub fn statement_all_resources(s: &Statement) -> bool {
    s.resources.iter().any(|r| r == "*") || (!s.not_resources.is_empty() && s.resources.is_empty())
}

/// Whether a statement grants full administrative access: Allow, every action (`*`, `*:*`, or a
/// `NotAction` with nothing excluded that matters), every resource, and no restricting condition.
#[must_use]
pub fn statement_is_admin(s: &Statement) -> bool {
    if s.effect != Effect::Allow || statement_restricted(s) || !statement_all_resources(s) {
        return false;
    }
    let all_actions = s.actions.iter().any(|a| a == "*" || a == "*:*");
    // NotAction that excludes only a few services still grants almost everything, but we only
    // call it "admin" when it leaves IAM itself allowed.
    let not_action_admin = !s.not_actions.is_empty()
        && s.actions.is_empty()
        && statement_allows_action(s, "iam:PutRolePolicy")
        && statement_allows_action(s, "iam:CreateUser");
    all_actions || not_action_admin
}

/// Statements of a document that grant full admin.
pub fn admin_statements(doc: &PolicyDocument) -> impl Iterator<Item = (usize, &Statement)> {
    doc.statements
        .iter()
        .enumerate()
        .filter(|(_, s)| statement_is_admin(s))
}

/// Whether a resource-policy statement lets anyone (any AWS account or anonymous) in:
/// Allow, principal `*`, and no restricting condition.
#[must_use]
pub fn statement_is_public(s: &Statement) -> bool {
    s.effect == Effect::Allow
        && s.principal
            .as_ref()
            .is_some_and(posture_model::policy::Principal::is_everyone)
        && !statement_restricted(s)
}

/// Public statements of a resource policy.
pub fn public_statements(doc: &PolicyDocument) -> impl Iterator<Item = (usize, &Statement)> {
    doc.statements
        .iter()
        .enumerate()
        .filter(|(_, s)| statement_is_public(s))
}

/// Whether a bucket policy denies requests without TLS: a Deny of `s3:*` (or `*`) for everyone
/// with `Bool aws:SecureTransport = false`, or `NumericLessThan s3:TlsVersion` present.
#[must_use]
pub fn denies_insecure_transport(doc: &PolicyDocument) -> bool {
    doc.statements.iter().any(|s| {
        s.effect == Effect::Deny
            && s.principal
                .as_ref()
                .is_some_and(posture_model::policy::Principal::is_everyone)
            && (s
                .actions
                .iter()
                .any(|a| action_matches(a, "s3:GetObject") && action_matches(a, "s3:PutObject")))
            && s.conditions.iter().any(|c| {
                (c.operator.eq_ignore_ascii_case("Bool")
                    && c.key.eq_ignore_ascii_case("aws:SecureTransport")
                    && c.values.iter().any(|v| v.eq_ignore_ascii_case("false")))
                    || (c.operator.eq_ignore_ascii_case("NumericLessThan")
                        && c.key.eq_ignore_ascii_case("s3:TlsVersion"))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: &serde_json::Value) -> PolicyDocument {
        PolicyDocument::from_aws_json(v).unwrap()
    }

    #[test]
    fn admin_detection() {
        assert_eq!(
            admin_statements(&doc(
                &json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})
            ))
            .count(),
            1
        );
        assert_eq!(
            admin_statements(&doc(
                &json!({"Statement": {"Effect": "Allow", "Action": "*:*", "Resource": ["*"]}})
            ))
            .count(),
            1
        );
        assert_eq!(
            admin_statements(&doc(
                &json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})
            ))
            .count(),
            0
        );
        assert_eq!(
            admin_statements(&doc(
                &json!({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}})
            ))
            .count(),
            0
        );
        // Restricted to a source IP: not an unrestricted admin grant.
        assert_eq!(
            admin_statements(&doc(
                &json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}})
            ))
            .count(),
            0
        );
        // NotAction excluding only billing still grants IAM: admin.
        assert_eq!(admin_statements(&doc(&json!({"Statement": {"Effect": "Allow", "NotAction": "aws-portal:*", "Resource": "*"}}))).count(), 1);
        assert_eq!(admin_statements(&doc(&json!({"Statement": {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}}))).count(), 0);
    }

    #[test]
    fn public_detection() {
        assert_eq!(public_statements(&doc(&json!({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}))).count(), 1);
        assert_eq!(public_statements(&doc(&json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}}))).count(), 0);
        assert_eq!(public_statements(&doc(&json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}}}}))).count(), 1);
        assert_eq!(public_statements(&doc(&json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:*", "Resource": "*"}}))).count(), 0);
    }

    #[test]
    fn tls_only() {
        assert!(denies_insecure_transport(&doc(
            &json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})
        )));
        assert!(!denies_insecure_transport(&doc(
            &json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket",
            "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})
        )));
    }
}
