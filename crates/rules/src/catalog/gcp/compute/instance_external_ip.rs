use crate::prelude::*;

/// Flags running VMs that have an external IP address.
pub(crate) struct InstanceExternalIp;

impl TypedRule for InstanceExternalIp {
    type Config = gcp::ComputeInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        vm: &gcp::ComputeInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if r.tags.contains_key("goog-gke-node") {
            return Ok(Verdict::NotApplicable(
                "GKE node (managed by its node pool)".into(),
            ));
        }
        let external = *need(&vm.external_ip, "external_ip")?;
        if !external {
            return Ok(Verdict::Pass);
        }
        let status = need(&vm.status, "status")?;
        if status.eq_ignore_ascii_case("TERMINATED") {
            return Ok(Verdict::NotApplicable(
                "VM is stopped (ephemeral external addresses are released)".into(),
            ));
        }
        Ok(Verdict::fail(
            format!("VM `{}` has an external IP address ({status})", r.name),
            "config.external_ip",
            json!(true),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_external_ip",
    title: "VM has an external IP address",
    severity: Severity::Low,
    severity_rationale: "An external address alone exposes nothing the firewall does not allow; it removes a \
        layer of defense and is often unnecessary.",
    service: "compute",
    description: "Checks whether any network interface of the VM has an external (public) IPv4 address. Stopped \
        (TERMINATED) VMs and GKE nodes are not applicable.",
    risk: "Any firewall mistake immediately exposes the VM's services to the internet; the VM can also reach \
        the internet directly, which eases data exfiltration.",
    remediation: Remediation {
        summary: "Remove the access config and use Cloud NAT for egress and IAP or a load balancer for ingress.",
        cli: "gcloud compute instances delete-access-config {name} --project={account} --zone={region} --access-config-name=\"External NAT\"",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  network_interface {\n    subnetwork = google_compute_subnetwork.app.id\n    # no access_config block: no external IP\n  }\n}",
        console: "Cloud console → Compute Engine → VM instances → {name} → Edit → Network interfaces → External IPv4 \
            address: None → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Services reached through the public address and outbound traffic without Cloud NAT stop \
        working.",
    permissions: &["compute.instances.list"],
    references: &[
        "https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address",
        "https://cloud.google.com/nat/docs/overview",
    ],
    cases: &[
        Case::pass(
            "internal only",
            r#"{"config": {"status": "RUNNING", "external_ip": false}}"#,
        ),
        Case::fail(
            "running with external IP",
            r#"{"config": {"status": "RUNNING", "external_ip": true}}"#,
        ),
        Case::not_applicable(
            "stopped VM",
            r#"{"config": {"status": "TERMINATED", "external_ip": true}}"#,
        ),
        Case::not_applicable(
            "GKE node",
            r#"{"tags": {"goog-gke-node": ""}, "config": {"status": "RUNNING", "external_ip": true}}"#,
        ),
        Case::unknown(
            "interfaces not collected",
            r#"{"config": {"status": "RUNNING"}}"#,
        ),
        Case::unknown(
            "external IP but status unknown",
            r#"{"config": {"external_ip": true}}"#,
        ),
    ],
};
