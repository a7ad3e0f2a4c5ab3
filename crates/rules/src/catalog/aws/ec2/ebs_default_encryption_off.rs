use crate::prelude::*;

/// Flags account regions where new EBS volumes are not encrypted by default.
pub(crate) struct EbsDefaultEncryptionOff;

impl TypedRule for EbsDefaultEncryptionOff {
    type Config = aws::EbsEncryptionDefault;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        e: &aws::EbsEncryptionDefault,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&e.enabled, "enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "EBS encryption by default is off in {} of account {}",
                    r.region, r.account
                ),
                "config.enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.ebs_default_encryption_off",
    title: "EBS encryption by default is off",
    severity: Severity::Medium,
    severity_rationale: "Without the default, every volume and snapshot relies on its creator remembering to encrypt; \
        unencrypted disks then appear silently and can only be fixed by copying.",
    service: "ec2",
    description: "Checks the account-and-region setting that encrypts every new EBS volume and snapshot copy.",
    risk: "New volumes (including those created by Auto Scaling, AMI launches and tools) are stored unencrypted.",
    remediation: Remediation {
        summary: "Turn on EBS encryption by default in every region in use.",
        cli: "aws ec2 enable-ebs-encryption-by-default --region {region}",
        terraform: "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true\n}",
        console: "EC2 console ({region}) → Settings → Data protection and security → EBS encryption → Manage → Always \
            encrypt new EBS volumes.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Affects new volumes only; with the default AWS-managed key no permissions change. Instances \
        launched by other accounts from shared unencrypted snapshots need access to the key, so check cross-account flows.",
    permissions: &["ec2:GetEbsEncryptionByDefault", "ec2:GetEbsDefaultKmsKeyId"],
    references: &["https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"enabled": true, "kms_key_id": "alias/aws/ebs"}}"#,
        ),
        Case::fail("off", r#"{"config": {"enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
