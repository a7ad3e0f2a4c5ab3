use crate::prelude::*;

/// Flags EBS snapshots anyone can create volumes from.
pub(crate) struct SnapshotPublic;

impl TypedRule for SnapshotPublic {
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
        let public = *need(&s.public, "public")?;
        Ok(Verdict::check(!public, || {
            Verdict::fail(
                format!("EBS snapshot `{}` ({}) is public", r.name, s.snapshot_id),
                "config.public",
                json!(true),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.snapshot_public",
    title: "EBS snapshot is public",
    severity: Severity::Critical,
    severity_rationale: "Any AWS account can copy the snapshot and mount the disk image, with every file on it: \
        databases, keys, credentials in configuration files.",
    service: "ec2",
    description: "Checks the snapshot's create-volume permission for the `all` group, which makes it restorable by \
        every AWS account. (Encrypted snapshots cannot be made public, so this concerns unencrypted ones.)",
    risk: "Full disk contents are available to anyone; public snapshots are actively searched for by attackers.",
    remediation: Remediation {
        summary: "Remove the public create-volume permission; share with specific accounts if needed.",
        cli: "aws ec2 modify-snapshot-attribute --region {region} --snapshot-id {config.snapshot_id} \\\n  --attribute createVolumePermission --operation-type remove --group-names all",
        terraform: "# remove any aws_snapshot_create_volume_permission granting access to \"all\"; share per account instead:\nresource \"aws_snapshot_create_volume_permission\" \"{name}\" {\n  snapshot_id = \"{config.snapshot_id}\"\n  account_id  = \"<account-id>\"\n}",
        console: "EC2 console → Snapshots → {config.snapshot_id} → Actions → Snapshot settings → Modify permissions → Private.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only removes anonymous access; intended consumers should be granted per account.",
    permissions: &["ec2:DescribeSnapshots", "ec2:DescribeSnapshotAttribute"],
    references: &[
        "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html",
    ],
    cases: &[
        Case::pass(
            "private",
            r#"{"config": {"snapshot_id": "snap-1", "public": false, "shared_with": []}}"#,
        ),
        Case::pass(
            "near miss: shared with one account",
            r#"{"config": {"snapshot_id": "snap-1", "public": false, "shared_with": ["444455556666"]}}"#,
        ),
        Case::fail(
            "public",
            r#"{"config": {"snapshot_id": "snap-1", "public": true}}"#,
        ),
        Case::unknown(
            "permissions not observed",
            r#"{"config": {"snapshot_id": "snap-1", "encrypted": false}}"#,
        ),
    ],
};
