use super::is_application;
use crate::prelude::*;

/// Flags Application Load Balancers with HTTP listeners that do not redirect to HTTPS.
pub(crate) struct LoadBalancerHttpWithoutRedirect;

impl TypedRule for LoadBalancerHttpWithoutRedirect {
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
        let listeners = need(&lb.listeners, "listeners")?;
        let plain: Vec<i32> = listeners
            .iter()
            .filter(|l| l.protocol.eq_ignore_ascii_case("HTTP") && !l.redirects_to_https)
            .map(|l| l.port.unwrap_or(0))
            .collect();
        Ok(Verdict::check(plain.is_empty(), || {
            Verdict::fail(
                format!(
                    "Load balancer `{}` serves plain HTTP on port(s) {plain:?} without redirecting to HTTPS",
                    r.name
                ),
                "config.listeners",
                json!(plain),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.elbv2.load_balancer_http_without_redirect",
    title: "Load balancer serves HTTP without redirecting to HTTPS",
    severity: Severity::Medium,
    severity_rationale: "Traffic to the application, including session cookies and form posts, crosses the network in \
        clear text whenever a client uses http://.",
    service: "elbv2",
    description: "For Application Load Balancers, checks that every HTTP listener's default action redirects to HTTPS. \
        Network and Gateway Load Balancers are not applicable.",
    risk: "Credentials and session tokens are readable and alterable on hostile networks.",
    remediation: Remediation {
        summary: "Change the HTTP listener's default action to a 301 redirect to HTTPS (port 443).",
        cli: "aws elbv2 modify-listener --region {region} --listener-arn <http-listener-arn> \\\n  --default-actions '[{\"Type\":\"redirect\",\"RedirectConfig\":{\"Protocol\":\"HTTPS\",\"Port\":\"443\",\"StatusCode\":\"HTTP_301\"}}]'",
        terraform: "resource \"aws_lb_listener\" \"{name}_http\" {\n  load_balancer_arn = \"{uid}\"\n  port              = 80\n  protocol          = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}",
        console: "EC2 console → Load Balancers → {name} → Listeners → HTTP:80 → Edit → Default action: Redirect to HTTPS:443.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Browsers follow the redirect; only clients that cannot do HTTPS are affected.",
    permissions: &[
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeListeners",
    ],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html",
    ],
    cases: &[
        Case::pass(
            "HTTP redirects, HTTPS serves",
            r#"{"config": {"load_balancer_name": "web", "lb_type": "application", "listeners": [{"port": 80, "protocol": "HTTP", "redirects_to_https": true}, {"port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}]}}"#,
        ),
        Case::fail(
            "HTTP forwards",
            r#"{"config": {"load_balancer_name": "web", "lb_type": "application", "listeners": [{"port": 80, "protocol": "HTTP", "redirects_to_https": false}]}}"#,
        ),
        Case::not_applicable(
            "near miss: network load balancer",
            r#"{"config": {"load_balancer_name": "nlb", "lb_type": "network", "listeners": [{"port": 80, "protocol": "TCP"}]}}"#,
        ),
        Case::unknown(
            "listeners not observed",
            r#"{"config": {"load_balancer_name": "web", "lb_type": "application"}}"#,
        ),
    ],
};
