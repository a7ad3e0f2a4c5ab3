use crate::prelude::*;

/// Flags AMIs owned by the account that any AWS account can launch.
pub(crate) struct ImagePublic;

impl TypedRule for ImagePublic {
    type Config = aws::Ec2Image;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        i: &aws::Ec2Image,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let public = *need(&i.public, "public")?;
        Ok(Verdict::check(!public, || {
            Verdict::fail(
                format!("AMI `{}` ({}) is public", r.name, i.image_id),
                "config.public",
                json!(true),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.image_public",
    title: "AMI is shared publicly",
    severity: Severity::High,
    severity_rationale: "Anyone can launch the image and read its disks; internal images routinely contain \
        application code, configuration and sometimes credentials.",
    service: "ec2",
    description: "Checks that an AMI owned by the account is not public (launch permission for `all`). Images \
        published on purpose (vendor images) should be excepted explicitly.",
    risk: "Source code, configuration files and embedded secrets on the image's volumes are exposed to the world.",
    remediation: Remediation {
        summary: "Make the image private; share it with specific accounts or the organization instead.",
        cli: "aws ec2 modify-image-attribute --region {region} --image-id {config.image_id} --launch-permission \"Remove=[{Group=all}]\"",
        terraform: "# remove any aws_ami_launch_permission with group = \"all\"; share per account instead:\nresource \"aws_ami_launch_permission\" \"{name}\" {\n  image_id   = \"{config.image_id}\"\n  account_id = \"<account-id>\"\n}",
        console: "EC2 console → AMIs → {config.image_id} → Actions → Edit AMI permissions → Private.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Intended external consumers (customers, marketplace) lose access; confirm the image is not meant \
        to be public.",
    permissions: &["ec2:DescribeImages"],
    references: &["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html"],
    cases: &[
        Case::pass(
            "private",
            r#"{"config": {"image_id": "ami-1", "public": false}}"#,
        ),
        Case::pass(
            "near miss: shared with one account",
            r#"{"config": {"image_id": "ami-1", "public": false, "shared_with": ["444455556666"]}}"#,
        ),
        Case::fail(
            "public",
            r#"{"config": {"image_id": "ami-1", "public": true}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"image_id": "ami-1"}}"#),
    ],
};
