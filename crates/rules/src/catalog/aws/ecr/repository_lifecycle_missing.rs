use crate::prelude::*;

/// Flags ECR repositories without a lifecycle policy.
pub(crate) struct RepositoryLifecycleMissing;

impl TypedRule for RepositoryLifecycleMissing {
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
        let present = *need(&e.lifecycle_policy_present, "lifecycle_policy_present")?;
        Ok(Verdict::check(present, || {
            Verdict::fail(
                format!("ECR repository `{}` has no lifecycle policy", r.name),
                "config.lifecycle_policy_present",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ecr.repository_lifecycle_missing",
    title: "ECR repository has no lifecycle policy",
    severity: Severity::Low,
    severity_rationale: "Old images pile up; the security cost is that outdated, vulnerable images stay pullable and \
        keep showing up in scans. Hygiene rather than exposure.",
    service: "ecr",
    description: "Checks that a lifecycle policy is set to expire untagged and old images.",
    risk: "Superseded images with known vulnerabilities remain available for deployment, and storage costs grow.",
    remediation: Remediation {
        summary: "Add a lifecycle policy that expires untagged images and keeps a bounded number of tagged ones.",
        cli: "aws ecr put-lifecycle-policy --region {region} --repository-name {config.repository_name} --lifecycle-policy-text file://lifecycle.json",
        terraform: "resource \"aws_ecr_lifecycle_policy\" \"{name}\" {\n  repository = \"{config.repository_name}\"\n  policy     = jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = \"untagged\", countType = \"sinceImagePushed\", countUnit = \"days\", countNumber = 14 }, action = { type = \"expire\" } }] })\n}",
        console: "ECR console → Repositories → {config.repository_name} → Lifecycle Policy → Create rule → expire untagged \
            images older than 14 days.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "A rule that is too broad deletes images still referenced by running workloads.",
    permissions: &["ecr:GetLifecyclePolicy"],
    references: &["https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html"],
    cases: &[
        Case::pass(
            "has one",
            r#"{"config": {"repository_name": "r", "lifecycle_policy_present": true}}"#,
        ),
        Case::fail(
            "none",
            r#"{"config": {"repository_name": "r", "lifecycle_policy_present": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"repository_name": "r"}}"#),
    ],
};
