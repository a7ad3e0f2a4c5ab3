use crate::prelude::*;

/// Flags Cloud SQL instances without automated backups.
pub(crate) struct InstanceBackupsOff;

impl TypedRule for InstanceBackupsOff {
    type Config = gcp::SqlInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        db: &gcp::SqlInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&db.backup_enabled, "backup_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("Cloud SQL instance `{}` has automated backups off", r.name),
                "config.backup_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.sql.instance_backups_off",
    title: "Cloud SQL instance automated backups are off",
    severity: Severity::Medium,
    severity_rationale: "A recoverability gap rather than an exposure; the loss is severe when it happens but \
        needs a separate failure or attack.",
    service: "sql",
    description: "Checks that automated daily backups are enabled on the instance. (Read replicas cannot have \
        their own backups; suppress them if your importer does not mark them.)",
    risk: "Corruption, operator error or a destructive attacker leaves no restore point and no point-in-time \
        recovery.",
    remediation: Remediation {
        summary: "Enable automated backups (and point-in-time recovery).",
        cli: "gcloud sql instances patch {name} --project={account} --backup-start-time=03:00",
        terraform: "resource \"google_sql_database_instance\" \"{name}\" {\n  # …\n  settings {\n    backup_configuration {\n      enabled    = true\n      start_time = \"03:00\"\n    }\n  }\n}",
        console: "Cloud console → SQL → {name} → Edit → Data protection → 'Automate backups' → choose a window → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Backups run from the managed service without downtime; only storage cost changes.",
    permissions: &["cloudsql.instances.get"],
    references: &["https://cloud.google.com/sql/docs/mysql/backup-recovery/backups"],
    cases: &[
        Case::pass("on", r#"{"config": {"backup_enabled": true}}"#),
        Case::fail("off", r#"{"config": {"backup_enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
