//! RS256 JSON Web Tokens (RFC 7515/7519) signed with ring, and PEM parsing.
//!
//! Used for the GCP service-account JWT bearer grant (RFC 7523) and Azure certificate client
//! assertions. Keys are PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`).

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::signature::RsaKeyPair;

/// One PEM block: its label (`PRIVATE KEY`, `CERTIFICATE`, …) and DER bytes.
#[derive(Clone)]
pub struct PemBlock {
    /// The label between `BEGIN ` and `-----`.
    pub label: String,
    /// Decoded content.
    pub der: Vec<u8>,
}

impl std::fmt::Debug for PemBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Private keys must never reach a log through a Debug print.
        f.debug_struct("PemBlock")
            .field("label", &self.label)
            .field("der", &format_args!("<{} bytes>", self.der.len()))
            .finish()
    }
}

/// Every PEM block in `text`, in order.
///
/// # Errors
/// A message naming the block number when a block is unterminated or not base64.
pub fn pem_blocks(text: &str) -> Result<Vec<PemBlock>, String> {
    let mut out = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut b64 = String::new();
        let mut closed = false;
        for l in lines.by_ref() {
            if l == end {
                closed = true;
                break;
            }
            if l.contains(':') {
                // RFC 1421 headers (encrypted keys): not supported.
                return Err(format!(
                    "PEM block {} (`{label}`) has headers (`{l}`); encrypted keys are not supported, \
                     export the key unencrypted",
                    out.len() + 1
                ));
            }
            b64.push_str(l);
        }
        if !closed {
            return Err(format!(
                "PEM block {} (`{label}`) has no `{end}` line",
                out.len() + 1
            ));
        }
        let der = STANDARD.decode(b64.as_bytes()).map_err(|e| {
            format!(
                "PEM block {} (`{label}`) is not valid base64: {e}",
                out.len() + 1
            )
        })?;
        out.push(PemBlock {
            label: label.to_owned(),
            der,
        });
    }
    Ok(out)
}

/// An RSA signing key.
pub struct RsaKey(RsaKeyPair);

impl std::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RsaKey(<redacted>)")
    }
}

impl RsaKey {
    /// The first private key in PEM `text` (PKCS#8 or PKCS#1).
    ///
    /// # Errors
    /// No key block, or a key ring rejects (not RSA, too small, malformed).
    pub fn from_pem(text: &str) -> Result<RsaKey, String> {
        let blocks = pem_blocks(text)?;
        let Some(b) = blocks
            .iter()
            .find(|b| b.label == "PRIVATE KEY" || b.label == "RSA PRIVATE KEY")
        else {
            let labels: Vec<&str> = blocks.iter().map(|b| b.label.as_str()).collect();
            return Err(format!(
                "no `PRIVATE KEY` or `RSA PRIVATE KEY` PEM block (found: {})",
                if labels.is_empty() {
                    "none".to_owned()
                } else {
                    labels.join(", ")
                }
            ));
        };
        let pair = if b.label == "PRIVATE KEY" {
            RsaKeyPair::from_pkcs8(&b.der)
        } else {
            RsaKeyPair::from_der(&b.der)
        }
        .map_err(|e| format!("the private key is not a usable RSA key ({e})"))?;
        Ok(RsaKey(pair))
    }

    /// The public key (PKCS#1 `RSAPublicKey` DER), to verify signatures in tests.
    #[must_use]
    pub fn public_key_der(&self) -> Vec<u8> {
        use ring::signature::KeyPair as _;
        self.0.public_key().as_ref().to_vec()
    }

    /// RS256 signature of `data`.
    ///
    /// # Errors
    /// When ring fails to sign (should not happen with a valid key).
    pub fn sign(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        let rng = ring::rand::SystemRandom::new();
        let mut sig = vec![0u8; self.0.public().modulus_len()];
        self.0
            .sign(&ring::signature::RSA_PKCS1_SHA256, &rng, data, &mut sig)
            .map_err(|_| "RSA signing failed".to_owned())?;
        Ok(sig)
    }
}

/// Base64url without padding.
#[must_use]
pub fn b64url(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

/// A signed compact JWS: `header.claims.signature` with `alg: RS256`.
///
/// # Errors
/// When signing fails.
pub fn sign_rs256(
    key: &RsaKey,
    header: &serde_json::Value,
    claims: &serde_json::Value,
) -> Result<String, String> {
    let mut h = header.clone();
    if let Some(o) = h.as_object_mut() {
        o.insert("alg".into(), "RS256".into());
        o.insert("typ".into(), "JWT".into());
    }
    let input = format!(
        "{}.{}",
        b64url(h.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes())
    );
    let sig = key.sign(input.as_bytes())?;
    Ok(format!("{input}.{}", b64url(&sig)))
}

/// SHA-1 thumbprint of a DER certificate, base64url (the `x5t` JWT header).
#[must_use]
pub fn x5t(cert_der: &[u8]) -> String {
    b64url(ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, cert_der).as_ref())
}

/// SHA-256 thumbprint of a DER certificate, base64url (the `x5t#S256` JWT header).
#[must_use]
pub fn x5t_s256(cert_der: &[u8]) -> String {
    b64url(ring::digest::digest(&ring::digest::SHA256, cert_der).as_ref())
}

/// Seconds since the Unix epoch.
#[must_use]
pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_errors_name_the_block() {
        assert!(pem_blocks("nothing here").unwrap().is_empty());
        let e = pem_blocks("-----BEGIN PRIVATE KEY-----\nAAAA\n").unwrap_err();
        assert!(
            e.contains("block 1") && e.contains("END PRIVATE KEY"),
            "{e}"
        );
        let e = pem_blocks("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n")
            .unwrap_err();
        assert!(e.contains("base64"), "{e}");
        let e = RsaKey::from_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
            .unwrap_err();
        assert!(e.contains("found: CERTIFICATE"), "{e}");
        let e = RsaKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
            .unwrap_err();
        assert!(e.contains("not a usable RSA key"), "{e}");
    }

    #[test]
    fn thumbprints_are_base64url() {
        // SHA-1("abc") = a9993e36…; base64url of the digest.
        assert_eq!(x5t(b"abc"), "qZk-NkcGgWq6PiVxeFDCbJzQ2J0");
        assert_eq!(x5t_s256(b"").len(), 43);
    }
}
