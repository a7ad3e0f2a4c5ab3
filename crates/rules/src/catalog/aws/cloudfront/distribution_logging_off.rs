use crate::prelude::*;

/// Flags distributions without standard access logging.
pub(crate) struct DistributionLoggingOff;

impl TypedRule for DistributionLoggingOff {
    type Config = aws::CloudFrontDistribution;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &aws::CloudFrontDistribution,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&d.logging_enabled, "logging_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "CloudFront distribution `{}` does not write access logs",
                    r.name
                ),
                "config.logging_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudfront.distribution_logging_off",
    title: "CloudFront distribution access logging is off",
    severity: Severity::Low,
    severity_rationale: "Access logs are what investigations use to see who fetched what; their absence hides misuse \
        but exposes nothing.",
    service: "cloudfront",
    description: "Checks that standard (legacy) access logging to S3 is enabled in the distribution configuration. \
        Logs delivered through CloudWatch vended-log delivery are not part of the distribution configuration and \
        are not seen by this check.",
    risk: "Scraping, credential stuffing and data downloads through the edge leave no record.",
    remediation: Remediation {
        summary: "Enable access logging to an S3 bucket (or configure log delivery to CloudWatch Logs / S3).",
        cli: "aws cloudfront get-distribution-config --id {config.distribution_id} > dist.json\n\
              # set Logging.Enabled=true and Logging.Bucket=<bucket>.s3.amazonaws.com\n\
              aws cloudfront update-distribution --id {config.distribution_id} --if-match <etag> --distribution-config file://dist-config.json",
        terraform: "resource \"aws_cloudfront_distribution\" \"{name}\" {\n  # …\n  logging_config {\n    bucket = \"<log-bucket>.s3.amazonaws.com\"\n    prefix = \"cloudfront/\"\n  }\n}",
        console: "CloudFront console → Distributions → {config.distribution_id} → Logging → Add → choose the destination.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Logging does not affect delivery (storage is billed).",
    permissions: &["cloudfront:GetDistributionConfig"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"distribution_id": "E1", "logging_enabled": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"distribution_id": "E1", "logging_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"distribution_id": "E1"}}"#),
    ],
};
