use crate::prelude::*;

/// Flags ECR repositories that do not scan images on push.
pub(crate) struct RepositoryScanOnPushOff;

impl TypedRule for RepositoryScanOnPushOff {
    type Config = aws::EcrRepository;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        e: &aws::EcrRepository,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&e.scan_on_push, "scan_on_push")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!("ECR repository `{}` does not scan images on push", r.name),
                "config.scan_on_push",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ecr.repository_scan_on_push_off",
    title: "ECR repository does not scan images on push",
    severity: Severity::Medium,
    severity_rationale: "Images with known-vulnerable packages reach production unnoticed; an exploit still needs a \
        reachable, vulnerable service.",
    service: "ecr",
    description: "Checks the repository's scan-on-push setting. (An account-level enhanced-scanning configuration with \
        Amazon Inspector can also cover the repository; this check sees only the repository setting.)",
    risk: "Vulnerable base images and libraries are deployed without any report.",
    remediation: Remediation {
        summary: "Turn on scan on push (or enhanced scanning with Inspector for the registry).",
        cli: "aws ecr put-image-scanning-configuration --region {region} --repository-name {config.repository_name} --image-scanning-configuration scanOnPush=true",
        terraform: "resource \"aws_ecr_repository\" \"{name}\" {\n  name = \"{config.repository_name}\"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}",
        console: "ECR console → Repositories → {config.repository_name} → Edit → Scan on push → on → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Scanning is read-only and does not block pushes.",
    permissions: &["ecr:DescribeRepositories"],
    references: &["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"repository_name": "r", "scan_on_push": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"repository_name": "r", "scan_on_push": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"repository_name": "r"}}"#),
    ],
};
