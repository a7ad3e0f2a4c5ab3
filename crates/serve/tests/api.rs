//! The API end to end on a real SQLite store (requests go through the whole router and the
//! authorization middleware): the authorization matrix over every route × role × tenant, and
//! the main flows (targets, scans, findings, exceptions with four eyes, errors, OpenAPI).

#![allow(clippy::unwrap_used, clippy::too_many_lines, clippy::print_stderr)]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use posture_model::{CoverageEntry, CoverageStatus, Severity, Status};
use posture_serve::AppState;
use posture_serve::routes::{Channel, Policy, ROUTES, Route};
use posture_store::{
    Control, NewException, NewTarget, ObservedOutcome, ObservedResource, Reason, Role, RuleInfo,
    ScanInput, Schedule, Scope, TargetKind,
};
use serde_json::{Value, json};
use tower::ServiceExt as _;

struct Env {
    _dir: tempfile::TempDir,
    st: AppState,
    app: Router,
    /// tenant → role → secret
    tokens: Vec<(i64, Role, String)>,
    acme: i64,
    globex: i64,
    /// A finding uid in acme.
    acme_finding: String,
    framework: String,
}

const ACME_MARK: &str = "acme-secret-bucket";

fn scan_input(as_of: i64, bucket: &str, account: &str) -> ScanInput {
    ScanInput {
        as_of,
        resources: vec![ObservedResource {
            uid: format!("arn:aws:s3:::{bucket}"),
            provider: "aws".into(),
            account: account.into(),
            region: "us-east-1".into(),
            kind: "aws.s3.bucket".into(),
            name: bucket.into(),
            tags: std::collections::BTreeMap::new().into(),
        }],
        rules: vec![RuleInfo {
            id: "aws.s3.bucket_public_acl".into(),
            title: "S3 bucket ACL grants access to everyone".into(),
            severity: Severity::Critical,
        }],
        outcomes: vec![ObservedOutcome {
            resource: 0,
            rule: 0,
            status: Status::Fail,
            message: Some(format!("{bucket} grants READ to AllUsers")),
            risk: None,
        }],
        coverage: vec![CoverageEntry {
            provider: "aws".into(),
            account: account.into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            status: CoverageStatus::Collected,
            reason: None,
            resources: 1,
            source: "test".into(),
        }],
        failed_inputs: vec![],
        label: None,
    }
}

async fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("posture.db").display().to_string();
    let control = Control::open(&url).await.unwrap();
    let acme = control.create_tenant("acme", "Acme", 0).await.unwrap().id;
    let globex = control
        .create_tenant("globex", "Globex", 0)
        .await
        .unwrap()
        .id;
    let mut tokens = Vec::new();
    for t in [posture_store::DEFAULT_TENANT, acme, globex] {
        for r in Role::ALL {
            let (_, secret) = control
                .create_token(t, &format!("{r}-{t}"), r, "test", 0)
                .await
                .unwrap();
            tokens.push((t, r, secret));
        }
    }
    let st = AppState::new(
        control,
        &url,
        Arc::new(posture_serve::metrics::Metrics::default()),
    )
    .unwrap();
    let now = posture_store::now();
    let a = st.store(acme).await.unwrap();
    let s = a
        .record_scan(
            &scan_input(now - 86_400, ACME_MARK, "111"),
            &Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(s.new, 1);
    let g = st.store(globex).await.unwrap();
    g.record_scan(
        &scan_input(now - 86_400, "globex-bucket", "222"),
        &Default::default(),
    )
    .await
    .unwrap();
    let acme_finding = posture_model::finding_uid(
        "aws.s3.bucket_public_acl",
        &format!("arn:aws:s3:::{ACME_MARK}"),
    );
    let framework = st.0.library.frameworks()[0].id.clone();
    let app = posture_serve::app(st.clone());
    Env {
        _dir: dir,
        st,
        app,
        tokens,
        acme,
        globex,
        acme_finding,
        framework,
    }
}

impl Env {
    fn token(&self, tenant: i64, role: Role) -> &str {
        &self
            .tokens
            .iter()
            .find(|(t, r, _)| *t == tenant && *r == role)
            .unwrap()
            .2
    }

    async fn call(
        &self,
        method: &str,
        uri: &str,
        auth: Option<&str>,
        channel: Channel,
        body: Option<Value>,
    ) -> (StatusCode, String) {
        let mut b = Request::builder().method(method).uri(uri);
        if let Some(t) = auth {
            b = match channel {
                Channel::Bearer => b.header(header::AUTHORIZATION, format!("Bearer {t}")),
                Channel::Session => b.header(header::COOKIE, format!("posture_session={t}")),
            };
        }
        let req = match body {
            Some(v) if uri.starts_with("/ui/session") => b
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "token={}",
                    v.as_str().unwrap_or_default()
                )))
                .unwrap(),
            Some(v) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(v.to_string()))
                .unwrap(),
            None => b.body(Body::empty()).unwrap(),
        };
        let resp = self.app.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let bytes = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    async fn api(
        &self,
        method: &str,
        uri: &str,
        tenant: i64,
        role: Role,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let (s, b) = self
            .call(
                method,
                uri,
                Some(self.token(tenant, role)),
                Channel::Bearer,
                body,
            )
            .await;
        (s, serde_json::from_str(&b).unwrap_or(Value::String(b)))
    }
}

/// Fresh objects of `tenant` for one request (so state-changing requests never depend on
/// each other).
struct Fixture {
    target: i64,
    job: i64,
    exception: i64,
    token: i64,
}

async fn fixture(e: &Env, tenant: i64, n: usize) -> Fixture {
    let c = e.st.control();
    let now = posture_store::now();
    let mk = |name: String| NewTarget {
        name,
        kind: TargetKind::Files,
        scope: json!({"paths": ["exports"]}),
        credentials_ref: None,
        schedule: Schedule::Manual,
        enabled: true,
    };
    let target = c
        .create_target(tenant, &mk(format!("acme-target-{n}")), None, now)
        .await
        .unwrap()
        .id;
    let busy = c
        .create_target(tenant, &mk(format!("acme-busy-{n}")), None, now)
        .await
        .unwrap()
        .id;
    let job = c
        .enqueue(tenant, busy, "manual", "test", &[], now)
        .await
        .unwrap()
        .id;
    let store = e.st.store(tenant).await.unwrap();
    let exception = store
        .add_exception(
            &NewException {
                reason: Reason::FalsePositive,
                justification: "acme-test".into(),
                owner: "sec".into(),
                ticket: None,
                expires_at: None,
                scopes: vec![Scope {
                    rule: Some("aws.s3.bucket_public_acl".into()),
                    ..Scope::default()
                }],
                requested_by: "someone-else#0".into(),
            },
            now,
        )
        .await
        .unwrap();
    let token = c
        .create_token(
            tenant,
            &format!("acme-victim-{n}"),
            Role::Viewer,
            "test",
            now,
        )
        .await
        .unwrap()
        .0
        .id;
    Fixture {
        target,
        job,
        exception,
        token,
    }
}

/// The request used for `route` in the matrix: a path with the fixture's ids filled in, and a
/// body. A route without a case here fails the test.
fn sample(r: &Route, e: &Env, fx: &Fixture, csrf: &str) -> (String, Option<Value>) {
    let p = |s: &str| s.to_owned();
    match r.id {
        "healthz" | "readyz" | "metrics" | "openapi" | "me" | "targets.list" | "scans.list"
        | "history.list" | "findings.list" | "inventory.get" | "compliance.list"
        | "exceptions.list" | "trends.get" | "audit.list" | "audit.verify" | "tokens.list"
        | "ui.login" | "ui.overview" | "ui.findings" | "ui.exceptions" | "ui.logout" => {
            (p(r.path), None)
        }
        "targets.create" => (
            p(r.path),
            Some(
                json!({"name": format!("new-{}", fx.target), "kind": "files", "scope": {"paths": ["x"]}, "schedule": {"interval": 3600}}),
            ),
        ),
        "targets.get" | "targets.delete" => (format!("/api/v1/targets/{}", fx.target), None),
        "targets.update" => (
            format!("/api/v1/targets/{}", fx.target),
            Some(
                json!({"name": format!("renamed-{}", fx.target), "kind": "files", "scope": {"paths": ["y"]}, "schedule": {"cron": "*/15 * * * *"}}),
            ),
        ),
        "scans.start" => (format!("/api/v1/targets/{}/scans", fx.target), None),
        "scans.get" => (format!("/api/v1/scans/{}", fx.job), None),
        "scans.cancel" => (format!("/api/v1/scans/{}/cancel", fx.job), None),
        "findings.get" => (format!("/api/v1/findings/{}", e.acme_finding), None),
        "ui.finding" => (format!("/ui/findings/{}", e.acme_finding), None),
        "compliance.get" => (format!("/api/v1/compliance/{}", e.framework), None),
        "exceptions.request" => (
            p(r.path),
            Some(
                json!({"reason": "false_positive", "justification": "not public", "owner": "sec", "scopes": [{"rule": "aws.s3.*"}]}),
            ),
        ),
        "exceptions.approve" => (format!("/api/v1/exceptions/{}/approve", fx.exception), None),
        "exceptions.reject" => (format!("/api/v1/exceptions/{}/reject", fx.exception), None),
        "ui.approve" => (
            format!("/ui/exceptions/{}/approve?csrf={csrf}", fx.exception),
            None,
        ),
        "tokens.create" => (p(r.path), Some(json!({"name": "ci", "role": "viewer"}))),
        "tokens.revoke" => (format!("/api/v1/tokens/{}", fx.token), None),
        "events.ingest" => (
            p(r.path),
            Some(
                json!({"detail-type": "AWS API Call via CloudTrail", "source": "aws.s3", "account": "111",
                "region": "us-east-1", "detail": {"eventSource": "s3.amazonaws.com", "requestParameters": {"bucketName": "b"}}}),
            ),
        ),
        "ui.session" => (p(r.path), Some(Value::String("pst_not_a_token".into()))),
        "ui.asset" => (p("/ui/static/dashboard.js"), None),
        other => panic!("route {other} has no case in the authorization matrix: add one"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_matrix_covers_every_route_role_and_tenant() {
    let e = env().await;
    let mut checked = 0;
    let mut n = 0;
    for r in ROUTES {
        // Callers: nobody, then every role of the owning tenant (acme) and of another tenant.
        let mut callers: Vec<(Option<(i64, Role)>, &str)> = vec![(None, "anonymous")];
        for t in [e.acme, e.globex, posture_store::DEFAULT_TENANT] {
            for role in Role::ALL {
                callers.push((Some((t, role)), "token"));
            }
        }
        for (caller, _) in callers {
            n += 1;
            let fx = fixture(&e, e.acme, n).await;
            let secret = caller.map(|(t, role)| e.token(t, role).to_owned());
            let csrf = secret
                .as_deref()
                .map(posture_serve::auth::csrf_for)
                .unwrap_or_default();
            let (uri, mut body) = sample(r, &e, &fx, &csrf);
            if r.id == "ui.session" {
                // Logging in with the caller's token works; with none (a bad one), it does not.
                body = Some(Value::String(
                    secret.clone().unwrap_or_else(|| "pst_not_a_token".into()),
                ));
            }
            let (status, text) = e
                .call(r.method, &uri, secret.as_deref(), r.channel, body)
                .await;
            let what = format!(
                "{} {} as {caller:?} → {status}: {}",
                r.method,
                uri,
                &text.chars().take(300).collect::<String>()
            );
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{what}");
            assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{what}");
            if r.id == "ui.session" && caller.is_none() {
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
                assert!(text.contains("not valid"), "{what}");
                checked += 1;
                continue;
            }
            let allowed = match (r.policy, caller) {
                (Policy::Public, _) => true,
                (_, None) => {
                    if r.channel == Channel::Session {
                        // Browsers are sent to the login page.
                        assert_eq!(status, StatusCode::SEE_OTHER, "{what}");
                        assert!(text.is_empty());
                    } else {
                        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
                        assert!(text.contains("\"unauthenticated\""), "{what}");
                    }
                    checked += 1;
                    continue;
                }
                (Policy::Role(min), Some((_, role))) => role >= min,
                (Policy::Operator, Some((t, role))) => {
                    t == posture_store::DEFAULT_TENANT && role == Role::Admin
                }
            };
            if !allowed {
                assert_eq!(status, StatusCode::FORBIDDEN, "{what}");
                checked += 1;
                continue;
            }
            let foreign = caller.is_some_and(|(t, _)| t != e.acme);
            let names_acme_object =
                r.path.contains('{') && !["compliance.get", "ui.asset"].contains(&r.id);
            if foreign && names_acme_object {
                assert_eq!(status, StatusCode::NOT_FOUND, "{what}");
            } else {
                assert!(status.is_success() || status.is_redirection(), "{what}");
            }
            if foreign && r.policy != Policy::Public && r.policy != Policy::Operator {
                // Another tenant's caller never sees acme's data; requests naming acme's
                // objects by id find nothing (for pages: an error page, for the API: 404).
                assert!(!text.contains(ACME_MARK), "{what}: leaked acme's data");
                assert!(
                    !text.contains("acme-target-"),
                    "{what}: leaked acme's targets"
                );
                assert!(
                    !text.contains("acme-victim-"),
                    "{what}: leaked acme's tokens"
                );
                if status.is_success() {
                    assert!(
                        !text.contains(&e.acme_finding),
                        "{what}: leaked acme's finding"
                    );
                }
            }
            checked += 1;
        }
    }
    // Per-object routes across tenants answer 404 and change nothing.
    for (method, path, body) in [
        ("GET", "/api/v1/targets/{t}", None),
        (
            "PUT",
            "/api/v1/targets/{t}",
            Some(json!({"name": "pwned", "kind": "files", "scope": {"paths": ["z"]}})),
        ),
        ("DELETE", "/api/v1/targets/{t}", None),
        ("POST", "/api/v1/targets/{t}/scans", None),
        ("GET", "/api/v1/scans/{j}", None),
        ("POST", "/api/v1/scans/{j}/cancel", None),
        ("GET", "/api/v1/findings/{f}", None),
        ("POST", "/api/v1/exceptions/{x}/approve", None),
        ("POST", "/api/v1/exceptions/{x}/reject", None),
        ("DELETE", "/api/v1/tokens/{k}", None),
    ] {
        n += 1;
        let fx = fixture(&e, e.acme, n).await;
        let uri = path
            .replace("{t}", &fx.target.to_string())
            .replace("{j}", &fx.job.to_string())
            .replace("{f}", &e.acme_finding)
            .replace("{x}", &fx.exception.to_string())
            .replace("{k}", &fx.token.to_string());
        let (status, v) = e.api(method, &uri, e.globex, Role::Admin, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}: {v}");
        assert_eq!(v["error"]["code"], "not_found");
        // Still intact for acme.
        assert_eq!(
            e.st.control().target(e.acme, fx.target).await.unwrap().name,
            format!("acme-target-{n}")
        );
        assert_eq!(
            e.st.control().job(e.acme, fx.job).await.unwrap().state,
            posture_store::JobState::Queued
        );
        checked += 1;
    }
    eprintln!(
        "authorization matrix: {checked} requests over {} routes",
        ROUTES.len()
    );
    assert!(checked > ROUTES.len() * 13);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn targets_scans_findings_exceptions_and_errors() {
    let e = env().await;
    let (a, admin, analyst, approver, viewer) = (
        e.acme,
        Role::Admin,
        Role::Analyst,
        Role::Approver,
        Role::Viewer,
    );

    // Targets: validation errors name the field.
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/targets",
            a,
            admin,
            Some(json!({"name": "x", "kind": "ftp"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["code"], "invalid_request");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("kind"),
        "{v}"
    );
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/targets",
            a,
            admin,
            Some(json!({"name": "x", "kind": "aws", "schedule": {"cron": "61 * * * *"}})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("minute"),
        "{v}"
    );
    let (s, v) = e.api("POST", "/api/v1/targets", a, admin, Some(json!({"name": "prod", "kind": "aws",
        "scope": {"accounts": ["111"]}, "credentials_ref": "env:AWS_PROFILE_PROD", "schedule": {"interval": 900}}))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let tid = v["id"].as_i64().unwrap();
    assert!(v["next_run_at"].as_i64().unwrap() > posture_store::now());
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/targets",
            a,
            admin,
            Some(json!({"name": "prod", "kind": "aws"})),
        )
        .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    let (s, _) = e.api("GET", "/api/v1/targets/abc", a, viewer, None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // Scans: one at a time per target, cancel, status.
    let (s, job) = e
        .api(
            "POST",
            &format!("/api/v1/targets/{tid}/scans"),
            a,
            analyst,
            Some(json!({"resources": ["arn:aws:s3:::b"]})),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{job}");
    assert_eq!(job["state"], "queued");
    assert_eq!(job["resources"], json!(["arn:aws:s3:::b"]));
    let (s, v) = e
        .api(
            "POST",
            &format!("/api/v1/targets/{tid}/scans"),
            a,
            analyst,
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    let jid = job["id"].as_i64().unwrap();
    let (s, v) = e
        .api(
            "POST",
            &format!("/api/v1/scans/{jid}/cancel"),
            a,
            analyst,
            None,
        )
        .await;
    assert_eq!(
        (s, v["state"].as_str()),
        (StatusCode::OK, Some("cancelled"))
    );
    let (_, v) = e
        .api(
            "GET",
            &format!("/api/v1/scans?target={tid}&state=cancelled"),
            a,
            viewer,
            None,
        )
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 1);

    // Findings: filters, pagination, detail.
    let (s, v) = e
        .api(
            "GET",
            "/api/v1/findings?severity=critical&limit=10",
            a,
            viewer,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["uid"], e.acme_finding.as_str());
    let (_, v) = e
        .api("GET", "/api/v1/findings?severity=low", a, viewer, None)
        .await;
    assert_eq!(v["total"], 0);
    let (_, v) = e
        .api("GET", "/api/v1/findings?offset=1", a, viewer, None)
        .await;
    assert_eq!(
        (v["total"].as_i64(), v["items"].as_array().unwrap().len()),
        (Some(1), 0)
    );
    let (s, v) = e
        .api("GET", "/api/v1/findings?severity=urgent", a, viewer, None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        v["error"]["message"].as_str().unwrap().contains("severity"),
        "{v}"
    );
    let (s, v) = e
        .api("GET", "/api/v1/findings?framework=nope", a, viewer, None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, v) = e
        .api(
            "GET",
            &format!("/api/v1/findings/{}", e.acme_finding),
            a,
            viewer,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["rule"]["id"], "aws.s3.bucket_public_acl");
    assert!(
        v["fix"]["summary"].as_str().is_some_and(|s| !s.is_empty()),
        "{v}"
    );
    assert!(
        v["compliance"].as_object().is_some_and(|m| !m.is_empty()),
        "{v}"
    );

    // Exceptions: request as analyst; the requester cannot approve their own; another approver can.
    let (s, x) = e
        .api(
            "POST",
            "/api/v1/exceptions",
            a,
            approver,
            Some(json!({"reason": "risk_accepted",
        "justification": "migration in progress", "owner": "platform", "expires": "2099-01-01",
        "scopes": [{"resource": format!("arn:aws:s3:::{ACME_MARK}")}]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{x}");
    let xid = x["id"].as_i64().unwrap();
    let (s, v) = e
        .api(
            "POST",
            &format!("/api/v1/exceptions/{xid}/approve"),
            a,
            approver,
            None,
        )
        .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("four_eyes")),
        "{v}"
    );
    let (s, v) = e
        .api(
            "POST",
            &format!("/api/v1/exceptions/{xid}/approve"),
            a,
            admin,
            Some(json!({"note": "ok"})),
        )
        .await;
    assert_eq!(
        (s, v["state"].as_str()),
        (StatusCode::OK, Some("approved")),
        "{v}"
    );
    let (_, v) = e
        .api("GET", "/api/v1/findings?state=excepted", a, viewer, None)
        .await;
    assert_eq!(v["total"], 1);
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/exceptions",
            a,
            analyst,
            Some(json!({"reason": "risk_accepted",
        "justification": "x", "owner": "y", "scopes": [{"rule": "aws.*"}]})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("expiry"),
        "{v}"
    );
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/exceptions",
            a,
            analyst,
            Some(json!({"reason": "nope"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");

    // Tokens: the secret once; listings never carry it; a revoked token stops working.
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/tokens",
            a,
            admin,
            Some(json!({"name": "ci", "role": "viewer"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let secret = v["secret"].as_str().unwrap().to_owned();
    let kid = v["token"]["id"].as_i64().unwrap();
    let (_, list) = e.api("GET", "/api/v1/tokens", a, admin, None).await;
    assert!(!list.to_string().contains(&secret));
    let (s, _) = e
        .call("GET", "/api/v1/me", Some(&secret), Channel::Bearer, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    e.api("DELETE", &format!("/api/v1/tokens/{kid}"), a, admin, None)
        .await;
    let (s, _) = e
        .call("GET", "/api/v1/me", Some(&secret), Channel::Bearer, None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);

    // Trends, audit (hash chain intact, API actions recorded), history.
    let (_, v) = e.api("GET", "/api/v1/trends?days=7", a, viewer, None).await;
    assert!(!v["days"].as_array().unwrap().is_empty(), "{v}");
    let (_, v) = e.api("GET", "/api/v1/audit/verify", a, admin, None).await;
    assert_eq!(v["ok"], true, "{v}");
    let (_, v) = e
        .api("GET", "/api/v1/audit?limit=200", a, admin, None)
        .await;
    let actions: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["action"].as_str())
        .collect();
    for want in [
        "target.created",
        "scan.requested",
        "scan.cancelled",
        "token.created",
        "token.revoked",
    ] {
        assert!(actions.contains(&want), "{want} not in {actions:?}");
    }
    let (_, v) = e.api("GET", "/api/v1/history", a, viewer, None).await;
    assert_eq!(v["items"].as_array().unwrap().len(), 1);

    // Unknown routes and methods.
    let (s, v) = e.api("GET", "/api/v1/nope", a, viewer, None).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (s, _) = e.api("PATCH", "/api/v1/targets", a, admin, None).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);

    // Credentials are never stored: only the reference, returned as given.
    let (_, v) = e
        .api("GET", &format!("/api/v1/targets/{tid}"), a, viewer, None)
        .await;
    assert_eq!(v["credentials_ref"], "env:AWS_PROFILE_PROD");
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/targets",
            a,
            admin,
            Some(json!({"name": "leaky", "kind": "aws",
        "credentials_ref": "AKIA...\nsecret"})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}

#[tokio::test]
async fn openapi_health_and_metrics() {
    let e = env().await;
    let (s, doc) = e
        .call("GET", "/api/v1/openapi.json", None, Channel::Bearer, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let doc: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for r in ROUTES.iter().filter(|r| r.api) {
        assert!(
            doc["paths"][r.path][r.method.to_ascii_lowercase()].is_object(),
            "{}",
            r.id
        );
    }
    assert_eq!(
        e.call("GET", "/healthz", None, Channel::Bearer, None)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        e.call("GET", "/readyz", None, Channel::Bearer, None)
            .await
            .0,
        StatusCode::OK
    );
    e.api("GET", "/api/v1/findings", e.acme, Role::Viewer, None)
        .await;
    let (s, m) = e
        .call(
            "GET",
            "/metrics",
            Some(e.token(posture_store::DEFAULT_TENANT, Role::Admin)),
            Channel::Bearer,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        m.contains(
            "posture_http_requests_total{route=\"findings.list\",method=\"GET\",status=\"200\"} 1"
        ),
        "{m}"
    );
    assert!(
        m.contains("posture_open_findings{severity=\"critical\"} 2"),
        "{m}"
    );
    assert!(m.contains("posture_scan_jobs{state=\"queued\"} 0"), "{m}");
    assert!(
        m.contains(
            "posture_http_request_duration_seconds_bucket{route=\"findings.list\",le=\"+Inf\"} 1"
        ),
        "{m}"
    );
}

#[tokio::test]
async fn change_events_queue_targeted_rescans() {
    let e = env().await;
    let a = e.acme;
    let (s, t) = e
        .api(
            "POST",
            "/api/v1/targets",
            a,
            Role::Admin,
            Some(json!({"name": "prod-aws", "kind": "aws",
            "scope": {"accounts": ["111122223333"]}, "credentials_ref": "profile:audit"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let tid = t["id"].as_i64().unwrap();
    // Another account's event matches no target.
    let event = |account: &str, bucket: &str| {
        json!({"version": "0", "id": "e1", "detail-type": "AWS API Call via CloudTrail", "source": "aws.s3",
            "account": account, "time": "2026-12-02T10:00:00Z", "region": "us-east-1", "resources": [],
            "detail": {"eventVersion": "1.09", "eventSource": "s3.amazonaws.com", "eventName": "PutBucketPolicy",
                "awsRegion": "us-east-1", "recipientAccountId": account,
                "requestParameters": {"bucketName": bucket, "policy": "{}"}}})
    };
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/events",
            a,
            Role::Analyst,
            Some(event("999999999999", "x")),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["resources"].as_i64(), v["unmatched_resources"].as_i64()),
        (Some(1), Some(1))
    );
    // The target's account: one re-scan job limited to the bucket.
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/events",
            a,
            Role::Analyst,
            Some(event("111122223333", "logs-prod")),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let job = v["queued"][0]["job"].as_i64().unwrap();
    let (_, j) = e
        .api(
            "GET",
            &format!("/api/v1/scans/{job}"),
            a,
            Role::Viewer,
            None,
        )
        .await;
    assert_eq!(
        (j["reason"].as_str(), j["target_id"].as_i64()),
        (Some("event"), Some(tid))
    );
    assert_eq!(j["resources"], json!(["arn:aws:s3:::logs-prod"]));
    // While it is queued, another event reports the target as busy.
    let (_, v) = e
        .api(
            "POST",
            "/api/v1/events",
            a,
            Role::Analyst,
            Some(event("111122223333", "other")),
        )
        .await;
    assert_eq!(v["already_active"][0]["target"].as_i64(), Some(tid));
    // Another tenant's events never reach acme's targets.
    let (_, v) = e
        .api(
            "POST",
            "/api/v1/events",
            e.globex,
            Role::Analyst,
            Some(event("111122223333", "x")),
        )
        .await;
    assert_eq!(v["unmatched_resources"].as_i64(), Some(1));
    // Event Grid handshake, and a payload of no known format.
    let (s, v) = e.api("POST", "/api/v1/events", a, Role::Analyst, Some(json!([{"id": "1",
        "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "data": {"validationCode": "512d38b6"}}]))).await;
    assert_eq!(
        (s, v["validationResponse"].as_str()),
        (StatusCode::OK, Some("512d38b6"))
    );
    let (s, v) = e
        .api(
            "POST",
            "/api/v1/events",
            a,
            Role::Analyst,
            Some(json!({"hello": "world"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("EventBridge"),
        "{v}"
    );
}
