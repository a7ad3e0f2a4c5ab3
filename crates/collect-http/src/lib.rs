//! # posture-collect-http
//!
//! The plumbing the live Azure and GCP collectors share, so each of them is only about its
//! provider's API shapes:
//!
//! * [`Client`]: an HTTP client (rustls with the ring provider) that only talks to the base URLs
//!   it was configured with, bounds the number of calls in flight, retries throttling (429),
//!   unavailability (500/502/503/504) and transport errors with exponential backoff honoring
//!   `Retry-After`, and refreshes the bearer token once when a call answers 401.
//! * [`TokenCache`]: one access token per credential, fetched on first use, refreshed shortly
//!   before it expires or after a 401; its [`Debug`](std::fmt::Debug) never shows the secret.
//! * [`CallError`]: every failure classified the way coverage gaps are
//!   ([`posture_model::GapReason`]): denied, throttled, timeout, error.
//! * [`jwt`]: RS256 JSON Web Tokens signed with ring (GCP service-account assertions, Azure
//!   certificate client assertions) and PEM parsing.
//! * `replay` (feature `replay`): a small HTTP/1.1 server on 127.0.0.1 replaying recorded
//!   responses, for tests without the internet.
//!
//! Credentials never reach logs, errors or the inventory: errors carry the URL path and the
//! provider's error message, never request headers or bodies.
#![warn(missing_docs)]

pub mod jwt;
pub mod live;
#[cfg(feature = "replay")]
pub mod replay;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use posture_model::GapReason;
use reqwest::header::{HeaderMap, HeaderValue};
pub use reqwest::{Method, Url};

/// Limits and retry policy of a [`Client`].
#[derive(Clone, Debug)]
pub struct HttpOptions {
    /// Timeout of one attempt (connect + response).
    pub timeout: Duration,
    /// Retries after the first attempt for throttling, unavailability and transport errors.
    pub max_retries: u32,
    /// First backoff; doubled per retry (with jitter) when the server gives no `Retry-After`.
    pub base_backoff: Duration,
    /// Longest single wait, also for a `Retry-After` that asks for more (then the call fails
    /// as throttled rather than stalling the scan).
    pub max_backoff: Duration,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// `User-Agent` header.
    pub user_agent: String,
}

impl Default for HttpOptions {
    fn default() -> HttpOptions {
        HttpOptions {
            timeout: Duration::from_secs(60),
            max_retries: 5,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(60),
            concurrency: 8,
            user_agent: format!("posture/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// Why a call failed, classified like a coverage gap.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// 401 after a token refresh, or 403: the identity lacks the permission.
    #[error("{what}: denied (HTTP {status}): {message}")]
    Denied {
        /// Method and path of the call.
        what: String,
        /// HTTP status.
        status: u16,
        /// The provider's error message.
        message: String,
    },
    /// 404.
    #[error("{what}: not found (HTTP 404): {message}")]
    NotFound {
        /// Method and path.
        what: String,
        /// The provider's error message.
        message: String,
    },
    /// Still 429/5xx after every retry, or a `Retry-After` longer than the configured limit.
    #[error("{what}: throttled or unavailable after {attempts} attempts (last HTTP {status})")]
    Throttled {
        /// Method and path.
        what: String,
        /// Attempts made.
        attempts: u32,
        /// Last status.
        status: u16,
    },
    /// Timed out on every attempt.
    #[error("{what}: timed out after {attempts} attempts")]
    Timeout {
        /// Method and path.
        what: String,
        /// Attempts made.
        attempts: u32,
    },
    /// Any other HTTP status.
    #[error("{what}: HTTP {status}: {message}")]
    Status {
        /// Method and path.
        what: String,
        /// HTTP status.
        status: u16,
        /// The provider's error message.
        message: String,
    },
    /// Connection failures that persisted, unreadable bodies, bad JSON.
    #[error("{what}: {message}")]
    Other {
        /// Method and path (or the step).
        what: String,
        /// What went wrong.
        message: String,
    },
    /// The URL is not under any configured endpoint; nothing was sent.
    #[error("refusing to call {url}: not under a configured endpoint ({allowed})")]
    NotAllowed {
        /// The URL (without query).
        url: String,
        /// The configured endpoints.
        allowed: String,
    },
    /// Getting a token failed.
    #[error("authentication failed: {0}")]
    Auth(String),
}

impl CallError {
    /// The coverage-gap reason for this failure.
    #[must_use]
    pub fn gap_reason(&self) -> GapReason {
        match self {
            CallError::Denied { .. } | CallError::Auth(_) => GapReason::Denied,
            CallError::Throttled { .. } => GapReason::Throttled,
            CallError::Timeout { .. } => GapReason::Timeout,
            CallError::NotFound { .. }
            | CallError::Status { .. }
            | CallError::Other { .. }
            | CallError::NotAllowed { .. } => GapReason::Error,
        }
    }

    /// HTTP status, when the failure had one.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            CallError::Denied { status, .. }
            | CallError::Throttled { status, .. }
            | CallError::Status { status, .. } => Some(*status),
            CallError::NotFound { .. } => Some(404),
            _ => None,
        }
    }
}

/// An access token. `Debug` shows only its expiry.
#[derive(Clone)]
pub struct Token {
    secret: String,
    /// When it stops being valid.
    pub expires_at: Instant,
}

impl Token {
    /// A token valid for `lifetime` from now.
    #[must_use]
    pub fn new(secret: String, lifetime: Duration) -> Token {
        Token {
            secret,
            expires_at: Instant::now() + lifetime,
        }
    }

    /// The bearer value.
    #[must_use]
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// Whether it should be replaced at `now`: refresh a little before expiry (a tenth of the
    /// remaining lifetime margin, at most five minutes), so a call never starts with a token
    /// that expires in flight.
    #[must_use]
    pub fn stale_at(&self, now: Instant, lifetime_hint: Duration) -> bool {
        let margin = (lifetime_hint / 10).min(Duration::from_secs(300));
        now + margin >= self.expires_at
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("secret", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// A boxed future (token sources are trait objects).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where tokens come from (client secret, certificate, CLI, managed identity, service account…).
pub trait TokenSource: Send + Sync {
    /// Fetch a fresh token.
    fn fetch<'a>(&'a self, http: &'a Client) -> BoxFuture<'a, Result<Token, CallError>>;
    /// Short description for messages (`client secret of app 1234…`); never the secret.
    fn describe(&self) -> String;
}

/// One token per credential, fetched lazily and refreshed before expiry or after a 401.
pub struct TokenCache {
    source: Box<dyn TokenSource>,
    current: tokio::sync::Mutex<Option<(Token, Duration)>>,
    fetches: AtomicU64,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("source", &self.source.describe())
            .finish_non_exhaustive()
    }
}

impl TokenCache {
    /// A cache over `source`.
    #[must_use]
    pub fn new(source: Box<dyn TokenSource>) -> TokenCache {
        TokenCache {
            source,
            current: tokio::sync::Mutex::new(None),
            fetches: AtomicU64::new(0),
        }
    }

    /// The credential's description.
    #[must_use]
    pub fn describe(&self) -> String {
        self.source.describe()
    }

    /// How many tokens were fetched so far.
    #[must_use]
    pub fn fetches(&self) -> u64 {
        self.fetches.load(Ordering::Relaxed)
    }

    /// A valid token (fetched when there is none or it is about to expire).
    ///
    /// # Errors
    /// [`CallError::Auth`] when the source fails.
    pub async fn get(&self, http: &Client) -> Result<Token, CallError> {
        let mut guard = self.current.lock().await;
        if let Some((t, life)) = guard.as_ref()
            && !t.stale_at(Instant::now(), *life)
        {
            return Ok(t.clone());
        }
        let t = self.source.fetch(http).await.map_err(|e| match e {
            CallError::Auth(m) => CallError::Auth(m),
            other => CallError::Auth(other.to_string()),
        })?;
        self.fetches.fetch_add(1, Ordering::Relaxed);
        let life = t.expires_at.saturating_duration_since(Instant::now());
        *guard = Some((t.clone(), life));
        Ok(t)
    }

    /// Drop `stale` (a token the server rejected) so the next [`get`](Self::get) fetches anew;
    /// a token already replaced by another task is kept.
    pub async fn invalidate(&self, stale: &Token) {
        let mut guard = self.current.lock().await;
        if guard
            .as_ref()
            .is_some_and(|(t, _)| t.secret == stale.secret)
        {
            *guard = None;
        }
    }
}

/// A request. `Debug` shows only the method and path: bodies carry client secrets and
/// assertions, queries can carry tokens.
#[derive(Clone)]
pub struct Request {
    /// Method.
    pub method: Method,
    /// Full URL.
    pub url: Url,
    /// Form body (`application/x-www-form-urlencoded`), for token endpoints.
    pub form: Option<Vec<(String, String)>>,
    /// JSON body.
    pub json: Option<serde_json::Value>,
    /// Extra headers (not secrets: those go through the token cache).
    pub headers: Vec<(&'static str, String)>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.url.path())
            .finish_non_exhaustive()
    }
}

impl Request {
    /// A GET.
    #[must_use]
    pub fn get(url: Url) -> Request {
        Request {
            method: Method::GET,
            url,
            form: None,
            json: None,
            headers: Vec::new(),
        }
    }

    /// A POST with a JSON body.
    #[must_use]
    pub fn post_json(url: Url, body: serde_json::Value) -> Request {
        Request {
            method: Method::POST,
            url,
            form: None,
            json: Some(body),
            headers: Vec::new(),
        }
    }

    /// A POST with a form body.
    #[must_use]
    pub fn post_form(url: Url, form: Vec<(String, String)>) -> Request {
        Request {
            method: Method::POST,
            url,
            form: Some(form),
            json: None,
            headers: Vec::new(),
        }
    }

    fn what(&self) -> String {
        format!("{} {}", self.method, self.url.path())
    }
}

/// A successful response.
#[derive(Debug)]
pub struct Response {
    /// Status (2xx).
    pub status: u16,
    /// Body.
    pub body: Vec<u8>,
}

impl Response {
    /// Parse the body as JSON.
    ///
    /// # Errors
    /// [`CallError::Other`] naming the call and the JSON position.
    pub fn json<T: serde::de::DeserializeOwned>(&self, what: &str) -> Result<T, CallError> {
        serde_json::from_slice(&self.body).map_err(|e| CallError::Other {
            what: what.to_owned(),
            message: format!("unexpected response body: {e}"),
        })
    }
}

/// Call statistics (for the summary).
#[derive(Debug, Default)]
pub struct Stats {
    /// Requests sent (attempts).
    pub attempts: AtomicU64,
    /// Retries after throttling or unavailability.
    pub throttled: AtomicU64,
    /// Token refreshes after a 401.
    pub reauth: AtomicU64,
}

/// The HTTP client of a live collector.
#[derive(Clone)]
pub struct Client {
    inner: reqwest::Client,
    opts: HttpOptions,
    allowed: Arc<Vec<Url>>,
    sem: Arc<tokio::sync::Semaphore>,
    stats: Arc<Stats>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("opts", &self.opts)
            .field(
                "allowed",
                &self.allowed.iter().map(Url::as_str).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// Parse a configured base URL (`https://management.azure.com`), naming the setting on error.
///
/// # Errors
/// A message naming `name` when the value is not an absolute http(s) URL.
pub fn base_url(name: &str, value: &str) -> Result<Url, String> {
    let mut u = Url::parse(value.trim())
        .map_err(|e| format!("{name}: `{value}` is not an absolute URL ({e})"))?;
    if u.scheme() != "https" && u.scheme() != "http" {
        return Err(format!(
            "{name}: `{value}` must be an http(s) URL (https outside tests)"
        ));
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err(format!(
            "{name}: `{value}` must not carry a query or fragment"
        ));
    }
    if !u.path().ends_with('/') {
        let p = format!("{}/", u.path());
        u.set_path(&p);
    }
    Ok(u)
}

/// `base` joined with `path` (`path` may start with `/`; the base's own path is kept).
#[must_use]
pub fn join(base: &Url, path: &str) -> Url {
    let mut u = base.clone();
    let p = format!(
        "{}{}",
        base.path().trim_end_matches('/'),
        if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        }
    );
    u.set_path(&p);
    u
}

impl Client {
    /// A client that only calls URLs under `allowed`.
    ///
    /// # Errors
    /// When the TLS stack cannot be set up.
    pub fn new(opts: HttpOptions, allowed: Vec<Url>) -> Result<Client, String> {
        // rustls with ring (the workspace's single crypto provider); installing twice is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let inner = reqwest::Client::builder()
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout.min(Duration::from_secs(30)))
            .user_agent(opts.user_agent.clone())
            // Redirects could leave the configured endpoints.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let concurrency = opts.concurrency.max(1);
        Ok(Client {
            inner,
            opts,
            allowed: Arc::new(allowed),
            sem: Arc::new(tokio::sync::Semaphore::new(concurrency)),
            stats: Arc::new(Stats::default()),
        })
    }

    /// Options.
    #[must_use]
    pub fn options(&self) -> &HttpOptions {
        &self.opts
    }

    /// Call statistics.
    #[must_use]
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Whether `url` is under a configured endpoint (same scheme, host, port, path prefix).
    #[must_use]
    pub fn allows(&self, url: &Url) -> bool {
        self.allowed.iter().any(|b| {
            b.scheme() == url.scheme()
                && b.host_str() == url.host_str()
                && b.port_or_known_default() == url.port_or_known_default()
                && (url.path().starts_with(b.path()) || format!("{}/", url.path()) == b.path())
        })
    }

    /// Send `req`, with a bearer token from `auth` when given; retries as configured.
    ///
    /// # Errors
    /// A classified [`CallError`].
    pub async fn send(
        &self,
        req: &Request,
        auth: Option<&TokenCache>,
    ) -> Result<Response, CallError> {
        let what = req.what();
        if !self.allows(&req.url) {
            let mut shown = req.url.clone();
            shown.set_query(None);
            return Err(CallError::NotAllowed {
                url: shown.to_string(),
                allowed: self
                    .allowed
                    .iter()
                    .map(Url::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let mut attempt: u32 = 0;
        let mut refreshed = false;
        loop {
            attempt += 1;
            let token = match auth {
                Some(a) => Some(a.get(self).await?),
                None => None,
            };
            let outcome = {
                let _permit = self.sem.acquire().await.map_err(|_| CallError::Other {
                    what: what.clone(),
                    message: "client shut down".into(),
                })?;
                self.stats.attempts.fetch_add(1, Ordering::Relaxed);
                self.once(req, token.as_ref()).await
            };
            let retry_wait = match outcome {
                Ok((status, headers, body)) => {
                    if (200..300).contains(&status) {
                        return Ok(Response { status, body });
                    }
                    let message = error_message(&body);
                    match status {
                        401 if !refreshed && auth.is_some() => {
                            // Expired or revoked token: fetch a new one once.
                            refreshed = true;
                            self.stats.reauth.fetch_add(1, Ordering::Relaxed);
                            if let (Some(a), Some(t)) = (auth, token.as_ref()) {
                                a.invalidate(t).await;
                            }
                            attempt -= 1;
                            continue;
                        }
                        401 | 403 => {
                            return Err(CallError::Denied {
                                what,
                                status,
                                message,
                            });
                        }
                        404 => return Err(CallError::NotFound { what, message }),
                        429 | 500 | 502 | 503 | 504 => {
                            let wait =
                                retry_after(&headers).unwrap_or_else(|| self.backoff(attempt));
                            if attempt > self.opts.max_retries || wait > self.opts.max_backoff {
                                return Err(CallError::Throttled {
                                    what,
                                    attempts: attempt,
                                    status,
                                });
                            }
                            self.stats.throttled.fetch_add(1, Ordering::Relaxed);
                            wait
                        }
                        _ => {
                            return Err(CallError::Status {
                                what,
                                status,
                                message,
                            });
                        }
                    }
                }
                Err(Failure::Timeout) => {
                    if attempt > self.opts.max_retries {
                        return Err(CallError::Timeout {
                            what,
                            attempts: attempt,
                        });
                    }
                    self.backoff(attempt)
                }
                Err(Failure::Transport(message)) => {
                    if attempt > self.opts.max_retries {
                        return Err(CallError::Other {
                            what,
                            message: format!("{message} (after {attempt} attempts)"),
                        });
                    }
                    self.backoff(attempt)
                }
            };
            tokio::time::sleep(retry_wait).await;
        }
    }

    /// Send and parse the JSON body.
    ///
    /// # Errors
    /// As [`send`](Self::send), plus a body that is not the expected JSON.
    pub async fn json<T: serde::de::DeserializeOwned>(
        &self,
        req: &Request,
        auth: Option<&TokenCache>,
    ) -> Result<T, CallError> {
        let r = self.send(req, auth).await?;
        r.json(&req.what())
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .opts
            .base_backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        // Jitter from the clock's low bits: spreads parallel retries without a RNG dependency.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let jitter = exp.mul_f64(f64::from(nanos % 1000) / 4000.0);
        (exp + jitter).min(self.opts.max_backoff)
    }

    async fn once(
        &self,
        req: &Request,
        token: Option<&Token>,
    ) -> Result<(u16, HeaderMap, Vec<u8>), Failure> {
        let mut b = self.inner.request(req.method.clone(), req.url.clone());
        if let Some(t) = token {
            let mut v = HeaderValue::from_str(&format!("Bearer {}", t.secret))
                .map_err(|_| Failure::Transport("token is not a valid header value".into()))?;
            v.set_sensitive(true);
            b = b.header(reqwest::header::AUTHORIZATION, v);
        }
        for (k, v) in &req.headers {
            b = b.header(*k, v);
        }
        if let Some(j) = &req.json {
            b = b
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(serde_json::to_vec(j).unwrap_or_default());
        } else if let Some(form) = &req.form {
            b = b
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(form_encode(form));
        }
        let resp = b.send().await.map_err(classify)?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.map_err(classify)?.to_vec();
        Ok((status, headers, body))
    }
}

enum Failure {
    Timeout,
    Transport(String),
}

fn classify(e: reqwest::Error) -> Failure {
    if e.is_timeout() {
        Failure::Timeout
    } else {
        // Strip the URL: reqwest includes it, and query strings can carry tokens.
        Failure::Transport(e.without_url().to_string())
    }
}

/// `application/x-www-form-urlencoded` encoding.
#[must_use]
pub fn form_encode(pairs: &[(String, String)]) -> String {
    let mut u = Url::parse("http://x/").unwrap_or_else(|_| unreachable_url());
    u.query_pairs_mut().extend_pairs(pairs.iter());
    u.query().unwrap_or_default().to_owned()
}

fn unreachable_url() -> Url {
    // `http://x/` always parses; this only satisfies the type checker without a panic path.
    Url::parse("http://localhost/").unwrap_or_else(|_| unreachable_url())
}

/// `Retry-After` in seconds (or `x-ms-retry-after-ms`), when present and parseable.
fn retry_after(h: &HeaderMap) -> Option<Duration> {
    if let Some(ms) = h
        .get("x-ms-retry-after-ms")
        .and_then(|v| v.to_str().ok())
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        return Some(Duration::from_millis(ms));
    }
    if let Some(secs) = h
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        return Some(Duration::from_secs(secs));
    }
    // Azure Resource Graph: `x-ms-user-quota-resets-after: hh:mm:ss`.
    h.get("x-ms-user-quota-resets-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|s| {
            let mut n = 0u64;
            for part in s.trim().split(':') {
                n = n * 60 + part.parse::<u64>().ok()?;
            }
            Some(Duration::from_secs(n))
        })
}

/// The provider's error message from an error body (ARM `{"error":{"code","message"}}`, Google
/// `{"error":{"code","message","status"}}`, OAuth `{"error","error_description"}`), shortened.
#[must_use]
pub fn error_message(body: &[u8]) -> String {
    let v: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => {
            let s = String::from_utf8_lossy(body);
            let s = s.trim();
            return if s.is_empty() {
                "(empty body)".into()
            } else {
                s.chars().take(300).collect()
            };
        }
    };
    let e = v.get("error").unwrap_or(&v);
    let text = if let Some(s) = e.as_str() {
        match v.get("error_description").and_then(|d| d.as_str()) {
            Some(d) => format!("{s}: {d}"),
            None => s.to_owned(),
        }
    } else {
        let code = e
            .get("code")
            .map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_owned))
            .or_else(|| e.get("status").and_then(|s| s.as_str()).map(str::to_owned));
        let msg = e.get("message").and_then(|m| m.as_str());
        match (code, msg) {
            (Some(c), Some(m)) => format!("{c}: {m}"),
            (None, Some(m)) => m.to_owned(),
            (Some(c), None) => c,
            (None, None) => v.to_string(),
        }
    };
    text.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_from_the_three_shapes() {
        assert_eq!(
            error_message(
                br#"{"error":{"code":"AuthorizationFailed","message":"no access to sub"}}"#
            ),
            "AuthorizationFailed: no access to sub"
        );
        assert_eq!(
            error_message(
                br#"{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}}"#
            ),
            "403: denied"
        );
        assert_eq!(
            error_message(br#"{"error":"invalid_grant","error_description":"expired"}"#),
            "invalid_grant: expired"
        );
        assert_eq!(error_message(b""), "(empty body)");
    }

    #[test]
    fn urls_stay_under_configured_endpoints() {
        let base = base_url("arm", "https://management.azure.com").unwrap();
        let c = Client::new(HttpOptions::default(), vec![base.clone()]).unwrap();
        assert!(c.allows(&join(&base, "/subscriptions")));
        assert!(!c.allows(&Url::parse("https://evil.example/subscriptions").unwrap()));
        assert!(!c.allows(&Url::parse("http://management.azure.com/x").unwrap()));
        let sub = base_url("x", "http://127.0.0.1:9/api/v1").unwrap();
        let c = Client::new(HttpOptions::default(), vec![sub.clone()]).unwrap();
        assert!(c.allows(&join(&sub, "projects/p")));
        assert!(!c.allows(&Url::parse("http://127.0.0.1:9/other").unwrap()));
        assert!(base_url("x", "ftp://a").is_err());
        assert!(base_url("x", "https://a/?q=1").is_err());
        assert_eq!(
            join(&sub, "/projects/p").as_str(),
            "http://127.0.0.1:9/api/v1/projects/p"
        );
    }

    #[test]
    fn tokens_are_refreshed_before_expiry_and_never_printed() {
        let t = Token::new("s3cr3t".into(), Duration::from_secs(3600));
        let now = Instant::now();
        assert!(!t.stale_at(now, Duration::from_secs(3600)));
        assert!(t.stale_at(now + Duration::from_secs(3400), Duration::from_secs(3600)));
        assert!(t.stale_at(now + Duration::from_secs(3601), Duration::from_secs(3600)));
        assert!(!format!("{t:?}").contains("s3cr3t"));
    }

    #[test]
    fn form_encoding_escapes() {
        assert_eq!(
            form_encode(&[("a b".into(), "c&d=e".into())]),
            "a+b=c%26d%3De"
        );
    }
}
