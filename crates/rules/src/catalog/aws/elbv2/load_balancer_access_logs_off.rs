use crate::prelude::*;

/// Flags load balancers without access logging.
pub(crate) struct LoadBalancerAccessLogsOff;

impl TypedRule for LoadBalancerAccessLogsOff {
    type Config = aws::LoadBalancer;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        lb: &aws::LoadBalancer,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&lb.access_logs_enabled, "access_logs_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("Load balancer `{}` does not write access logs", r.name),
                "config.access_logs_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.elbv2.load_balancer_access_logs_off",
    title: "Load balancer access logging is off",
    severity: Severity::Low,
    severity_rationale: "Access logs are the record of who called the service from where; their absence hides abuse \
        but opens nothing.",
    service: "elbv2",
    description: "Checks the `access_logs.s3.enabled` attribute (request logs delivered to S3).",
    risk: "Scanning, credential stuffing and data scraping against the application leave no request-level record.",
    remediation: Remediation {
        summary: "Enable access logs to an S3 bucket that allows the regional ELB log-delivery principal.",
        cli: "aws elbv2 modify-load-balancer-attributes --region {region} --load-balancer-arn {uid} \\\n  --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<log-bucket>",
        terraform: "resource \"aws_lb\" \"{name}\" {\n  # …\n  access_logs {\n    bucket  = aws_s3_bucket.lb_logs.id\n    enabled = true\n  }\n}",
        console: "EC2 console → Load Balancers → {name} → Attributes → Edit → Monitoring → Access logs on → S3 location.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Logging does not affect traffic (storage is billed).",
    permissions: &["elasticloadbalancing:DescribeLoadBalancerAttributes"],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"load_balancer_name": "web", "access_logs_enabled": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"load_balancer_name": "web", "access_logs_enabled": false}}"#,
        ),
        Case::unknown(
            "attributes not observed",
            r#"{"config": {"load_balancer_name": "web"}}"#,
        ),
    ],
};
