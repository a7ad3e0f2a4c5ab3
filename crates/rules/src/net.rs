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
