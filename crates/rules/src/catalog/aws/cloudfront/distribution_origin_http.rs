use crate::prelude::*;

/// Flags distributions that fetch from custom origins over plain HTTP.
pub(crate) struct DistributionOriginHttp;

impl TypedRule for DistributionOriginHttp {
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
        let origins = need(&d.origins, "origins")?;
        let custom: Vec<&aws::CloudFrontOrigin> = origins
            .iter()
            .filter(|o| o.origin_type == "custom")
            .collect();
        if custom.is_empty() {
            return Ok(Verdict::NotApplicable("no custom origin".into()));
        }
        let mut http = Vec::new();
        for o in custom {
            match o.protocol_policy.as_deref() {
                Some("http-only") => http.push(o.domain_name.clone()),
                Some("match-viewer") => {
                    let viewers = need(&d.viewer_protocol_policies, "viewer_protocol_policies")?;
                    if viewers.iter().any(|p| p == "allow-all") {
                        http.push(o.domain_name.clone());
                    }
                }
                Some(_) => {}
                None => {
                    return Ok(Verdict::Unknown(
                        format!("protocol policy of origin `{}` not observed", o.id).into(),
                    ));
                }
            }
        }
        Ok(Verdict::check(http.is_empty(), || {
            Verdict::fail(
                format!(
                    "CloudFront distribution `{}` fetches over plain HTTP from {}",
                    r.name,
                    http.join(", ")
                ),
                "config.origins",
                json!(http),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudfront.distribution_origin_http",
    title: "CloudFront distribution fetches from its origin over plain HTTP",
    severity: Severity::Medium,
    severity_rationale: "The leg between CloudFront and the origin crosses the internet; HTTPS to viewers gives a false \
        sense of protection while content and forwarded headers travel in clear text behind it.",
    service: "cloudfront",
    description: "Checks the custom origins' protocol policy: `http-only` fails, and `match-viewer` fails when some \
        cache behavior lets viewers use HTTP. S3 origins (REST endpoint) are not concerned.",
    risk: "Responses and forwarded cookies or authorization headers can be read or modified between the edge and the \
        origin.",
    remediation: Remediation {
        summary: "Set the origin protocol policy to https-only with TLS 1.2 (the origin needs a valid certificate).",
        cli: "aws cloudfront get-distribution-config --id {config.distribution_id} > dist.json\n\
              # set CustomOriginConfig.OriginProtocolPolicy=https-only and OriginSslProtocols=[TLSv1.2]\n\
              aws cloudfront update-distribution --id {config.distribution_id} --if-match <etag> --distribution-config file://dist-config.json",
        terraform: "resource \"aws_cloudfront_distribution\" \"{name}\" {\n  origin {\n    # …\n    custom_origin_config {\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n      http_port              = 80\n      https_port             = 443\n    }\n  }\n}",
        console: "CloudFront console → Distributions → {config.distribution_id} → Origins → edit the origin → Protocol → \
            HTTPS only, minimum TLSv1.2.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "If the origin has no valid certificate for its host name, CloudFront returns 502 errors.",
    permissions: &["cloudfront:GetDistributionConfig"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html",
    ],
    cases: &[
        Case::pass(
            "https-only",
            r#"{"config": {"distribution_id": "E1", "viewer_protocol_policies": ["allow-all"], "origins": [{"id": "o", "domain_name": "api.example.com", "origin_type": "custom", "protocol_policy": "https-only"}]}}"#,
        ),
        Case::fail(
            "http-only",
            r#"{"config": {"distribution_id": "E1", "viewer_protocol_policies": ["redirect-to-https"], "origins": [{"id": "o", "domain_name": "api.example.com", "origin_type": "custom", "protocol_policy": "http-only"}]}}"#,
        ),
        Case::pass(
            "near miss: match-viewer with HTTPS-only viewers",
            r#"{"config": {"distribution_id": "E1", "viewer_protocol_policies": ["https-only"], "origins": [{"id": "o", "domain_name": "api.example.com", "origin_type": "custom", "protocol_policy": "match-viewer"}]}}"#,
        ),
        Case::fail(
            "match-viewer with HTTP viewers",
            r#"{"config": {"distribution_id": "E1", "viewer_protocol_policies": ["allow-all"], "origins": [{"id": "o", "domain_name": "api.example.com", "origin_type": "custom", "protocol_policy": "match-viewer"}]}}"#,
        ),
        Case::not_applicable(
            "S3 origin only",
            r#"{"config": {"distribution_id": "E1", "origins": [{"id": "s3", "domain_name": "b.s3.amazonaws.com", "origin_type": "s3"}]}}"#,
        ),
        Case::unknown(
            "origins not observed",
            r#"{"config": {"distribution_id": "E1"}}"#,
        ),
    ],
};
