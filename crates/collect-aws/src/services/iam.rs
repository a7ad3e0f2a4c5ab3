//! IAM: users (with credentials: password, MFA, access keys), roles, customer-managed policies,
//! and the account-wide settings (password policy, root MFA and keys).

use aws_sdk_iam::Client;
use posture_model::kinds::aws::{
    AccessKey, IamAccount, IamPolicy, IamRole, IamUser, InlinePolicy, PasswordPolicy,
};
use posture_model::{Config, Resource};

use super::{each, gap, policy, tags, time};
use crate::Cx;
use crate::client::Fail;

fn client(cx: &Cx) -> Client {
    Client::from_conf(
        aws_sdk_iam::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .build(),
    )
}

/// Drain a paginator holding a permit per page.
macro_rules! pages {
    ($cx:expr, $api:literal, $paginator:expr, |$page:ident| $body:block) => {{
        let mut stream = $paginator.send();
        let mut res: Result<(), Fail> = Ok(());
        loop {
            let next = {
                let _p = $cx.permits.acquire().await;
                stream.next().await
            };
            match next {
                None => break,
                Some(Ok($page)) => $body,
                Some(Err(e)) => {
                    res = Err(crate::client::fail($api, &e));
                    break;
                }
            }
        }
        res
    }};
}
pub(crate) use pages;

pub(super) async fn collect(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let iam = client(cx);
    let mut cx = cx.clone();
    cx.region = "global".into();
    let cx = cx;

    // Listings first: a failed listing fails the service.
    let mut users = Vec::new();
    pages!(
        cx,
        "iam:ListUsers",
        iam.list_users().into_paginator(),
        |p| {
            users.extend(p.users().iter().cloned());
        }
    )?;
    let mut roles = Vec::new();
    pages!(
        cx,
        "iam:ListRoles",
        iam.list_roles().into_paginator(),
        |p| {
            roles.extend(p.roles().iter().cloned());
        }
    )?;
    let mut policies = Vec::new();
    pages!(
        cx,
        "iam:ListPolicies",
        iam.list_policies()
            .scope(aws_sdk_iam::types::PolicyScopeType::Local)
            .into_paginator(),
        |p| {
            policies.extend(p.policies().iter().cloned());
        }
    )?;

    let mut out = Vec::new();
    out.push(account(&cx, &iam).await);
    let (c1, i1) = (cx.clone(), iam.clone());
    out.extend(
        each(users, move |u| {
            let (cx, iam) = (c1.clone(), i1.clone());
            async move { user(&cx, &iam, u).await }
        })
        .await,
    );
    let (c2, i2) = (cx.clone(), iam.clone());
    out.extend(
        each(roles, move |r| {
            let (cx, iam) = (c2.clone(), i2.clone());
            async move { role(&cx, &iam, r).await }
        })
        .await,
    );
    let (c3, i3) = (cx.clone(), iam.clone());
    out.extend(
        each(policies, move |p| {
            let (cx, iam) = (c3.clone(), i3.clone());
            async move { managed_policy(&cx, &iam, p).await }
        })
        .await,
    );
    Ok(out)
}

async fn account(cx: &Cx, iam: &Client) -> Resource {
    let mut a = IamAccount::default();
    let mut r = cx.resource(
        format!("arn:{}:iam::{}:root", cx.partition, cx.account),
        cx.account.clone(),
        Config::AwsIamAccount(Box::default()),
    );
    let (pp, summary, virt) = tokio::join!(
        cx.call(
            "iam:GetAccountPasswordPolicy",
            iam.get_account_password_policy().send()
        ),
        cx.call("iam:GetAccountSummary", iam.get_account_summary().send()),
        cx.call(
            "iam:ListVirtualMFADevices",
            iam.list_virtual_mfa_devices()
                .assignment_status(aws_sdk_iam::types::AssignmentStatusType::Assigned)
                .send()
        ),
    );
    match pp {
        Ok(o) => {
            a.password_policy = Some(o.password_policy().map_or_else(
                PasswordPolicy::default,
                |p| PasswordPolicy {
                    configured: true,
                    minimum_length: p.minimum_password_length(),
                    reuse_prevention: Some(p.password_reuse_prevention().unwrap_or(0)),
                    max_age_days: Some(p.max_password_age().unwrap_or(0)),
                    require_symbols: p.require_symbols(),
                    require_numbers: p.require_numbers(),
                    require_uppercase: p.require_uppercase_characters(),
                    require_lowercase: p.require_lowercase_characters(),
                },
            ));
        }
        Err(f) if f.code == "NoSuchEntity" => {
            a.password_policy = Some(PasswordPolicy::default());
        }
        Err(f) => gap(&mut r, "password_policy", &f),
    }
    match summary {
        Ok(o) => {
            let m = o.summary_map();
            let get = |k: &str| {
                m.and_then(|m| m.iter().find(|(key, _)| key.as_str() == k).map(|(_, v)| *v))
            };
            a.root_mfa_enabled = get("AccountMFAEnabled").map(|v| v > 0);
            a.root_access_keys_present = get("AccountAccessKeysPresent").map(|v| v > 0);
        }
        Err(f) => {
            gap(&mut r, "root_mfa_enabled", &f);
            gap(&mut r, "root_access_keys_present", &f);
        }
    }
    match virt {
        Ok(o) => {
            let root_virtual = o.virtual_mfa_devices().iter().any(|d| {
                d.user().is_some_and(|u| u.arn().ends_with(":root"))
                    || d.serial_number().ends_with("/root-account-mfa-device")
            });
            a.root_hardware_mfa = a.root_mfa_enabled.map(|on| on && !root_virtual);
        }
        Err(f) => gap(&mut r, "root_hardware_mfa", &f),
    }
    r.config = Config::AwsIamAccount(Box::new(a));
    r
}

fn inline_list(
    r: &mut Resource,
    results: Vec<(String, Result<String, Fail>)>,
) -> Option<Vec<InlinePolicy>> {
    let mut out = Vec::with_capacity(results.len());
    for (name, doc) in results {
        match doc.map(|d| policy(&d)) {
            Ok(Ok(document)) => out.push(InlinePolicy { name, document }),
            Ok(Err(e)) => {
                r.gaps.push(posture_model::Gap {
                    field: "inline_policies".into(),
                    api: None,
                    reason: posture_model::GapReason::Error,
                    detail: format!("inline policy {name} does not parse: {e}"),
                });
                return None;
            }
            Err(f) => {
                gap(r, "inline_policies", &f);
                return None;
            }
        }
    }
    Some(out)
}

/// Fetch each named inline policy's document, one call after the other.
async fn fetch_inline<F, Fut>(names: &[String], fetch: F) -> Vec<(String, Result<String, Fail>)>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<String, Fail>>,
{
    let mut docs = Vec::with_capacity(names.len());
    for pn in names {
        docs.push((pn.clone(), fetch(pn.clone()).await));
    }
    docs
}

/// The ARNs of attached managed policies.
fn attached_arns(list: &[aws_sdk_iam::types::AttachedPolicy]) -> Vec<String> {
    list.iter()
        .filter_map(|p| p.policy_arn().map(str::to_owned))
        .collect()
}

async fn user(cx: &Cx, iam: &Client, u: aws_sdk_iam::types::User) -> Resource {
    let name = u.user_name().to_owned();
    let mut r = cx.resource(
        u.arn().to_owned(),
        name.clone(),
        Config::AwsIamUser(Box::default()),
    );
    r.tags = tags(u.tags().iter().map(|t| (Some(t.key()), Some(t.value()))));
    let mut c = IamUser {
        user_name: name.clone(),
        create_date: time(Some(u.create_date())),
        password_last_used: time(u.password_last_used()),
        ..IamUser::default()
    };
    let (login, mfa, keys, attached, inline, groups) = tokio::join!(
        cx.call(
            "iam:GetLoginProfile",
            iam.get_login_profile().user_name(&name).send()
        ),
        cx.call(
            "iam:ListMFADevices",
            iam.list_mfa_devices().user_name(&name).send()
        ),
        cx.call(
            "iam:ListAccessKeys",
            iam.list_access_keys().user_name(&name).send()
        ),
        cx.call(
            "iam:ListAttachedUserPolicies",
            iam.list_attached_user_policies().user_name(&name).send()
        ),
        cx.call(
            "iam:ListUserPolicies",
            iam.list_user_policies().user_name(&name).send()
        ),
        cx.call(
            "iam:ListGroupsForUser",
            iam.list_groups_for_user().user_name(&name).send()
        ),
    );
    match login {
        Ok(_) => c.password_enabled = Some(true),
        Err(f) if f.code == "NoSuchEntity" => c.password_enabled = Some(false),
        Err(f) => gap(&mut r, "password_enabled", &f),
    }
    match mfa {
        Ok(o) => {
            let devices: Vec<String> = o
                .mfa_devices()
                .iter()
                .map(|d| d.serial_number().to_owned())
                .collect();
            c.mfa_active = Some(!devices.is_empty());
            c.mfa_devices = Some(devices);
        }
        Err(f) => {
            gap(&mut r, "mfa_devices", &f);
            gap(&mut r, "mfa_active", &f);
        }
    }
    match keys {
        Ok(o) => {
            let meta: Vec<_> = o.access_key_metadata().to_vec();
            let mut list = Vec::with_capacity(meta.len());
            for k in meta {
                let id = k.access_key_id().unwrap_or_default().to_owned();
                let last = cx
                    .call(
                        "iam:GetAccessKeyLastUsed",
                        iam.get_access_key_last_used().access_key_id(&id).send(),
                    )
                    .await;
                let last_used = match last {
                    Ok(o) => time(o.access_key_last_used().and_then(|l| l.last_used_date())),
                    Err(f) => {
                        gap(&mut r, "access_keys", &f);
                        None
                    }
                };
                list.push(AccessKey {
                    id,
                    status: k
                        .status()
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_default(),
                    created: time(k.create_date()),
                    last_used,
                });
            }
            c.access_keys = Some(list);
        }
        Err(f) => gap(&mut r, "access_keys", &f),
    }
    match attached {
        Ok(o) => c.attached_policies = Some(attached_arns(o.attached_policies())),
        Err(f) => gap(&mut r, "attached_policies", &f),
    }
    match inline {
        Ok(o) => {
            let docs = fetch_inline(o.policy_names(), |pn| {
                let req = iam
                    .get_user_policy()
                    .user_name(&name)
                    .policy_name(pn)
                    .send();
                async move {
                    cx.call("iam:GetUserPolicy", req)
                        .await
                        .map(|o| o.policy_document().to_owned())
                }
            })
            .await;
            c.inline_policies = inline_list(&mut r, docs);
        }
        Err(f) => gap(&mut r, "inline_policies", &f),
    }
    match groups {
        Ok(o) => {
            c.groups = Some(
                o.groups()
                    .iter()
                    .map(|g| g.group_name().to_owned())
                    .collect(),
            );
        }
        Err(f) => gap(&mut r, "groups", &f),
    }
    r.config = Config::AwsIamUser(Box::new(c));
    r
}

async fn role(cx: &Cx, iam: &Client, ro: aws_sdk_iam::types::Role) -> Resource {
    let name = ro.role_name().to_owned();
    let mut r = cx.resource(
        ro.arn().to_owned(),
        name.clone(),
        Config::AwsIamRole(Box::default()),
    );
    r.tags = tags(ro.tags().iter().map(|t| (Some(t.key()), Some(t.value()))));
    let mut c = IamRole {
        role_name: name.clone(),
        path: Some(ro.path().to_owned()),
        ..IamRole::default()
    };
    match ro.assume_role_policy_document().map(policy).transpose() {
        Ok(d) => c.assume_role_policy = d,
        Err(e) => r.gaps.push(posture_model::Gap {
            field: "assume_role_policy".into(),
            api: Some("iam:ListRoles".into()),
            reason: posture_model::GapReason::Error,
            detail: format!("trust policy does not parse: {e}"),
        }),
    }
    // ListRoles omits the last-use time; GetRole has it.
    let (full, attached, inline, profiles) = tokio::join!(
        cx.call("iam:GetRole", iam.get_role().role_name(&name).send()),
        cx.call(
            "iam:ListAttachedRolePolicies",
            iam.list_attached_role_policies().role_name(&name).send()
        ),
        cx.call(
            "iam:ListRolePolicies",
            iam.list_role_policies().role_name(&name).send()
        ),
        cx.call(
            "iam:ListInstanceProfilesForRole",
            iam.list_instance_profiles_for_role()
                .role_name(&name)
                .send()
        ),
    );
    match full {
        Ok(o) => {
            c.last_used = time(
                o.role()
                    .and_then(|r| r.role_last_used())
                    .and_then(|l| l.last_used_date()),
            );
        }
        Err(f) => gap(&mut r, "last_used", &f),
    }
    match attached {
        Ok(o) => c.attached_policies = Some(attached_arns(o.attached_policies())),
        Err(f) => gap(&mut r, "attached_policies", &f),
    }
    match inline {
        Ok(o) => {
            let docs = fetch_inline(o.policy_names(), |pn| {
                let req = iam
                    .get_role_policy()
                    .role_name(&name)
                    .policy_name(pn)
                    .send();
                async move {
                    cx.call("iam:GetRolePolicy", req)
                        .await
                        .map(|o| o.policy_document().to_owned())
                }
            })
            .await;
            c.inline_policies = inline_list(&mut r, docs);
        }
        Err(f) => gap(&mut r, "inline_policies", &f),
    }
    match profiles {
        Ok(o) => {
            c.instance_profiles = Some(
                o.instance_profiles()
                    .iter()
                    .map(|p| p.arn().to_owned())
                    .collect(),
            );
        }
        Err(f) => gap(&mut r, "instance_profiles", &f),
    }
    r.config = Config::AwsIamRole(Box::new(c));
    r
}

async fn managed_policy(cx: &Cx, iam: &Client, p: aws_sdk_iam::types::Policy) -> Resource {
    let arn = p.arn().unwrap_or_default().to_owned();
    let name = p.policy_name().unwrap_or_default().to_owned();
    let mut r = cx.resource(
        arn.clone(),
        name.clone(),
        Config::AwsIamPolicy(Box::default()),
    );
    r.tags = tags(p.tags().iter().map(|t| (Some(t.key()), Some(t.value()))));
    let mut c = IamPolicy {
        policy_name: name,
        document: None,
        attachment_count: p.attachment_count().map(i64::from),
        aws_managed: arn.contains(":iam::aws:policy/"),
    };
    if let Some(v) = p.default_version_id() {
        match cx
            .call(
                "iam:GetPolicyVersion",
                iam.get_policy_version()
                    .policy_arn(&arn)
                    .version_id(v)
                    .send(),
            )
            .await
        {
            Ok(o) => match o.policy_version().and_then(|v| v.document()).map(policy) {
                Some(Ok(d)) => c.document = Some(d),
                Some(Err(e)) => r.gaps.push(posture_model::Gap {
                    field: "document".into(),
                    api: Some("iam:GetPolicyVersion".into()),
                    reason: posture_model::GapReason::Error,
                    detail: format!("policy document does not parse: {e}"),
                }),
                None => {}
            },
            Err(f) => gap(&mut r, "document", &f),
        }
    }
    r.config = Config::AwsIamPolicy(Box::new(c));
    r
}
