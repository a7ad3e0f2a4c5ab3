use crate::prelude::*;

/// Flags VMs that can forward packets not addressed to them.
pub(crate) struct InstanceIpForwardingEnabled;

impl TypedRule for InstanceIpForwardingEnabled {
    type Config = gcp::ComputeInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::ComputeInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if r.tags.contains_key("goog-gke-node") {
            return Ok(Verdict::NotApplicable(
                "GKE node (forwarding is required for pod traffic)".into(),
            ));
        }
        let v = *need(&c.can_ip_forward, "can_ip_forward")?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!("VM `{}` has IP forwarding enabled", r.name),
                "config.can_ip_forward",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_ip_forwarding_enabled",
    title: "VM has IP forwarding enabled",
    severity: Severity::Medium,
    severity_rationale: "Needed only for routers and NAT appliances; elsewhere it lets a compromised VM route or spoof traffic.",
    service: "compute",
    description: "Checks `canIpForward`. GKE nodes are not applicable.",
    risk: "A compromised VM can act as a router: bypass firewall intent, spoof sources and intercept traffic.",
    remediation: Remediation {
        summary: "Recreate the VM without IP forwarding (the setting cannot be changed on an existing VM) unless it is a network appliance.",
        cli: "gcloud compute instances export {name} --zone={region} --project={account} --destination=vm.yaml\n# set canIpForward: false in vm.yaml, then:\ngcloud compute instances update-from-file {name} --zone={region} --project={account} --source=vm.yaml --most-disruptive-allowed-action=REFRESH",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  can_ip_forward = false\n}",
        console: "Cloud console → Compute Engine → VM instances → {name} → Create similar → Networking → IP forwarding: Off → Create; then retire the old VM.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Appliances (NAT, VPN, routers) stop passing traffic; the VM may need a restart or recreation.",
    permissions: &["compute.instances.get"],
    references: &["https://cloud.google.com/vpc/docs/using-routes#canipforward"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"can_ip_forward": false}}"#),
        Case::fail("non-compliant", r#"{"config": {"can_ip_forward": true}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
        Case::not_applicable(
            "GKE node",
            r#"{"tags": {"goog-gke-node": ""}, "config": {"can_ip_forward": true}}"#,
        ),
    ],
};
