use crate::net::{ADMIN_PORTS, is_world};
use crate::prelude::*;

/// Flags enabled ingress firewall rules that allow SSH or RDP from anywhere.
pub(crate) struct FirewallAdminPortsOpen;

impl TypedRule for FirewallAdminPortsOpen {
    type Config = gcp::Firewall;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        fw: &gcp::Firewall,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let direction = need(&fw.direction, "direction")?;
        if !direction.eq_ignore_ascii_case("INGRESS") {
            return Ok(Verdict::NotApplicable("egress rule".into()));
        }
        let sources = need(&fw.source_ranges, "source_ranges")?;
        if !sources.iter().any(|s| is_world(s)) {
            return Ok(Verdict::Pass);
        }
        let allowed = need(&fw.allowed, "allowed")?;
        let covers = |port: i32| allowed.iter().any(|a| a.covers("tcp", i64::from(port)));
        if !ADMIN_PORTS.iter().any(|(p, _)| covers(*p)) {
            return Ok(Verdict::Pass);
        }
        let disabled = *need(&fw.disabled, "disabled")?;
        if disabled {
            return Ok(Verdict::Pass);
        }
        let services: Vec<String> = ADMIN_PORTS
            .iter()
            .filter(|(p, _)| covers(*p))
            .map(|(p, s)| format!("{s} ({p})"))
            .collect();
        Ok(Verdict::Fail {
            message: format!(
                "Firewall rule `{}` allows {} from 0.0.0.0/0{}",
                r.name,
                services.join(" and "),
                match fw.target_tags.as_deref() {
                    Some([]) | None => " to every instance in the network".to_owned(),
                    Some(tags) => format!(" to instances tagged {}", tags.join(", ")),
                }
            ),
            evidence: vec![
                Evidence {
                    path: "config.source_ranges".into(),
                    observed: json!(sources),
                },
                Evidence {
                    path: "config.allowed".into(),
                    observed: json!(allowed),
                },
            ],
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.firewall_admin_ports_open",
    title: "VPC firewall rule allows SSH or RDP from the internet",
    severity: Severity::High,
    severity_rationale: "Remote administration ports reachable from anywhere are attacked continuously; a weak \
        key, password or unpatched daemon gives control of the VM.",
    service: "compute",
    description: "Checks enabled INGRESS rules whose source ranges include 0.0.0.0/0 or ::/0 and whose allowed \
        protocols include TCP 22 or 3389 (explicitly, by range, or by allowing all ports or protocols). Egress \
        rules are not applicable; disabled rules pass.",
    risk: "Brute force and exploitation of SSH/RDP on every targeted VM from anywhere on the internet.",
    remediation: Remediation {
        summary: "Limit the source to Identity-Aware Proxy (35.235.240.0/20) or admin ranges, or delete the rule.",
        cli: "gcloud compute firewall-rules update {name} --project={account} --source-ranges=35.235.240.0/20\n\
              # or: gcloud compute firewall-rules delete {name} --project={account}",
        terraform: "resource \"google_compute_firewall\" \"{name}\" {\n  name    = \"{name}\"\n  network = \"{config.network}\"\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"22\"]\n  }\n  source_ranges = [\"35.235.240.0/20\"] # IAP TCP forwarding\n}",
        console: "Cloud console → VPC network → Firewall → {name} → Edit → Source IPv4 ranges: replace 0.0.0.0/0 \
            with 35.235.240.0/20 (IAP) or your admin ranges → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Administrators connecting directly from the internet lose access until they use IAP or a \
        VPN.",
    permissions: &["compute.firewalls.list"],
    references: &[
        "https://cloud.google.com/firewall/docs/firewalls",
        "https://cloud.google.com/iap/docs/using-tcp-forwarding",
    ],
    cases: &[
        Case::pass(
            "SSH only from IAP",
            r#"{"config": {"direction": "INGRESS", "disabled": false, "source_ranges": ["35.235.240.0/20"], "allowed": [{"protocol": "tcp", "ports": ["22"]}]}}"#,
        ),
        Case::pass(
            "HTTPS from anywhere",
            r#"{"config": {"direction": "INGRESS", "disabled": false, "source_ranges": ["0.0.0.0/0"], "allowed": [{"protocol": "tcp", "ports": ["443"]}]}}"#,
        ),
        Case::pass(
            "disabled rule",
            r#"{"config": {"direction": "INGRESS", "disabled": true, "source_ranges": ["0.0.0.0/0"], "allowed": [{"protocol": "tcp", "ports": ["22"]}]}}"#,
        ),
        Case::pass(
            "deny rule (no allowed entries)",
            r#"{"config": {"direction": "INGRESS", "disabled": false, "source_ranges": ["0.0.0.0/0"], "allowed": [], "denied": [{"protocol": "tcp", "ports": ["22"]}]}}"#,
        ),
        Case::not_applicable(
            "egress rule to port 22",
            r#"{"config": {"direction": "EGRESS", "disabled": false, "source_ranges": [], "allowed": [{"protocol": "tcp", "ports": ["22"]}]}}"#,
        ),
        Case::fail(
            "SSH from anywhere",
            r#"{"config": {"direction": "INGRESS", "disabled": false, "source_ranges": ["0.0.0.0/0"], "allowed": [{"protocol": "tcp", "ports": ["22"]}]}}"#,
        ),
        Case::fail(
            "all protocols from anywhere, tagged targets",
            r#"{"config": {"direction": "INGRESS", "disabled": false, "source_ranges": ["0.0.0.0/0"], "allowed": [{"protocol": "all", "ports": []}], "target_tags": ["bastion"]}}"#,
        ),
        Case::fail(
            "port range covering RDP",
            r#"{"config": {"direction": "INGRESS", "disabled": false, "source_ranges": ["::/0"], "allowed": [{"protocol": "tcp", "ports": ["3000-4000"]}]}}"#,
        ),
        Case::unknown(
            "open rule but enabled state unknown",
            r#"{"config": {"direction": "INGRESS", "source_ranges": ["0.0.0.0/0"], "allowed": [{"protocol": "tcp", "ports": ["22"]}]}}"#,
        ),
        Case::unknown(
            "direction missing",
            r#"{"config": {"source_ranges": ["0.0.0.0/0"]}}"#,
        ),
    ],
};
