//! `posture scan aws` and `posture permissions aws`: live AWS collection through the AWS SDK.

use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use posture_collect_aws::{AwsOptions, Service};
use posture_config::Config;
use posture_model::Inventory;

use crate::util;

/// Options of live AWS scans (`posture scan aws`).
#[derive(Args, Debug, Default, Clone)]
#[command(next_help_heading = "Live AWS (posture scan aws)")]
pub(crate) struct AwsArgs {
    /// Named profile of the shared AWS config/credentials files (default: the standard chain:
    /// environment, AWS_PROFILE, SSO, web identity, instance role).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Assume this role before scanning.
    #[arg(long, value_name = "ARN")]
    pub role_arn: Option<String>,
    /// External id for --role-arn.
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,
    /// Regions to scan (comma-separated; default: every region enabled for the account).
    #[arg(long, value_delimiter = ',', value_name = "REGIONS")]
    pub regions: Vec<String>,
    /// Scan every account of the AWS Organization (run from the management account or a
    /// delegated administrator).
    #[arg(long)]
    pub org: bool,
    /// Role assumed in each member account with --org.
    #[arg(
        long,
        default_value = "OrganizationAccountAccessRole",
        value_name = "NAME"
    )]
    pub org_role: String,
    /// With --org: only these account ids.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub include_accounts: Vec<String>,
    /// With --org: skip these account ids.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub exclude_accounts: Vec<String>,
    /// Collect only these services (iam, s3, s3control, ec2, rds, cloudtrail, kms, lambda,
    /// elbv2; default: those the selected rules need).
    #[arg(long, value_delimiter = ',', value_name = "SERVICES")]
    pub services: Vec<String>,
    /// Most AWS API calls in flight at once.
    #[arg(long, default_value_t = 32, value_name = "N")]
    pub concurrency: usize,
    /// Attempts per API call, retries with adaptive backoff included.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub max_attempts: u32,
    /// Timeout of one API call attempt, in seconds.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub call_timeout: u64,
}

/// Statistics of a live collection, for `--stats` and the summary line.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub(crate) struct LiveStats {
    pub accounts: usize,
    pub regions: usize,
    pub api_calls: u64,
    pub api_attempts: u64,
    pub throttled: u64,
    pub collect_s: f64,
    pub resources: usize,
    pub calls: std::collections::BTreeMap<String, u64>,
}

fn parse_services(names: &[String]) -> anyhow::Result<Vec<Service>> {
    names
        .iter()
        .map(|n| {
            Service::parse(n.trim()).ok_or_else(|| {
                anyhow::anyhow!(
                    "unknown AWS service `{n}` (known: {})",
                    Service::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect()
}

/// The services the selected rules need. Every selection also reads EC2 (the exposure graph
/// behind risk scores) and the account-level Block Public Access (bucket rules consult it).
pub(crate) fn services_for(rules: &[&'static dyn posture_rules::Rule], all: bool) -> Vec<Service> {
    if all {
        return Service::ALL.to_vec();
    }
    let mut out = vec![Service::Ec2, Service::S3Control];
    for r in rules {
        if let Some(s) = posture_collect_aws::service_of_kind(r.kind())
            && !out.contains(&s)
        {
            out.push(s);
        }
    }
    out.sort();
    out
}

fn options(args: &AwsArgs, services: Vec<Service>) -> AwsOptions {
    AwsOptions {
        profile: args.profile.clone(),
        role_arn: args.role_arn.clone(),
        external_id: args.external_id.clone(),
        regions: args.regions.clone(),
        org: args.org,
        org_role: args.org_role.clone(),
        include_accounts: args.include_accounts.clone(),
        exclude_accounts: args.exclude_accounts.clone(),
        services,
        concurrency: args.concurrency,
        max_attempts: args.max_attempts,
        attempt_timeout: Duration::from_secs(args.call_timeout.max(1)),
        ..AwsOptions::default()
    }
}

struct Bar(indicatif::ProgressBar);

impl posture_collect_aws::Progress for Bar {
    fn planned(&self, n: u64) {
        self.0.inc_length(n);
    }
    fn done(&self, what: &str) {
        self.0.set_message(format!("aws {what}"));
        self.0.inc(1);
    }
}

/// Collect live from AWS.
pub(crate) fn collect(
    config: &Config,
    args: &AwsArgs,
    rules: &[&'static dyn posture_rules::Rule],
    all_rules: bool,
) -> anyhow::Result<(Inventory, LiveStats)> {
    let services = if args.services.is_empty() {
        services_for(rules, all_rules)
    } else {
        parse_services(&args.services)?
    };
    let opts = options(args, services);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let pb = util::progress(config, 2, "collecting from AWS");
    pb.set_length(0);
    let started = Instant::now();
    let result = runtime.block_on(posture_collect_aws::collect(&opts, &Bar(pb.clone())));
    pb.finish_and_clear();
    let collection = result?;
    let stats = LiveStats {
        accounts: collection.accounts.len(),
        regions: collection.regions.values().map(Vec::len).max().unwrap_or(0),
        api_calls: collection.total_calls(),
        api_attempts: collection.calls.values().map(|c| c.attempts).sum(),
        throttled: collection.total_throttled(),
        collect_s: started.elapsed().as_secs_f64(),
        resources: collection.inventory.resources.len(),
        calls: collection
            .calls
            .iter()
            .map(|((s, o), c)| (format!("{s}:{o}"), c.calls))
            .collect(),
    };
    let failed = collection
        .inventory
        .coverage
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                posture_model::CoverageStatus::Failed | posture_model::CoverageStatus::Partial
            )
        })
        .count();
    if config.output.progress {
        eprintln!(
            "aws: {} resources from {} account(s) × {} region(s) in {:.1} s, {} API calls ({} throttled attempts){}",
            stats.resources,
            stats.accounts,
            stats.regions,
            stats.collect_s,
            stats.api_calls,
            stats.throttled,
            if failed > 0 {
                format!("; {failed} service scopes incomplete (see coverage)")
            } else {
                String::new()
            }
        );
    }
    Ok((collection.inventory, stats))
}

/// `posture permissions`.
#[derive(Subcommand, Debug)]
pub(crate) enum PermissionsCommand {
    /// The least-privilege read-only IAM policy a live AWS scan needs, derived from the API calls
    /// the collectors declare (for the selected rules' services).
    Aws(PermissionsArgs),
}

#[derive(Args, Debug)]
pub(crate) struct PermissionsArgs {
    /// Only the services these rules need (ids or globs, as for `posture scan --rules`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub rules: Vec<String>,
    /// Only these services.
    #[arg(long, value_delimiter = ',', value_name = "SERVICES")]
    pub services: Vec<String>,
    /// Include the Organizations listing (`--org` scans).
    #[arg(long)]
    pub org: bool,
}

pub(crate) fn permissions(cmd: &PermissionsCommand) -> anyhow::Result<u8> {
    let PermissionsCommand::Aws(args) = cmd;
    let services = if !args.services.is_empty() {
        parse_services(&args.services)?
    } else if args.rules.is_empty() {
        Vec::new()
    } else {
        let selection = posture_rules::RuleSelection {
            include: args.rules.clone(),
            exclude: Vec::new(),
        };
        let catalog = posture_rules::catalog();
        let unmatched = selection.unmatched(catalog);
        if !unmatched.is_empty() {
            anyhow::bail!("no rule matches {}", unmatched.join(", "));
        }
        let chosen: Vec<&'static dyn posture_rules::Rule> = catalog
            .iter()
            .copied()
            .filter(|r| selection.selects(r.meta().id))
            .collect();
        services_for(&chosen, false)
    };
    let policy = posture_collect_aws::permissions_policy(&services, args.org);
    println!("{}", serde_json::to_string_pretty(&policy)?);
    Ok(0)
}

/// Whether the scan's inputs ask for a live AWS scan: the single word `aws` (and no file or
/// directory of that name).
pub(crate) fn is_live_aws(paths: &[std::path::PathBuf]) -> bool {
    matches!(paths, [p] if p.as_os_str() == "aws" && !p.exists())
}
