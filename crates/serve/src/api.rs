//! The JSON API handlers (`/api/v1/...`). Every handler works inside the caller's tenant: the
//! control-plane calls take `principal.tenant()`, and scan data comes from that tenant's own
//! store, so no handler can reach another tenant's rows.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use posture_model::Severity;
use posture_store::{
    FindingQuery, FindingSort, JobState, NewException, NewTarget, Reason, Role, Schedule, Scope,
    StoredFinding, TargetKind,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

type J = ApiResult<Json<Value>>;

fn to_json<T: serde::Serialize>(v: &T) -> J {
    serde_json::to_value(v)
        .map(Json)
        .map_err(|e| ApiError::internal(&e.to_string()))
}

/// Parse a JSON request body, naming the JSON path and the expectation on error.
fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de)
        .map_err(|e| ApiError::invalid(format!("request body at {}: {}", e.path(), e.inner())))
}

fn parse_id(s: &str, what: &str) -> ApiResult<i64> {
    s.parse()
        .map_err(|_| ApiError::invalid(format!("{what}: `{s}` is not a numeric id")))
}

fn list(s: Option<&String>) -> Vec<String> {
    s.map(|v| {
        v.split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

fn int_param(q: &BTreeMap<String, String>, name: &str, default: i64, max: i64) -> ApiResult<i64> {
    match q.get(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=max).contains(n))
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "query parameter {name}: expected an integer from 0 to {max}, got `{v}`"
                ))
            }),
    }
}

async fn audit(st: &AppState, p: &Principal, action: &str, subject: &str, details: &Value) {
    match st.store(p.tenant()).await {
        Ok(store) => {
            if let Err(e) = store
                .audit_append(&p.actor(), action, subject, details)
                .await
            {
                tracing::error!(error = %e, action, "audit append failed");
            }
        }
        Err(e) => tracing::error!(error = ?e, action, "audit append failed"),
    }
}

// ---- probes ----

/// `GET /healthz`.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// `GET /readyz`.
pub async fn readyz(State(st): State<AppState>) -> Response {
    match st.control().ping().await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// `GET /metrics`.
pub async fn metrics(State(st): State<AppState>) -> ApiResult<Response> {
    let now = posture_store::now();
    let mut by_sev: BTreeMap<&'static str, f64> = BTreeMap::new();
    let mut jobs: BTreeMap<&'static str, f64> = BTreeMap::new();
    for t in st.control().tenants().await? {
        let store = st.store(t.id).await?;
        for (sev, (open, _, _)) in store.open_counts(&st.0.sla, now).await? {
            *by_sev.entry(sev.as_str()).or_default() += open as f64;
        }
        for state in [JobState::Queued, JobState::Running] {
            let n = st
                .control()
                .jobs(t.id, None, Some(state), None, 1000)
                .await?
                .len();
            *jobs.entry(state.as_str()).or_default() += n as f64;
        }
    }
    let mut gauges = Vec::new();
    for s in ["critical", "high", "medium", "low", "info"] {
        gauges.push((
            "posture_open_findings",
            format!("severity=\"{s}\""),
            by_sev.get(s).copied().unwrap_or(0.0),
        ));
    }
    for (s, n) in jobs {
        gauges.push(("posture_scan_jobs", format!("state=\"{s}\""), n));
    }
    let text = st.0.metrics.render(&gauges);
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response())
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}

/// `GET /api/v1/me`.
pub async fn me(Extension(p): Extension<Principal>) -> J {
    Ok(Json(json!({
        "tenant": p.token.tenant,
        "tenant_id": p.token.tenant_id,
        "token": {"id": p.token.id, "name": p.token.name, "role": p.token.role},
    })))
}

// ---- targets ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetInput {
    name: String,
    kind: TargetKind,
    #[serde(default = "empty_object")]
    scope: Value,
    #[serde(default)]
    credentials_ref: Option<String>,
    #[serde(default = "manual")]
    schedule: Schedule,
    #[serde(default = "yes")]
    enabled: bool,
}

fn empty_object() -> Value {
    json!({})
}
fn manual() -> Schedule {
    Schedule::Manual
}
fn yes() -> bool {
    true
}

impl TargetInput {
    fn into_new(self) -> ApiResult<NewTarget> {
        crate::cron::validate(&self.schedule).map_err(ApiError::invalid)?;
        Ok(NewTarget {
            name: self.name,
            kind: self.kind,
            scope: self.scope,
            credentials_ref: self.credentials_ref,
            schedule: self.schedule,
            enabled: self.enabled,
        })
    }
}

/// `GET /api/v1/targets`.
pub async fn targets_list(State(st): State<AppState>, Extension(p): Extension<Principal>) -> J {
    let items = st.control().targets(p.tenant()).await?;
    Ok(Json(json!({ "items": items })))
}

/// `POST /api/v1/targets`.
pub async fn targets_create(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    b: Bytes,
) -> ApiResult<Response> {
    let t = body::<TargetInput>(&b)?.into_new()?;
    let now = posture_store::now();
    let next = if t.enabled {
        crate::cron::next_run(&t.schedule, now)
    } else {
        None
    };
    let target = st
        .control()
        .create_target(p.tenant(), &t, next, now)
        .await?;
    audit(
        &st,
        &p,
        "target.created",
        &format!("target:{}", target.id),
        &json!({"name": target.name, "kind": target.kind}),
    )
    .await;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::to_value(&target).unwrap_or_default()),
    )
        .into_response())
}

/// `GET /api/v1/targets/{id}`.
pub async fn targets_get(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> J {
    let id = parse_id(&id, "target")?;
    to_json(&st.control().target(p.tenant(), id).await?)
}

/// `PUT /api/v1/targets/{id}`.
pub async fn targets_update(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
    b: Bytes,
) -> J {
    let id = parse_id(&id, "target")?;
    let t = body::<TargetInput>(&b)?.into_new()?;
    let now = posture_store::now();
    let next = if t.enabled {
        crate::cron::next_run(&t.schedule, now)
    } else {
        None
    };
    let target = st
        .control()
        .update_target(p.tenant(), id, &t, next, now)
        .await?;
    audit(
        &st,
        &p,
        "target.updated",
        &format!("target:{id}"),
        &json!({"name": target.name}),
    )
    .await;
    to_json(&target)
}

/// `DELETE /api/v1/targets/{id}`.
pub async fn targets_delete(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> J {
    let id = parse_id(&id, "target")?;
    st.control().delete_target(p.tenant(), id).await?;
    audit(
        &st,
        &p,
        "target.deleted",
        &format!("target:{id}"),
        &json!({}),
    )
    .await;
    Ok(Json(json!({"deleted": true, "id": id})))
}

// ---- scans ----

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ScanRequest {
    #[serde(default)]
    resources: Vec<String>,
}

/// `POST /api/v1/targets/{id}/scans`.
pub async fn scans_start(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
    b: Bytes,
) -> ApiResult<Response> {
    let id = parse_id(&id, "target")?;
    let req: ScanRequest = if b.iter().all(u8::is_ascii_whitespace) {
        ScanRequest::default()
    } else {
        body(&b)?
    };
    let job = st
        .control()
        .enqueue(
            p.tenant(),
            id,
            "manual",
            &p.actor(),
            &req.resources,
            posture_store::now(),
        )
        .await?;
    audit(
        &st,
        &p,
        "scan.requested",
        &format!("job:{}", job.id),
        &json!({"target": id}),
    )
    .await;
    Ok((
        StatusCode::ACCEPTED,
        Json(serde_json::to_value(&job).unwrap_or_default()),
    )
        .into_response())
}

/// `GET /api/v1/scans`.
pub async fn scans_list(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    let target = q.get("target").map(|s| parse_id(s, "target")).transpose()?;
    let state = q
        .get("state")
        .map(|s| s.parse::<JobState>().map_err(ApiError::invalid))
        .transpose()?;
    let before = q.get("before").map(|s| parse_id(s, "before")).transpose()?;
    let limit = int_param(&q, "limit", 100, 1000)?;
    let items = st
        .control()
        .jobs(p.tenant(), target, state, before, limit.max(1))
        .await?;
    let next = (items.len() as i64 == limit.max(1))
        .then(|| items.last().map(|j| j.id))
        .flatten();
    Ok(Json(json!({"items": items, "next_before": next})))
}

/// `GET /api/v1/scans/{id}`.
pub async fn scans_get(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> J {
    let id = parse_id(&id, "scan job")?;
    to_json(&st.control().job(p.tenant(), id).await?)
}

/// `POST /api/v1/scans/{id}/cancel`.
pub async fn scans_cancel(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> J {
    let id = parse_id(&id, "scan job")?;
    let job = st
        .control()
        .cancel(p.tenant(), id, posture_store::now())
        .await?;
    audit(&st, &p, "scan.cancelled", &format!("job:{id}"), &json!({})).await;
    to_json(&job)
}

/// `GET /api/v1/history`.
pub async fn history(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    let limit = int_param(&q, "limit", 100, 1000)?;
    let offset = int_param(&q, "offset", 0, 1_000_000)?;
    let store = st.store(p.tenant()).await?;
    let rows = store.scans(limit + offset).await?;
    let items: Vec<_> = rows
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .collect();
    Ok(Json(
        json!({"items": items, "offset": offset, "limit": limit}),
    ))
}

// ---- findings ----

/// Build a store query from the API's filters (the same filters as `posture findings`).
///
/// # Errors
/// 400 naming the bad parameter.
pub fn finding_query(st: &AppState, q: &BTreeMap<String, String>) -> ApiResult<FindingQuery> {
    let states = list(q.get("state"));
    for s in &states {
        if !["open", "excepted", "new", "reopened", "resolved", "all"].contains(&s.as_str()) {
            return Err(ApiError::invalid(format!(
                "query parameter state: `{s}` is not one of open, excepted, new, reopened, resolved, all"
            )));
        }
    }
    let severities = list(q.get("severity"))
        .iter()
        .map(|s| {
            s.parse::<Severity>()
                .map_err(|e| ApiError::invalid(format!("query parameter severity: {e}")))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let rule_ids = match q.get("framework").filter(|s| !s.is_empty()) {
        Some(id) => {
            let f = st.0.library.get(id).ok_or_else(|| {
                ApiError::invalid(format!("query parameter framework: no framework `{id}`"))
            })?;
            Some(f.rule_ids().into_iter().map(str::to_owned).collect())
        }
        None => None,
    };
    let sort = match q.get("sort").map(String::as_str) {
        None | Some("risk") => FindingSort::Risk,
        Some("severity") => FindingSort::Severity,
        Some("age") => FindingSort::Age,
        Some("due") => FindingSort::Due,
        Some("last_seen") => FindingSort::LastSeen,
        Some(o) => {
            return Err(ApiError::invalid(format!(
                "query parameter sort: `{o}` is not one of risk, severity, age, due, last_seen"
            )));
        }
    };
    let overdue = match q.get("overdue").map(String::as_str) {
        None | Some("false" | "0" | "") => false,
        Some("true" | "1") => true,
        Some(o) => {
            return Err(ApiError::invalid(format!(
                "query parameter overdue: expected true or false, got `{o}`"
            )));
        }
    };
    let min_age = match q.get("min_age_days") {
        Some(_) => Some(int_param(q, "min_age_days", 0, 36_500)? * 86_400),
        None => None,
    };
    Ok(FindingQuery {
        states,
        severities,
        rules: list(q.get("rule")),
        rule_ids,
        accounts: list(q.get("account")),
        tags: list(q.get("tag")),
        min_age,
        overdue,
        baseline: None,
        sort,
        limit: None,
    })
}

/// One page of findings and the total.
///
/// # Errors
/// 400 for bad filters, 500 for store errors.
pub async fn finding_page(
    st: &AppState,
    tenant: i64,
    q: &BTreeMap<String, String>,
) -> ApiResult<(usize, i64, i64, Vec<StoredFinding>)> {
    let fq = finding_query(st, q)?;
    let limit = int_param(q, "limit", 100, 1000)?;
    let offset = int_param(q, "offset", 0, 100_000_000)?;
    let store = st.store(tenant).await?;
    // Counting every match is most of a page's cost over a large store: a total counted in the
    // last TOTAL_TTL for the same tenant and filters is reused (items are always fresh).
    let key: String = q
        .iter()
        .filter(|(k, _)| !["offset", "limit", "sort"].contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}&"))
        .collect();
    let cached = {
        let mut totals =
            st.0.totals
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        totals.retain(|_, (at, _)| at.elapsed() < crate::state::TOTAL_TTL);
        totals.get(&(tenant, key.clone())).map(|(_, n)| *n)
    };
    let (total, items) = store
        .findings_page(
            &fq,
            &st.0.sla,
            posture_store::now(),
            usize::try_from(offset).unwrap_or(usize::MAX),
            usize::try_from(limit).unwrap_or(0),
            cached.is_none(),
        )
        .await?;
    let total = match (total, cached) {
        (Some(t), _) => {
            st.0.totals
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert((tenant, key), (std::time::Instant::now(), t));
            t
        }
        (None, Some(c)) => c,
        (None, None) => 0,
    };
    Ok((total, offset, limit, items))
}

/// `GET /api/v1/findings`.
pub async fn findings_list(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    let (total, offset, limit, items) = finding_page(&st, p.tenant(), &q).await?;
    Ok(Json(
        json!({"total": total, "offset": offset, "limit": limit, "items": items}),
    ))
}

/// A finding with everything an analyst needs: evidence, risk factors, fix, compliance refs.
///
/// # Errors
/// 404 when the tenant has no such finding.
pub async fn finding_detail(st: &AppState, tenant: i64, uid: &str) -> ApiResult<Value> {
    let store = st.store(tenant).await?;
    let q = FindingQuery {
        states: vec!["all".into()],
        ..FindingQuery::default()
    };
    let f = store
        .findings(&q, &st.0.sla, posture_store::now())
        .await?
        .into_iter()
        .find(|f| f.uid == uid)
        .ok_or_else(|| ApiError::not_found(format!("no finding {uid}")))?;
    let toxic = posture_risk::toxic::rules(&posture_risk::ContextSettings::default());
    let meta = posture_rules::catalog()
        .iter()
        .chain(toxic.iter())
        .map(|r| r.meta())
        .find(|m| m.id == f.rule_id);
    let fill = |t: &str| {
        t.replace("{name}", &f.resource_name)
            .replace("{uid}", &f.resource_uid)
            .replace("{account}", &f.account)
            .replace("{region}", &f.region)
    };
    let rule = meta.map(|m| {
        json!({
            "id": m.id,
            "title": m.title,
            "severity": m.severity,
            "severity_rationale": m.severity_rationale,
            "description": m.description,
            "risk": m.risk,
            "fix_safety": m.fix_safety,
            "fix_safety_reason": m.fix_safety_reason,
            "references": m.references,
        })
    });
    let fix = meta.map(|m| {
        json!({
            "summary": fill(m.remediation.summary),
            "cli": fill(m.remediation.cli),
            "terraform": fill(m.remediation.terraform),
            "console": fill(m.remediation.console),
        })
    });
    let compliance = st.0.library.controls_for_rule(&f.rule_id);
    Ok(json!({
        "finding": f,
        "evidence": {"message": f.message, "status": f.status, "resource": {
            "uid": f.resource_uid, "name": f.resource_name, "kind": f.resource_kind,
            "provider": f.provider, "account": f.account, "region": f.region, "tags": f.tags}},
        "risk": {"score": f.risk, "factors": f.risk_factors},
        "rule": rule,
        "fix": fix,
        "compliance": compliance,
    }))
}

/// `GET /api/v1/findings/{uid}`.
pub async fn findings_get(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(uid): Path<String>,
) -> J {
    Ok(Json(finding_detail(&st, p.tenant(), &uid).await?))
}

// ---- inventory and compliance ----

async fn snapshots(
    st: &AppState,
    p: &Principal,
    kind: &str,
    q: &BTreeMap<String, String>,
    key: Option<&str>,
) -> J {
    let target = q.get("target").map(|s| parse_id(s, "target")).transpose()?;
    if let Some(t) = target {
        st.control().target(p.tenant(), t).await?;
    }
    let store = st.store(p.tenant()).await?;
    let mut items = store.latest_snapshots(kind, target).await?;
    if let Some(k) = key {
        if st.0.library.get(k).is_none() {
            return Err(ApiError::not_found(format!("no framework `{k}`")));
        }
        items.retain(|s| s.key == k);
    }
    Ok(Json(json!({"items": items})))
}

/// `GET /api/v1/inventory`.
pub async fn inventory(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    snapshots(&st, &p, "inventory", &q, None).await
}

/// `GET /api/v1/compliance`.
pub async fn compliance_list(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    let Json(mut v) = snapshots(&st, &p, "posture", &q, None).await?;
    // The list carries totals only; per-requirement detail is at /compliance/{framework}.
    if let Some(items) = v.get_mut("items").and_then(Value::as_array_mut) {
        for it in items {
            if let Some(doc) = it.get_mut("document").and_then(Value::as_object_mut) {
                doc.remove("requirements");
            }
        }
    }
    Ok(Json(v))
}

/// `GET /api/v1/compliance/{framework}`.
pub async fn compliance_get(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(framework): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    snapshots(&st, &p, "posture", &q, Some(&framework)).await
}

// ---- exceptions ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExceptionInput {
    reason: String,
    justification: String,
    owner: String,
    #[serde(default)]
    ticket: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD`.
    #[serde(default)]
    expires: Option<String>,
    scopes: Vec<Scope>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Decision {
    #[serde(default)]
    note: Option<String>,
}

async fn exception_view(st: &AppState, tenant: i64, id: i64) -> J {
    let store = st.store(tenant).await?;
    let v = store
        .list_exceptions(posture_store::now(), 3)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| ApiError::not_found(format!("no exception {id}")))?;
    to_json(&v)
}

/// `GET /api/v1/exceptions`.
pub async fn exceptions_list(State(st): State<AppState>, Extension(p): Extension<Principal>) -> J {
    let store = st.store(p.tenant()).await?;
    let items = store.list_exceptions(posture_store::now(), 3).await?;
    Ok(Json(json!({"items": items})))
}

/// `POST /api/v1/exceptions`.
pub async fn exceptions_request(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    b: Bytes,
) -> ApiResult<Response> {
    let input: ExceptionInput = body(&b)?;
    let reason: Reason = input
        .reason
        .parse()
        .map_err(|e: String| ApiError::invalid(format!("request body at reason: {e}")))?;
    let expires_at = input
        .expires
        .as_deref()
        .map(posture_store::parse_time)
        .transpose()
        .map_err(|e| ApiError::invalid(format!("request body at expires: {e}")))?;
    let e = NewException {
        reason,
        justification: input.justification,
        owner: input.owner,
        ticket: input.ticket,
        expires_at,
        scopes: input.scopes,
        requested_by: p.actor(),
    };
    let store = st.store(p.tenant()).await?;
    let id = store.add_exception(&e, posture_store::now()).await?;
    let Json(v) = exception_view(&st, p.tenant(), id).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Approve or reject an exception as `p`.
///
/// # Errors
/// 404 unknown, 422 self-approval or already decided.
pub async fn decide(st: &AppState, p: &Principal, id: i64, approve: bool, note: Option<&str>) -> J {
    let store = st.store(p.tenant()).await?;
    store
        .decide_exception(id, approve, &p.actor(), note, posture_store::now())
        .await
        .map_err(|e| match e {
            posture_store::StoreError::Invalid(m) if m.starts_with("no exception") => {
                ApiError::not_found(m)
            }
            posture_store::StoreError::Invalid(m) if m.contains("someone else") => {
                ApiError::new(StatusCode::FORBIDDEN, "four_eyes", m)
            }
            other => other.into(),
        })?;
    exception_view(st, p.tenant(), id).await
}

/// `POST /api/v1/exceptions/{id}/approve`.
pub async fn exceptions_approve(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
    b: Bytes,
) -> J {
    let id = parse_id(&id, "exception")?;
    let d: Decision = if b.iter().all(u8::is_ascii_whitespace) {
        Decision::default()
    } else {
        body(&b)?
    };
    decide(&st, &p, id, true, d.note.as_deref()).await
}

/// `POST /api/v1/exceptions/{id}/reject`.
pub async fn exceptions_reject(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
    b: Bytes,
) -> J {
    let id = parse_id(&id, "exception")?;
    let d: Decision = if b.iter().all(u8::is_ascii_whitespace) {
        Decision::default()
    } else {
        body(&b)?
    };
    decide(&st, &p, id, false, d.note.as_deref()).await
}

// ---- trends, audit ----

/// `GET /api/v1/trends`.
pub async fn trends(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    let days = int_param(&q, "days", 30, 3650)?.max(1);
    let store = st.store(p.tenant()).await?;
    to_json(&store.trends(days, &st.0.sla, posture_store::now()).await?)
}

/// `GET /api/v1/audit`.
pub async fn audit_list(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> J {
    let limit = int_param(&q, "limit", 100, 1000)?;
    let store = st.store(p.tenant()).await?;
    Ok(Json(json!({"items": store.audit_log(limit).await?})))
}

/// `GET /api/v1/audit/verify`.
pub async fn audit_verify(State(st): State<AppState>, Extension(p): Extension<Principal>) -> J {
    let store = st.store(p.tenant()).await?;
    let r = store.audit_verify().await?;
    Ok(Json(
        json!({"ok": r.ok(), "entries": r.entries, "problems": r.problems}),
    ))
}

// ---- tokens ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenInput {
    name: String,
    role: String,
}

/// `GET /api/v1/tokens`.
pub async fn tokens_list(State(st): State<AppState>, Extension(p): Extension<Principal>) -> J {
    Ok(Json(
        json!({"items": st.control().tokens(p.tenant()).await?}),
    ))
}

/// `POST /api/v1/tokens`.
pub async fn tokens_create(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    b: Bytes,
) -> ApiResult<Response> {
    let input: TokenInput = body(&b)?;
    let role: Role = input
        .role
        .parse()
        .map_err(|e: String| ApiError::invalid(format!("request body at role: {e}")))?;
    if input.name.trim().is_empty() || input.name.len() > 100 {
        return Err(ApiError::invalid(
            "request body at name: expected 1 to 100 characters",
        ));
    }
    let (token, secret) = st
        .control()
        .create_token(
            p.tenant(),
            &input.name,
            role,
            &p.actor(),
            posture_store::now(),
        )
        .await?;
    audit(
        &st,
        &p,
        "token.created",
        &format!("token:{}", token.id),
        &json!({"name": token.name, "role": role}),
    )
    .await;
    Ok((
        StatusCode::CREATED,
        Json(json!({"token": token, "secret": secret, "note": "the secret is shown only once"})),
    )
        .into_response())
}

/// `DELETE /api/v1/tokens/{id}`.
pub async fn tokens_revoke(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> J {
    let id = parse_id(&id, "token")?;
    st.control()
        .revoke_token(p.tenant(), id, posture_store::now())
        .await?;
    audit(&st, &p, "token.revoked", &format!("token:{id}"), &json!({})).await;
    Ok(Json(json!({"deleted": true, "id": id})))
}

/// `POST /api/v1/events`.
pub async fn events(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    b: Bytes,
) -> ApiResult<Response> {
    crate::events::ingest(&st, &p, &b).await
}
