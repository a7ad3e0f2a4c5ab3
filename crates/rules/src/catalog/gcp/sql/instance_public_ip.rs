use crate::prelude::*;

/// Flags Cloud SQL instances with a public IPv4 address.
pub(crate) struct InstancePublicIp;

impl TypedRule for InstancePublicIp {
    type Config = gcp::SqlInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::SqlInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.ipv4_enabled, "ipv4_enabled")?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!("Cloud SQL instance `{}` has a public IP address", r.name),
                "config.ipv4_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.instance_public_ip",
    title: "Cloud SQL instance has a public IP address",
    severity: Severity::Medium,
    severity_rationale: "A public address is only reachable from authorized networks or the connector, but it puts the database one misconfiguration away from the internet.",
    service: "sql",
    description: "Checks `settings.ipConfiguration.ipv4Enabled`. The separate open-to-internet rule checks authorized networks.",
    risk: "The database endpoint is exposed to scanning; a broad authorized network makes it reachable by anyone.",
    remediation: Remediation {
        summary: "Use private IP (Private Service Access or PSC) and remove the public address.",
        cli: "gcloud sql instances patch {name} --project={account} --network=projects/{account}/global/networks/<vpc> --no-assign-ip",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.vpc.id\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Connections → Networking → uncheck Public IP (enable Private IP first) → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients connecting over the public address (including the Auth Proxy from outside the VPC) lose access.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/mysql/configure-private-ip"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"ipv4_enabled": false}}"#),
        Case::fail("non-compliant", r#"{"config": {"ipv4_enabled": true}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
