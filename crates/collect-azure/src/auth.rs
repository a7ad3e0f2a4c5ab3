//! Azure credentials, in the order the Azure SDKs' default chain uses them: a service principal
//! from the environment (client secret, then certificate), a managed identity, the Azure CLI.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use posture_collect_http::jwt::{self, RsaKey};
use posture_collect_http::{BoxFuture, CallError, Client, Request, Token, TokenSource, Url, join};
use serde::Deserialize;

/// Which credential to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CredentialKind {
    /// The first that is configured: client secret, certificate, managed identity (when its
    /// endpoint variables are set or `managed_identity_endpoint` is configured), Azure CLI.
    #[default]
    Auto,
    /// `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`.
    ClientSecret,
    /// `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_CERTIFICATE_PATH` (PEM with the
    /// private key and the certificate).
    Certificate,
    /// The managed identity endpoint (IMDS, or `IDENTITY_ENDPOINT` on App Service / Functions).
    ManagedIdentity,
    /// `az account get-access-token`.
    Cli,
}

impl CredentialKind {
    /// Parse a configuration value.
    ///
    /// # Errors
    /// A message listing the accepted values.
    pub fn parse(s: &str) -> Result<CredentialKind, String> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => CredentialKind::Auto,
            "client-secret" | "secret" => CredentialKind::ClientSecret,
            "certificate" => CredentialKind::Certificate,
            "managed-identity" => CredentialKind::ManagedIdentity,
            "cli" | "azure-cli" => CredentialKind::Cli,
            other => {
                return Err(format!(
                    "unknown Azure credential `{other}` (expected auto, client-secret, certificate, managed-identity or cli)"
                ));
            }
        })
    }
}

/// OAuth token response (Entra ID v2 endpoint, IMDS, App Service identity endpoint).
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    expires_on: Option<serde_json::Value>,
}

fn number(v: Option<&serde_json::Value>) -> Option<u64> {
    match v? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl TokenResponse {
    fn into_token(self) -> Token {
        let lifetime = number(self.expires_in.as_ref())
            .or_else(|| {
                number(self.expires_on.as_ref()).map(|on| on.saturating_sub(jwt::now_unix()))
            })
            // Neither given: assume the shortest lifetime Entra issues, so we refresh early.
            .unwrap_or(300);
        Token::new(self.access_token, Duration::from_secs(lifetime))
    }
}

fn auth_err(what: &str, e: &CallError) -> CallError {
    CallError::Auth(format!("{what}: {e}"))
}

/// Client secret or certificate of a service principal (OAuth2 client credentials grant).
pub(crate) struct ServicePrincipal {
    pub(crate) token_url: Url,
    pub(crate) client_id: String,
    pub(crate) scope: String,
    pub(crate) secret: SpSecret,
}

pub(crate) enum SpSecret {
    Secret(String),
    Certificate {
        key: Box<RsaKey>,
        thumbprint: String,
        path: PathBuf,
    },
}

impl TokenSource for ServicePrincipal {
    fn fetch<'a>(&'a self, http: &'a Client) -> BoxFuture<'a, Result<Token, CallError>> {
        Box::pin(async move {
            let mut form = vec![
                ("grant_type".to_owned(), "client_credentials".to_owned()),
                ("client_id".to_owned(), self.client_id.clone()),
                ("scope".to_owned(), self.scope.clone()),
            ];
            match &self.secret {
                SpSecret::Secret(s) => form.push(("client_secret".into(), s.clone())),
                SpSecret::Certificate {
                    key, thumbprint, ..
                } => {
                    let now = jwt::now_unix();
                    let claims = serde_json::json!({
                        "aud": self.token_url.as_str(),
                        "iss": self.client_id,
                        "sub": self.client_id,
                        "jti": format!("{:x}-{now}", std::process::id()),
                        "nbf": now,
                        "iat": now,
                        "exp": now + 600,
                    });
                    let header = serde_json::json!({ "x5t": thumbprint });
                    let assertion =
                        jwt::sign_rs256(key, &header, &claims).map_err(CallError::Auth)?;
                    form.push((
                        "client_assertion_type".into(),
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                    ));
                    form.push(("client_assertion".into(), assertion));
                }
            }
            let req = Request::post_form(self.token_url.clone(), form);
            let r: TokenResponse = http
                .json(&req, None)
                .await
                .map_err(|e| auth_err(&self.describe(), &e))?;
            Ok(r.into_token())
        })
    }

    fn describe(&self) -> String {
        match &self.secret {
            SpSecret::Secret(_) => format!("client secret of application {}", self.client_id),
            SpSecret::Certificate { path, .. } => format!(
                "certificate {} of application {}",
                path.display(),
                self.client_id
            ),
        }
    }
}

/// Managed identity: App Service style (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`) or IMDS.
pub(crate) struct ManagedIdentity {
    pub(crate) endpoint: Url,
    pub(crate) identity_header: Option<String>,
    pub(crate) resource: String,
    pub(crate) client_id: Option<String>,
}

impl TokenSource for ManagedIdentity {
    fn fetch<'a>(&'a self, http: &'a Client) -> BoxFuture<'a, Result<Token, CallError>> {
        Box::pin(async move {
            let mut url = self.endpoint.clone();
            {
                let mut q = url.query_pairs_mut();
                match &self.identity_header {
                    Some(_) => q.append_pair("api-version", "2019-08-01"),
                    None => q.append_pair("api-version", "2018-02-01"),
                };
                q.append_pair("resource", &self.resource);
                if let Some(c) = &self.client_id {
                    q.append_pair("client_id", c);
                }
            }
            let mut req = Request::get(url);
            match &self.identity_header {
                Some(h) => req.headers.push(("X-IDENTITY-HEADER", h.clone())),
                None => req.headers.push(("Metadata", "true".into())),
            }
            let r: TokenResponse = http
                .json(&req, None)
                .await
                .map_err(|e| auth_err(&self.describe(), &e))?;
            Ok(r.into_token())
        })
    }

    fn describe(&self) -> String {
        match &self.client_id {
            Some(c) => format!("managed identity {c}"),
            None => "managed identity".into(),
        }
    }
}

/// `az account get-access-token`.
pub(crate) struct AzureCli {
    pub(crate) resource: String,
    pub(crate) tenant: Option<String>,
    /// `PATH` to find `az` with (the process's, unless the options carry another).
    pub(crate) path: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CliToken {
    access_token: String,
    #[serde(default, rename = "expires_on")]
    expires_on: Option<serde_json::Value>,
}

impl TokenSource for AzureCli {
    fn fetch<'a>(&'a self, _http: &'a Client) -> BoxFuture<'a, Result<Token, CallError>> {
        Box::pin(async move {
            let resource = self.resource.clone();
            let tenant = self.tenant.clone();
            let path = self.path.clone();
            let out = tokio::task::spawn_blocking(move || {
                let mut cmd = std::process::Command::new("az");
                if let Some(p) = &path {
                    // Also where `az` itself is looked up.
                    cmd.env("PATH", p);
                }
                cmd.args([
                    "account",
                    "get-access-token",
                    "--output",
                    "json",
                    "--resource",
                    &resource,
                ]);
                if let Some(t) = &tenant {
                    cmd.args(["--tenant", t]);
                }
                cmd.output()
            })
            .await
            .map_err(|e| CallError::Auth(format!("Azure CLI: {e}")))?
            .map_err(|e| {
                CallError::Auth(format!(
                    "Azure CLI: cannot run `az` ({e}); install the Azure CLI and run `az login`, \
                     or set AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET"
                ))
            })?;
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stderr);
                return Err(CallError::Auth(format!(
                    "Azure CLI: `az account get-access-token` failed: {}",
                    err.trim().chars().take(300).collect::<String>()
                )));
            }
            let t: CliToken = serde_json::from_slice(&out.stdout).map_err(|e| {
                CallError::Auth(format!(
                    "Azure CLI: unexpected `az account get-access-token` output: {e}"
                ))
            })?;
            let lifetime =
                number(t.expires_on.as_ref()).map_or(300, |on| on.saturating_sub(jwt::now_unix()));
            Ok(Token::new(t.access_token, Duration::from_secs(lifetime)))
        })
    }

    fn describe(&self) -> String {
        "Azure CLI login".into()
    }
}

fn env<'a>(vars: &'a BTreeMap<String, String>, k: &str) -> Option<&'a str> {
    vars.get(k)
        .map(String::as_str)
        .filter(|v| !v.trim().is_empty())
}

/// Build the credential from `kind` and the environment.
///
/// # Errors
/// What is missing, naming the variables.
pub(crate) fn credential(
    kind: CredentialKind,
    vars: &BTreeMap<String, String>,
    authority: &Url,
    resource: &str,
    managed_identity: Option<&Url>,
) -> Result<(Box<dyn TokenSource>, Option<Url>), String> {
    let scope = format!("{}/.default", resource.trim_end_matches('/'));
    let tenant = env(vars, "AZURE_TENANT_ID");
    let client = env(vars, "AZURE_CLIENT_ID");
    let sp = |secret: SpSecret| -> Result<Box<dyn TokenSource>, String> {
        let (Some(t), Some(c)) = (tenant, client) else {
            return Err("a service principal needs AZURE_TENANT_ID and AZURE_CLIENT_ID".into());
        };
        if !t
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '.')
        {
            return Err(format!(
                "AZURE_TENANT_ID `{t}` is not a tenant id or domain"
            ));
        }
        Ok(Box::new(ServicePrincipal {
            token_url: join(authority, &format!("{t}/oauth2/v2.0/token")),
            client_id: c.to_owned(),
            scope: scope.clone(),
            secret,
        }))
    };
    let certificate = || -> Result<SpSecret, String> {
        let Some(p) = env(vars, "AZURE_CLIENT_CERTIFICATE_PATH") else {
            return Err("AZURE_CLIENT_CERTIFICATE_PATH is not set".into());
        };
        let path = PathBuf::from(p);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("AZURE_CLIENT_CERTIFICATE_PATH {}: {e}", path.display()))?;
        let key = RsaKey::from_pem(&text).map_err(|e| {
            format!(
                "AZURE_CLIENT_CERTIFICATE_PATH {}: {e} (expected a PEM file with the private key and the certificate; PKCS#12 is not supported, convert with `openssl pkcs12 -nodes`)",
                path.display()
            )
        })?;
        let blocks = jwt::pem_blocks(&text)
            .map_err(|e| format!("AZURE_CLIENT_CERTIFICATE_PATH {}: {e}", path.display()))?;
        let Some(cert) = blocks.iter().find(|b| b.label == "CERTIFICATE") else {
            return Err(format!(
                "AZURE_CLIENT_CERTIFICATE_PATH {}: no `CERTIFICATE` block next to the key",
                path.display()
            ));
        };
        Ok(SpSecret::Certificate {
            key: Box::new(key),
            thumbprint: jwt::x5t(&cert.der),
            path,
        })
    };
    let managed = |explicit: bool| -> Option<(Box<dyn TokenSource>, Option<Url>)> {
        let (endpoint, header) = match (
            env(vars, "IDENTITY_ENDPOINT"),
            env(vars, "IDENTITY_HEADER"),
            managed_identity,
        ) {
            (_, _, Some(u)) => (u.clone(), env(vars, "IDENTITY_HEADER").map(str::to_owned)),
            (Some(e), Some(h), None) => (Url::parse(e).ok()?, Some(h.to_owned())),
            _ if explicit => (
                Url::parse("http://169.254.169.254/metadata/identity/oauth2/token").ok()?,
                None,
            ),
            _ => return None,
        };
        let allow = endpoint.clone();
        Some((
            Box::new(ManagedIdentity {
                endpoint,
                identity_header: header,
                resource: resource.to_owned(),
                client_id: client.map(str::to_owned),
            }),
            Some(allow),
        ))
    };
    let none = |b: Box<dyn TokenSource>| (b, None);
    match kind {
        CredentialKind::ClientSecret => match env(vars, "AZURE_CLIENT_SECRET") {
            Some(s) => sp(SpSecret::Secret(s.to_owned())).map(none),
            None => Err("AZURE_CLIENT_SECRET is not set".into()),
        },
        CredentialKind::Certificate => sp(certificate()?).map(none),
        CredentialKind::ManagedIdentity => {
            managed(true).ok_or_else(|| "no managed identity endpoint".into())
        }
        CredentialKind::Cli => Ok(none(Box::new(AzureCli {
            resource: resource.to_owned(),
            tenant: tenant.map(str::to_owned),
            path: env(vars, "PATH").map(str::to_owned),
        }))),
        CredentialKind::Auto => {
            if let Some(s) = env(vars, "AZURE_CLIENT_SECRET") {
                return sp(SpSecret::Secret(s.to_owned())).map(none);
            }
            if env(vars, "AZURE_CLIENT_CERTIFICATE_PATH").is_some() {
                return sp(certificate()?).map(none);
            }
            if let Some(m) = managed(false) {
                return Ok(m);
            }
            Ok(none(Box::new(AzureCli {
                resource: resource.to_owned(),
                tenant: tenant.map(str::to_owned),
                path: env(vars, "PATH").map(str::to_owned),
            })))
        }
    }
}
