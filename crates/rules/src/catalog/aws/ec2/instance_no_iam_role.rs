use crate::prelude::*;

/// Flags instances without an instance profile (no IAM role for their AWS calls).
pub(crate) struct InstanceNoIamRole;

impl TypedRule for InstanceNoIamRole {
    type Config = aws::Ec2Instance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        i: &aws::Ec2Instance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if i.state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("terminated"))
        {
            return Ok(Verdict::NotApplicable("instance is terminated".into()));
        }
        let profile = need(&i.iam_instance_profile, "iam_instance_profile")?;
        Ok(Verdict::check(!profile.trim().is_empty(), || {
            Verdict::fail(
                format!(
                    "Instance `{}` ({}) has no IAM instance profile",
                    r.name, i.instance_id
                ),
                "config.iam_instance_profile",
                json!(profile),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.instance_no_iam_role",
    title: "EC2 instance has no IAM role (instance profile)",
    severity: Severity::Medium,
    severity_rationale: "Software on an instance without a role that needs AWS access gets it from long-lived \
        access keys stored on disk, the credential most often leaked; Medium because the instance may not call \
        AWS at all.",
    service: "ec2",
    description: "Checks that a running or stopped instance has an instance profile attached, so that programs on \
        it receive short-lived, automatically rotated role credentials from the metadata service instead of \
        static keys. Terminated instances are not applicable.",
    risk: "Access keys copied onto servers, AMIs and backups leak and stay valid for months; they also cannot \
        be tied to the instance in CloudTrail.",
    remediation: Remediation {
        summary: "Attach an instance profile whose role grants only what the instance's software needs, then remove \
            any access keys from the instance.",
        cli: "aws ec2 associate-iam-instance-profile --region {region} --instance-id {config.instance_id} --iam-instance-profile Name=<profile-name>",
        terraform: "resource \"aws_iam_instance_profile\" \"{name}\" {\n  role = aws_iam_role.{name}.name\n}\n\nresource \"aws_instance\" \"{name}\" {\n  # …\n  iam_instance_profile = aws_iam_instance_profile.{name}.name\n}",
        console: "EC2 console → Instances → {config.instance_id} → Actions → Security → Modify IAM role: choose a \
            role with least-privilege permissions.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Attaching a role adds credentials without taking any away; nothing that works today stops \
        working.",
    permissions: &[
        "ec2:DescribeInstances",
        "ec2:DescribeIamInstanceProfileAssociations",
    ],
    references: &[
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html",
    ],
    cases: &[
        Case::pass(
            "profile attached",
            r#"{"config": {"instance_id": "i-1", "state": "running", "iam_instance_profile": "arn:aws:iam::111122223333:instance-profile/app"}}"#,
        ),
        Case::fail(
            "no profile",
            r#"{"config": {"instance_id": "i-1", "state": "running", "iam_instance_profile": ""}}"#,
        ),
        Case::fail(
            "stopped instances still count",
            r#"{"config": {"instance_id": "i-1", "state": "stopped", "iam_instance_profile": ""}}"#,
        ),
        Case::not_applicable(
            "terminated",
            r#"{"config": {"instance_id": "i-1", "state": "terminated", "iam_instance_profile": ""}}"#,
        ),
        Case::unknown(
            "profile not recorded",
            r#"{"config": {"instance_id": "i-1", "state": "running"}}"#,
        ),
    ],
};
