//! The remediation policy: what may run without a human. Read from the `[remediation]` table of
//! `posture.toml` or of a separate TOML file.
//!
//! ```toml
//! [remediation]
//! mode = "auto"                 # default "monitor": nothing runs without an approval
//! max_resources_per_run = 10    # default 10
//!
//! [[remediation.auto]]          # safe fixes that may run without an approval
//! rules = ["aws.cloudtrail.trail_log_validation_off", "aws.kms.*"]
//! accounts = ["123456789012"]   # optional; empty = any
//! regions = ["eu-west-1"]       # optional
//! tags = ["team=platform"]      # optional; every selector must match
//! ```

use std::collections::BTreeMap;

use posture_rules::engine::glob_match;
use serde::{Deserialize, Serialize};

/// Whether anything may run without an approval.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Report and plan only; every fix needs an approval (the default).
    #[default]
    Monitor,
    /// Safe fixes matched by an `[[remediation.auto]]` scope run without an approval.
    Auto,
}

/// One scope in which safe fixes run automatically.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoScope {
    /// Rule id globs.
    pub rules: Vec<String>,
    /// Accounts (empty: any).
    #[serde(default)]
    pub accounts: Vec<String>,
    /// Regions (empty: any).
    #[serde(default)]
    pub regions: Vec<String>,
    /// Tag selectors `key=value` or `key` (all must match; empty: any).
    #[serde(default)]
    pub tags: Vec<String>,
}

impl AutoScope {
    /// Whether the scope covers a rule on a resource.
    #[must_use]
    pub fn covers(&self, s: &Subject<'_>) -> bool {
        self.rules.iter().any(|p| glob_match(p, s.rule_id))
            && (self.accounts.is_empty() || self.accounts.iter().any(|a| a == s.account))
            && (self.regions.is_empty() || self.regions.iter().any(|x| x == s.region))
            && self.tags.iter().all(|sel| match sel.split_once('=') {
                Some((k, v)) => s.tags.get(k).is_some_and(|tv| tv == v),
                None => s.tags.contains_key(sel.as_str()),
            })
    }
}

/// What a policy decision is about: a rule on a resource.
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    /// Rule id.
    pub rule_id: &'a str,
    /// Account.
    pub account: &'a str,
    /// Region.
    pub region: &'a str,
    /// The resource's tags.
    pub tags: &'a BTreeMap<String, String>,
}

/// The remediation policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// `monitor` (default) or `auto`.
    #[serde(default)]
    pub mode: Mode,
    /// Most resources one `fix apply` may change; further items are left for the next run.
    #[serde(default = "default_cap")]
    pub max_resources_per_run: usize,
    /// Scopes of automatic safe fixes (used only in `auto` mode).
    #[serde(default)]
    pub auto: Vec<AutoScope>,
}

fn default_cap() -> usize {
    10
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            mode: Mode::Monitor,
            max_resources_per_run: default_cap(),
            auto: Vec::new(),
        }
    }
}

impl Policy {
    /// Parse a TOML document: its `[remediation]` table, or (without one) the whole document
    /// as the policy. `origin` names the file in errors.
    ///
    /// # Errors
    /// A message naming the file, the line and what was expected.
    pub fn parse(text: &str, origin: &str) -> Result<Policy, String> {
        let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            format!("{origin}: {}", located(text, e.span(), e.message()))
        })?;
        let (table, prefix) = match doc.get("remediation") {
            Some(toml::Value::Table(t)) => (t.clone(), "remediation."),
            Some(_) => return Err(format!("{origin}: `remediation` must be a table")),
            None if doc
                .keys()
                .any(|k| ["mode", "max_resources_per_run", "auto"].contains(&k.as_str())) =>
            {
                (doc, "")
            }
            // A posture.toml without a [remediation] table: the defaults (monitor-only).
            None => return Ok(Policy::default()),
        };
        let policy: Policy = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| format!("{origin}: [{prefix}…]: {}", e.message()))?;
        if policy.max_resources_per_run == 0 {
            return Err(format!(
                "{origin}: {prefix}max_resources_per_run must be at least 1"
            ));
        }
        for (i, s) in policy.auto.iter().enumerate() {
            if s.rules.is_empty() {
                return Err(format!(
                    "{origin}: {prefix}auto[{i}].rules is empty; name at least one rule id or glob"
                ));
            }
        }
        Ok(policy)
    }

    /// The scope that lets `rule_id` run automatically on `r`, if any.
    #[must_use]
    pub fn auto_scope(&self, subject: &Subject<'_>) -> Option<usize> {
        if self.mode != Mode::Auto {
            return None;
        }
        self.auto.iter().position(|s| s.covers(subject))
    }
}

fn located(text: &str, span: Option<std::ops::Range<usize>>, msg: &str) -> String {
    match span {
        Some(s) => {
            let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {msg}")
        }
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        p: &Policy,
        rule: &str,
        account: &str,
        region: &str,
        tags: &[(&str, &str)],
    ) -> Option<usize> {
        let tags: BTreeMap<String, String> = tags
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        p.auto_scope(&Subject {
            rule_id: rule,
            account,
            region,
            tags: &tags,
        })
    }

    #[test]
    fn defaults_are_monitor_only() {
        let p = Policy::parse("[context]\nenvironment_keys = [\"env\"]\n", "posture.toml").unwrap();
        assert_eq!(p, Policy::default());
        assert_eq!(p.mode, Mode::Monitor);
        assert_eq!(p.max_resources_per_run, 10);
        assert!(check(&p, "aws.kms.key_rotation_off", "1", "eu-west-1", &[]).is_none());
    }

    #[test]
    fn auto_scopes_match_rule_account_region_and_tags() {
        let p = Policy::parse(
            "[remediation]\nmode = \"auto\"\nmax_resources_per_run = 3\n\n[[remediation.auto]]\nrules = [\"aws.kms.*\"]\naccounts = [\"1\"]\nregions = [\"eu-west-1\"]\ntags = [\"team=platform\"]\n",
            "p.toml",
        )
        .unwrap();
        assert_eq!(p.max_resources_per_run, 3);
        let team = [("team", "platform")];
        assert_eq!(
            check(&p, "aws.kms.key_rotation_off", "1", "eu-west-1", &team),
            Some(0)
        );
        assert!(check(&p, "aws.s3.bucket_versioning_off", "1", "eu-west-1", &team).is_none());
        assert!(check(&p, "aws.kms.key_rotation_off", "2", "eu-west-1", &team).is_none());
        assert!(check(&p, "aws.kms.key_rotation_off", "1", "us-east-1", &team).is_none());
        assert!(
            check(
                &p,
                "aws.kms.key_rotation_off",
                "1",
                "eu-west-1",
                &[("team", "data")]
            )
            .is_none()
        );
        let mut monitor = p;
        monitor.mode = Mode::Monitor;
        assert!(
            check(
                &monitor,
                "aws.kms.key_rotation_off",
                "1",
                "eu-west-1",
                &team
            )
            .is_none()
        );
    }

    #[test]
    fn bad_policies_name_file_line_and_expectation() {
        let e = Policy::parse("[remediation]\nmode = \"yolo\"\n", "p.toml").unwrap_err();
        assert!(e.contains("p.toml") && e.contains("yolo"), "{e}");
        let e = Policy::parse("[remediation]\nmode = \n", "p.toml").unwrap_err();
        assert!(e.contains("p.toml: line 2"), "{e}");
        let e = Policy::parse("[remediation]\nmax_resources_per_run = 0\n", "p.toml").unwrap_err();
        assert!(e.contains("at least 1"), "{e}");
        let e = Policy::parse(
            "[remediation]\nmode = \"auto\"\n[[remediation.auto]]\nrules = []\n",
            "p.toml",
        )
        .unwrap_err();
        assert!(e.contains("auto[0].rules"), "{e}");
        let e = Policy::parse("[remediation]\nmaxx = 1\n", "p.toml").unwrap_err();
        assert!(e.contains("maxx"), "{e}");
    }
}
