use crate::prelude::*;

/// Flags secrets without automatic rotation.
pub(crate) struct SecretRotationOff;

impl TypedRule for SecretRotationOff {
    type Config = aws::Secret;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        s: &aws::Secret,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&s.rotation_enabled, "rotation_enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("Secret `{}` has no automatic rotation", r.name),
                "config.rotation_enabled",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.secretsmanager.secret_rotation_off",
    title: "Secrets Manager secret has automatic rotation off",
    severity: Severity::Medium,
    severity_rationale: "A secret that never changes stays valid for as long as any copy of it (logs, laptops, old \
        containers) exists; rotation bounds that window.",
    service: "secretsmanager",
    description: "Checks that automatic rotation (a rotation Lambda function or managed rotation) is configured for \
        the secret.",
    risk: "A leaked database password or API key keeps working indefinitely.",
    remediation: Remediation {
        summary: "Configure automatic rotation with a rotation function (or managed rotation for RDS, Redshift, DocumentDB).",
        cli: "aws secretsmanager rotate-secret --region {region} --secret-id {uid} \\\n  --rotation-lambda-arn arn:aws:lambda:{region}:{account}:function:<rotation-function> --rotation-rules AutomaticallyAfterDays=30",
        terraform: "resource \"aws_secretsmanager_secret_rotation\" \"{name}\" {\n  secret_id           = \"{uid}\"\n  rotation_lambda_arn = aws_lambda_function.rotation.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}",
        console: "Secrets Manager console → Secrets → {config.name} → Rotation → Edit rotation → Automatic rotation on → \
            schedule and function → Save.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Applications must read the secret at use time (not cache it forever) and the rotation function \
        must update the backing credential; enabling it blindly can lock clients out.",
    permissions: &[
        "secretsmanager:ListSecrets",
        "secretsmanager:DescribeSecret",
    ],
    references: &[
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
    ],
    cases: &[
        Case::pass(
            "rotation on",
            r#"{"config": {"name": "s", "rotation_enabled": true}}"#,
        ),
        Case::fail(
            "rotation off",
            r#"{"config": {"name": "s", "rotation_enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"name": "s"}}"#),
    ],
};
