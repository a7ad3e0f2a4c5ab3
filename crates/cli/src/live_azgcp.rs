//! `posture scan azure` and `posture scan gcp`: live collection instead of export files.
//!
//! The first positional argument of `scan` names the provider; everything after collection
//! (evaluation, risk, reports, the store) is the same as for exports.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Args;
use posture_collect_http::live::{LiveSummary, Progress};
use posture_collect_http::{HttpOptions, Url, base_url};
use posture_config::Config;
use posture_model::Inventory;

const AZURE_ENDPOINTS: &[&str] = &[
    "authority_host",
    "resource_manager",
    "resource_graph",
    "managed_identity_endpoint",
];
const GCP_ENDPOINTS: &[&str] = &[
    "token_endpoint",
    "cloudasset_endpoint",
    "sqladmin_endpoint",
    "storage_endpoint",
    "logging_endpoint",
    "metadata_endpoint",
];

/// Flags of the live Azure and GCP scans.
#[derive(Args, Debug, Default)]
pub(crate) struct LiveArgs {
    /// `scan azure`: subscription id to scan (repeat for several; default: `[azure]
    /// subscriptions`, else every enabled subscription the identity can read).
    #[arg(
        long = "subscription",
        value_name = "ID",
        help_heading = "Live Azure (posture scan azure)"
    )]
    pub subscriptions: Vec<String>,
    /// `scan azure`: scan the subscriptions under this management group (repeatable).
    #[arg(
        long = "management-group",
        value_name = "ID",
        help_heading = "Live Azure (posture scan azure)"
    )]
    pub management_groups: Vec<String>,
    /// `scan azure`: credential (auto, client-secret, certificate, managed-identity, cli;
    /// default `[azure] credential`, else auto).
    #[arg(
        long = "azure-credential",
        value_name = "KIND",
        help_heading = "Live Azure (posture scan azure)"
    )]
    pub azure_credential: Option<String>,
    /// `scan gcp`: project id to scan (repeatable).
    #[arg(
        long = "project",
        value_name = "ID",
        help_heading = "Live GCP (posture scan gcp)"
    )]
    pub projects: Vec<String>,
    /// `scan gcp`: folder id to scan (repeatable).
    #[arg(
        long = "folder",
        value_name = "ID",
        help_heading = "Live GCP (posture scan gcp)"
    )]
    pub folders: Vec<String>,
    /// `scan gcp`: organization id to scan (repeatable).
    #[arg(
        long = "organization",
        value_name = "ID",
        help_heading = "Live GCP (posture scan gcp)"
    )]
    pub organizations: Vec<String>,
    /// `scan gcp`: service-account key or application-default credentials file (default
    /// `GOOGLE_APPLICATION_CREDENTIALS`, then gcloud's ADC file, then the metadata server).
    #[arg(
        long = "credentials",
        value_name = "FILE",
        help_heading = "Live GCP (posture scan gcp)"
    )]
    pub credentials: Option<PathBuf>,
    /// Override an API endpoint, `NAME=URL` (repeatable). Azure: authority_host,
    /// resource_manager, resource_graph, managed_identity_endpoint; GCP: token_endpoint,
    /// cloudasset_endpoint, sqladmin_endpoint, storage_endpoint, logging_endpoint,
    /// metadata_endpoint. Same names as in `posture.toml` `[azure]` / `[gcp]`.
    #[arg(
        long = "endpoint",
        value_name = "NAME=URL",
        help_heading = "Live Azure and GCP"
    )]
    pub endpoints: Vec<String>,
}

/// The live providers of this module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Live {
    Azure,
    Gcp,
}

/// `Some` when the first positional argument of `scan` is `azure` or `gcp`.
pub(crate) fn provider(paths: &[PathBuf]) -> Option<Live> {
    match paths.first()?.to_str()? {
        "azure" => Some(Live::Azure),
        "gcp" => Some(Live::Gcp),
        _ => None,
    }
}

impl LiveArgs {
    fn azure_flags(&self) -> bool {
        !self.subscriptions.is_empty()
            || !self.management_groups.is_empty()
            || self.azure_credential.is_some()
    }

    fn gcp_flags(&self) -> bool {
        !self.projects.is_empty()
            || !self.folders.is_empty()
            || !self.organizations.is_empty()
            || self.credentials.is_some()
    }

    /// Reject live flags on an export scan (they would be silently ignored).
    pub(crate) fn check_unused(&self) -> anyhow::Result<()> {
        if self.azure_flags() || self.gcp_flags() || !self.endpoints.is_empty() {
            bail!(
                "--subscription, --management-group, --project, --folder, --organization, --credentials and --endpoint apply to live scans: `posture scan azure` or `posture scan gcp`"
            );
        }
        Ok(())
    }

    fn endpoint_overrides(&self, names: &[&str]) -> anyhow::Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for e in &self.endpoints {
            let Some((k, v)) = e.split_once('=') else {
                bail!("--endpoint `{e}`: expected NAME=URL");
            };
            let k = k.trim();
            if !names.contains(&k) {
                bail!(
                    "--endpoint `{k}`: unknown endpoint for this provider (expected one of: {})",
                    names.join(", ")
                );
            }
            out.insert(k.to_owned(), v.trim().to_owned());
        }
        Ok(out)
    }
}

fn http_options(
    concurrency: Option<u64>,
    timeout: Option<&str>,
    retries: Option<u64>,
    section: &str,
) -> anyhow::Result<HttpOptions> {
    let mut h = HttpOptions::default();
    if let Some(c) = concurrency {
        h.concurrency = usize::try_from(c).unwrap_or(usize::MAX).clamp(1, 256);
    }
    if let Some(t) = timeout {
        let secs = posture_config::parse_duration(t)
            .map_err(|e| anyhow::anyhow!("[{section}] timeout: {e}"))?;
        h.timeout = Duration::from_secs(secs);
    }
    if let Some(r) = retries {
        h.max_retries = u32::try_from(r).unwrap_or(u32::MAX).min(20);
    }
    Ok(h)
}

fn url(name: &str, v: &str) -> anyhow::Result<Url> {
    base_url(name, v).map_err(|e| anyhow::anyhow!("endpoint {e}"))
}

pub(crate) fn azure_options(
    args: &LiveArgs,
    cfg: &Config,
) -> anyhow::Result<posture_collect_azure::AzureOptions> {
    let c = &cfg.azure;
    let over = args.endpoint_overrides(AZURE_ENDPOINTS)?;
    let pick = |k: &str, conf: &Option<String>| over.get(k).cloned().or_else(|| conf.clone());
    let mut e = posture_collect_azure::Endpoints::cloud(c.cloud.as_deref().unwrap_or("public"))
        .map_err(|e| anyhow::anyhow!("[azure] cloud: {e}"))?;
    if let Some(v) = pick("authority_host", &c.authority_host) {
        e.authority_host = url("authority_host", &v)?;
    }
    if let Some(v) = pick("resource_manager", &c.resource_manager) {
        e.resource_manager = url("resource_manager", &v)?;
        e.resource_graph = e.resource_manager.clone();
    }
    if let Some(v) = pick("resource_graph", &c.resource_graph) {
        e.resource_graph = url("resource_graph", &v)?;
    }
    if let Some(v) = pick("managed_identity_endpoint", &c.managed_identity_endpoint) {
        // The token endpoint itself (a path, not a base): keep it as written.
        e.managed_identity =
            Some(Url::parse(&v).with_context(|| format!("managed_identity_endpoint `{v}`"))?);
    }
    let credential = posture_collect_azure::CredentialKind::parse(
        args.azure_credential
            .as_deref()
            .or(c.credential.as_deref())
            .unwrap_or("auto"),
    )
    .map_err(anyhow::Error::msg)?;
    let (subscriptions, management_groups) =
        if args.subscriptions.is_empty() && args.management_groups.is_empty() {
            (c.subscriptions.clone(), c.management_groups.clone())
        } else {
            (args.subscriptions.clone(), args.management_groups.clone())
        };
    Ok(posture_collect_azure::AzureOptions {
        endpoints: e,
        credential,
        subscriptions,
        management_groups,
        http: http_options(c.concurrency, c.timeout.as_deref(), c.max_retries, "azure")?,
        env: posture_collect_azure::credential_env(),
    })
}

pub(crate) fn gcp_options(
    args: &LiveArgs,
    cfg: &Config,
) -> anyhow::Result<posture_collect_gcp::GcpOptions> {
    let c = &cfg.gcp;
    let over = args.endpoint_overrides(GCP_ENDPOINTS)?;
    let pick = |k: &str, conf: &Option<String>| over.get(k).cloned().or_else(|| conf.clone());
    let mut e = posture_collect_gcp::Endpoints::default();
    if let Some(v) = pick("token_endpoint", &c.token_endpoint) {
        e.token = Url::parse(&v).with_context(|| format!("token_endpoint `{v}`"))?;
    }
    for (name, conf, slot) in [
        (
            "cloudasset_endpoint",
            &c.cloudasset_endpoint,
            &mut e.cloudasset,
        ),
        ("sqladmin_endpoint", &c.sqladmin_endpoint, &mut e.sqladmin),
        ("storage_endpoint", &c.storage_endpoint, &mut e.storage),
        ("logging_endpoint", &c.logging_endpoint, &mut e.logging),
        ("metadata_endpoint", &c.metadata_endpoint, &mut e.metadata),
    ] {
        if let Some(v) = pick(name, conf) {
            *slot = url(name, &v)?;
        }
    }
    let scoped =
        !args.projects.is_empty() || !args.folders.is_empty() || !args.organizations.is_empty();
    Ok(posture_collect_gcp::GcpOptions {
        endpoints: e,
        credentials: args
            .credentials
            .clone()
            .or_else(|| c.credentials.as_ref().map(PathBuf::from)),
        projects: if scoped {
            args.projects.clone()
        } else {
            c.projects.clone()
        },
        folders: if scoped {
            args.folders.clone()
        } else {
            c.folders.clone()
        },
        organizations: if scoped {
            args.organizations.clone()
        } else {
            c.organizations.clone()
        },
        http: http_options(c.concurrency, c.timeout.as_deref(), c.max_retries, "gcp")?,
        env: posture_collect_gcp::credential_env(),
    })
}

/// Collect the estate live, with a progress bar over scopes × steps and a summary on stderr.
pub(crate) fn collect(
    live: Live,
    paths: &[PathBuf],
    args: &LiveArgs,
    config: &Config,
) -> anyhow::Result<Inventory> {
    let name = match live {
        Live::Azure => "azure",
        Live::Gcp => "gcp",
    };
    if paths.len() > 1 {
        bail!(
            "`posture scan {name}` scans live and takes no paths (got {}); scan exports with `posture scan PATH...`",
            paths[1].display()
        );
    }
    match live {
        Live::Azure if args.gcp_flags() => {
            bail!(
                "--project, --folder, --organization and --credentials apply to `posture scan gcp`"
            )
        }
        Live::Gcp if args.azure_flags() => bail!(
            "--subscription, --management-group and --azure-credential apply to `posture scan azure`"
        ),
        _ => {}
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let pb = crate::util::progress(config, 2, &format!("collecting {name}"));
    let on = |p: Progress<'_>| match p {
        Progress::Planned { scopes, steps } => {
            pb.set_length((scopes * steps) as u64);
        }
        Progress::Step { scope, step } => {
            pb.set_message(format!("{scope}: {step}"));
            pb.inc(1);
        }
    };
    let result = match live {
        Live::Azure => {
            let opts = azure_options(args, config)?;
            rt.block_on(posture_collect_azure::collect(&opts, &on))
        }
        Live::Gcp => {
            let opts = gcp_options(args, config)?;
            rt.block_on(posture_collect_gcp::collect(&opts, &on))
        }
    };
    pb.finish_and_clear();
    let (inventory, summary) = result.map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    eprint!("{}", summary_text(&summary));
    if !summary.scopes.is_empty() && summary.scopes.iter().all(|s| s.complete == 0) {
        bail!("{name}: no scope could be collected (see the problems above)");
    }
    Ok(inventory)
}

/// The summary printed after a live collection.
pub(crate) fn summary_text(s: &LiveSummary) -> String {
    let steps: u32 = s.scopes.iter().map(|x| x.steps).sum();
    let done: u32 = s.scopes.iter().map(|x| x.complete).sum();
    let resources: u64 = s.scopes.iter().map(|x| x.resources).sum();
    let mut out = format!(
        "{}: {} scopes, {} resources, coverage {:.1}% ({done} of {steps} scope steps complete); {} API calls, {} retried, {} token refreshes; credential: {}\n",
        s.provider,
        s.scopes.len(),
        resources,
        s.coverage_percent(),
        s.calls,
        s.retries,
        s.reauthentications,
        s.credential
    );
    for sc in &s.scopes {
        if sc.complete < sc.steps {
            out.push_str(&format!(
                "  {}: {} of {} steps complete\n",
                sc.scope, sc.complete, sc.steps
            ));
            for p in sc.problems.iter().take(5) {
                out.push_str(&format!("    {p}\n"));
            }
            if sc.problems.len() > 5 {
                out.push_str(&format!("    … {} more\n", sc.problems.len() - 5));
            }
        }
    }
    out
}
