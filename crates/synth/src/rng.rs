//! A small deterministic random number generator (SplitMix64) and helpers.

/// SplitMix64: fast, good enough for test data, and identical on every platform.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

/// The SplitMix64 output function: a bijection on `u64`, so distinct inputs give distinct outputs.
#[must_use]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator seeded with `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.state)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for test data and branch-free.
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }

    /// An index into a slice of length `n`.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// `n` lower-case hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        while s.len() < n {
            let v = self.next_u64();
            for i in 0..16 {
                if s.len() == n {
                    break;
                }
                let d = ((v >> (i * 4)) & 0xf) as u8;
                s.push(char::from(if d < 10 { b'0' + d } else { b'a' + d - 10 }));
            }
        }
        s
    }

    /// A random (version 4 shaped) UUID.
    pub fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-4{}-{}{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            ["8", "9", "a", "b"][self.index(4)],
            &h[17..20],
            &h[20..32]
        )
    }

    /// `n` upper-case alphanumerics (AWS unique-id style).
    pub fn upper_alnum(&mut self, n: usize) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        (0..n).map(|_| char::from(A[self.index(A.len())])).collect()
    }

    /// A decimal string of `n` digits (no leading zero).
    pub fn digits(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        s.push(char::from(b'1' + self.below(9) as u8));
        while s.len() < n {
            s.push(char::from(b'0' + self.below(10) as u8));
        }
        s
    }
}

/// Hex of a bijective mix of `n`: distinct `n` always give distinct ids.
#[must_use]
pub fn unique_hex(n: u64, salt: u64, width: usize) -> String {
    let v = mix(n ^ salt.rotate_left(17));
    let s = format!("{v:016x}");
    if width <= 16 {
        s[16 - width..].to_owned()
    } else {
        format!("{}{s}", "0".repeat(width - 16))
    }
}

/// Civil date from days since 1970-01-01 (proleptic Gregorian).
#[must_use]
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of the snapshot date, 2026-11-27.
pub const SNAPSHOT_DAY: i64 = 20_784;

/// An RFC 3339 timestamp `days_ago` days before the snapshot, at a time derived from `secs`.
#[must_use]
pub fn timestamp(days_ago: i64, secs: u64) -> String {
    let (y, m, d) = civil(SNAPSHOT_DAY - days_ago);
    let s = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60,
        (secs / 86_400) % 1000
    )
}

/// A date `YYYY-MM-DD` `days_ago` days before the snapshot.
#[must_use]
pub fn date(days_ago: i64) -> String {
    let (y, m, d) = civil(SNAPSHOT_DAY - days_ago);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_day_is_2026_11_27() {
        assert_eq!(civil(SNAPSHOT_DAY), (2026, 11, 27));
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(date(0), "2026-11-27");
    }

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_eq!(a.uuid().len(), 36);
        assert!(a.below(10) < 10);
    }
}
