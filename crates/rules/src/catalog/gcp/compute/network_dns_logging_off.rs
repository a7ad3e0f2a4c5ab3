use posture_model::Typed;

use crate::prelude::*;

/// Flags VPC networks without a Cloud DNS policy that logs queries.
pub(crate) struct NetworkDnsLoggingOff;

impl TypedRule for NetworkDnsLoggingOff {
    type Config = gcp::Network;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &gcp::Network,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mut seen = 0usize;
        for p in cx.index.of_kind_in(Kind::GcpDnsPolicy, &r.account, None) {
            let Some(pc) = gcp::DnsPolicy::from_config(&p.config) else {
                continue;
            };
            seen += 1;
            let applies = pc.networks.iter().flatten().any(|n| n == &r.uid);
            if applies && pc.logging_enabled == Some(true) {
                return Ok(Verdict::Pass);
            }
        }
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!("no Cloud DNS policy of project {} was observed: either none exists or DNS policies were not collected", r.account).into(),
            ));
        }
        Ok(Verdict::fail_msg(format!(
            "Network `{}` has no DNS policy with query logging",
            r.name
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.network_dns_logging_off",
    title: "VPC network does not log DNS queries",
    severity: Severity::Low,
    severity_rationale: "A visibility gap: DNS is where malware lookups and data exfiltration over DNS show up.",
    service: "compute",
    description: "Looks for a Cloud DNS server policy with `enableLogging` that applies to the network. Unknown when no DNS policy of the project was observed at all.",
    risk: "Command-and-control lookups and DNS tunnelling from workloads go unrecorded.",
    remediation: Remediation {
        summary: "Create (or update) a DNS policy with logging for the network.",
        cli: "gcloud dns policies create {name}-logging --project={account} --networks={name} --enable-logging --description=\"DNS query logging\"",
        terraform: "resource \"google_dns_policy\" \"{name}_logging\" {\n  name           = \"{name}-logging\"\n  enable_logging = true\n  networks {\n    network_url = \"{uid}\"\n  }\n}",
        console: "Cloud console → Network services → Cloud DNS → DNS server policies → Create policy → Logs: On → networks: {name} → Create.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds logging cost.",
    permissions: &["dns.policies.list", "compute.networks.get"],
    references: &["https://cloud.google.com/dns/docs/monitoring"],
    cases: &[
        Case::pass("logging policy", r#"{"uid": "//compute.googleapis.com/projects/p/global/networks/prod", "config": {}}"#).with(&[r#"{"kind": "gcp.dns.policy", "config": {"logging_enabled": true, "networks": ["//compute.googleapis.com/projects/p/global/networks/prod"]}}"#]),
        Case::fail("policy without logging", r#"{"uid": "//compute.googleapis.com/projects/p/global/networks/prod", "config": {}}"#).with(&[r#"{"kind": "gcp.dns.policy", "config": {"logging_enabled": false, "networks": ["//compute.googleapis.com/projects/p/global/networks/prod"]}}"#]),
        Case::fail("logging policy on another network", r#"{"uid": "//compute.googleapis.com/projects/p/global/networks/prod", "config": {}}"#).with(&[r#"{"kind": "gcp.dns.policy", "config": {"logging_enabled": true, "networks": ["//compute.googleapis.com/projects/p/global/networks/dev"]}}"#]),
        Case::unknown("no DNS policies observed", r#"{"config": {}}"#),
    ],
};
