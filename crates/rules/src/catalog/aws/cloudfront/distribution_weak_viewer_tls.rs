use crate::prelude::*;

/// Flags distributions with a custom certificate whose minimum viewer TLS version is below 1.2.
pub(crate) struct DistributionWeakViewerTls;

impl TypedRule for DistributionWeakViewerTls {
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
        if *need(&d.default_certificate, "default_certificate")? {
            return Ok(Verdict::NotApplicable(
                "uses the *.cloudfront.net certificate, whose TLS floor cannot be changed".into(),
            ));
        }
        let v = need(&d.minimum_protocol_version, "minimum_protocol_version")?;
        Ok(Verdict::check(
            v.starts_with("TLSv1.2") || v.starts_with("TLSv1.3"),
            || {
                Verdict::fail(
                    format!(
                        "CloudFront distribution `{}` accepts viewers on {v}",
                        r.name
                    ),
                    "config.minimum_protocol_version",
                    json!(v),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudfront.distribution_weak_viewer_tls",
    title: "CloudFront distribution accepts viewer TLS older than 1.2",
    severity: Severity::Low,
    severity_rationale: "Old TLS versions have known weaknesses, but exploiting them needs a network position and an \
        old client; modern browsers negotiate 1.2+ anyway.",
    service: "cloudfront",
    description: "For distributions with their own certificate, checks that the security policy's minimum protocol is \
        TLS 1.2 or later (`TLSv1.2_2021` or newer). Distributions on the default certificate are not applicable.",
    risk: "Clients can be downgraded to TLS 1.0/1.1, and PCI-style scans fail the endpoint.",
    remediation: Remediation {
        summary: "Choose the TLSv1.2_2021 (or newer) security policy.",
        cli: "aws cloudfront get-distribution-config --id {config.distribution_id} > dist.json\n\
              # set ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021\n\
              aws cloudfront update-distribution --id {config.distribution_id} --if-match <etag> --distribution-config file://dist-config.json",
        terraform: "resource \"aws_cloudfront_distribution\" \"{name}\" {\n  # …\n  viewer_certificate {\n    acm_certificate_arn      = aws_acm_certificate.site.arn\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}",
        console: "CloudFront console → Distributions → {config.distribution_id} → General → Edit → Security policy → TLSv1.2_2021.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Very old clients (legacy devices, old Java or Android) can no longer connect.",
    permissions: &["cloudfront:GetDistributionConfig"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
    ],
    cases: &[
        Case::pass(
            "TLS 1.2",
            r#"{"config": {"distribution_id": "E1", "default_certificate": false, "minimum_protocol_version": "TLSv1.2_2021"}}"#,
        ),
        Case::fail(
            "TLS 1.0",
            r#"{"config": {"distribution_id": "E1", "default_certificate": false, "minimum_protocol_version": "TLSv1"}}"#,
        ),
        Case::fail(
            "near miss: TLSv1.1_2016 is not 1.2",
            r#"{"config": {"distribution_id": "E1", "default_certificate": false, "minimum_protocol_version": "TLSv1.1_2016"}}"#,
        ),
        Case::not_applicable(
            "default certificate",
            r#"{"config": {"distribution_id": "E1", "default_certificate": true, "minimum_protocol_version": "TLSv1"}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"distribution_id": "E1", "default_certificate": false}}"#,
        ),
    ],
};
