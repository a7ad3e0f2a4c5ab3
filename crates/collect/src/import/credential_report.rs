//! AWS IAM credential report importer.
//!
//! Accepted shapes:
//! * the CSV itself (`aws iam get-credential-report --query Content --output text | base64 -d`),
//! * the raw `get-credential-report` JSON (`{"Content": "<base64>", "ReportFormat": "text/csv",
//!   "GeneratedTime": …}`); the base64 is decoded here.
//!
//! Columns are found by their header name, so reordered or added columns do not matter; only
//! `user` and `arn` are required. A row whose field count differs from the header's is skipped
//! with a warning naming its line: its values cannot be matched to columns safely, and a shifted
//! `mfa_active` or `access_key_1_active` could make a rule pass wrongly.
//!
//! Mapping (value conventions as documented for the report: `true`/`false`, ISO 8601 timestamps,
//! `N/A` for "not applicable", `no_information` for "never used", `not_supported` for columns
//! that do not apply to the root user):
//! * a user row becomes an `aws.iam.user` whose uid is the `arn` column — the uid the AWS Config
//!   importer gives the same user, so [`posture_model::Inventory::normalize`] merges the two.
//!   `mfa_active` fills [`IamUser::mfa_active`]; the device list is not in the report
//!   (`mfa_devices` stays `None` with a `NotInSource` gap). Access keys get the placeholder ids
//!   `key-1` and `key-2` (the report has no key ids); a key is listed when it is active, or when
//!   it is inactive but still has a `last_rotated` time. `created` is `last_rotated` (the time the
//!   key was created or last changed). A key reported as not active with `N/A` times is not
//!   listed: whatever it is, it cannot sign requests.
//! * the `<root_account>` row becomes the account's `aws.iam.account` (uid
//!   `arn:<partition>:iam::<account>:root`, see [`IamAccount`]). `root_access_keys_present` is
//!   true when a root key is active or has a `last_rotated` time.
//! * Settings the report does not have (policies, groups, the password policy, the kind of root
//!   MFA device) stay `None` with a `NotInSource` gap. A value that cannot be read becomes an
//!   `Error` gap on its field and a warning; nothing is guessed.

use std::collections::{BTreeMap, HashMap};

use posture_model::kinds::aws::{AccessKey, IamAccount, IamUser};
use posture_model::time::parse_rfc3339;
use posture_model::{
    Config, CoverageEntry, CoverageStatus, Gap, GapReason, Inventory, Provider, Resource,
    SourceReport,
};
use serde::Deserialize;

use super::ImportError;

const FORMAT: &str = "aws-iam-credential-report";
/// Warnings kept per file; the rest are summarized in one line.
const MAX_WARNINGS: usize = 200;
/// The `user` value of the root user's row.
const ROOT_USER: &str = "<root_account>";
const NOT_IN_REPORT: &str = "not in the IAM credential report; import an AWS Config snapshot or \
     use a live scan";

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

/// Whether `text` (BOM and leading whitespace already skipped) starts with a credential report
/// header: first columns `user` and `arn`, and the `password_enabled` and `mfa_active` columns.
pub(crate) fn is_csv_header(text: &[u8]) -> bool {
    let head = text.get(..text.len().min(16 * 1024)).unwrap_or_default();
    let Some(first) = read_records(head).into_iter().next() else {
        return false;
    };
    let cols: Vec<&[u8]> = first.fields.iter().map(Vec::as_slice).collect();
    cols.len() >= 4
        && cols.first() == Some(&&b"user"[..])
        && cols.get(1) == Some(&&b"arn"[..])
        && cols.contains(&&b"password_enabled"[..])
        && cols.contains(&&b"mfa_active"[..])
}

/// Whether a JSON prefix looks like `get-credential-report` output.
pub(crate) fn is_json_shape(has: &dyn Fn(&str) -> bool) -> bool {
    has("\"Content\"") && (has("\"ReportFormat\"") || has("\"GeneratedTime\""))
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Envelope {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    report_format: Option<String>,
}

/// Import a credential report (CSV, or the API's JSON with base64 `Content`).
pub(crate) fn import(path: &str, text: &[u8]) -> Result<Inventory, ImportError> {
    if text.first() != Some(&b'{') {
        return import_csv(path, text, "");
    }
    let env: Envelope =
        serde_json::from_slice(text).map_err(|e| ImportError::json(path, "", &e))?;
    if let Some(f) = env.report_format.as_deref()
        && !f.eq_ignore_ascii_case("text/csv")
    {
        return Err(ImportError::malformed(
            path,
            "$.ReportFormat",
            format!("report format `{f}` is not supported (expected `text/csv`)"),
        ));
    }
    let Some(content) = env.content else {
        return Err(ImportError::malformed(
            path,
            "$.Content",
            "missing or null; expected the base64-encoded credential report",
        ));
    };
    let csv = decode_base64(&content)
        .map_err(|m| ImportError::malformed(path, "$.Content", format!("invalid base64: {m}")))?;
    let csv_text = skip_bom(&csv);
    if !is_csv_header(csv_text) {
        return Err(ImportError::malformed(
            path,
            "$.Content",
            "the decoded content is not a credential report (expected a CSV header starting \
             with `user,arn,` and containing `password_enabled` and `mfa_active`)",
        ));
    }
    import_csv(path, csv_text, "$.Content (decoded), ")
}

fn skip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(b)
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// One CSV record and the (1-based) line it starts on.
struct Record {
    line: usize,
    fields: Vec<Vec<u8>>,
    /// A quoting problem, when the record is not well-formed.
    problem: Option<&'static str>,
}

/// Split `text` into records (RFC 4180: `,` separators, `"`-quoted fields with `""` escapes and
/// embedded line breaks, `\n`, `\r\n` or `\r` line ends). Blank lines are dropped. Never fails:
/// a quoting problem is recorded on its record.
fn read_records(text: &[u8]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut i = 0usize;
    let mut line = 1usize;
    while i < text.len() {
        let start_line = line;
        let mut fields = Vec::new();
        let mut problem = None;
        loop {
            let mut field = Vec::new();
            if text.get(i) == Some(&b'"') {
                i += 1;
                let mut closed = false;
                while let Some(&c) = text.get(i) {
                    i += 1;
                    if c == b'"' {
                        if text.get(i) == Some(&b'"') {
                            field.push(b'"');
                            i += 1;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        if c == b'\n' {
                            line += 1;
                        }
                        field.push(c);
                    }
                }
                if !closed {
                    problem = Some("unterminated quoted field");
                }
            }
            // Unquoted content, or text after a closing quote (kept, but flagged).
            let quoted = !field.is_empty() || text.get(i.wrapping_sub(1)) == Some(&b'"');
            while let Some(&c) = text.get(i) {
                if matches!(c, b',' | b'\n' | b'\r') {
                    break;
                }
                if quoted && problem.is_none() {
                    problem = Some("text after a closing quote");
                }
                field.push(c);
                i += 1;
            }
            fields.push(field);
            match text.get(i) {
                Some(b',') => i += 1,
                Some(b'\r') => {
                    i += 1;
                    if text.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    line += 1;
                    break;
                }
                Some(b'\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        let blank = fields.len() == 1 && fields.first().is_some_and(Vec::is_empty);
        if !blank || problem.is_some() {
            out.push(Record {
                line: start_line,
                fields,
                problem,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Base64
// ---------------------------------------------------------------------------------------------

/// Decode standard, padded base64 (RFC 4648 §4); ASCII whitespace is ignored.
fn decode_base64(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut quad = [0u8; 4];
    let mut n = 0usize;
    let mut pad = 0usize;
    let mut count = 0usize;
    for (offset, c) in s.bytes().enumerate() {
        if c.is_ascii_whitespace() {
            continue;
        }
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                pad += 1;
                0
            }
            _ => {
                return Err(format!(
                    "unexpected character {} at offset {offset}",
                    describe(c)
                ));
            }
        };
        if c != b'=' && pad > 0 {
            return Err(format!("data after padding at offset {offset}"));
        }
        if pad > 2 || (c == b'=' && n < 2) {
            return Err(format!("misplaced padding at offset {offset}"));
        }
        if let Some(q) = quad.get_mut(n) {
            *q = v;
        }
        n += 1;
        count += 1;
        if n == 4 {
            let [a, b, c2, d] = quad;
            out.push((a << 2) | (b >> 4));
            if pad < 2 {
                out.push((b << 4) | (c2 >> 2));
            }
            if pad < 1 {
                out.push((c2 << 6) | d);
            }
            n = 0;
        }
    }
    if n != 0 {
        return Err(format!(
            "{count} base64 characters is not a multiple of 4 (the value looks truncated)"
        ));
    }
    Ok(out)
}

fn describe(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", char::from(b))
    } else {
        format!("byte 0x{b:02x}")
    }
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

/// A cell, classified by the report's conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cell<'a> {
    /// The column is not in this report.
    Absent,
    /// `N/A`: not applicable (no password, no key, never used).
    NotApplicable,
    /// `no_information`: never used (or not since IAM started tracking).
    NoInformation,
    /// `not_supported`: the column does not apply to this row (the root user).
    NotSupported,
    /// Any other value (may be empty).
    Value(&'a str),
}

struct Row<'a> {
    line: usize,
    prefix: &'a str,
    cols: &'a HashMap<&'a str, usize>,
    fields: Vec<&'a str>,
    gaps: Vec<Gap>,
    warnings: Vec<String>,
}

impl<'a> Row<'a> {
    fn cell(&self, name: &str) -> Cell<'a> {
        let Some(v) = self.cols.get(name).and_then(|&i| self.fields.get(i)) else {
            return Cell::Absent;
        };
        let v = v.trim();
        if v.eq_ignore_ascii_case("N/A") {
            Cell::NotApplicable
        } else if v.eq_ignore_ascii_case("no_information") {
            Cell::NoInformation
        } else if v.eq_ignore_ascii_case("not_supported") {
            Cell::NotSupported
        } else {
            Cell::Value(v)
        }
    }

    fn gap(&mut self, field: &str, reason: GapReason, detail: impl Into<String>) {
        if !self.gaps.iter().any(|g| g.field == field) {
            self.gaps.push(Gap {
                field: field.to_owned(),
                api: None,
                reason,
                detail: detail.into(),
            });
        }
    }

    /// Record an unreadable value as an `Error` gap on `field` and a warning.
    fn unreadable(&mut self, field: &str, column: &str, value: &str, expected: &str) {
        let msg = format!(
            "{}line {}: column `{column}` has `{value}`, expected {expected}; `{field}` left unset",
            self.prefix, self.line
        );
        self.gap(field, GapReason::Error, msg.clone());
        self.warnings.push(msg);
    }

    fn absent(&mut self, field: &str, column: &str) {
        self.gap(
            field,
            GapReason::NotInSource,
            format!("this credential report has no `{column}` column"),
        );
    }

    /// A `true`/`false` column; `None` (with a gap) when absent, not supported or unreadable.
    fn boolean(&mut self, column: &str, field: &str) -> Option<bool> {
        match self.cell(column) {
            Cell::Value(v) if v.eq_ignore_ascii_case("true") => Some(true),
            Cell::Value(v) if v.eq_ignore_ascii_case("false") => Some(false),
            Cell::Absent => {
                self.absent(field, column);
                None
            }
            Cell::NotSupported => {
                self.gap(
                    field,
                    GapReason::NotInSource,
                    format!("the credential report says `not_supported` for `{column}`"),
                );
                None
            }
            other => {
                let v = cell_text(other);
                self.unreadable(field, column, &v, "`true` or `false`");
                None
            }
        }
    }

    /// A timestamp column. `Ok(None)` for the documented "nothing" values (`N/A`,
    /// `no_information`, `not_supported`); `Err(())` (with a gap and a warning) when the column
    /// is absent or unreadable.
    fn time(&mut self, column: &str, field: &str) -> Result<Option<String>, ()> {
        match self.cell(column) {
            Cell::Value(v) if parse_rfc3339(v).is_some() => Ok(Some(v.to_owned())),
            Cell::NotApplicable | Cell::NoInformation | Cell::NotSupported => Ok(None),
            Cell::Absent => {
                self.absent(field, column);
                Err(())
            }
            Cell::Value(v) => {
                self.unreadable(
                    field,
                    column,
                    v,
                    "an ISO 8601 time, `N/A` or `no_information`",
                );
                Err(())
            }
        }
    }
}

fn cell_text(c: Cell<'_>) -> String {
    match c {
        Cell::Absent => String::new(),
        Cell::NotApplicable => "N/A".into(),
        Cell::NoInformation => "no_information".into(),
        Cell::NotSupported => "not_supported".into(),
        Cell::Value(v) => v.to_owned(),
    }
}

/// `(partition, account, resource)` of an IAM ARN `arn:<partition>:iam::<account>:<resource>`.
fn split_arn(arn: &str) -> Option<(&str, &str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (arn_lit, partition, service, region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let ok = arn_lit == "arn"
        && !partition.is_empty()
        && service == "iam"
        && region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && !resource.is_empty();
    ok.then_some((partition, account, resource))
}

/// What one access-key column group says.
struct KeyCols {
    /// `Some(true)` active, `Some(false)` not active, `None` unreadable.
    active: Option<bool>,
    /// `Ok(Some(t))` a time, `Ok(None)` N/A, `Err` unreadable.
    last_rotated: Result<Option<String>, ()>,
    last_used: Result<Option<String>, ()>,
}

fn key_cols(row: &mut Row<'_>, n: u8, field: &str) -> KeyCols {
    KeyCols {
        active: row.boolean(&format!("access_key_{n}_active"), field),
        last_rotated: row.time(&format!("access_key_{n}_last_rotated"), field),
        last_used: row.time(&format!("access_key_{n}_last_used_date"), field),
    }
}

fn map_user(row: &mut Row<'_>, name: &str) -> IamUser {
    let create_date = row.time("user_creation_time", "create_date").ok().flatten();
    let password_enabled = row.boolean("password_enabled", "password_enabled");
    let password_last_used = row
        .time("password_last_used", "password_last_used")
        .ok()
        .flatten();
    let mfa_active = row.boolean("mfa_active", "mfa_active");
    row.gap(
        "mfa_devices",
        GapReason::NotInSource,
        "the IAM credential report says whether MFA is active (`mfa_active`), not which devices",
    );
    // Access keys: the list is only observed when both key column groups could be read; a
    // partial list could let the key-age rule pass on the key it can see.
    let mut keys = Some(Vec::new());
    for n in 1..=2u8 {
        let k = key_cols(row, n, "access_keys");
        let exists = match (k.active, &k.last_rotated) {
            (Some(true), _) | (Some(false), Ok(Some(_)) | Err(())) => true,
            (Some(false), Ok(None)) => false,
            (None, _) => {
                keys = None;
                continue;
            }
        };
        if !exists {
            continue;
        }
        if let Some(list) = keys.as_mut() {
            list.push(AccessKey {
                id: format!("key-{n}"),
                status: if k.active == Some(true) {
                    "Active".into()
                } else {
                    "Inactive".into()
                },
                created: k.last_rotated.ok().flatten(),
                last_used: k.last_used.ok().flatten(),
            });
        }
    }
    for field in ["attached_policies", "inline_policies", "groups"] {
        row.gap(field, GapReason::NotInSource, NOT_IN_REPORT);
    }
    IamUser {
        user_name: name.to_owned(),
        create_date,
        password_enabled,
        password_last_used,
        mfa_devices: None,
        mfa_active,
        access_keys: keys,
        attached_policies: None,
        inline_policies: None,
        groups: None,
    }
}

fn map_root(row: &mut Row<'_>) -> IamAccount {
    let root_mfa_enabled = row.boolean("mfa_active", "root_mfa_enabled");
    let mut any_key = false;
    let mut unreadable = false;
    let mut last_used: Vec<String> = Vec::new();
    if let Ok(Some(t)) = row.time("password_last_used", "root_last_used") {
        last_used.push(t);
    }
    for n in 1..=2u8 {
        let k = key_cols(row, n, "root_access_keys_present");
        match (k.active, &k.last_rotated) {
            (Some(true), _) | (Some(false), Ok(Some(_))) => any_key = true,
            (Some(false), Ok(None)) => {}
            (None, _) | (Some(false), Err(())) => unreadable = true,
        }
        if let Ok(Some(t)) = k.last_used {
            last_used.push(t);
        }
    }
    // One key known to exist settles it even when the other group is unreadable.
    let present = if any_key {
        Some(true)
    } else if unreadable {
        None
    } else {
        Some(false)
    };
    let root_last_used = last_used
        .into_iter()
        .filter_map(|t| parse_rfc3339(&t).map(|s| (s, t)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, t)| t);
    row.gap("password_policy", GapReason::NotInSource, NOT_IN_REPORT);
    row.gap(
        "root_hardware_mfa",
        GapReason::NotInSource,
        "the IAM credential report says whether root MFA is active, not which kind of device",
    );
    IamAccount {
        password_policy: None,
        root_mfa_enabled,
        root_hardware_mfa: None,
        root_access_keys_present: present,
        root_last_used,
    }
}

fn import_csv(path: &str, text: &[u8], prefix: &str) -> Result<Inventory, ImportError> {
    let records = read_records(text);
    let mut records = records.into_iter();
    let header = records
        .next()
        .ok_or_else(|| ImportError::malformed(path, format!("{prefix}line 1"), "empty report"))?;
    let header_names: Vec<&str> = header
        .fields
        .iter()
        .map(|f| std::str::from_utf8(f).map(str::trim))
        .collect::<Result<_, _>>()
        .map_err(|_| {
            ImportError::malformed(
                path,
                format!("{prefix}line {}", header.line),
                "the header is not valid UTF-8",
            )
        })?;
    if header.problem.is_some()
        || header_names.first() != Some(&"user")
        || header_names.get(1) != Some(&"arn")
    {
        return Err(ImportError::malformed(
            path,
            format!("{prefix}line {}", header.line),
            "expected a credential report header starting with `user,arn,`",
        ));
    }
    let cols: HashMap<&str, usize> = header_names
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i))
        .collect();

    let mut resources = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
    let mut per_account: BTreeMap<String, u64> = BTreeMap::new();
    for rec in records {
        let at = format!("{prefix}line {}", rec.line);
        if let Some(p) = rec.problem {
            warnings.push(format!("{at}: {p}; row skipped"));
            *skipped.entry("malformed CSV row".into()).or_insert(0) += 1;
            continue;
        }
        if rec.fields.len() != header_names.len() {
            warnings.push(format!(
                "{at}: expected {} fields as in the header, found {}; row skipped (its values \
                 cannot be matched to columns)",
                header_names.len(),
                rec.fields.len()
            ));
            *skipped.entry("wrong number of fields".into()).or_insert(0) += 1;
            continue;
        }
        let Ok(fields) = rec
            .fields
            .iter()
            .map(|f| std::str::from_utf8(f))
            .collect::<Result<Vec<&str>, _>>()
        else {
            warnings.push(format!("{at}: not valid UTF-8; row skipped"));
            *skipped.entry("malformed CSV row".into()).or_insert(0) += 1;
            continue;
        };
        let mut row = Row {
            line: rec.line,
            prefix,
            cols: &cols,
            fields,
            gaps: Vec::new(),
            warnings: Vec::new(),
        };
        let user = match row.cell("user") {
            Cell::Value(v) => v.to_owned(),
            _ => String::new(),
        };
        let arn = match row.cell("arn") {
            Cell::Value(v) => v.to_owned(),
            _ => String::new(),
        };
        let Some((partition, account, resource)) = split_arn(&arn) else {
            warnings.push(format!(
                "{at}: `{arn}` is not an IAM ARN (`arn:<partition>:iam::<account>:…`); row skipped"
            ));
            *skipped.entry("no usable ARN".into()).or_insert(0) += 1;
            continue;
        };
        let (uid, name, config) = if user == ROOT_USER {
            let uid = format!("arn:{partition}:iam::{account}:root");
            (
                uid,
                account.to_owned(),
                Config::AwsIamAccount(Box::new(map_root(&mut row))),
            )
        } else if let Some(path_and_name) = resource.strip_prefix("user/") {
            let name = if user.is_empty() {
                path_and_name
                    .rsplit('/')
                    .next()
                    .unwrap_or(path_and_name)
                    .to_owned()
            } else {
                user
            };
            let cfg = Config::AwsIamUser(Box::new(map_user(&mut row, &name)));
            (arn.clone(), name, cfg)
        } else {
            warnings.push(format!(
                "{at}: `{arn}` is neither an IAM user ARN nor the root user; row skipped"
            ));
            *skipped.entry("no usable ARN".into()).or_insert(0) += 1;
            continue;
        };
        // A field that ended up observed (one readable key settles `root_access_keys_present`)
        // keeps no gap; its warning stays.
        let observed = config.to_value();
        row.gaps.retain(|g| {
            observed
                .get(&g.field)
                .is_none_or(serde_json::Value::is_null)
        });
        warnings.append(&mut row.warnings);
        *per_account.entry(account.to_owned()).or_insert(0) += 1;
        resources.push(Resource {
            uid,
            provider: Provider::Aws,
            account: account.to_owned(),
            region: "global".into(),
            name,
            tags: posture_model::Tags::new(),
            config,
            relationships: Vec::new(),
            gaps: row.gaps,
            source: path.into(),
        });
    }

    if warnings.len() > MAX_WARNINGS {
        let more = warnings.len() - MAX_WARNINGS;
        warnings.truncate(MAX_WARNINGS);
        warnings.push(format!("… and {more} more warnings not shown"));
    }
    let partial = !skipped.is_empty();
    let mut inv = Inventory::new();
    inv.coverage = per_account
        .into_iter()
        .map(|(account, n)| CoverageEntry {
            provider: "aws".into(),
            account,
            region: "global".into(),
            service: "iam".into(),
            status: if partial {
                CoverageStatus::Partial
            } else {
                CoverageStatus::Collected
            },
            reason: partial.then(|| "some credential report rows were skipped".to_owned()),
            resources: n,
            source: path.to_owned(),
        })
        .collect();
    inv.sources.push(SourceReport {
        path: path.to_owned(),
        format: FORMAT.into(),
        resources: resources.len() as u64,
        skipped,
        warnings,
        ..SourceReport::default()
    });
    inv.resources = resources;
    Ok(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        read_records(text.as_bytes())
            .into_iter()
            .map(|r| {
                r.fields
                    .into_iter()
                    .map(|f| String::from_utf8_lossy(&f).into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn csv_quoting_and_line_ends() {
        assert_eq!(
            fields("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",\n"),
            vec![
                vec!["a", "b"],
                vec!["x,1", "say \"hi\""],
                vec!["multi\nline", ""]
            ]
        );
        let recs = read_records(b"h\n\"a\nb\",c\nd\n");
        let lines: Vec<usize> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert_eq!(
            read_records(b"\"open").first().and_then(|r| r.problem),
            Some("unterminated quoted field")
        );
        assert_eq!(
            read_records(b"\"a\"b,c").first().and_then(|r| r.problem),
            Some("text after a closing quote")
        );
        assert!(
            read_records(b"\"\",x")
                .first()
                .is_some_and(|r| r.problem.is_none())
        );
        assert!(read_records(b"").is_empty());
    }

    #[test]
    fn base64_round_trips_and_rejects_truncation() {
        assert_eq!(decode_base64("aGVsbG8=").as_deref(), Ok(&b"hello"[..]));
        assert_eq!(decode_base64("aGVsbG8h").as_deref(), Ok(&b"hello!"[..]));
        assert_eq!(decode_base64("aGk=\n").as_deref(), Ok(&b"hi"[..]));
        assert_eq!(decode_base64("YQ==").as_deref(), Ok(&b"a"[..]));
        assert_eq!(decode_base64("").as_deref(), Ok(&b""[..]));
        assert!(decode_base64("aGVsbG").unwrap_err().contains("truncated"));
        assert!(decode_base64("aGV*bG8=").unwrap_err().contains("offset 3"));
        assert!(decode_base64("aG=sbG8=").is_err());
        assert!(decode_base64("a===").is_err());
        assert!(decode_base64("YQ==YQ==").is_err());
    }

    #[test]
    fn header_detection() {
        assert!(is_csv_header(
            b"user,arn,user_creation_time,password_enabled,mfa_active\n"
        ));
        assert!(!is_csv_header(b"user,arn,created\n"));
        assert!(!is_csv_header(b"name,arn,password_enabled,mfa_active\n"));
        assert!(!is_csv_header(b""));
    }

    #[test]
    fn arns() {
        assert_eq!(
            split_arn("arn:aws:iam::111122223333:user/dev/ana"),
            Some(("aws", "111122223333", "user/dev/ana"))
        );
        assert_eq!(
            split_arn("arn:aws-cn:iam::111122223333:root"),
            Some(("aws-cn", "111122223333", "root"))
        );
        assert_eq!(split_arn("arn:aws:s3:::bucket"), None);
        assert_eq!(split_arn("arn:aws:iam::12:user/x"), None);
        assert_eq!(split_arn("nope"), None);
    }
}
