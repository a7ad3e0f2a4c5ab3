use crate::prelude::*;

/// Flags projects that do not record data-access audit logs for all services.
pub(crate) struct AuditLoggingIncomplete;

impl TypedRule for AuditLoggingIncomplete {
    type Config = gcp::Project;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::Project,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let audit = need(&c.audit_configs, "audit_configs")?;
        let types = audit.get("allServices").cloned().unwrap_or_default();
        let missing: Vec<&str> = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]
            .into_iter()
            .filter(|t| !types.iter().any(|x| x == t))
            .collect();
        Ok(Verdict::check(missing.is_empty(), || {
            Verdict::fail(
                format!(
                    "Project {} does not record {} audit logs for all services",
                    r.account,
                    missing.join(", ")
                ),
                "config.audit_configs.allServices",
                json!(types),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.resourcemanager.audit_logging_incomplete",
    title: "Data access audit logs are not enabled for all services",
    severity: Severity::Medium,
    severity_rationale: "Admin activity is always logged, but reads and writes of data are not; data theft then leaves no trace.",
    service: "resourcemanager",
    description: "Checks that the project IAM policy has an `allServices` audit config enabling ADMIN_READ, DATA_READ and DATA_WRITE. Exempted members are not evaluated.",
    risk: "Who read or changed which data cannot be established after an incident.",
    remediation: Remediation {
        summary: "Enable all three data-access log types for allServices (mind the log volume).",
        cli: "gcloud projects get-iam-policy {account} --format=json > policy.json\n# add {\"service\":\"allServices\",\"auditLogConfigs\":[{\"logType\":\"ADMIN_READ\"},{\"logType\":\"DATA_READ\"},{\"logType\":\"DATA_WRITE\"}]} to auditConfigs, then:\ngcloud projects set-iam-policy {account} policy.json",
        terraform: "resource \"google_project_iam_audit_config\" \"all\" {\n  project = \"{account}\"\n  service = \"allServices\"\n  audit_log_config { log_type = \"ADMIN_READ\" }\n  audit_log_config { log_type = \"DATA_READ\" }\n  audit_log_config { log_type = \"DATA_WRITE\" }\n}",
        console: "Cloud console → IAM & Admin → Audit Logs → select all services → check Admin Read, Data Read, Data Write → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds logs (which can be large and billed).",
    permissions: &["resourcemanager.projects.getIamPolicy"],
    references: &["https://cloud.google.com/logging/docs/audit/configure-data-access"],
    cases: &[
        Case::pass(
            "all three",
            r#"{"config": {"audit_configs": {"allServices": ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]}}}"#,
        ),
        Case::fail(
            "admin read only",
            r#"{"config": {"audit_configs": {"allServices": ["ADMIN_READ"]}}}"#,
        ),
        Case::fail(
            "one service only",
            r#"{"config": {"audit_configs": {"storage.googleapis.com": ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]}}}"#,
        ),
        Case::unknown("no IAM policy", r#"{"config": {}}"#),
    ],
};
