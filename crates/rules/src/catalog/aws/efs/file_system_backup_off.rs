use crate::prelude::*;

/// Flags EFS file systems without automatic backups.
pub(crate) struct FileSystemBackupOff;

impl TypedRule for FileSystemBackupOff {
    type Config = aws::EfsFileSystem;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        f: &aws::EfsFileSystem,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&f.backup_enabled, "backup_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("EFS file system `{}` has automatic backups off", r.name),
                "config.backup_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.efs.file_system_backup_off",
    title: "EFS file system has automatic backups off",
    severity: Severity::Medium,
    severity_rationale: "Without backups, deleted or encrypted-by-ransomware files cannot be recovered; nothing is \
        exposed, but data loss is permanent.",
    service: "efs",
    description: "Checks that the file system's backup policy is enabled (daily AWS Backup of the file system), unless \
        another backup plan covers it, which this check cannot see.",
    risk: "Accidental deletions, bad writes or ransomware on the shared file system cannot be undone.",
    remediation: Remediation {
        summary: "Enable automatic backups (or include the file system in an AWS Backup plan).",
        cli: "aws efs put-backup-policy --region {region} --file-system-id {config.file_system_id} --backup-policy Status=ENABLED",
        terraform: "resource \"aws_efs_backup_policy\" \"{name}\" {\n  file_system_id = \"{config.file_system_id}\"\n  backup_policy {\n    status = \"ENABLED\"\n  }\n}",
        console: "EFS console → File systems → {config.file_system_id} → Edit → Automatic backups → Enable.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Backups run in the background; they add storage cost only.",
    permissions: &["elasticfilesystem:DescribeBackupPolicy"],
    references: &["https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html"],
    cases: &[
        Case::pass(
            "backups on",
            r#"{"config": {"file_system_id": "fs-1", "backup_enabled": true}}"#,
        ),
        Case::fail(
            "backups off",
            r#"{"config": {"file_system_id": "fs-1", "backup_enabled": false}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"file_system_id": "fs-1", "encrypted": true}}"#,
        ),
    ],
};
