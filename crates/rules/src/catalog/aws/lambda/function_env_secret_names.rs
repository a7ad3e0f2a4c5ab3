use crate::prelude::*;

/// Name fragments that suggest a secret (checked on the upper-cased name).
const SECRET_MARKERS: &[&str] = &[
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "PRIVATE_KEY",
    "API_KEY",
    "APIKEY",
    "TOKEN",
    "CREDENTIAL",
];
/// Names that reference a secret rather than hold one.
const REFERENCE_SUFFIXES: &[&str] = &[
    "_ARN",
    "_NAME",
    "_ID",
    "_PATH",
    "_PARAM",
    "_PARAMETER",
    "_SSM",
    "_URL",
    "_FILE",
];

fn looks_secret(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    if n == "AWS_SECRET_ACCESS_KEY" || n == "AWS_SESSION_TOKEN" {
        return true;
    }
    SECRET_MARKERS.iter().any(|m| n.contains(m))
        && !REFERENCE_SUFFIXES.iter().any(|s| n.ends_with(s))
}

/// Flags Lambda functions whose environment variable names suggest secrets stored in plain configuration.
pub(crate) struct FunctionEnvSecretNames;

impl TypedRule for FunctionEnvSecretNames {
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
        let names = need(&f.environment_variable_names, "environment_variable_names")?;
        let hits: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| looks_secret(n))
            .collect();
        Ok(Verdict::check(hits.is_empty(), || {
            Verdict::fail(
                format!(
                    "Lambda function `{}` has environment variables that look like secrets: {}",
                    r.name,
                    hits.join(", ")
                ),
                "config.environment_variable_names",
                json!(hits),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.lambda.function_env_secret_names",
    title: "Lambda environment variables appear to hold secrets",
    severity: Severity::Medium,
    severity_rationale: "Environment variables are readable by anyone with `lambda:GetFunctionConfiguration` and \
        end up in deployment templates and state files; the judgement is by name only, so Medium.",
    service: "lambda",
    description: "Looks at environment variable names only (Posture never keeps their values) and flags names \
        containing SECRET, PASSWORD, PRIVATE_KEY, API_KEY, TOKEN or CREDENTIAL, and `AWS_SECRET_ACCESS_KEY`. \
        Names that point to a secret instead of holding it (ending in _ARN, _NAME, _ID, _PATH, _PARAM, _URL, \
        _FILE, …) are not flagged.",
    risk: "Secrets in plain configuration leak through read-only console access, CI logs, CloudFormation \
        templates and Terraform state, and are hard to rotate.",
    remediation: Remediation {
        summary: "Move the values to Secrets Manager or SSM Parameter Store and pass only their names or ARNs; \
            fetch them at runtime (the Parameters and Secrets Lambda extension caches them).",
        cli: "aws secretsmanager create-secret --region {region} --name {config.function_name}/<VAR> --secret-string '<value>'\n\
              aws lambda update-function-configuration --region {region} --function-name {config.function_name} \
              --environment 'Variables={<VAR>_SECRET_ARN=arn:aws:secretsmanager:{region}:{account}:secret:{config.function_name}/<VAR>}'",
        terraform: "resource \"aws_lambda_function\" \"{name}\" {\n  # …\n  environment {\n    variables = {\n      DB_PASSWORD_SECRET_ARN = aws_secretsmanager_secret.db.arn\n    }\n  }\n}",
        console: "Lambda console → Functions → {config.function_name} → Configuration → Environment variables: replace \
            secret values with references to Secrets Manager; grant the role secretsmanager:GetSecretValue.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The function's code must change to read the secret at runtime.",
    permissions: &["lambda:GetFunctionConfiguration"],
    references: &[
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
    ],
    cases: &[
        Case::pass(
            "ordinary settings",
            r#"{"config": {"function_name": "f", "environment_variable_names": ["LOG_LEVEL", "TABLE_NAME", "REGION"]}}"#,
        ),
        Case::pass(
            "references to secrets",
            r#"{"config": {"function_name": "f", "environment_variable_names": ["DB_PASSWORD_SECRET_ARN", "API_TOKEN_PARAM", "SIGNING_KEY_ID"]}}"#,
        ),
        Case::pass(
            "no variables",
            r#"{"config": {"function_name": "f", "environment_variable_names": []}}"#,
        ),
        Case::fail(
            "a password",
            r#"{"config": {"function_name": "f", "environment_variable_names": ["DB_PASSWORD", "LOG_LEVEL"]}}"#,
        ),
        Case::fail(
            "static AWS keys",
            r#"{"config": {"function_name": "f", "environment_variable_names": ["AWS_SECRET_ACCESS_KEY"]}}"#,
        ),
        Case::fail(
            "a token, lower case",
            r#"{"config": {"function_name": "f", "environment_variable_names": ["slack_token"]}}"#,
        ),
        Case::unknown(
            "variables not recorded",
            r#"{"config": {"function_name": "f"}}"#,
        ),
    ],
};
