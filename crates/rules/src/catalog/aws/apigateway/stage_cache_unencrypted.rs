use crate::prelude::*;

/// Flags REST API stages that cache responses without encrypting the cache.
pub(crate) struct StageCacheUnencrypted;

impl TypedRule for StageCacheUnencrypted {
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
        if !*need(&s.cache_enabled, "cache_enabled")? {
            return Ok(Verdict::NotApplicable("the stage has no cache".into()));
        }
        let enc = *need(&s.cache_data_encrypted, "cache_data_encrypted")?;
        Ok(Verdict::check(enc, || {
            Verdict::fail(
                format!(
                    "API Gateway stage `{}` of API {} caches responses unencrypted",
                    s.stage_name, s.rest_api_id
                ),
                "config.cache_data_encrypted",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.apigateway.stage_cache_unencrypted",
    title: "API Gateway stage cache is not encrypted",
    severity: Severity::Low,
    severity_rationale: "Cached responses are only reachable through the API itself; encryption at rest of the cache \
        matters for compliance when responses carry personal data.",
    service: "apigateway",
    description: "For stages with a cache cluster, checks that cached data is encrypted for all methods.",
    risk: "API responses (possibly personal data) are stored unencrypted in the stage cache.",
    remediation: Remediation {
        summary: "Turn on cache encryption for all methods.",
        cli: "aws apigateway update-stage --region {region} --rest-api-id {config.rest_api_id} --stage-name {config.stage_name} \\\n  --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true",
        terraform: "resource \"aws_api_gateway_method_settings\" \"{name}\" {\n  rest_api_id = \"{config.rest_api_id}\"\n  stage_name  = \"{config.stage_name}\"\n  method_path = \"*/*\"\n  settings {\n    caching_enabled      = true\n    cache_data_encrypted = true\n  }\n}",
        console: "API Gateway console → APIs → {config.rest_api_id} → Stages → {config.stage_name} → Stage details → Edit → \
            Encrypt cache data.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Transparent to callers.",
    permissions: &["apigateway:GET"],
    references: &[
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html",
    ],
    cases: &[
        Case::pass(
            "encrypted cache",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "cache_enabled": true, "cache_data_encrypted": true}}"#,
        ),
        Case::fail(
            "unencrypted cache",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "cache_enabled": true, "cache_data_encrypted": false}}"#,
        ),
        Case::not_applicable(
            "near miss: no cache",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "cache_enabled": false, "cache_data_encrypted": false}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod"}}"#,
        ),
    ],
};
