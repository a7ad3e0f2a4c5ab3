//! Store commands: `findings`, `scans`, `diff`, `exceptions`, `baseline`, `audit`, `trends`,
//! and the recording step of `posture scan`.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use posture_config::Config;
use posture_model::Severity;
use posture_model::time::format_rfc3339;
use posture_store::{
    ExceptionFile, FindingQuery, FindingSort, MttrGroup, NewException, Reason, RiskFactor,
    RiskRecord, Scope, SlaPolicy, Store, StoredFinding,
};

/// Default number of scans after which an unmatched approved exception is stale.
const STALE_SCANS: i64 = 5;

/// The database to use: `--database` / `POSTURE_DATABASE` (already folded into the config), then
/// `[store] database`, then the default SQLite file. The flag says whether it was chosen.
pub(crate) fn database(config: &Config) -> (String, bool) {
    match &config.store.database {
        Some(d) if !d.trim().is_empty() => (d.clone(), true),
        _ => (default_database().display().to_string(), false),
    }
}

/// `$XDG_DATA_HOME/posture/posture.db`, else `~/.local/share/posture/posture.db`, else
/// `./posture.db`.
pub(crate) fn default_database() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(x).join("posture").join("posture.db");
    }
    if let Some(h) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(h).join(".local/share/posture/posture.db");
    }
    PathBuf::from("posture.db")
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

pub(crate) fn sla(config: &Config) -> anyhow::Result<SlaPolicy> {
    let d = |key: &str, v: &str| -> anyhow::Result<i64> {
        let secs =
            posture_config::parse_duration(v).map_err(|e| anyhow::anyhow!("sla.{key}: {e}"))?;
        Ok(i64::try_from(secs).unwrap_or(i64::MAX))
    };
    Ok(SlaPolicy {
        critical: d("critical", &config.sla.critical)?,
        high: d("high", &config.sla.high)?,
        medium: d("medium", &config.sla.medium)?,
        low: d("low", &config.sla.low)?,
    })
}

fn stale_after(config: &Config) -> i64 {
    config
        .store
        .stale_exception_scans
        .map_or(STALE_SCANS, |n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// Who is acting: `--actor`, else `$USER`, else `unknown`.
fn actor(given: Option<&str>) -> String {
    given
        .map(str::to_owned)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

pub(crate) async fn open(config: &Config) -> anyhow::Result<Store> {
    let (url, _) = database(config);
    Store::open(&url).await.with_context(|| {
        format!(
            "cannot open the store at {}",
            posture_store::redact_url(&url)
        )
    })
}

fn date(t: i64) -> String {
    format_rfc3339(t).get(..10).unwrap_or_default().to_owned()
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

// ---------------------------------------------------------------------------------------------
// posture scan → store

/// The scan's risk scores (parallel to `evaluation.outcomes`) as the store records them, with the
/// exposure path of each finding's resource on its exposure factor.
fn risk_records(
    evaluation: &posture_rules::Evaluation,
    scores: &posture_risk::Scores<'_>,
    analysis: &posture_risk::Analysis,
) -> Vec<Option<RiskRecord>> {
    evaluation
        .outcomes
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let score = scores.get(n)?;
            let factors = score
                .factors
                .iter()
                .map(|f| RiskFactor {
                    name: f.name.to_owned(),
                    level: f.level.clone(),
                    value: f.value,
                    weight: f.weight,
                    multiplier: f.multiplier,
                    points: f.points,
                    detail: f.detail.clone(),
                    path: if f.name == "exposure" {
                        match analysis.exposure(o.resource as usize) {
                            posture_risk::Exposure::Internet { path } => path.clone(),
                            posture_risk::Exposure::Internal { reason } => vec![reason.clone()],
                            posture_risk::Exposure::Unknown { missing } => missing.clone(),
                            posture_risk::Exposure::NotNetworked => Vec::new(),
                        }
                    } else {
                        Vec::new()
                    },
                })
                .collect();
            Some(RiskRecord {
                score: score.score,
                factors,
            })
        })
        .collect()
}

/// Record an evaluated scan with its risk scores (`scores` parallel to `evaluation.outcomes`, as
/// `posture_risk::score_evaluation` returns them). Errors are fatal when the database was chosen
/// explicitly, warnings for the implicit default (a read-only home must not break an offline
/// scan).
pub(crate) fn record_scan(
    config: &Config,
    inventory: &posture_model::Inventory,
    evaluation: &posture_rules::Evaluation,
    scores: &posture_risk::Scores<'_>,
    analysis: &posture_risk::Analysis,
    as_of: i64,
) -> anyhow::Result<()> {
    let (url, explicit) = database(config);
    let result = (|| -> anyhow::Result<posture_store::ScanSummary> {
        let sla = sla(config)?;
        let rt = runtime()?;
        rt.block_on(async {
            let store = Store::open(&url).await?;
            let input = posture_store::ScanInput::from_evaluation(inventory, evaluation, as_of)
                .with_risks(risk_records(evaluation, scores, analysis));
            let opts = posture_store::RecordOptions {
                actor: actor(None),
                sla,
                ..posture_store::RecordOptions::default()
            };
            let s = store.record_scan(&input, &opts).await?;
            store.close().await;
            Ok(s)
        })
    })();
    match result {
        Ok(s) => {
            eprintln!(
                "posture: recorded scan #{} in {}: {} new, {} resolved, {} reopened; {} open ({} excepted, {} not in baseline){}",
                s.scan_id,
                posture_store::redact_url(&url),
                s.new,
                s.resolved,
                s.reopened,
                s.open,
                s.excepted,
                s.not_in_baseline,
                if s.held_open > 0 {
                    format!(
                        "; {} kept open: not observed (coverage gap or rule not run)",
                        s.held_open
                    )
                } else {
                    String::new()
                }
            );
            Ok(())
        }
        Err(e) if explicit => Err(e.context(format!(
            "cannot record the scan in {}",
            posture_store::redact_url(&url)
        ))),
        Err(e) => {
            eprintln!(
                "posture: warning: scan not recorded in {}: {e:#} (use --no-store to skip)",
                posture_store::redact_url(&url)
            );
            Ok(())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// posture findings

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum StateArg {
    Open,
    Excepted,
    New,
    Reopened,
    Resolved,
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SortArg {
    /// Highest risk score first (unscored last); ties by severity, then age.
    Risk,
    /// Highest severity first, then oldest.
    Severity,
    /// Oldest first.
    Age,
    /// Earliest SLA due date first (overdue ones lead).
    Due,
    /// Most recently seen first.
    LastSeen,
}

#[derive(Args, Debug)]
pub(crate) struct FindingsArgs {
    /// Lifecycle states to list (default open; `excepted` lists findings under an exception).
    #[arg(long, value_enum, value_delimiter = ',')]
    status: Vec<StateArg>,
    /// Severities.
    #[arg(long, value_delimiter = ',', value_parser = parse_severity)]
    severity: Vec<Severity>,
    /// Rule ids or globs.
    #[arg(long, value_delimiter = ',')]
    rule: Vec<String>,
    /// Accounts, subscriptions or projects.
    #[arg(long, value_delimiter = ',')]
    account: Vec<String>,
    /// Tag selectors `key` or `key=value` (all must match).
    #[arg(long)]
    tag: Vec<String>,
    /// Only rules mapped to this compliance framework (id, e.g. `cis-aws-3.0`).
    #[arg(long)]
    framework: Option<String>,
    /// Open for at least this long (`7d`, `24h`).
    #[arg(long, value_name = "DURATION")]
    age: Option<String>,
    /// Only findings past their SLA due date.
    #[arg(long)]
    overdue: bool,
    /// Only findings not in the baseline (what is new since `posture baseline set`).
    #[arg(long, conflicts_with = "baseline")]
    new_only: bool,
    /// Only findings in the baseline.
    #[arg(long)]
    baseline: bool,
    /// Sort order.
    #[arg(long, value_enum, default_value = "risk")]
    sort: SortArg,
    /// Show each finding's risk score with every factor's multiplier and points, and the
    /// exposure path (JSON output always carries `risk` and `risk_factors`).
    #[arg(long)]
    explain: bool,
    /// At most this many (0 = all).
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

pub(crate) fn findings(args: &FindingsArgs, config: &Config) -> anyhow::Result<u8> {
    let sla = sla(config)?;
    let rule_ids = match &args.framework {
        None => None,
        Some(id) => {
            let lib = posture_compliance::Library::builtin().map_err(|e| anyhow::anyhow!("{e}"))?;
            let Some(fw) = lib.get(id) else {
                let ids: Vec<String> = lib.frameworks().iter().map(|f| f.id.clone()).collect();
                bail!("no framework `{id}` (known: {})", ids.join(", "));
            };
            Some(fw.rule_ids().into_iter().map(str::to_owned).collect())
        }
    };
    let min_age = match &args.age {
        Some(a) => Some(
            i64::try_from(
                posture_config::parse_duration(a).map_err(|e| anyhow::anyhow!("--age: {e}"))?,
            )
            .unwrap_or(i64::MAX),
        ),
        None => None,
    };
    let q = FindingQuery {
        states: args
            .status
            .iter()
            .map(|s| match s {
                StateArg::Open => "open",
                StateArg::Excepted => "excepted",
                StateArg::New => "new",
                StateArg::Reopened => "reopened",
                StateArg::Resolved => "resolved",
                StateArg::All => "all",
            })
            .map(str::to_owned)
            .collect(),
        severities: args.severity.clone(),
        rules: args.rule.clone(),
        rule_ids,
        accounts: args.account.clone(),
        tags: args.tag.clone(),
        min_age,
        overdue: args.overdue,
        baseline: if args.new_only {
            Some(false)
        } else if args.baseline {
            Some(true)
        } else {
            None
        },
        sort: match args.sort {
            SortArg::Risk => FindingSort::Risk,
            SortArg::Severity => FindingSort::Severity,
            SortArg::Age => FindingSort::Age,
            SortArg::Due => FindingSort::Due,
            SortArg::LastSeen => FindingSort::LastSeen,
        },
        limit: (args.limit > 0).then_some(args.limit),
    };
    let now = crate::util::now();
    let rows = runtime()?.block_on(async {
        let store = open(config).await?;
        let r = store.findings(&q, &sla, now).await;
        store.close().await;
        anyhow::Ok(r?)
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(0);
    }
    if rows.is_empty() {
        println!("no findings match");
        return Ok(0);
    }
    if args.explain {
        for f in &rows {
            print_explained(f);
        }
        println!("{} findings (`!` = past its SLA due date)", rows.len());
        return Ok(0);
    }
    println!(
        "{:>10} {:<9} {:<8} {:<9} {:<10} {:<10} {:<44} {:<40} account",
        "risk", "severity", "state", "status", "opened", "due", "rule", "resource"
    );
    for f in &rows {
        println!(
            "{:>10} {:<9} {:<8} {:<9} {:<10} {:<10} {:<44} {:<40} {}",
            risk_label(f),
            f.severity.as_str(),
            if f.display == "excepted" {
                "excepted"
            } else {
                f.state.as_str()
            },
            f.status,
            date(f.opened_at),
            due_label(f),
            short(&f.rule_id, 44),
            short(&f.resource_name, 40),
            f.account
        );
    }
    println!("{} findings (`!` = past its SLA due date)", rows.len());
    Ok(0)
}

fn risk_label(f: &StoredFinding) -> String {
    f.risk
        .map_or_else(|| "not scored".to_owned(), |r| r.to_string())
}

fn due_label(f: &StoredFinding) -> String {
    match f.due_at {
        Some(d) if f.overdue => format!("{}!", date(d)),
        Some(d) => date(d),
        None => "-".into(),
    }
}

/// The exposure path in words: `internet via a → b → c`, the blocking hop, or the missing hops.
fn exposure_path(e: &RiskFactor) -> String {
    let hops = e.path.join(" → ");
    match e.level.as_str() {
        "internet" if !hops.is_empty() => format!("internet via {hops}"),
        "internal" if !hops.is_empty() => format!("not reachable from the internet: {hops}"),
        "unknown" if !hops.is_empty() => format!("unknown: missing {}", e.path.join("; ")),
        "not_networked" => "not network-addressable".to_owned(),
        _ => e.detail.clone(),
    }
}

/// One finding with its score and factors (`posture findings --explain`).
fn print_explained(f: &StoredFinding) {
    let state = if f.display == "excepted" {
        "excepted"
    } else {
        f.state.as_str()
    };
    println!(
        "risk {}  {}  {}  on {} ({}, {})  {} {}, due {}",
        risk_label(f),
        f.severity.as_str(),
        f.rule_id,
        f.resource_name,
        f.resource_uid,
        f.account,
        state,
        f.status,
        due_label(f)
    );
    if f.risk_factors.is_empty() {
        println!(
            "    not scored: recorded before risk scores were stored (schema 3) or by a scan that did not score it; the next scan scores it"
        );
        println!();
        return;
    }
    for x in &f.risk_factors {
        // Float noise can leave a factor at −0.000…1 points: show it as 0.
        let points = if x.points > 0.0 { x.points } else { 0.0 };
        let line = format!(
            "    {:<11} {:<16} ×{:.2} {:>5} pts  {}",
            x.name,
            short(&x.level, 16),
            x.multiplier,
            format!("−{points:.0}"),
            if x.name == "exposure" {
                "(path below)"
            } else {
                x.detail.as_str()
            }
        );
        println!("{}", line.trim_end());
    }
    if let Some(e) = f.exposure() {
        println!("    exposure path: {}", exposure_path(e));
    }
    println!();
}

// ---------------------------------------------------------------------------------------------
// posture scans / diff / trends

#[derive(Args, Debug)]
pub(crate) struct ScansArgs {
    /// How many scans, newest first.
    #[arg(long, default_value_t = 20)]
    limit: i64,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

pub(crate) fn scans(args: &ScansArgs, config: &Config) -> anyhow::Result<u8> {
    let rows = runtime()?.block_on(async {
        let store = open(config).await?;
        let r = store.scans(args.limit).await;
        store.close().await;
        anyhow::Ok(r?)
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(0);
    }
    println!(
        "{:>5}  {:<20}  {:>9} {:>7} {:>7} {:>5} {:>8} {:>8} {:>9} {:>8}  accounts",
        "scan",
        "as of",
        "resources",
        "failed",
        "unknown",
        "new",
        "resolved",
        "reopened",
        "held open",
        "coverage"
    );
    for s in &rows {
        println!(
            "{:>5}  {:<20}  {:>9} {:>7} {:>7} {:>5} {:>8} {:>8} {:>9} {:>8}  {}",
            s.id,
            format_rfc3339(s.as_of),
            s.resources,
            s.failed,
            s.unknown,
            s.new,
            s.resolved,
            s.reopened,
            s.held_open,
            format!("{}/{}", s.coverage.0, s.coverage.1),
            short(&s.accounts, 40)
        );
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub(crate) struct DiffArgs {
    /// First scan id.
    scan_a: i64,
    /// Second scan id.
    scan_b: i64,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

pub(crate) fn diff(args: &DiffArgs, config: &Config) -> anyhow::Result<u8> {
    let d = runtime()?.block_on(async {
        let store = open(config).await?;
        let r = store.diff(args.scan_a, args.scan_b).await;
        store.close().await;
        anyhow::Ok(r?)
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(0);
    }
    println!(
        "scan {} → scan {}: {} new, {} resolved, {} changed",
        d.from,
        d.to,
        d.new.len(),
        d.resolved.len(),
        d.changed.len()
    );
    for (label, v) in [
        ("new", &d.new),
        ("resolved", &d.resolved),
        ("changed", &d.changed),
    ] {
        for e in v {
            println!(
                "  {:<8} {:<9} {:<44} {} ({}){}",
                label,
                e.severity.as_str(),
                e.rule_id,
                e.resource_uid,
                e.account,
                match (label, &e.before, &e.after) {
                    ("changed", Some(a), Some(b)) => format!(" {a} → {b}"),
                    _ => String::new(),
                }
            );
        }
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub(crate) struct TrendsArgs {
    /// Days back from now.
    #[arg(long, default_value_t = 90)]
    days: i64,
    /// MTTR grouping besides severity.
    #[arg(long, value_enum)]
    mttr_by: Option<MttrArg>,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum MttrArg {
    Severity,
    Account,
    Rule,
    Month,
}

pub(crate) fn trends(args: &TrendsArgs, config: &Config) -> anyhow::Result<u8> {
    let sla = sla(config)?;
    let now = crate::util::now();
    let (t, extra) = runtime()?.block_on(async {
        let store = open(config).await?;
        let t = store.trends(args.days, &sla, now).await?;
        let extra = match args.mttr_by {
            Some(g) => {
                let g = match g {
                    MttrArg::Severity => MttrGroup::Severity,
                    MttrArg::Account => MttrGroup::Account,
                    MttrArg::Rule => MttrGroup::Rule,
                    MttrArg::Month => MttrGroup::Month,
                };
                Some(store.mttr(g, &sla, now - args.days * 86_400, now).await?)
            }
            None => None,
        };
        store.close().await;
        anyhow::Ok((t, extra))
    })?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"trends": t, "mttr": extra}))?
        );
        return Ok(0);
    }
    println!(
        "{:<10} {:>8} {:>6} {:>6} {:>5} {:>5} {:>8} {:>9} {:>5} {:>8} {:>8}",
        "date",
        "critical",
        "high",
        "medium",
        "low",
        "info",
        "overdue",
        "excepted",
        "new",
        "resolved",
        "coverage"
    );
    for d in &t.days {
        let g = |k: &str| d.open.get(k).copied().unwrap_or(0);
        println!(
            "{:<10} {:>8} {:>6} {:>6} {:>5} {:>5} {:>8} {:>9} {:>5} {:>8} {:>8}",
            d.date,
            g("critical"),
            g("high"),
            g("medium"),
            g("low"),
            g("info"),
            d.overdue,
            d.excepted,
            d.new,
            d.resolved,
            d.coverage
                .map_or("-".into(), |c| format!("{:.0}%", c * 100.0))
        );
    }
    println!(
        "\nMTTR and SLA adherence over {} days (resolutions):",
        args.days
    );
    for (k, h) in &t.mttr_hours {
        println!(
            "  {:<9} {:>8.1} h   within SLA {:>5.1}%",
            k,
            h,
            t.sla_adherence.get(k).copied().unwrap_or(0.0) * 100.0
        );
    }
    println!("open and past due now: {}", t.overdue_now);
    if let Some(rows) = extra {
        println!("\nMTTR by group:");
        for r in rows {
            println!(
                "  {:<44} {:>6} resolved  mean {:>8.1} h  median {:>8.1} h  within SLA {:>5.1}%",
                short(&r.key, 44),
                r.resolved,
                r.mean_hours,
                r.median_hours,
                r.within_sla * 100.0
            );
        }
    }
    Ok(0)
}

// ---------------------------------------------------------------------------------------------
// posture exceptions / baseline / audit

#[derive(Subcommand, Debug)]
pub(crate) enum ExceptionsCommand {
    /// Request an exception (it applies once someone else approves it).
    Add(AddArgs),
    /// Approve a requested exception (must be someone other than the requester).
    Approve(DecideArgs),
    /// Reject a requested exception.
    Reject(DecideArgs),
    /// List exceptions (expired and stale ones are marked).
    List(ListArgs),
    /// Expire an exception now: its findings re-surface.
    Expire(ExpireArgs),
    /// Sync exceptions kept as code from a TOML file (see docs/exceptions.md).
    Sync(SyncArgs),
}

#[derive(Args, Debug)]
pub(crate) struct AddArgs {
    /// Scope: `rule=GLOB,resource=UID,account=ID,tag=KEY[=VALUE]` (any combination; repeat for several scopes).
    #[arg(long, required = true)]
    scope: Vec<String>,
    /// Reason: risk_accepted, false_positive or compensating_control.
    #[arg(long)]
    reason: String,
    /// Why, in words.
    #[arg(long)]
    justification: String,
    /// Who owns the risk.
    #[arg(long)]
    owner: String,
    /// Ticket or change link.
    #[arg(long)]
    ticket: Option<String>,
    /// Expiry date (2027-01-31 or RFC 3339); required for risk_accepted.
    #[arg(long)]
    expires: Option<String>,
    /// Requester (default $USER).
    #[arg(long)]
    actor: Option<String>,
}

#[derive(Args, Debug)]
pub(crate) struct DecideArgs {
    /// Exception id.
    id: i64,
    /// Approver (default $USER).
    #[arg(long)]
    actor: Option<String>,
    /// Note for the audit log.
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args, Debug)]
pub(crate) struct ListArgs {
    /// Only expired ones.
    #[arg(long)]
    expired: bool,
    /// Only stale ones.
    #[arg(long)]
    stale: bool,
    /// JSON output.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub(crate) struct ExpireArgs {
    /// Exception id.
    id: i64,
    /// Who (default $USER).
    #[arg(long)]
    actor: Option<String>,
}

#[derive(Args, Debug)]
pub(crate) struct SyncArgs {
    /// The exceptions file.
    file: PathBuf,
    /// Who (default $USER).
    #[arg(long)]
    actor: Option<String>,
}

pub(crate) fn exceptions(cmd: &ExceptionsCommand, config: &Config) -> anyhow::Result<u8> {
    let now = crate::util::now();
    let rt = runtime()?;
    rt.block_on(async {
        let store = open(config).await?;
        let r = exceptions_inner(&store, cmd, config, now).await;
        store.close().await;
        r
    })
}

async fn exceptions_inner(
    store: &Store,
    cmd: &ExceptionsCommand,
    config: &Config,
    now: i64,
) -> anyhow::Result<u8> {
    match cmd {
        ExceptionsCommand::Add(a) => {
            let scopes = a
                .scope
                .iter()
                .map(|s| Scope::parse(s).map_err(|e| anyhow::anyhow!("--scope `{s}`: {e}")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let reason: Reason = a.reason.parse().map_err(|e: String| anyhow::anyhow!(e))?;
            let expires_at = a
                .expires
                .as_deref()
                .map(posture_store::parse_time)
                .transpose()
                .map_err(|e| anyhow::anyhow!("--expires: {e}"))?;
            let e = NewException {
                reason,
                justification: a.justification.clone(),
                owner: a.owner.clone(),
                ticket: a.ticket.clone(),
                expires_at,
                scopes,
                requested_by: actor(a.actor.as_deref()),
            };
            let id = store.add_exception(&e, now).await?;
            println!(
                "exception {id} requested by {}; it applies once someone else runs `posture exceptions approve {id}`",
                e.requested_by
            );
        }
        ExceptionsCommand::Approve(d) | ExceptionsCommand::Reject(d) => {
            let approve = matches!(cmd, ExceptionsCommand::Approve(_));
            let by = actor(d.actor.as_deref());
            store
                .decide_exception(d.id, approve, &by, d.note.as_deref(), now)
                .await?;
            println!(
                "exception {} {} by {by}",
                d.id,
                if approve { "approved" } else { "rejected" }
            );
        }
        ExceptionsCommand::Expire(x) => {
            store
                .expire_exception(x.id, &actor(x.actor.as_deref()), now)
                .await?;
            println!("exception {} expired; its findings are open again", x.id);
        }
        ExceptionsCommand::Sync(s) => {
            let text = std::fs::read_to_string(&s.file)
                .with_context(|| format!("cannot read {}", s.file.display()))?;
            let file = ExceptionFile::parse(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", s.file.display()))?;
            let r = store
                .sync_exceptions(&file, &actor(s.actor.as_deref()), now)
                .await?;
            println!(
                "synced {}: {} added, {} updated, {} revoked, {} unchanged",
                s.file.display(),
                r.added,
                r.updated,
                r.revoked,
                r.unchanged
            );
        }
        ExceptionsCommand::List(l) => {
            let mut rows = store.list_exceptions(now, stale_after(config)).await?;
            rows.retain(|e| {
                (!l.expired || e.state == posture_store::ExceptionState::Expired)
                    && (!l.stale || e.stale)
            });
            if l.json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(0);
            }
            if rows.is_empty() {
                println!("no exceptions");
            }
            for e in &rows {
                println!(
                    "#{:<4} {:<9}{} {:<20} owner {:<16} expires {:<10} matched {:<5} by {}{}{}",
                    e.id,
                    e.state.as_str(),
                    if e.stale { " STALE" } else { "" },
                    e.reason,
                    e.owner,
                    e.expires_at.map_or("never".into(), date),
                    e.matched,
                    e.requested_by,
                    e.decided_by
                        .as_deref()
                        .map_or(String::new(), |d| format!(" / {d}")),
                    e.key
                        .as_deref()
                        .map_or(String::new(), |k| format!(" [{k}]"))
                );
                for s in &e.scopes {
                    println!("        scope {s}");
                }
                println!("        {}", e.justification);
            }
        }
    }
    Ok(0)
}

#[derive(Subcommand, Debug)]
pub(crate) enum BaselineCommand {
    /// Record the findings open now as the baseline; later scans report what is not in it.
    Set {
        /// Who (default $USER).
        #[arg(long)]
        actor: Option<String>,
    },
}

pub(crate) fn baseline(cmd: &BaselineCommand, config: &Config) -> anyhow::Result<u8> {
    let BaselineCommand::Set { actor: a } = cmd;
    let n = runtime()?.block_on(async {
        let store = open(config).await?;
        let r = store
            .set_baseline(&actor(a.as_deref()), crate::util::now())
            .await;
        store.close().await;
        anyhow::Ok(r?)
    })?;
    println!(
        "baseline set: {n} open findings; `posture findings --new-only` lists what is not in it"
    );
    Ok(0)
}

#[derive(Subcommand, Debug)]
pub(crate) enum AuditCommand {
    /// Verify the hash chain; exits 1 when an entry was edited, removed or reordered.
    Verify,
    /// Show the latest entries.
    Log {
        /// How many.
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
}

pub(crate) fn audit(cmd: &AuditCommand, config: &Config) -> anyhow::Result<u8> {
    let rt = runtime()?;
    match cmd {
        AuditCommand::Verify => {
            let r = rt.block_on(async {
                let store = open(config).await?;
                let r = store.audit_verify().await;
                store.close().await;
                anyhow::Ok(r?)
            })?;
            if r.ok() {
                println!("audit chain intact: {} entries", r.entries);
                Ok(0)
            } else {
                println!("audit chain BROKEN ({} entries checked):", r.entries);
                for p in &r.problems {
                    println!("  {p}");
                }
                Ok(1)
            }
        }
        AuditCommand::Log { limit } => {
            let rows = rt.block_on(async {
                let store = open(config).await?;
                let r = store.audit_log(*limit).await;
                store.close().await;
                anyhow::Ok(r?)
            })?;
            for e in rows.iter().rev() {
                println!(
                    "{:>6} {} {:<12} {:<20} {:<14} {}",
                    e.seq,
                    format_rfc3339(e.at),
                    e.actor,
                    e.action,
                    e.subject,
                    short(&e.details, 80)
                );
            }
            Ok(0)
        }
    }
}
