use crate::prelude::*;

/// Flags REST API stages with neither execution logging nor access logging.
pub(crate) struct StageLoggingOff;

impl TypedRule for StageLoggingOff {
    type Config = aws::ApiGatewayStage;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &aws::ApiGatewayStage,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let access = need(&s.access_log_destination, "access_log_destination")?;
        if !access.is_empty() {
            return Ok(Verdict::Pass);
        }
        let level = need(&s.logging_level, "logging_level")?;
        Ok(Verdict::check(!level.eq_ignore_ascii_case("OFF"), || {
            Verdict::fail(
                format!(
                    "API Gateway stage `{}` of API {} has no access logs and execution logging OFF",
                    s.stage_name, s.rest_api_id
                ),
                "config.logging_level",
                json!({"logging_level": level, "access_log_destination": access, "resource": r.name}),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.apigateway.stage_logging_off",
    title: "API Gateway stage writes no access or execution logs",
    severity: Severity::Medium,
    severity_rationale: "An API is a front door; without logs nobody can tell who called it, with which credentials, \
        or what it returned during an incident.",
    service: "apigateway",
    description: "Checks that the REST API stage has access logging to a destination, or at least execution logging \
        (`ERROR` or `INFO`) for all methods.",
    risk: "Abuse of the API (credential stuffing, enumeration, data scraping) leaves no trace.",
    remediation: Remediation {
        summary: "Enable access logging to CloudWatch Logs (and execution logging at ERROR).",
        cli: "aws apigateway update-stage --region {region} --rest-api-id {config.rest_api_id} --stage-name {config.stage_name} --patch-operations \\\n  op=replace,path=/accessLogSettings/destinationArn,value=arn:aws:logs:{region}:{account}:log-group:/aws/apigateway/{config.rest_api_id} \\\n  op=replace,path=/*/*/logging/loglevel,value=ERROR",
        terraform: "resource \"aws_api_gateway_stage\" \"{name}\" {\n  # …\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api.arn\n    format          = jsonencode({ requestId = \"$context.requestId\", ip = \"$context.identity.sourceIp\", status = \"$context.status\" })\n  }\n}",
        console: "API Gateway console → APIs → {config.rest_api_id} → Stages → {config.stage_name} → Logs and tracing → Edit → \
            CloudWatch logs: Errors only; Custom access logging on.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Logging does not change API behaviour (needs the account's CloudWatch role setting; ingestion is billed).",
    permissions: &["apigateway:GET"],
    references: &[
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
    ],
    cases: &[
        Case::pass(
            "access logs",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "access_log_destination": "arn:aws:logs:us-east-1:111122223333:log-group:api", "logging_level": "OFF"}}"#,
        ),
        Case::pass(
            "near miss: execution logging only",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "access_log_destination": "", "logging_level": "ERROR"}}"#,
        ),
        Case::fail(
            "neither",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "access_log_destination": "", "logging_level": "OFF"}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod"}}"#,
        ),
    ],
};
