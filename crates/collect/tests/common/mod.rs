//! Shared by the property tests: byte-level mutations of valid documents (truncation, bit flips,
//! deletions, insertion of format-specific tokens, duplication of a run).

use proptest::prelude::*;

/// One mutation; positions are taken modulo the document length.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Cut the document at a position.
    Truncate(usize),
    /// Replace one byte.
    Flip(usize, u8),
    /// Delete up to n bytes.
    Delete(usize, usize),
    /// Insert token number t of the caller's token list.
    Insert(usize, usize),
    /// Duplicate a run of up to n bytes.
    Duplicate(usize, usize),
}

/// A strategy over mutations whose insertions pick among `tokens` tokens.
pub fn mutation(tokens: usize) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), 0usize..64).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0..tokens.max(1)).prop_map(|(a, t)| Mutation::Insert(a, t)),
        (any::<usize>(), 0usize..256).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
    ]
}

/// Apply a mutation; `tokens` are the insertable byte strings.
#[must_use]
pub fn apply(mut b: Vec<u8>, m: &Mutation, tokens: &[&[u8]]) -> Vec<u8> {
    let len = b.len().max(1);
    match *m {
        Mutation::Truncate(at) => b.truncate(at % len),
        Mutation::Flip(at, v) => {
            if let Some(x) = b.get_mut(at % len) {
                *x = v;
            }
        }
        Mutation::Delete(at, n) => {
            let s = (at % len).min(b.len());
            let e = (s + n).min(b.len());
            b.drain(s..e);
        }
        Mutation::Insert(at, t) => {
            let s = (at % len).min(b.len());
            let tok = tokens.get(t % tokens.len().max(1)).copied().unwrap_or(b"");
            b.splice(s..s, tok.iter().copied());
        }
        Mutation::Duplicate(at, n) => {
            let s = (at % len).min(b.len());
            let e = (s + n).min(b.len());
            let chunk = b[s..e].to_vec();
            b.splice(e..e, chunk);
        }
    }
    b
}
