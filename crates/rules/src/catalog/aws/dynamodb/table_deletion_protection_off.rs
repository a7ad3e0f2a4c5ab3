use crate::prelude::*;

/// Flags DynamoDB tables in production without deletion protection.
pub(crate) struct TableDeletionProtectionOff;

impl TypedRule for TableDeletionProtectionOff {
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
        let on = *need(&t.deletion_protection, "deletion_protection")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "DynamoDB table `{}` can be deleted without first turning protection off",
                    r.name
                ),
                "config.deletion_protection",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.dynamodb.table_deletion_protection_off",
    title: "DynamoDB table has deletion protection off",
    severity: Severity::Low,
    severity_rationale: "Deleting a table is rare and deliberate; protection guards against mistakes and scripted \
        teardown, and point-in-time backups survive deletion for a limited time.",
    service: "dynamodb",
    description: "Checks that deletion protection is enabled, so a `DeleteTable` call fails until someone turns it off \
        explicitly.",
    risk: "A mistaken `terraform destroy`, script or console click deletes the table and its data.",
    remediation: Remediation {
        summary: "Turn on deletion protection.",
        cli: "aws dynamodb update-table --region {region} --table-name {config.table_name} --deletion-protection-enabled",
        terraform: "resource \"aws_dynamodb_table\" \"{name}\" {\n  # …\n  deletion_protection_enabled = true\n}",
        console: "DynamoDB console → Tables → {config.table_name} → Additional settings → Deletion protection → Turn on.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only blocks DeleteTable; reads and writes are unaffected.",
    permissions: &["dynamodb:DescribeTable"],
    references: &[
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"table_name": "t", "deletion_protection": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"table_name": "t", "deletion_protection": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"table_name": "t"}}"#),
    ],
};
