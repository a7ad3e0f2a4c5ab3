//! Importers for offline exports, with format detection by content.

mod aws_config;
mod azure_rg;
mod credential_report;
mod gcp_cai;
mod native;

use std::io::Read;
use std::path::{Path, PathBuf};

use posture_model::{CoverageEntry, CoverageStatus, Inventory, SourceReport};
use rayon::prelude::*;

/// The input formats Posture reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// An AWS Config snapshot or history file (`{"configurationItems": [...]}`), also gzipped.
    AwsConfigSnapshot,
    /// AWS Config API output (`GetResourceConfigHistory`, `BatchGetResourceConfig`):
    /// `configuration` as a JSON string, under `configurationItems`, `baseConfigurationItems`,
    /// or a bare array.
    AwsConfigApi,
    /// `aws configservice select-resource-config` output (`Results` is a list of JSON strings).
    AwsConfigSelect,
    /// Azure Resource Graph query output (bare array or `{count, data, skip_token}`).
    AzureResourceGraph,
    /// GCP Cloud Asset Inventory export (JSON lines, snake_case or camelCase) or a JSON array of assets.
    GcpAssetInventory,
    /// Posture's own inventory JSON.
    PostureInventory,
    /// The AWS IAM credential report: the CSV, or the raw `get-credential-report` JSON whose
    /// `Content` is the base64-encoded CSV.
    AwsCredentialReport,
}

impl Format {
    /// Stable id used in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::AwsConfigSnapshot => "aws-config-snapshot",
            Format::AwsConfigApi => "aws-config-api",
            Format::AwsConfigSelect => "aws-config-select",
            Format::AzureResourceGraph => "azure-resource-graph",
            Format::GcpAssetInventory => "gcp-asset-inventory",
            Format::PostureInventory => "posture-inventory",
            Format::AwsCredentialReport => "aws-iam-credential-report",
        }
    }
}

/// Why an input could not be imported. Always names the file, where in it, and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read file: {source}")]
    Io {
        /// File.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// The content is not in any format Posture knows.
    #[error("{path}: unrecognized format: {reason}")]
    UnknownFormat {
        /// File.
        path: String,
        /// What was seen and what was expected.
        reason: String,
    },
    /// The content is malformed at a known location.
    #[error("{path}: {location}: {message}")]
    Malformed {
        /// File.
        path: String,
        /// `line 12, column 4`, `$.configurationItems[3].configuration`, or `line 7` (JSON lines).
        location: String,
        /// What was expected.
        message: String,
    },
}

impl ImportError {
    pub(crate) fn malformed(
        path: &str,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> ImportError {
        ImportError::Malformed {
            path: path.to_owned(),
            location: location.into(),
            message: message.into(),
        }
    }

    /// Turn a `serde_json` parse error into a located error.
    pub(crate) fn json(path: &str, prefix: &str, e: &serde_json::Error) -> ImportError {
        let location = if e.line() > 0 {
            if prefix.is_empty() {
                format!("line {}, column {}", e.line(), e.column())
            } else {
                format!("{prefix} (line {}, column {})", e.line(), e.column())
            }
        } else {
            prefix.to_owned()
        };
        let message = match e.classify() {
            serde_json::error::Category::Eof => {
                "unexpected end of input (the file looks truncated)".to_owned()
            }
            serde_json::error::Category::Syntax => format!("invalid JSON: {e}"),
            serde_json::error::Category::Data => format!("unexpected content: {e}"),
            serde_json::error::Category::Io => format!("read error: {e}"),
        };
        ImportError::malformed(path, location, strip_position(&message))
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Limits that protect against hostile input.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Largest input accepted after decompression, in bytes.
    pub max_bytes: u64,
    /// Deepest JSON nesting accepted (serde_json itself stops at 128).
    pub max_depth: usize,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            max_bytes: 4 << 30,
            max_depth: 128,
        }
    }
}

/// Detect the format of (already decompressed) content.
///
/// # Errors
/// [`ImportError::UnknownFormat`] describing what was seen.
pub fn detect(path: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    let text = skip_bom_and_ws(bytes);
    let unknown = |reason: String| ImportError::UnknownFormat {
        path: path.to_owned(),
        reason,
    };
    let Some(&first) = text.first() else {
        return Err(unknown("the file is empty".into()));
    };
    // Look at a bounded prefix for distinctive keys; cheap and good enough to route.
    let head = &text[..text.len().min(64 * 1024)];
    let has = |needle: &str| memfind(head, needle.as_bytes());
    match first {
        b'{' => {
            // JSON lines of GCP assets start with an object too: a newline followed by `{` after
            // the first complete line, or asset keys, tell them apart.
            if has("\"asset_type\"") || has("\"assetType\"") {
                return Ok(Format::GcpAssetInventory);
            }
            if has("\"format\"") && has("\"posture-inventory\"") {
                return Ok(Format::PostureInventory);
            }
            if has("\"QueryInfo\"") || (has("\"Results\"") && has("\"SelectFields\"")) {
                return Ok(Format::AwsConfigSelect);
            }
            if has("\"configurationItems\"")
                || has("\"baseConfigurationItems\"")
                || has("\"configurationItem\"")
            {
                return Ok(if string_configuration(head) {
                    Format::AwsConfigApi
                } else {
                    Format::AwsConfigSnapshot
                });
            }
            if (has("\"data\"")
                && (has("\"skip_token\"")
                    || has("\"skipToken\"")
                    || has("\"count\"")
                    || has("\"totalRecords\"")))
                || (has("\"subscriptionId\"") && has("\"type\""))
            {
                return Ok(Format::AzureResourceGraph);
            }
            if credential_report::is_json_shape(&has) {
                return Ok(Format::AwsCredentialReport);
            }
            Err(unknown(
                "a JSON object without `configurationItems`, `Results`, `data`, `asset_type`, `Content` or `format: posture-inventory`; \
                 expected an AWS Config snapshot, AWS Config query output, Azure Resource Graph output, \
                 a GCP Cloud Asset Inventory export, IAM credential report output or a Posture inventory".into(),
            ))
        }
        b'[' => {
            if has("\"asset_type\"") || has("\"assetType\"") {
                return Ok(Format::GcpAssetInventory);
            }
            if has("\"resourceType\"") && (has("\"AWS::") || has("\"configuration\"")) {
                return Ok(if string_configuration(head) {
                    Format::AwsConfigApi
                } else {
                    Format::AwsConfigSnapshot
                });
            }
            if has("\"subscriptionId\"")
                || has("\"microsoft.")
                || has("\"Microsoft.")
                || text
                    .iter()
                    .take(16)
                    .filter(|b| !b.is_ascii_whitespace())
                    .count()
                    == 2
            {
                return Ok(Format::AzureResourceGraph);
            }
            Err(unknown(
                "a JSON array whose items are neither AWS Config items (`resourceType`), Azure Resource Graph rows \
                 (`subscriptionId`, `type`) nor GCP assets (`asset_type`)".into(),
            ))
        }
        _ if credential_report::is_csv_header(text) => Ok(Format::AwsCredentialReport),
        _ => Err(unknown(format!(
            "expected JSON (an object, an array or JSON lines), gzip or an IAM credential report \
             CSV (header `user,arn,…`), found {}",
            describe_byte(first)
        ))),
    }
}

fn describe_byte(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", char::from(b))
    } else {
        format!("byte 0x{b:02x}")
    }
}

/// Whether AWS Config items in this prefix carry `configuration` as a JSON string.
fn string_configuration(head: &[u8]) -> bool {
    let key = b"\"configuration\"";
    let Some(pos) = find_pos(head, key) else {
        return false;
    };
    let rest = &head[pos + key.len()..];
    let rest = skip_bom_and_ws(rest);
    let rest = rest.strip_prefix(b":").map_or(rest, skip_bom_and_ws);
    rest.first() == Some(&b'"')
}

fn skip_bom_and_ws(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(b);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

fn memfind(hay: &[u8], needle: &[u8]) -> bool {
    find_pos(hay, needle).is_some()
}

fn find_pos(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read a file, decompressing gzip when the content starts with the gzip magic bytes.
///
/// # Errors
/// I/O errors, a corrupt gzip stream, or content over `opts.max_bytes`.
pub fn read_input(path: &Path, opts: &ImportOptions) -> Result<Vec<u8>, ImportError> {
    let p = path.display().to_string();
    let raw = std::fs::read(path).map_err(|source| ImportError::Io {
        path: p.clone(),
        source,
    })?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len().saturating_mul(8));
        let mut dec = flate2::read::MultiGzDecoder::new(&raw[..]).take(opts.max_bytes + 1);
        dec.read_to_end(&mut out).map_err(|e| {
            ImportError::malformed(
                &p,
                "gzip stream",
                format!("cannot decompress: {e} (the file looks truncated or corrupt)"),
            )
        })?;
        if out.len() as u64 > opts.max_bytes {
            return Err(ImportError::malformed(
                &p,
                "gzip stream",
                format!("decompresses to more than {} bytes", opts.max_bytes),
            ));
        }
        return Ok(out);
    }
    if raw.len() as u64 > opts.max_bytes {
        return Err(ImportError::malformed(
            &p,
            "file",
            format!("larger than {} bytes", opts.max_bytes),
        ));
    }
    Ok(raw)
}

/// Import content already in memory. `path` is used in messages and as the resources' `source`.
///
/// # Errors
/// When the content cannot be recognized or is malformed as a whole. Problems with single items
/// become warnings and gaps in the returned inventory's source report instead.
pub fn import_bytes(
    path: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Inventory, ImportError> {
    let format = detect(path, bytes)?;
    import_as(path, bytes, format, opts)
}

/// Import content already in memory as `format`, without detection (the live collectors feed
/// API responses through the importers this way, so both paths normalize identically).
///
/// # Errors
/// As [`import_bytes`].
pub fn import_as(
    path: &str,
    bytes: &[u8],
    format: Format,
    opts: &ImportOptions,
) -> Result<Inventory, ImportError> {
    let text = skip_bom_and_ws(bytes);
    check_depth(path, text, opts.max_depth)?;
    let mut inv = match format {
        Format::AwsConfigSnapshot | Format::AwsConfigApi | Format::AwsConfigSelect => {
            aws_config::import(path, text, format)?
        }
        Format::AzureResourceGraph => azure_rg::import(path, text)?,
        Format::GcpAssetInventory => gcp_cai::import(path, text)?,
        Format::PostureInventory => native::import(path, text)?,
        Format::AwsCredentialReport => credential_report::import(path, text)?,
    };
    for s in &mut inv.sources {
        if s.format.is_empty() {
            s.format = format.as_str().to_owned();
        }
    }
    // One shared copy of the path for every resource of this input.
    let shared: std::sync::Arc<str> = std::sync::Arc::from(path);
    for r in &mut inv.resources {
        if *r.source == *path {
            r.source = std::sync::Arc::clone(&shared);
        }
    }
    Ok(inv)
}

/// Reject nesting deeper than `max` before parsing (hostile input), naming the line.
fn check_depth(path: &str, text: &[u8], max: usize) -> Result<(), ImportError> {
    // Hot on large inputs (it reads every byte before the parser does): string contents, the
    // bulk of a JSON document, are skipped eight bytes at a time, and lines are only counted
    // when there is an error to report.
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(&b) = text.get(i) {
        match b {
            b'"' => i = string_end(text, i + 1),
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    let line = 1 + text
                        .get(..i)
                        .unwrap_or_default()
                        .iter()
                        .filter(|&&c| c == b'\n')
                        .count();
                    return Err(ImportError::malformed(
                        path,
                        format!("line {line}"),
                        format!("JSON nested deeper than {max} levels"),
                    ));
                }
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Index just past the closing quote of the string whose content starts at `i` (or the end of
/// `text` when it is unterminated). Escapes are honored.
fn string_end(text: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has = |w: u64, c: u8| {
        let x = w ^ (ONES * u64::from(c));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    loop {
        // Skip whole words that contain neither a quote nor a backslash.
        while let Some(chunk) = text.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            if has(w, b'"') | has(w, b'\\') != 0 {
                break;
            }
            i += 8;
        }
        match text.get(i) {
            None => return text.len(),
            Some(b'"') => return i + 1,
            Some(b'\\') => i += 2,
            Some(_) => i += 1,
        }
    }
}

/// Expand directories (recursively, sorted) into files; skip hidden files. The flag says whether
/// the file was found by walking a directory (`true`) rather than named explicitly.
fn expand(paths: &[PathBuf], walked: bool) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            entries.retain(|e| {
                !e.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            });
            entries.sort();
            out.extend(expand(&entries, true));
        } else {
            out.push((p.clone(), walked));
        }
    }
    out
}

/// The files [`import_paths`] reads for `paths`: directories walked recursively in name order,
/// hidden entries skipped (used to size progress bars).
#[must_use]
pub fn input_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    expand(paths, false).into_iter().map(|(p, _)| p).collect()
}

/// Whether content could be an export at all: gzip, text starting like JSON, or an IAM
/// credential report CSV.
fn looks_like_export(bytes: &[u8]) -> bool {
    let text = skip_bom_and_ws(bytes);
    bytes.starts_with(&[0x1f, 0x8b])
        || matches!(text.first(), Some(b'{' | b'['))
        || credential_report::is_csv_header(text)
}

/// Import every file under `paths` (directories are walked), in parallel. A file that fails is
/// reported in the inventory's `sources` (with `error` set) and as a failed coverage entry;
/// every other file is still imported. `on_file` is called after each file (for progress).
#[must_use]
pub fn import_paths(
    paths: &[PathBuf],
    opts: &ImportOptions,
    on_file: &(dyn Fn(&Path) + Sync),
) -> Inventory {
    let files = expand(paths, false);
    let parts: Vec<Inventory> = files
        .par_iter()
        .with_max_len(1)
        .map(|(f, walked)| {
            let p = f.display().to_string();
            let result = read_input(f, opts).and_then(|bytes| {
                // Files met while walking a directory that are not an export at all (READMEs,
                // notes) are listed as skipped, not as failed inputs; a file named explicitly
                // must import.
                if *walked && !looks_like_export(&bytes) {
                    let mut inv = Inventory::new();
                    inv.sources.push(SourceReport {
                        path: p.clone(),
                        format: "not-an-export".into(),
                        bytes: bytes.len() as u64,
                        skipped: std::iter::once((
                            "not JSON, gzip or an IAM credential report".to_owned(),
                            1,
                        ))
                        .collect(),
                        ..SourceReport::default()
                    });
                    return Ok(inv);
                }
                let mut inv = import_bytes(&p, &bytes, opts)?;
                for s in &mut inv.sources {
                    s.bytes = bytes.len() as u64;
                }
                Ok(inv)
            });
            on_file(f);
            match result {
                Ok(inv) => inv,
                Err(e) => failed_input(&p, &e),
            }
        })
        .collect();
    // Reserve exactly: growing a vector of a million resources by doubling would copy it
    // repeatedly and hold two copies at once.
    let mut inv = Inventory::new();
    inv.resources
        .reserve_exact(parts.iter().map(|p| p.resources.len()).sum());
    for p in parts {
        inv.merge(p);
    }
    // A missing path is not a directory and fails to read above; nothing else to do.
    inv.normalize();
    inv
}

/// The inventory fragment recording a failed input.
#[must_use]
pub fn failed_input(path: &str, e: &ImportError) -> Inventory {
    let mut inv = Inventory::new();
    inv.sources.push(SourceReport {
        path: path.to_owned(),
        error: Some(e.to_string()),
        ..SourceReport::default()
    });
    inv.coverage.push(CoverageEntry {
        provider: String::new(),
        account: "*".into(),
        region: "*".into(),
        service: "*".into(),
        status: CoverageStatus::Failed,
        reason: Some(e.to_string()),
        resources: 0,
        source: path.to_owned(),
    });
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(
            detect(
                "x",
                br#"{"fileVersion":"1.0","configurationItems":[{"configuration":{}}]}"#
            )
            .unwrap(),
            Format::AwsConfigSnapshot
        );
        assert_eq!(
            detect("x", br#"{"configurationItems":[{"configuration":"{}"}]}"#).unwrap(),
            Format::AwsConfigApi
        );
        assert_eq!(
            detect("x", br#"{"QueryInfo":{"SelectFields":[]},"Results":[]}"#).unwrap(),
            Format::AwsConfigSelect
        );
        assert_eq!(
            detect("x", br#"{"count":0,"data":[],"skip_token":null}"#).unwrap(),
            Format::AzureResourceGraph
        );
        assert_eq!(detect("x", br#"[{"id":"/subscriptions/x","type":"microsoft.storage/storageaccounts","subscriptionId":"x"}]"#).unwrap(), Format::AzureResourceGraph);
        assert_eq!(detect("x", b"{\"name\":\"//storage.googleapis.com/b\",\"asset_type\":\"storage.googleapis.com/Bucket\"}\n").unwrap(), Format::GcpAssetInventory);
        assert_eq!(
            detect(
                "x",
                br#"{"format":"posture-inventory","version":1,"resources":[]}"#
            )
            .unwrap(),
            Format::PostureInventory
        );
        assert_eq!(
            detect(
                "x",
                b"\xEF\xBB\xBFuser,arn,user_creation_time,password_enabled,mfa_active\n"
            )
            .unwrap(),
            Format::AwsCredentialReport
        );
        assert_eq!(
            detect(
                "x",
                br#"{"Content":"dXNlcg==","ReportFormat":"text/csv","GeneratedTime":"2026-11-27T06:00:00+00:00"}"#
            )
            .unwrap(),
            Format::AwsCredentialReport
        );
        assert!(detect("x", b"user,name,created\n").is_err());
        assert!(looks_like_export(
            b"user,arn,password_enabled,mfa_active\r\n"
        ));
        assert!(!looks_like_export(b"# Sample estate\n"));
        assert!(detect("x", b"").is_err());
        assert!(detect("x", b"hello").is_err());
        assert!(detect("x", br#"{"a":1}"#).is_err());
    }

    #[test]
    fn depth_scan_ignores_strings_and_honors_escapes() {
        // Brackets inside strings (also after escaped quotes and backslashes) do not count.
        let inside = format!(
            "[\"{}\", \"a\\\"{}\", \"b\\\\\", \"{}\"]",
            "[".repeat(300),
            "{".repeat(300),
            "[".repeat(300)
        );
        assert!(check_depth("f", inside.as_bytes(), 2).is_ok(), "{inside}");
        // An escaped backslash ends the escape: the quote after it closes the string.
        let after = format!("[\"x\\\\\"{}", "[".repeat(3));
        assert!(check_depth("f", after.as_bytes(), 3).is_err());
        // Lines are counted up to the offending bracket.
        let e = check_depth("f.json", b"{\n \"a\": \"\\n[[[\",\n \"b\": [[[[]]]]}", 3)
            .expect_err("too deep");
        assert!(e.to_string().contains("f.json: line 3"), "{e}");
        // Unterminated strings and lone escapes at the end are fine.
        assert!(check_depth("f", b"[\"abc\\", 2).is_ok());
        assert!(check_depth("f", b"\"0123456789abcdef", 2).is_ok());
    }

    #[test]
    fn depth_limit_names_the_line() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = check_depth("f.json", deep.as_bytes(), 128).unwrap_err();
        assert!(e.to_string().contains("f.json: line 1"), "{e}");
    }
}
