use crate::prelude::*;

/// Flags distributions with S3 origins reached without origin access control or identity.
pub(crate) struct DistributionS3OriginWithoutAccessControl;

impl TypedRule for DistributionS3OriginWithoutAccessControl {
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
        let s3: Vec<&aws::CloudFrontOrigin> =
            origins.iter().filter(|o| o.origin_type == "s3").collect();
        if s3.is_empty() {
            return Ok(Verdict::NotApplicable("no S3 origin".into()));
        }
        let open: Vec<&str> = s3
            .iter()
            .filter(|o| {
                o.origin_access_control_id
                    .as_deref()
                    .unwrap_or("")
                    .is_empty()
                    && o.origin_access_identity.as_deref().unwrap_or("").is_empty()
            })
            .map(|o| o.domain_name.as_str())
            .collect();
        Ok(Verdict::check(open.is_empty(), || {
            Verdict::fail(
                format!(
                    "CloudFront distribution `{}` reads S3 origin(s) {} without origin access control",
                    r.name,
                    open.join(", ")
                ),
                "config.origins",
                json!(open),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudfront.distribution_s3_origin_without_access_control",
    title: "CloudFront S3 origin is read without origin access control",
    severity: Severity::Medium,
    severity_rationale: "Without OAC (or the legacy OAI) the bucket must be readable anonymously for CloudFront to \
        fetch it, so the bucket itself is public and bypasses the CDN's controls.",
    service: "cloudfront",
    description: "Checks that every S3 origin of the distribution uses an origin access control (or a legacy origin \
        access identity), so the bucket can stay private.",
    risk: "The bucket is directly readable, bypassing WAF, geo restrictions, signed URLs and CloudFront logging.",
    remediation: Remediation {
        summary: "Create an origin access control, attach it to the S3 origin, allow it in the bucket policy, and remove \
            public access from the bucket.",
        cli: "aws cloudfront create-origin-access-control --origin-access-control-config Name={name}-oac,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3\n\
              # set Origins[].OriginAccessControlId in the distribution config, then update-distribution",
        terraform: "resource \"aws_cloudfront_origin_access_control\" \"{name}\" {\n  name                              = \"{name}-oac\"\n  origin_access_control_origin_type = \"s3\"\n  signing_behavior                  = \"always\"\n  signing_protocol                  = \"sigv4\"\n}\n# origin { origin_access_control_id = aws_cloudfront_origin_access_control.{name}.id }",
        console: "CloudFront console → Distributions → {config.distribution_id} → Origins → edit the S3 origin → Origin access \
            → Origin access control settings → create control → copy the bucket policy it proposes.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Until the bucket policy allows the OAC, CloudFront gets 403 from S3.",
    permissions: &["cloudfront:GetDistributionConfig"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
    ],
    cases: &[
        Case::pass(
            "OAC",
            r#"{"config": {"distribution_id": "E1", "origins": [{"id": "s3", "domain_name": "b.s3.amazonaws.com", "origin_type": "s3", "origin_access_control_id": "E2OAC", "origin_access_identity": ""}]}}"#,
        ),
        Case::pass(
            "near miss: legacy OAI",
            r#"{"config": {"distribution_id": "E1", "origins": [{"id": "s3", "domain_name": "b.s3.amazonaws.com", "origin_type": "s3", "origin_access_control_id": "", "origin_access_identity": "origin-access-identity/cloudfront/E3"}]}}"#,
        ),
        Case::fail(
            "neither",
            r#"{"config": {"distribution_id": "E1", "origins": [{"id": "s3", "domain_name": "b.s3.amazonaws.com", "origin_type": "s3", "origin_access_control_id": "", "origin_access_identity": ""}]}}"#,
        ),
        Case::not_applicable(
            "custom origin only",
            r#"{"config": {"distribution_id": "E1", "origins": [{"id": "o", "domain_name": "api.example.com", "origin_type": "custom", "protocol_policy": "https-only"}]}}"#,
        ),
        Case::unknown(
            "origins not observed",
            r#"{"config": {"distribution_id": "E1"}}"#,
        ),
    ],
};
