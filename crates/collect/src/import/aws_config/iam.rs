//! IAM policies, users and roles. Config records policy documents URL-encoded (as the IAM API
//! returns them); `PolicyDocument::from_aws_json` decodes them. Credentials data (passwords,
//! MFA devices, access keys) is not part of a Config item at all: those fields are gaps whose
//! detail points at the credential report.

use posture_model::Config;
use posture_model::kinds::aws::{IamPolicy, IamRole, IamUser, InlinePolicy};
use serde::Deserialize;
use serde_json::Value;

use super::de::{LBool, LInt, LStr, StrOrObj};
use super::map::{Cx, NOT_IN_CONF, gaps_for_none, policy};

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PolicySrc {
    policy_name: LStr,
    arn: LStr,
    default_version_id: LStr,
    attachment_count: LInt,
    policy_version_list: Option<Vec<Option<VersionSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VersionSrc {
    document: Value,
    version_id: LStr,
    is_default_version: LBool,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct InlineSrc {
    policy_name: LStr,
    policy_document: Value,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct AttachedSrc {
    policy_arn: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct UserSrc {
    user_name: LStr,
    create_date: LStr,
    user_policy_list: Option<Vec<Option<InlineSrc>>>,
    attached_managed_policies: Option<Vec<Option<AttachedSrc>>>,
    group_list: Option<Vec<StrOrObj>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RoleSrc {
    role_name: LStr,
    path: LStr,
    assume_role_policy_document: Value,
    role_policy_list: Option<Vec<Option<InlineSrc>>>,
    attached_managed_policies: Option<Vec<Option<AttachedSrc>>>,
    role_last_used: Option<RoleLastUsed>,
    instance_profile_list: Option<Vec<Option<ProfileSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProfileSrc {
    arn: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct RoleLastUsed {
    last_used_date: LStr,
}

const CREDENTIALS: &str = "AWS Config does not record IAM credentials; use the IAM credential report \
     or a live scan";

pub(super) fn policy_kind(cx: &mut Cx<'_, '_>) -> Config {
    let src: PolicySrc = cx.conf().unwrap_or_default();
    let arn = src.arn.0.unwrap_or_default();
    let mut p = IamPolicy {
        policy_name: src.policy_name.0.unwrap_or_else(|| cx.name_or_id()),
        document: None,
        attachment_count: src.attachment_count.0,
        aws_managed: arn.contains(":iam::aws:policy/"),
    };
    if let Some(versions) = src.policy_version_list {
        let default_id = src.default_version_id.0;
        let chosen = versions.into_iter().flatten().enumerate().find(|(_, v)| {
            v.is_default_version.0 == Some(true)
                || (default_id.is_some() && v.version_id.0 == default_id)
        });
        match chosen {
            Some((i, v)) => match policy(&v.document) {
                Ok(d) if !v.document.is_null() => p.document = Some(d),
                Ok(_) => {}
                Err(e) => {
                    let at = format!("{}.policyVersionList[{i}].document", cx.conf_path());
                    cx.error("document", &at, &e);
                }
            },
            None => cx.missing(
                "document",
                "the AWS Config item has no default policy version",
            ),
        }
    }
    if p.document.is_none() && !cx.has_gap("document") {
        cx.missing("document", NOT_IN_CONF);
    }
    gaps_for_none!(cx, p, NOT_IN_CONF; attachment_count);
    Config::AwsIamPolicy(Box::new(p))
}

/// Inline policies; a document that does not parse makes the whole list a gap (a partial list
/// would let a rule pass on the policies it can see).
fn inline(
    cx: &mut Cx<'_, '_>,
    list: Option<Vec<Option<InlineSrc>>>,
    key: &str,
) -> Option<Vec<InlinePolicy>> {
    let list = list?;
    let mut out = Vec::with_capacity(list.len());
    for (i, p) in list.into_iter().enumerate() {
        let Some(p) = p else { continue };
        match policy(&p.policy_document) {
            Ok(document) => out.push(InlinePolicy {
                name: p.policy_name.0.unwrap_or_default(),
                document,
            }),
            Err(e) => {
                let at = format!("{}.{key}[{i}].policyDocument", cx.conf_path());
                cx.error("inline_policies", &at, &e);
                return None;
            }
        }
    }
    Some(out)
}

fn attached(list: Option<Vec<Option<AttachedSrc>>>) -> Option<Vec<String>> {
    list.map(|v| {
        v.into_iter()
            .flatten()
            .filter_map(|a| a.policy_arn.0)
            .collect()
    })
}

pub(super) fn user(cx: &mut Cx<'_, '_>) -> Config {
    let src: UserSrc = cx.conf().unwrap_or_default();
    let inline_policies = inline(cx, src.user_policy_list, "userPolicyList");
    let inline_failed = cx.has_gap("inline_policies");
    let u = IamUser {
        user_name: src.user_name.0.unwrap_or_else(|| cx.name_or_id()),
        create_date: src.create_date.0,
        password_enabled: None,
        password_last_used: None,
        mfa_devices: None,
        mfa_active: None,
        access_keys: None,
        attached_policies: attached(src.attached_managed_policies),
        inline_policies,
        groups: src
            .group_list
            .map(|g| g.into_iter().filter_map(|x| x.0).collect()),
    };
    gaps_for_none!(cx, u, NOT_IN_CONF; create_date, attached_policies, groups);
    if u.inline_policies.is_none() && !inline_failed {
        cx.missing("inline_policies", NOT_IN_CONF);
    }
    gaps_for_none!(cx, u, CREDENTIALS;
        password_enabled, password_last_used, mfa_devices, mfa_active, access_keys);
    Config::AwsIamUser(Box::new(u))
}

pub(super) fn role(cx: &mut Cx<'_, '_>) -> Config {
    let src: RoleSrc = cx.conf().unwrap_or_default();
    let assume_role_policy = if src.assume_role_policy_document.is_null() {
        None
    } else {
        match policy(&src.assume_role_policy_document) {
            Ok(d) => Some(d),
            Err(e) => {
                let at = format!("{}.assumeRolePolicyDocument", cx.conf_path());
                cx.error("assume_role_policy", &at, &e);
                None
            }
        }
    };
    let trust_failed = cx.has_gap("assume_role_policy");
    let inline_policies = inline(cx, src.role_policy_list, "rolePolicyList");
    let inline_failed = cx.has_gap("inline_policies");
    let r = IamRole {
        role_name: src.role_name.0.unwrap_or_else(|| cx.name_or_id()),
        path: src.path.0,
        assume_role_policy,
        attached_policies: attached(src.attached_managed_policies),
        inline_policies,
        last_used: src.role_last_used.and_then(|l| l.last_used_date.0),
        instance_profiles: src
            .instance_profile_list
            .map(|v| v.into_iter().flatten().filter_map(|p| p.arn.0).collect()),
    };
    if r.assume_role_policy.is_none() && !trust_failed {
        cx.missing("assume_role_policy", NOT_IN_CONF);
    }
    if r.inline_policies.is_none() && !inline_failed {
        cx.missing("inline_policies", NOT_IN_CONF);
    }
    gaps_for_none!(cx, r, NOT_IN_CONF; path, attached_policies, last_used, instance_profiles);
    Config::AwsIamRole(Box::new(r))
}
