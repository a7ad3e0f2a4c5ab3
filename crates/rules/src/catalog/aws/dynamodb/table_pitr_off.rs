use crate::prelude::*;

/// Flags DynamoDB tables without point-in-time recovery.
pub(crate) struct TablePitrOff;

impl TypedRule for TablePitrOff {
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
        let on = *need(&t.point_in_time_recovery, "point_in_time_recovery")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("DynamoDB table `{}` has point-in-time recovery off", r.name),
                "config.point_in_time_recovery",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.dynamodb.table_pitr_off",
    title: "DynamoDB table has point-in-time recovery off",
    severity: Severity::Medium,
    severity_rationale: "Without continuous backups a bad deploy, a buggy batch job or a malicious delete destroys \
        data that cannot be restored to the minute before.",
    service: "dynamodb",
    description: "Checks that continuous backups with point-in-time recovery are enabled on the table.",
    risk: "Accidental or malicious writes and deletes cannot be undone; recovery depends on whatever on-demand \
        backup happens to exist.",
    remediation: Remediation {
        summary: "Enable point-in-time recovery.",
        cli: "aws dynamodb update-continuous-backups --region {region} --table-name {config.table_name} \\\n  --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
        terraform: "resource \"aws_dynamodb_table\" \"{name}\" {\n  # …\n  point_in_time_recovery {\n    enabled = true\n  }\n}",
        console: "DynamoDB console → Tables → {config.table_name} → Backups → Point-in-time recovery → Edit → Turn on.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Backups run in the background without affecting table performance (storage is billed).",
    permissions: &["dynamodb:ListTables", "dynamodb:DescribeContinuousBackups"],
    references: &[
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"table_name": "t", "point_in_time_recovery": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"table_name": "t", "point_in_time_recovery": false}}"#,
        ),
        Case::unknown(
            "continuous backups not observed",
            r#"{"config": {"table_name": "t", "deletion_protection": true}}"#,
        ),
    ],
};
