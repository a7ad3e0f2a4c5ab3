//! S3 buckets (one `ListBuckets`, then the bucket's sub-resources, each read once) and the
//! account-level Block Public Access.

use aws_sdk_s3::Client;
use posture_model::kinds::aws::{
    Acl, AclGrant, BucketEncryption, BucketLogging, PublicAccessBlock, S3AccountPublicAccessBlock,
    S3Bucket, Versioning,
};
use posture_model::{Config, Resource};

use super::{each, gap, policy, tags, time};
use crate::Cx;
use crate::client::Fail;

fn client(cx: &Cx) -> Client {
    Client::from_conf(
        aws_sdk_s3::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            // Emulators and custom endpoints address buckets by path.
            .force_path_style(
                std::env::var_os("AWS_ENDPOINT_URL").is_some()
                    || std::env::var_os("AWS_ENDPOINT_URL_S3").is_some(),
            )
            .build(),
    )
}

/// A regional client for a bucket outside the listing region.
fn client_in(cx: &Cx, region: &str) -> Client {
    let sdk = cx
        .sdk
        .to_builder()
        .region(aws_config::Region::new(region.to_owned()))
        .build();
    let cx2 = Cx { sdk, ..cx.clone() };
    client(&cx2)
}

/// `true` when the error says the sub-resource does not exist (an observed "off").
fn absent(f: &Fail, codes: &[&str]) -> bool {
    codes.contains(&f.code.as_str())
}

pub(super) async fn collect(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let s3 = client(cx);
    let mut buckets = Vec::new();
    let mut pages = s3.list_buckets().into_paginator().send();
    loop {
        let page = {
            let _p = cx.permits.acquire().await;
            pages.next().await
        };
        match page {
            None => break,
            Some(Ok(p)) => {
                for b in p.buckets() {
                    if let Some(name) = b.name() {
                        buckets.push((
                            name.to_owned(),
                            time(b.creation_date()),
                            b.bucket_region().map(str::to_owned),
                        ));
                    }
                }
            }
            Some(Err(e)) => return Err(crate::client::fail("s3:ListAllMyBuckets", &e)),
        }
    }
    let cx = cx.clone();
    Ok(each(buckets, move |(name, created, region)| {
        let cx = cx.clone();
        let s3 = s3.clone();
        async move { bucket(&cx, &s3, name, created, region).await }
    })
    .await)
}

async fn bucket(
    cx: &Cx,
    s3: &Client,
    name: String,
    created: Option<String>,
    listed_region: Option<String>,
) -> Resource {
    let mut b = S3Bucket {
        creation_date: created,
        ..S3Bucket::default()
    };
    let mut r = cx.resource(
        format!("arn:{}:s3:::{name}", cx.partition),
        name.clone(),
        Config::AwsS3Bucket(Box::default()),
    );

    // Region: from the listing when S3 gave it, else GetBucketLocation (empty = us-east-1).
    let region = match listed_region {
        Some(r) => r,
        None => match cx
            .call(
                "s3:GetBucketLocation",
                s3.get_bucket_location().bucket(&name).send(),
            )
            .await
        {
            Ok(o) => o
                .location_constraint()
                .map(|c| c.as_str().to_owned())
                .filter(|c| !c.is_empty())
                .map_or_else(
                    || "us-east-1".to_owned(),
                    |c| if c == "EU" { "eu-west-1".to_owned() } else { c },
                ),
            Err(f) => {
                gap(&mut r, "*", &f);
                cx.region.clone()
            }
        },
    };
    r.region.clone_from(&region);
    let local;
    let s3 = if region == cx.region {
        s3
    } else {
        local = client_in(cx, &region);
        &local
    };

    let (acl, pol, pab, enc, ver, log, lock, web, own, tag) = tokio::join!(
        cx.call("s3:GetBucketAcl", s3.get_bucket_acl().bucket(&name).send()),
        cx.call(
            "s3:GetBucketPolicy",
            s3.get_bucket_policy().bucket(&name).send()
        ),
        cx.call(
            "s3:GetBucketPublicAccessBlock",
            s3.get_public_access_block().bucket(&name).send()
        ),
        cx.call(
            "s3:GetEncryptionConfiguration",
            s3.get_bucket_encryption().bucket(&name).send()
        ),
        cx.call(
            "s3:GetBucketVersioning",
            s3.get_bucket_versioning().bucket(&name).send()
        ),
        cx.call(
            "s3:GetBucketLogging",
            s3.get_bucket_logging().bucket(&name).send()
        ),
        cx.call(
            "s3:GetBucketObjectLockConfiguration",
            s3.get_object_lock_configuration().bucket(&name).send()
        ),
        cx.call(
            "s3:GetBucketWebsite",
            s3.get_bucket_website().bucket(&name).send()
        ),
        cx.call(
            "s3:GetBucketOwnershipControls",
            s3.get_bucket_ownership_controls().bucket(&name).send()
        ),
        cx.call(
            "s3:GetBucketTagging",
            s3.get_bucket_tagging().bucket(&name).send()
        ),
    );

    match acl {
        Ok(o) => {
            let grants = o
                .grants()
                .iter()
                .filter_map(|g| {
                    let who = g.grantee()?;
                    let perm = g.permission()?.as_str().to_owned();
                    let (t, id) = if let Some(uri) = who.uri() {
                        ("group", uri.to_owned())
                    } else if let Some(mail) = who.email_address() {
                        ("email", mail.to_owned())
                    } else {
                        ("canonical_user", who.id()?.to_owned())
                    };
                    Some(AclGrant {
                        grantee_type: t.into(),
                        grantee: id,
                        permission: perm,
                    })
                })
                .collect();
            b.acl = Some(Acl {
                owner_id: o.owner().and_then(|o| o.id()).map(str::to_owned),
                grants,
            });
        }
        Err(f) => gap(&mut r, "acl", &f),
    }
    match pol {
        Ok(o) => match o.policy().map(policy).transpose() {
            Ok(d) => b.policy = Some(d.unwrap_or_default()),
            Err(e) => r.gaps.push(posture_model::Gap {
                field: "policy".into(),
                api: Some("s3:GetBucketPolicy".into()),
                reason: posture_model::GapReason::Error,
                detail: format!("bucket policy does not parse: {e}"),
            }),
        },
        Err(f) if absent(&f, &["NoSuchBucketPolicy"]) => b.policy = Some(Default::default()),
        Err(f) => gap(&mut r, "policy", &f),
    }
    match pab {
        Ok(o) => {
            b.public_access_block = Some(o.public_access_block_configuration().map_or_else(
                PublicAccessBlock::default,
                |c| PublicAccessBlock {
                    block_public_acls: c.block_public_acls().unwrap_or(false),
                    ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                    block_public_policy: c.block_public_policy().unwrap_or(false),
                    restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
                },
            ));
        }
        Err(f) if absent(&f, &["NoSuchPublicAccessBlockConfiguration"]) => {
            b.public_access_block = Some(PublicAccessBlock::default());
        }
        Err(f) => gap(&mut r, "public_access_block", &f),
    }
    match enc {
        Ok(o) => {
            let rule = o.server_side_encryption_configuration().and_then(|c| {
                c.rules()
                    .iter()
                    .find(|r| r.apply_server_side_encryption_by_default().is_some())
            });
            b.encryption = Some(match rule {
                Some(rule) => {
                    let d = rule.apply_server_side_encryption_by_default();
                    BucketEncryption {
                        algorithm: d.map(|d| d.sse_algorithm().as_str().to_owned()),
                        kms_key_id: d.and_then(|d| d.kms_master_key_id()).map(str::to_owned),
                        bucket_key_enabled: rule.bucket_key_enabled().unwrap_or(false),
                    }
                }
                None => BucketEncryption::default(),
            });
        }
        Err(f) if absent(&f, &["ServerSideEncryptionConfigurationNotFoundError"]) => {
            b.encryption = Some(BucketEncryption::default());
        }
        Err(f) => gap(&mut r, "encryption", &f),
    }
    match ver {
        Ok(o) => {
            b.versioning = Some(Versioning {
                status: o
                    .status()
                    .map_or_else(|| "Off".to_owned(), |s| s.as_str().to_owned()),
                mfa_delete: o
                    .mfa_delete()
                    .is_some_and(|m| m.as_str().eq_ignore_ascii_case("Enabled")),
            });
        }
        Err(f) => gap(&mut r, "versioning", &f),
    }
    match log {
        Ok(o) => {
            let e = o.logging_enabled();
            b.logging = Some(BucketLogging {
                target_bucket: e.map(|e| e.target_bucket().to_owned()),
                target_prefix: e.map(|e| e.target_prefix().to_owned()),
            });
        }
        Err(f) => gap(&mut r, "logging", &f),
    }
    match lock {
        Ok(o) => {
            b.object_lock_enabled = Some(
                o.object_lock_configuration()
                    .and_then(|c| c.object_lock_enabled())
                    .is_some_and(|e| e.as_str() == "Enabled"),
            );
        }
        Err(f) if absent(&f, &["ObjectLockConfigurationNotFoundError"]) => {
            b.object_lock_enabled = Some(false);
        }
        Err(f) => gap(&mut r, "object_lock_enabled", &f),
    }
    match web {
        Ok(_) => b.website_enabled = Some(true),
        Err(f) if absent(&f, &["NoSuchWebsiteConfiguration"]) => b.website_enabled = Some(false),
        Err(f) => gap(&mut r, "website_enabled", &f),
    }
    match own {
        Ok(o) => {
            b.object_ownership = o
                .ownership_controls()
                .and_then(|c| c.rules().first())
                .map(|r| r.object_ownership().as_str().to_owned());
        }
        Err(f) if absent(&f, &["OwnershipControlsNotFoundError"]) => {
            // No ownership controls: ACLs apply (the pre-2023 default).
            b.object_ownership = Some("ObjectWriter".into());
        }
        Err(f) => gap(&mut r, "object_ownership", &f),
    }
    match tag {
        Ok(o) => {
            r.tags = tags(o.tag_set().iter().map(|t| (Some(t.key()), Some(t.value()))));
        }
        Err(f) if absent(&f, &["NoSuchTagSet", "NoSuchTagSetError"]) => {}
        Err(f) => gap(&mut r, "tags", &f),
    }
    r.config = Config::AwsS3Bucket(Box::new(b));
    r
}

pub(super) async fn account_public_access_block(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let s3c = aws_sdk_s3control::Client::from_conf(
        aws_sdk_s3control::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .interceptor(crate::client::StripAccountPrefix)
            .build(),
    );
    let settings = match cx
        .call(
            "s3:GetAccountPublicAccessBlock",
            s3c.get_public_access_block().account_id(&cx.account).send(),
        )
        .await
    {
        Ok(o) => {
            o.public_access_block_configuration()
                .map_or_else(PublicAccessBlock::default, |c| PublicAccessBlock {
                    block_public_acls: c.block_public_acls().unwrap_or(false),
                    ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                    block_public_policy: c.block_public_policy().unwrap_or(false),
                    restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
                })
        }
        Err(f) if absent(&f, &["NoSuchPublicAccessBlockConfiguration"]) => {
            PublicAccessBlock::default()
        }
        Err(f) => return Err(f),
    };
    let mut r = cx.resource(
        account_pab_uid(cx),
        cx.account.clone(),
        Config::AwsS3AccountPublicAccessBlock(Box::new(S3AccountPublicAccessBlock {
            settings: Some(settings),
        })),
    );
    r.region = "global".into();
    Ok(vec![r])
}

fn account_pab_uid(cx: &Cx) -> String {
    // Same uid as the AWS Config importer gives `AWS::S3::AccountPublicAccessBlock`.
    format!(
        "aws:{}:global:AWS::S3::AccountPublicAccessBlock/{}",
        cx.account, cx.account
    )
}
