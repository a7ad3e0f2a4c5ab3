use posture_model::Typed;

use super::super::support::listed;

use crate::prelude::*;

/// Flags projects without a log sink that exports every log entry.
pub(crate) struct ProjectSinkMissing;

impl TypedRule for ProjectSinkMissing {
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
        let mut inherited = Vec::new();
        for s in cx.index.of_kind(Kind::GcpLoggingSink) {
            let Some(c) = gcp::LogSink::from_config(&s.config) else {
                continue;
            };
            let all = c.filter.as_deref().is_some_and(|f| f.trim().is_empty())
                && c.disabled != Some(true);
            if s.account == r.account {
                seen += 1;
                if all {
                    return Ok(Verdict::Pass);
                }
            } else if all
                && c.include_children == Some(true)
                && c.parent
                    .as_deref()
                    .is_some_and(|p| !p.starts_with("projects/"))
            {
                inherited.push(c.parent.clone().unwrap_or_default());
            }
        }
        // Listing the project's sinks failed: their absence proves nothing.
        listed(r, "log_sinks")?;
        if !inherited.is_empty() {
            return Ok(Verdict::Unknown(format!("aggregated sink(s) of {} may cover this project; the resource hierarchy is not observed", inherited.join(", ")).into()));
        }
        if seen == 0 {
            return Ok(Verdict::Unknown(format!("no log sink of project {} was observed: either none exists or sinks were not collected", r.account).into()));
        }
        Ok(Verdict::fail_msg(format!(
            "Project {} has no enabled log sink without a filter ({seen} sink(s) observed)",
            r.account
        )))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.logging.project_sink_missing",
    title: "No log sink exports all of the project's logs",
    severity: Severity::Medium,
    severity_rationale: "Logs stay only in Cloud Logging buckets with default retention (30 days for most), limiting investigations.",
    service: "logging",
    description: "Looks for an enabled sink of the project with an empty filter. Aggregated folder/organization sinks may cover the project but the hierarchy is not modeled, so they make the result Unknown; so does the absence of any observed sink, and a failed listing of the project's sinks (gap `log_sinks`, reported with its reason).",
    risk: "Logs older than the default retention are lost and cannot feed long-term storage or a SIEM.",
    remediation: Remediation {
        summary: "Create a sink with no filter to a bucket, BigQuery or Pub/Sub (or an aggregated sink at the organization).",
        cli: "gcloud logging sinks create all-logs storage.googleapis.com/<bucket> --project={account}",
        terraform: "resource \"google_logging_project_sink\" \"all\" {\n  name        = \"all-logs\"\n  project     = \"{account}\"\n  destination = \"storage.googleapis.com/${google_storage_bucket.logs.name}\"\n  unique_writer_identity = true\n}",
        console: "Cloud console → Logging → Log router → Create sink → destination → leave the inclusion filter empty → Create.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds an export (storage cost).",
    permissions: &["logging.sinks.list"],
    references: &["https://cloud.google.com/logging/docs/export/configure_export_v2"],
    cases: &[
        Case::pass("unfiltered sink", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"filter": "", "destination": "storage.googleapis.com/logs", "disabled": false, "parent": "projects/p"}}"#]),
        Case::fail("filtered sink only", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"filter": "severity>=ERROR", "destination": "storage.googleapis.com/logs", "disabled": false}}"#]),
        Case::unknown("listing sinks was denied; only a filtered sink observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}, "gaps": [{"field": "log_sinks", "api": "logging.sinks.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"filter": "severity>=ERROR", "destination": "storage.googleapis.com/logs", "disabled": false}}"#]),
        Case::fail("disabled sink", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"filter": "", "disabled": true}}"#]),
        Case::unknown("org sink may cover", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#).with(&[r#"{"kind": "gcp.logging.sink", "account": "", "config": {"filter": "", "disabled": false, "include_children": true, "parent": "organizations/9"}}"#]),
        Case::unknown("no sinks observed", r#"{"kind": "gcp.resourcemanager.project", "name": "prod-app", "config": {"lifecycle_state": "ACTIVE"}}"#),
    ],
};
