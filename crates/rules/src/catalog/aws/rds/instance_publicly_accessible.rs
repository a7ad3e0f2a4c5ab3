use crate::prelude::*;

/// Flags RDS instances that have a public endpoint.
pub(crate) struct InstancePubliclyAccessible;

impl TypedRule for InstancePubliclyAccessible {
    type Config = aws::RdsDbInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        db: &aws::RdsDbInstance,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let public = *need(&db.publicly_accessible, "publicly_accessible")?;
        Ok(Verdict::check(!public, || {
            Verdict::fail(
                format!(
                    "RDS instance `{}` is publicly accessible (its endpoint resolves to a public IP)",
                    r.name
                ),
                "config.publicly_accessible",
                json!(true),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_publicly_accessible",
    title: "RDS instance is publicly accessible",
    severity: Severity::High,
    severity_rationale: "The database listener becomes reachable from the internet wherever its security \
        groups allow it; only a security group stands between attackers and the login prompt.",
    service: "rds",
    description: "Checks the instance's PubliclyAccessible flag, which gives the endpoint a public IP address. \
        Security groups may still restrict sources; this rule flags the exposure regardless, since one \
        permissive rule is then enough.",
    risk: "Credential stuffing, exploitation of engine vulnerabilities and data theft directly from the internet.",
    remediation: Remediation {
        summary: "Turn off public accessibility and reach the database through private networking (VPN, peering, \
            bastion, RDS Proxy).",
        cli: "aws rds modify-db-instance --region {region} --db-instance-identifier {config.identifier} --no-publicly-accessible --apply-immediately",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  publicly_accessible = false\n}",
        console: "RDS console → Databases → {config.identifier} → Modify → Connectivity → Additional configuration → \
            Not publicly accessible → Continue → Apply immediately.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients connecting over the internet (developers, external services, BI tools) lose \
        access, and the endpoint's address changes.",
    permissions: &["rds:DescribeDBInstances"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
    ],
    cases: &[
        Case::pass(
            "private",
            r#"{"config": {"identifier": "db1", "publicly_accessible": false}}"#,
        ),
        Case::fail(
            "public",
            r#"{"config": {"identifier": "db1", "publicly_accessible": true}}"#,
        ),
        Case::unknown(
            "describe denied",
            r#"{"config": {"identifier": "db1"}, "gaps": [{"field": "*", "api": "rds:DescribeDBInstances", "reason": "denied"}]}"#,
        ),
    ],
};
