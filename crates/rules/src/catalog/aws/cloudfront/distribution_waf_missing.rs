use crate::prelude::*;

/// Flags distributions without a WAF web ACL.
pub(crate) struct DistributionWafMissing;

impl TypedRule for DistributionWafMissing {
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
        let acl = need(&d.web_acl_id, "web_acl_id")?;
        Ok(Verdict::check(!acl.trim().is_empty(), || {
            Verdict::fail(
                format!("CloudFront distribution `{}` has no WAF web ACL", r.name),
                "config.web_acl_id",
                json!(acl),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudfront.distribution_waf_missing",
    title: "CloudFront distribution has no WAF web ACL",
    severity: Severity::Low,
    severity_rationale: "A WAF is a defence-in-depth layer (bot, injection and rate-based rules); the application's \
        own security still stands without it.",
    service: "cloudfront",
    description: "Checks that an AWS WAF web ACL is associated with the distribution.",
    risk: "Common web attacks, scrapers and request floods reach the origin unfiltered.",
    remediation: Remediation {
        summary: "Associate a WAF (global scope) web ACL with managed rule groups.",
        cli: "aws cloudfront get-distribution-config --id {config.distribution_id} > dist.json\n\
              # set WebACLId to the web ACL ARN (created in us-east-1 with scope CLOUDFRONT)\n\
              aws cloudfront update-distribution --id {config.distribution_id} --if-match <etag> --distribution-config file://dist-config.json",
        terraform: "resource \"aws_cloudfront_distribution\" \"{name}\" {\n  # …\n  web_acl_id = aws_wafv2_web_acl.edge.arn\n}",
        console: "CloudFront console → Distributions → {config.distribution_id} → Security → Edit → Enable security \
            protections (creates or attaches a web ACL).",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Managed rules can block legitimate requests; start rule groups in count mode.",
    permissions: &["cloudfront:GetDistributionConfig"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html",
    ],
    cases: &[
        Case::pass(
            "web ACL attached",
            r#"{"config": {"distribution_id": "E1", "web_acl_id": "arn:aws:wafv2:us-east-1:111122223333:global/webacl/x/1"}}"#,
        ),
        Case::fail(
            "none",
            r#"{"config": {"distribution_id": "E1", "web_acl_id": ""}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"distribution_id": "E1"}}"#),
    ],
};
