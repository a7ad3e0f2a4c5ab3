//! `posture serve`, `posture worker`, `posture token` and `posture tenant`: the service.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use posture_collect_aws::{AwsOptions, Service};
use posture_collect_http::live::Progress;
use posture_config::Config;
use posture_model::{CoverageStatus, Inventory};
use posture_serve::pipeline::{Collected, Collectors, TargetCollector};
use posture_store::{Control, Role, Target, TargetKind};
use serde_json::Value;

use crate::live_azgcp::{Live, LiveArgs, azure_options, gcp_options};
use crate::store_cmds::{database, runtime};

#[derive(Args, Debug)]
pub(crate) struct ServeArgs {
    /// Address to listen on.
    #[arg(
        long,
        default_value = "127.0.0.1:8080",
        env = "POSTURE_LISTEN",
        value_name = "ADDR"
    )]
    listen: SocketAddr,
    /// Scan workers in this process (0: leave scanning to `posture worker` processes).
    #[arg(long, default_value_t = 1, value_name = "N")]
    workers: usize,
    /// Do not run the scheduler in this process (another server runs it).
    #[arg(long)]
    no_scheduler: bool,
    /// Directory that `files` targets may read exports from (unset: files targets are refused).
    #[arg(long, env = "POSTURE_FILES_ROOT", value_name = "DIR")]
    files_root: Option<PathBuf>,
    /// Lease of a scan job; a worker that stops heartbeating loses it after this long.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    lease: u64,
    /// On SIGTERM, let in-flight scans finish for at most this long.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    grace: u64,
}

#[derive(Args, Debug)]
pub(crate) struct WorkerArgs {
    /// Concurrent scan jobs in this process.
    #[arg(long, default_value_t = 1, value_name = "N")]
    concurrency: usize,
    /// Directory that `files` targets may read exports from (unset: files targets fail).
    #[arg(long, env = "POSTURE_FILES_ROOT", value_name = "DIR")]
    files_root: Option<PathBuf>,
    /// Lease of a scan job.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    lease: u64,
    /// On SIGTERM, let in-flight scans finish for at most this long.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    grace: u64,
}

#[derive(Subcommand, Debug)]
pub(crate) enum TokenCommand {
    /// Create an API token and print its secret (shown once; only its hash is stored).
    Create {
        /// Tenant slug (`default` is the single-user tenant).
        #[arg(long, default_value = "default")]
        tenant: String,
        /// viewer, analyst, approver or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A label (who or what uses it).
        #[arg(long, default_value = "cli")]
        name: String,
    },
    /// List a tenant's tokens (never their secrets).
    List {
        /// Tenant slug.
        #[arg(long, default_value = "default")]
        tenant: String,
    },
    /// Revoke a token.
    Revoke {
        /// Tenant slug.
        #[arg(long, default_value = "default")]
        tenant: String,
        /// Token id.
        id: i64,
    },
}

#[derive(Subcommand, Debug)]
pub(crate) enum TenantCommand {
    /// Create a tenant (an organization with its own, isolated data).
    Create {
        /// Short name: a-z, 0-9 and -.
        slug: String,
        /// Display name (default: the slug).
        #[arg(long)]
        name: Option<String>,
    },
    /// List tenants.
    List,
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

/// Every collector of this build: `files` (exports under the files root) and the live AWS,
/// Azure and GCP collectors. Live targets use identities of the worker's environment, chosen by
/// the target's `credentials_ref` (a reference, never a secret); endpoints come from the
/// worker's configuration (`[azure]`, `[gcp]`, the AWS SDK's own settings).
fn collectors(files_root: Option<PathBuf>, config: &Config) -> Collectors {
    let config = Arc::new(config.clone());
    Collectors::new(files_root)
        .with(TargetKind::Aws, Arc::new(AwsCollector))
        .with(
            TargetKind::Azure,
            Arc::new(CloudCollector {
                live: Live::Azure,
                config: Arc::clone(&config),
            }),
        )
        .with(
            TargetKind::Gcp,
            Arc::new(CloudCollector {
                live: Live::Gcp,
                config,
            }),
        )
}

/// The keys a cloud target's scope may have, by kind.
fn allowed_keys(kind: TargetKind) -> &'static [&'static str] {
    match kind {
        TargetKind::Aws => &[
            "accounts",
            "regions",
            "services",
            "org",
            "org_role",
            "exclude_accounts",
            "external_id",
        ],
        TargetKind::Azure => &["subscriptions", "management_groups"],
        TargetKind::Gcp => &["projects", "folders", "organizations"],
        TargetKind::Files => &["paths"],
    }
}

/// The scope object of a cloud target, its keys checked.
fn scope_of(target: &Target) -> Result<&serde_json::Map<String, Value>, String> {
    static EMPTY: std::sync::OnceLock<serde_json::Map<String, Value>> = std::sync::OnceLock::new();
    let obj = match &target.scope {
        Value::Null => EMPTY.get_or_init(serde_json::Map::new),
        Value::Object(o) => o,
        _ => return Err("scope: expected an object".into()),
    };
    let allowed = allowed_keys(target.kind);
    if let Some(k) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "scope.{k}: unknown key for {} targets (expected: {})",
            target.kind.as_str(),
            allowed.join(", ")
        ));
    }
    Ok(obj)
}

/// `scope.<key>` as a list of non-empty strings (absent: empty).
fn strings(scope: &serde_json::Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    let Some(v) = scope.get(key) else {
        return Ok(Vec::new());
    };
    let arr = v
        .as_array()
        .ok_or_else(|| format!("scope.{key}: expected an array of strings"))?;
    arr.iter()
        .enumerate()
        .map(|(i, x)| {
            x.as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| format!("scope.{key}[{i}]: expected a non-empty string"))
        })
        .collect()
}

/// The AWS SDK service names of resource ARNs (`arn:aws:s3:::bucket` → s3), mapped to the
/// collector's services; `None` when an uid is not an ARN of a collected service (collect all).
fn aws_services_of(uids: &[String]) -> Option<(Vec<Service>, Vec<String>)> {
    let mut services = Vec::new();
    let mut regions = Vec::new();
    for u in uids {
        let mut parts = u.splitn(6, ':');
        let (Some("arn"), Some(_), Some(svc), Some(region)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let s = match svc {
            "elasticloadbalancing" => Service::Elbv2,
            other => Service::parse(other)?,
        };
        if !services.contains(&s) {
            services.push(s);
        }
        if !region.is_empty() && !regions.contains(&region.to_owned()) {
            regions.push(region.to_owned());
        }
    }
    services.sort();
    regions.sort();
    Some((services, regions))
}

/// AWS options of a target: scope `{accounts, regions, services, org, org_role,
/// exclude_accounts, external_id}`; `credentials_ref` `env` (or none: the SDK's default chain),
/// `profile:NAME` or `role:ARN` (assumed with the default chain).
fn aws_options(target: &Target) -> Result<AwsOptions, String> {
    let scope = scope_of(target)?;
    let mut o = AwsOptions::default();
    match target.credentials_ref.as_deref().map(str::trim) {
        None | Some("" | "env" | "default") => {}
        Some(r) => {
            if let Some(p) = r.strip_prefix("profile:").filter(|p| !p.is_empty()) {
                o.profile = Some(p.to_owned());
            } else if let Some(arn) = r.strip_prefix("role:").filter(|a| a.starts_with("arn:")) {
                o.role_arn = Some(arn.to_owned());
            } else {
                // The value is not echoed: whatever it is, it may be a secret pasted by mistake.
                return Err(
                    "credentials_ref: expected `env`, `profile:NAME` or `role:ARN` (a reference to an identity of the worker, never a secret)".into(),
                );
            }
        }
    }
    o.regions = strings(scope, "regions")?;
    o.services = strings(scope, "services")?
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Service::parse(n).ok_or_else(|| {
                format!(
                    "scope.services[{i}]: unknown AWS service `{n}` (known: {})",
                    Service::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect::<Result<_, _>>()?;
    o.org = match scope.get("org") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("scope.org: expected true or false".into()),
    };
    if let Some(v) = scope.get("org_role") {
        o.org_role = v
            .as_str()
            .filter(|s| !s.is_empty())
            .ok_or("scope.org_role: expected a role name")?
            .to_owned();
    }
    if let Some(v) = scope.get("external_id") {
        o.external_id = Some(
            v.as_str()
                .ok_or("scope.external_id: expected a string")?
                .to_owned(),
        );
    }
    let accounts = strings(scope, "accounts")?;
    if o.org {
        o.include_accounts = accounts;
        o.exclude_accounts = strings(scope, "exclude_accounts")?;
    } else if scope.contains_key("exclude_accounts") {
        return Err("scope.exclude_accounts: only with `\"org\": true`".into());
    }
    Ok(o)
}

/// Mark every complete coverage entry partial: a re-scan limited to some resources must not let
/// the store resolve findings of resources it did not look at.
fn mark_partial(inv: &mut Inventory, n: usize) {
    for c in &mut inv.coverage {
        if c.status == CoverageStatus::Collected {
            c.status = CoverageStatus::Partial;
            c.reason = Some(format!("re-scan limited to {n} resource(s)"));
        }
    }
}

/// Live AWS targets through the AWS SDK (`posture_collect_aws`).
struct AwsCollector;

impl TargetCollector for AwsCollector {
    fn collect(&self, target: &Target, resources: &[String]) -> Result<Collected, String> {
        let mut opts = aws_options(target)?;
        let expected: Vec<String> = if opts.org {
            Vec::new()
        } else {
            strings(scope_of(target)?, "accounts")?
        };
        // An event-driven re-scan reads only the services (and regions) of its resources.
        let limited = if resources.is_empty() {
            false
        } else if let Some((services, regions)) = aws_services_of(resources) {
            opts.services = services;
            if !regions.is_empty()
                && (opts.regions.is_empty() || regions.iter().all(|r| opts.regions.contains(r)))
            {
                opts.regions = regions;
            }
            true
        } else {
            false
        };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let collection = rt
            .block_on(posture_collect_aws::collect(
                &opts,
                &posture_collect_aws::NoProgress,
            ))
            .map_err(|e| format!("aws: {e}"))?;
        if let Some(a) = collection
            .accounts
            .iter()
            .find(|a| !expected.is_empty() && !expected.contains(a))
        {
            return Err(format!(
                "aws: the credentials reach account {a}, not the target's account(s) {}",
                expected.join(", ")
            ));
        }
        let mut inventory = collection.inventory;
        if !inventory.coverage.is_empty()
            && inventory
                .coverage
                .iter()
                .all(|c| c.status == CoverageStatus::Failed)
        {
            let reasons: Vec<&str> = inventory
                .coverage
                .iter()
                .filter_map(|c| c.reason.as_deref())
                .take(3)
                .collect();
            return Err(format!(
                "aws: nothing could be collected: {}",
                reasons.join("; ")
            ));
        }
        if limited {
            mark_partial(&mut inventory, resources.len());
        }
        Ok(Collected {
            throttled: collection.calls.values().map(|c| c.throttled).sum(),
            inventory,
        })
    }
}

/// Live Azure and GCP targets through their REST collectors.
struct CloudCollector {
    live: Live,
    config: Arc<Config>,
}

impl CloudCollector {
    /// Azure: scope `{subscriptions, management_groups}` (empty: `[azure]` of the configuration,
    /// else every subscription the identity reads); `credentials_ref` a credential kind
    /// (`auto`/`env`, `client-secret`, `certificate`, `managed-identity`, `cli`) whose secrets
    /// come from the worker's environment. GCP: scope `{projects, folders, organizations}`;
    /// `credentials_ref` `env` (or none): `GOOGLE_APPLICATION_CREDENTIALS`, gcloud's
    /// application-default credentials, then the metadata server.
    fn args(&self, target: &Target) -> Result<LiveArgs, String> {
        let scope = scope_of(target)?;
        let cred = target
            .credentials_ref
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        Ok(match self.live {
            Live::Azure => LiveArgs {
                subscriptions: strings(scope, "subscriptions")?,
                management_groups: strings(scope, "management_groups")?,
                azure_credential: match cred {
                    None | Some("env") => None,
                    Some(c) => {
                        posture_collect_azure::CredentialKind::parse(c).map_err(|_| {
                            "credentials_ref: expected a credential kind of the worker's environment: env, auto, client-secret, certificate, managed-identity or cli".to_owned()
                        })?;
                        Some(c.to_owned())
                    }
                },
                ..LiveArgs::default()
            },
            Live::Gcp => {
                if cred.is_some_and(|c| !matches!(c, "env" | "default")) {
                    return Err(
                        "credentials_ref: GCP targets use the worker's identity: `env` (GOOGLE_APPLICATION_CREDENTIALS, application-default credentials, then the metadata server)".into(),
                    );
                }
                LiveArgs {
                    projects: strings(scope, "projects")?,
                    folders: strings(scope, "folders")?,
                    organizations: strings(scope, "organizations")?,
                    ..LiveArgs::default()
                }
            }
        })
    }
}

impl TargetCollector for CloudCollector {
    fn collect(&self, target: &Target, _resources: &[String]) -> Result<Collected, String> {
        // The Azure and GCP collectors read whole scopes: a targeted re-scan collects the whole
        // target, so its coverage is what the collector reports (never more).
        let args = self.args(target)?;
        let name = target.kind.as_str();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let on = |_: Progress<'_>| {};
        let result = match self.live {
            Live::Azure => {
                let opts = azure_options(&args, &self.config).map_err(|e| format!("{e:#}"))?;
                rt.block_on(posture_collect_azure::collect(&opts, &on))
            }
            Live::Gcp => {
                let opts = gcp_options(&args, &self.config).map_err(|e| format!("{e:#}"))?;
                rt.block_on(posture_collect_gcp::collect(&opts, &on))
            }
        };
        let (inventory, summary) = result.map_err(|e| format!("{name}: {e}"))?;
        if !summary.scopes.is_empty() && summary.scopes.iter().all(|s| s.complete == 0) {
            let problems: Vec<&str> = summary
                .scopes
                .iter()
                .flat_map(|s| s.problems.iter().map(String::as_str))
                .take(3)
                .collect();
            return Err(format!(
                "{name}: no scope could be collected: {}",
                problems.join("; ")
            ));
        }
        Ok(Collected {
            inventory,
            throttled: summary.retries,
        })
    }
}

pub(crate) fn serve(args: &ServeArgs, config: &Config) -> anyhow::Result<u8> {
    posture_serve::init_logging();
    let (url, _) = database(config);
    let opts = posture_serve::ServeOptions {
        listen: args.listen,
        database: url,
        workers: args.workers,
        scheduler: !args.no_scheduler,
        files_root: args.files_root.clone(),
        lease: Duration::from_secs(args.lease.max(3)),
        grace: Duration::from_secs(args.grace),
    };
    let rt = runtime()?;
    rt.block_on(posture_serve::serve(
        opts,
        collectors(args.files_root.clone(), config),
    ))?;
    Ok(0)
}

pub(crate) fn worker(args: &WorkerArgs, config: &Config) -> anyhow::Result<u8> {
    posture_serve::init_logging();
    let (url, _) = database(config);
    let rt = runtime()?;
    rt.block_on(posture_serve::work(
        &url,
        args.concurrency,
        Duration::from_secs(args.lease.max(3)),
        Duration::from_secs(args.grace),
        collectors(args.files_root.clone(), config),
    ))?;
    Ok(0)
}

pub(crate) fn token(cmd: &TokenCommand, config: &Config) -> anyhow::Result<u8> {
    let (url, _) = database(config);
    let rt = runtime()?;
    rt.block_on(async {
        let c = Control::open(&url).await.with_context(|| {
            format!("cannot open the store {}", posture_store::redact_url(&url))
        })?;
        let now = posture_store::now();
        match cmd {
            TokenCommand::Create { tenant, role, name } => {
                let t = c.tenant(tenant).await?;
                let actor = std::env::var("USER").unwrap_or_else(|_| "cli".into());
                let (tok, secret) = c.create_token(t.id, name, *role, &actor, now).await?;
                eprintln!(
                    "created token {} ({}, role {}, tenant {}); the secret is shown only now:",
                    tok.id, tok.name, tok.role, t.slug
                );
                println!("{secret}");
            }
            TokenCommand::List { tenant } => {
                let t = c.tenant(tenant).await?;
                for k in c.tokens(t.id).await? {
                    println!(
                        "{}\t{}\t{}\t{}…\t{}",
                        k.id,
                        k.name,
                        k.role,
                        k.prefix,
                        if k.revoked_at.is_some() {
                            "revoked"
                        } else {
                            "live"
                        }
                    );
                }
            }
            TokenCommand::Revoke { tenant, id } => {
                let t = c.tenant(tenant).await?;
                c.revoke_token(t.id, *id, now).await?;
                eprintln!("revoked token {id}");
            }
        }
        c.close().await;
        Ok(0)
    })
}

pub(crate) fn tenant(cmd: &TenantCommand, config: &Config) -> anyhow::Result<u8> {
    let (url, _) = database(config);
    let rt = runtime()?;
    rt.block_on(async {
        let c = Control::open(&url).await?;
        match cmd {
            TenantCommand::Create { slug, name } => {
                let t = c
                    .create_tenant(slug, name.as_deref().unwrap_or(slug), posture_store::now())
                    .await?;
                eprintln!("created tenant {} ({})", t.slug, t.id);
            }
            TenantCommand::List => {
                for t in c.tenants().await? {
                    println!("{}\t{}\t{}", t.id, t.slug, t.name);
                }
            }
        }
        c.close().await;
        Ok(0)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn target(kind: TargetKind, scope: Value, cred: Option<&str>) -> Target {
        Target {
            id: 1,
            tenant_id: 1,
            name: "t".into(),
            kind,
            scope,
            credentials_ref: cred.map(str::to_owned),
            schedule: posture_store::Schedule::Manual,
            enabled: true,
            next_run_at: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn aws_scope_and_credential_references() {
        let t = target(
            TargetKind::Aws,
            json!({"regions": ["eu-west-1"], "services": ["s3", "iam"], "accounts": ["111122223333"]}),
            Some("profile:audit"),
        );
        let o = aws_options(&t).unwrap();
        assert_eq!(o.profile.as_deref(), Some("audit"));
        assert_eq!(o.regions, ["eu-west-1"]);
        assert_eq!(o.services, [Service::S3, Service::Iam]);
        assert!(!o.org && o.include_accounts.is_empty());

        let t = target(
            TargetKind::Aws,
            json!({"org": true, "accounts": ["1"], "exclude_accounts": ["2"], "org_role": "Audit"}),
            Some("role:arn:aws:iam::111122223333:role/posture"),
        );
        let o = aws_options(&t).unwrap();
        assert_eq!(
            o.role_arn.as_deref(),
            Some("arn:aws:iam::111122223333:role/posture")
        );
        assert!(o.org);
        assert_eq!(
            (o.include_accounts, o.exclude_accounts),
            (vec!["1".to_owned()], vec!["2".to_owned()])
        );
        assert_eq!(o.org_role, "Audit");

        for (scope, cred, needle) in [
            (json!({}), Some("AKIA:secret"), "credentials_ref: expected"),
            (json!({}), Some("role:nope"), "role:ARN"),
            (json!({"region": ["x"]}), None, "scope.region: unknown key"),
            (
                json!({"regions": "us-east-1"}),
                None,
                "scope.regions: expected an array",
            ),
            (json!({"regions": [""]}), None, "scope.regions[0]"),
            (
                json!({"services": ["dynamodb"]}),
                None,
                "scope.services[0]: unknown AWS service `dynamodb`",
            ),
            (json!({"org": "yes"}), None, "scope.org"),
            (json!({"exclude_accounts": ["1"]}), None, "only with"),
            (json!([1]), None, "scope: expected an object"),
        ] {
            let e = aws_options(&target(TargetKind::Aws, scope, cred)).unwrap_err();
            assert!(e.contains(needle) && !e.contains("secret`"), "{e}");
        }
    }

    #[test]
    fn resource_limited_aws_rescans_read_only_their_services() {
        let (s, r) = aws_services_of(&[
            "arn:aws:s3:::b".into(),
            "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/y".into(),
            "arn:aws:ec2:eu-west-1:1:instance/i-1".into(),
        ])
        .unwrap();
        assert_eq!(s, [Service::S3, Service::Ec2, Service::Elbv2]);
        assert_eq!(r, ["eu-west-1"]);
        assert!(aws_services_of(&["arn:aws:dynamodb:us-east-1:1:table/t".into()]).is_none());
        assert!(aws_services_of(&["/subscriptions/x".into()]).is_none());

        let mut inv = Inventory::new();
        inv.coverage.push(posture_model::CoverageEntry {
            provider: "aws".into(),
            account: "1".into(),
            region: "*".into(),
            service: "s3".into(),
            status: CoverageStatus::Collected,
            reason: None,
            resources: 1,
            source: "live:aws".into(),
        });
        mark_partial(&mut inv, 1);
        assert_eq!(inv.coverage[0].status, CoverageStatus::Partial);
    }

    #[test]
    fn azure_and_gcp_scopes() {
        let c = CloudCollector {
            live: Live::Azure,
            config: Arc::new(Config::default()),
        };
        let a = c
            .args(&target(
                TargetKind::Azure,
                json!({"subscriptions": ["s1"]}),
                Some("managed-identity"),
            ))
            .unwrap();
        assert_eq!(a.subscriptions, ["s1"]);
        assert_eq!(a.azure_credential.as_deref(), Some("managed-identity"));
        let e = c
            .args(&target(
                TargetKind::Azure,
                json!({}),
                Some("password=hunter2"),
            ))
            .unwrap_err();
        assert!(
            e.contains("credentials_ref") && !e.contains("hunter2"),
            "{e}"
        );
        assert!(
            c.args(&target(TargetKind::Azure, json!({"projects": ["p"]}), None))
                .unwrap_err()
                .contains("scope.projects: unknown key")
        );
        let g = CloudCollector {
            live: Live::Gcp,
            config: Arc::new(Config::default()),
        };
        let a = g
            .args(&target(
                TargetKind::Gcp,
                json!({"projects": ["p1"], "organizations": ["9"]}),
                Some("env"),
            ))
            .unwrap();
        assert_eq!(
            (a.projects, a.organizations),
            (vec!["p1".to_owned()], vec!["9".to_owned()])
        );
        assert!(
            g.args(&target(TargetKind::Gcp, json!({}), Some("/etc/key.json")))
                .unwrap_err()
                .contains("worker's identity")
        );
    }
}
