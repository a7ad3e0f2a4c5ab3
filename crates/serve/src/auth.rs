//! Authentication and authorization: one middleware in front of every route looks the route up
//! in [`ROUTES`](crate::routes::ROUTES), authenticates the caller (bearer token for the API,
//! session cookie + CSRF token for dashboard forms) and enforces the route's policy. A route
//! missing from the table is refused (fail closed).

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use posture_store::{ApiToken, DEFAULT_TENANT, Role};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::routes::{self, Channel, Policy};
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "posture_session";

/// The authenticated caller, available to handlers as an extension.
#[derive(Clone, Debug)]
pub struct Principal {
    /// The token.
    pub token: ApiToken,
    /// The CSRF token of the dashboard session (derived from the session secret).
    pub csrf: Option<String>,
}

impl Principal {
    /// The tenant.
    #[must_use]
    pub fn tenant(&self) -> i64 {
        self.token.tenant_id
    }

    /// The actor name used in the audit log and for four-eyes checks: the token's name and id.
    #[must_use]
    pub fn actor(&self) -> String {
        format!("{}#{}", self.token.name, self.token.id)
    }

    /// Whether the caller has at least `role`.
    #[must_use]
    pub fn has(&self, role: Role) -> bool {
        self.token.role >= role
    }
}

/// The CSRF token of a session: a hash of the session secret under a fixed label, so it can be
/// checked without server-side session state and reveals nothing about the secret.
#[must_use]
pub fn csrf_for(secret: &str) -> String {
    Sha256::digest(format!("posture-csrf\0{secret}").as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn bearer(req: &Request) -> Option<String> {
    let v = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// The value of cookie `name`.
#[must_use]
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

fn query_param(req: &Request, name: &str) -> Option<String> {
    req.uri().query()?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// The middleware.
pub async fn authorize(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let route = matched
        .as_deref()
        .and_then(|p| routes::find(method.as_str(), p));
    let Some(route) = route else {
        // Fail closed: only routes of the table are served.
        if let Some(p) = matched.as_deref()
            && routes::ROUTES.iter().any(|r| r.path == p)
        {
            return ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                format!("{method} is not allowed on {p}"),
            )
            .into_response();
        }
        return ApiError::forbidden("this route has no access policy").into_response();
    };
    let resp = match check(&st, route, &mut req).await {
        Ok(()) => next.run(req).await,
        // A browser without a session goes to the login page.
        Err(e) if route.channel == Channel::Session && e.code == "unauthenticated" => {
            axum::response::Redirect::to("/").into_response()
        }
        Err(e) => e.into_response(),
    };
    st.0.metrics.request(
        route.id,
        method.as_str(),
        resp.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    resp
}

async fn check(st: &AppState, route: &routes::Route, req: &mut Request) -> Result<(), ApiError> {
    let secret = match route.channel {
        Channel::Bearer => bearer(req),
        Channel::Session => cookie(req.headers(), SESSION_COOKIE),
    };
    let token = match &secret {
        Some(s) => st.control().authenticate(s, posture_store::now()).await?,
        None => None,
    };
    let csrf = match (route.channel, &secret) {
        (Channel::Session, Some(s)) => Some(csrf_for(s)),
        _ => None,
    };
    let principal = token.map(|token| Principal { token, csrf });
    match route.policy {
        Policy::Public => {}
        Policy::Role(min) => {
            let Some(p) = &principal else {
                return Err(ApiError::unauthenticated());
            };
            if !p.has(min) {
                return Err(ApiError::forbidden(format!(
                    "this needs the {min} role; the token has {}",
                    p.token.role
                )));
            }
        }
        Policy::Operator => {
            let Some(p) = &principal else {
                return Err(ApiError::unauthenticated());
            };
            if !(p.tenant() == DEFAULT_TENANT && p.has(Role::Admin)) {
                return Err(ApiError::forbidden(
                    "this needs an admin token of the default tenant (the operator)",
                ));
            }
        }
    }
    // Dashboard forms: unsafe methods carry the session's CSRF token in the query string, and a
    // cross-site Origin is refused outright.
    if route.channel == Channel::Session
        && route.policy != Policy::Public
        && req.method() != Method::GET
    {
        let want = principal.as_ref().and_then(|p| p.csrf.clone());
        if want.is_none() || query_param(req, "csrf") != want {
            return Err(ApiError::forbidden("missing or wrong CSRF token"));
        }
        if let (Some(origin), Some(host)) = (
            req.headers()
                .get(header::ORIGIN)
                .and_then(|v| v.to_str().ok()),
            req.headers()
                .get(header::HOST)
                .and_then(|v| v.to_str().ok()),
        ) && origin.split_once("://").map(|(_, h)| h) != Some(host)
        {
            return Err(ApiError::forbidden("cross-site request refused"));
        }
    }
    if let Some(p) = principal {
        req.extensions_mut().insert(p);
    }
    Ok(())
}
