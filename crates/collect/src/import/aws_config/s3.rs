//! `AWS::S3::Bucket` and `AWS::S3::AccountPublicAccessBlock`.
//!
//! A bucket's `configuration` holds little (name, owner, creation date); its posture lives in
//! `supplementaryConfiguration`, one key per S3 sub-resource. A key that is absent is a gap (the
//! export did not carry it); a key that is present with `null` is Config saying the bucket has
//! no such configuration, which maps to the observed "off" state where the model has one.

use posture_model::Config;
use posture_model::kinds::aws::{
    Acl, AclGrant, BucketEncryption, BucketLogging, PublicAccessBlock, S3AccountPublicAccessBlock,
    S3Bucket, Versioning,
};
use serde::Deserialize;
use serde_json::Value;

use super::de::{LBool, LStr, S};
use super::map::{Cx, Dec, NOT_IN_CONF, policy};

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct BucketConf {
    creation_date: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PabSrc {
    #[serde(alias = "BlockPublicAcls")]
    block_public_acls: LBool,
    #[serde(alias = "IgnorePublicAcls")]
    ignore_public_acls: LBool,
    #[serde(alias = "BlockPublicPolicy")]
    block_public_policy: LBool,
    #[serde(alias = "RestrictPublicBuckets")]
    restrict_public_buckets: LBool,
}

impl PabSrc {
    fn model(&self) -> PublicAccessBlock {
        PublicAccessBlock {
            block_public_acls: self.block_public_acls.0.unwrap_or(false),
            ignore_public_acls: self.ignore_public_acls.0.unwrap_or(false),
            block_public_policy: self.block_public_policy.0.unwrap_or(false),
            restrict_public_buckets: self.restrict_public_buckets.0.unwrap_or(false),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SseSrc {
    rules: Option<Vec<SseRule>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SseRule {
    apply_server_side_encryption_by_default: Option<SseDefault>,
    bucket_key_enabled: LBool,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SseDefault {
    sse_algorithm: LStr,
    #[serde(rename = "kmsMasterKeyID", alias = "kmsMasterKeyId")]
    kms_master_key_id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct VersioningSrc {
    status: LStr,
    is_mfa_delete_enabled: LBool,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct LoggingSrc {
    destination_bucket_name: LStr,
    log_file_prefix: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PolicySrc {
    policy_text: Value,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ObjectLockSrc {
    object_lock_enabled: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct WebsiteSrc {
    index_document_suffix: LStr,
    error_document: LStr,
    redirect_all_requests_to: Value,
    routing_rules: Option<Vec<Value>>,
}

const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const LOG_DELIVERY: &str = "http://acs.amazonaws.com/groups/s3/LogDelivery";

fn get<'v>(v: &'v Value, keys: &[&str]) -> Option<&'v Value> {
    keys.iter().find_map(|k| v.get(*k)).filter(|x| !x.is_null())
}

fn get_str<'v>(v: &'v Value, keys: &[&str]) -> Option<&'v str> {
    get(v, keys).and_then(Value::as_str)
}

/// `FullControl` → `FULL_CONTROL`, `ReadAcp` → `READ_ACP`; S3 API spellings pass through.
fn permission(p: &str) -> String {
    match p {
        "FullControl" => "FULL_CONTROL".into(),
        "Read" => "READ".into(),
        "Write" => "WRITE".into(),
        "ReadAcp" => "READ_ACP".into(),
        "WriteAcp" => "WRITE_ACP".into(),
        other => other.to_ascii_uppercase(),
    }
}

fn group_uri(name: &str) -> String {
    match name {
        "AllUsers" => ALL_USERS.into(),
        "AuthenticatedUsers" => AUTH_USERS.into(),
        "LogDelivery" => LOG_DELIVERY.into(),
        other if other.starts_with("http") => other.into(),
        other => format!("http://acs.amazonaws.com/groups/global/{other}"),
    }
}

/// The ACL in the Config spelling (`{"grantList": [{"grantee": "AllUsers" | {"id": …},
/// "permission": "Read"}], "owner": {"id": …}}`) or the S3 API one (`{"Grants": [{"Grantee":
/// {"Type": "Group", "URI": …}, "Permission": "READ"}], "Owner": {"ID": …}}`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct AclSrc {
    #[serde(alias = "Owner")]
    owner: Option<OwnerSrc>,
    #[serde(rename = "grantList")]
    grant_list: Option<Vec<Option<GrantSrc>>>,
    #[serde(alias = "Grants")]
    grants: Option<Vec<Option<GrantSrc>>>,
    #[serde(rename = "grantSet")]
    grant_set: Option<Vec<Option<GrantSrc>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OwnerSrc {
    #[serde(alias = "ID")]
    id: LStr,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct GrantSrc {
    #[serde(alias = "Grantee")]
    grantee: Option<Grantee>,
    #[serde(alias = "Permission")]
    permission: LStr,
}

/// A grantee: a group name (`"AllUsers"`) or an object with an id, URI or e-mail address.
#[derive(Default)]
struct Grantee {
    group: Option<String>,
    id: Option<String>,
    uri: Option<String>,
    email: Option<String>,
    type_id: Option<String>,
}

impl<'de> Deserialize<'de> for Grantee {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Grantee;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a grantee name or object")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Grantee, E> {
                Ok(Grantee {
                    group: Some(v.to_owned()),
                    ..Grantee::default()
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Grantee, A::Error> {
                let mut g = Grantee::default();
                while let Some(k) = m.next_key::<S<'de>>()? {
                    let slot = match k.as_str() {
                        "id" | "ID" | "identifier" | "Identifier" => &mut g.id,
                        "uri" | "URI" => &mut g.uri,
                        "emailAddress" | "EmailAddress" => &mut g.email,
                        "typeIdentifier" | "Type" | "type" => &mut g.type_id,
                        _ => {
                            m.next_value::<serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = m.next_value::<LStr>()?.0;
                }
                Ok(g)
            }
        }
        d.deserialize_any(V)
    }
}

fn grant(g: GrantSrc) -> Option<AclGrant> {
    let perm = g.permission.0?;
    let who = g.grantee?;
    let (grantee_type, grantee) = if let Some(name) = who.group {
        ("group", group_uri(&name))
    } else if let Some(uri) = who.uri {
        ("group", group_uri(&uri))
    } else if let Some(mail) = who.email {
        ("email", mail)
    } else if let Some(id) = who.id {
        match who.type_id.as_deref() {
            Some("emailAddress" | "AmazonCustomerByEmail") => ("email", id),
            Some("uri" | "Group") => ("group", group_uri(&id)),
            _ => ("canonical_user", id),
        }
    } else {
        return None;
    };
    Some(AclGrant {
        grantee_type: grantee_type.into(),
        grantee,
        permission: permission(&perm),
    })
}

fn acl(src: AclSrc) -> Result<Acl, String> {
    if src.grant_list.is_none() && src.grants.is_none() && src.grant_set.is_none() {
        return Err("no `grantList` or `grants` in the ACL".into());
    }
    let grants = [src.grant_list, src.grants, src.grant_set]
        .into_iter()
        .flatten()
        .flatten()
        .flatten()
        .filter_map(grant)
        .collect();
    Ok(Acl {
        owner_id: src.owner.and_then(|o| o.id.0),
        grants,
    })
}

fn ownership(v: &Value) -> Option<String> {
    let controls = get(v, &["ownershipControls", "OwnershipControls"]).unwrap_or(v);
    let rules = get(controls, &["rules", "Rules"])?.as_array()?;
    rules
        .iter()
        .find_map(|r| get_str(r, &["objectOwnership", "ObjectOwnership"]))
        .map(str::to_owned)
}

fn sup_absent(key: &str) -> String {
    format!("supplementaryConfiguration.{key} is not in the AWS Config item")
}

pub(super) fn bucket(cx: &mut Cx<'_, '_>) -> Config {
    let conf: BucketConf = cx.conf().unwrap_or_default();
    let mut b = S3Bucket {
        creation_date: conf.creation_date.0,
        ..S3Bucket::default()
    };

    match cx.sup::<AclSrc>("AccessControlList", "acl") {
        Dec::Val(v) => match acl(v) {
            Ok(a) => b.acl = Some(a),
            Err(e) => {
                let at = cx.at("supplementaryConfiguration.AccessControlList");
                cx.error("acl", &at, &e);
            }
        },
        Dec::Absent | Dec::Null => cx.missing("acl", &sup_absent("AccessControlList")),
        Dec::Bad => {}
    }

    match cx.sup::<PolicySrc>("BucketPolicy", "policy") {
        Dec::Val(p) => match policy(&p.policy_text) {
            Ok(d) => b.policy = Some(d),
            Err(e) => {
                let at = cx.at("supplementaryConfiguration.BucketPolicy.policyText");
                cx.error("policy", &at, &e);
            }
        },
        Dec::Absent | Dec::Null => cx.missing("policy", &sup_absent("BucketPolicy")),
        Dec::Bad => {}
    }

    match cx.sup::<PabSrc>("PublicAccessBlockConfiguration", "public_access_block") {
        Dec::Val(p) => b.public_access_block = Some(p.model()),
        Dec::Null => b.public_access_block = Some(PublicAccessBlock::default()),
        Dec::Absent => cx.missing(
            "public_access_block",
            &sup_absent("PublicAccessBlockConfiguration"),
        ),
        Dec::Bad => {}
    }

    match cx.sup::<SseSrc>("ServerSideEncryptionConfiguration", "encryption") {
        Dec::Val(s) => {
            let rule = s.rules.unwrap_or_default().into_iter().find(|r| {
                r.apply_server_side_encryption_by_default
                    .as_ref()
                    .is_some_and(|d| d.sse_algorithm.0.is_some())
            });
            b.encryption = Some(match rule {
                Some(r) => {
                    let d = r
                        .apply_server_side_encryption_by_default
                        .unwrap_or_default();
                    BucketEncryption {
                        algorithm: d.sse_algorithm.0,
                        kms_key_id: d.kms_master_key_id.0,
                        bucket_key_enabled: r.bucket_key_enabled.0.unwrap_or(false),
                    }
                }
                None => BucketEncryption::default(),
            });
        }
        Dec::Null => b.encryption = Some(BucketEncryption::default()),
        Dec::Absent => cx.missing(
            "encryption",
            &sup_absent("ServerSideEncryptionConfiguration"),
        ),
        Dec::Bad => {}
    }

    match cx.sup::<VersioningSrc>("BucketVersioningConfiguration", "versioning") {
        Dec::Val(v) => {
            b.versioning = Some(Versioning {
                status: v.status.0.unwrap_or_else(|| "Off".into()),
                mfa_delete: v.is_mfa_delete_enabled.0.unwrap_or(false),
            });
        }
        Dec::Absent | Dec::Null => {
            cx.missing("versioning", &sup_absent("BucketVersioningConfiguration"));
        }
        Dec::Bad => {}
    }

    match cx.sup::<LoggingSrc>("BucketLoggingConfiguration", "logging") {
        Dec::Val(l) => {
            b.logging = Some(BucketLogging {
                target_bucket: l.destination_bucket_name.0.filter(|s| !s.is_empty()),
                target_prefix: l.log_file_prefix.0,
            });
        }
        Dec::Null => b.logging = Some(BucketLogging::default()),
        Dec::Absent => cx.missing("logging", &sup_absent("BucketLoggingConfiguration")),
        Dec::Bad => {}
    }

    match cx.sup::<ObjectLockSrc>("ObjectLockConfiguration", "object_lock_enabled") {
        Dec::Val(o) => {
            b.object_lock_enabled = Some(
                o.object_lock_enabled
                    .0
                    .is_some_and(|s| s.eq_ignore_ascii_case("enabled")),
            );
        }
        Dec::Null => b.object_lock_enabled = Some(false),
        Dec::Absent => cx.missing(
            "object_lock_enabled",
            &sup_absent("ObjectLockConfiguration"),
        ),
        Dec::Bad => {}
    }

    match cx.sup::<WebsiteSrc>("BucketWebsiteConfiguration", "website_enabled") {
        Dec::Val(w) => {
            b.website_enabled = Some(
                w.index_document_suffix.0.is_some()
                    || w.error_document.0.is_some()
                    || !w.redirect_all_requests_to.is_null()
                    || w.routing_rules.is_some_and(|r| !r.is_empty()),
            );
        }
        Dec::Null => b.website_enabled = Some(false),
        Dec::Absent => cx.missing("website_enabled", &sup_absent("BucketWebsiteConfiguration")),
        Dec::Bad => {}
    }

    match cx.sup::<Value>("BucketOwnershipControls", "object_ownership") {
        Dec::Val(v) => match ownership(&v) {
            Some(o) => b.object_ownership = Some(o),
            None => cx.missing(
                "object_ownership",
                "supplementaryConfiguration.BucketOwnershipControls has no objectOwnership rule",
            ),
        },
        // No ownership controls: the S3 default, where the writer owns objects and ACLs apply.
        Dec::Null => b.object_ownership = Some("ObjectWriter".into()),
        Dec::Absent => cx.missing("object_ownership", &sup_absent("BucketOwnershipControls")),
        Dec::Bad => {}
    }

    if b.creation_date.is_none() {
        cx.missing("creation_date", NOT_IN_CONF);
    }
    Config::AwsS3Bucket(Box::new(b))
}

pub(super) fn account_public_access_block(cx: &mut Cx<'_, '_>) -> Config {
    let settings = cx.conf::<PabSrc>().map(|p| p.model());
    if settings.is_none() {
        cx.missing("settings", NOT_IN_CONF);
    }
    Config::AwsS3AccountPublicAccessBlock(Box::new(S3AccountPublicAccessBlock { settings }))
}
