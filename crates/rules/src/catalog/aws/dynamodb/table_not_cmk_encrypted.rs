use crate::prelude::*;

/// Flags DynamoDB tables holding sensitive data that are not encrypted with a customer key.
pub(crate) struct TableNotCmkEncrypted;

/// Data classifications that call for customer-controlled keys.
const SENSITIVE: &[&str] = &["phi", "pii", "financial", "restricted", "confidential"];

impl TypedRule for TableNotCmkEncrypted {
    type Config = aws::DynamoDbTable;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        t: &aws::DynamoDbTable,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let class = r
            .tags
            .get("data-classification")
            .map(|c| c.to_ascii_lowercase());
        if !class.as_deref().is_some_and(|c| SENSITIVE.contains(&c)) {
            return Ok(Verdict::NotApplicable(
                "not tagged as holding sensitive data (`data-classification`)".into(),
            ));
        }
        let key_type = need(&t.sse_key_type, "sse_key_type")?;
        Ok(Verdict::check(key_type == "CUSTOMER_MANAGED", || {
            Verdict::fail(
                format!(
                    "DynamoDB table `{}` holds {} data but is encrypted with an {} key",
                    r.name,
                    class.unwrap_or_default(),
                    if key_type == "AWS_MANAGED" {
                        "AWS-managed"
                    } else {
                        "AWS-owned"
                    }
                ),
                "config.sse_key_type",
                json!(key_type),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.dynamodb.table_not_cmk_encrypted",
    title: "DynamoDB table with sensitive data is not encrypted with a customer-managed key",
    severity: Severity::Low,
    severity_rationale: "The data is encrypted either way; a customer key adds control (key policy, revocation, \
        CloudTrail record of each use) that regulated data usually requires.",
    service: "dynamodb",
    description: "For tables tagged `data-classification` = `phi`, `pii`, `financial`, `restricted` or \
        `confidential`, checks that server-side encryption uses a customer-managed KMS key rather than the \
        AWS-owned or AWS-managed key. Untagged tables are not applicable.",
    risk: "Access to sensitive data cannot be revoked by disabling a key you control, and key use is not audited \
        separately.",
    remediation: Remediation {
        summary: "Switch the table's encryption to a customer-managed KMS key.",
        cli: "aws dynamodb update-table --region {region} --table-name {config.table_name} \\\n  --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=<customer-key-arn>",
        terraform: "resource \"aws_dynamodb_table\" \"{name}\" {\n  # …\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.data.arn\n  }\n}",
        console: "DynamoDB console → Tables → {config.table_name} → Additional settings → Encryption → Manage encryption → \
            Stored in your account, and owned and managed by you → choose the key.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Every reader and writer then needs kms:Decrypt/GenerateDataKey on the key; missing grants break them.",
    permissions: &["dynamodb:DescribeTable"],
    references: &[
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
    ],
    cases: &[
        Case::pass(
            "customer key on a PHI table",
            r#"{"tags": {"data-classification": "phi"}, "config": {"table_name": "t", "sse_key_type": "CUSTOMER_MANAGED"}}"#,
        ),
        Case::fail(
            "AWS-owned key on a PII table",
            r#"{"tags": {"data-classification": "pii"}, "config": {"table_name": "t", "sse_key_type": "AWS_OWNED"}}"#,
        ),
        Case::not_applicable(
            "near miss: internal data on the default key",
            r#"{"tags": {"data-classification": "internal"}, "config": {"table_name": "t", "sse_key_type": "AWS_OWNED"}}"#,
        ),
        Case::unknown(
            "encryption not observed",
            r#"{"tags": {"data-classification": "financial"}, "config": {"table_name": "t"}}"#,
        ),
    ],
};
