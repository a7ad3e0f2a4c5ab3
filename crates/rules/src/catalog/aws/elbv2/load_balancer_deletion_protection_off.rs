use crate::prelude::*;

/// Flags production load balancers without deletion protection.
pub(crate) struct LoadBalancerDeletionProtectionOff;

impl TypedRule for LoadBalancerDeletionProtectionOff {
    type Config = aws::LoadBalancer;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        lb: &aws::LoadBalancer,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let on = *need(&lb.deletion_protection, "deletion_protection")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Load balancer `{}` can be deleted without first turning protection off",
                    r.name
                ),
                "config.deletion_protection",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.elbv2.load_balancer_deletion_protection_off",
    title: "Load balancer deletion protection is off",
    severity: Severity::Low,
    severity_rationale: "Deleting a load balancer takes the service offline and loses its DNS name; protection guards \
        against mistakes, not attackers with full rights.",
    service: "elbv2",
    description: "Checks the `deletion_protection.enabled` attribute.",
    risk: "A mistaken teardown or script deletes the entry point of the service, and clients pinned to its DNS name break.",
    remediation: Remediation {
        summary: "Turn on deletion protection.",
        cli: "aws elbv2 modify-load-balancer-attributes --region {region} --load-balancer-arn {uid} --attributes Key=deletion_protection.enabled,Value=true",
        terraform: "resource \"aws_lb\" \"{name}\" {\n  # …\n  enable_deletion_protection = true\n}",
        console: "EC2 console → Load Balancers → {name} → Attributes → Edit → Deletion protection on.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only blocks deletion.",
    permissions: &["elasticloadbalancing:DescribeLoadBalancerAttributes"],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection",
    ],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"load_balancer_name": "web", "deletion_protection": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"load_balancer_name": "web", "deletion_protection": false}}"#,
        ),
        Case::unknown(
            "attributes not observed",
            r#"{"config": {"load_balancer_name": "web"}}"#,
        ),
    ],
};
