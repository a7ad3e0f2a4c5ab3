//! The dashboard: server-rendered pages with inline SVG charts and a few lines of
//! dependency-free script. Log in with an API token: it is kept in an `HttpOnly`,
//! `SameSite=Strict` session cookie (never readable by scripts); forms that change anything
//! carry a CSRF token derived from the session. Every piece of data is HTML-escaped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use axum::Form;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use posture_store::{ExceptionState, Role, StoredFinding};
use serde::Deserialize;
use serde_json::Value;

use crate::auth::{Principal, SESSION_COOKIE};
use crate::error::ApiError;
use crate::state::AppState;

/// Escape text for HTML element content and quoted attribute values.
#[must_use]
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encode a query-string value.
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn date(t: i64) -> String {
    posture_model::time::format_rfc3339(t)
        .get(..10)
        .unwrap_or_default()
        .to_owned()
}

const CSS: &str = include_str!("../assets/dashboard.css");
const JS: &str = include_str!("../assets/dashboard.js");

fn page(title: &str, p: Option<&Principal>, active: &str, body: &str) -> Html<String> {
    let mut nav = String::new();
    if let Some(p) = p {
        for (href, label) in [
            ("/ui/overview", "Overview"),
            ("/ui/findings", "Findings"),
            ("/ui/exceptions", "Exceptions"),
        ] {
            let cls = if label == active {
                " class=\"active\""
            } else {
                ""
            };
            let _ = write!(nav, "<a href=\"{href}\"{cls}>{label}</a>");
        }
        let _ = write!(
            nav,
            "<span class=\"who\">{} · {} · {}</span><form method=\"post\" action=\"/ui/logout\" class=\"inline\"><button type=\"submit\">Log out</button></form>",
            esc(&p.token.tenant),
            esc(&p.token.name),
            esc(p.token.role.as_str())
        );
    }
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>{} · Posture</title><link rel=\"stylesheet\" href=\"/ui/static/dashboard.css\"></head>\
         <body><header><strong>Posture</strong><nav>{nav}</nav></header><main>{body}</main>\
         <script src=\"/ui/static/dashboard.js\"></script></body></html>",
        esc(title)
    ))
}

fn error_page(p: Option<&Principal>, e: &ApiError) -> Response {
    let body = format!(
        "<h1>{}</h1><p class=\"error\" id=\"error\">{}</p>",
        esc(e.code),
        esc(&e.message)
    );
    (e.status, page("Error", p, "", &body)).into_response()
}

// ---- login ----

/// `GET /`: the login page (or straight to the overview when logged in).
pub async fn login_page(State(st): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    if let Some(secret) = crate::auth::cookie(&headers, SESSION_COOKIE)
        && let Ok(Some(_)) = st
            .control()
            .authenticate(&secret, posture_store::now())
            .await
    {
        return Redirect::to("/ui/overview").into_response();
    }
    login_form(StatusCode::OK, "").into_response()
}

fn login_form(status: StatusCode, msg: &str) -> (StatusCode, Html<String>) {
    let err = if msg.is_empty() {
        String::new()
    } else {
        format!("<p class=\"error\" id=\"error\">{}</p>", esc(msg))
    };
    (
        status,
        page(
            "Log in",
            None,
            "",
            &format!(
                "<h1>Log in</h1>{err}<form method=\"post\" action=\"/ui/session\" class=\"login\">\
                 <label>API token <input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\" required></label>\
                 <button type=\"submit\" id=\"login\">Log in</button></form>\
                 <p class=\"hint\">Create one with <code>posture token create --tenant T --role viewer</code>.</p>"
            ),
        ),
    )
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    token: String,
}

/// `POST /ui/session`.
pub async fn login(State(st): State<AppState>, Form(f): Form<LoginForm>) -> Response {
    let secret = f.token.trim();
    match st
        .control()
        .authenticate(secret, posture_store::now())
        .await
    {
        Ok(Some(_)) => {
            let secure = if st.0.secure_cookies { "; Secure" } else { "" };
            let cookie = format!(
                "{SESSION_COOKIE}={secret}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200{secure}"
            );
            let mut r = Redirect::to("/ui/overview").into_response();
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        Ok(None) => login_form(
            StatusCode::UNAUTHORIZED,
            "That token is not valid (unknown, revoked or mistyped).",
        )
        .into_response(),
        Err(e) => error_page(None, &e.into()),
    }
}

/// `POST /ui/logout`.
pub async fn logout() -> Response {
    let mut r = Redirect::to("/").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("posture_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    );
    r
}

/// `GET /ui/static/{name}`.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (ty, body) = match name.as_str() {
        "dashboard.css" => ("text/css; charset=utf-8", CSS),
        "dashboard.js" => ("text/javascript; charset=utf-8", JS),
        _ => return ApiError::not_found("no such asset").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, ty),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        body,
    )
        .into_response()
}

// ---- charts (inline SVG) ----

const SEVERITIES: [&str; 5] = ["critical", "high", "medium", "low", "info"];

/// A line chart of open findings by severity per day.
fn trend_chart(days: &[posture_store::TrendDay]) -> String {
    let (w, h, pad) = (640.0_f64, 220.0_f64, 36.0_f64);
    let max = days
        .iter()
        .flat_map(|d| d.open.values())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = days.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            pad + (w - 2.0 * pad) / 2.0
        } else {
            pad + (w - 2.0 * pad) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: i64| h - pad - (h - 2.0 * pad) * v as f64 / max;
    let mut svg = format!(
        "<svg class=\"chart\" id=\"trend-chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Open findings by severity over time\">\
         <line x1=\"{pad}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" class=\"axis\"/>\
         <text x=\"4\" y=\"{2}\" class=\"label\">{3}</text><text x=\"4\" y=\"{0}\" class=\"label\">0</text>",
        h - pad,
        w - pad,
        pad + 4.0,
        max as i64
    );
    for sev in SEVERITIES {
        let pts: Vec<String> = days
            .iter()
            .enumerate()
            .map(|(i, d)| {
                format!(
                    "{:.1},{:.1}",
                    x(i),
                    y(d.open.get(sev).copied().unwrap_or(0))
                )
            })
            .collect();
        let _ = write!(
            svg,
            "<polyline class=\"sev-{sev}\" fill=\"none\" points=\"{}\"><title>{sev}</title></polyline>",
            pts.join(" ")
        );
        for (i, d) in days.iter().enumerate() {
            let v = d.open.get(sev).copied().unwrap_or(0);
            let _ = write!(
                svg,
                "<circle class=\"sev-{sev}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{} {sev}: {v}</title></circle>",
                x(i),
                y(v),
                esc(&d.date)
            );
        }
    }
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        let _ = write!(
            svg,
            "<text x=\"{pad}\" y=\"{}\" class=\"label\">{}</text><text x=\"{}\" y=\"{}\" class=\"label\" text-anchor=\"end\">{}</text>",
            h - 10.0,
            esc(&first.date),
            w - pad,
            h - 10.0,
            esc(&last.date)
        );
    }
    svg.push_str("</svg><p class=\"legend\">");
    for sev in SEVERITIES {
        let _ = write!(svg, "<span class=\"key sev-{sev}\">{sev}</span> ");
    }
    svg.push_str("</p>");
    svg
}

/// Horizontal bars: percent of requirements passed per framework.
fn posture_chart(items: &[(String, Option<f64>, Option<f64>)]) -> String {
    let row = 26.0_f64;
    let h = row * items.len().max(1) as f64 + 10.0;
    let mut svg = format!(
        "<svg class=\"chart\" id=\"posture-chart\" viewBox=\"0 0 640 {h}\" role=\"img\" aria-label=\"Posture per framework\">"
    );
    for (i, (name, pass, cov)) in items.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let pct = pass.unwrap_or(0.0).clamp(0.0, 100.0);
        let label = pass.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.0}%"));
        let cov = cov.map_or_else(|| "n/a".to_owned(), |c| format!("{c:.0}%"));
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{:.1}\" class=\"label\">{}</text>\
             <rect x=\"260\" y=\"{y:.1}\" width=\"300\" height=\"18\" class=\"track\"/>\
             <rect x=\"260\" y=\"{y:.1}\" width=\"{:.1}\" height=\"18\" class=\"bar\"><title>{}: {label} passed, {cov} decided automatically</title></rect>\
             <text x=\"566\" y=\"{:.1}\" class=\"label\">{label}</text>",
            y + 13.0,
            esc(name),
            3.0 * pct,
            esc(name),
            y + 13.0
        );
    }
    svg.push_str("</svg>");
    svg
}

// ---- pages ----

/// `GET /ui/overview`.
pub async fn overview(State(st): State<AppState>, Extension(p): Extension<Principal>) -> Response {
    match overview_body(&st, &p).await {
        Ok(body) => page("Overview", Some(&p), "Overview", &body).into_response(),
        Err(e) => error_page(Some(&p), &e),
    }
}

async fn overview_body(st: &AppState, p: &Principal) -> Result<String, ApiError> {
    let store = st.store(p.tenant()).await?;
    let now = posture_store::now();
    let trends = store.trends(30, &st.0.sla, now).await?;
    let counts = store.open_counts(&st.0.sla, now).await?;
    let postures = store.latest_snapshots("posture", None).await?;
    let mut body = String::from("<h1>Posture overview</h1><section class=\"cards\">");
    for sev in SEVERITIES {
        let n = counts
            .iter()
            .find(|(s, _)| s.as_str() == sev)
            .map_or(0, |(_, c)| c.0 - c.1);
        let _ = write!(
            body,
            "<a class=\"card sev-{sev}\" href=\"/ui/findings?severity={sev}\"><span class=\"n\">{n}</span> open {sev}</a>"
        );
    }
    let coverage = trends
        .days
        .iter()
        .rev()
        .find_map(|d| d.coverage)
        .map_or_else(|| "n/a".to_owned(), |c| format!("{:.0}%", c * 100.0));
    let _ = write!(
        body,
        "<div class=\"card\"><span class=\"n\" id=\"coverage\">{}</span> coverage</div>\
         <div class=\"card\"><span class=\"n\">{}</span> overdue</div></section>",
        esc(&coverage),
        trends.overdue_now
    );
    body.push_str("<section><h2>Open findings by severity, last 30 days</h2>");
    if trends.days.is_empty() {
        body.push_str("<p class=\"empty\">No scans recorded in the last 30 days.</p>");
    } else {
        body.push_str(&trend_chart(&trends.days));
    }
    body.push_str("</section><section><h2>Posture per framework</h2>");
    // One bar per framework: the latest scan's posture (the newest target scan wins).
    let mut seen = std::collections::BTreeSet::new();
    let mut bars = Vec::new();
    for s in &postures {
        if seen.insert(s.key.clone()) {
            let name = s
                .document
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(&s.key)
                .to_owned();
            bars.push((
                name,
                s.document.get("percent_passed").and_then(Value::as_f64),
                s.document.get("coverage").and_then(Value::as_f64),
            ));
        }
    }
    if bars.is_empty() {
        body.push_str("<p class=\"empty\">No service scan has assessed a framework yet.</p>");
    } else {
        body.push_str(&posture_chart(&bars));
    }
    body.push_str("</section><section><h2>Mean time to remediate (last 30 days)</h2><table id=\"mttr\"><tr><th>Severity</th><th>MTTR</th><th>Within SLA</th></tr>");
    for sev in SEVERITIES {
        if let Some(h) = trends.mttr_hours.get(sev) {
            let sla = trends
                .sla_adherence
                .get(sev)
                .map_or_else(|| "n/a".to_owned(), |a| format!("{:.0}%", a * 100.0));
            let _ = write!(
                body,
                "<tr><td>{sev}</td><td>{:.1} h</td><td>{}</td></tr>",
                h,
                esc(&sla)
            );
        }
    }
    body.push_str("</table>");
    if trends.mttr_hours.is_empty() {
        body.push_str("<p class=\"empty\">No finding was resolved in this period.</p>");
    }
    body.push_str("</section>");
    Ok(body)
}

fn finding_row(f: &StoredFinding) -> String {
    format!(
        "<tr><td class=\"sev sev-{sev}\">{sev}</td><td>{risk}</td><td><a href=\"/ui/findings/{uid}\">{title}</a><div class=\"sub\">{rule}</div></td>\
         <td>{res}<div class=\"sub\">{kind}</div></td><td>{acct}</td><td>{state}</td><td>{opened}</td></tr>",
        sev = f.severity.as_str(),
        risk = f.risk.map_or_else(|| "–".to_owned(), |r| r.to_string()),
        uid = enc(&f.uid),
        title = esc(&f.title),
        rule = esc(&f.rule_id),
        res = esc(&f.resource_name),
        kind = esc(&f.resource_kind),
        acct = esc(&f.account),
        state = esc(&f.display),
        opened = esc(&date(f.opened_at)),
    )
}

/// `GET /ui/findings`.
pub async fn findings(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    let mut q = q;
    q.retain(|_, v| !v.is_empty());
    let (total, offset, limit, items) = match crate::api::finding_page(&st, p.tenant(), &q).await {
        Ok(x) => x,
        Err(e) => return error_page(Some(&p), &e),
    };
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let select = |name: &str, options: &[&str]| {
        let cur = get(name);
        let mut s =
            format!("<select name=\"{name}\" id=\"f-{name}\"><option value=\"\">any</option>");
        for o in options {
            let sel = if cur == *o { " selected" } else { "" };
            let _ = write!(s, "<option value=\"{o}\"{sel}>{o}</option>");
        }
        s.push_str("</select>");
        s
    };
    let mut body = format!(
        "<h1>Findings</h1><form method=\"get\" action=\"/ui/findings\" class=\"filters\" id=\"filters\">\
         <label>Severity {}</label><label>State {}</label>\
         <label>Rule <input name=\"rule\" value=\"{}\" placeholder=\"aws.s3.*\"></label>\
         <label>Account <input name=\"account\" value=\"{}\"></label>\
         <label>Sort {}</label><button type=\"submit\" id=\"apply\">Apply</button></form>",
        select("severity", &SEVERITIES),
        select(
            "state",
            &["open", "excepted", "new", "reopened", "resolved", "all"]
        ),
        esc(&get("rule")),
        esc(&get("account")),
        select("sort", &["risk", "severity", "age", "due", "last_seen"]),
    );
    let _ = write!(
        body,
        "<p class=\"count\" id=\"count\">{total} finding{} · showing {} from {}</p>\
         <table class=\"findings\" id=\"findings\"><tr><th>Severity</th><th>Risk</th><th>Finding</th><th>Resource</th><th>Account</th><th>State</th><th>Open since</th></tr>",
        if total == 1 { "" } else { "s" },
        items.len(),
        offset + 1
    );
    for f in &items {
        body.push_str(&finding_row(f));
    }
    body.push_str("</table>");
    let base: String = q
        .iter()
        .filter(|(k, _)| k.as_str() != "offset")
        .map(|(k, v)| format!("{}={}&", enc(k), enc(v)))
        .collect();
    body.push_str("<p class=\"pager\">");
    if offset > 0 {
        let _ = write!(
            body,
            "<a href=\"/ui/findings?{}offset={}\">← previous</a> ",
            esc(&base),
            (offset - limit).max(0)
        );
    }
    if usize::try_from(offset + limit).unwrap_or(usize::MAX) < total {
        let _ = write!(
            body,
            "<a href=\"/ui/findings?{}offset={}\">next →</a>",
            esc(&base),
            offset + limit
        );
    }
    body.push_str("</p>");
    page("Findings", Some(&p), "Findings", &body).into_response()
}

/// `GET /ui/findings/{uid}`.
pub async fn finding(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(uid): Path<String>,
) -> Response {
    let d = match crate::api::finding_detail(&st, p.tenant(), &uid).await {
        Ok(d) => d,
        Err(e) => return error_page(Some(&p), &e),
    };
    let s = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let f = &d["finding"];
    let mut body = format!(
        "<p><a href=\"/ui/findings\">← findings</a></p><h1 id=\"finding-title\">{}</h1>\
         <p><span class=\"sev sev-{sev}\">{sev}</span> · {} · risk {} · {}</p>",
        esc(&s(f, "title")),
        esc(&s(f, "rule_id")),
        f.get("risk")
            .and_then(Value::as_u64)
            .map_or_else(|| "not scored".to_owned(), |r| r.to_string()),
        esc(&s(f, "display")),
        sev = esc(&s(f, "severity")),
    );
    let _ = write!(
        body,
        "<section><h2>Evidence</h2><p id=\"evidence\">{}</p><table>\
         <tr><th>Resource</th><td>{}</td></tr><tr><th>Uid</th><td><code>{}</code></td></tr>\
         <tr><th>Kind</th><td>{}</td></tr><tr><th>Account</th><td>{}</td></tr><tr><th>Region</th><td>{}</td></tr>\
         <tr><th>First seen</th><td>{}</td></tr><tr><th>Last seen</th><td>{}</td></tr></table></section>",
        esc(&s(f, "message")),
        esc(&s(f, "resource_name")),
        esc(&s(f, "resource_uid")),
        esc(&s(f, "resource_kind")),
        esc(&s(f, "account")),
        esc(&s(f, "region")),
        esc(&date(
            f.get("first_seen").and_then(Value::as_i64).unwrap_or(0)
        )),
        esc(&date(
            f.get("last_seen").and_then(Value::as_i64).unwrap_or(0)
        )),
    );
    body.push_str("<section><h2>Risk factors</h2><table id=\"risk-factors\"><tr><th>Factor</th><th>Level</th><th>Points</th><th>Detail</th></tr>");
    for rf in d["risk"]["factors"].as_array().into_iter().flatten() {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s(rf, "name")),
            esc(&s(rf, "level")),
            esc(&rf
                .get("points")
                .map(ToString::to_string)
                .unwrap_or_default()),
            esc(&s(rf, "detail"))
        );
    }
    body.push_str("</table></section>");
    if let Some(rule) = d.get("rule").filter(|r| !r.is_null()) {
        let _ = write!(
            body,
            "<section><h2>Why it matters</h2><p>{}</p><p>{}</p></section>",
            esc(&s(rule, "description")),
            esc(&s(rule, "risk"))
        );
    }
    if let Some(fix) = d.get("fix").filter(|r| !r.is_null()) {
        let _ = write!(
            body,
            "<section id=\"fix\"><h2>Fix</h2><p>{}</p><h3>CLI</h3><pre>{}</pre><h3>Terraform</h3><pre>{}</pre><h3>Console</h3><pre>{}</pre></section>",
            esc(&s(fix, "summary")),
            esc(&s(fix, "cli")),
            esc(&s(fix, "terraform")),
            esc(&s(fix, "console"))
        );
    }
    body.push_str("<section><h2>Compliance</h2><ul id=\"compliance\">");
    for (fw, reqs) in d["compliance"].as_object().into_iter().flatten() {
        let reqs: Vec<String> = reqs
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(esc)
            .collect();
        let _ = write!(
            body,
            "<li><strong>{}</strong> {}</li>",
            esc(fw),
            reqs.join(", ")
        );
    }
    if d["compliance"]
        .as_object()
        .is_none_or(serde_json::Map::is_empty)
    {
        body.push_str("<li class=\"empty\">No framework maps this rule.</li>");
    }
    body.push_str("</ul></section>");
    page("Finding", Some(&p), "Findings", &body).into_response()
}

/// `GET /ui/exceptions`.
pub async fn exceptions(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    let store = match st.store(p.tenant()).await {
        Ok(s) => s,
        Err(e) => return error_page(Some(&p), &e),
    };
    let list = match store.list_exceptions(posture_store::now(), 3).await {
        Ok(l) => l,
        Err(e) => return error_page(Some(&p), &e.into()),
    };
    let mut body = String::from("<h1>Exceptions</h1>");
    if let Some(id) = q.get("approved") {
        let _ = write!(
            body,
            "<p class=\"ok\" id=\"notice\">Exception {} approved.</p>",
            esc(id)
        );
    }
    body.push_str("<table id=\"exceptions\"><tr><th>#</th><th>State</th><th>Reason</th><th>Scope</th><th>Justification</th><th>Owner</th><th>Requested by</th><th>Expires</th><th></th></tr>");
    let csrf = p.csrf.clone().unwrap_or_default();
    for e in &list {
        let scopes: Vec<String> = e
            .scopes
            .iter()
            .map(|s| esc(&serde_json::to_string(s).unwrap_or_default()))
            .collect();
        let action = if e.state == ExceptionState::Requested && p.has(Role::Approver) {
            format!(
                "<form method=\"post\" action=\"/ui/exceptions/{}/approve?csrf={}\"><button type=\"submit\" id=\"approve-{}\">Approve</button></form>",
                e.id,
                esc(&csrf),
                e.id
            )
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<tr id=\"exception-{}\"><td>{}</td><td class=\"state\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{action}</td></tr>",
            e.id,
            e.id,
            esc(e.state.as_str()),
            esc(&e.reason),
            scopes.join("<br>"),
            esc(&e.justification),
            esc(&e.owner),
            esc(&e.requested_by),
            e.expires_at.map(date).map(|d| esc(&d)).unwrap_or_default(),
        );
    }
    body.push_str("</table>");
    if list.is_empty() {
        body.push_str("<p class=\"empty\">No exceptions.</p>");
    }
    page("Exceptions", Some(&p), "Exceptions", &body).into_response()
}

/// `POST /ui/exceptions/{id}/approve` (CSRF-checked by the middleware).
pub async fn approve(
    State(st): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return error_page(Some(&p), &ApiError::invalid("not an exception id"));
    };
    match crate::api::decide(&st, &p, id, true, Some("approved in the dashboard")).await {
        Ok(_) => Redirect::to(&format!("/ui/exceptions?approved={id}")).into_response(),
        Err(e) => error_page(Some(&p), &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
        assert_eq!(enc("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
