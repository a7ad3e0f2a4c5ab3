use crate::prelude::*;

/// Flags ECR repositories whose image tags can be overwritten.
pub(crate) struct RepositoryTagsMutable;

impl TypedRule for RepositoryTagsMutable {
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
        let m = need(&e.image_tag_mutability, "image_tag_mutability")?;
        Ok(Verdict::check(m.starts_with("IMMUTABLE"), || {
            Verdict::fail(
                format!(
                    "ECR repository `{}` lets pushes overwrite existing tags ({m})",
                    r.name
                ),
                "config.image_tag_mutability",
                json!(m),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ecr.repository_tags_mutable",
    title: "ECR repository image tags are mutable",
    severity: Severity::Low,
    severity_rationale: "Overwriting a tag needs push rights already; immutability protects deployments from \
        accidental or malicious substitution rather than closing an exposure.",
    service: "ecr",
    description: "Checks that tag immutability is on (`IMMUTABLE`, or `IMMUTABLE_WITH_EXCLUSION`), so a tag such as \
        `v1.4.2` always names the same image.",
    risk: "A push with stolen credentials (or a CI mistake) replaces the image behind a tag that production pulls.",
    remediation: Remediation {
        summary: "Make tags immutable and deploy by tag or digest.",
        cli: "aws ecr put-image-tag-mutability --region {region} --repository-name {config.repository_name} --image-tag-mutability IMMUTABLE",
        terraform: "resource \"aws_ecr_repository\" \"{name}\" {\n  name                 = \"{config.repository_name}\"\n  image_tag_mutability = \"IMMUTABLE\"\n}",
        console: "ECR console → Repositories → {config.repository_name} → Edit → Tag immutability → Immutable → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Pipelines that re-push moving tags such as `latest` start failing.",
    permissions: &["ecr:DescribeRepositories"],
    references: &[
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
    ],
    cases: &[
        Case::pass(
            "immutable",
            r#"{"config": {"repository_name": "r", "image_tag_mutability": "IMMUTABLE"}}"#,
        ),
        Case::pass(
            "near miss: immutable with exclusions",
            r#"{"config": {"repository_name": "r", "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION"}}"#,
        ),
        Case::fail(
            "mutable",
            r#"{"config": {"repository_name": "r", "image_tag_mutability": "MUTABLE"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"repository_name": "r"}}"#),
    ],
};
