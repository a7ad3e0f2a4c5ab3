use posture_model::Typed;

use crate::prelude::*;

/// Flags buckets that receive exported logs without a locked retention policy.
pub(crate) struct LogBucketRetentionUnlocked;

impl TypedRule for LogBucketRetentionUnlocked {
    type Config = gcp::StorageBucket;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::StorageBucket,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let me = format!("storage.googleapis.com/{}", r.name);
        let is_sink_target = cx.index.of_kind(Kind::GcpLoggingSink).any(|s| {
            gcp::LogSink::from_config(&s.config)
                .and_then(|c| c.destination.as_deref())
                .is_some_and(|d| d == me)
        });
        if !is_sink_target {
            return Ok(Verdict::NotApplicable(
                "no observed log sink exports to this bucket".into(),
            ));
        }
        let secs = *need(&c.retention_period_seconds, "retention_period_seconds")?;
        let locked = *need(&c.retention_locked, "retention_locked")?;
        Ok(Verdict::check(secs > 0 && locked, || {
            Verdict::fail(
                format!(
                    "Log bucket `{}` has no locked retention policy (retention {secs}s, locked {locked})",
                    r.name
                ),
                "config.retention_locked",
                json!({"retention_period_seconds": secs, "retention_locked": locked}),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.storage.log_bucket_retention_unlocked",
    title: "Log export bucket has no locked retention policy",
    severity: Severity::Medium,
    severity_rationale: "Audit logs in the bucket can be deleted by anyone with write access, including an intruder covering tracks.",
    service: "storage",
    description: "For buckets that are the destination of an observed log sink, checks for a retention policy that is locked (Bucket Lock). Other buckets are not applicable.",
    risk: "Exported audit logs can be deleted or shortened, destroying the evidence of an intrusion.",
    remediation: Remediation {
        summary: "Set a retention policy on the bucket and lock it.",
        cli: "gcloud storage buckets update gs://{name} --retention-period=365d\ngcloud storage buckets update gs://{name} --lock-retention-period",
        terraform: "resource \"google_storage_bucket\" \"{name}\" {\n  # …\n  retention_policy {\n    retention_period = 31536000\n    is_locked        = true\n  }\n}",
        console: "Cloud console → Cloud Storage → Buckets → {name} → Protection → Retention policy → Set → then Lock.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Locking is irreversible: objects cannot be deleted before the period ends and the bucket cannot be removed.",
    permissions: &["storage.buckets.get", "logging.sinks.list"],
    references: &["https://cloud.google.com/storage/docs/bucket-lock"],
    cases: &[
        Case::pass("locked", r#"{"name": "audit-logs", "config": {"retention_period_seconds": 31536000, "retention_locked": true}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"destination": "storage.googleapis.com/audit-logs", "filter": ""}}"#]),
        Case::fail("unlocked", r#"{"name": "audit-logs", "config": {"retention_period_seconds": 31536000, "retention_locked": false}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"destination": "storage.googleapis.com/audit-logs", "filter": ""}}"#]),
        Case::fail("no retention", r#"{"name": "audit-logs", "config": {"retention_period_seconds": 0, "retention_locked": false}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"destination": "storage.googleapis.com/audit-logs"}}"#]),
        Case::not_applicable("not a sink destination", r#"{"name": "assets", "config": {"retention_period_seconds": 0, "retention_locked": false}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"destination": "storage.googleapis.com/audit-logs"}}"#]),
        Case::unknown("retention not observed", r#"{"name": "audit-logs", "config": {}}"#).with(&[r#"{"kind": "gcp.logging.sink", "config": {"destination": "storage.googleapis.com/audit-logs"}}"#]),
    ],
};
