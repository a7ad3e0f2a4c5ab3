use super::instance_serial_port_enabled::metadata_true;
use crate::prelude::*;

/// Flags VMs that accept project-wide SSH keys.
pub(crate) struct InstanceProjectSshKeysAllowed;

impl TypedRule for InstanceProjectSshKeysAllowed {
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
        let metadata = need(&vm.metadata, "metadata")?;
        let blocked = metadata
            .get("block-project-ssh-keys")
            .is_some_and(|v| metadata_true(v));
        // With OS Login, metadata SSH keys (project or instance) are ignored.
        let os_login = metadata
            .get("enable-oslogin")
            .is_some_and(|v| metadata_true(v));
        if blocked || os_login {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "VM `{}` accepts project-wide SSH keys (block-project-ssh-keys not set, OS Login off)",
                r.name
            ),
            "config.metadata.block-project-ssh-keys",
            json!(metadata.get("block-project-ssh-keys")),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.instance_project_ssh_keys_allowed",
    title: "VM accepts project-wide SSH keys",
    severity: Severity::Medium,
    severity_rationale: "One leaked project-level key opens every VM that accepts them; it needs network reach \
        to SSH as well, so Medium.",
    service: "compute",
    description: "Checks that instance metadata sets `block-project-ssh-keys` to true, or that OS Login is \
        enabled on the instance (`enable-oslogin`), which makes metadata keys irrelevant. Project-level OS Login \
        is not visible in instance metadata; GKE nodes are not applicable.",
    risk: "Keys added to project metadata (often for convenience, rarely removed) grant SSH to all VMs, so one \
        compromised key compromises the fleet.",
    remediation: Remediation {
        summary: "Enable OS Login, or block project-wide keys on the instance and use instance-specific keys.",
        cli: "gcloud compute instances add-metadata {name} --project={account} --zone={region} --metadata=block-project-ssh-keys=TRUE\n\
              # preferred: gcloud compute instances add-metadata {name} --project={account} --zone={region} --metadata=enable-oslogin=TRUE",
        terraform: "resource \"google_compute_instance\" \"{name}\" {\n  # …\n  metadata = {\n    enable-oslogin         = \"TRUE\"\n    block-project-ssh-keys = \"TRUE\"\n  }\n}",
        console: "Cloud console → Compute Engine → VM instances → {name} → Edit → Security and access → SSH Keys: \
            tick 'Block project-wide SSH keys' → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Users and tools that log in with project-wide keys lose SSH access to the VM.",
    permissions: &["compute.instances.list"],
    references: &[
        "https://cloud.google.com/compute/docs/connect/restrict-ssh-keys",
        "https://cloud.google.com/compute/docs/oslogin",
    ],
    cases: &[
        Case::pass(
            "blocked",
            r#"{"config": {"metadata": {"block-project-ssh-keys": "true"}}}"#,
        ),
        Case::pass(
            "OS Login on",
            r#"{"config": {"metadata": {"enable-oslogin": "TRUE"}}}"#,
        ),
        Case::fail("no metadata keys", r#"{"config": {"metadata": {}}}"#),
        Case::fail(
            "explicitly false",
            r#"{"config": {"metadata": {"block-project-ssh-keys": "false", "enable-oslogin": "FALSE"}}}"#,
        ),
        Case::not_applicable(
            "GKE node",
            r#"{"tags": {"goog-gke-node": ""}, "config": {"metadata": {}}}"#,
        ),
        Case::unknown("metadata not collected", r#"{"config": {}}"#),
    ],
};
