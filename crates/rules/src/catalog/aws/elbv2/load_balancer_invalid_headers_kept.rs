use super::is_application;
use crate::prelude::*;

/// Flags Application Load Balancers that forward HTTP headers with invalid names.
pub(crate) struct LoadBalancerInvalidHeadersKept;

impl TypedRule for LoadBalancerInvalidHeadersKept {
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
        if !*need(&is_application(lb), "lb_type")? {
            return Ok(Verdict::NotApplicable(
                "not an Application Load Balancer".into(),
            ));
        }
        let on = *need(&lb.drop_invalid_header_fields, "drop_invalid_header_fields")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Load balancer `{}` forwards headers with invalid names",
                    r.name
                ),
                "config.drop_invalid_header_fields",
                json!(false),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.elbv2.load_balancer_invalid_headers_kept",
    title: "Application Load Balancer forwards invalid HTTP header names",
    severity: Severity::Low,
    severity_rationale: "Malformed headers are a request-smuggling and header-injection aid; exploiting them depends on \
        how the backend parses them.",
    service: "elbv2",
    description: "For Application Load Balancers, checks the `routing.http.drop_invalid_header_fields.enabled` \
        attribute, which removes headers whose names are not valid (RFC 7230) before forwarding.",
    risk: "Backends that interpret malformed headers differently from the load balancer can be tricked into request \
        smuggling or header spoofing.",
    remediation: Remediation {
        summary: "Turn on dropping of invalid header fields.",
        cli: "aws elbv2 modify-load-balancer-attributes --region {region} --load-balancer-arn {uid} \\\n  --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true",
        terraform: "resource \"aws_lb\" \"{name}\" {\n  # …\n  drop_invalid_header_fields = true\n}",
        console: "EC2 console → Load Balancers → {name} → Attributes → Edit → Drop invalid header fields on.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients that rely on non-conforming header names (underscores in some stacks) lose those headers.",
    permissions: &["elasticloadbalancing:DescribeLoadBalancerAttributes"],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes",
    ],
    cases: &[
        Case::pass(
            "dropped",
            r#"{"config": {"load_balancer_name": "web", "lb_type": "application", "drop_invalid_header_fields": true}}"#,
        ),
        Case::fail(
            "kept",
            r#"{"config": {"load_balancer_name": "web", "lb_type": "application", "drop_invalid_header_fields": false}}"#,
        ),
        Case::not_applicable(
            "near miss: network load balancer",
            r#"{"config": {"load_balancer_name": "nlb", "lb_type": "network"}}"#,
        ),
        Case::unknown(
            "attribute not observed",
            r#"{"config": {"load_balancer_name": "web", "lb_type": "application"}}"#,
        ),
    ],
};
