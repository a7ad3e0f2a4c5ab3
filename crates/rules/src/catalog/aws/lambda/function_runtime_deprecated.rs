use crate::prelude::*;
use posture_model::time::days_from_civil;

/// Lambda runtime deprecation dates, as (runtime, year, month, day).
///
/// Source: "Lambda runtimes" in the AWS Lambda Developer Guide (deprecated and scheduled
/// deprecation tables), checked 2026-01. After the date AWS no longer patches the runtime.
const DEPRECATED: &[(&str, i64, i64, i64)] = &[
    ("python2.7", 2021, 7, 15),
    ("python3.6", 2022, 7, 18),
    ("python3.7", 2023, 12, 4),
    ("python3.8", 2024, 10, 14),
    ("python3.9", 2025, 12, 15),
    ("python3.10", 2026, 6, 30),
    ("python3.11", 2026, 6, 30),
    ("nodejs10.x", 2021, 7, 30),
    ("nodejs12.x", 2023, 3, 31),
    ("nodejs14.x", 2023, 12, 4),
    ("nodejs16.x", 2024, 6, 12),
    ("nodejs18.x", 2025, 9, 1),
    ("nodejs20.x", 2026, 4, 30),
    ("java8", 2024, 1, 8),
    ("go1.x", 2024, 1, 8),
    ("provided", 2024, 1, 8),
    ("ruby2.5", 2021, 7, 30),
    ("ruby2.7", 2023, 12, 7),
    ("ruby3.2", 2026, 3, 31),
    ("dotnetcore2.1", 2022, 1, 5),
    ("dotnetcore3.1", 2023, 4, 3),
    ("dotnet5.0", 2022, 5, 10),
    ("dotnet6", 2024, 12, 20),
    ("dotnet7", 2024, 5, 14),
];

/// Flags Lambda functions on a runtime past its deprecation date.
pub(crate) struct FunctionRuntimeDeprecated;

impl TypedRule for FunctionRuntimeDeprecated {
    type Config = aws::LambdaFunction;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        f: &aws::LambdaFunction,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let runtime = need(&f.runtime, "runtime")?;
        if runtime.trim().is_empty() {
            return Ok(Verdict::NotApplicable(
                "container image function: no managed runtime".into(),
            ));
        }
        let Some((_, y, m, d)) = DEPRECATED
            .iter()
            .find(|e| e.0.eq_ignore_ascii_case(runtime.trim()))
        else {
            return Ok(Verdict::Pass);
        };
        let date = days_from_civil(*y, *m, *d) * 86_400;
        Ok(Verdict::check(cx.as_of < date, || {
            Verdict::fail(
                format!(
                    "Lambda function `{}` runs {runtime}, deprecated since {y}-{m:02}-{d:02}",
                    r.name
                ),
                "config.runtime",
                json!(runtime),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.lambda.function_runtime_deprecated",
    title: "Lambda function uses a deprecated runtime",
    severity: Severity::Medium,
    severity_rationale: "A deprecated runtime gets no more security patches and soon can no longer be updated; \
        exploitation still needs a path into the function, so Medium.",
    service: "lambda",
    description: "Compares the function's runtime identifier with a dated table of Lambda runtime deprecations \
        (kept in the rule's source) at the scan's reference time. Runtimes not in the table (current ones, \
        custom `provided.al2`/`provided.al2023`) pass; container-image functions have no managed runtime and are \
        not applicable.",
    risk: "Language and OS vulnerabilities stay unpatched, and after the block dates AWS refuses to create or \
        update functions on the runtime, turning a hotfix into an emergency migration.",
    remediation: Remediation {
        summary: "Upgrade the function to a supported runtime of the same language and redeploy after testing.",
        cli: "aws lambda update-function-configuration --region {region} --function-name {config.function_name} --runtime python3.13",
        terraform: "resource \"aws_lambda_function\" \"{name}\" {\n  # …\n  runtime = \"python3.13\" # or nodejs22.x, java21, …\n}",
        console: "Lambda console → Functions → {config.function_name} → Code → Runtime settings → Edit: choose a \
            supported runtime.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Code and dependencies may need changes for the new language version.",
    permissions: &["lambda:ListFunctions", "lambda:GetFunctionConfiguration"],
    references: &["https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"],
    cases: &[
        Case::pass(
            "current runtime",
            r#"{"config": {"function_name": "f", "runtime": "python3.13"}}"#,
        ),
        Case::pass(
            "deprecation scheduled but not reached",
            r#"{"config": {"function_name": "f", "runtime": "nodejs20.x"}}"#,
        ),
        Case::pass(
            "custom runtime on AL2023",
            r#"{"config": {"function_name": "f", "runtime": "provided.al2023"}}"#,
        ),
        Case::fail(
            "python 3.9 since December 2025",
            r#"{"config": {"function_name": "f", "runtime": "python3.9"}}"#,
        ),
        Case::fail(
            "go1.x",
            r#"{"config": {"function_name": "f", "runtime": "go1.x"}}"#,
        ),
        Case::not_applicable(
            "container image",
            r#"{"config": {"function_name": "f", "runtime": ""}}"#,
        ),
        Case::unknown(
            "runtime not recorded",
            r#"{"config": {"function_name": "f"}}"#,
        ),
    ],
};
