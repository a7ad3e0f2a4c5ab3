use super::super::common::public_policy_verdict;
use crate::prelude::*;

/// Flags ECR repositories whose policy lets any principal pull or push.
pub(crate) struct RepositoryPolicyPublic;

impl TypedRule for RepositoryPolicyPublic {
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
        let policy = need(&e.policy, "policy")?;
        Ok(public_policy_verdict(
            policy,
            &format!("ECR repository `{}` policy", r.name),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ecr.repository_policy_public",
    title: "ECR repository policy allows any principal",
    severity: Severity::High,
    severity_rationale: "Any AWS account can pull the images (code, embedded configuration, sometimes secrets) or, \
        with push actions, replace them.",
    service: "ecr",
    description: "Checks the repository policy for Allow statements whose principal is `*` without a confining \
        condition (`aws:PrincipalOrgID`, `aws:SourceAccount`, …). A repository without a policy passes.",
    risk: "Proprietary code and any credentials baked into images leak; with push rights, a supply-chain attack \
        replaces images that production runs.",
    remediation: Remediation {
        summary: "Scope the principals to your accounts or organization (public images belong in ECR Public).",
        cli: "aws ecr set-repository-policy --region {region} --repository-name {config.repository_name} --policy-text file://repo-policy.json\n\
              # or remove it: aws ecr delete-repository-policy --region {region} --repository-name {config.repository_name}",
        terraform: "resource \"aws_ecr_repository_policy\" \"{name}\" {\n  repository = \"{config.repository_name}\"\n  policy     = data.aws_iam_policy_document.{name}.json # aws:PrincipalOrgID condition\n}",
        console: "ECR console → Repositories → {config.repository_name} → Permissions → Edit policy JSON → scope the principal.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Consumers in other accounts that pulled through the open statement lose access.",
    permissions: &["ecr:GetRepositoryPolicy"],
    references: &[
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
    ],
    cases: &[
        Case::pass(
            "no policy",
            r#"{"config": {"repository_name": "r", "policy": {"statements": []}}}"#,
        ),
        Case::pass(
            "near miss: star confined to the organization",
            r#"{"config": {"repository_name": "r", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["ecr:BatchGetImage"], "resources": ["*"],
                "conditions": [{"operator": "StringEquals", "key": "aws:PrincipalOrgID", "values": ["o-abc"]}]}]}}}"#,
        ),
        Case::fail(
            "anyone may pull",
            r#"{"config": {"repository_name": "r", "policy": {"statements": [{"effect": "Allow", "principal": {"any": true}, "actions": ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], "resources": []}]}}}"#,
        ),
        Case::unknown(
            "policy not observed",
            r#"{"config": {"repository_name": "r"}}"#,
        ),
    ],
};
