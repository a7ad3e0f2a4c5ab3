use crate::prelude::*;

/// Flags EKS clusters that do not send the API and audit control-plane logs to CloudWatch.
pub(crate) struct ClusterLoggingIncomplete;

const REQUIRED: &[&str] = &["api", "audit", "authenticator"];

impl TypedRule for ClusterLoggingIncomplete {
    type Config = aws::EksCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::EksCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = need(&c.enabled_log_types, "enabled_log_types")?;
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|t| !on.iter().any(|x| x == t))
            .collect();
        Ok(Verdict::check(missing.is_empty(), || {
            Verdict::fail(
                format!(
                    "EKS cluster `{}` does not log control-plane {}",
                    r.name,
                    missing.join(", ")
                ),
                "config.enabled_log_types",
                json!(on),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.eks.cluster_logging_incomplete",
    title: "EKS control-plane audit logging is incomplete",
    severity: Severity::Medium,
    severity_rationale: "Without the API, audit and authenticator logs there is no record of who did what in the \
        cluster, which blinds incident response; it does not open access.",
    service: "eks",
    description: "Checks that the control-plane log types `api`, `audit` and `authenticator` are enabled (sent to \
        CloudWatch Logs). `controllerManager` and `scheduler` are optional.",
    risk: "Secret reads, privilege changes and exec into pods leave no trace.",
    remediation: Remediation {
        summary: "Enable the api, audit and authenticator log types.",
        cli: "aws eks update-cluster-config --region {region} --name {config.name} \\\n  --logging '{\"clusterLogging\":[{\"types\":[\"api\",\"audit\",\"authenticator\"],\"enabled\":true}]}'",
        terraform: "resource \"aws_eks_cluster\" \"{name}\" {\n  # …\n  enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\"]\n}",
        console: "EKS console → Clusters → {config.name} → Observability → Control plane logging → Manage → turn on API \
            server, Audit and Authenticator.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Logging does not affect workloads (CloudWatch ingestion is billed).",
    permissions: &["eks:DescribeCluster"],
    references: &["https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html"],
    cases: &[
        Case::pass(
            "all three",
            r#"{"config": {"name": "c", "enabled_log_types": ["api", "audit", "authenticator", "scheduler"]}}"#,
        ),
        Case::fail(
            "near miss: api and audit but no authenticator",
            r#"{"config": {"name": "c", "enabled_log_types": ["api", "audit"]}}"#,
        ),
        Case::fail(
            "none",
            r#"{"config": {"name": "c", "enabled_log_types": []}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"name": "c"}}"#),
    ],
};
