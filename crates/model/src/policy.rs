//! AWS IAM policy documents, normalized.
//!
//! AWS accepts many spellings of the same policy: `Statement` as an object or a list, `Action`
//! as a string or a list, `Principal` as `"*"` or a map of strings or lists, conditions as
//! operator → key → string-or-list. [`PolicyDocument::from_aws_json`] turns all of them into one
//! shape, so rules never deal with the variants. Analysis (is it admin, is it public) lives in the
//! rule crate; this module only parses.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A normalized policy document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyDocument {
    /// `Version` (`2012-10-17`).
    pub version: Option<String>,
    /// Statements.
    pub statements: Vec<Statement>,
}

/// `Allow` or `Deny`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Allow.
    #[default]
    Allow,
    /// Deny.
    Deny,
}

/// One normalized statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Statement {
    /// `Sid`.
    pub sid: Option<String>,
    /// `Effect`.
    pub effect: Effect,
    /// `Principal` (resource policies only).
    pub principal: Option<Principal>,
    /// `NotPrincipal`.
    pub not_principal: Option<Principal>,
    /// `Action` entries.
    pub actions: Vec<String>,
    /// `NotAction` entries.
    pub not_actions: Vec<String>,
    /// `Resource` entries.
    pub resources: Vec<String>,
    /// `NotResource` entries.
    pub not_resources: Vec<String>,
    /// Conditions, one per operator × key.
    pub conditions: Vec<Condition>,
}

/// A principal specification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Principal {
    /// `"Principal": "*"` (everyone, including anonymous).
    pub any: bool,
    /// `AWS` entries (account ids, ARNs, `*`).
    pub aws: Vec<String>,
    /// `Service` entries.
    pub service: Vec<String>,
    /// `Federated` entries.
    pub federated: Vec<String>,
    /// `CanonicalUser` entries.
    pub canonical_user: Vec<String>,
}

impl Principal {
    /// Whether the principal is everyone (`*` or `{"AWS": "*"}`).
    #[must_use]
    pub fn is_everyone(&self) -> bool {
        self.any || self.aws.iter().any(|a| a == "*")
    }
}

/// One condition: `operator` applied to `key` with `values`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Condition {
    /// Operator (`StringEquals`, `IpAddress`, `Bool`, `ForAnyValue:StringLike`, …).
    pub operator: String,
    /// Condition key (`aws:SourceIp`, …), as written.
    pub key: String,
    /// Values as strings.
    pub values: Vec<String>,
}

/// Why a policy document could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// JSON path inside the document.
    pub path: String,
    /// What was expected.
    pub message: String,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for PolicyError {}

fn err(path: impl Into<String>, message: impl Into<String>) -> PolicyError {
    PolicyError {
        path: path.into(),
        message: message.into(),
    }
}

fn string_list(v: &Value, path: &str) -> Result<Vec<String>, PolicyError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| match x {
                Value::String(s) => Ok(s.clone()),
                Value::Number(n) => Ok(n.to_string()),
                Value::Bool(b) => Ok(b.to_string()),
                _ => Err(err(format!("{path}[{i}]"), "expected a string")),
            })
            .collect(),
        Value::Number(n) => Ok(vec![n.to_string()]),
        Value::Bool(b) => Ok(vec![b.to_string()]),
        _ => Err(err(path, "expected a string or a list of strings")),
    }
}

fn principal(v: &Value, path: &str) -> Result<Principal, PolicyError> {
    match v {
        Value::String(s) if s == "*" => Ok(Principal {
            any: true,
            ..Principal::default()
        }),
        Value::String(s) => Ok(Principal {
            aws: vec![s.clone()],
            ..Principal::default()
        }),
        Value::Object(map) => {
            let mut p = Principal::default();
            for (k, val) in map {
                let list = string_list(val, &format!("{path}.{k}"))?;
                match k.as_str() {
                    "AWS" => p.aws.extend(list),
                    "Service" => p.service.extend(list),
                    "Federated" => p.federated.extend(list),
                    "CanonicalUser" => p.canonical_user.extend(list),
                    other => {
                        return Err(err(
                            format!("{path}.{other}"),
                            "expected AWS, Service, Federated or CanonicalUser",
                        ));
                    }
                }
            }
            Ok(p)
        }
        _ => Err(err(path, "expected \"*\" or an object of principal lists")),
    }
}

fn statement(v: &Value, path: &str) -> Result<Statement, PolicyError> {
    let Value::Object(map) = v else {
        return Err(err(path, "expected a statement object"));
    };
    let mut s = Statement::default();
    for (k, val) in map {
        let p = format!("{path}.{k}");
        match k.as_str() {
            "Sid" => s.sid = val.as_str().map(str::to_owned),
            "Effect" => {
                s.effect = match val.as_str() {
                    Some(e) if e.eq_ignore_ascii_case("allow") => Effect::Allow,
                    Some(e) if e.eq_ignore_ascii_case("deny") => Effect::Deny,
                    _ => return Err(err(p, "expected \"Allow\" or \"Deny\"")),
                };
            }
            "Principal" => s.principal = Some(principal(val, &p)?),
            "NotPrincipal" => s.not_principal = Some(principal(val, &p)?),
            "Action" => s.actions = string_list(val, &p)?,
            "NotAction" => s.not_actions = string_list(val, &p)?,
            "Resource" => s.resources = string_list(val, &p)?,
            "NotResource" => s.not_resources = string_list(val, &p)?,
            "Condition" => {
                let Value::Object(ops) = val else {
                    return Err(err(p, "expected an object of condition operators"));
                };
                for (op, keys) in ops {
                    let Value::Object(keys) = keys else {
                        return Err(err(
                            format!("{p}.{op}"),
                            "expected an object of condition keys",
                        ));
                    };
                    for (key, values) in keys {
                        s.conditions.push(Condition {
                            operator: op.clone(),
                            key: key.clone(),
                            values: string_list(values, &format!("{p}.{op}.{key}"))?,
                        });
                    }
                }
            }
            _ => {} // unknown keys are tolerated (AWS ignores nothing, but we must not fail on extensions)
        }
    }
    Ok(s)
}

impl PolicyDocument {
    /// Parse an AWS policy in any of its accepted spellings. A JSON string holding the document
    /// (as AWS Config and the IAM API return it, sometimes URL-encoded) is decoded first.
    ///
    /// # Errors
    /// A [`PolicyError`] naming the path inside the document and what was expected.
    pub fn from_aws_json(v: &Value) -> Result<PolicyDocument, PolicyError> {
        match v {
            Value::Null => Ok(PolicyDocument::default()),
            Value::String(s) if s.trim().is_empty() => Ok(PolicyDocument::default()),
            Value::String(s) => {
                let decoded;
                let text = if s.trim_start().starts_with('%') || s.contains("%22") {
                    decoded = percent_decode(s);
                    decoded.as_str()
                } else {
                    s.as_str()
                };
                let inner: Value = serde_json::from_str(text)
                    .map_err(|e| err("$", format!("policy text is not JSON: {e}")))?;
                PolicyDocument::from_aws_json(&inner)
            }
            Value::Object(map) => {
                let mut doc = PolicyDocument {
                    version: map
                        .get("Version")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    statements: Vec::new(),
                };
                match map.get("Statement") {
                    None | Some(Value::Null) => {}
                    Some(Value::Array(items)) => {
                        for (i, item) in items.iter().enumerate() {
                            doc.statements
                                .push(statement(item, &format!("$.Statement[{i}]"))?);
                        }
                    }
                    Some(one @ Value::Object(_)) => {
                        doc.statements.push(statement(one, "$.Statement")?);
                    }
                    Some(_) => return Err(err("$.Statement", "expected an object or a list")),
                }
                Ok(doc)
            }
            _ => Err(err(
                "$",
                "expected a policy object or a JSON string holding one",
            )),
        }
    }
}

/// Decode `%XX` escapes (IAM returns URL-encoded policy documents).
#[must_use]
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'%' && i + 2 < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn single_statement_and_string_action() {
        let d = PolicyDocument::from_aws_json(&json!({
            "Version": "2012-10-17",
            "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}
        }))
        .unwrap();
        assert_eq!(d.statements.len(), 1);
        assert_eq!(d.statements[0].actions, vec!["*"]);
    }

    #[test]
    fn string_encoded_and_url_encoded() {
        let text = r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:*"],"Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#;
        let d = PolicyDocument::from_aws_json(&json!(text)).unwrap();
        assert_eq!(d.statements[0].effect, Effect::Deny);
        assert!(d.statements[0].principal.as_ref().unwrap().is_everyone());
        assert_eq!(d.statements[0].conditions[0].values, vec!["false"]);
        let enc = "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%7D%5D%7D";
        let d2 = PolicyDocument::from_aws_json(&json!(enc)).unwrap();
        assert_eq!(d2.statements[0].actions, vec!["s3:GetObject"]);
    }

    #[test]
    fn errors_name_the_path() {
        let e = PolicyDocument::from_aws_json(&json!({"Statement": [{"Effect": "Maybe"}]}))
            .unwrap_err();
        assert_eq!(e.path, "$.Statement[0].Effect");
    }
}
