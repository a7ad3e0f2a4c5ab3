use crate::net::is_world;
use crate::prelude::*;

/// Flags Cloud SQL instances with a public IP that authorize 0.0.0.0/0.
pub(crate) struct InstanceOpenToInternet;

impl TypedRule for InstanceOpenToInternet {
    type Config = gcp::SqlInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        db: &gcp::SqlInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let public_ip = *need(&db.ipv4_enabled, "ipv4_enabled")?;
        if !public_ip {
            return Ok(Verdict::Pass);
        }
        let nets = need(&db.authorized_networks, "authorized_networks")?;
        if !nets.iter().any(|n| is_world(n)) {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "Cloud SQL instance `{}` has a public IP and authorizes connections from anywhere (0.0.0.0/0)",
                r.name
            ),
            "config.authorized_networks",
            json!(nets),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.instance_open_to_internet",
    title: "Cloud SQL instance authorizes connections from any address",
    severity: Severity::High,
    severity_rationale: "The database listener is reachable from the whole internet; only database \
        credentials remain, and weak or default ones are common.",
    service: "sql",
    description: "Checks instances with a public IPv4 address for an authorized network of 0.0.0.0/0. Instances \
        without a public IP, or whose authorized networks are specific ranges, pass.",
    risk: "Brute-force and exploitation attempts against the database engine from anywhere.",
    remediation: Remediation {
        summary: "Replace 0.0.0.0/0 with specific client ranges, or remove the public IP and use private IP or the \
            Cloud SQL Auth Proxy.",
        cli: "gcloud sql instances patch {name} --project={account} --authorized-networks=<cidr1>,<cidr2>\n\
              # or, to drop the public IP (needs private IP configured):\n\
              gcloud sql instances patch {name} --project={account} --no-assign-ip",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.vpc.id\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Connections → Networking → Authorized networks: delete 0.0.0.0/0 \
            (or untick Public IP) → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients connecting from addresses that are not re-authorized lose access.",
    permissions: &["cloudsql.instances.get"],
    references: &[
        "https://cloud.google.com/sql/docs/mysql/configure-ip",
        "https://cloud.google.com/sql/docs/mysql/authorize-networks",
    ],
    cases: &[
        Case::pass(
            "private IP only",
            r#"{"config": {"ipv4_enabled": false, "authorized_networks": ["0.0.0.0/0"]}}"#,
        ),
        Case::pass(
            "public IP with an office range",
            r#"{"config": {"ipv4_enabled": true, "authorized_networks": ["203.0.113.0/24"]}}"#,
        ),
        Case::pass(
            "public IP, no authorized networks (proxy only)",
            r#"{"config": {"ipv4_enabled": true, "authorized_networks": []}}"#,
        ),
        Case::fail(
            "public IP open to all",
            r#"{"config": {"ipv4_enabled": true, "authorized_networks": ["203.0.113.0/24", "0.0.0.0/0"]}}"#,
        ),
        Case::unknown(
            "networks not collected",
            r#"{"config": {"ipv4_enabled": true}}"#,
        ),
        Case::unknown(
            "ip configuration missing",
            r#"{"config": {"authorized_networks": []}}"#,
        ),
    ],
};
