use posture_model::time::parse_rfc3339;

use crate::prelude::*;

/// Flags IAM server certificates that have expired.
pub(crate) struct ServerCertificateExpired;

impl TypedRule for ServerCertificateExpired {
    type Config = aws::IamServerCertificate;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::IamServerCertificate,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let exp = need(&c.expiration, "expiration")?;
        let Some(t) = parse_rfc3339(exp) else {
            return Ok(Verdict::Unknown(
                format!("expiration `{exp}` is not an RFC 3339 time").into(),
            ));
        };
        Ok(Verdict::check(t > cx.as_of, || {
            Verdict::fail(
                format!("IAM server certificate `{}` expired on {exp}", r.name),
                "config.expiration",
                json!(exp),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.iam.server_certificate_expired",
    title: "Expired IAM server certificate is still stored",
    severity: Severity::Low,
    severity_rationale: "An expired certificate protects nothing; the risk is that it gets attached to a load balancer \
        or CloudFront by mistake and breaks or weakens TLS for users.",
    service: "iam",
    description: "Checks that certificates uploaded to IAM (used by load balancers and CloudFront when ACM is not) are \
        not past their expiration date at scan time.",
    risk: "Accidental deployment of an expired certificate causes outages and trains users to click through warnings.",
    remediation: Remediation {
        summary: "Delete the expired certificate (after confirming nothing references it); prefer ACM certificates.",
        cli: "aws iam delete-server-certificate --server-certificate-name {config.name}",
        terraform: "# remove the aws_iam_server_certificate \"{name}\" resource (use aws_acm_certificate for new certificates)",
        console: "IAM server certificates have no console page; use the CLI (`aws iam list-server-certificates`).",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "An expired certificate cannot serve valid TLS; deletion fails while a load balancer still uses it.",
    permissions: &["iam:ListServerCertificates"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html",
    ],
    cases: &[
        Case::pass(
            "valid until 2027",
            r#"{"config": {"name": "c", "expiration": "2027-06-01T00:00:00Z"}}"#,
        ),
        Case::fail(
            "expired in 2024",
            r#"{"config": {"name": "c", "expiration": "2024-06-01T00:00:00Z"}}"#,
        ),
        Case::pass(
            "near miss: expires later today",
            r#"{"config": {"name": "c", "expiration": "2026-01-01T12:00:00Z"}}"#,
        ),
        Case::unknown("expiration not observed", r#"{"config": {"name": "c"}}"#),
    ],
};
