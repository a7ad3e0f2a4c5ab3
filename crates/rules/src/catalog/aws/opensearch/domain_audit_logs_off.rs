use crate::prelude::*;

/// Flags OpenSearch domains that do not publish audit logs.
pub(crate) struct DomainAuditLogsOff;

impl TypedRule for DomainAuditLogsOff {
    type Config = aws::OpenSearchDomain;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &aws::OpenSearchDomain,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&d.audit_logs_enabled, "audit_logs_enabled")?;
        Ok(Verdict::check(v, || {
            Verdict::fail(
                format!("OpenSearch domain `{}` does not publish audit logs", r.name),
                "config.audit_logs_enabled",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.opensearch.domain_audit_logs_off",
    title: "OpenSearch domain does not publish audit logs",
    severity: Severity::Low,
    severity_rationale: "Missing audit logs hide who read or changed indexes; they do not open access.",
    service: "opensearch",
    description: "Checks that audit logs are published to CloudWatch Logs (requires fine-grained access control).",
    risk: "Data access and permission changes inside the domain leave no record.",
    remediation: Remediation {
        summary: "Publish audit logs to a CloudWatch Logs group.",
        cli: "aws opensearch update-domain-config --region {region} --domain-name {config.domain_name} \\\n  --log-publishing-options 'AUDIT_LOGS={CloudWatchLogsLogGroupArn=arn:aws:logs:{region}:{account}:log-group:/aws/opensearch/{config.domain_name}/audit,Enabled=true}'",
        terraform: "resource \"aws_opensearch_domain\" \"{name}\" {\n  # …\n  log_publishing_options {\n    log_type                 = \"AUDIT_LOGS\"\n    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn\n  }\n}",
        console: "OpenSearch console → Domains → {config.domain_name} → Logs → Audit logs → Enable → choose the log group.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Logging only (ingestion is billed).",
    permissions: &["es:DescribeDomain"],
    references: &[
        "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"domain_name": "d", "audit_logs_enabled": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"domain_name": "d", "audit_logs_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"domain_name": "d"}}"#),
    ],
};
