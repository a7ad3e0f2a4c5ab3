//! Which accounts and regions a scan covers, and the credentials for each account.

use aws_config::SdkConfig;
use aws_credential_types::provider::SharedCredentialsProvider;

use crate::client::{self, Meter};
use crate::{AwsError, AwsOptions};

/// One account to scan.
pub(crate) struct Target {
    pub account: String,
    pub partition: String,
    /// `None` when the account could not be entered (see `error`).
    pub sdk: Option<SdkConfig>,
    pub regions: Vec<String>,
    /// Regions asked for but not enabled, with why.
    pub skipped_regions: Vec<(String, String)>,
    pub error: Option<String>,
}

fn with_meter(conf: &SdkConfig, meter: &Meter) -> (aws_sdk_sts::Client, aws_sdk_ec2::Client) {
    let sts = aws_sdk_sts::config::Builder::from(conf)
        .interceptor(meter.clone())
        .build();
    let ec2 = aws_sdk_ec2::config::Builder::from(conf)
        .interceptor(meter.clone())
        .build();
    (
        aws_sdk_sts::Client::from_conf(sts),
        aws_sdk_ec2::Client::from_conf(ec2),
    )
}

async fn assume(
    base: &SdkConfig,
    role_arn: &str,
    external_id: Option<&str>,
) -> Result<SdkConfig, String> {
    let mut b = aws_config::sts::AssumeRoleProvider::builder(role_arn)
        .session_name("posture-scan")
        .configure(base);
    if let Some(x) = external_id {
        b = b.external_id(x);
    }
    let provider = b.build().await;
    let conf = base
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build();
    // Resolve once now so a bad role is reported here, not as a gap on every service.
    let (sts, _) = with_meter(&conf, &Meter::default());
    sts.get_caller_identity()
        .send()
        .await
        .map_err(|e| client::fail("sts:AssumeRole", &e).to_string())?;
    Ok(conf)
}

/// `arn:aws:sts::123:assumed-role/x/y` → (`aws`, `123`).
fn partition_and_account(arn: &str) -> (String, String) {
    let mut parts = arn.split(':');
    let partition = parts.nth(1).unwrap_or("aws").to_owned();
    let account = parts.nth(2).unwrap_or_default().to_owned();
    (partition, account)
}

pub(crate) async fn plan(opts: &AwsOptions, meter: &Meter) -> Result<Vec<Target>, AwsError> {
    let mut base = crate::client::base_config(opts).await;
    if base.credentials_provider().is_none() {
        return Err(AwsError::Credentials("no credential source found".into()));
    }
    if let Some(role) = &opts.role_arn {
        base = assume(&base, role, opts.external_id.as_deref())
            .await
            .map_err(|detail| AwsError::AssumeRole {
                role: role.clone(),
                detail,
            })?;
    }
    let (sts, _) = with_meter(&base, meter);
    let me = sts.get_caller_identity().send().await.map_err(|e| {
        AwsError::Credentials(client::fail("sts:GetCallerIdentity", &e).to_string())
    })?;
    let (partition, caller_account) = partition_and_account(me.arn().unwrap_or_default());
    let caller_account = me.account().map_or(caller_account, str::to_owned);

    // Accounts.
    let mut accounts: Vec<(String, Option<SdkConfig>, Option<String>)> = Vec::new();
    if opts.org {
        let org = aws_sdk_organizations::Client::from_conf(
            aws_sdk_organizations::config::Builder::from(&base)
                .interceptor(meter.clone())
                .build(),
        );
        let mut pages = org.list_accounts().into_paginator().send();
        let mut listed = Vec::new();
        loop {
            match pages.next().await {
                None => break,
                Some(Ok(page)) => {
                    for a in page.accounts() {
                        let active = a
                            .status()
                            .is_none_or(|s| s.as_str().eq_ignore_ascii_case("ACTIVE"));
                        if let (Some(id), true) = (a.id(), active) {
                            listed.push(id.to_owned());
                        }
                    }
                }
                Some(Err(e)) => {
                    return Err(AwsError::Organization(
                        client::fail("organizations:ListAccounts", &e).to_string(),
                    ));
                }
            }
        }
        listed.sort();
        listed.dedup();
        for id in listed {
            if (!opts.include_accounts.is_empty() && !opts.include_accounts.contains(&id))
                || opts.exclude_accounts.contains(&id)
            {
                continue;
            }
            if id == caller_account {
                accounts.push((id, Some(base.clone()), None));
                continue;
            }
            let role = format!("arn:{partition}:iam::{id}:role/{}", opts.org_role);
            match assume(&base, &role, None).await {
                Ok(conf) => accounts.push((id, Some(conf), None)),
                Err(e) => accounts.push((id, None, Some(format!("could not assume {role}: {e}")))),
            }
        }
    } else {
        if !opts.include_accounts.is_empty() || !opts.exclude_accounts.is_empty() {
            return Err(AwsError::Options(
                "--include-accounts/--exclude-accounts need --org".into(),
            ));
        }
        accounts.push((caller_account, Some(base.clone()), None));
    }

    // Regions per account.
    let mut targets = Vec::new();
    for (account, sdk, error) in accounts {
        let Some(sdk) = sdk else {
            targets.push(Target {
                account,
                partition: partition.clone(),
                sdk: None,
                regions: Vec::new(),
                skipped_regions: Vec::new(),
                error,
            });
            continue;
        };
        let (_, ec2) = with_meter(&sdk, meter);
        let enabled = ec2
            .describe_regions()
            .send()
            .await
            .map(|r| {
                let mut v: Vec<String> = r
                    .regions()
                    .iter()
                    .filter_map(|r| r.region_name().map(str::to_owned))
                    .collect();
                v.sort();
                v
            })
            .map_err(|e| client::fail("ec2:DescribeRegions", &e));
        let (regions, skipped, error) = match (enabled, opts.regions.is_empty()) {
            (Ok(enabled), true) => (enabled, Vec::new(), None),
            (Ok(enabled), false) => {
                let (ok, off): (Vec<String>, Vec<String>) = opts
                    .regions
                    .iter()
                    .cloned()
                    .partition(|r| enabled.contains(r));
                let off = off
                    .into_iter()
                    .map(|r| {
                        (
                            r,
                            "region not enabled for the account (not in DescribeRegions)"
                                .to_owned(),
                        )
                    })
                    .collect();
                (ok, off, None)
            }
            (Err(f), false) => (
                opts.regions.clone(),
                Vec::new(),
                Some(format!(
                    "could not list enabled regions ({f}); scanning the regions given"
                )),
            ),
            (Err(f), true) => {
                let home = sdk
                    .region()
                    .map_or_else(|| "us-east-1".to_owned(), |r| r.to_string());
                (
                    vec![home.clone()],
                    Vec::new(),
                    Some(format!(
                        "could not list enabled regions ({f}); scanning only {home} — pass --regions to choose"
                    )),
                )
            }
        };
        targets.push(Target {
            account,
            partition: partition.clone(),
            sdk: Some(sdk),
            regions,
            skipped_regions: skipped,
            error,
        });
    }
    Ok(targets)
}
