//! Network helpers shared by rules: admin ports, CIDR breadth.

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
    (445, "CIFS/SMB"),
];

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

    #[test]
    fn port_tables_are_distinct() {
        for (p, _) in ADMIN_PORTS {
            assert!(!DATA_PORTS.iter().any(|(d, _)| d == p));
        }
    }
}
