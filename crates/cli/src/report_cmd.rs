//! `posture report`: render the store's current findings in any report format, the 90-day
//! evidence summary, and scan diffs.
//!
//! The store keeps, per finding, its current state (rule, resource, status, message, tags,
//! lifecycle), not the evidence or the resource configuration of every scan. So a report from
//! the store is the **current finding state as of the latest scan**: evidence is empty, and the
//! fix is re-rendered from the current rule catalog with the stored resource facts (name, uid,
//! account, region, tags; `{config.…}` placeholders stay unfilled). `posture scan --format F`
//! has the full record.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use posture_config::Config;
use posture_model::{Finding, Resource, Severity, Status};
use posture_report::Format;
use posture_report::html::HtmlOptions;
use posture_report::source::{Fix, Lifecycle, ReportMeta, StoredRow, StoredSource};
use posture_report::summary90::{DayPoint, EvidenceSummary, SeverityStats};
use posture_store::{FindingQuery, MttrGroup, SlaPolicy};

use crate::store_cmds::{open, runtime, sla};

/// Report formats (`--format`), shared with `posture scan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// CSV, one line per finding.
    Csv,
    /// OCSF 1.8.0 Detection (2004) and Compliance (2003) Findings, a JSON array.
    Ocsf,
    /// AWS Security Finding Format: JSON Lines, one BatchImportFindings batch per line.
    Asff,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML (one testcase per rule).
    Junit,
    /// Self-contained HTML report.
    Html,
    /// OSCAL assessment-results JSON.
    Oscal,
    /// FedRAMP POA&M, CSV.
    Poam,
    /// FedRAMP POA&M, XLSX workbook.
    PoamXlsx,
}

impl ReportFormat {
    pub(crate) fn format(self) -> Format {
        match self {
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Ocsf => Format::Ocsf,
            ReportFormat::Asff => Format::Asff,
            ReportFormat::Sarif => Format::Sarif,
            ReportFormat::Junit => Format::Junit,
            ReportFormat::Html => Format::Html,
            ReportFormat::Oscal => Format::Oscal,
            ReportFormat::Poam => Format::Poam,
            ReportFormat::PoamXlsx => Format::PoamXlsx,
        }
    }
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct ReportArgs {
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The scan to report on; only the latest scan can be reported (the store keeps the
    /// current state of each finding, not a snapshot per scan).
    #[arg(long, value_name = "ID")]
    pub scan: Option<i64>,
    /// Include resolved findings (CSV, POA&M closed items, …).
    #[arg(long)]
    pub include_resolved: bool,
    /// Findings listed per rule in HTML.
    #[arg(long, default_value_t = 200)]
    pub per_rule: usize,
}

#[derive(Subcommand, Debug)]
pub(crate) enum ReportCommand {
    /// Continuous-monitoring evidence: trends, zero-critical streak, MTTR, SLA adherence,
    /// coverage, exceptions and scans per day.
    Summary(SummaryArgs),
    /// New, resolved and changed findings between two scans.
    Diff(DiffArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PageFormat {
    Html,
    Json,
    Table,
}

#[derive(Args, Debug)]
pub(crate) struct SummaryArgs {
    /// Period in days.
    #[arg(long, default_value_t = 90)]
    pub days: i64,
    /// `html` or `json`.
    #[arg(long, short = 'f', value_enum, default_value = "html")]
    pub format: PageFormat,
    /// Write to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub(crate) struct DiffArgs {
    /// Earlier scan id.
    pub scan_a: i64,
    /// Later scan id.
    pub scan_b: i64,
    /// `table`, `json` or `html`.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: PageFormat,
    /// Write to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub(crate) fn run(args: &ReportArgs, config: &Config) -> anyhow::Result<u8> {
    match &args.command {
        Some(ReportCommand::Summary(a)) => summary(a, config),
        Some(ReportCommand::Diff(a)) => diff(a, config),
        None => findings(args, config),
    }
}

/// Framework id → "name version".
pub(crate) fn framework_names(library: &posture_compliance::Library) -> BTreeMap<String, String> {
    library
        .frameworks()
        .iter()
        .map(|f| (f.id.clone(), format!("{} {}", f.name, f.version)))
        .collect()
}

fn findings(args: &ReportArgs, config: &Config) -> anyhow::Result<u8> {
    let policy = sla(config)?;
    let now = crate::util::now();
    let states = if args.include_resolved {
        vec!["all".to_owned()]
    } else {
        vec!["open".to_owned(), "excepted".to_owned()]
    };
    let (scans, stored) = runtime()?.block_on(async {
        let store = open(config).await?;
        let scans = store.scans(1).await?;
        let q = FindingQuery {
            states,
            ..FindingQuery::default()
        };
        let f = store.findings(&q, &policy, now).await?;
        store.close().await;
        anyhow::Ok((scans, f))
    })?;
    let Some(latest) = scans.first() else {
        bail!("the store has no scans yet (run `posture scan` first)");
    };
    if let Some(id) = args.scan
        && id != latest.id
    {
        bail!(
            "scan {id} is not the latest scan ({}): the store keeps the current state of each finding, not a snapshot per scan; report on the latest scan, or use `posture report diff {id} {}`",
            latest.id,
            latest.id
        );
    }
    let library = crate::compliance_cmd::library(None)?;
    let controls = library.controls_by_rule();
    let catalog: Vec<&'static posture_rules::RuleMeta> =
        posture_rules::catalog().iter().map(|r| r.meta()).collect();
    let mut rows = Vec::with_capacity(stored.len());
    for s in stored {
        let status = match s.status.as_str() {
            "fail" => Status::Fail,
            "unknown" => Status::Unknown,
            "pass" => Status::Pass,
            _ => Status::NotApplicable,
        };
        let meta = catalog.iter().copied().find(|m| m.id == s.rule_id);
        let fix = match (meta, status) {
            (Some(m), Status::Fail) => {
                let mut r = Resource::placeholder();
                r.uid.clone_from(&s.resource_uid);
                r.name.clone_from(&s.resource_name);
                r.account.clone_from(&s.account);
                r.region.clone_from(&s.region);
                for (k, v) in &s.tags {
                    r.tags.insert(k.clone(), v.clone());
                }
                Some(Fix::render(m, &r))
            }
            _ => None,
        };
        let mut tags = posture_model::Tags::new();
        for (k, v) in &s.tags {
            tags.insert(k.clone(), v.clone());
        }
        rows.push(StoredRow {
            controls: controls.get(&s.rule_id).cloned().unwrap_or_default(),
            finding: Finding {
                uid: s.uid,
                rule_id: s.rule_id,
                title: s.title,
                severity: s.severity,
                status,
                message: s.message,
                evidence: Vec::new(),
                resource_uid: s.resource_uid,
                resource_name: s.resource_name,
                resource_kind: s.resource_kind,
                provider: s.provider,
                account: s.account,
                region: s.region,
            },
            tags,
            fix,
            lifecycle: Lifecycle {
                state: s.state,
                display: s.display,
                first_seen: s.first_seen,
                last_seen: s.last_seen,
                opened_at: s.opened_at,
                resolved_at: s.resolved_at,
                due_at: s.due_at,
                overdue: s.overdue,
                exception_id: s.exception_id,
            },
        });
    }
    let accounts: Vec<String> = latest
        .accounts
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    let mut by_status = BTreeMap::new();
    by_status.insert(Status::Fail, u64::try_from(latest.failed).unwrap_or(0));
    by_status.insert(Status::Unknown, u64::try_from(latest.unknown).unwrap_or(0));
    let mut src = StoredSource {
        meta: ReportMeta {
            as_of: latest.as_of,
            origin: "store",
            scan_id: Some(latest.id),
            resources: u64::try_from(latest.resources).unwrap_or(0),
            evaluations: u64::try_from(latest.evaluations).unwrap_or(0),
            by_status,
            coverage: (
                u64::try_from(latest.coverage.0).unwrap_or(0),
                u64::try_from(latest.coverage.1).unwrap_or(0),
            ),
            accounts,
            frameworks: framework_names(&library),
            postures: Vec::new(),
            notes: vec![
                "Rendered from the store: the current state of each finding as of the latest scan. The store does not keep evidence or resource configuration, so evidence is omitted and fixes are filled from the stored resource facts; `posture scan --format …` has the full record.".to_owned(),
            ],
        },
        rows,
        catalog,
    };
    src.sort();
    let (mut out, _) = crate::util::output(args.output.as_deref())?;
    let opts = HtmlOptions {
        per_rule: args.per_rule,
        title: format!("Posture report — scan {}", latest.id),
        ..HtmlOptions::default()
    };
    let note = posture_report::render(args.format.format(), &src, &opts, &mut out)?;
    out.flush()?;
    if let Some(n) = note {
        eprintln!("{n}");
    }
    Ok(0)
}

use std::io::Write as _;

fn summary(args: &SummaryArgs, config: &Config) -> anyhow::Result<u8> {
    if args.days <= 0 {
        bail!("--days must be positive");
    }
    let policy = sla(config)?;
    let now = crate::util::now();
    let since = now - args.days * 86_400;
    let windows: [(&str, i64); 4] = [
        ("24h", 86_400),
        ("7d", 7 * 86_400),
        ("30d", 30 * 86_400),
        ("90d", 90 * 86_400),
    ];
    // Production targets: accounts marked as production in `[context] account_environments`.
    let production_accounts: Vec<String> = config
        .context
        .account_environments
        .iter()
        .filter(|(_, env)| {
            matches!(
                env.trim().to_ascii_lowercase().as_str(),
                "prod" | "production" | "prd"
            )
        })
        .map(|(account, _)| account.clone())
        .collect();
    let (trends, mttr, buckets, scans, exceptions, prod_cov) = runtime()?
        .block_on(async {
            let store = open(config).await?;
            let pc = store
                .coverage_by_day(since, now, &production_accounts)
                .await?;
            let t = store.trends(args.days, &policy, now).await?;
            let m = store.mttr(MttrGroup::Severity, &policy, since, now).await?;
            // Share resolved within each window: MTTR's within-SLA share under a uniform policy.
            let mut b = Vec::new();
            for (name, secs) in windows {
                let p = SlaPolicy {
                    critical: secs,
                    high: secs,
                    medium: secs,
                    low: secs,
                };
                b.push((name, store.mttr(MttrGroup::Severity, &p, since, now).await?));
            }
            let s = store.scans(1_000_000).await?;
            let e = store.list_exceptions(now, 30).await?;
            store.close().await;
            anyhow::Ok((t, m, b, s, e, pc))
        })
        .context("reading the store")?;
    let day0 = since.div_euclid(86_400) + 1;
    let day_n = now.div_euclid(86_400);
    let mut scans_per_day: BTreeMap<String, u64> = BTreeMap::new();
    for s in scans.iter().filter(|s| s.as_of > since && s.as_of <= now) {
        *scans_per_day
            .entry(posture_report::source::date(s.as_of))
            .or_insert(0) += 1;
    }
    let by_date: BTreeMap<&str, &posture_store::TrendDay> =
        trends.days.iter().map(|d| (d.date.as_str(), d)).collect();
    let daily: Vec<DayPoint> = (day0..=day_n)
        .map(|d| {
            let date = posture_report::source::date(d * 86_400);
            let t = by_date.get(date.as_str());
            DayPoint {
                scans: scans_per_day.get(&date).copied().unwrap_or(0),
                open: t.map(|t| t.open.clone()),
                coverage: t.and_then(|t| t.coverage).map(|c| c * 100.0),
                #[allow(clippy::cast_precision_loss)]
                coverage_production: prod_cov
                    .get(&date)
                    .filter(|(_, total)| *total > 0)
                    .map(|(ok, total)| *ok as f64 * 100.0 / *total as f64),
                date,
            }
        })
        .collect();
    let sla_text = |s: Severity| -> Option<String> {
        policy.for_severity(s).map(|secs| {
            if secs % 86_400 == 0 {
                format!("{}d", secs / 86_400)
            } else {
                format!("{}h", secs / 3600)
            }
        })
    };
    let severities: Vec<SeverityStats> = Severity::ALL_DESC
        .iter()
        .map(|s| {
            let key = s.as_str();
            let m = mttr.iter().find(|r| r.key == key);
            SeverityStats {
                severity: key.to_owned(),
                resolved: m.map_or(0, |m| u64::try_from(m.resolved).unwrap_or(0)),
                mttr_hours: m.map(|m| m.mean_hours),
                median_hours: m.map(|m| m.median_hours),
                within_sla: m.map(|m| m.within_sla * 100.0),
                within: buckets
                    .iter()
                    .filter_map(|(name, rows)| {
                        rows.iter()
                            .find(|r| r.key == key)
                            .map(|r| ((*name).to_owned(), r.within_sla * 100.0))
                    })
                    .collect(),
                sla: sla_text(*s),
            }
        })
        .collect();
    let active = exceptions
        .iter()
        .filter(|e| {
            e.state == posture_store::ExceptionState::Approved
                && e.expires_at.is_none_or(|x| x > now)
        })
        .count() as u64;
    let expired = exceptions
        .iter()
        .filter(|e| {
            e.state == posture_store::ExceptionState::Expired
                || (e.state == posture_store::ExceptionState::Approved
                    && e.expires_at.is_some_and(|x| x <= now))
        })
        .count() as u64;
    let pending = exceptions
        .iter()
        .filter(|e| e.state == posture_store::ExceptionState::Requested)
        .count() as u64;
    let mut s = EvidenceSummary {
        days: args.days,
        from: posture_report::source::date(day0 * 86_400),
        to: posture_report::source::date(now),
        daily,
        severities,
        exceptions_active: active,
        exceptions_expired: expired,
        exceptions_pending: pending,
        overdue_now: trends.overdue_now,
        notes: if production_accounts.is_empty() {
            vec!["Production coverage is not shown: mark production accounts in `[context] account_environments` (e.g. `\"111122223333\" = \"prod\"`).".to_owned()]
        } else {
            Vec::new()
        },
        production_accounts,
        ..EvidenceSummary::default()
    };
    s.derive();
    let (mut out, _) = crate::util::output(args.output.as_deref())?;
    match args.format {
        PageFormat::Json => posture_report::summary90::write_json(&s, &mut out)?,
        PageFormat::Html | PageFormat::Table => {
            posture_report::summary90::write_html(&s, &mut out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn diff(args: &DiffArgs, config: &Config) -> anyhow::Result<u8> {
    let (d, scans) = runtime()?.block_on(async {
        let store = open(config).await?;
        let d = store.diff(args.scan_a, args.scan_b).await;
        let s = store.scans(1_000_000).await;
        store.close().await;
        anyhow::Ok((d?, s?))
    })?;
    let when = |id: i64| {
        scans
            .iter()
            .find(|s| s.id == id)
            .map(|s| posture_report::source::rfc3339(s.as_of))
            .unwrap_or_default()
    };
    let conv = |v: Vec<posture_store::DiffEntry>| -> Vec<posture_report::diff::DiffItem> {
        v.into_iter()
            .map(|e| posture_report::diff::DiffItem {
                uid: e.uid,
                rule_id: e.rule_id,
                severity: e.severity,
                resource_uid: e.resource_uid,
                account: e.account,
                before: e.before,
                after: e.after,
            })
            .collect()
    };
    let r = posture_report::diff::DiffReport {
        from: d.from,
        to: d.to,
        from_as_of: when(d.from),
        to_as_of: when(d.to),
        new: conv(d.new),
        resolved: conv(d.resolved),
        changed: conv(d.changed),
    };
    let (mut out, _) = crate::util::output(args.output.as_deref())?;
    match args.format {
        PageFormat::Json => posture_report::diff::write_json(&r, &mut out)?,
        PageFormat::Html => posture_report::diff::write_html(&r, &mut out)?,
        PageFormat::Table => posture_report::diff::write_table(&r, &mut out)?,
    }
    out.flush()?;
    Ok(0)
}
