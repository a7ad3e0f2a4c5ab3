use super::super::common::public_policy_verdict;
use crate::prelude::*;

/// Flags Lambda functions whose resource policy lets any principal invoke or manage them.
pub(crate) struct FunctionPolicyPublic;

impl TypedRule for FunctionPolicyPublic {
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
        let policy = need(&f.policy, "policy")?;
        Ok(public_policy_verdict(
            policy,
            &format!("Lambda function `{}` resource policy", r.name),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.lambda.function_policy_public",
    title: "Lambda function policy allows any principal",
    severity: Severity::High,
    severity_rationale: "Any AWS account can invoke the function (running code with its execution role's permissions) \
        or, with management actions, change it.",
    service: "lambda",
    description: "Checks the function's resource-based policy for Allow statements whose principal is `*` without a \
        confining condition. Service permissions scoped with `aws:SourceArn` or `aws:SourceAccount` (an S3 bucket or \
        an API Gateway API invoking the function) are not public. A function URL with auth type NONE is covered by \
        `aws.lambda.function_url_auth_none`.",
    risk: "Outsiders run the function at will: data access through its role, cost, and denial of service.",
    remediation: Remediation {
        summary: "Remove the public statement; grant invoke to the specific service with a source ARN/account condition.",
        cli: "aws lambda get-policy --region {region} --function-name {config.function_name}\n\
              aws lambda remove-permission --region {region} --function-name {config.function_name} --statement-id <sid-of-public-statement>\n\
              aws lambda add-permission --region {region} --function-name {config.function_name} --statement-id s3-invoke --action lambda:InvokeFunction \\\n  --principal s3.amazonaws.com --source-arn arn:aws:s3:::<bucket> --source-account {account}",
        terraform: "resource \"aws_lambda_permission\" \"{name}\" {\n  function_name  = \"{config.function_name}\"\n  action         = \"lambda:InvokeFunction\"\n  principal      = \"s3.amazonaws.com\"\n  source_arn     = aws_s3_bucket.source.arn\n  source_account = \"{account}\"\n}",
        console: "Lambda console → Functions → {config.function_name} → Configuration → Permissions → Resource-based policy \
            statements → delete the public statement and add a scoped one.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Callers relying on the open statement (other accounts, unscoped triggers) stop invoking the function.",
    permissions: &["lambda:ListFunctions", "lambda:GetPolicy"],
    references: &[
        "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
    ],
    cases: &[
        Case::pass(
            "S3 trigger scoped to a bucket",
            r#"{"config": {"function_name": "f", "policy": {"statements": [{"effect": "Allow", "principal": {"service": ["s3.amazonaws.com"]}, "actions": ["lambda:InvokeFunction"], "resources": ["*"],
                "conditions": [{"operator": "ArnLike", "key": "AWS:SourceArn", "values": ["arn:aws:s3:::b"]}]}]}}}"#,
        ),
        Case::pass(
            "near miss: star with a source-account condition",
            r#"{"config": {"function_name": "f", "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["lambda:InvokeFunction"], "resources": ["*"],
                "conditions": [{"operator": "StringEquals", "key": "AWS:SourceAccount", "values": ["111122223333"]}]}]}}}"#,
        ),
        Case::fail(
            "anyone may invoke",
            r#"{"config": {"function_name": "f", "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["lambda:InvokeFunction"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown(
            "policy not observed",
            r#"{"config": {"function_name": "f"}}"#,
        ),
    ],
};
