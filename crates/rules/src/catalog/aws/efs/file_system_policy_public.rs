use super::super::common::public_policy_verdict;
use crate::prelude::*;

/// Flags EFS file systems whose file system policy lets any principal mount or write.
pub(crate) struct FileSystemPolicyPublic;

impl TypedRule for FileSystemPolicyPublic {
    type Config = aws::EfsFileSystem;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        f: &aws::EfsFileSystem,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let policy = need(&f.policy, "policy")?;
        Ok(public_policy_verdict(
            policy,
            &format!("EFS file system `{}` policy", r.name),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.efs.file_system_policy_public",
    title: "EFS file system policy allows any principal",
    severity: Severity::High,
    severity_rationale: "IAM-authorized mounts from any AWS account are allowed; network access (mount targets and \
        security groups) is still needed, which keeps this below critical.",
    service: "efs",
    description: "Checks the file system policy for Allow statements whose principal is `*` without a confining \
        condition (`aws:SourceVpc`, `aws:PrincipalOrgID`, …). A file system without a policy passes (access then \
        depends on the network only).",
    risk: "Any principal that can reach a mount target mounts, reads and writes the file system.",
    remediation: Remediation {
        summary: "Scope the policy to your roles or add a confining condition; require TLS (`aws:SecureTransport`).",
        cli: "aws efs put-file-system-policy --region {region} --file-system-id {config.file_system_id} --policy file://efs-policy.json",
        terraform: "resource \"aws_efs_file_system_policy\" \"{name}\" {\n  file_system_id = \"{config.file_system_id}\"\n  policy         = data.aws_iam_policy_document.{name}.json\n}",
        console: "EFS console → File systems → {config.file_system_id} → File system policy → Edit → restrict principals.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients mounting through the open statement lose access.",
    permissions: &["elasticfilesystem:DescribeFileSystemPolicy"],
    references: &["https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html"],
    cases: &[
        Case::pass(
            "no policy",
            r#"{"config": {"file_system_id": "fs-1", "policy": {"statements": []}}}"#,
        ),
        Case::pass(
            "near miss: star limited to a VPC",
            r#"{"config": {"file_system_id": "fs-1", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["elasticfilesystem:ClientMount"], "resources": ["*"],
                "conditions": [{"operator": "StringEquals", "key": "aws:SourceVpc", "values": ["vpc-1"]}]}]}}}"#,
        ),
        Case::fail(
            "anyone may mount and write",
            r#"{"config": {"file_system_id": "fs-1", "policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["*"]}, "actions": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "resources": ["*"]}]}}}"#,
        ),
        Case::unknown(
            "policy not observed",
            r#"{"config": {"file_system_id": "fs-1"}}"#,
        ),
    ],
};
