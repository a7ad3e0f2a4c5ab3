use crate::net::is_world;
use crate::prelude::*;

/// Flags EKS clusters whose Kubernetes API endpoint is reachable from the whole internet.
pub(crate) struct ClusterEndpointPublicUnrestricted;

impl TypedRule for ClusterEndpointPublicUnrestricted {
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
        if !*need(&c.endpoint_public_access, "endpoint_public_access")? {
            return Ok(Verdict::Pass);
        }
        let cidrs = need(&c.public_access_cidrs, "public_access_cidrs")?;
        // An empty list means no restriction (EKS treats it as 0.0.0.0/0).
        let open = cidrs.is_empty() || cidrs.iter().any(|x| is_world(x));
        Ok(Verdict::check(!open, || {
            Verdict::fail(
                format!(
                    "EKS cluster `{}` API endpoint is public to 0.0.0.0/0",
                    r.name
                ),
                "config.public_access_cidrs",
                json!(cidrs),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.eks.cluster_endpoint_public_unrestricted",
    title: "EKS cluster API endpoint is open to the internet",
    severity: Severity::High,
    severity_rationale: "The Kubernetes API still requires authentication, but exposing it to every address invites \
        credential stuffing and puts the cluster one stolen kubeconfig or API vulnerability away from takeover.",
    service: "eks",
    description: "Checks that the cluster's public API endpoint is disabled, or restricted to specific CIDRs (not \
        `0.0.0.0/0`).",
    risk: "Anyone on the internet can reach the control plane and try stolen tokens or API-server vulnerabilities.",
    remediation: Remediation {
        summary: "Disable the public endpoint (use the private one through VPN or a bastion) or restrict it to your CIDRs.",
        cli: "aws eks update-cluster-config --region {region} --name {config.name} \\\n  --resources-vpc-config endpointPublicAccess=true,publicAccessCidrs=\"203.0.113.0/24\",endpointPrivateAccess=true",
        terraform: "resource \"aws_eks_cluster\" \"{name}\" {\n  # …\n  vpc_config {\n    endpoint_private_access = true\n    endpoint_public_access  = true\n    public_access_cidrs     = [\"203.0.113.0/24\"]\n  }\n}",
        console: "EKS console → Clusters → {config.name} → Networking → Manage endpoint access → Private, or Public and private \
            with advanced settings listing allowed CIDRs.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "CI systems and people outside the allowed CIDRs lose kubectl access; worker nodes need the private endpoint.",
    permissions: &["eks:ListClusters", "eks:DescribeCluster"],
    references: &["https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"],
    cases: &[
        Case::pass(
            "private only",
            r#"{"config": {"name": "c", "endpoint_public_access": false, "endpoint_private_access": true}}"#,
        ),
        Case::pass(
            "near miss: public but restricted",
            r#"{"config": {"name": "c", "endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/24"]}}"#,
        ),
        Case::fail(
            "public to everyone",
            r#"{"config": {"name": "c", "endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0"]}}"#,
        ),
        Case::unknown(
            "CIDRs not observed",
            r#"{"config": {"name": "c", "endpoint_public_access": true}}"#,
        ),
    ],
};
