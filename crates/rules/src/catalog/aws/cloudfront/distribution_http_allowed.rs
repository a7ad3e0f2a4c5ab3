use crate::prelude::*;

/// Flags distributions with a cache behavior that serves viewers over plain HTTP.
pub(crate) struct DistributionHttpAllowed;

impl TypedRule for DistributionHttpAllowed {
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
        let policies = need(&d.viewer_protocol_policies, "viewer_protocol_policies")?;
        let n = policies.iter().filter(|p| *p == "allow-all").count();
        Ok(Verdict::check(n == 0, || {
            Verdict::fail(
                format!(
                    "CloudFront distribution `{}` serves {n} cache behavior(s) over plain HTTP",
                    r.name
                ),
                "config.viewer_protocol_policies",
                json!(policies),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudfront.distribution_http_allowed",
    title: "CloudFront distribution serves viewers over plain HTTP",
    severity: Severity::Medium,
    severity_rationale: "Pages, cookies and tokens can be read or altered on the way to users on hostile networks; \
        redirecting to HTTPS costs nothing.",
    service: "cloudfront",
    description: "Checks the viewer protocol policy of the default and every other cache behavior: `allow-all` serves \
        HTTP; `redirect-to-https` and `https-only` do not.",
    risk: "Session cookies and content are exposed to interception and injection on public networks.",
    remediation: Remediation {
        summary: "Set every cache behavior's viewer protocol policy to redirect-to-https (or https-only).",
        cli: "aws cloudfront get-distribution-config --id {config.distribution_id} > dist.json\n\
              # set ViewerProtocolPolicy to redirect-to-https in DefaultCacheBehavior and CacheBehaviors, keep the ETag\n\
              aws cloudfront update-distribution --id {config.distribution_id} --if-match <etag> --distribution-config file://dist-config.json",
        terraform: "resource \"aws_cloudfront_distribution\" \"{name}\" {\n  # …\n  default_cache_behavior {\n    viewer_protocol_policy = \"redirect-to-https\"\n    # …\n  }\n}",
        console: "CloudFront console → Distributions → {config.distribution_id} → Behaviors → edit each behavior → Viewer \
            protocol policy → Redirect HTTP to HTTPS.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Browsers follow the redirect transparently; only HTTP-only clients (rare) notice.",
    permissions: &[
        "cloudfront:ListDistributions",
        "cloudfront:GetDistributionConfig",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
    ],
    cases: &[
        Case::pass(
            "redirect everywhere",
            r#"{"config": {"distribution_id": "E1", "viewer_protocol_policies": ["redirect-to-https", "https-only"]}}"#,
        ),
        Case::fail(
            "near miss: only one extra behavior allows HTTP",
            r#"{"config": {"distribution_id": "E1", "viewer_protocol_policies": ["redirect-to-https", "allow-all"]}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"distribution_id": "E1"}}"#),
    ],
};
