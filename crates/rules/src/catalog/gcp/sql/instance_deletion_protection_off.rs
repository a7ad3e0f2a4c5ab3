use crate::prelude::*;

/// Flags Cloud SQL instances without deletion protection.
pub(crate) struct InstanceDeletionProtectionOff;

impl TypedRule for InstanceDeletionProtectionOff {
    type Config = gcp::SqlInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::SqlInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.deletion_protection, "deletion_protection")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!(
                    "Cloud SQL instance `{}` has deletion protection off",
                    r.name
                ),
                "config.deletion_protection",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.instance_deletion_protection_off",
    title: "Cloud SQL instance deletion protection is off",
    severity: Severity::Low,
    severity_rationale: "Guards against mistakes and casual sabotage; backups may still allow recovery.",
    service: "sql",
    description: "Checks `settings.deletionProtectionEnabled`.",
    risk: "One command or click deletes the instance and, with it, its automated backups.",
    remediation: Remediation {
        summary: "Enable deletion protection.",
        cli: "gcloud sql instances patch {name} --project={account} --deletion-protection",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    deletion_protection_enabled = true\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Data protection → Enable deletion protection → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only blocks deletion until the setting is turned off.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/mysql/deletion-protection"],
    cases: &[
        Case::pass("compliant", r#"{"config": {"deletion_protection": true}}"#),
        Case::fail(
            "non-compliant",
            r#"{"config": {"deletion_protection": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
