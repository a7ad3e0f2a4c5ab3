use crate::prelude::*;

/// Flags the project's auto-created `default` VPC network.
pub(crate) struct DefaultNetworkExists;

impl TypedRule for DefaultNetworkExists {
    type Config = gcp::Network;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        n: &gcp::Network,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if r.name.is_empty() {
            return Ok(Verdict::Unknown("network name not recorded".into()));
        }
        if r.name != "default" {
            return Ok(Verdict::Pass);
        }
        let mode = match (n.legacy, n.auto_create_subnetworks) {
            (Some(true), _) => "legacy",
            (_, Some(true)) => "auto mode",
            (_, Some(false)) => "custom mode",
            _ => "mode unknown",
        };
        Ok(Verdict::fail(
            format!(
                "Project {} still has the `default` network ({mode})",
                r.account
            ),
            "name",
            json!(r.name),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.default_network_exists",
    title: "Project still has the default VPC network",
    severity: Severity::Medium,
    severity_rationale: "The default network comes with permissive pre-made firewall rules (SSH, RDP and ICMP \
        from anywhere, all internal traffic); nothing is exposed until VMs use it, so Medium.",
    service: "compute",
    description: "Checks for a VPC network named `default`, which new projects get automatically with a subnet in \
        every region and broad firewall rules.",
    risk: "VMs created without choosing a network land in it and inherit SSH/RDP exposure to the internet and \
        flat internal reachability.",
    remediation: Remediation {
        summary: "Move workloads to a purpose-built custom-mode network, delete the default network's firewall \
            rules, then the network; set the `compute.skipDefaultNetworkCreation` organization policy.",
        cli: "gcloud compute firewall-rules list --project={account} --filter=network:default --format='value(name)' \
              | xargs -r gcloud compute firewall-rules delete --project={account} --quiet\n\
              gcloud compute networks delete default --project={account}",
        terraform: "resource \"google_project_organization_policy\" \"skip_default_network\" {\n  project    = \"{account}\"\n  constraint = \"compute.skipDefaultNetworkCreation\"\n  boolean_policy {\n    enforced = true\n  }\n}",
        console: "Cloud console → VPC network → VPC networks → default → check that no VM or service uses it → \
            Delete VPC network.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Deleting a network that VMs, load balancers or peering still use fails or breaks them; \
        migration comes first.",
    permissions: &["compute.networks.list", "compute.firewalls.list"],
    references: &[
        "https://cloud.google.com/vpc/docs/vpc#default-network",
        "https://cloud.google.com/resource-manager/docs/organization-policy/org-policy-constraints",
    ],
    cases: &[
        Case::pass(
            "custom network",
            r#"{"name": "prod-vpc", "config": {"auto_create_subnetworks": false}}"#,
        ),
        Case::fail(
            "default network",
            r#"{"name": "default", "config": {"auto_create_subnetworks": true}}"#,
        ),
        Case::fail(
            "default network recreated in custom mode",
            r#"{"name": "default", "config": {"auto_create_subnetworks": false}}"#,
        ),
        Case::unknown("name missing", r#"{"name": "", "config": {}}"#),
    ],
};
