//! # posture-collect-azure
//!
//! `posture scan azure`: collect an Azure estate live and normalize it exactly like a Resource
//! Graph export.
//!
//! Per subscription (subscriptions run concurrently, calls are bounded by the client):
//!
//! 1. **resource graph** — `POST /providers/Microsoft.ResourceGraph/resources` with the
//!    `Resources` and `ResourceContainers` queries, paged by `$skipToken`;
//! 2. **subscription settings** — ARM lists Resource Graph lacks or shapes differently:
//!    Defender for Cloud pricings, security contacts, subscription diagnostic settings, role
//!    assignments and custom role definitions (their items are ARM resources and are fed to the
//!    importer as rows);
//! 3. **resource settings** — per-resource ARM reads ([`READS`]): blob and file service
//!    properties,
//!    SQL firewall rules / auditing / TDE protector, App Service `config/web`, Key Vault keys,
//!    secrets (attributes only) and diagnostic settings;
//! 4. **normalize** — every row goes through the Resource Graph importer
//!    ([`posture_collect::import_as`]), then settings from step 3 are patched into the
//!    normalized resources.
//!
//! Partial failure is honest: a subscription that answers 403 becomes a failed coverage entry
//! and the scan continues; a read that fails for one resource becomes a gap on the fields it
//! would have filled (reason denied / throttled / timeout), so rules report *Unknown* there.
#![warn(missing_docs)]

mod auth;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use auth::CredentialKind;
use posture_collect::{Format, ImportOptions};
use posture_collect_http::live::{
    LiveSummary, OnProgress, Patch, Progress, ScopeReport, apply_patches, failed_coverage,
};
use posture_collect_http::{
    CallError, Client, HttpOptions, Request, TokenCache, Url, base_url, join,
};
use posture_model::{CoverageStatus, Gap, GapReason, Inventory, SourceReport};
use serde_json::{Value, json};

const API_SUBSCRIPTIONS: &str = "2022-12-01";
const API_GRAPH: &str = "2022-10-01";
const STEPS: [&str; 4] = [
    "resource graph",
    "subscription settings",
    "resource settings",
    "normalize",
];

/// Where the Azure APIs are. Defaults are the public cloud; [`Endpoints::cloud`] gives the
/// sovereign clouds; every URL can be overridden (tests point them at 127.0.0.1).
#[derive(Clone, Debug)]
pub struct Endpoints {
    /// Microsoft Entra ID authority (`https://login.microsoftonline.com`).
    pub authority_host: Url,
    /// Azure Resource Manager (`https://management.azure.com`); also the token audience.
    pub resource_manager: Url,
    /// Resource Graph (defaults to the Resource Manager URL).
    pub resource_graph: Url,
    /// Managed identity token endpoint (unset: `IDENTITY_ENDPOINT`, else IMDS when the
    /// managed-identity credential is chosen).
    pub managed_identity: Option<Url>,
}

impl Endpoints {
    /// The endpoints of a named cloud: `public` (`AzureCloud`), `usgov`
    /// (`AzureUSGovernment`) or `china` (`AzureChinaCloud`).
    ///
    /// # Errors
    /// An unknown name.
    pub fn cloud(name: &str) -> Result<Endpoints, String> {
        let (login, arm) = match name.trim().to_ascii_lowercase().as_str() {
            "public" | "azurecloud" | "" => (
                "https://login.microsoftonline.com",
                "https://management.azure.com",
            ),
            "usgov" | "azureusgovernment" => (
                "https://login.microsoftonline.us",
                "https://management.usgovcloudapi.net",
            ),
            "china" | "azurechinacloud" => (
                "https://login.chinacloudapi.cn",
                "https://management.chinacloudapi.cn",
            ),
            other => {
                return Err(format!(
                    "unknown Azure cloud `{other}` (expected public, usgov or china)"
                ));
            }
        };
        let arm = base_url("resource_manager", arm)?;
        Ok(Endpoints {
            authority_host: base_url("authority_host", login)?,
            resource_graph: arm.clone(),
            resource_manager: arm,
            managed_identity: None,
        })
    }
}

/// What to scan and how. `Debug` lists the environment's variable names, never their values.
#[derive(Clone)]
pub struct AzureOptions {
    /// Endpoints.
    pub endpoints: Endpoints,
    /// Credential choice.
    pub credential: CredentialKind,
    /// Subscriptions to scan (empty: every enabled subscription the identity can see, or those
    /// under `management_groups`).
    pub subscriptions: Vec<String>,
    /// Management groups whose subscriptions are scanned.
    pub management_groups: Vec<String>,
    /// HTTP limits and retries.
    pub http: HttpOptions,
    /// Environment variables the credential reads (`AZURE_*`, `IDENTITY_*`, `PATH` for `az`).
    pub env: BTreeMap<String, String>,
}

impl std::fmt::Debug for AzureOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AzureOptions")
            .field("endpoints", &self.endpoints)
            .field("credential", &self.credential)
            .field("subscriptions", &self.subscriptions)
            .field("management_groups", &self.management_groups)
            .field("http", &self.http)
            .field("env", &self.env.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The credential environment variables read from the process.
#[must_use]
pub fn credential_env() -> BTreeMap<String, String> {
    std::env::vars()
        .filter(|(k, _)| k.starts_with("AZURE_") || k.starts_with("IDENTITY_") || k == "PATH")
        .collect()
}

struct Ctx {
    http: Client,
    auth: TokenCache,
    arm: Url,
    graph: Url,
}

/// How a per-resource read's response reaches the importer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// Not at all: only [`Read::map`] patches the resource.
    No,
    /// The response is one ARM resource (a child such as `blobServices/default`), fed as a row
    /// so the importer can merge it into its parent.
    One,
    /// The response is a list (`value` + `nextLink`) whose items are rows.
    List,
}

/// One per-resource ARM read: which resource type, which child path, which fields of the typed
/// configuration it fills (directly through `map`, or through the importer merging the rows into
/// the parent) and, on failure, leaves with a gap naming the permission and the reason.
pub struct Read {
    /// Resource type (lower case, as Resource Graph writes it).
    pub resource_type: &'static str,
    /// Child path appended to the resource id.
    pub path: &'static str,
    /// `api-version`.
    pub api_version: &'static str,
    /// The ARM permission the read needs (named in gaps).
    pub permission: &'static str,
    /// Typed-config fields it fills.
    pub fields: &'static [&'static str],
    /// Map the response to field values.
    pub map: fn(&Value) -> Vec<(&'static str, Value)>,
    /// Whether (and how) the response is also fed to the importer as rows.
    pub rows: Rows,
    /// Coverage service (`microsoft.storage`).
    pub service: &'static str,
}

fn prop<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut cur = v.get("properties")?;
    for p in path {
        cur = cur.get(p)?;
    }
    Some(cur).filter(|x| !x.is_null())
}

fn map_blob_service(v: &Value) -> Vec<(&'static str, Value)> {
    prop(v, &["deleteRetentionPolicy", "enabled"])
        .map(|e| vec![("blob_soft_delete_enabled", e.clone())])
        .unwrap_or_default()
}

fn map_firewall_rules(v: &Value) -> Vec<(&'static str, Value)> {
    // Rules present are merged by the importer (they are rows); an empty list is an observed
    // "no rules", which the importer cannot tell from "not in the file".
    match v.get("value").and_then(Value::as_array) {
        Some(items) if items.is_empty() => vec![("firewall_rules", json!([]))],
        _ => Vec::new(),
    }
}

fn map_auditing(v: &Value) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    if let Some(s) = prop(v, &["state"]).and_then(Value::as_str) {
        out.push(("auditing_enabled", json!(s.eq_ignore_ascii_case("Enabled"))));
    }
    if let Some(d) = prop(v, &["retentionDays"]) {
        out.push(("auditing_retention_days", d.clone()));
    }
    out
}

fn map_tde(v: &Value) -> Vec<(&'static str, Value)> {
    prop(v, &["serverKeyType"])
        .and_then(Value::as_str)
        .map(|t| {
            vec![(
                "tde_customer_managed_key",
                json!(t.eq_ignore_ascii_case("AzureKeyVault")),
            )]
        })
        .unwrap_or_default()
}

fn map_site_config(v: &Value) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for (field, key) in [
        ("min_tls_version", "minTlsVersion"),
        ("ftps_state", "ftpsState"),
        ("remote_debugging_enabled", "remoteDebuggingEnabled"),
        ("http20_enabled", "http20Enabled"),
    ] {
        if let Some(x) = prop(v, &[key]) {
            out.push((field, x.clone()));
        }
    }
    out
}

fn map_nothing(_: &Value) -> Vec<(&'static str, Value)> {
    Vec::new()
}

/// The per-resource reads of step 3.
pub const READS: &[Read] = &[
    Read {
        resource_type: "microsoft.storage/storageaccounts",
        path: "blobServices/default",
        api_version: "2023-05-01",
        permission: "Microsoft.Storage/storageAccounts/blobServices/read",
        fields: &[
            "blob_soft_delete_enabled",
            "container_soft_delete_enabled",
            "blob_versioning_enabled",
        ],
        map: map_blob_service,
        rows: Rows::One,
        service: "microsoft.storage",
    },
    Read {
        resource_type: "microsoft.storage/storageaccounts",
        path: "fileServices/default",
        api_version: "2023-05-01",
        permission: "Microsoft.Storage/storageAccounts/fileServices/read",
        fields: &[
            "file_share_soft_delete_enabled",
            "smb_versions",
            "smb_channel_encryption",
        ],
        map: map_nothing,
        rows: Rows::One,
        service: "microsoft.storage",
    },
    Read {
        resource_type: "microsoft.sql/servers",
        path: "firewallRules",
        api_version: "2021-11-01",
        permission: "Microsoft.Sql/servers/firewallRules/read",
        fields: &["firewall_rules"],
        map: map_firewall_rules,
        rows: Rows::List,
        service: "microsoft.sql",
    },
    Read {
        resource_type: "microsoft.sql/servers",
        path: "auditingSettings/default",
        api_version: "2021-11-01",
        permission: "Microsoft.Sql/servers/auditingSettings/read",
        fields: &["auditing_enabled", "auditing_retention_days"],
        map: map_auditing,
        rows: Rows::One,
        service: "microsoft.sql",
    },
    Read {
        resource_type: "microsoft.sql/servers",
        path: "encryptionProtector/current",
        api_version: "2021-11-01",
        permission: "Microsoft.Sql/servers/encryptionProtector/read",
        fields: &["tde_customer_managed_key"],
        map: map_tde,
        rows: Rows::No,
        service: "microsoft.sql",
    },
    Read {
        resource_type: "microsoft.web/sites",
        path: "config/web",
        api_version: "2023-12-01",
        permission: "Microsoft.Web/sites/config/read",
        fields: &[
            "min_tls_version",
            "ftps_state",
            "remote_debugging_enabled",
            "http20_enabled",
        ],
        map: map_site_config,
        rows: Rows::No,
        service: "microsoft.web",
    },
    Read {
        resource_type: "microsoft.keyvault/vaults",
        path: "keys",
        api_version: "2023-07-01",
        permission: "Microsoft.KeyVault/vaults/keys/read",
        fields: &[],
        map: map_nothing,
        rows: Rows::List,
        service: "microsoft.keyvault",
    },
    Read {
        // Management-plane listing: attributes (enabled, expiry) only, never secret values
        // (any `value` is dropped before normalization all the same).
        resource_type: "microsoft.keyvault/vaults",
        path: "secrets",
        api_version: "2023-07-01",
        permission: "Microsoft.KeyVault/vaults/secrets/read",
        fields: &[],
        map: map_nothing,
        rows: Rows::List,
        service: "microsoft.keyvault",
    },
    Read {
        resource_type: "microsoft.keyvault/vaults",
        path: "providers/Microsoft.Insights/diagnosticSettings",
        api_version: "2021-05-01-preview",
        permission: "Microsoft.Insights/diagnosticSettings/read",
        fields: &[],
        map: map_nothing,
        rows: Rows::List,
        service: "microsoft.insights",
    },
];

/// Subscription-level lists of step 2: (path under the subscription, api-version, filter,
/// coverage service, gap field on the subscription resource).
const SUBSCRIPTION_LISTS: &[(&str, &str, Option<&str>, &str, &str)] = &[
    (
        "providers/Microsoft.Security/pricings",
        "2024-01-01",
        None,
        "microsoft.security",
        "defender_pricings",
    ),
    (
        "providers/Microsoft.Security/securityContacts",
        "2023-12-01-preview",
        None,
        "microsoft.security",
        "security_contacts",
    ),
    (
        "providers/Microsoft.Insights/diagnosticSettings",
        "2021-05-01-preview",
        None,
        "microsoft.insights",
        "diagnostic_settings",
    ),
    (
        "providers/Microsoft.Authorization/roleAssignments",
        "2022-04-01",
        None,
        "microsoft.authorization",
        "role_assignments",
    ),
    (
        "providers/Microsoft.Authorization/roleDefinitions",
        "2022-04-01",
        Some("type eq 'CustomRole'"),
        "microsoft.authorization",
        "custom_role_definitions",
    ),
];

fn with_query(mut u: Url, pairs: &[(&str, &str)]) -> Url {
    {
        let mut q = u.query_pairs_mut();
        for (k, v) in pairs {
            q.append_pair(k, v);
        }
    }
    u
}

impl Ctx {
    /// GET an ARM list, following `nextLink`s (which must stay under the configured endpoint).
    async fn list(&self, url: Url) -> Result<Vec<Value>, CallError> {
        let mut out = Vec::new();
        let mut next = Some(url);
        while let Some(u) = next.take() {
            let page: Value = self.http.json(&Request::get(u), Some(&self.auth)).await?;
            if let Some(items) = page.get("value").and_then(Value::as_array) {
                out.extend(items.iter().cloned());
            }
            if let Some(link) = page.get("nextLink").and_then(Value::as_str) {
                let parsed = Url::parse(link).map_err(|e| CallError::Other {
                    what: "nextLink".into(),
                    message: format!("not a URL: {e}"),
                })?;
                next = Some(parsed);
            }
        }
        Ok(out)
    }

    /// Run a Resource Graph query over one subscription or management group, all pages.
    async fn graph(&self, scope: (&str, &str), query: &str) -> Result<Vec<Value>, CallError> {
        let url = with_query(
            join(&self.graph, "providers/Microsoft.ResourceGraph/resources"),
            &[("api-version", API_GRAPH)],
        );
        let mut out = Vec::new();
        let mut skip: Option<String> = None;
        loop {
            let mut options = json!({"resultFormat": "objectArray", "$top": 1000});
            if let Some(t) = &skip {
                options["$skipToken"] = json!(t);
            }
            let body = json!({ scope.0: [scope.1], "query": query, "options": options });
            let page: Value = self
                .http
                .json(&Request::post_json(url.clone(), body), Some(&self.auth))
                .await?;
            let Some(rows) = page.get("data").and_then(Value::as_array) else {
                return Err(CallError::Other {
                    what: "POST /providers/Microsoft.ResourceGraph/resources".into(),
                    message: "response has no `data` array (expected resultFormat objectArray)"
                        .into(),
                });
            };
            out.extend(rows.iter().cloned());
            skip = page
                .get("$skipToken")
                .or_else(|| page.get("skipToken"))
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
            if skip.is_none() {
                if page.get("resultTruncated").and_then(Value::as_str) == Some("true")
                    || page.get("resultTruncated").and_then(Value::as_bool) == Some(true)
                {
                    return Err(CallError::Other {
                        what: "POST /providers/Microsoft.ResourceGraph/resources".into(),
                        message: "Resource Graph truncated the result without a skip token".into(),
                    });
                }
                return Ok(out);
            }
        }
    }
}

/// Collect the estate. Fails as a whole only when no subscription can be listed (bad
/// credentials, unreachable endpoint); everything after that is per subscription.
///
/// # Errors
/// A message saying what could not be done and why.
pub async fn collect(
    opts: &AzureOptions,
    on: OnProgress<'_>,
) -> Result<(Inventory, LiveSummary), String> {
    let e = &opts.endpoints;
    let resource = e.resource_manager.as_str().trim_end_matches('/').to_owned();
    let (source, mi_url) = auth::credential(
        opts.credential,
        &opts.env,
        &e.authority_host,
        &resource,
        e.managed_identity.as_ref(),
    )?;
    let mut allowed = vec![
        e.authority_host.clone(),
        e.resource_manager.clone(),
        e.resource_graph.clone(),
    ];
    allowed.extend(mi_url);
    let http = Client::new(opts.http.clone(), allowed)?;
    let ctx = Arc::new(Ctx {
        http,
        auth: TokenCache::new(source),
        arm: e.resource_manager.clone(),
        graph: e.resource_graph.clone(),
    });
    let mut summary = LiveSummary {
        provider: "azure".into(),
        credential: ctx.auth.describe(),
        ..LiveSummary::default()
    };
    let subs = subscriptions(&ctx, opts).await?;
    on(Progress::Planned {
        scopes: subs.len(),
        steps: STEPS.len(),
    });
    let mut inv = Inventory::new();
    let mut set = tokio::task::JoinSet::new();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, &'static str)>();
    for (sub, verify) in subs {
        let ctx = Arc::clone(&ctx);
        let tx = tx.clone();
        set.spawn(async move { scan_subscription(ctx, sub, verify, tx).await });
    }
    drop(tx);
    // Progress events arrive while subscriptions run; results when each ends.
    while let Some((scope, step)) = rx.recv().await {
        on(Progress::Step {
            scope: &scope,
            step,
        });
    }
    let mut reports = Vec::new();
    while let Some(joined) = set.join_next().await {
        let (part, report) = joined.map_err(|e| format!("a subscription task failed: {e}"))?;
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

/// The subscriptions to scan; the flag says whether the subscription must be verified first
/// (named explicitly rather than listed by ARM).
async fn subscriptions(ctx: &Ctx, opts: &AzureOptions) -> Result<Vec<(String, bool)>, String> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for s in &opts.subscriptions {
        let id = s.trim().to_ascii_lowercase();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!(
                "`{s}` is not a subscription id (expected a GUID such as 3f1c9a52-6d4e-4b8f-a2c7-1e5d9b0c4a21)"
            ));
        }
        out.push((id, true));
    }
    for mg in &opts.management_groups {
        let rows = ctx
            .graph(
                ("managementGroups", mg),
                "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project subscriptionId",
            )
            .await
            .map_err(|e| format!("cannot list the subscriptions of management group {mg}: {e}"))?;
        for r in rows {
            if let Some(s) = r.get("subscriptionId").and_then(Value::as_str) {
                out.push((s.to_ascii_lowercase(), false));
            }
        }
    }
    if opts.subscriptions.is_empty() && opts.management_groups.is_empty() {
        let url = with_query(
            join(&ctx.arm, "subscriptions"),
            &[("api-version", API_SUBSCRIPTIONS)],
        );
        let items = ctx
            .list(url)
            .await
            .map_err(|e| format!("cannot list subscriptions: {e}"))?;
        for s in items {
            let enabled = s
                .get("state")
                .and_then(Value::as_str)
                .is_none_or(|st| st.eq_ignore_ascii_case("Enabled"));
            if let (true, Some(id)) = (enabled, s.get("subscriptionId").and_then(Value::as_str)) {
                out.push((id.to_ascii_lowercase(), false));
            }
        }
        if out.is_empty() {
            return Err(format!(
                "the identity ({}) sees no enabled subscription; grant it Reader on the subscriptions to scan or pass --subscription",
                ctx.auth.describe()
            ));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    Ok(out)
}

type Tx = tokio::sync::mpsc::UnboundedSender<(String, &'static str)>;

struct Scope {
    sub: String,
    name: String,
    source: String,
    report: ScopeReport,
    coverage: Vec<posture_model::CoverageEntry>,
    tx: Tx,
}

impl Scope {
    fn problem(&mut self, service: &str, e: &CallError, status: CoverageStatus) {
        if self.report.problems.len() < 50 {
            self.report.problems.push(e.to_string());
        }
        self.coverage.push(failed_coverage(
            "azure",
            &self.sub,
            service,
            status,
            format!("{} ({})", e, e.gap_reason().as_str()),
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

async fn scan_subscription(
    ctx: Arc<Ctx>,
    sub: String,
    verify: bool,
    tx: Tx,
) -> (Inventory, ScopeReport) {
    let name = format!("subscriptions/{sub}");
    let mut sc = Scope {
        source: format!("{}{name}", ctx.arm),
        sub: sub.clone(),
        report: ScopeReport {
            scope: name.clone(),
            ..ScopeReport::default()
        },
        name,
        coverage: Vec::new(),
        tx,
    };
    let mut inv = Inventory::new();

    // 1. Resource Graph.
    let first = async {
        if verify {
            let url = with_query(
                join(&ctx.arm, &format!("subscriptions/{sub}")),
                &[("api-version", API_SUBSCRIPTIONS)],
            );
            ctx.http.send(&Request::get(url), Some(&ctx.auth)).await?;
        }
        ctx.graph(("subscriptions", &sub), "Resources").await
    };
    let mut rows = match first.await {
        Ok(r) => r,
        Err(e) => {
            sc.problem("*", &e, CoverageStatus::Failed);
            for i in 0..STEPS.len() {
                sc.step(i, false);
            }
            // A scope that yielded nothing is a failed input, like an unreadable export.
            inv.sources.push(SourceReport {
                path: sc.source.clone(),
                format: "azure-live".into(),
                error: Some(e.to_string()),
                ..SourceReport::default()
            });
            inv.coverage = sc.coverage;
            return (inv, sc.report);
        }
    };
    let mut complete = true;
    match ctx
        .graph(("subscriptions", &sub), "ResourceContainers")
        .await
    {
        Ok(r) => rows.extend(r),
        Err(e) => {
            complete = false;
            sc.problem("microsoft.resources", &e, CoverageStatus::Partial);
        }
    }
    sc.step(0, complete);

    // 2. Subscription-level lists.
    let mut patches: Vec<Patch> = Vec::new();
    let mut sub_patch = Patch::new(&format!("/subscriptions/{sub}"));
    let mut set = tokio::task::JoinSet::new();
    for (i, (path, api, filter, _, _)) in SUBSCRIPTION_LISTS.iter().enumerate() {
        let mut q = vec![("api-version", *api)];
        if let Some(f) = filter {
            q.push(("$filter", *f));
        }
        let url = with_query(join(&ctx.arm, &format!("subscriptions/{sub}/{path}")), &q);
        let ctx = Arc::clone(&ctx);
        set.spawn(async move { (i, ctx.list(url).await) });
    }
    let mut complete = true;
    let mut results = Vec::new();
    while let Some(j) = set.join_next().await {
        if let Ok(r) = j {
            results.push(r);
        }
    }
    results.sort_by_key(|(i, _)| *i);
    for (i, r) in results {
        let (path, _, _, service, field) = SUBSCRIPTION_LISTS[i];
        match r {
            Ok(items) => rows.extend(items),
            Err(e) => {
                complete = false;
                sc.problem(service, &e, CoverageStatus::Partial);
                sub_patch.failed(&[field], &format!("GET {path}"), &e);
            }
        }
    }
    patches.push(sub_patch);
    sc.step(1, complete);

    // 3. Per-resource reads.
    let mut set = tokio::task::JoinSet::new();
    for row in &rows {
        let (Some(id), Some(ty)) = (
            row.get("id").and_then(Value::as_str),
            row.get("type").and_then(Value::as_str),
        ) else {
            continue;
        };
        let ty = ty.to_ascii_lowercase();
        for (ri, read) in READS.iter().enumerate() {
            if read.resource_type != ty {
                continue;
            }
            let url = with_query(
                join(
                    &ctx.arm,
                    &format!("{}/{}", id.trim_end_matches('/'), read.path),
                ),
                &[("api-version", read.api_version)],
            );
            let uid = id.to_ascii_lowercase();
            let ctx = Arc::clone(&ctx);
            set.spawn(async move {
                let r = if read.rows == Rows::List {
                    ctx.list(url).await.map(|items| json!({ "value": items }))
                } else {
                    ctx.http
                        .json::<Value>(&Request::get(url), Some(&ctx.auth))
                        .await
                };
                (ri, uid, r)
            });
        }
    }
    let mut complete = true;
    let mut outcomes = Vec::new();
    while let Some(j) = set.join_next().await {
        if let Ok(o) = j {
            outcomes.push(o);
        }
    }
    outcomes.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut failed_services: BTreeMap<&str, (u64, CallError)> = BTreeMap::new();
    for (ri, uid, r) in outcomes {
        let read = &READS[ri];
        let mut p = Patch::new(&uid);
        match r {
            Ok(v) => {
                let mapped = (read.map)(&v);
                for (f, val) in mapped {
                    p.set(f, val);
                }
                for f in read.fields {
                    if read.rows == Rows::No && !p.fields.contains_key(*f) {
                        p.gaps.push(Gap {
                            field: (*f).to_owned(),
                            api: Some(read.permission.to_owned()),
                            reason: GapReason::NotInSource,
                            detail: format!("the `{}` response does not say", read.path),
                        });
                    }
                }
                let items: Vec<&Value> = match read.rows {
                    Rows::No => Vec::new(),
                    Rows::One => vec![&v],
                    Rows::List => v
                        .get("value")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().collect())
                        .unwrap_or_default(),
                };
                for item in items {
                    let mut item = item.clone();
                    if let Some(p) = item.get_mut("properties").and_then(Value::as_object_mut) {
                        p.remove("value");
                    }
                    rows.push(item);
                }
            }
            Err(e) => {
                complete = false;
                p.failed(read.fields, read.permission, &e);
                let entry = failed_services.entry(read.service).or_insert((0, e));
                entry.0 += 1;
            }
        }
        patches.push(p);
    }
    for (service, (n, e)) in failed_services {
        if sc.report.problems.len() < 50 {
            sc.report
                .problems
                .push(format!("{service}: {n} reads failed, e.g. {e}"));
        }
        sc.coverage.push(failed_coverage(
            "azure",
            &sub,
            service,
            CoverageStatus::Partial,
            format!(
                "{n} resource setting reads failed ({}): {e}",
                e.gap_reason().as_str()
            ),
            &sc.source,
        ));
    }
    sc.step(2, complete);

    // 4. Normalize through the Resource Graph importer, then patch.
    let doc = json!({ "count": rows.len(), "data": rows });
    let bytes = serde_json::to_vec(&doc).unwrap_or_default();
    drop(doc);
    match posture_collect::import_as(
        &sc.source,
        &bytes,
        Format::AzureResourceGraph,
        &ImportOptions::default(),
    ) {
        Ok(mut part) => {
            for s in &mut part.sources {
                // Normalized like a Resource Graph export, but collected live.
                s.format = "azure-live".into();
            }
            apply_patches(&mut part, patches);
            sc.report.resources = part.resources.len() as u64;
            inv.merge(part);
            sc.step(3, true);
        }
        Err(err) => {
            let e = CallError::Other {
                what: "normalize".into(),
                message: err.to_string(),
            };
            sc.problem("*", &e, CoverageStatus::Failed);
            sc.step(3, false);
        }
    }
    inv.coverage.extend(sc.coverage);
    (inv, sc.report)
}
