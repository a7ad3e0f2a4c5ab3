use crate::prelude::*;

/// Flags Lambda functions with a function URL that requires no authentication.
pub(crate) struct FunctionUrlAuthNone;

impl TypedRule for FunctionUrlAuthNone {
    type Config = aws::LambdaFunction;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        f: &aws::LambdaFunction,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let auth = need(&f.url_auth_type, "url_auth_type")?;
        if auth.trim().is_empty() {
            return Ok(Verdict::NotApplicable("function has no URL".into()));
        }
        Ok(Verdict::check(!auth.eq_ignore_ascii_case("NONE"), || {
            Verdict::fail(
                format!(
                    "Lambda function `{}` has a public function URL with auth type NONE",
                    r.name
                ),
                "config.url_auth_type",
                json!(auth),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.lambda.function_url_auth_none",
    title: "Lambda function URL requires no authentication",
    severity: Severity::High,
    severity_rationale: "Anyone on the internet can invoke the function, which runs with its execution role's \
        permissions; High because the function's own code may still check callers.",
    service: "lambda",
    description: "Checks the auth type of the function's URL. `NONE` lets anyone call it over HTTPS; `AWS_IAM` \
        requires signed requests. Functions without a URL are not applicable. AWS Config does not record function \
        URLs, so this needs `lambda:GetFunctionUrlConfig` data.",
    risk: "Unauthenticated callers trigger the function at will: data exposure through its responses, abuse of \
        its role, and a bill driven by someone else's traffic.",
    remediation: Remediation {
        summary: "Switch the URL to AWS_IAM auth (or put the function behind API Gateway with an authorizer), or \
            delete the URL.",
        cli: "aws lambda update-function-url-config --region {region} --function-name {config.function_name} --auth-type AWS_IAM\n\
              # or remove it:\n\
              aws lambda delete-function-url-config --region {region} --function-name {config.function_name}",
        terraform: "resource \"aws_lambda_function_url\" \"{name}\" {\n  function_name      = \"{config.function_name}\"\n  authorization_type = \"AWS_IAM\"\n}",
        console: "Lambda console → Functions → {config.function_name} → Configuration → Function URL → Edit: Auth type \
            AWS_IAM (or Delete).",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Callers that do not sign requests (webhooks, browsers) stop working.",
    permissions: &["lambda:GetFunctionUrlConfig"],
    references: &["https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"],
    cases: &[
        Case::pass(
            "IAM auth",
            r#"{"config": {"function_name": "f", "url_auth_type": "AWS_IAM"}}"#,
        ),
        Case::not_applicable(
            "no URL",
            r#"{"config": {"function_name": "f", "url_auth_type": ""}}"#,
        ),
        Case::fail(
            "open URL",
            r#"{"config": {"function_name": "f", "url_auth_type": "NONE"}}"#,
        ),
        Case::unknown(
            "URLs not collected",
            r#"{"config": {"function_name": "f"}, "gaps": [{"field": "url_auth_type", "reason": "not_in_source", "detail": "AWS Config does not record Lambda function URLs"}]}"#,
        ),
    ],
};
