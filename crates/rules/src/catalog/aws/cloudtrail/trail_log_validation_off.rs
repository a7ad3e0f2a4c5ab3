use crate::prelude::*;

/// Flags trails without log file integrity validation.
pub(crate) struct TrailLogValidationOff;

impl TypedRule for TrailLogValidationOff {
    type Config = aws::CloudTrailTrail;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        t: &aws::CloudTrailTrail,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&t.log_file_validation, "log_file_validation")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("Trail `{}` has log file validation off", r.name),
                "config.log_file_validation",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.trail_log_validation_off",
    title: "CloudTrail log file validation is off",
    severity: Severity::Medium,
    severity_rationale: "Does not enable an attack, but an intruder who reaches the log bucket can edit or \
        delete evidence undetectably.",
    service: "cloudtrail",
    description: "Checks that the trail writes signed digest files, which let you prove later that delivered \
        log files were not modified or removed.",
    risk: "Tampered audit logs cannot be detected, which weakens incident response and the evidential value of \
        the trail.",
    remediation: Remediation {
        summary: "Enable log file validation on the trail.",
        cli: "aws cloudtrail update-trail --region {region} --name {config.trail_name} --enable-log-file-validation",
        terraform: "resource \"aws_cloudtrail\" \"{name}\" {\n  # …\n  enable_log_file_validation = true\n}",
        console: "CloudTrail console → Trails → {config.trail_name} → General details → Edit → Additional settings → \
            Log file validation: Enabled → Save changes.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds hourly digest files next to the logs; nothing that reads the logs changes.",
    permissions: &["cloudtrail:DescribeTrails"],
    references: &[
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
    ],
    cases: &[
        Case::pass(
            "validation on",
            r#"{"config": {"trail_name": "main", "log_file_validation": true}}"#,
        ),
        Case::fail(
            "validation off",
            r#"{"config": {"trail_name": "main", "log_file_validation": false}}"#,
        ),
        Case::unknown(
            "trail details missing",
            r#"{"config": {"trail_name": "main"}}"#,
        ),
    ],
};
