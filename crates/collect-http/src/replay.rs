//! A small HTTP/1.1 server on 127.0.0.1 that replays recorded API responses (tests only).
//!
//! A scenario is a JSON array of routes:
//!
//! ```json
//! [{"method": "POST", "path": "/providers/Microsoft.ResourceGraph/resources",
//!   "body_contains": "11111111-", "query_contains": "api-version=",
//!   "header": ["authorization", "Bearer tok-1"],
//!   "replies": [{"status": 429, "headers": {"Retry-After": "1"}},
//!               {"status": 200, "file": "rg-page1.json"}]}]
//! ```
//!
//! The first route whose method, path and filters match answers with its next reply; the last
//! reply repeats once the list is used up. `{{BASE}}` in a reply body becomes the server's own
//! base URL (for `nextLink`s). Unmatched requests get a 404 and are recorded, so tests can assert
//! that nothing unexpected was called. Every request is recorded.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One reply.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    /// Status code.
    #[serde(default = "ok")]
    pub status: u16,
    /// Response headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Inline JSON body.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
    /// Body read from a file next to the scenario.
    #[serde(default)]
    pub file: Option<String>,
    /// Wait this long before answering (timeouts).
    #[serde(default)]
    pub delay_ms: u64,
    #[serde(skip)]
    bytes: Vec<u8>,
}

fn ok() -> u16 {
    200
}

/// One route.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// HTTP method.
    pub method: String,
    /// Exact path (no query).
    pub path: String,
    /// The raw query must contain this.
    #[serde(default)]
    pub query_contains: Option<String>,
    /// The body must contain this.
    #[serde(default)]
    pub body_contains: Option<String>,
    /// A header (lower-case name) whose value must contain the given text.
    #[serde(default)]
    pub header: Option<(String, String)>,
    /// Replies in order; the last repeats.
    pub replies: Vec<Reply>,
    #[serde(skip)]
    next: usize,
}

/// A request the server received.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// Method.
    pub method: String,
    /// Path.
    pub path: String,
    /// Raw query.
    pub query: String,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: String,
    /// Whether a route answered.
    pub matched: bool,
}

impl Recorded {
    /// A header's value.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

struct State {
    routes: Vec<Route>,
    log: Vec<Recorded>,
    base: String,
}

/// A running replay server; stops when dropped.
pub struct Server {
    base: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Load a scenario file; reply `file`s are read relative to its directory.
///
/// # Errors
/// A message naming the file.
pub fn load(path: &Path) -> Result<Vec<Route>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut routes: Vec<Route> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    for r in &mut routes {
        for rep in &mut r.replies {
            rep.bytes = match (&rep.file, &rep.body) {
                (Some(f), _) => std::fs::read(dir.join(f))
                    .map_err(|e| format!("{}: reply file {f}: {e}", path.display()))?,
                (None, Some(b)) => b.to_string().into_bytes(),
                (None, None) => Vec::new(),
            };
        }
        if r.replies.is_empty() {
            return Err(format!(
                "{}: route {} {} has no replies",
                path.display(),
                r.method,
                r.path
            ));
        }
    }
    Ok(routes)
}

impl Server {
    /// Start on a free port of 127.0.0.1.
    ///
    /// # Panics
    /// When no port can be bound (tests only).
    pub async fn start(routes: Vec<Route>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("no local address: {e}"));
        let base = format!("http://{addr}");
        let state = Arc::new(Mutex::new(State {
            routes,
            log: Vec::new(),
            base: base.clone(),
        }));
        let st = Arc::clone(&state);
        let task = tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let st = Arc::clone(&st);
                tokio::spawn(async move {
                    let _ = serve(sock, st).await;
                });
            }
        });
        Server { base, state, task }
    }

    /// `http://127.0.0.1:PORT`.
    #[must_use]
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Every request so far.
    #[must_use]
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().map(|s| s.log.clone()).unwrap_or_default()
    }

    /// Requests that no route answered.
    #[must_use]
    pub fn unmatched(&self) -> Vec<Recorded> {
        self.requests().into_iter().filter(|r| !r.matched).collect()
    }
}

async fn serve(mut sock: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    loop {
        let Some(req) = read_request(&mut sock).await? else {
            return Ok(());
        };
        let (status, headers, body, delay) = {
            let mut st = state
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?;
            let base = st.base.clone();
            let hit = st.routes.iter_mut().find(|r| matches(r, &req)).map(|r| {
                let i = r.next.min(r.replies.len() - 1);
                r.next += 1;
                let rep = &r.replies[i];
                // Routes built in code (not `load`ed) carry their inline body only.
                let raw = match (&rep.body, rep.bytes.is_empty()) {
                    (Some(b), true) => b.to_string(),
                    _ => String::from_utf8_lossy(&rep.bytes).into_owned(),
                };
                let body = raw.replace("{{BASE}}", &base);
                (rep.status, rep.headers.clone(), body, rep.delay_ms)
            });
            let matched = hit.is_some();
            st.log.push(Recorded { matched, ..req });
            hit.unwrap_or_else(|| {
                (
                    404,
                    BTreeMap::new(),
                    r#"{"error":{"code":"NoRoute","message":"no recorded response for this request"}}"#
                        .to_owned(),
                    0,
                )
            })
        };
        if delay > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
        }
        let mut head = format!(
            "HTTP/1.1 {status} X\r\ncontent-length: {}\r\ncontent-type: application/json\r\n",
            body.len()
        );
        for (k, v) in &headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        sock.write_all(head.as_bytes()).await?;
        sock.write_all(body.as_bytes()).await?;
        sock.flush().await?;
    }
}

fn matches(r: &Route, req: &Recorded) -> bool {
    r.method.eq_ignore_ascii_case(&req.method)
        && r.path == req.path
        && r.query_contains
            .as_deref()
            .is_none_or(|q| req.query.contains(q))
        && r.body_contains
            .as_deref()
            .is_none_or(|b| req.body.contains(b))
        && r.header
            .as_ref()
            .is_none_or(|(k, v)| req.header(k).is_some_and(|h| h.contains(v.as_str())))
}

async fn read_request(sock: &mut TcpStream) -> std::io::Result<Option<Recorded>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let start = lines.next().unwrap_or_default();
    let mut parts = start.split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(len);
    Ok(Some(Recorded {
        method,
        path: percent_decode(path),
        query: query.to_owned(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        matched: false,
    }))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(hex) = b.get(i + 1..i + 3)
            && let Ok(v) = u8::from_str_radix(std::str::from_utf8(hex).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
