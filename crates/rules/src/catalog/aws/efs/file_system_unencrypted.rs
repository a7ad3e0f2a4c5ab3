use crate::prelude::*;

/// Flags EFS file systems not encrypted at rest.
pub(crate) struct FileSystemUnencrypted;

impl TypedRule for FileSystemUnencrypted {
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
        let on = *need(&f.encrypted, "encrypted")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "EFS file system `{}` ({}) is not encrypted at rest",
                    r.name, f.file_system_id
                ),
                "config.encrypted",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.efs.file_system_unencrypted",
    title: "EFS file system is not encrypted at rest",
    severity: Severity::Medium,
    severity_rationale: "Shared file systems often hold documents and exports with sensitive data; encryption at rest \
        can only be chosen at creation, so the gap persists until the data is migrated.",
    service: "efs",
    description: "Checks that the file system was created with encryption at rest (KMS).",
    risk: "Data on the file system is stored unencrypted, failing encryption-at-rest requirements; there is no key \
        policy to restrict or revoke access to it.",
    remediation: Remediation {
        summary: "Create an encrypted file system, copy the data (AWS DataSync or a backup restore), switch the mounts, \
            and delete the old one.",
        cli: "aws efs create-file-system --region {region} --encrypted --kms-key-id alias/aws/elasticfilesystem --performance-mode generalPurpose\n\
              # copy data with AWS DataSync, move mount targets, then: aws efs delete-file-system --file-system-id {config.file_system_id}",
        terraform: "resource \"aws_efs_file_system\" \"{name}\" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.efs.arn\n}",
        console: "EFS console → Create file system → Customize → Enable encryption of data at rest; migrate the data, then \
            delete {config.file_system_id}.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Encryption cannot be turned on in place; the migration needs a maintenance window.",
    permissions: &["elasticfilesystem:DescribeFileSystems"],
    references: &["https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html"],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"file_system_id": "fs-1", "encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted",
            r#"{"config": {"file_system_id": "fs-1", "encrypted": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"file_system_id": "fs-1"}}"#),
    ],
};
