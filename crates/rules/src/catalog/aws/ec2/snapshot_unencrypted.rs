use crate::prelude::*;

/// Flags unencrypted EBS snapshots.
pub(crate) struct SnapshotUnencrypted;

impl TypedRule for SnapshotUnencrypted {
    type Config = aws::EbsSnapshot;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &aws::EbsSnapshot,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let enc = *need(&s.encrypted, "encrypted")?;
        Ok(Verdict::check(enc, || {
            Verdict::fail(
                format!(
                    "EBS snapshot `{}` ({}) is not encrypted",
                    r.name, s.snapshot_id
                ),
                "config.encrypted",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.snapshot_unencrypted",
    title: "EBS snapshot is not encrypted",
    severity: Severity::Medium,
    severity_rationale: "An unencrypted snapshot can be shared publicly or with any account by a single API call and \
        carries no key-based access control.",
    service: "ec2",
    description: "Checks that the snapshot is encrypted (snapshots of encrypted volumes are always encrypted).",
    risk: "Disk contents are stored unencrypted, can be made public, and copies cannot be revoked through a key.",
    remediation: Remediation {
        summary: "Copy the snapshot with encryption, switch consumers to the copy, and delete the original.",
        cli: "aws ec2 copy-snapshot --region {region} --source-region {region} --source-snapshot-id {config.snapshot_id} --encrypted --kms-key-id alias/aws/ebs\n\
              aws ec2 delete-snapshot --region {region} --snapshot-id {config.snapshot_id}",
        terraform: "resource \"aws_ebs_snapshot_copy\" \"{name}\" {\n  source_snapshot_id = \"{config.snapshot_id}\"\n  source_region      = \"{region}\"\n  encrypted          = true\n}",
        console: "EC2 console → Snapshots → {config.snapshot_id} → Actions → Copy snapshot → Encrypt this snapshot; then \
            delete the original.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "AMIs, backups and scripts referencing the original snapshot id must be updated before it is deleted.",
    permissions: &["ec2:DescribeSnapshots"],
    references: &["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"snapshot_id": "snap-1", "encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted",
            r#"{"config": {"snapshot_id": "snap-1", "encrypted": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"snapshot_id": "snap-1"}}"#),
    ],
};
