//! Applying a plan: the guards (exceptions, approvals, the policy, the per-run cap, the account
//! of the credentials), the SDK calls with before/after state, the store records, and the
//! validation re-scan of only the touched services and regions.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use aws_config::SdkConfig;
use posture_collect_aws::{AwsOptions, NoProgress, Service};
use posture_model::{InventoryIndex, Status};
use posture_rules::engine::FixSafety;
use posture_store::{NewFixRun, RecordOptions, ScanInput, Store};
use serde::Serialize;
use serde_json::Value;

use crate::exec;
use crate::fixes;
use crate::plan::{Decision, PlanItem};
use crate::policy::{Policy, Subject};

/// How to apply.
pub struct ApplyOptions<'a> {
    /// Who applies (recorded in fix runs and the audit chain).
    pub actor: String,
    /// The policy in force now (the cap, and whether an item may still run without approval).
    pub policy: Policy,
    /// The store: approvals are read from it, runs and the validation scan are written to it.
    /// Without a store only `auto` items can run, and nothing is recorded.
    pub store: Option<&'a Store>,
    /// Finding uids excepted now (checked again at apply time).
    pub excepted: BTreeSet<String>,
    /// Re-collect and re-evaluate the touched resources afterwards.
    pub validate: bool,
    /// Collector options for the re-scan (profile, retries); services and regions are set here.
    pub collect: AwsOptions,
}

/// What happened to one item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemOutcome {
    /// Plan item id.
    pub item_id: String,
    /// Rule id.
    pub rule_id: String,
    /// Resource uid.
    pub resource_uid: String,
    /// `applied`, `already_compliant`, `failed`, or `skipped`.
    pub result: String,
    /// Why it was skipped, or the error of a failed run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// State before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// State after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
    /// API calls made (writes).
    pub calls_made: Vec<String>,
    /// Store id of the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<i64>,
    /// `resolved`, `still_failing` or `unknown` after the re-scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation: Option<String>,
    /// What the re-scan saw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_detail: Option<String>,
}

/// The validation re-scan.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Rescan {
    /// Services re-collected.
    pub services: Vec<String>,
    /// Regions re-collected.
    pub regions: Vec<String>,
    /// Resources collected.
    pub resources: usize,
    /// API calls made.
    pub api_calls: u64,
    /// Wall time.
    pub seconds: f64,
    /// Store scan id of the recorded re-scan.
    pub scan_id: Option<i64>,
    /// Why it could not run.
    pub error: Option<String>,
}

/// The result of `fix apply`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ApplyReport {
    /// One per plan item, in plan order.
    pub items: Vec<ItemOutcome>,
    /// Counts per result.
    pub counts: BTreeMap<String, usize>,
    /// Resources changed or attempted (what the cap counts).
    pub resources_attempted: usize,
    /// The re-scan.
    pub rescan: Option<Rescan>,
}

impl ApplyReport {
    /// Whether any item failed or stayed failing after the re-scan.
    #[must_use]
    pub fn has_failures(&self) -> bool {
        self.items
            .iter()
            .any(|i| i.result == "failed" || i.validation.as_deref() == Some("still_failing"))
    }
}

fn outcome(item: &PlanItem, result: &str, reason: Option<String>) -> ItemOutcome {
    ItemOutcome {
        item_id: item.id.clone(),
        rule_id: item.rule_id.clone(),
        resource_uid: item.resource_uid.clone(),
        result: result.to_owned(),
        reason,
        before: None,
        after: None,
        calls_made: Vec::new(),
        run_id: None,
        validation: None,
        validation_detail: None,
    }
}

/// Why an item may not run now, if so.
async fn gate(
    item: &PlanItem,
    opts: &ApplyOptions<'_>,
) -> Result<Option<String>, posture_store::StoreError> {
    let Some(_) = item.fix else {
        return Ok(Some(match &item.decision {
            Decision::Manual { reason } => format!("manual: {reason}"),
            _ => "no automated fix".to_owned(),
        }));
    };
    if matches!(item.decision, Decision::Excepted) || opts.excepted.contains(&item.finding_uid) {
        return Ok(Some(
            "excepted: an approved exception covers this finding; it is never fixed".into(),
        ));
    }
    let safety = match item.fix_safety.as_str() {
        "safe" => FixSafety::Safe,
        "unsafe" => FixSafety::Unsafe,
        _ => FixSafety::Manual,
    };
    if safety == FixSafety::Manual {
        return Ok(Some("manual: fix safety is manual".into()));
    }
    // Decide again with the policy in force now: a plan cannot widen what runs automatically.
    let decision = crate::plan::decide(
        &opts.policy,
        safety,
        item.blast_radius.production,
        item.blast_radius.environment.as_deref(),
        &Subject {
            rule_id: &item.rule_id,
            account: &item.account,
            region: &item.region,
            tags: &item.tags,
        },
    );
    let Decision::NeedsApproval { reasons } = decision else {
        return Ok(None);
    };
    let why = reasons.join("; ");
    let Some(store) = opts.store else {
        return Ok(Some(format!(
            "needs approval ({why}) and no store is configured to hold approvals"
        )));
    };
    match store.fix_approval(&item.id).await? {
        Some(a) if a.decision == "approved" => Ok(None),
        Some(a) if a.decision == "rejected" => Ok(Some(format!(
            "rejected by {}",
            a.approver.unwrap_or_default()
        ))),
        Some(_) => Ok(Some(format!(
            "needs approval ({why}): pending; run `posture fix approve {}` as someone other than {}",
            item.id,
            item_requester(item, store).await
        ))),
        None => Ok(Some(format!(
            "needs approval ({why}): not requested; run `posture fix plan --db …` to request it"
        ))),
    }
}

async fn item_requester(item: &PlanItem, store: &Store) -> String {
    store
        .fix_approval(&item.id)
        .await
        .ok()
        .flatten()
        .map_or_else(|| "the requester".to_owned(), |a| a.requester)
}

/// Apply the items. Each item runs at most once; nothing runs that the guards stop.
///
/// # Errors
/// Only a store error (reading approvals, recording runs); AWS failures are per-item results.
pub async fn apply(
    items: &[PlanItem],
    sdk: &SdkConfig,
    opts: &ApplyOptions<'_>,
) -> Result<ApplyReport, posture_store::StoreError> {
    let mut report = ApplyReport::default();
    let cap = opts.policy.max_resources_per_run;
    let mut caller: Option<Result<String, exec::ApiError>> = None;
    for item in items {
        if let Some(reason) = gate(item, opts).await? {
            report.items.push(outcome(item, "skipped", Some(reason)));
            continue;
        }
        let touched = item.blast_radius.resources.len().max(1);
        if report.resources_attempted + touched > cap {
            report.items.push(outcome(
                item,
                "skipped",
                Some(format!(
                    "cap: this run already changed {} of at most {cap} resources (max_resources_per_run)",
                    report.resources_attempted
                )),
            ));
            continue;
        }
        if caller.is_none() {
            caller = Some(exec::caller_account(sdk).await);
        }
        let Some(who) = caller.as_ref() else {
            continue;
        };
        let account = match who {
            Ok(a) => a.clone(),
            Err(e) => {
                let mut o = outcome(item, "failed", Some(format!("credentials: {e}")));
                o.run_id = record(opts, item, &o, 0).await?;
                report.items.push(o);
                continue;
            }
        };
        if account != item.account {
            report.items.push(outcome(
                item,
                "skipped",
                Some(format!(
                    "the credentials are for account {account}, the resource is in {}",
                    item.account
                )),
            ));
            continue;
        }
        report.resources_attempted += touched;
        let started = posture_store::now();
        let o = run_one(item, sdk).await;
        let mut o = o;
        o.run_id = record(opts, item, &o, started).await?;
        report.items.push(o);
    }
    if opts.validate {
        let rescan = validate(&mut report, items, opts).await?;
        report.rescan = Some(rescan);
    }
    for i in &report.items {
        *report.counts.entry(i.result.clone()).or_default() += 1;
        if let Some(v) = &i.validation {
            *report.counts.entry(format!("validated_{v}")).or_default() += 1;
        }
    }
    Ok(report)
}

async fn record(
    opts: &ApplyOptions<'_>,
    item: &PlanItem,
    o: &ItemOutcome,
    started: i64,
) -> Result<Option<i64>, posture_store::StoreError> {
    let Some(store) = opts.store else {
        return Ok(None);
    };
    let run = NewFixRun {
        item_id: item.id.clone(),
        finding_uid: item.finding_uid.clone(),
        rule_id: item.rule_id.clone(),
        resource_uid: item.resource_uid.clone(),
        actor: opts.actor.clone(),
        started_at: if started == 0 {
            posture_store::now()
        } else {
            started
        },
        finished_at: posture_store::now(),
        result: o.result.clone(),
        before: o.before.clone(),
        after: o.after.clone(),
        error: if o.result == "failed" {
            o.reason.clone()
        } else {
            None
        },
    };
    store.record_fix_run(&run).await.map(Some)
}

/// Read, write if needed, read again.
async fn run_one(item: &PlanItem, sdk: &SdkConfig) -> ItemOutcome {
    let Some(fix) = item.fix else {
        return outcome(item, "skipped", Some("no automated fix".into()));
    };
    let region = item
        .calls
        .first()
        .map_or(item.region.as_str(), |c| c.region.as_str());
    let region = if region == "global" || region.is_empty() {
        sdk.region().map_or("us-east-1", |r| r.as_ref())
    } else {
        region
    };
    let before = match exec::read(fix, sdk, region, &item.target).await {
        Ok(b) => b,
        Err(e) => {
            return outcome(
                item,
                "failed",
                Some(format!("reading the current state: {e}")),
            );
        }
    };
    if exec::compliant(fix, &before) {
        let mut o = outcome(item, "already_compliant", None);
        o.after = Some(before.clone());
        o.before = Some(before);
        return o;
    }
    let mut o = outcome(item, "applied", None);
    o.before = Some(before.clone());
    o.calls_made = item
        .calls
        .iter()
        .map(|c| format!("{}:{}", c.service, c.operation))
        .collect();
    if let Err(e) = exec::write(fix, sdk, region, &item.target, &before).await {
        o.result = "failed".into();
        o.reason = Some(e.to_string());
        // Record what the state is now, so nothing is left unknown after a failed write.
        o.after = exec::read(fix, sdk, region, &item.target).await.ok();
        return o;
    }
    match exec::read(fix, sdk, region, &item.target).await {
        Ok(after) => {
            if !exec::compliant(fix, &after) {
                o.result = "failed".into();
                o.reason = Some("the call succeeded but the setting still does not comply".into());
            }
            o.after = Some(after);
        }
        Err(e) => {
            o.result = "failed".into();
            o.reason = Some(format!(
                "the change was sent but the state could not be read back: {e}"
            ));
        }
    }
    o
}

/// Re-collect only the services and regions of the items that ran and re-evaluate their rules.
async fn validate(
    report: &mut ApplyReport,
    items: &[PlanItem],
    opts: &ApplyOptions<'_>,
) -> Result<Rescan, posture_store::StoreError> {
    let by_id: BTreeMap<&str, &PlanItem> = items.iter().map(|i| (i.id.as_str(), i)).collect();
    let ran: Vec<usize> = report
        .items
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            matches!(
                o.result.as_str(),
                "applied" | "already_compliant" | "failed"
            )
        })
        .map(|(i, _)| i)
        .collect();
    let mut rescan = Rescan::default();
    if ran.is_empty() {
        return Ok(rescan);
    }
    let mut services: BTreeSet<Service> = BTreeSet::new();
    let mut regions: BTreeSet<String> = BTreeSet::new();
    let mut rules: BTreeSet<String> = BTreeSet::new();
    for &i in &ran {
        let Some(item) = by_id.get(report.items[i].item_id.as_str()) else {
            continue;
        };
        if let Some(f) = item.fix {
            let d = fixes::def(f);
            services.insert(d.service);
            if !d.service.global() && item.region != "global" {
                regions.insert(item.region.clone());
            }
        }
        rules.insert(item.rule_id.clone());
    }
    let mut copts = opts.collect.clone();
    copts.services = services.iter().copied().collect();
    copts.regions = if regions.is_empty() {
        vec!["us-east-1".to_owned()]
    } else {
        regions.iter().cloned().collect()
    };
    copts.org = false;
    rescan.services = services.iter().map(|s| s.as_str().to_owned()).collect();
    rescan.regions.clone_from(&copts.regions);
    let t0 = Instant::now();
    let collection = match posture_collect_aws::collect(&copts, &NoProgress).await {
        Ok(c) => c,
        Err(e) => {
            rescan.error = Some(e.to_string());
            for &i in &ran {
                set_validation(
                    report,
                    i,
                    "unknown",
                    &format!("the re-scan could not run: {e}"),
                    opts,
                )
                .await?;
            }
            return Ok(rescan);
        }
    };
    rescan.seconds = t0.elapsed().as_secs_f64();
    rescan.resources = collection.inventory.resources.len();
    rescan.api_calls = collection.total_calls();
    let catalog: Vec<&'static dyn posture_rules::Rule> = posture_rules::catalog()
        .iter()
        .copied()
        .filter(|r| rules.contains(r.meta().id))
        .collect();
    let now = posture_store::now();
    let index = InventoryIndex::new(&collection.inventory.resources);
    let evaluation = posture_rules::evaluate(&catalog, &index, now);
    let mut seen: BTreeMap<(String, String), (Status, String)> = BTreeMap::new();
    for o in &evaluation.outcomes {
        let (Some(rule), Some(r)) = (
            evaluation.rule(o),
            collection.inventory.resources.get(o.resource as usize),
        ) else {
            continue;
        };
        let msg = o
            .detail
            .as_ref()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        seen.insert((rule.meta().id.to_owned(), r.uid.clone()), (o.status, msg));
    }
    for &i in &ran {
        let key = (
            report.items[i].rule_id.clone(),
            report.items[i].resource_uid.clone(),
        );
        let (verdict, detail) = match seen.get(&key) {
            Some((Status::Pass, _)) => ("resolved", "the rule passes on the re-scan".to_owned()),
            Some((Status::NotApplicable, m)) => (
                "resolved",
                format!(
                    "the rule no longer applies on the re-scan{}",
                    if m.is_empty() {
                        String::new()
                    } else {
                        format!(": {m}")
                    }
                ),
            ),
            Some((Status::Fail, m)) => ("still_failing", format!("the rule still fails: {m}")),
            Some((Status::Unknown, m)) => ("unknown", format!("the re-scan could not decide: {m}")),
            None => (
                "unknown",
                "the resource or rule was not seen by the re-scan (see coverage)".to_owned(),
            ),
        };
        set_validation(report, i, verdict, &detail, opts).await?;
    }
    if let Some(store) = opts.store {
        // Record the re-scan: passes resolve their findings, failures keep them open, and a
        // service that could not be collected resolves nothing.
        let mut input = ScanInput::from_evaluation(&collection.inventory, &evaluation, now);
        input.label = Some(format!("fix-validation by {}", opts.actor));
        let summary = store
            .record_scan(
                &input,
                &RecordOptions {
                    actor: opts.actor.clone(),
                    ..RecordOptions::default()
                },
            )
            .await?;
        rescan.scan_id = Some(summary.scan_id);
    }
    Ok(rescan)
}

async fn set_validation(
    report: &mut ApplyReport,
    i: usize,
    verdict: &str,
    detail: &str,
    opts: &ApplyOptions<'_>,
) -> Result<(), posture_store::StoreError> {
    let o = &mut report.items[i];
    // A failed fix stays open whatever the re-scan says about other changes.
    let verdict = if o.result == "failed" && verdict == "resolved" {
        "unknown"
    } else {
        verdict
    };
    o.validation = Some(verdict.to_owned());
    o.validation_detail = Some(detail.to_owned());
    if let (Some(store), Some(run)) = (opts.store, o.run_id) {
        store
            .set_fix_validation(run, verdict, detail, &opts.actor)
            .await?;
    }
    Ok(())
}
