//! The scan pipeline of the service: collect a target's configuration, evaluate the rule catalog
//! (plus the toxic-combination rules), score risk, assess every compliance framework, and hand
//! back what the worker records: the store's scan input and the per-scan snapshots (posture per
//! framework, inventory counts).
//!
//! Collection is behind [`TargetCollector`]: `files` targets (exports on the server's disk)
//! are built in; live cloud collectors are injected by the binary through [`Collectors`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use posture_model::{CoverageStatus, Inventory, InventoryIndex};
use posture_store::{RiskFactor, RiskRecord, ScanInput, Target, TargetKind};
use serde_json::{Value, json};

/// What a collector returns.
pub struct Collected {
    /// The configuration collected, with coverage entries. A collector limited to some
    /// resources (an event-driven re-scan) must mark its coverage `partial`, so the store does
    /// not resolve findings of resources it did not look at.
    pub inventory: Inventory,
    /// Throttled API calls seen while collecting (for the metrics).
    pub throttled: u64,
}

/// Gets a target's configuration. Implementations run on a blocking thread.
pub trait TargetCollector: Send + Sync {
    /// Collect `target` — everything, or only `resources` (uids) when non-empty.
    ///
    /// # Errors
    /// A message saying what failed (credentials, network, denied); the job fails with it and
    /// no scan is recorded (failed collection never resolves findings).
    fn collect(&self, target: &Target, resources: &[String]) -> Result<Collected, String>;
}

/// `files` targets: export files or directories on the server's disk, read through the
/// importers. Paths must lie under the tenant's directory: the files root itself for the default
/// tenant, `<root>/tenant-<id>` for any other, so a tenant can make the server read neither
/// arbitrary files nor another tenant's exports.
pub struct FilesCollector {
    /// The files root; `None` refuses `files` targets.
    pub root: Option<PathBuf>,
}

impl FilesCollector {
    fn paths(&self, target: &Target) -> Result<Vec<PathBuf>, String> {
        let Some(root) = &self.root else {
            return Err(
                "files targets are disabled on this server (start it with --files-root DIR)".into(),
            );
        };
        let root = if target.tenant_id == posture_store::DEFAULT_TENANT {
            root.clone()
        } else {
            root.join(format!("tenant-{}", target.tenant_id))
        };
        let root = root
            .canonicalize()
            .map_err(|e| format!("files root {}: {e}", root.display()))?;
        let list = target
            .scope
            .get("paths")
            .and_then(Value::as_array)
            .ok_or("scope.paths: expected an array of paths")?;
        let mut out = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let p = p
                .as_str()
                .ok_or_else(|| format!("scope.paths[{i}]: expected a string"))?;
            let path = Path::new(p);
            let path = if path.is_absolute() {
                path.to_path_buf()
            } else {
                root.join(path)
            };
            let real = path
                .canonicalize()
                .map_err(|e| format!("scope.paths[{i}] ({p}): {e}"))?;
            if !real.starts_with(&root) {
                return Err(format!(
                    "scope.paths[{i}] ({p}): outside the files root {}",
                    root.display()
                ));
            }
            out.push(real);
        }
        Ok(out)
    }
}

impl TargetCollector for FilesCollector {
    fn collect(&self, target: &Target, _resources: &[String]) -> Result<Collected, String> {
        // Exports are read whole: a targeted re-scan of a files target re-reads everything.
        let paths = self.paths(target)?;
        let inventory = posture_collect::import_paths(
            &paths,
            &posture_collect::ImportOptions::default(),
            &|_| {},
        );
        if !inventory.sources.is_empty() && inventory.sources.iter().all(|s| s.error.is_some()) {
            let errors: Vec<&str> = inventory
                .sources
                .iter()
                .filter_map(|s| s.error.as_deref())
                .collect();
            return Err(format!("no input could be read: {}", errors.join("; ")));
        }
        Ok(Collected {
            inventory,
            throttled: 0,
        })
    }
}

/// The collectors by target kind.
#[derive(Clone, Default)]
pub struct Collectors {
    map: HashMap<TargetKind, Arc<dyn TargetCollector>>,
}

impl Collectors {
    /// The built-in `files` collector rooted at `files_root`.
    #[must_use]
    pub fn new(files_root: Option<PathBuf>) -> Collectors {
        let mut c = Collectors::default();
        c.map.insert(
            TargetKind::Files,
            Arc::new(FilesCollector { root: files_root }),
        );
        c
    }

    /// Add (or replace) the collector of a kind — how the binary plugs in live collectors.
    #[must_use]
    pub fn with(mut self, kind: TargetKind, c: Arc<dyn TargetCollector>) -> Collectors {
        self.map.insert(kind, c);
        self
    }

    /// The collector of a kind.
    ///
    /// # Errors
    /// When this build has none for it.
    pub fn get(&self, kind: TargetKind) -> Result<Arc<dyn TargetCollector>, String> {
        self.map.get(&kind).cloned().ok_or_else(|| {
            format!(
                "no live collector for {} targets in this build",
                kind.as_str()
            )
        })
    }
}

/// What the worker records for one scan.
pub struct Prepared {
    /// The store's input.
    pub input: ScanInput,
    /// Snapshots `(kind, key, document)`.
    pub snapshots: Vec<(&'static str, String, Value)>,
    /// Throttled calls during collection.
    pub throttled: u64,
}

/// Run collection, evaluation, risk and compliance for `target` (blocking; call it on a
/// blocking thread).
///
/// # Errors
/// Collection failures and internal errors, as messages.
pub fn prepare(
    collectors: &Collectors,
    library: &posture_compliance::Library,
    target: &Target,
    resources: &[String],
    as_of: i64,
) -> Result<Prepared, String> {
    let collected = collectors.get(target.kind)?.collect(target, resources)?;
    let inventory = collected.inventory;
    let context = posture_risk::ContextSettings::default();
    let mut rules: Vec<&'static dyn posture_rules::Rule> = posture_rules::catalog().to_vec();
    rules.extend(posture_risk::toxic::rules(&context));
    let index = InventoryIndex::new(&inventory.resources);
    let evaluation = posture_rules::evaluate(&rules, &index, as_of);
    let analysis = evaluation
        .memoized::<posture_risk::Analysis>(posture_risk::toxic::MEMO_KEY)
        .unwrap_or_else(|| Arc::new(posture_risk::analyze(&index, &context)));
    let settings = posture_risk::RiskSettings::default();
    let scorer = posture_risk::Scorer::new(&analysis, library.controls_by_rule(), &settings);
    let scores = posture_risk::score_evaluation(&evaluation, scorer);
    let risks: Vec<Option<RiskRecord>> = evaluation
        .outcomes
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let score = scores.get(n)?;
            Some(RiskRecord {
                score: score.score,
                factors: score
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
                    .collect(),
            })
        })
        .collect();

    // Compliance posture per framework.
    let assessor = posture_compliance::posture::Assessor::new(
        &evaluation,
        &inventory.resources,
        &BTreeSet::new(),
    );
    let mut snapshots: Vec<(&'static str, String, Value)> = Vec::new();
    for f in library.frameworks() {
        let p = assessor.assess(f);
        let t = p.totals;
        let requirements: Vec<Value> = p
            .requirements
            .iter()
            .map(|r| {
                json!({
                    "id": r.requirement.id,
                    "title": r.requirement.title,
                    "section": r.requirement.section,
                    "status": r.status.as_str(),
                    "counts": r.counts,
                    "rules_not_run": r.rules_not_run,
                })
            })
            .collect();
        snapshots.push((
            "posture",
            f.id.clone(),
            json!({
                "framework": f.id,
                "name": format!("{} {}", f.name, f.version),
                "totals": t,
                "percent_passed": t.percent_passed(),
                "coverage": t.coverage(),
                "requirements": requirements,
            }),
        ));
    }

    // Inventory counts and coverage.
    let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_account: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_region: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_provider: BTreeMap<String, u64> = BTreeMap::new();
    for r in &inventory.resources {
        *by_kind.entry(r.kind().to_string()).or_default() += 1;
        *by_account.entry(r.account.clone()).or_default() += 1;
        *by_region.entry(r.region.clone()).or_default() += 1;
        *by_provider
            .entry(
                serde_json::to_value(r.provider)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            )
            .or_default() += 1;
    }
    let collected_entries = inventory
        .coverage
        .iter()
        .filter(|c| c.status == CoverageStatus::Collected)
        .count();
    snapshots.push((
        "inventory",
        "all".into(),
        json!({
            "resources": inventory.resources.len(),
            "by_provider": by_provider,
            "by_kind": by_kind,
            "by_account": by_account,
            "by_region": by_region,
            "coverage": {"entries": inventory.coverage.len(), "collected": collected_entries},
            "sources": inventory.sources.iter().map(|s| json!({"path": s.path, "error": s.error})).collect::<Vec<_>>(),
        }),
    ));

    let input = ScanInput::from_evaluation(&inventory, &evaluation, as_of).with_risks(risks);
    Ok(Prepared {
        input,
        snapshots,
        throttled: collected.throttled,
    })
}
