//! The client's retry, timeout, refresh and endpoint rules against the replay server.

use std::time::{Duration, Instant};

use posture_collect_http::replay::{Route, Server};
use posture_collect_http::{
    BoxFuture, CallError, Client, HttpOptions, Request, Token, TokenCache, TokenSource, Url,
    base_url, join,
};

fn routes(json: &str) -> Vec<Route> {
    serde_json::from_str(json).unwrap()
}

fn client(base: &Url, retries: u32, timeout_ms: u64) -> Client {
    Client::new(
        HttpOptions {
            max_retries: retries,
            base_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_secs(3),
            timeout: Duration::from_millis(timeout_ms),
            concurrency: 2,
            ..HttpOptions::default()
        },
        vec![base.clone()],
    )
    .unwrap()
}

struct Fixed(&'static [&'static str], std::sync::atomic::AtomicUsize);

impl TokenSource for Fixed {
    fn fetch<'a>(&'a self, _: &'a Client) -> BoxFuture<'a, Result<Token, CallError>> {
        let i = self.1.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let t = self.0[i.min(self.0.len() - 1)];
        Box::pin(async move { Ok(Token::new(t.to_owned(), Duration::from_secs(3600))) })
    }
    fn describe(&self) -> String {
        "fixed".into()
    }
}

#[tokio::test]
async fn retry_after_is_honored_then_the_call_succeeds() {
    let server = Server::start(routes(
        r#"[{"method": "GET", "path": "/x", "replies": [
            {"status": 429, "headers": {"Retry-After": "1"}},
            {"status": 503},
            {"body": {"ok": true}}]}]"#,
    ))
    .await;
    let base = base_url("t", server.base()).unwrap();
    let c = client(&base, 3, 5000);
    let started = Instant::now();
    let v: serde_json::Value = c.json(&Request::get(join(&base, "x")), None).await.unwrap();
    assert_eq!(v["ok"], true);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );
    assert_eq!(server.requests().len(), 3);
    assert_eq!(
        c.stats()
            .throttled
            .load(std::sync::atomic::Ordering::Relaxed),
        2
    );
}

#[tokio::test]
async fn throttling_past_the_retries_or_the_wait_limit_is_throttled() {
    let server = Server::start(routes(
        r#"[{"method": "GET", "path": "/busy", "replies": [{"status": 503}]},
            {"method": "GET", "path": "/slow-down", "replies": [{"status": 429, "headers": {"Retry-After": "3600"}}]}]"#,
    ))
    .await;
    let base = base_url("t", server.base()).unwrap();
    let c = client(&base, 2, 5000);
    let e = c
        .send(&Request::get(join(&base, "busy")), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            CallError::Throttled {
                attempts: 3,
                status: 503,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.gap_reason().as_str(), "throttled");
    // An hour's Retry-After is not waited for: the call is reported throttled at once.
    let started = Instant::now();
    let e = c
        .send(&Request::get(join(&base, "slow-down")), None)
        .await
        .unwrap_err();
    assert!(matches!(e, CallError::Throttled { attempts: 1, .. }), "{e}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn timeouts_are_retried_then_reported() {
    let server = Server::start(routes(
        r#"[{"method": "GET", "path": "/hang", "replies": [{"delay_ms": 1500, "body": {}}]}]"#,
    ))
    .await;
    let base = base_url("t", server.base()).unwrap();
    let c = client(&base, 1, 200);
    let e = c
        .send(&Request::get(join(&base, "hang")), None)
        .await
        .unwrap_err();
    assert!(matches!(e, CallError::Timeout { attempts: 2, .. }), "{e}");
    assert_eq!(e.gap_reason().as_str(), "timeout");
}

#[tokio::test]
async fn a_401_refreshes_the_token_once_and_a_second_401_is_denied() {
    let server = Server::start(routes(
        r#"[{"method": "GET", "path": "/a", "header": ["authorization", "Bearer one"], "replies": [{"status": 401}]},
            {"method": "GET", "path": "/a", "replies": [{"body": {"ok": 1}}]},
            {"method": "GET", "path": "/b", "replies": [{"status": 401, "body": {"error": {"code": "InvalidAuthenticationToken", "message": "bad"}}}]}]"#,
    ))
    .await;
    let base = base_url("t", server.base()).unwrap();
    let c = client(&base, 0, 5000);
    let cache = TokenCache::new(Box::new(Fixed(
        &["one", "two", "three"],
        std::sync::atomic::AtomicUsize::new(0),
    )));
    c.send(&Request::get(join(&base, "a")), Some(&cache))
        .await
        .unwrap();
    assert_eq!(cache.fetches(), 2);
    let e = c
        .send(&Request::get(join(&base, "b")), Some(&cache))
        .await
        .unwrap_err();
    assert!(matches!(e, CallError::Denied { status: 401, .. }), "{e}");
    assert!(e.to_string().contains("InvalidAuthenticationToken: bad"));
    assert_eq!(cache.fetches(), 3);
    assert!(!format!("{cache:?}").contains("two"));
}

#[tokio::test]
async fn nothing_is_sent_outside_the_configured_endpoints() {
    let server = Server::start(routes(
        r#"[{"method": "GET", "path": "/api/x", "replies": [{"body": {}}]}]"#,
    ))
    .await;
    let base = base_url("t", &format!("{}/api", server.base())).unwrap();
    let c = client(&base, 0, 5000);
    let outside = Url::parse(&format!("{}/other", server.base())).unwrap();
    let e = c.send(&Request::get(outside), None).await.unwrap_err();
    assert!(matches!(e, CallError::NotAllowed { .. }), "{e}");
    let elsewhere = Url::parse("https://example.invalid/api/x?token=abc").unwrap();
    let e = c.send(&Request::get(elsewhere), None).await.unwrap_err();
    assert!(!e.to_string().contains("token=abc"), "{e}");
    assert!(server.requests().is_empty());
    c.send(&Request::get(join(&base, "x")), None).await.unwrap();
    assert_eq!(server.requests().len(), 1);
}
