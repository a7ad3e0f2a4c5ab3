use crate::prelude::*;

/// Flags log groups not encrypted with a KMS key.
pub(crate) struct LogGroupNotKmsEncrypted;

impl TypedRule for LogGroupNotKmsEncrypted {
    type Config = aws::LogGroup;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        g: &aws::LogGroup,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let key = need(&g.kms_key_id, "kms_key_id")?;
        Ok(Verdict::check(!key.trim().is_empty(), || {
            Verdict::fail(
                format!("Log group `{}` is not encrypted with a KMS key", r.name),
                "config.kms_key_id",
                json!(key),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.logs.log_group_not_kms_encrypted",
    title: "CloudWatch log group is not encrypted with a KMS key",
    severity: Severity::Low,
    severity_rationale: "CloudWatch Logs always encrypts at rest with a service key; a customer key adds access control \
        and revocation for logs that may contain personal data or secrets.",
    service: "logs",
    description: "Checks that a KMS key is associated with the log group.",
    risk: "Anyone with `logs:GetLogEvents` reads the events; there is no key policy to restrict or audit decryption.",
    remediation: Remediation {
        summary: "Associate a customer-managed KMS key whose policy allows the CloudWatch Logs service principal.",
        cli: "aws logs associate-kms-key --region {region} --log-group-name {config.log_group_name} --kms-key-id arn:aws:kms:{region}:{account}:key/<key-id>",
        terraform: "resource \"aws_cloudwatch_log_group\" \"{name}\" {\n  name       = \"{config.log_group_name}\"\n  kms_key_id = aws_kms_key.logs.arn\n}",
        console: "Log group encryption is set through the CLI or API (associate-kms-key); the console shows the key on the \
            log group's details page.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "If the key policy does not allow logs.<region>.amazonaws.com, ingestion into the group fails.",
    permissions: &["logs:DescribeLogGroups"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    ],
    cases: &[
        Case::pass(
            "customer key",
            r#"{"config": {"log_group_name": "g", "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"}}"#,
        ),
        Case::fail(
            "no key",
            r#"{"config": {"log_group_name": "g", "kms_key_id": ""}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"log_group_name": "g"}}"#),
    ],
};
