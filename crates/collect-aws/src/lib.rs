//! # posture-collect-aws
//!
//! Live collection of AWS accounts with the official AWS SDK for Rust, into the same normalized
//! model the AWS Config importer produces (`posture-collect`), so a rule gives the same verdict on
//! a live resource and on its Config-snapshot form.
//!
//! ## Why it has this shape
//!
//! * **Its own crate.** The SDK crates are the most expensive part of the build (aws-sdk-ec2
//!   alone is one ~1.2 M-line crate); nothing else in the workspace depends on them, so editing a
//!   rule or the store never rebuilds them.
//! * **Every account × region × service is a task**; tasks run concurrently and every API call
//!   takes a permit from one semaphore (`--concurrency`), so parallelism is bounded however many
//!   accounts and regions a scan covers. The SDK's adaptive retry mode backs off on throttling.
//! * **Each API call is made once per scan**: collectors read whole services, rules read the
//!   inventory (never the network).
//! * **Partial failure is honest**: an access-denied, throttled-after-retries or timed-out call
//!   becomes a [`posture_model::Gap`] on the affected resource (the field stays `None`, so rules
//!   report Unknown), or a failed [`posture_model::CoverageEntry`] for the account × region ×
//!   service when the listing itself failed; a disabled region is `skipped`. The scan continues.
//! * **Calls are declared.** [`permissions`] lists, per service, every API operation a collector
//!   may call with the IAM action it needs; `posture permissions aws` prints the least-privilege
//!   policy from it and the tests check that every call made against the emulator is declared
//!   ([`Meter`] counts calls per operation).
#![warn(missing_docs)]

mod client;
mod permissions;
mod plan;
mod services;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use posture_model::{CoverageEntry, CoverageStatus, Inventory, Resource, SourceReport};
use tokio::sync::Semaphore;

pub use client::{CallCount, Fail, Meter, StripAccountPrefix};
pub use permissions::{Declared, Service, declared, permissions_policy, service_of_kind};

/// How to scan.
#[derive(Clone, Debug)]
pub struct AwsOptions {
    /// Named profile from the shared config/credentials files.
    pub profile: Option<String>,
    /// A role to assume (in the caller's account or another) before scanning.
    pub role_arn: Option<String>,
    /// External id for `role_arn`.
    pub external_id: Option<String>,
    /// Regions to scan; empty = every region enabled for the account.
    pub regions: Vec<String>,
    /// Scan every account of the organization (the caller must be the management account or a
    /// delegated administrator).
    pub org: bool,
    /// Role assumed in each member account with `org`.
    pub org_role: String,
    /// With `org`: only these accounts (empty = all).
    pub include_accounts: Vec<String>,
    /// With `org`: never these accounts.
    pub exclude_accounts: Vec<String>,
    /// Services to collect (empty = all that have a collector).
    pub services: Vec<Service>,
    /// Most API calls in flight at once.
    pub concurrency: usize,
    /// Attempts per call (first try + retries).
    pub max_attempts: u32,
    /// First retry backoff.
    pub initial_backoff_ms: u64,
    /// Timeout of one attempt.
    pub attempt_timeout: Duration,
}

impl Default for AwsOptions {
    fn default() -> AwsOptions {
        AwsOptions {
            profile: None,
            role_arn: None,
            external_id: None,
            regions: Vec::new(),
            org: false,
            org_role: "OrganizationAccountAccessRole".into(),
            include_accounts: Vec::new(),
            exclude_accounts: Vec::new(),
            services: Vec::new(),
            concurrency: 32,
            max_attempts: 5,
            initial_backoff_ms: 200,
            attempt_timeout: Duration::from_secs(20),
        }
    }
}

/// What the caller sees while a scan runs.
pub trait Progress: Send + Sync {
    /// `n` more units of work are planned.
    fn planned(&self, n: u64);
    /// One unit (an account × region × service) finished.
    fn done(&self, what: &str);
}

/// A progress sink that ignores everything.
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn planned(&self, _n: u64) {}
    fn done(&self, _what: &str) {}
}

/// The result of a scan.
#[derive(Debug)]
pub struct Collection {
    /// Resources, coverage and one source report (`live:aws`).
    pub inventory: Inventory,
    /// Accounts scanned (or attempted).
    pub accounts: Vec<String>,
    /// Regions scanned per account.
    pub regions: BTreeMap<String, Vec<String>>,
    /// API calls per `(sdk service, operation)`.
    pub calls: BTreeMap<(String, String), CallCount>,
}

impl Collection {
    /// Total API calls (executions).
    #[must_use]
    pub fn total_calls(&self) -> u64 {
        self.calls.values().map(|c| c.calls).sum()
    }

    /// Total attempts answered with throttling.
    #[must_use]
    pub fn total_throttled(&self) -> u64 {
        self.calls.values().map(|c| c.throttled).sum()
    }
}

/// Errors that stop a scan before anything could be collected.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    /// No usable credentials, or STS rejected them.
    #[error(
        "AWS credentials could not be used ({0}); configure them as for the AWS CLI (environment, --profile, SSO, web identity or instance role)"
    )]
    Credentials(String),
    /// `--role-arn` could not be assumed.
    #[error("could not assume role {role}: {detail}")]
    AssumeRole {
        /// The role.
        role: String,
        /// Why.
        detail: String,
    },
    /// `--org` was asked for and the accounts could not be listed.
    #[error(
        "could not list the organization's accounts ({0}); run from the management account or a delegated administrator, or drop --org"
    )]
    Organization(String),
    /// The options contradict each other.
    #[error("{0}")]
    Options(String),
}

/// The source name of every live AWS resource.
pub const SOURCE: &str = "live:aws";

/// Where one task collects.
#[derive(Clone)]
pub(crate) struct Cx {
    pub account: String,
    pub region: String,
    pub partition: String,
    pub sdk: aws_config::SdkConfig,
    pub meter: Meter,
    pub permits: Arc<Semaphore>,
    pub source: Arc<str>,
}

impl Cx {
    /// Run one SDK call holding a concurrency permit; classify its error.
    pub(crate) async fn call<T, E>(
        &self,
        api: &'static str,
        fut: impl std::future::Future<
            Output = Result<
                T,
                aws_smithy_runtime_api::client::result::SdkError<
                    E,
                    aws_smithy_runtime_api::client::orchestrator::HttpResponse,
                >,
            >,
        >,
    ) -> Result<T, Fail>
    where
        E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    {
        let _permit = self.permits.acquire().await;
        fut.await.map_err(|e| client::fail(api, &e))
    }

    /// A resource skeleton of this account and region.
    pub(crate) fn resource(
        &self,
        uid: String,
        name: String,
        config: posture_model::Config,
    ) -> Resource {
        Resource {
            uid,
            provider: posture_model::Provider::Aws,
            account: self.account.clone(),
            region: self.region.clone(),
            name,
            tags: posture_model::Tags::default(),
            config,
            relationships: Vec::new(),
            gaps: Vec::new(),
            source: self.source.clone(),
        }
    }

    /// `arn:<partition>:<service>:<region>:<account>:<rest>`.
    pub(crate) fn arn(&self, service: &str, rest: &str) -> String {
        format!(
            "arn:{}:{service}:{}:{}:{rest}",
            self.partition, self.region, self.account
        )
    }
}

/// Output of one task.
#[derive(Default)]
pub(crate) struct Out {
    pub resources: Vec<Resource>,
    /// Failures of listing calls (nothing could be listed for the service).
    pub failed: Option<Fail>,
    /// Warnings for the source report.
    pub warnings: Vec<String>,
}

/// Scan AWS.
///
/// # Errors
/// Only when nothing can be collected at all (credentials, `--role-arn`, `--org` listing);
/// every other failure is a coverage gap in the returned inventory.
pub async fn collect(opts: &AwsOptions, progress: &dyn Progress) -> Result<Collection, AwsError> {
    if opts.concurrency == 0 {
        return Err(AwsError::Options("--concurrency must be at least 1".into()));
    }
    let meter = Meter::default();
    let targets = plan::plan(opts, &meter).await?;
    let permits = Arc::new(Semaphore::new(opts.concurrency));
    let source: Arc<str> = Arc::from(SOURCE);
    let services: Vec<Service> = if opts.services.is_empty() {
        Service::ALL.to_vec()
    } else {
        opts.services.clone()
    };

    let mut coverage: Vec<CoverageEntry> = Vec::new();
    let mut resources: Vec<Resource> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut set = tokio::task::JoinSet::new();
    let mut accounts = Vec::new();
    let mut regions = BTreeMap::new();
    let mut planned = 0u64;
    for t in targets {
        accounts.push(t.account.clone());
        let Some(sdk) = t.sdk else {
            // The account could not be entered (assume-role failed): one failed entry covers it.
            coverage.push(CoverageEntry {
                provider: "aws".into(),
                account: t.account.clone(),
                region: "*".into(),
                service: "*".into(),
                status: CoverageStatus::Failed,
                reason: t.error.clone(),
                resources: 0,
                source: SOURCE.into(),
            });
            continue;
        };
        coverage.extend(t.skipped_regions.iter().map(|(r, why)| CoverageEntry {
            provider: "aws".into(),
            account: t.account.clone(),
            region: r.clone(),
            service: "*".into(),
            status: CoverageStatus::Skipped,
            reason: Some(why.clone()),
            resources: 0,
            source: SOURCE.into(),
        }));
        if let Some(w) = &t.error {
            warnings.push(format!("account {}: {w}", t.account));
        }
        regions.insert(t.account.clone(), t.regions.clone());
        for &svc in &services {
            let scopes: Vec<String> = if svc.global() {
                vec![svc.home_region(&sdk)]
            } else {
                t.regions.clone()
            };
            for region in scopes {
                let cx = Cx {
                    account: t.account.clone(),
                    region: region.clone(),
                    partition: t.partition.clone(),
                    sdk: sdk
                        .to_builder()
                        .region(aws_config::Region::new(region.clone()))
                        .build(),
                    meter: meter.clone(),
                    permits: permits.clone(),
                    source: source.clone(),
                };
                planned += 1;
                set.spawn(async move {
                    let out = services::run(svc, &cx).await;
                    (svc, cx.account, region, out)
                });
            }
        }
    }
    progress.planned(planned);

    while let Some(joined) = set.join_next().await {
        let (svc, account, region, out) = match joined {
            Ok(v) => v,
            Err(e) => {
                warnings.push(format!("a collector task ended abnormally: {e}"));
                continue;
            }
        };
        let cov_region = if svc.global() {
            "*".to_owned()
        } else {
            region.clone()
        };
        progress.done(&format!("{account} {region} {}", svc.as_str()));
        let entry = |status, reason: Option<String>, n| CoverageEntry {
            provider: "aws".into(),
            account: account.clone(),
            region: cov_region.clone(),
            service: svc.coverage_service().into(),
            status,
            reason,
            resources: n,
            source: SOURCE.into(),
        };
        if let Some(f) = &out.failed {
            let status = if f.region_disabled {
                CoverageStatus::Skipped
            } else {
                CoverageStatus::Failed
            };
            let reason = if f.region_disabled {
                format!("region not enabled for the account ({f})")
            } else {
                f.to_string()
            };
            coverage.push(entry(status, Some(reason), out.resources.len() as u64));
        } else {
            let gaps = out
                .resources
                .iter()
                .flat_map(|r| r.gaps.iter())
                .filter(|g| g.reason != posture_model::GapReason::NotCollected)
                .count();
            if gaps == 0 {
                coverage.push(entry(
                    CoverageStatus::Collected,
                    None,
                    out.resources.len() as u64,
                ));
            } else {
                coverage.push(entry(
                    CoverageStatus::Partial,
                    Some(format!(
                        "{gaps} settings could not be read; see the resources' gaps"
                    )),
                    out.resources.len() as u64,
                ));
            }
        }
        warnings.extend(out.warnings);
        resources.extend(out.resources);
    }

    coverage.sort_by(|a, b| {
        (&a.account, &a.region, &a.service).cmp(&(&b.account, &b.region, &b.service))
    });
    let report = SourceReport {
        path: SOURCE.into(),
        format: "aws-live".into(),
        resources: resources.len() as u64,
        bytes: 0,
        unmodeled: BTreeMap::new(),
        skipped: BTreeMap::new(),
        warnings,
        error: None,
    };
    let mut inventory = Inventory {
        resources,
        coverage,
        sources: vec![report],
        ..Inventory::default()
    };
    inventory.normalize();
    Ok(Collection {
        inventory,
        accounts,
        regions,
        calls: meter.snapshot(),
    })
}
