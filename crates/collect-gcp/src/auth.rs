//! GCP credentials like the Google client libraries find them: a service-account key file
//! (`--credentials`, `GOOGLE_APPLICATION_CREDENTIALS`), the gcloud application-default
//! credentials file (a user refresh token, or a service-account key), then the metadata server.

use std::path::{Path, PathBuf};
use std::time::Duration;

use posture_collect_http::jwt::{self, RsaKey};
use posture_collect_http::{BoxFuture, CallError, Client, Request, Token, TokenSource, Url, join};
use serde::Deserialize;

const SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl TokenResponse {
    fn into_token(self) -> Token {
        // Google access tokens live an hour; assume less when the response does not say.
        Token::new(
            self.access_token,
            Duration::from_secs(self.expires_in.unwrap_or(300)),
        )
    }
}

/// The fields of a credentials file Posture reads.
#[derive(Deserialize)]
struct CredentialsFile {
    #[serde(rename = "type")]
    ty: Option<String>,
    // service_account
    client_email: Option<String>,
    private_key: Option<String>,
    private_key_id: Option<String>,
    project_id: Option<String>,
    // authorized_user
    client_id: Option<String>,
    client_secret: Option<String>,
    refresh_token: Option<String>,
    quota_project_id: Option<String>,
}

/// OAuth2 JWT bearer grant (RFC 7523) with a service-account key.
pub(crate) struct ServiceAccount {
    token_url: Url,
    email: String,
    key: RsaKey,
    key_id: Option<String>,
    file: PathBuf,
}

impl TokenSource for ServiceAccount {
    fn fetch<'a>(&'a self, http: &'a Client) -> BoxFuture<'a, Result<Token, CallError>> {
        Box::pin(async move {
            let now = jwt::now_unix();
            let mut header = serde_json::json!({});
            if let Some(k) = &self.key_id {
                header["kid"] = serde_json::json!(k);
            }
            let claims = serde_json::json!({
                "iss": self.email,
                "scope": SCOPE,
                "aud": self.token_url.as_str(),
                "iat": now,
                "exp": now + 3600,
            });
            let assertion =
                jwt::sign_rs256(&self.key, &header, &claims).map_err(CallError::Auth)?;
            let req = Request::post_form(
                self.token_url.clone(),
                vec![
                    (
                        "grant_type".into(),
                        "urn:ietf:params:oauth:grant-type:jwt-bearer".into(),
                    ),
                    ("assertion".into(), assertion),
                ],
            );
            let r: TokenResponse = http
                .json(&req, None)
                .await
                .map_err(|e| CallError::Auth(format!("{}: {e}", self.describe())))?;
            Ok(r.into_token())
        })
    }

    fn describe(&self) -> String {
        format!(
            "service account {} (key file {})",
            self.email,
            self.file.display()
        )
    }
}

/// OAuth2 refresh-token grant with gcloud's application-default user credentials.
pub(crate) struct AuthorizedUser {
    token_url: Url,
    client_id: String,
    client_secret: String,
    refresh_token: String,
    file: PathBuf,
}

impl TokenSource for AuthorizedUser {
    fn fetch<'a>(&'a self, http: &'a Client) -> BoxFuture<'a, Result<Token, CallError>> {
        Box::pin(async move {
            let req = Request::post_form(
                self.token_url.clone(),
                vec![
                    ("grant_type".into(), "refresh_token".into()),
                    ("client_id".into(), self.client_id.clone()),
                    ("client_secret".into(), self.client_secret.clone()),
                    ("refresh_token".into(), self.refresh_token.clone()),
                ],
            );
            let r: TokenResponse = http.json(&req, None).await.map_err(|e| {
                CallError::Auth(format!(
                    "{}: {e} (run `gcloud auth application-default login` again if the grant expired)",
                    self.describe()
                ))
            })?;
            Ok(r.into_token())
        })
    }

    fn describe(&self) -> String {
        format!(
            "application-default user credentials ({})",
            self.file.display()
        )
    }
}

/// The metadata server of a GCE VM, GKE node or Cloud Run service.
pub(crate) struct Metadata {
    url: Url,
}

impl TokenSource for Metadata {
    fn fetch<'a>(&'a self, http: &'a Client) -> BoxFuture<'a, Result<Token, CallError>> {
        Box::pin(async move {
            let mut req = Request::get(self.url.clone());
            req.headers.push(("Metadata-Flavor", "Google".into()));
            let r: TokenResponse = http.json(&req, None).await.map_err(|e| {
                CallError::Auth(format!(
                    "no credentials file (--credentials, GOOGLE_APPLICATION_CREDENTIALS, gcloud \
                     application-default credentials) and the metadata server did not answer: {e}"
                ))
            })?;
            Ok(r.into_token())
        })
    }

    fn describe(&self) -> String {
        "metadata server service account".into()
    }
}

/// A credential and what it tells about the default project and quota project.
pub(crate) struct Found {
    pub(crate) source: Box<dyn TokenSource>,
    pub(crate) project_id: Option<String>,
    pub(crate) quota_project: Option<String>,
    /// An endpoint the credential needs beyond the configured API endpoints (metadata server).
    pub(crate) extra_endpoint: Option<Url>,
}

/// The gcloud ADC file location (`$CLOUDSDK_CONFIG` or `~/.config/gcloud`).
fn adc_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let dir = env("CLOUDSDK_CONFIG")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".config/gcloud")))?;
    let p = dir.join("application_default_credentials.json");
    p.is_file().then_some(p)
}

/// Find the credential: `explicit` file, `GOOGLE_APPLICATION_CREDENTIALS`, the gcloud ADC file,
/// the metadata server.
///
/// # Errors
/// A message naming the file and what is wrong with it.
pub(crate) fn find(
    explicit: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
    token_url: &Url,
    metadata: &Url,
) -> Result<Found, String> {
    let file = explicit
        .map(Path::to_path_buf)
        .or_else(|| env("GOOGLE_APPLICATION_CREDENTIALS").map(PathBuf::from))
        .or_else(|| adc_path(env));
    let Some(file) = file else {
        return Ok(Found {
            source: Box::new(Metadata {
                url: join(
                    metadata,
                    "computeMetadata/v1/instance/service-accounts/default/token",
                ),
            }),
            project_id: None,
            quota_project: None,
            extra_endpoint: Some(metadata.clone()),
        });
    };
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("credentials file {}: {e}", file.display()))?;
    let c: CredentialsFile = serde_json::from_str(&text).map_err(|e| {
        format!(
            "credentials file {}: not a Google credentials JSON file ({e})",
            file.display()
        )
    })?;
    let need = |v: Option<String>, field: &str| {
        v.filter(|s| !s.is_empty()).ok_or_else(|| {
            format!(
                "credentials file {}: `{field}` is missing (expected a service-account key or \
                 gcloud application-default credentials)",
                file.display()
            )
        })
    };
    match c.ty.as_deref() {
        Some("service_account") => {
            let pem = need(c.private_key, "private_key")?;
            let key = RsaKey::from_pem(&pem)
                .map_err(|e| format!("credentials file {}: `private_key`: {e}", file.display()))?;
            Ok(Found {
                source: Box::new(ServiceAccount {
                    token_url: token_url.clone(),
                    email: need(c.client_email, "client_email")?,
                    key,
                    key_id: c.private_key_id,
                    file,
                }),
                project_id: c.project_id,
                quota_project: None,
                extra_endpoint: None,
            })
        }
        Some("authorized_user") => Ok(Found {
            source: Box::new(AuthorizedUser {
                token_url: token_url.clone(),
                client_id: need(c.client_id, "client_id")?,
                client_secret: need(c.client_secret, "client_secret")?,
                refresh_token: need(c.refresh_token, "refresh_token")?,
                file,
            }),
            project_id: None,
            quota_project: c.quota_project_id,
            extra_endpoint: None,
        }),
        other => Err(format!(
            "credentials file {}: `type` is {} (supported: service_account, authorized_user; for \
             workload identity federation run Posture where the metadata server is reachable)",
            file.display(),
            other.map_or_else(|| "missing".to_owned(), |t| format!("`{t}`"))
        )),
    }
}
