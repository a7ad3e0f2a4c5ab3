//! Network helpers shared by rules: admin ports, CIDR breadth, network ACL evaluation.

use posture_model::Evidence;
use posture_model::kinds::aws::{IpPermission, NaclEntry};

/// Remote administration ports that must never be open to the internet, with their service.
pub const ADMIN_PORTS: &[(i32, &str)] = &[(22, "SSH"), (3389, "RDP")];

/// Database and other sensitive service ports commonly exposed by mistake.
pub const DATA_PORTS: &[(i32, &str)] = &[
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (6379, "Redis"),
    (9200, "Elasticsearch"),
    (27017, "MongoDB"),
];

/// Inbound security-group rules open to the whole internet (0.0.0.0/0 or ::/0) that also satisfy
/// `matches`, with their position in the rule list.
pub fn world_open(
    ingress: &[IpPermission],
    matches: impl Fn(&IpPermission) -> bool,
) -> Vec<(usize, &IpPermission)> {
    ingress
        .iter()
        .enumerate()
        .filter(|(_, p)| p.open_to_world() && matches(p))
        .collect()
}

/// Evidence for security-group rules found by [`world_open`]: one entry per rule, at
/// `config.ingress[i]`.
#[must_use]
pub fn ingress_evidence(rules: &[(usize, &IpPermission)]) -> Vec<Evidence> {
    rules
        .iter()
        .map(|(i, p)| Evidence {
            path: format!("config.ingress[{i}]"),
            observed: serde_json::to_value(p).unwrap_or_default(),
        })
        .collect()
}

/// The services of `ports` that `rules` open over TCP, labelled `SSH (22)`, in `ports` order.
#[must_use]
pub fn exposed_services(rules: &[(usize, &IpPermission)], ports: &[(i32, &str)]) -> Vec<String> {
    ports
        .iter()
        .filter(|(port, _)| rules.iter().any(|(_, p)| p.covers_tcp_port(*port)))
        .map(|(port, service)| format!("{service} ({port})"))
        .collect()
}

/// Whether a security-group rule applies to every protocol (`-1`).
#[must_use]
pub fn all_protocols(p: &IpPermission) -> bool {
    matches!(
        p.protocol.trim().to_ascii_lowercase().as_str(),
        "-1" | "all"
    )
}

/// Whether a network ACL entry matches TCP traffic to `port` (protocol `6`/`tcp` or all, and a
/// port range that includes it; an entry without ports covers them all).
#[must_use]
pub fn nacl_entry_covers_tcp_port(e: &NaclEntry, port: i32) -> bool {
    let proto = e.protocol.trim().to_ascii_lowercase();
    if proto == "-1" || proto == "all" {
        return true;
    }
    if proto != "6" && proto != "tcp" {
        return false;
    }
    match (e.from_port, e.to_port) {
        (Some(from), Some(to)) => from <= port && port <= to,
        _ => true,
    }
}

/// The inbound entry that decides TCP traffic from an arbitrary internet address to `port`
/// (IPv4 when `v6` is false, IPv6 otherwise): entries are evaluated by rule number, lowest first,
/// and the first one whose source is the whole address space and that covers the port decides.
/// Entries for narrower sources are skipped: they decide only for part of the internet. Returns
/// the deciding entry, or `None` when no world-wide entry covers the port (the implicit deny).
#[must_use]
pub fn nacl_world_decision(entries: &[NaclEntry], port: i32, v6: bool) -> Option<&NaclEntry> {
    let mut inbound: Vec<&NaclEntry> = entries.iter().filter(|e| !e.egress).collect();
    inbound.sort_by_key(|e| e.rule_number);
    inbound.into_iter().find(|e| {
        let src = if v6 {
            &e.ipv6_cidr_block
        } else {
            &e.cidr_block
        };
        src.as_deref().is_some_and(is_world) && nacl_entry_covers_tcp_port(e, port)
    })
}

/// Whether a CIDR (v4 or v6) covers the whole address space.
#[must_use]
pub fn is_world(cidr: &str) -> bool {
    matches!(cidr.trim(), "0.0.0.0/0" | "::/0")
}

/// Parse an IPv4 address into a number.
#[must_use]
pub fn ipv4(s: &str) -> Option<u32> {
    let mut n: u32 = 0;
    let mut parts = 0;
    for p in s.trim().split('.') {
        let v: u8 = p.parse().ok()?;
        n = (n << 8) | u32::from(v);
        parts += 1;
    }
    (parts == 4).then_some(n)
}

/// Number of addresses in an inclusive IPv4 range given as two dotted quads (`None` when either
/// end does not parse or the range is reversed).
#[must_use]
pub fn ipv4_range_len(start: &str, end: &str) -> Option<u64> {
    let (a, b) = (ipv4(start)?, ipv4(end)?);
    (a <= b).then(|| u64::from(b - a) + 1)
}

/// Whether an inclusive IPv4 range spans the whole address space (`0.0.0.0`–`255.255.255.255`).
#[must_use]
pub fn ipv4_range_is_world(start: &str, end: &str) -> bool {
    ipv4_range_len(start, end) == Some(1 << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_cidrs() {
        assert!(is_world("0.0.0.0/0"));
        assert!(is_world(" ::/0 "));
        assert!(!is_world("0.0.0.0/1"));
        assert!(!is_world("10.0.0.0/8"));
        assert!(!is_world("0.0.0.0/32"));
    }

    #[test]
    fn ipv4_parsing() {
        assert_eq!(ipv4("0.0.0.0"), Some(0));
        assert_eq!(ipv4("255.255.255.255"), Some(u32::MAX));
        assert_eq!(ipv4("10.1.2.3"), Some(0x0A01_0203));
        assert_eq!(ipv4("10.1.2"), None);
        assert_eq!(ipv4("10.1.2.3.4"), None);
        assert_eq!(ipv4("10.1.2.256"), None);
        assert_eq!(ipv4("a.b.c.d"), None);
    }

    #[test]
    fn ranges() {
        assert!(ipv4_range_is_world("0.0.0.0", "255.255.255.255"));
        assert!(!ipv4_range_is_world("0.0.0.0", "0.0.0.0"));
        assert!(!ipv4_range_is_world("1.0.0.0", "255.255.255.255"));
        assert_eq!(ipv4_range_len("10.0.0.0", "10.0.0.255"), Some(256));
        assert_eq!(ipv4_range_len("10.0.0.9", "10.0.0.1"), None);
        assert_eq!(ipv4_range_len("x", "10.0.0.1"), None);
    }

    fn entry(
        n: i32,
        action: &str,
        cidr: &str,
        proto: &str,
        ports: Option<(i32, i32)>,
    ) -> NaclEntry {
        NaclEntry {
            rule_number: n,
            egress: false,
            protocol: proto.into(),
            action: action.into(),
            cidr_block: (!cidr.contains(':')).then(|| cidr.to_owned()),
            ipv6_cidr_block: cidr.contains(':').then(|| cidr.to_owned()),
            from_port: ports.map(|p| p.0),
            to_port: ports.map(|p| p.1),
        }
    }

    #[test]
    fn nacl_rule_order() {
        let allow_all = entry(100, "allow", "0.0.0.0/0", "-1", None);
        let deny_ssh = entry(50, "deny", "0.0.0.0/0", "6", Some((22, 22)));
        let e = [allow_all.clone(), deny_ssh];
        assert_eq!(
            nacl_world_decision(&e, 22, false).map(|x| x.action.as_str()),
            Some("deny")
        );
        assert_eq!(
            nacl_world_decision(&e, 3389, false).map(|x| x.action.as_str()),
            Some("allow")
        );
        // A deny for one network only does not close the port to the rest of the internet.
        let e = [
            allow_all.clone(),
            entry(50, "deny", "198.51.100.0/24", "6", Some((22, 22))),
        ];
        assert_eq!(
            nacl_world_decision(&e, 22, false).map(|x| x.action.as_str()),
            Some("allow")
        );
        // IPv6 is decided by IPv6 entries only.
        assert!(nacl_world_decision(&e, 22, true).is_none());
        let e = [entry(10, "allow", "::/0", "6", Some((0, 1024)))];
        assert!(nacl_world_decision(&e, 22, true).is_some());
        assert!(nacl_world_decision(&e, 3389, true).is_none());
        // Egress entries never decide inbound traffic; UDP does not cover TCP.
        let mut out = allow_all;
        out.egress = true;
        assert!(nacl_world_decision(&[out], 22, false).is_none());
        let udp = entry(10, "allow", "0.0.0.0/0", "17", Some((0, 65535)));
        assert!(nacl_world_decision(&[udp], 22, false).is_none());
    }

    #[test]
    fn port_tables_are_distinct() {
        for (p, _) in ADMIN_PORTS {
            assert!(!DATA_PORTS.iter().any(|(d, _)| d == p));
        }
    }

    #[test]
    fn world_open_rules_and_their_services() {
        let perm = |proto: &str, from: i32, to: i32, cidr: &str| IpPermission {
            protocol: proto.into(),
            from_port: Some(from),
            to_port: Some(to),
            ipv4_ranges: vec![cidr.into()],
            ..IpPermission::default()
        };
        let ingress = vec![
            perm("tcp", 22, 22, "10.0.0.0/8"),
            perm("tcp", 0, 4000, "0.0.0.0/0"),
            perm("tcp", 443, 443, "0.0.0.0/0"),
        ];
        let open = world_open(&ingress, |p| {
            ADMIN_PORTS.iter().any(|(port, _)| p.covers_tcp_port(*port))
        });
        assert_eq!(open.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![1]);
        assert_eq!(
            exposed_services(&open, ADMIN_PORTS),
            vec!["SSH (22)", "RDP (3389)"]
        );
        assert_eq!(ingress_evidence(&open)[0].path, "config.ingress[1]");
        assert!(all_protocols(&perm("-1", 0, 0, "0.0.0.0/0")));
        assert!(!all_protocols(&ingress[0]));
    }
}
