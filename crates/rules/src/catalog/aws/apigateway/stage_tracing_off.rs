use crate::prelude::*;

/// Flags production REST API stages without X-Ray tracing.
pub(crate) struct StageTracingOff;

impl TypedRule for StageTracingOff {
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
        let env = r.tags.get("env").or_else(|| r.tags.get("environment"));
        let prod = env.is_some_and(|e| {
            e.eq_ignore_ascii_case("prod") || e.eq_ignore_ascii_case("production")
        }) || s.stage_name.eq_ignore_ascii_case("prod");
        if !prod {
            return Ok(Verdict::NotApplicable("not a production stage".into()));
        }
        let on = *need(&s.tracing_enabled, "tracing_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Production API Gateway stage `{}` of API {} is not traced",
                    s.stage_name, s.rest_api_id
                ),
                "config.tracing_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.apigateway.stage_tracing_off",
    title: "Production API Gateway stage has X-Ray tracing off",
    severity: Severity::Info,
    severity_rationale: "Tracing helps follow a suspicious request through the backend; it is an operational and \
        forensic aid, not a control.",
    service: "apigateway",
    description: "For production stages (tag `env`/`environment` = `prod`/`production`, or stage name `prod`), checks \
        that AWS X-Ray active tracing is enabled. Other stages are not applicable.",
    risk: "Requests cannot be followed end to end when investigating abuse or failures.",
    remediation: Remediation {
        summary: "Enable X-Ray tracing on the stage.",
        cli: "aws apigateway update-stage --region {region} --rest-api-id {config.rest_api_id} --stage-name {config.stage_name} \\\n  --patch-operations op=replace,path=/tracingEnabled,value=true",
        terraform: "resource \"aws_api_gateway_stage\" \"{name}\" {\n  # …\n  xray_tracing_enabled = true\n}",
        console: "API Gateway console → APIs → {config.rest_api_id} → Stages → {config.stage_name} → Logs and tracing → Edit → \
            X-Ray tracing on.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Sampling-based and transparent to callers (traces are billed).",
    permissions: &["apigateway:GET"],
    references: &["https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html"],
    cases: &[
        Case::pass(
            "traced",
            r#"{"tags": {"env": "prod"}, "config": {"rest_api_id": "a", "stage_name": "v1", "tracing_enabled": true}}"#,
        ),
        Case::fail(
            "prod stage untraced",
            r#"{"config": {"rest_api_id": "a", "stage_name": "prod", "tracing_enabled": false}}"#,
        ),
        Case::not_applicable(
            "near miss: dev stage",
            r#"{"tags": {"env": "dev"}, "config": {"rest_api_id": "a", "stage_name": "dev", "tracing_enabled": false}}"#,
        ),
        Case::unknown(
            "not observed",
            r#"{"tags": {"env": "production"}, "config": {"rest_api_id": "a", "stage_name": "v1"}}"#,
        ),
    ],
};
