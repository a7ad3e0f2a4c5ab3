use crate::prelude::*;

/// Flags HTTPS/TLS listeners whose security policy still allows TLS 1.0 or 1.1.
pub(crate) struct LoadBalancerWeakTlsPolicy;

/// Whether an ELB security policy name sets TLS 1.2 (or 1.3) as the floor.
fn modern(policy: &str) -> bool {
    ["TLS13-1-2", "TLS13-1-3", "TLS-1-2", "FS-1-2"]
        .iter()
        .any(|m| policy.contains(m))
}

impl TypedRule for LoadBalancerWeakTlsPolicy {
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
        let listeners = need(&lb.listeners, "listeners")?;
        let tls: Vec<&aws::Listener> = listeners
            .iter()
            .filter(|l| matches!(l.protocol.to_ascii_uppercase().as_str(), "HTTPS" | "TLS"))
            .collect();
        if tls.is_empty() {
            return Ok(Verdict::NotApplicable("no HTTPS or TLS listener".into()));
        }
        let mut weak = Vec::new();
        for l in tls {
            let Some(p) = &l.ssl_policy else {
                return Ok(Verdict::Unknown(
                    format!(
                        "security policy of the listener on port {:?} not observed",
                        l.port
                    )
                    .into(),
                ));
            };
            if !modern(p) {
                weak.push(format!("{}:{p}", l.port.unwrap_or(0)));
            }
        }
        Ok(Verdict::check(weak.is_empty(), || {
            Verdict::fail(
                format!(
                    "Load balancer `{}` allows TLS older than 1.2 on {}",
                    r.name,
                    weak.join(", ")
                ),
                "config.listeners",
                json!(weak),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.elbv2.load_balancer_weak_tls_policy",
    title: "Load balancer TLS policy allows TLS 1.0 or 1.1",
    severity: Severity::Low,
    severity_rationale: "Deprecated protocol versions weaken the connection only for clients that negotiate them and \
        need an attacker on the path.",
    service: "elbv2",
    description: "Checks the security policy of every HTTPS and TLS listener: policies whose floor is TLS 1.2 or 1.3 \
        (`ELBSecurityPolicy-TLS13-1-2-2021-06`, `…-TLS-1-2-…`, `…-FS-1-2-…`) pass; older defaults such as \
        `ELBSecurityPolicy-2016-08` fail.",
    risk: "Clients can be downgraded to TLS 1.0/1.1 and compliance scans (PCI DSS) flag the endpoint.",
    remediation: Remediation {
        summary: "Switch the listeners to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a FIPS/PQ variant).",
        cli: "aws elbv2 modify-listener --region {region} --listener-arn <listener-arn> --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06",
        terraform: "resource \"aws_lb_listener\" \"{name}_https\" {\n  # …\n  ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n}",
        console: "EC2 console → Load Balancers → {name} → Listeners → HTTPS:443 → Edit → Security policy → \
            ELBSecurityPolicy-TLS13-1-2-2021-06.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Legacy clients limited to TLS 1.0/1.1 can no longer connect.",
    permissions: &["elasticloadbalancing:DescribeListeners"],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
    ],
    cases: &[
        Case::pass(
            "TLS 1.3/1.2 policy",
            r#"{"config": {"load_balancer_name": "web", "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}]}}"#,
        ),
        Case::fail(
            "old default",
            r#"{"config": {"load_balancer_name": "web", "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"}]}}"#,
        ),
        Case::fail(
            "near miss: a TLS13 policy that still allows 1.0",
            r#"{"config": {"load_balancer_name": "web", "listeners": [{"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-0-2021-06"}]}}"#,
        ),
        Case::not_applicable(
            "HTTP only",
            r#"{"config": {"load_balancer_name": "web", "listeners": [{"port": 80, "protocol": "HTTP", "redirects_to_https": false}]}}"#,
        ),
        Case::unknown(
            "listeners not observed",
            r#"{"config": {"load_balancer_name": "web"}}"#,
        ),
    ],
};
