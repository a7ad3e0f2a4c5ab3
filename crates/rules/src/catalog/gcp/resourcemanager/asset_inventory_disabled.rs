use posture_model::Typed;

use crate::prelude::*;

/// Flags projects where the Cloud Asset Inventory API is not enabled.
pub(crate) struct AssetInventoryDisabled;

impl TypedRule for AssetInventoryDisabled {
    type Config = gcp::Project;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &gcp::Project,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mut seen = 0usize;
        for s in cx
            .index
            .of_kind_in(Kind::GcpServiceUsageService, &r.account, None)
        {
            let Some(c) = gcp::ApiService::from_config(&s.config) else {
                continue;
            };
            seen += 1;
            if c.service.as_deref() == Some("cloudasset.googleapis.com") {
                let on = c
                    .state
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case("enabled"));
                return Ok(Verdict::check(on, || {
                    Verdict::fail(
                        format!(
                            "Cloud Asset Inventory API is disabled in project {}",
                            r.account
                        ),
                        "config.state",
                        json!(c.state),
                    )
                }));
            }
        }
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!(
                    "the enabled APIs of project {} were not observed",
                    r.account
                )
                .into(),
            ));
        }
        Ok(Verdict::fail_msg(format!(
            "Cloud Asset Inventory API is not enabled in project {} ({seen} API(s) observed)",
            r.account
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.resourcemanager.asset_inventory_disabled",
    title: "Cloud Asset Inventory API is not enabled",
    severity: Severity::Low,
    severity_rationale: "An inventory and history gap rather than an exposure.",
    service: "resourcemanager",
    description: "Checks that `cloudasset.googleapis.com` is among the project's enabled services. Unknown when no enabled service of the project was observed.",
    risk: "Asset history and change feeds are unavailable for investigations and posture tools.",
    remediation: Remediation {
        summary: "Enable the Cloud Asset Inventory API.",
        cli: "gcloud services enable cloudasset.googleapis.com --project={account}",
        terraform: "resource \"google_project_service\" \"cloudasset\" {\n  project = \"{account}\"\n  service = \"cloudasset.googleapis.com\"\n}",
        console: "Cloud console → APIs & Services → Library → Cloud Asset API → Enable.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Enabling the API has no effect on workloads and no charge by itself.",
    permissions: &["serviceusage.services.list"],
    references: &["https://cloud.google.com/asset-inventory/docs/overview"],
    cases: &[
        Case::pass("enabled", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.serviceusage.service", "config": {"service": "cloudasset.googleapis.com", "state": "ENABLED"}}"#]),
        Case::fail("other APIs only", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.serviceusage.service", "config": {"service": "compute.googleapis.com", "state": "ENABLED"}}"#]),
        Case::fail("disabled", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.serviceusage.service", "config": {"service": "cloudasset.googleapis.com", "state": "DISABLED"}}"#]),
        Case::unknown("services not observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#),
    ],
};
