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

/// IAM wildcard match: `*` matches any run of characters (also none), `?` exactly one, anywhere
/// in the pattern (`iam:*Role*`, `s3:Get?bject`). Case-sensitive; callers lower-case actions.
#[must_use]
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    if !pattern.contains('?') {
        return glob_match(pattern, text);
    }
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Case-insensitive IAM action match (`s3:Get*` matches `s3:GetObject`, `iam:*Role*` matches
/// `iam:PassRole`; `*` matches all).
#[must_use]
pub fn action_matches(pattern: &str, action: &str) -> bool {
    wildcard_match(&pattern.to_ascii_lowercase(), &action.to_ascii_lowercase())
}

/// Whether a statement (Allow or Deny) names `action`, through `Action` or `NotAction`.
#[must_use]
pub fn statement_matches_action(s: &Statement, action: &str) -> bool {
    if !s.not_actions.is_empty() {
        return !s.not_actions.iter().any(|p| action_matches(p, action));
    }
    s.actions.iter().any(|p| action_matches(p, action))
}

/// Whether a statement (Allow or Deny) covers every action of `service` (`s3`): `*`, `*:*`,
/// `s3:*`, or a `NotAction` none of whose entries touches that service.
#[must_use]
pub fn statement_covers_service(s: &Statement, service: &str) -> bool {
    let service = service.to_ascii_lowercase();
    let touches = |p: &String| {
        let p = p.to_ascii_lowercase();
        let svc = p.split_once(':').map_or(p.as_str(), |(a, _)| a);
        wildcard_match(svc, &service)
    };
    if !s.not_actions.is_empty() {
        return s.actions.is_empty() && !s.not_actions.iter().any(touches);
    }
    let whole = format!("{service}:*");
    s.actions.iter().any(|a| {
        let a = a.to_ascii_lowercase();
        a == "*" || a == "*:*" || a == whole
    })
}

/// Whether a statement applies to the resource ARN `arn` (`Resource` patterns, or `NotResource`
/// patterns that leave it out). ARN patterns are case-sensitive.
#[must_use]
pub fn statement_matches_resource(s: &Statement, arn: &str) -> bool {
    if !s.not_resources.is_empty() {
        return !s.not_resources.iter().any(|p| wildcard_match(p, arn));
    }
    s.resources.iter().any(|p| wildcard_match(p, arn))
}

/// Whether a Deny statement unconditionally takes `action` away on every resource (so no Allow
/// of the same document can grant it anywhere). A conditional Deny only applies sometimes, and a
/// Deny on some resources leaves the others allowed: neither neutralizes an Allow on `*`.
#[must_use]
pub fn statement_denies_everywhere(s: &Statement, action: &str) -> bool {
    s.effect == Effect::Deny
        && s.conditions.is_empty()
        && s.not_resources.is_empty()
        && s.resources.iter().any(|r| r == "*")
        && statement_matches_action(s, action)
}

/// The first statement of an identity policy that *effectively* allows `action` on every
/// resource: an Allow naming the action (`Action` or `NotAction`) on `*` (or a `NotResource`),
/// without a restricting condition, and not neutralized by a Deny of the same document that
/// removes the action everywhere. `skip` leaves statements out (e.g. full-admin statements that
/// another rule reports).
#[must_use]
pub fn effective_allow_everywhere(
    doc: &PolicyDocument,
    action: &str,
    skip: impl Fn(&Statement) -> bool,
) -> Option<usize> {
    if doc
        .statements
        .iter()
        .any(|s| statement_denies_everywhere(s, action))
    {
        return None;
    }
    doc.statements.iter().position(|s| {
        s.effect == Effect::Allow
            && !skip(s)
            && statement_all_resources(s)
            && !statement_restricted(s)
            && statement_matches_action(s, action)
    })
}

/// Whether an identity policy effectively allows `action` on at least one resource (any Allow
/// statement naming it without a restricting condition, unless an unconditional Deny removes the
/// action everywhere).
#[must_use]
pub fn effectively_allows(doc: &PolicyDocument, action: &str) -> Option<usize> {
    if doc
        .statements
        .iter()
        .any(|s| statement_denies_everywhere(s, action))
    {
        return None;
    }
    doc.statements.iter().position(|s| {
        s.effect == Effect::Allow && !statement_restricted(s) && statement_matches_action(s, action)
    })
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

/// The 12-digit AWS account ids a principal names in its `AWS` entries (`123456789012`,
/// `arn:aws:iam::123456789012:root`, `arn:aws:iam::123456789012:role/x`); `*` is not an account.
#[must_use]
pub fn principal_accounts(p: &posture_model::policy::Principal) -> Vec<&str> {
    p.aws
        .iter()
        .filter_map(|a| {
            let id = if a.starts_with("arn:") {
                a.split(':').nth(4)?
            } else {
                a.as_str()
            };
            (id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())).then_some(id)
        })
        .collect()
}

/// Whether a trust-policy statement requires an `sts:ExternalId` with a concrete value.
#[must_use]
pub fn requires_external_id(s: &Statement) -> bool {
    s.conditions.iter().any(|c| {
        let op = c.operator.to_ascii_lowercase();
        c.key.eq_ignore_ascii_case("sts:ExternalId")
            && (op == "stringequals" || op == "stringlike" || op == "stringequalsignorecase")
            && !c.values.is_empty()
            && c.values.iter().all(|v| !v.is_empty() && v != "*")
    })
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
    fn wildcards_inside_names() {
        assert!(action_matches("iam:*Role*", "iam:PassRole"));
        assert!(action_matches("iam:*role*", "IAM:CreateRole"));
        assert!(action_matches("iam:*Role*", "iam:PutRolePolicy"));
        assert!(!action_matches("iam:*Role*", "iam:CreateUser"));
        assert!(action_matches("s3:Get?bject", "s3:GetObject"));
        assert!(!action_matches("s3:Get?bject", "s3:GetObjectAcl"));
        assert!(action_matches("s3:?*", "s3:ListBucket"));
        assert!(action_matches("*", "kms:Decrypt"));
        assert!(!action_matches("kms:Decrypt", "kms:DecryptAll"));
        assert!(wildcard_match("a*b*c", "aXbYc"));
        assert!(!wildcard_match("a*b?c", "abc"));
        assert!(wildcard_match("a*b?c", "abXc"));
        assert!(wildcard_match("**", ""));
    }

    fn stmt(v: &serde_json::Value) -> Statement {
        doc(&json!({"Statement": v})).statements.remove(0)
    }

    #[test]
    fn action_and_not_action() {
        let s = stmt(&json!({"Effect": "Deny", "Action": "iam:*", "Resource": "*"}));
        assert!(statement_matches_action(&s, "iam:PassRole"));
        assert!(
            !statement_allows_action(&s, "iam:PassRole"),
            "Deny never allows"
        );
        let s = stmt(&json!({"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}));
        assert!(statement_matches_action(&s, "s3:GetObject"));
        assert!(!statement_matches_action(&s, "iam:PassRole"));
    }

    #[test]
    fn whole_service() {
        let cov = |v: serde_json::Value| statement_covers_service(&stmt(&v), "s3");
        assert!(cov(
            json!({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})
        ));
        assert!(cov(
            json!({"Effect": "Allow", "Action": "S3:*", "Resource": "*"})
        ));
        assert!(cov(
            json!({"Effect": "Allow", "Action": "*", "Resource": "*"})
        ));
        assert!(!cov(
            json!({"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"})
        ));
        assert!(cov(
            json!({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
        ));
        assert!(!cov(
            json!({"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "*"})
        ));
        assert!(!cov(
            json!({"Effect": "Allow", "NotAction": "s*:*", "Resource": "*"})
        ));
    }

    #[test]
    fn resources_and_not_resources() {
        let s = stmt(
            &json!({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::logs-*/*"}),
        );
        assert!(statement_matches_resource(&s, "arn:aws:s3:::logs-prod/x"));
        assert!(!statement_matches_resource(&s, "arn:aws:s3:::data/x"));
        let s = stmt(
            &json!({"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"}),
        );
        assert!(statement_matches_resource(&s, "arn:aws:s3:::data/x"));
        assert!(!statement_matches_resource(&s, "arn:aws:s3:::secret/x"));
        assert!(statement_all_resources(&s));
    }

    #[test]
    fn deny_neutralizes_allow() {
        let d = doc(&json!({"Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
            {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}));
        assert_eq!(
            effective_allow_everywhere(&d, "iam:PassRole", |_| false),
            None
        );
        assert_eq!(effectively_allows(&d, "iam:PassRole"), None);
        // A Deny on one role, or a conditional Deny, leaves the Allow effective.
        let d = doc(&json!({"Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
            {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/admin"},
            {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*",
             "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}));
        assert_eq!(
            effective_allow_everywhere(&d, "iam:PassRole", |_| false),
            Some(0)
        );
        // Scoped to one role: not everywhere, but still allowed somewhere.
        let d = doc(&json!({"Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/app"}]}));
        assert_eq!(
            effective_allow_everywhere(&d, "iam:PassRole", |_| false),
            None
        );
        assert_eq!(effectively_allows(&d, "iam:PassRole"), Some(0));
        // Restricting condition: not an unrestricted grant.
        let d = doc(&json!({"Statement": [
            {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
             "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}));
        assert_eq!(
            effective_allow_everywhere(&d, "kms:Decrypt", |_| false),
            None
        );
        // Skipped statements do not count.
        let d = doc(&json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}));
        assert_eq!(
            effective_allow_everywhere(&d, "kms:Decrypt", statement_is_admin),
            None
        );
        assert_eq!(
            effective_allow_everywhere(&d, "kms:Decrypt", |_| false),
            Some(0)
        );
    }

    #[test]
    fn accounts_and_external_id() {
        let s = stmt(
            &json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": [
            "arn:aws:iam::444455556666:root", "777788889999", "arn:aws:iam::123456789012:role/ci", "*",
            "arn:aws:iam::notanaccount:root"]}}),
        );
        assert_eq!(
            principal_accounts(s.principal.as_ref().unwrap()),
            vec!["444455556666", "777788889999", "123456789012"]
        );
        assert!(!requires_external_id(&s));
        let s = stmt(
            &json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "444455556666"},
            "Condition": {"StringEquals": {"sts:ExternalId": "f00d"}}}),
        );
        assert!(requires_external_id(&s));
        let s = stmt(
            &json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "444455556666"},
            "Condition": {"StringLike": {"sts:ExternalId": "*"}}}),
        );
        assert!(!requires_external_id(&s));
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
