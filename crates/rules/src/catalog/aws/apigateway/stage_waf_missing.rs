use crate::prelude::*;

/// Flags REST API stages without a WAF web ACL.
pub(crate) struct StageWafMissing;

impl TypedRule for StageWafMissing {
    type Config = aws::ApiGatewayStage;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        _r: &Resource,
        s: &aws::ApiGatewayStage,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let acl = need(&s.web_acl_arn, "web_acl_arn")?;
        Ok(Verdict::check(!acl.is_empty(), || {
            Verdict::fail(
                format!(
                    "API Gateway stage `{}` of API {} has no WAF web ACL",
                    s.stage_name, s.rest_api_id
                ),
                "config.web_acl_arn",
                json!(acl),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.apigateway.stage_waf_missing",
    title: "API Gateway stage has no WAF web ACL",
    severity: Severity::Low,
    severity_rationale: "A WAF is defence in depth (rate limits, injection and bot rules); the API's own authorization \
        still applies without it.",
    service: "apigateway",
    description: "Checks that an AWS WAF (regional) web ACL is associated with the REST API stage.",
    risk: "Floods, injection payloads and scrapers reach the backend unfiltered.",
    remediation: Remediation {
        summary: "Associate a regional web ACL with the stage.",
        cli: "aws wafv2 associate-web-acl --region {region} --web-acl-arn arn:aws:wafv2:{region}:{account}:regional/webacl/<name>/<id> \\\n  --resource-arn arn:aws:apigateway:{region}::/restapis/{config.rest_api_id}/stages/{config.stage_name}",
        terraform: "resource \"aws_wafv2_web_acl_association\" \"{name}\" {\n  resource_arn = \"arn:aws:apigateway:{region}::/restapis/{config.rest_api_id}/stages/{config.stage_name}\"\n  web_acl_arn  = aws_wafv2_web_acl.api.arn\n}",
        console: "WAF console → Web ACLs ({region}) → your ACL → Associated AWS resources → Add → API Gateway stage \
            {config.stage_name}.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Managed rules can block legitimate API calls; start in count mode.",
    permissions: &["apigateway:GET"],
    references: &[
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html",
    ],
    cases: &[
        Case::pass(
            "attached",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "web_acl_arn": "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/x/1"}}"#,
        ),
        Case::fail(
            "none",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "web_acl_arn": ""}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod"}}"#,
        ),
    ],
};
