//! # posture-collect-gcp
//!
//! `posture scan gcp`: collect a GCP organization, folder or project list live and normalize it
//! exactly like a Cloud Asset Inventory export.
//!
//! Per scope (`projects/P`, `folders/F`, `organizations/O`; scopes run concurrently):
//!
//! 1. **resources** — Cloud Asset Inventory `ListAssets` with `contentType=RESOURCE`, paged by
//!    `pageToken`;
//! 2. **iam policies** — the same with `contentType=IAM_POLICY`;
//! 3. **direct reads** — where the assets lack settings: Cloud SQL instances whose asset data
//!    misses fields (`sqladmin` `instances.get`), bucket IAM policies missing from step 2
//!    (`storage` `buckets.getIamPolicy`), and log sinks of the scope and of each project in it
//!    when the assets have none (`logging` `sinks.list`); their answers are fed to the importer
//!    as assets;
//! 4. **normalize** — all assets go through the Cloud Asset Inventory importer
//!    ([`posture_collect::import_as`]); reads that failed replace the importer's
//!    "not in source" gaps with the real reason (denied, throttled, timeout).
#![warn(missing_docs)]

mod auth;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use posture_collect::{Format, ImportOptions};
use posture_collect_http::live::{
    LiveSummary, OnProgress, Patch, Progress, ScopeReport, apply_patches, failed_coverage,
};
use posture_collect_http::{CallError, Client, HttpOptions, Request, TokenCache, Url, join};
use posture_model::{Config, CoverageStatus, GapReason, Inventory, SourceReport};
use serde_json::{Value, json};

const STEPS: [&str; 4] = ["resources", "iam policies", "direct reads", "normalize"];
const SQL_TYPE: &str = "sqladmin.googleapis.com/Instance";
const BUCKET_TYPE: &str = "storage.googleapis.com/Bucket";
const SINK_TYPE: &str = "logging.googleapis.com/LogSink";

/// Where the Google APIs are (defaults: the public endpoints). Tests point them at 127.0.0.1.
#[derive(Clone, Debug)]
pub struct Endpoints {
    /// OAuth2 token endpoint (`https://oauth2.googleapis.com/token`).
    pub token: Url,
    /// Cloud Asset Inventory (`https://cloudasset.googleapis.com`).
    pub cloudasset: Url,
    /// Cloud SQL Admin (`https://sqladmin.googleapis.com`).
    pub sqladmin: Url,
    /// Cloud Storage JSON API (`https://storage.googleapis.com`).
    pub storage: Url,
    /// Cloud Logging (`https://logging.googleapis.com`).
    pub logging: Url,
    /// Metadata server (`http://metadata.google.internal`), used when no credentials file is
    /// found.
    pub metadata: Url,
}

impl Default for Endpoints {
    fn default() -> Endpoints {
        let u = |v: &str| Url::parse(v).expect("built-in endpoint URLs are valid");
        Endpoints {
            token: u("https://oauth2.googleapis.com/token"),
            cloudasset: u("https://cloudasset.googleapis.com/"),
            sqladmin: u("https://sqladmin.googleapis.com/"),
            storage: u("https://storage.googleapis.com/"),
            logging: u("https://logging.googleapis.com/"),
            metadata: u("http://metadata.google.internal/"),
        }
    }
}

/// What to scan and how. `Debug` lists the environment's variable names, never their values.
#[derive(Clone, Default)]
pub struct GcpOptions {
    /// Endpoints.
    pub endpoints: Endpoints,
    /// Credentials file (else `GOOGLE_APPLICATION_CREDENTIALS`, gcloud ADC, metadata server).
    pub credentials: Option<PathBuf>,
    /// Project ids or numbers.
    pub projects: Vec<String>,
    /// Folder ids.
    pub folders: Vec<String>,
    /// Organization ids.
    pub organizations: Vec<String>,
    /// HTTP limits and retries.
    pub http: HttpOptions,
    /// Environment variables the credential lookup reads.
    pub env: BTreeMap<String, String>,
}

impl std::fmt::Debug for GcpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GcpOptions")
            .field("endpoints", &self.endpoints)
            .field("credentials", &self.credentials)
            .field("projects", &self.projects)
            .field("folders", &self.folders)
            .field("organizations", &self.organizations)
            .field("http", &self.http)
            .field("env", &self.env.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The credential lookup's environment variables, from the process.
#[must_use]
pub fn credential_env() -> BTreeMap<String, String> {
    std::env::vars()
        .filter(|(k, _)| {
            matches!(
                k.as_str(),
                "GOOGLE_APPLICATION_CREDENTIALS" | "CLOUDSDK_CONFIG" | "HOME"
            )
        })
        .collect()
}

struct Ctx {
    http: Client,
    auth: TokenCache,
    e: Endpoints,
    quota_project: Option<String>,
}

impl Ctx {
    fn request(&self, url: Url) -> Request {
        let mut r = Request::get(url);
        if let Some(q) = &self.quota_project {
            r.headers.push(("x-goog-user-project", q.clone()));
        }
        r
    }

    async fn get(&self, url: Url) -> Result<Value, CallError> {
        self.http.json(&self.request(url), Some(&self.auth)).await
    }

    /// All pages of a Google list call (`pageToken` / `nextPageToken`), items under `key`.
    async fn pages(&self, url: Url, key: &str) -> Result<Vec<Value>, CallError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut u = url.clone();
            if let Some(t) = &token {
                u.query_pairs_mut().append_pair("pageToken", t);
            }
            let page = self.get(u).await?;
            if let Some(items) = page.get(key).and_then(Value::as_array) {
                out.extend(items.iter().cloned());
            }
            token = page
                .get("nextPageToken")
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    async fn assets(&self, scope: &str, content: &str) -> Result<Vec<Value>, CallError> {
        let mut u = join(&self.e.cloudasset, &format!("v1/{scope}/assets"));
        u.query_pairs_mut()
            .append_pair("contentType", content)
            .append_pair("pageSize", "1000");
        self.pages(u, "assets").await
    }
}

fn scope_list(opts: &GcpOptions, default_project: Option<&str>) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let valid = |kind: &str, id: &str| -> Result<String, String> {
        let id = id.trim();
        let id = id.strip_prefix(&format!("{kind}/")).unwrap_or(id);
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == ':')
        {
            return Err(format!("`{id}` is not a valid {kind} id"));
        }
        Ok(format!("{kind}/{id}"))
    };
    for p in &opts.projects {
        out.push(valid("projects", p)?);
    }
    for f in &opts.folders {
        out.push(valid("folders", f)?);
    }
    for o in &opts.organizations {
        out.push(valid("organizations", o)?);
    }
    if out.is_empty() {
        match default_project {
            Some(p) => out.push(valid("projects", p)?),
            None => {
                return Err(
                    "nothing to scan: pass --project, --folder or --organization (the credentials name no default project)"
                        .into(),
                );
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Collect the scopes. Fails as a whole only on unusable credentials or options; everything
/// else is per scope.
///
/// # Errors
/// A message naming what is wrong.
pub async fn collect(
    opts: &GcpOptions,
    on: OnProgress<'_>,
) -> Result<(Inventory, LiveSummary), String> {
    let e = &opts.endpoints;
    let env = |k: &str| opts.env.get(k).cloned().filter(|v| !v.is_empty());
    let found = auth::find(opts.credentials.as_deref(), &env, &e.token, &e.metadata)?;
    let scopes = scope_list(opts, found.project_id.as_deref())?;
    let mut allowed = vec![
        e.token.clone(),
        e.cloudasset.clone(),
        e.sqladmin.clone(),
        e.storage.clone(),
        e.logging.clone(),
    ];
    allowed.extend(found.extra_endpoint.clone());
    let ctx = Arc::new(Ctx {
        http: Client::new(opts.http.clone(), allowed)?,
        auth: TokenCache::new(found.source),
        e: e.clone(),
        quota_project: found.quota_project,
    });
    let mut summary = LiveSummary {
        provider: "gcp".into(),
        credential: ctx.auth.describe(),
        ..LiveSummary::default()
    };
    on(Progress::Planned {
        scopes: scopes.len(),
        steps: STEPS.len(),
    });
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, &'static str)>();
    let mut set = tokio::task::JoinSet::new();
    for scope in scopes {
        let ctx = Arc::clone(&ctx);
        let tx = tx.clone();
        set.spawn(async move { scan_scope(ctx, scope, tx).await });
    }
    drop(tx);
    while let Some((scope, step)) = rx.recv().await {
        on(Progress::Step {
            scope: &scope,
            step,
        });
    }
    let mut inv = Inventory::new();
    let mut reports = Vec::new();
    while let Some(j) = set.join_next().await {
        let (part, report) = j.map_err(|e| format!("a scope task failed: {e}"))?;
        inv.merge(part);
        reports.push(report);
    }
    reports.sort_by(|a, b| a.scope.cmp(&b.scope));
    inv.normalize();
    summary.scopes = reports;
    let st = ctx.http.stats();
    summary.calls = st.attempts.load(std::sync::atomic::Ordering::Relaxed);
    summary.retries = st.throttled.load(std::sync::atomic::Ordering::Relaxed);
    summary.reauthentications = st.reauth.load(std::sync::atomic::Ordering::Relaxed);
    Ok((inv, summary))
}

type Tx = tokio::sync::mpsc::UnboundedSender<(String, &'static str)>;

struct Scope {
    name: String,
    account: String,
    source: String,
    report: ScopeReport,
    coverage: Vec<posture_model::CoverageEntry>,
    tx: Tx,
}

impl Scope {
    fn problem(&mut self, service: &str, e: &CallError, status: CoverageStatus, what: &str) {
        let account = self.account.clone();
        self.problem_in(&account, service, e, status, what);
    }

    /// A problem confined to one project of the scope.
    fn problem_in(
        &mut self,
        account: &str,
        service: &str,
        e: &CallError,
        status: CoverageStatus,
        what: &str,
    ) {
        if self.report.problems.len() < 50 {
            self.report.problems.push(format!("{what}: {e}"));
        }
        self.coverage.push(failed_coverage(
            "gcp",
            account,
            service,
            status,
            format!("{what}: {e} ({})", e.gap_reason().as_str()),
            &self.source,
        ));
    }

    fn step(&mut self, i: usize, complete: bool) {
        self.report.steps += 1;
        if complete {
            self.report.complete += 1;
        }
        let _ = self.tx.send((self.name.clone(), STEPS[i]));
    }
}

fn import(source: &str, assets: &[Value]) -> Result<Inventory, String> {
    if assets.is_empty() {
        return Ok(Inventory::new());
    }
    let bytes = serde_json::to_vec(assets).unwrap_or_default();
    posture_collect::import_as(
        source,
        &bytes,
        Format::GcpAssetInventory,
        &ImportOptions::default(),
    )
    .map_err(|e| e.to_string())
}

/// `//cloudsql.googleapis.com/projects/P/instances/I` → (P, I).
fn sql_parts(name: &str) -> Option<(&str, &str)> {
    let rest = name.split_once("/projects/")?.1;
    let (p, rest) = rest.split_once('/')?;
    let i = rest.strip_prefix("instances/")?;
    Some((p, i))
}

async fn scan_scope(ctx: Arc<Ctx>, scope: String, tx: Tx) -> (Inventory, ScopeReport) {
    let account = scope
        .strip_prefix("projects/")
        .map_or_else(|| "*".to_owned(), str::to_owned);
    let mut sc = Scope {
        source: format!("{}v1/{scope}/assets", ctx.e.cloudasset),
        name: scope.clone(),
        account,
        report: ScopeReport {
            scope: scope.clone(),
            ..ScopeReport::default()
        },
        coverage: Vec::new(),
        tx,
    };
    let mut inv = Inventory::new();

    // 1. Resources.
    let mut assets = match ctx.assets(&scope, "RESOURCE").await {
        Ok(a) => a,
        Err(e) => {
            sc.problem("*", &e, CoverageStatus::Failed, "ListAssets (RESOURCE)");
            for i in 0..STEPS.len() {
                sc.step(i, false);
            }
            // A scope that yielded nothing is a failed input, like an unreadable export.
            inv.sources.push(SourceReport {
                path: sc.source.clone(),
                format: "gcp-live".into(),
                error: Some(e.to_string()),
                ..SourceReport::default()
            });
            inv.coverage = sc.coverage;
            return (inv, sc.report);
        }
    };
    sc.step(0, true);

    // 2. IAM policies.
    let iam_error = match ctx.assets(&scope, "IAM_POLICY").await {
        Ok(a) => {
            assets.extend(a);
            sc.step(1, true);
            None
        }
        Err(e) => {
            sc.problem("*", &e, CoverageStatus::Partial, "ListAssets (IAM_POLICY)");
            sc.step(1, false);
            Some(e)
        }
    };

    // 3. Direct reads where the assets lack settings.
    let first = match import(&sc.source, &assets) {
        Ok(i) => i,
        Err(msg) => {
            let e = CallError::Other {
                what: "normalize".into(),
                message: msg,
            };
            sc.problem(
                "*",
                &e,
                CoverageStatus::Failed,
                "Cloud Asset Inventory response",
            );
            sc.step(2, false);
            sc.step(3, false);
            inv.coverage = sc.coverage;
            return (inv, sc.report);
        }
    };
    let ancestors: HashMap<String, Value> = assets
        .iter()
        .filter_map(|a| {
            Some((
                a.get("name")?.as_str()?.to_owned(),
                a.get("ancestors").cloned().unwrap_or(Value::Null),
            ))
        })
        .collect();
    let has_sinks = assets
        .iter()
        .any(|a| a.get("assetType").and_then(Value::as_str) == Some(SINK_TYPE));
    // Sink parents: the projects in the scope, and the folder or organization itself (its
    // aggregated sinks can cover every project below it).
    let mut projects: BTreeSet<String> = BTreeSet::new();
    projects.insert(scope.clone());
    let mut set: tokio::task::JoinSet<(Read, Result<Value, CallError>)> =
        tokio::task::JoinSet::new();
    for r in &first.resources {
        match &r.config {
            Config::GcpProject(_) if !r.account.is_empty() => {
                projects.insert(format!("projects/{}", r.account));
            }
            Config::GcpSqlInstance(_)
                if r.gaps.iter().any(|g| g.reason == GapReason::NotInSource) =>
            {
                let Some((p, i)) = sql_parts(&r.uid) else {
                    continue;
                };
                let url = join(&ctx.e.sqladmin, &format!("v1/projects/{p}/instances/{i}"));
                let fields: Vec<String> = r
                    .gaps
                    .iter()
                    .filter(|g| g.reason == GapReason::NotInSource)
                    .map(|g| g.field.clone())
                    .collect();
                let read = Read::Sql {
                    uid: r.uid.clone(),
                    fields,
                };
                let ctx = Arc::clone(&ctx);
                set.spawn(async move { (read, ctx.get(url).await) });
            }
            Config::GcpStorageBucket(_)
                if r.gaps
                    .iter()
                    .any(|g| g.field == "iam_bindings" && g.reason == GapReason::NotInSource) =>
            {
                let bucket = r
                    .uid
                    .strip_prefix("//storage.googleapis.com/")
                    .unwrap_or(&r.name)
                    .to_owned();
                let url = join(&ctx.e.storage, &format!("storage/v1/b/{bucket}/iam"));
                let read = Read::BucketIam { uid: r.uid.clone() };
                let ctx = Arc::clone(&ctx);
                set.spawn(async move { (read, ctx.get(url).await) });
            }
            _ => {}
        }
    }
    if !has_sinks {
        for p in &projects {
            let url = join(&ctx.e.logging, &format!("v2/{p}/sinks"));
            let read = Read::Sinks { parent: p.clone() };
            let ctx = Arc::clone(&ctx);
            set.spawn(async move {
                let r = ctx.pages(url, "sinks").await.map(Value::Array);
                (read, r)
            });
        }
    }
    drop(first);
    let mut results = Vec::new();
    while let Some(j) = set.join_next().await {
        if let Ok(r) = j {
            results.push(r);
        }
    }
    results.sort_by(|a, b| a.0.key().cmp(&b.0.key()));
    let mut complete = true;
    let mut patches = Vec::new();
    let mut bucket_iam_read: BTreeSet<String> = BTreeSet::new();
    for (read, r) in results {
        match (read, r) {
            (Read::Sql { uid, .. }, Ok(data)) => {
                let location = data.get("region").cloned().unwrap_or(Value::Null);
                assets.push(json!({
                    "name": uid,
                    "assetType": SQL_TYPE,
                    "resource": {"data": data, "location": location},
                    "ancestors": ancestors.get(&uid).cloned().unwrap_or(Value::Null),
                }));
            }
            (Read::Sql { uid, fields }, Err(e)) => {
                complete = false;
                sc.problem("sqladmin", &e, CoverageStatus::Partial, "instances.get");
                let mut p = Patch::new(&uid);
                let f: Vec<&str> = fields.iter().map(String::as_str).collect();
                p.failed(&f, "cloudsql.instances.get", &e);
                patches.push(p);
            }
            (Read::BucketIam { uid }, Ok(policy)) => {
                bucket_iam_read.insert(uid.clone());
                assets.push(json!({
                    "name": uid,
                    "assetType": BUCKET_TYPE,
                    "iamPolicy": policy,
                    "ancestors": ancestors.get(&uid).cloned().unwrap_or(Value::Null),
                }));
            }
            (Read::BucketIam { uid }, Err(e)) => {
                complete = false;
                bucket_iam_read.insert(uid.clone());
                sc.problem(
                    "storage",
                    &e,
                    CoverageStatus::Partial,
                    "buckets.getIamPolicy",
                );
                let mut p = Patch::new(&uid);
                p.failed(&["iam_bindings"], "storage.buckets.getIamPolicy", &e);
                patches.push(p);
            }
            (Read::Sinks { parent }, Ok(Value::Array(sinks))) => {
                for s in sinks {
                    let Some(n) = s.get("name").and_then(Value::as_str) else {
                        continue;
                    };
                    assets.push(json!({
                        "name": format!("//logging.googleapis.com/{parent}/sinks/{n}"),
                        "assetType": SINK_TYPE,
                        "resource": {"data": s, "location": "global"},
                        "ancestors": [parent],
                    }));
                }
            }
            (Read::Sinks { .. }, Ok(_)) => {}
            (Read::Sinks { parent }, Err(e)) => {
                complete = false;
                let account = parent
                    .strip_prefix("projects/")
                    .map_or_else(|| sc.account.clone(), str::to_owned);
                sc.problem_in(
                    &account,
                    "logging",
                    &e,
                    CoverageStatus::Partial,
                    &format!("sinks.list ({parent})"),
                );
            }
        }
    }
    sc.step(2, complete);

    // 4. Normalize.
    match import(&sc.source, &assets) {
        Ok(mut part) => {
            for s in &mut part.sources {
                // Normalized like a Cloud Asset Inventory export, but collected live.
                s.format = "gcp-live".into();
            }
            if let Some(e) = &iam_error {
                // IAM content could not be listed: every IAM field not read directly is
                // unknown for that reason, not merely "not in the export".
                for r in &part.resources {
                    if bucket_iam_read.contains(&r.uid) {
                        continue;
                    }
                    if r.gaps
                        .iter()
                        .any(|g| g.field == "iam_bindings" && g.reason == GapReason::NotInSource)
                    {
                        let mut p = Patch::new(&r.uid);
                        p.failed(&["iam_bindings"], "cloudasset.assets.listIamPolicy", e);
                        patches.push(p);
                    }
                }
            }
            apply_patches(&mut part, patches);
            sc.report.resources = part.resources.len() as u64;
            inv.merge(part);
            sc.step(3, true);
        }
        Err(msg) => {
            let e = CallError::Other {
                what: "normalize".into(),
                message: msg,
            };
            sc.problem("*", &e, CoverageStatus::Failed, "normalize");
            sc.step(3, false);
        }
    }
    inv.coverage.extend(sc.coverage);
    (inv, sc.report)
}

enum Read {
    Sql { uid: String, fields: Vec<String> },
    BucketIam { uid: String },
    Sinks { parent: String },
}

impl Read {
    fn key(&self) -> (u8, &str) {
        match self {
            Read::Sql { uid, .. } => (0, uid),
            Read::BucketIam { uid } => (1, uid),
            Read::Sinks { parent } => (2, parent),
        }
    }
}
