//! `posture serve`, `posture worker`, `posture token` and `posture tenant`: the service.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use posture_config::Config;
use posture_store::{Control, Role};

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

fn collectors(files_root: Option<PathBuf>) -> posture_serve::pipeline::Collectors {
    // Live cloud collectors plug in here with `.with(TargetKind::Aws, ...)`.
    posture_serve::pipeline::Collectors::new(files_root)
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
        collectors(args.files_root.clone()),
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
        collectors(args.files_root.clone()),
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
