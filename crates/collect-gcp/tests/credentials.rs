//! GCP credential discovery against the replay server: gcloud application-default user
//! credentials (refresh-token grant, quota project header), the metadata server, bad files.

use std::collections::BTreeMap;
use std::time::Duration;

use posture_collect_gcp::{Endpoints, GcpOptions, collect};
use posture_collect_http::replay::{Route, Server};
use posture_collect_http::{HttpOptions, base_url, join};

const P: &str = "contoso-prod-4821";

fn routes(token_method: &str, token_path: &str, token: &str) -> Vec<Route> {
    let text = format!(
        r#"[
        {{"method": "{token_method}", "path": "{token_path}", "replies": [{{"body": {{"access_token": "{token}", "expires_in": 3599, "token_type": "Bearer"}}}}]}},
        {{"method": "GET", "path": "/v1/projects/{P}/assets", "replies": [{{"body": {{"readTime": "2026-12-02T14:58:01.101Z"}}}}]}},
        {{"method": "GET", "path": "/v2/projects/{P}/sinks", "replies": [{{"body": {{}}}}]}}
    ]"#
    );
    serde_json::from_str(&text).unwrap()
}

fn options(base: &str, env: BTreeMap<String, String>) -> GcpOptions {
    let b = base_url("test", base).unwrap();
    GcpOptions {
        endpoints: Endpoints {
            token: join(&b, "token"),
            cloudasset: b.clone(),
            sqladmin: b.clone(),
            storage: b.clone(),
            logging: b.clone(),
            metadata: b,
        },
        projects: vec![P.to_owned()],
        http: HttpOptions {
            max_retries: 0,
            timeout: Duration::from_secs(10),
            ..HttpOptions::default()
        },
        env,
        ..GcpOptions::default()
    }
}

#[tokio::test]
async fn gcloud_user_credentials_refresh_and_bill_the_quota_project() {
    let server = Server::start(routes("POST", "/token", "tok-user")).await;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/gcloud");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("application_default_credentials.json"),
        r#"{"account": "", "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",
            "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty", "quota_project_id": "contoso-billing-0007",
            "refresh_token": "1//0g-invented-refresh-token", "type": "authorized_user", "universe_domain": "googleapis.com"}"#,
    )
    .unwrap();
    let env: BTreeMap<String, String> =
        [("HOME".to_owned(), home.path().display().to_string())].into();
    let (inv, summary) = collect(&options(server.base(), env), &|_| {})
        .await
        .expect("scan");
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    assert!(
        summary
            .credential
            .contains("application-default user credentials")
    );
    assert_eq!(summary.scopes[0].complete, 4, "{summary:?}");
    assert!(inv.resources.is_empty());
    let reqs = server.requests();
    let t = reqs.iter().find(|r| r.path == "/token").unwrap();
    assert!(t.body.contains("grant_type=refresh_token"));
    assert!(
        t.body
            .contains("refresh_token=1%2F%2F0g-invented-refresh-token")
    );
    for r in reqs.iter().filter(|r| r.path != "/token") {
        assert_eq!(r.header("authorization"), Some("Bearer tok-user"));
        assert_eq!(
            r.header("x-goog-user-project"),
            Some("contoso-billing-0007")
        );
    }
}

#[tokio::test]
async fn metadata_server_when_no_credentials_file() {
    let server = Server::start(routes(
        "GET",
        "/computeMetadata/v1/instance/service-accounts/default/token",
        "tok-gce",
    ))
    .await;
    let home = tempfile::tempdir().unwrap();
    let env: BTreeMap<String, String> =
        [("HOME".to_owned(), home.path().display().to_string())].into();
    let (_, summary) = collect(&options(server.base(), env), &|_| {})
        .await
        .expect("scan");
    assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
    assert_eq!(summary.credential, "metadata server service account");
    let reqs = server.requests();
    let t = reqs
        .iter()
        .find(|r| r.path.starts_with("/computeMetadata"))
        .unwrap();
    assert_eq!(t.header("metadata-flavor"), Some("Google"));
    assert!(
        reqs.iter()
            .filter(|r| r.path.starts_with("/v"))
            .all(|r| r.header("authorization") == Some("Bearer tok-gce"))
    );
}

#[tokio::test]
async fn bad_credential_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("creds.json");
    for (body, expect) in [
        ("not json", "not a Google credentials JSON file"),
        (
            r#"{"type": "external_account"}"#,
            "`type` is `external_account`",
        ),
        (
            r#"{"type": "service_account", "client_email": "a@b"}"#,
            "`private_key` is missing",
        ),
        (
            r#"{"type": "service_account", "client_email": "a@b", "private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}"#,
            "not a usable RSA key",
        ),
        (
            r#"{"type": "authorized_user", "client_id": "x"}"#,
            "`client_secret` is missing",
        ),
    ] {
        std::fs::write(&f, body).unwrap();
        let mut o = options("http://127.0.0.1:9", BTreeMap::new());
        o.credentials = Some(f.clone());
        let err = collect(&o, &|_| {}).await.unwrap_err();
        assert!(err.contains(expect), "{err}");
        assert!(err.contains("creds.json"), "{err}");
    }
    let mut o = options("http://127.0.0.1:9", BTreeMap::new());
    o.credentials = Some(dir.path().join("creds.json"));
    o.projects = vec!["bad/../project".into()];
    std::fs::write(
        dir.path().join("creds.json"),
        r#"{"type": "authorized_user", "client_id": "x", "client_secret": "y", "refresh_token": "z"}"#,
    )
    .unwrap();
    let err = collect(&o, &|_| {}).await.unwrap_err();
    assert!(err.contains("not a valid projects id"), "{err}");
    o.projects.clear();
    let err = collect(&o, &|_| {}).await.unwrap_err();
    assert!(err.contains("nothing to scan"), "{err}");
}
