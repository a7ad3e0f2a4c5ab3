use crate::net::{DATA_PORTS, exposed_services, ingress_evidence, world_open};
use crate::prelude::*;

/// Flags security groups that let the whole internet reach database and data-store ports.
pub(crate) struct SecurityGroupDatabasePortsOpen;

impl TypedRule for SecurityGroupDatabasePortsOpen {
    type Config = aws::SecurityGroup;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        sg: &aws::SecurityGroup,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let ingress = need(&sg.ingress, "ingress")?;
        let open = world_open(ingress, |p| {
            DATA_PORTS.iter().any(|(port, _)| p.covers_tcp_port(*port))
        });
        if open.is_empty() {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::Fail {
            message: format!(
                "Security group `{}` ({}) allows {} from the internet",
                r.name,
                sg.group_id,
                exposed_services(&open, DATA_PORTS).join(", ")
            ),
            evidence: ingress_evidence(&open),
        })
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.security_group_database_ports_open",
    title: "Security group allows database ports from the internet",
    severity: Severity::High,
    severity_rationale: "Data stores are scanned for continuously, and several (Redis, Elasticsearch, MongoDB) \
        are often deployed without authentication; reachability from anywhere is one step from a breach.",
    service: "ec2",
    description: "Checks inbound rules for TCP access from 0.0.0.0/0 or ::/0 to common database and data-store \
        ports (SQL Server 1433, Oracle 1521, MySQL 3306, PostgreSQL 5432, Redis 6379, Elasticsearch 9200, \
        MongoDB 27017), including all-traffic rules and port ranges that contain them.",
    risk: "Direct brute force, exploitation of the engine, or plain unauthenticated reads of the data.",
    remediation: Remediation {
        summary: "Replace the world-open source with the application tier's security group or a private range.",
        cli: "aws ec2 describe-security-groups --region {region} --group-ids {config.group_id} --query 'SecurityGroups[0].IpPermissions'\n\
              aws ec2 revoke-security-group-ingress --region {region} --group-id {config.group_id} --protocol tcp --port 5432 --cidr 0.0.0.0/0\n\
              aws ec2 authorize-security-group-ingress --region {region} --group-id {config.group_id} --protocol tcp --port 5432 --source-group <app-sg-id>",
        terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"{name}_db\" {\n  security_group_id            = \"{config.group_id}\"\n  ip_protocol                  = \"tcp\"\n  from_port                    = 5432\n  to_port                      = 5432\n  referenced_security_group_id = aws_security_group.app.id\n}",
        console: "EC2 console → Security Groups → {config.group_id} → Inbound rules → Edit inbound rules: for each \
            database port whose source is 0.0.0.0/0 or ::/0, change the source to the application's security \
            group or a private CIDR → Save rules.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients that connect from outside the VPC (analysts, SaaS integrations) lose access.",
    permissions: &["ec2:DescribeSecurityGroups"],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
    ],
    cases: &[
        Case::pass(
            "PostgreSQL only from a private range",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "ipv4_ranges": ["10.0.0.0/16"]}]}}"#,
        ),
        Case::pass(
            "MySQL from another security group",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "source_groups": ["sg-app"]}]}}"#,
        ),
        Case::pass(
            "HTTPS open to the world is not a data port",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::pass(
            "UDP range over 5432 does not expose the TCP listener",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "udp", "from_port": 5000, "to_port": 6000, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "PostgreSQL open to 0.0.0.0/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::fail(
            "Redis open to ::/0",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 6379, "to_port": 6379, "ipv6_ranges": ["::/0"]}]}}"#,
        ),
        Case::fail(
            "all traffic from anywhere",
            r#"{"config": {"group_id": "sg-1", "ingress": [{"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}]}}"#,
        ),
        Case::unknown(
            "rules denied",
            r#"{"config": {"group_id": "sg-1"}, "gaps": [{"field": "ingress", "api": "ec2:DescribeSecurityGroups", "reason": "denied"}]}"#,
        ),
    ],
};
