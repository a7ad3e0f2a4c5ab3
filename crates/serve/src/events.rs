//! Cloud change events → targeted re-scan jobs.
//!
//! Accepted payloads (the format is detected from the content):
//! * **AWS EventBridge** events, including "AWS API Call via CloudTrail" events: resource ARNs
//!   from `resources`, `detail.resources[].ARN`, and — when a CloudTrail record names its
//!   resource only in the request — from well-known request parameters (S3 bucket, security
//!   group, IAM role/user, KMS key, RDS instance).
//! * **Azure Event Grid** events (Event Grid schema, an array or one event; CloudEvents too):
//!   the ARM resource id from `data.resourceUri` or `subject`. The subscription validation
//!   handshake is answered.
//! * **GCP audit log entries via Pub/Sub push**: `message.data` is the base64 LogEntry; the
//!   Cloud Asset name is `//{serviceName}/{resourceName}`.
//!
//! Each affected resource uid (in the same form the importers and collectors use) is matched to
//! the caller's targets of that provider (by account/subscription/project when the target's
//! scope lists them) and a re-scan job limited to those resources is queued. Re-collecting only
//! those resources is up to the target's collector ([`TargetCollector`](crate::pipeline::TargetCollector)).

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use posture_store::{StoreError, TargetKind};
use serde_json::{Value, json};

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Resources affected by one payload, by provider, with the account each belongs to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Affected {
    /// `(provider, account)` → resource uids.
    pub by_account: BTreeMap<(TargetKind, String), BTreeSet<String>>,
    /// Event Grid subscription validation code, when the payload is the handshake.
    pub validation: Option<String>,
}

impl Affected {
    fn add(&mut self, kind: TargetKind, account: &str, uid: String) {
        if !uid.is_empty() {
            self.by_account
                .entry((kind, account.to_owned()))
                .or_default()
                .insert(uid);
        }
    }

    /// How many resources.
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_account.values().map(BTreeSet::len).sum()
    }

    /// Whether nothing was affected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn s<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    v.pointer(path).and_then(Value::as_str)
}

/// Map a payload to the resources it affects.
///
/// # Errors
/// A message naming the JSON path and what was expected, for payloads of no known format.
pub fn parse(v: &Value) -> Result<Affected, String> {
    let mut out = Affected::default();
    if let Some(arr) = v.as_array() {
        for (i, e) in arr.iter().enumerate() {
            azure_event(e, &mut out).map_err(|m| format!("[{i}]{m}"))?;
        }
        return Ok(out);
    }
    if v.get("detail-type").is_some() || v.get("detail").is_some() && v.get("source").is_some() {
        aws_event(v, &mut out);
        return Ok(out);
    }
    if let Some(msg) = v.get("message") {
        let data = s(msg, "/data").ok_or("message.data: expected the base64 Pub/Sub payload")?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.trim())
            .map_err(|e| format!("message.data: not base64 ({e})"))?;
        let entry: Value = serde_json::from_slice(&bytes)
            .map_err(|e| format!("message.data: not a JSON log entry ({e})"))?;
        gcp_entry(&entry, &mut out)?;
        return Ok(out);
    }
    if v.get("eventType").is_some() || v.get("specversion").is_some() {
        azure_event(v, &mut out)?;
        return Ok(out);
    }
    Err("expected an EventBridge event (detail-type), an Event Grid event or array (eventType), or a Pub/Sub push message (message.data)".into())
}

fn aws_event(v: &Value, out: &mut Affected) {
    let account = s(v, "/account").unwrap_or_default().to_owned();
    let region = s(v, "/region").unwrap_or_default().to_owned();
    for r in v
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(arn) = r.as_str() {
            out.add(TargetKind::Aws, &account, arn.to_owned());
        }
    }
    let d = v.get("detail").cloned().unwrap_or(Value::Null);
    for r in d
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(arn) = s(r, "/ARN").or_else(|| s(r, "/arn")) {
            out.add(TargetKind::Aws, &account, arn.to_owned());
        }
    }
    let Some(req) = d.get("requestParameters") else {
        return;
    };
    let source = s(&d, "/eventSource").unwrap_or_default();
    let acct = s(&d, "/recipientAccountId").unwrap_or(&account).to_owned();
    let region = s(&d, "/awsRegion").unwrap_or(&region).to_owned();
    let p = |k: &str| req.get(k).and_then(Value::as_str);
    match source {
        "s3.amazonaws.com" => {
            if let Some(b) = p("bucketName") {
                out.add(TargetKind::Aws, &acct, format!("arn:aws:s3:::{b}"));
            }
        }
        "ec2.amazonaws.com" => {
            if let Some(g) = p("groupId") {
                out.add(
                    TargetKind::Aws,
                    &acct,
                    format!("arn:aws:ec2:{region}:{acct}:security-group/{g}"),
                );
            }
        }
        "iam.amazonaws.com" => {
            if let Some(r) = p("roleName") {
                out.add(
                    TargetKind::Aws,
                    &acct,
                    format!("arn:aws:iam::{acct}:role/{r}"),
                );
            }
            if let Some(u) = p("userName") {
                out.add(
                    TargetKind::Aws,
                    &acct,
                    format!("arn:aws:iam::{acct}:user/{u}"),
                );
            }
            if let Some(a) = p("policyArn") {
                out.add(TargetKind::Aws, &acct, a.to_owned());
            }
        }
        "kms.amazonaws.com" => {
            if let Some(k) = p("keyId") {
                let arn = if k.starts_with("arn:") {
                    k.to_owned()
                } else {
                    format!("arn:aws:kms:{region}:{acct}:key/{k}")
                };
                out.add(TargetKind::Aws, &acct, arn);
            }
        }
        "rds.amazonaws.com" => {
            if let Some(db) = p("dBInstanceIdentifier") {
                out.add(
                    TargetKind::Aws,
                    &acct,
                    format!("arn:aws:rds:{region}:{acct}:db:{db}"),
                );
            }
        }
        _ => {}
    }
}

fn azure_event(e: &Value, out: &mut Affected) -> Result<(), String> {
    let ty = s(e, "/eventType")
        .or_else(|| s(e, "/type"))
        .unwrap_or_default();
    if ty == "Microsoft.EventGrid.SubscriptionValidationEvent" {
        out.validation = Some(
            s(e, "/data/validationCode")
                .ok_or(".data.validationCode: expected the validation code")?
                .to_owned(),
        );
        return Ok(());
    }
    let id = s(e, "/data/resourceUri")
        .or_else(|| s(e, "/subject"))
        .ok_or(".data.resourceUri: expected the ARM resource id of the changed resource")?;
    let uid = id.to_ascii_lowercase();
    let sub = s(e, "/data/subscriptionId")
        .map(str::to_ascii_lowercase)
        .or_else(|| {
            uid.split('/')
                .skip_while(|p| *p != "subscriptions")
                .nth(1)
                .map(str::to_owned)
        })
        .unwrap_or_default();
    out.add(TargetKind::Azure, &sub, uid);
    Ok(())
}

fn gcp_entry(e: &Value, out: &mut Affected) -> Result<(), String> {
    let service = s(e, "/protoPayload/serviceName")
        .ok_or("message.data.protoPayload.serviceName: expected an audit log entry")?;
    let name = s(e, "/protoPayload/resourceName")
        .ok_or("message.data.protoPayload.resourceName: expected the changed resource")?;
    let project = s(e, "/resource/labels/project_id").unwrap_or_default();
    out.add(
        TargetKind::Gcp,
        project,
        format!("//{service}/{}", name.trim_start_matches('/')),
    );
    Ok(())
}

fn scope_accounts(scope: &Value) -> Vec<String> {
    ["accounts", "subscriptions", "projects"]
        .iter()
        .filter_map(|k| scope.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Handle `POST /api/v1/events` for `p`'s tenant.
///
/// # Errors
/// 400 for unknown payloads.
pub async fn ingest(st: &AppState, p: &Principal, bytes: &[u8]) -> ApiResult<Response> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::invalid(format!("request body: not JSON ({e})")))?;
    let affected = parse(&v).map_err(|m| ApiError::invalid(format!("request body at {m}")))?;
    if let Some(code) = affected.validation {
        return Ok(Json(json!({"validationResponse": code})).into_response());
    }
    let targets = st.control().targets(p.tenant()).await?;
    let now = posture_store::now();
    let mut queued = Vec::new();
    let mut busy = Vec::new();
    let mut unmatched = 0usize;
    // Resources per target.
    let mut per_target: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for ((kind, account), uids) in &affected.by_account {
        let matching: Vec<_> = targets
            .iter()
            .filter(|t| t.kind == *kind && t.enabled)
            .filter(|t| {
                let accts = scope_accounts(&t.scope);
                accts.is_empty() || accts.contains(&account.to_ascii_lowercase())
            })
            .collect();
        if matching.is_empty() {
            unmatched += uids.len();
        }
        for t in matching {
            per_target
                .entry(t.id)
                .or_default()
                .extend(uids.iter().cloned());
        }
    }
    for (target, uids) in per_target {
        let uids: Vec<String> = uids.into_iter().collect();
        match st
            .control()
            .enqueue(p.tenant(), target, "event", &p.actor(), &uids, now)
            .await
        {
            Ok(job) => queued.push(json!({"job": job.id, "target": target, "resources": uids})),
            Err(StoreError::Conflict(_)) => busy.push(json!({"target": target, "resources": uids})),
            Err(e) => return Err(e.into()),
        }
    }
    st.0.metrics.event("queued", queued.len() as u64);
    st.0.metrics.event("unmatched", unmatched as u64);
    let status = if queued.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::ACCEPTED
    };
    Ok((
        status,
        Json(json!({
            "resources": affected.len(),
            "queued": queued,
            "already_active": busy,
            "unmatched_resources": unmatched,
        })),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uids(a: &Affected) -> Vec<(String, String)> {
        a.by_account
            .iter()
            .flat_map(|((_, acct), u)| u.iter().map(move |x| (acct.clone(), x.clone())))
            .collect()
    }

    #[test]
    fn cloudtrail_via_eventbridge() {
        let v = json!({
            "version": "0", "detail-type": "AWS API Call via CloudTrail", "source": "aws.s3",
            "account": "111122223333", "region": "us-east-1", "resources": [],
            "detail": {"eventSource": "s3.amazonaws.com", "eventName": "PutBucketAcl",
                       "awsRegion": "us-east-1", "recipientAccountId": "111122223333",
                       "requestParameters": {"bucketName": "logs-prod", "acl": [""]}}
        });
        let a = parse(&v).unwrap();
        assert_eq!(
            uids(&a),
            vec![("111122223333".into(), "arn:aws:s3:::logs-prod".into())]
        );
        let sg = json!({"detail-type": "AWS API Call via CloudTrail", "source": "aws.ec2", "account": "1", "region": "eu-west-1",
            "detail": {"eventSource": "ec2.amazonaws.com", "eventName": "AuthorizeSecurityGroupIngress",
                       "requestParameters": {"groupId": "sg-0abc"}}});
        assert_eq!(
            uids(&parse(&sg).unwrap())[0].1,
            "arn:aws:ec2:eu-west-1:1:security-group/sg-0abc"
        );
    }

    #[test]
    fn event_grid_and_handshake() {
        let v = json!([{"id": "1", "eventType": "Microsoft.Resources.ResourceWriteSuccess",
            "subject": "/subscriptions/SUB-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
            "data": {"resourceUri": "/subscriptions/SUB-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
                     "subscriptionId": "SUB-1"}}]);
        assert_eq!(
            uids(&parse(&v).unwrap()),
            vec![("sub-1".into(), "/subscriptions/sub-1/resourcegroups/rg/providers/microsoft.storage/storageaccounts/st1".into())]
        );
        let h = json!([{"eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "data": {"validationCode": "abc"}}]);
        assert_eq!(parse(&h).unwrap().validation.as_deref(), Some("abc"));
    }

    #[test]
    fn pubsub_push_audit_log() {
        let entry = json!({"protoPayload": {"serviceName": "storage.googleapis.com",
            "methodName": "storage.setIamPermissions", "resourceName": "projects/_/buckets/b1"},
            "resource": {"type": "gcs_bucket", "labels": {"project_id": "p1"}}});
        let data = base64::engine::general_purpose::STANDARD.encode(entry.to_string());
        let v = json!({"message": {"data": data, "messageId": "1"}, "subscription": "projects/p1/subscriptions/s"});
        assert_eq!(
            uids(&parse(&v).unwrap()),
            vec![(
                "p1".into(),
                "//storage.googleapis.com/projects/_/buckets/b1".into()
            )]
        );
    }

    #[test]
    fn unknown_payloads_name_the_path() {
        assert!(
            parse(&json!({"hello": 1}))
                .unwrap_err()
                .contains("expected an EventBridge event")
        );
        let e = parse(&json!({"message": {"data": "%%%"}})).unwrap_err();
        assert!(e.starts_with("message.data"), "{e}");
        let e = parse(&json!([{"eventType": "x"}])).unwrap_err();
        assert!(e.starts_with("[0].data.resourceUri"), "{e}");
    }
}
