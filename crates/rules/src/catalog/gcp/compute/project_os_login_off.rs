use crate::prelude::*;

/// Flags projects that do not enable OS Login project-wide.
pub(crate) struct ProjectOsLoginOff;

impl TypedRule for ProjectOsLoginOff {
    type Config = gcp::ComputeProject;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::ComputeProject,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = c.metadata_true("enable-oslogin");
        let on = *need(&on, "common_instance_metadata")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Project {} does not set enable-oslogin=TRUE in its common instance metadata",
                    r.account
                ),
                "config.common_instance_metadata.enable-oslogin",
                json!(
                    c.common_instance_metadata
                        .as_ref()
                        .and_then(|m| m.get("enable-oslogin"))
                ),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.compute.project_os_login_off",
    title: "OS Login is not enabled for the project",
    severity: Severity::Medium,
    severity_rationale: "Without OS Login, SSH access is managed with metadata keys that bypass IAM, are rarely revoked and are not audited per user.",
    service: "compute",
    description: "Checks that project-wide metadata sets `enable-oslogin` to true. Per-VM overrides are not evaluated here.",
    risk: "Former staff and leaked keys keep SSH access; there is no IAM-based control or 2FA for logins.",
    remediation: Remediation {
        summary: "Set enable-oslogin=TRUE in project metadata and grant roles/compute.osLogin where needed.",
        cli: "gcloud compute project-info add-metadata --project={account} --metadata=enable-oslogin=TRUE",
        terraform: "resource \"google_compute_project_metadata_item\" \"oslogin\" {\n  project = \"{account}\"\n  key     = \"enable-oslogin\"\n  value   = \"TRUE\"\n}",
        console: "Cloud console → Compute Engine → Settings → Metadata → Edit → add enable-oslogin = TRUE → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Metadata SSH keys stop working on Linux VMs; users need OS Login IAM roles.",
    permissions: &["compute.projects.get"],
    references: &["https://cloud.google.com/compute/docs/oslogin/set-up-oslogin"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"common_instance_metadata": {"enable-oslogin": "TRUE"}}}"#,
        ),
        Case::fail(
            "not set",
            r#"{"config": {"common_instance_metadata": {"ssh-keys": "alice:ssh-ed25519 AAAA"}}}"#,
        ),
        Case::fail(
            "false",
            r#"{"config": {"common_instance_metadata": {"enable-oslogin": "FALSE"}}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
