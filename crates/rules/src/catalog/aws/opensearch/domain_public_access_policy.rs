use super::super::common::public_policy_verdict;
use crate::prelude::*;

/// Flags internet-facing OpenSearch domains whose access policy admits any principal.
pub(crate) struct DomainPublicAccessPolicy;

impl TypedRule for DomainPublicAccessPolicy {
    type Config = aws::OpenSearchDomain;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &aws::OpenSearchDomain,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let vpc = need(&d.vpc_id, "vpc_id")?;
        if !vpc.is_empty() {
            return Ok(Verdict::NotApplicable(
                "VPC domain: reachable only through its VPC and security groups".into(),
            ));
        }
        let policy = need(&d.access_policy, "access_policy")?;
        Ok(public_policy_verdict(
            policy,
            &format!(
                "Internet-facing OpenSearch domain `{}` access policy",
                r.name
            ),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.opensearch.domain_public_access_policy",
    title: "Internet-facing OpenSearch domain allows any principal",
    severity: Severity::Critical,
    severity_rationale: "A public endpoint with an open access policy lets anyone on the internet read, change and \
        delete every index: one of the most common causes of mass data leaks.",
    service: "opensearch",
    description: "For domains with a public endpoint (not in a VPC), checks the access policy for Allow statements \
        whose principal is `*` without a confining condition (source IP ranges, `aws:PrincipalOrgID`, …). VPC \
        domains are not applicable.",
    risk: "Anyone queries, dumps, modifies or ransoms the indexed data.",
    remediation: Remediation {
        summary: "Restrict the policy to specific IAM principals or source IP ranges, or move the domain into a VPC.",
        cli: "aws opensearch update-domain-config --region {region} --domain-name {config.domain_name} --access-policies file://domain-policy.json",
        terraform: "resource \"aws_opensearch_domain_policy\" \"{name}\" {\n  domain_name     = \"{config.domain_name}\"\n  access_policies = data.aws_iam_policy_document.{name}.json # specific roles or aws:SourceIp\n}",
        console: "OpenSearch console → Domains → {config.domain_name} → Security configuration → Edit → Access policy → \
            only specific principals or IP ranges.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients relying on anonymous access (dashboards, log shippers) stop working.",
    permissions: &["es:DescribeDomain", "es:DescribeDomainConfig"],
    references: &["https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html"],
    cases: &[
        Case::pass(
            "public endpoint, one role",
            r#"{"config": {"domain_name": "d", "vpc_id": "", "access_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::111122223333:role/app"]}, "actions": ["es:ESHttp*"], "resources": ["*"]}]}}}"#,
        ),
        Case::pass(
            "near miss: star limited by source IP",
            r#"{"config": {"domain_name": "d", "vpc_id": "", "access_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["es:*"], "resources": ["*"],
                "conditions": [{"operator": "IpAddress", "key": "aws:SourceIp", "values": ["203.0.113.0/24"]}]}]}}}"#,
        ),
        Case::fail(
            "public endpoint, anyone",
            r#"{"config": {"domain_name": "d", "vpc_id": "", "access_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["es:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::not_applicable(
            "VPC domain",
            r#"{"config": {"domain_name": "d", "vpc_id": "vpc-1", "access_policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["es:*"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown(
            "endpoint type not observed",
            r#"{"config": {"domain_name": "d"}}"#,
        ),
    ],
};
