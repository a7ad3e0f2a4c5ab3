//! Collection throughput against the local replay server (run by hand:
//! `cargo test --release -p posture-collect-azure --test throughput -- --ignored --nocapture`).
//! Prints the figures; asserts only correctness (every row arrived, nothing unmatched).

use std::time::{Duration, Instant};

use posture_collect_azure::{AzureOptions, CredentialKind, Endpoints, collect};
use posture_collect_http::replay::{Route, Server};
use posture_collect_http::{HttpOptions, base_url};
use serde_json::json;

const SUB: &str = "3f1c9a52-6d4e-4b8f-a2c7-1e5d9b0c4a21";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement, run by hand"]
async fn resource_graph_pages_per_second() {
    let pages = 50usize;
    let per_page = 1000usize;
    let mut routes = vec![json!({"method": "POST", "path": "/t/oauth2/v2.0/token",
        "replies": [{"body": {"access_token": "tok", "expires_in": 3599}}]})];
    for p in 0..pages {
        let rows: Vec<_> = (0..per_page)
            .map(|i| {
                let n = p * per_page + i;
                json!({"id": format!("/subscriptions/{SUB}/resourceGroups/rg-{}/providers/Microsoft.Network/networkSecurityGroups/nsg-{n}", n % 40),
                       "name": format!("nsg-{n}"), "type": "microsoft.network/networksecuritygroups",
                       "location": "westeurope", "subscriptionId": SUB, "tags": {"env": "prod"},
                       "properties": {"securityRules": [{"name": "ssh", "properties": {"protocol": "Tcp",
                         "sourceAddressPrefix": "*", "destinationPortRange": "22", "access": "Allow",
                         "priority": 100, "direction": "Inbound"}}]}})
            })
            .collect();
        let mut body = json!({"totalRecords": pages * per_page, "count": per_page, "data": rows});
        if p + 1 < pages {
            body["$skipToken"] = json!(format!("page-{}", p + 1));
        }
        let filter = if p == 0 {
            "\"query\":\"Resources\",\"options\":{\"resultFormat\":\"objectArray\",\"$top\":1000}}"
                .to_owned()
        } else {
            format!("\"$skipToken\":\"page-{p}\"")
        };
        routes.push(
            json!({"method": "POST", "path": "/providers/Microsoft.ResourceGraph/resources",
            "body_contains": filter, "replies": [{"body": body}]}),
        );
    }
    routes.push(
        json!({"method": "POST", "path": "/providers/Microsoft.ResourceGraph/resources",
        "body_contains": "ResourceContainers", "replies": [{"body": {"data": []}}]}),
    );
    routes.push(json!({"method": "GET", "path": format!("/subscriptions/{SUB}"), "replies": [{"body": {}}]}));
    for p in [
        "Microsoft.Security/pricings",
        "Microsoft.Security/securityContacts",
        "Microsoft.Insights/diagnosticSettings",
        "Microsoft.Authorization/roleAssignments",
        "Microsoft.Authorization/roleDefinitions",
    ] {
        routes.push(
            json!({"method": "GET", "path": format!("/subscriptions/{SUB}/providers/{p}"),
            "replies": [{"body": {"value": []}}]}),
        );
    }
    let routes: Vec<Route> = serde_json::from_value(json!(routes)).unwrap();
    let server = Server::start(routes).await;
    let url = base_url("t", server.base()).unwrap();
    let opts = AzureOptions {
        endpoints: Endpoints {
            authority_host: url.clone(),
            resource_manager: url.clone(),
            resource_graph: url,
            managed_identity: None,
        },
        credential: CredentialKind::ClientSecret,
        subscriptions: vec![SUB.into()],
        management_groups: Vec::new(),
        http: HttpOptions {
            timeout: Duration::from_secs(60),
            ..HttpOptions::default()
        },
        env: [
            ("AZURE_TENANT_ID", "t"),
            ("AZURE_CLIENT_ID", "c"),
            ("AZURE_CLIENT_SECRET", "s"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
    };
    let started = Instant::now();
    let (inv, summary) = collect(&opts, &|_| {}).await.unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert!(server.unmatched().is_empty());
    assert_eq!(inv.resources.len(), pages * per_page);
    println!(
        "{} resources, {} pages, {} calls in {secs:.2} s: {:.0} resources/s",
        inv.resources.len(),
        pages,
        summary.calls,
        inv.resources.len() as f64 / secs
    );
}
