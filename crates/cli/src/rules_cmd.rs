//! `posture rules list|show`.

use std::io::Write;

use anyhow::bail;
use clap::{Subcommand, ValueEnum};
use comfy_table::{Table, presets};
use posture_config::Config;
use posture_rules::Rule;

use crate::util;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
}

#[derive(Subcommand, Debug)]
pub(crate) enum RulesCommand {
    /// List rules (optionally filtered).
    List {
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value = "table")]
        format: ListFormat,
        /// Only rules matching these ids or globs (`aws.s3.*`).
        #[arg(value_name = "PATTERN")]
        patterns: Vec<String>,
    },
    /// Show everything about one rule: description, risk, remediation, permissions, test cases.
    Show {
        /// Rule id.
        id: String,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value = "table")]
        format: ListFormat,
    },
}

fn rule_json(
    r: &dyn Rule,
    controls: Option<&std::collections::BTreeMap<String, Vec<String>>>,
) -> serde_json::Value {
    let mut v = serde_json::to_value(r.meta()).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        if let Some(c) = controls {
            m.insert(
                "controls".into(),
                serde_json::to_value(c).unwrap_or_default(),
            );
        }
        m.insert(
            "kind".into(),
            serde_json::Value::String(r.kind().as_str().into()),
        );
        m.insert(
            "provider".into(),
            serde_json::Value::String(
                r.kind()
                    .provider()
                    .map(|p| p.as_str())
                    .unwrap_or_default()
                    .into(),
            ),
        );
    }
    v
}

pub(crate) fn run(cmd: &RulesCommand, config: &Config) -> anyhow::Result<u8> {
    let (mut out, tty) = util::output(None)?;
    let st = util::style(config, tty);
    match cmd {
        RulesCommand::List { format, patterns } => {
            let rules: Vec<&'static dyn Rule> = posture_rules::catalog()
                .iter()
                .copied()
                .filter(|r| {
                    patterns.is_empty()
                        || patterns
                            .iter()
                            .any(|p| posture_rules::engine::glob_match(p, r.meta().id))
                })
                .collect();
            if rules.is_empty() {
                bail!("no rule matches {}", patterns.join(", "));
            }
            match format {
                ListFormat::Json => {
                    let list: Vec<serde_json::Value> =
                        rules.iter().map(|r| rule_json(*r, None)).collect();
                    serde_json::to_writer_pretty(&mut out, &list)?;
                    writeln!(out)?;
                }
                ListFormat::Table => {
                    let mut t = Table::new();
                    t.load_preset(presets::NOTHING);
                    t.set_header(vec!["id", "severity", "kind", "fix", "title"]);
                    for r in &rules {
                        let m = r.meta();
                        t.add_row(vec![
                            m.id.to_owned(),
                            st.severity(m.severity, m.severity.as_str()),
                            r.kind().as_str().to_owned(),
                            m.fix_safety.as_str().to_owned(),
                            m.title.to_owned(),
                        ]);
                    }
                    writeln!(out, "{t}")?;
                    writeln!(out, "\n{} rules", rules.len())?;
                }
            }
        }
        RulesCommand::Show { id, format } => {
            let Some(r) = posture_rules::catalog::find(id) else {
                let close: Vec<&str> = posture_rules::catalog()
                    .iter()
                    .map(|r| r.meta().id)
                    .filter(|x| {
                        x.contains(id.as_str())
                            || id
                                .split('.')
                                .next_back()
                                .is_some_and(|tail| x.contains(tail))
                    })
                    .take(5)
                    .collect();
                if close.is_empty() {
                    bail!("no rule with id `{id}` (see `posture rules list`)");
                }
                bail!(
                    "no rule with id `{id}`; did you mean: {}?",
                    close.join(", ")
                );
            };
            let library = crate::compliance_cmd::library(
                std::env::var_os("POSTURE_FRAMEWORKS")
                    .as_deref()
                    .map(std::path::Path::new),
            )?;
            let controls = library.controls_for_rule(r.meta().id);
            match format {
                ListFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &rule_json(r, Some(&controls)))?;
                    writeln!(out)?;
                }
                ListFormat::Table => {
                    let m = r.meta();
                    writeln!(
                        out,
                        "{}  {}",
                        st.bold(m.id),
                        st.severity(m.severity, m.severity.as_str())
                    )?;
                    writeln!(out, "{}\n", m.title)?;
                    writeln!(
                        out,
                        "{} {}   {} {}",
                        st.dim("kind:"),
                        r.kind(),
                        st.dim("service:"),
                        m.service
                    )?;
                    writeln!(
                        out,
                        "{} {}\n",
                        st.dim("severity rationale:"),
                        m.severity_rationale
                    )?;
                    writeln!(out, "{}\n{}\n", st.bold("What it checks"), m.description)?;
                    writeln!(out, "{}\n{}\n", st.bold("Risk"), m.risk)?;
                    writeln!(
                        out,
                        "{}\n{}\n",
                        st.bold("Remediation"),
                        m.remediation.summary
                    )?;
                    writeln!(out, "{}\n{}\n", st.dim("CLI:"), m.remediation.cli)?;
                    writeln!(
                        out,
                        "{}\n{}\n",
                        st.dim("Terraform:"),
                        m.remediation.terraform
                    )?;
                    writeln!(out, "{}\n{}\n", st.dim("Console:"), m.remediation.console)?;
                    writeln!(
                        out,
                        "{} {} — {}\n",
                        st.bold("Fix safety:"),
                        m.fix_safety.as_str(),
                        m.fix_safety_reason
                    )?;
                    writeln!(out, "{} {}", st.bold("Reads:"), m.permissions.join(", "))?;
                    for u in m.references {
                        writeln!(out, "{} {u}", st.bold("See:"))?;
                    }
                    writeln!(
                        out,
                        "\n{} ({} frameworks)",
                        st.bold("Controls"),
                        controls.len()
                    )?;
                    if controls.is_empty() {
                        writeln!(out, "  not mapped to any framework requirement")?;
                    }
                    for (fw, reqs) in &controls {
                        writeln!(out, "  {fw:<20} {}", reqs.join(", "))?;
                    }
                    writeln!(out, "\n{} ({})", st.bold("Test cases"), m.cases.len())?;
                    for c in m.cases {
                        writeln!(
                            out,
                            "  {:<15} {}",
                            format!("{:?}", c.expect).to_lowercase(),
                            c.note
                        )?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(0)
}
