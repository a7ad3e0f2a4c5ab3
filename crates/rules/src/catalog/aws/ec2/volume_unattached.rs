use crate::prelude::*;

/// Flags EBS volumes attached to no instance.
pub(crate) struct VolumeUnattached;

impl TypedRule for VolumeUnattached {
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
        let attached = match (&v.attached_instances, v.state.as_deref()) {
            (Some(list), _) => !list.is_empty(),
            (None, Some(s)) if s.eq_ignore_ascii_case("in-use") => true,
            (None, Some(s)) if s.eq_ignore_ascii_case("available") => false,
            (None, _) => {
                return Err(Missing {
                    field: "attached_instances",
                });
            }
        };
        if attached {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "EBS volume `{}` ({}, {} GiB) is not attached to any instance",
                r.name,
                v.volume_id,
                v.size_gib.map_or_else(|| "?".to_owned(), |s| s.to_string())
            ),
            "config.attached_instances",
            json!(v.attached_instances),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.volume_unattached",
    title: "EBS volume is not attached to any instance",
    severity: Severity::Low,
    severity_rationale: "Hygiene and cost: a detached volume is billed and holds data nobody watches, but it is \
        not reachable without an instance.",
    service: "ec2",
    description: "Checks whether the volume is attached to at least one instance (its attachment list, or its \
        state `in-use` / `available` when the list was not recorded).",
    risk: "Forgotten volumes keep old data (possibly unencrypted, possibly sensitive) outside any owner's view and \
        cost money every month; they are easy to snapshot and share by mistake.",
    remediation: Remediation {
        summary: "Snapshot the volume if its data is still needed, then delete it.",
        cli: "aws ec2 create-snapshot --region {region} --volume-id {config.volume_id} --description 'final snapshot before delete'\n\
              aws ec2 delete-volume --region {region} --volume-id {config.volume_id}",
        terraform: "# Remove the aws_ebs_volume \"{name}\" resource (and its aws_volume_attachment) from the configuration;\n# keep an aws_ebs_snapshot if the data must be retained.",
        console: "EC2 console → Volumes → {config.volume_id} → Actions → Create snapshot (if needed), then Actions → \
            Delete volume.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Deleting a volume destroys its data; a person must decide it is no longer needed.",
    permissions: &["ec2:DescribeVolumes"],
    references: &["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-deleting-volume.html"],
    cases: &[
        Case::pass(
            "attached",
            r#"{"config": {"volume_id": "vol-1", "state": "in-use", "attached_instances": ["i-1"]}}"#,
        ),
        Case::pass(
            "in use, attachment list not recorded",
            r#"{"config": {"volume_id": "vol-1", "state": "in-use"}}"#,
        ),
        Case::fail(
            "available",
            r#"{"config": {"volume_id": "vol-1", "size_gib": 100, "state": "available", "attached_instances": []}}"#,
        ),
        Case::fail(
            "state says available",
            r#"{"config": {"volume_id": "vol-1", "state": "available"}}"#,
        ),
        Case::unknown(
            "neither attachments nor state recorded",
            r#"{"config": {"volume_id": "vol-1"}}"#,
        ),
        Case::unknown(
            "creating, attachments unknown",
            r#"{"config": {"volume_id": "vol-1", "state": "creating"}}"#,
        ),
    ],
};
