use crate::prelude::*;

/// Flags instances whose metadata service still accepts IMDSv1 (token-less) requests.
pub(crate) struct InstanceImdsv2NotRequired;

impl TypedRule for InstanceImdsv2NotRequired {
    type Config = aws::Ec2Instance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        i: &aws::Ec2Instance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if i.state
            .as_deref()
            .is_some_and(|s| matches!(s, "terminated" | "shutting-down"))
        {
            return Ok(Verdict::NotApplicable(
                "instance is terminated or terminating".into(),
            ));
        }
        let endpoint = need(&i.metadata_http_endpoint, "metadata_http_endpoint")?;
        if endpoint.eq_ignore_ascii_case("disabled") {
            return Ok(Verdict::Pass);
        }
        let tokens = need(&i.metadata_http_tokens, "metadata_http_tokens")?;
        Ok(Verdict::check(
            tokens.eq_ignore_ascii_case("required"),
            || {
                Verdict::fail(
                    format!(
                        "Instance `{}` ({}) accepts IMDSv1 requests (HttpTokens = {tokens})",
                        r.name, i.instance_id
                    ),
                    "config.metadata_http_tokens",
                    json!(tokens),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.instance_imdsv2_not_required",
    title: "EC2 instance metadata service allows IMDSv1",
    severity: Severity::Medium,
    severity_rationale: "Exploitation needs an SSRF or proxy flaw in software on the instance, but the prize is \
        the instance role's credentials, which is how several large breaches unfolded.",
    service: "ec2",
    description: "Checks that the instance metadata service requires session tokens (IMDSv2, `HttpTokens = \
        required`) or is disabled. Terminated instances are not applicable; stopped instances are still \
        checked because they come back with the same setting.",
    risk: "A server-side request forgery in any application on the instance can read role credentials from \
        169.254.169.254 with a single GET request.",
    remediation: Remediation {
        summary: "Require IMDSv2 tokens (after confirming the software on the instance uses a current SDK).",
        cli: "aws ec2 modify-instance-metadata-options --region {region} --instance-id {config.instance_id} --http-tokens required --http-endpoint enabled",
        terraform: "resource \"aws_instance\" \"{name}\" {\n  # …\n  metadata_options {\n    http_endpoint = \"enabled\"\n    http_tokens   = \"required\"\n  }\n}",
        console: "EC2 console → Instances → {config.instance_id} → Actions → Instance settings → Modify instance \
            metadata options → IMDSv2: Required → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Old SDKs, agents or scripts that call the metadata service without a token stop \
        getting credentials; check the `MetadataNoToken` CloudWatch metric first.",
    permissions: &["ec2:DescribeInstances"],
    references: &[
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
    ],
    cases: &[
        Case::pass(
            "tokens required",
            r#"{"config": {"instance_id": "i-1", "state": "running", "metadata_http_endpoint": "enabled", "metadata_http_tokens": "required"}}"#,
        ),
        Case::pass(
            "metadata endpoint disabled",
            r#"{"config": {"instance_id": "i-1", "state": "running", "metadata_http_endpoint": "disabled", "metadata_http_tokens": "optional"}}"#,
        ),
        Case::fail(
            "tokens optional",
            r#"{"config": {"instance_id": "i-1", "state": "running", "metadata_http_endpoint": "enabled", "metadata_http_tokens": "optional"}}"#,
        ),
        Case::fail(
            "stopped instance keeps its setting",
            r#"{"config": {"instance_id": "i-1", "state": "stopped", "metadata_http_endpoint": "enabled", "metadata_http_tokens": "optional"}}"#,
        ),
        Case::not_applicable(
            "terminated",
            r#"{"config": {"instance_id": "i-1", "state": "terminated", "metadata_http_endpoint": "enabled", "metadata_http_tokens": "optional"}}"#,
        ),
        Case::unknown(
            "metadata options missing from export",
            r#"{"config": {"instance_id": "i-1", "state": "running", "metadata_http_endpoint": "enabled"}}"#,
        ),
    ],
};
