//! KMS keys: metadata, rotation status (customer-managed symmetric keys only: AWS refuses it for
//! the others) and the key policy.

use aws_sdk_kms::Client;
use posture_model::kinds::aws::KmsKey;
use posture_model::{Config, Resource};

use super::iam::pages;
use super::{each, gap, policy, tags};
use crate::Cx;
use crate::client::Fail;

pub(super) async fn collect(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let kms = Client::from_conf(
        aws_sdk_kms::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .build(),
    );
    let mut ids = Vec::new();
    pages!(cx, "kms:ListKeys", kms.list_keys().into_paginator(), |p| {
        ids.extend(
            p.keys()
                .iter()
                .filter_map(|k| k.key_id().map(str::to_owned)),
        );
    })?;
    let cx = cx.clone();
    Ok(each(ids, move |id| {
        let (cx, kms) = (cx.clone(), kms.clone());
        async move { key(&cx, &kms, id).await }
    })
    .await)
}

async fn key(cx: &Cx, kms: &Client, id: String) -> Resource {
    let mut c = KmsKey {
        key_id: id.clone(),
        ..KmsKey::default()
    };
    let mut r = cx.resource(
        cx.arn("kms", &format!("key/{id}")),
        id.clone(),
        Config::AwsKmsKey(Box::default()),
    );
    match cx
        .call("kms:DescribeKey", kms.describe_key().key_id(&id).send())
        .await
    {
        Ok(o) => {
            if let Some(m) = o.key_metadata() {
                c.key_manager = m.key_manager().map(|x| x.as_str().to_owned());
                c.key_spec = m.key_spec().map(|x| x.as_str().to_owned());
                c.key_state = m.key_state().map(|x| x.as_str().to_owned());
                if let Some(arn) = m.arn() {
                    r.uid = arn.to_owned();
                }
            }
        }
        Err(f) => gap(&mut r, "key_manager", &f),
    }
    let customer = c.key_manager.as_deref() == Some("CUSTOMER");
    let symmetric = c
        .key_spec
        .as_deref()
        .is_none_or(|s| s == "SYMMETRIC_DEFAULT");
    let eligible = c.key_state.as_deref() != Some("PendingDeletion");
    let (rot, pol, tag_list) = tokio::join!(
        async {
            if customer && symmetric && eligible {
                Some(
                    cx.call(
                        "kms:GetKeyRotationStatus",
                        kms.get_key_rotation_status().key_id(&id).send(),
                    )
                    .await,
                )
            } else {
                None
            }
        },
        cx.call(
            "kms:GetKeyPolicy",
            kms.get_key_policy()
                .key_id(&id)
                .policy_name("default")
                .send()
        ),
        async {
            if customer {
                Some(
                    cx.call(
                        "kms:ListResourceTags",
                        kms.list_resource_tags().key_id(&id).send(),
                    )
                    .await,
                )
            } else {
                None
            }
        },
    );
    match rot {
        Some(Ok(o)) => c.rotation_enabled = Some(o.key_rotation_enabled()),
        Some(Err(f)) => gap(&mut r, "rotation_enabled", &f),
        // AWS-managed keys rotate every year on their own; asymmetric and HMAC keys cannot.
        None if c.key_manager.as_deref() == Some("AWS") => c.rotation_enabled = Some(true),
        None if c.key_manager.is_some() && eligible => c.rotation_enabled = Some(false),
        None => {}
    }
    match pol {
        Ok(o) => match o.policy().map(policy).transpose() {
            Ok(d) => c.policy = d,
            Err(e) => r.gaps.push(posture_model::Gap {
                field: "policy".into(),
                api: Some("kms:GetKeyPolicy".into()),
                reason: posture_model::GapReason::Error,
                detail: format!("key policy does not parse: {e}"),
            }),
        },
        Err(f) => gap(&mut r, "policy", &f),
    }
    match tag_list {
        Some(Ok(o)) => {
            r.tags = tags(
                o.tags()
                    .iter()
                    .map(|t| (Some(t.tag_key()), Some(t.tag_value()))),
            );
        }
        Some(Err(f)) => gap(&mut r, "tags", &f),
        None => {}
    }
    r.config = Config::AwsKmsKey(Box::new(c));
    r
}
