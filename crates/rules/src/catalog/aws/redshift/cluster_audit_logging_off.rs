use crate::prelude::*;

/// Flags Redshift clusters without audit logging.
pub(crate) struct ClusterAuditLoggingOff;

impl TypedRule for ClusterAuditLoggingOff {
    type Config = aws::RedshiftCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::RedshiftCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.logging_enabled, "logging_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("Redshift cluster `{}` has audit logging off", r.name),
                "config.logging_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.redshift.cluster_audit_logging_off",
    title: "Redshift cluster audit logging is off",
    severity: Severity::Medium,
    severity_rationale: "Without connection and user-activity logs nobody can tell who queried which data, which \
        blinds investigations; it does not open access.",
    service: "redshift",
    description: "Checks that database audit logging (connection, user and user-activity logs to S3 or CloudWatch) is \
        enabled.",
    risk: "Data exfiltration through queries and logins with stolen credentials leave no trace.",
    remediation: Remediation {
        summary: "Enable audit logging to CloudWatch Logs or S3 (and set `enable_user_activity_logging` for query text).",
        cli: "aws redshift enable-logging --region {region} --cluster-identifier {config.cluster_identifier} \\\n  --log-destination-type cloudwatch --log-exports connectionlog useractivitylog userlog",
        terraform: "resource \"aws_redshift_logging\" \"{name}\" {\n  cluster_identifier   = \"{config.cluster_identifier}\"\n  log_destination_type = \"cloudwatch\"\n  log_exports          = [\"connectionlog\", \"useractivitylog\", \"userlog\"]\n}",
        console: "Redshift console → Clusters → {config.cluster_identifier} → Properties → Database configurations → Edit \
            audit logging → Turn on.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Logging does not change query behaviour (storage is billed).",
    permissions: &["redshift:DescribeLoggingStatus"],
    references: &["https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"cluster_identifier": "c", "logging_enabled": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"cluster_identifier": "c", "logging_enabled": false}}"#,
        ),
        Case::unknown(
            "logging status not observed",
            r#"{"config": {"cluster_identifier": "c", "encrypted": true}}"#,
        ),
    ],
};
