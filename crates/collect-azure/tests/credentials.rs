//! Every Azure credential against the replay server: the token request each one sends, and that
//! the token it gets is the one ARM calls carry.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use posture_collect_azure::{AzureOptions, CredentialKind, Endpoints, collect};
use posture_collect_http::jwt::{RsaKey, pem_blocks};
use posture_collect_http::replay::{Recorded, Route, Server};
use posture_collect_http::{HttpOptions, Url, base_url};

const TENANT: &str = "7d2f4c1e-0b3a-4e55-9a1d-2c8e6f0a9b11";
const CLIENT: &str = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
const SUB: &str = "3f1c9a52-6d4e-4b8f-a2c7-1e5d9b0c4a21";

fn routes(token_path: &str, method: &str, token_body: &str) -> Vec<Route> {
    let text = format!(
        r#"[
        {{"method": "{method}", "path": "{token_path}", "replies": [{{"body": {token_body}}}]}},
        {{"method": "GET", "path": "/subscriptions/{SUB}", "replies": [{{"status": 404,
          "body": {{"error": {{"code": "SubscriptionNotFound", "message": "The subscription '{SUB}' could not be found."}}}}}}]}}
    ]"#
    );
    serde_json::from_str(&text).unwrap()
}

fn options(base: &str, kind: CredentialKind, env: &[(&str, String)]) -> AzureOptions {
    let url = base_url("test", base).unwrap();
    AzureOptions {
        endpoints: Endpoints {
            authority_host: url.clone(),
            resource_manager: url.clone(),
            resource_graph: url,
            managed_identity: None,
        },
        credential: kind,
        subscriptions: vec![SUB.to_owned()],
        management_groups: Vec::new(),
        http: HttpOptions {
            max_retries: 0,
            timeout: Duration::from_secs(10),
            ..HttpOptions::default()
        },
        env: env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// Run a scan of one (missing) subscription; return the requests the server saw.
async fn scan(server: &Server, opts: &AzureOptions, token: &str) -> Vec<Recorded> {
    let (inv, summary) = collect(opts, &|_| {}).await.expect("collect");
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    assert_eq!(summary.scopes.len(), 1);
    assert!(
        inv.coverage[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("not found"),
        "{:?}",
        inv.coverage
    );
    let reqs = server.requests();
    let arm = reqs
        .iter()
        .find(|r| r.path == format!("/subscriptions/{SUB}"))
        .expect("ARM call");
    assert_eq!(
        arm.header("authorization"),
        Some(&*format!("Bearer {token}"))
    );
    reqs
}

fn form(body: &str, key: &str) -> Option<String> {
    body.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| {
            Url::parse(&format!("http://x/?v={v}"))
                .ok()
                .and_then(|u| u.query_pairs().next().map(|(_, v)| v.into_owned()))
                .unwrap_or_default()
        })
    })
}

#[tokio::test]
async fn certificate_credential_signs_a_client_assertion() {
    let token_path = format!("/{TENANT}/oauth2/v2.0/token");
    let server = Server::start(routes(
        &token_path,
        "POST",
        r#"{"token_type": "Bearer", "expires_in": 3599, "access_token": "tok-cert"}"#,
    ))
    .await;
    let pem_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/client-cert.pem");
    let opts = options(
        server.base(),
        CredentialKind::Auto,
        &[
            ("AZURE_TENANT_ID", TENANT.into()),
            ("AZURE_CLIENT_ID", CLIENT.into()),
            (
                "AZURE_CLIENT_CERTIFICATE_PATH",
                pem_path.display().to_string(),
            ),
        ],
    );
    let reqs = scan(&server, &opts, "tok-cert").await;
    let t = reqs.iter().find(|r| r.path == token_path).unwrap();
    assert_eq!(
        form(&t.body, "grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(
        form(&t.body, "client_assertion_type").as_deref(),
        Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
    );
    assert!(form(&t.body, "client_secret").is_none());
    let jwt = form(&t.body, "client_assertion").unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header: serde_json::Value = serde_json::from_slice(&b64.decode(parts[0]).unwrap()).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    let text = std::fs::read_to_string(&pem_path).unwrap();
    let cert = pem_blocks(&text)
        .unwrap()
        .into_iter()
        .find(|b| b.label == "CERTIFICATE")
        .unwrap();
    let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &cert.der);
    assert_eq!(header["x5t"], b64.encode(sha1.as_ref()));
    assert_eq!(header["alg"], "RS256");
    assert_eq!(claims["iss"], CLIENT);
    assert_eq!(claims["sub"], CLIENT);
    assert_eq!(claims["aud"], format!("{}{token_path}", server.base()));
    let key = RsaKey::from_pem(&text).unwrap();
    ring::signature::UnparsedPublicKey::new(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        key.public_key_der(),
    )
    .verify(
        format!("{}.{}", parts[0], parts[1]).as_bytes(),
        &b64.decode(parts[2]).unwrap(),
    )
    .expect("assertion signed by the certificate's key");
}

#[tokio::test]
async fn app_service_managed_identity_sends_its_header() {
    let server = Server::start(routes(
        "/msi/token",
        "GET",
        r#"{"access_token": "tok-mi", "expires_on": "4102444800", "resource": "x", "token_type": "Bearer"}"#,
    ))
    .await;
    let opts = options(
        server.base(),
        CredentialKind::Auto,
        &[
            ("IDENTITY_ENDPOINT", format!("{}/msi/token", server.base())),
            ("IDENTITY_HEADER", "h-5c1e".into()),
        ],
    );
    let reqs = scan(&server, &opts, "tok-mi").await;
    let t = reqs.iter().find(|r| r.path == "/msi/token").unwrap();
    assert_eq!(t.header("x-identity-header"), Some("h-5c1e"));
    assert!(t.query.contains("api-version=2019-08-01"), "{}", t.query);
    assert!(
        t.query.contains("resource=http%3A%2F%2F127.0.0.1"),
        "{}",
        t.query
    );
}

#[tokio::test]
async fn imds_managed_identity_with_a_user_assigned_client_id() {
    let server = Server::start(routes(
        "/metadata/identity/oauth2/token",
        "GET",
        r#"{"access_token": "tok-imds", "expires_in": "86399", "token_type": "Bearer"}"#,
    ))
    .await;
    let mut opts = options(
        server.base(),
        CredentialKind::ManagedIdentity,
        &[("AZURE_CLIENT_ID", CLIENT.into())],
    );
    opts.endpoints.managed_identity =
        Some(Url::parse(&format!("{}/metadata/identity/oauth2/token", server.base())).unwrap());
    let reqs = scan(&server, &opts, "tok-imds").await;
    let t = reqs
        .iter()
        .find(|r| r.path == "/metadata/identity/oauth2/token")
        .unwrap();
    assert_eq!(t.header("metadata"), Some("true"));
    assert!(t.query.contains("api-version=2018-02-01"));
    assert!(t.query.contains(&format!("client_id={CLIENT}")));
}

#[cfg(unix)]
#[tokio::test]
async fn azure_cli_token() {
    use std::os::unix::fs::PermissionsExt as _;
    let server = Server::start(routes(
        "/unused-token",
        "POST",
        r#"{"access_token": "never"}"#,
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let az = dir.path().join("az");
    let args_file = dir.path().join("args");
    std::fs::write(
        &az,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\necho '{{\"accessToken\": \"tok-cli\", \"expiresOn\": \"2099-12-31 23:59:59.000000\", \"expires_on\": 4102444799, \"subscription\": \"{SUB}\", \"tenant\": \"{TENANT}\", \"tokenType\": \"Bearer\"}}'\n",
            args_file.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    let opts = options(
        server.base(),
        CredentialKind::Auto,
        &[("PATH", format!("{}:/usr/bin:/bin", dir.path().display()))],
    );
    scan(&server, &opts, "tok-cli").await;
    let args = std::fs::read_to_string(&args_file).unwrap();
    assert!(
        args.contains("account get-access-token --output json --resource http://127.0.0.1"),
        "{args}"
    );

    // A failing CLI is a clear authentication error, not a crash.
    std::fs::write(
        &az,
        "#!/bin/sh\necho 'Please run az login to setup account.' >&2\nexit 1\n",
    )
    .unwrap();
    let e = collect(&opts, &|_| {}).await;
    let msg = format!("{e:?}");
    assert!(msg.contains("az account get-access-token` failed") && msg.contains("az login"));
}

#[test]
fn missing_or_bad_settings_are_named() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let check = |kind: CredentialKind, env: &[(&str, String)], expect: &str| {
        let opts = options("http://127.0.0.1:9", kind, env);
        let err = rt.block_on(collect(&opts, &|_| {})).unwrap_err();
        assert!(err.contains(expect), "{err}");
    };
    check(
        CredentialKind::ClientSecret,
        &[],
        "AZURE_CLIENT_SECRET is not set",
    );
    check(
        CredentialKind::ClientSecret,
        &[("AZURE_CLIENT_SECRET", "x".into())],
        "AZURE_TENANT_ID and AZURE_CLIENT_ID",
    );
    check(
        CredentialKind::Certificate,
        &[
            ("AZURE_TENANT_ID", TENANT.into()),
            ("AZURE_CLIENT_ID", CLIENT.into()),
            (
                "AZURE_CLIENT_CERTIFICATE_PATH",
                "/nonexistent/cert.pem".into(),
            ),
        ],
        "/nonexistent/cert.pem",
    );
    check(
        CredentialKind::ClientSecret,
        &[
            ("AZURE_TENANT_ID", "../evil".into()),
            ("AZURE_CLIENT_ID", CLIENT.into()),
            ("AZURE_CLIENT_SECRET", "x".into()),
        ],
        "not a tenant id",
    );
    let mut opts = options(
        "http://127.0.0.1:9",
        CredentialKind::ClientSecret,
        &[
            ("AZURE_TENANT_ID", TENANT.into()),
            ("AZURE_CLIENT_ID", CLIENT.into()),
            ("AZURE_CLIENT_SECRET", "x".into()),
        ],
    );
    opts.subscriptions = vec!["3f1c9a52/../../providers".into()];
    let err = rt.block_on(collect(&opts, &|_| {})).unwrap_err();
    assert!(err.contains("is not a subscription id"), "{err}");
    assert!(CredentialKind::parse("kerberos").is_err());
    assert!(Endpoints::cloud("mars").is_err());
    let gov = Endpoints::cloud("usgov").unwrap();
    assert_eq!(
        gov.resource_manager.as_str(),
        "https://management.usgovcloudapi.net/"
    );
    assert_eq!(
        Endpoints::cloud("china").unwrap().authority_host.as_str(),
        "https://login.chinacloudapi.cn/"
    );
}
