use crate::prelude::*;

/// Flags EBS volumes that are not encrypted.
pub(crate) struct VolumeUnencrypted;

impl TypedRule for VolumeUnencrypted {
    type Config = aws::EbsVolume;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        v: &aws::EbsVolume,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let encrypted = *need(&v.encrypted, "encrypted")?;
        Ok(Verdict::check(encrypted, || {
            Verdict::fail(
                format!("EBS volume `{}` ({}) is not encrypted", r.name, v.volume_id),
                "config.encrypted",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.volume_unencrypted",
    title: "EBS volume is not encrypted",
    severity: Severity::Medium,
    severity_rationale: "Volumes and their snapshots can hold anything from databases to keys; encryption \
        guards snapshots shared or copied by mistake, not access through the running instance.",
    service: "ec2",
    description: "Checks that the EBS volume is encrypted at rest (which also encrypts its snapshots).",
    risk: "Snapshots of the volume can be shared with other accounts or made public without any key gate, and \
        the data fails encryption-at-rest requirements.",
    remediation: Remediation {
        summary: "Snapshot the volume, copy the snapshot with encryption, create a new volume from it and swap; \
            turn on EBS encryption by default for the region.",
        cli: "aws ec2 create-snapshot --region {region} --volume-id {config.volume_id} --description pre-encryption\n\
              aws ec2 copy-snapshot --region {region} --source-region {region} --source-snapshot-id <snap-id> --encrypted\n\
              aws ec2 create-volume --region {region} --snapshot-id <encrypted-snap-id> --availability-zone <az>\n\
              aws ec2 enable-ebs-encryption-by-default --region {region}",
        terraform: "resource \"aws_ebs_volume\" \"{name}\" {\n  # …\n  encrypted = true\n}\n\nresource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true\n}",
        console: "EC2 console → Volumes → {config.volume_id} → Actions → Create snapshot; Snapshots → Copy \
            snapshot → Encrypt; create a volume from the copy and attach it in place of the old one. EC2 \
            Dashboard → Account attributes → Data protection and security → enable EBS encryption by default.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Existing volumes cannot be encrypted in place; the swap needs instance downtime.",
    permissions: &["ec2:DescribeVolumes"],
    references: &["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"],
    cases: &[
        Case::pass(
            "encrypted",
            r#"{"config": {"volume_id": "vol-1", "encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted",
            r#"{"config": {"volume_id": "vol-1", "encrypted": false, "state": "in-use"}}"#,
        ),
        Case::fail(
            "unattached volumes still hold data",
            r#"{"config": {"volume_id": "vol-1", "encrypted": false, "state": "available"}}"#,
        ),
        Case::unknown(
            "encryption flag missing",
            r#"{"config": {"volume_id": "vol-1"}}"#,
        ),
    ],
};
