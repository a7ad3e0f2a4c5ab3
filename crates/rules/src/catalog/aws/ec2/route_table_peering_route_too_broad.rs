use crate::prelude::*;

/// Flags route tables that send very broad destinations over a VPC peering connection.
pub(crate) struct RouteTablePeeringRouteTooBroad;

/// Shortest acceptable prefix for a peering route (IPv4 /16 = one whole default-sized VPC).
const MIN_V4_PREFIX: u32 = 16;
const MIN_V6_PREFIX: u32 = 48;

fn too_broad(destination: &str) -> bool {
    let Some((addr, len)) = destination.trim().split_once('/') else {
        return false;
    };
    let Ok(len) = len.parse::<u32>() else {
        return false;
    };
    if addr.contains(':') {
        len < MIN_V6_PREFIX
    } else {
        len < MIN_V4_PREFIX
    }
}

impl TypedRule for RouteTablePeeringRouteTooBroad {
    type Config = aws::RouteTable;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        t: &aws::RouteTable,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let routes = need(&t.routes, "routes")?;
        let peering: Vec<&aws::Route> = routes
            .iter()
            .filter(|x| x.target.starts_with("pcx-"))
            .collect();
        if peering.is_empty() {
            return Ok(Verdict::NotApplicable(
                "no route to a peering connection".into(),
            ));
        }
        let broad: Vec<String> = peering
            .iter()
            .filter(|x| too_broad(&x.destination))
            .map(|x| format!("{} → {}", x.destination, x.target))
            .collect();
        Ok(Verdict::check(broad.is_empty(), || {
            Verdict::fail(
                format!(
                    "Route table `{}` routes broad ranges over peering: {}",
                    r.name,
                    broad.join(", ")
                ),
                "config.routes",
                json!(broad),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.ec2.route_table_peering_route_too_broad",
    title: "Route table sends broad address ranges over a VPC peering connection",
    severity: Severity::Medium,
    severity_rationale: "Peering is a trust boundary; a default or very wide route through it exposes every subnet of \
        this VPC's path to the peer and can send unrelated traffic to another account's network.",
    service: "ec2",
    description: "For routes whose target is a VPC peering connection (`pcx-…`), checks that the destination is no \
        broader than an IPv4 /16 (or IPv6 /48): peering routes should name the peer's specific subnets, not a \
        default route or a supernet.",
    risk: "Hosts reach (and are reachable from) far more of the peer network than needed, widening lateral movement \
        between accounts or environments.",
    remediation: Remediation {
        summary: "Replace the broad route with routes to the specific peer subnets that need to be reached.",
        cli: "aws ec2 delete-route --region {region} --route-table-id {config.route_table_id} --destination-cidr-block <broad-cidr>\n\
              aws ec2 create-route --region {region} --route-table-id {config.route_table_id} --destination-cidr-block <peer-subnet-cidr> --vpc-peering-connection-id <pcx-id>",
        terraform: "resource \"aws_route\" \"{name}_peer\" {\n  route_table_id            = \"{config.route_table_id}\"\n  destination_cidr_block    = \"<peer-subnet-cidr>\"\n  vpc_peering_connection_id = \"<pcx-id>\"\n}",
        console: "VPC console → Route tables → {config.route_table_id} → Routes → Edit routes → replace the broad peering \
            route with the peer subnets' CIDRs.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Traffic to peer addresses outside the new routes stops flowing.",
    permissions: &["ec2:DescribeRouteTables"],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html",
    ],
    cases: &[
        Case::pass(
            "one peer subnet",
            r#"{"config": {"route_table_id": "rtb-1", "routes": [{"destination": "10.20.1.0/24", "target": "pcx-1"}, {"destination": "0.0.0.0/0", "target": "igw-1"}]}}"#,
        ),
        Case::fail(
            "default route over peering",
            r#"{"config": {"route_table_id": "rtb-1", "routes": [{"destination": "0.0.0.0/0", "target": "pcx-1"}]}}"#,
        ),
        Case::fail(
            "near miss: a /8 supernet",
            r#"{"config": {"route_table_id": "rtb-1", "routes": [{"destination": "10.0.0.0/8", "target": "pcx-1"}]}}"#,
        ),
        Case::not_applicable(
            "no peering",
            r#"{"config": {"route_table_id": "rtb-1", "routes": [{"destination": "0.0.0.0/0", "target": "nat-1"}]}}"#,
        ),
        Case::unknown(
            "routes not observed",
            r#"{"config": {"route_table_id": "rtb-1"}}"#,
        ),
    ],
};
