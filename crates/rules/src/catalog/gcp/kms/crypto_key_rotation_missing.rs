use crate::prelude::*;
use posture_model::time::DAY;

/// Longest acceptable rotation period.
const MAX_PERIOD: i64 = 90 * DAY;

/// Flags symmetric Cloud KMS keys that rotate less often than every 90 days, or never.
pub(crate) struct CryptoKeyRotationMissing;

impl TypedRule for CryptoKeyRotationMissing {
    type Config = gcp::CryptoKey;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        k: &gcp::CryptoKey,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let period = *need(&k.rotation_period_seconds, "rotation_period_seconds")?;
        if period > 0 && period <= MAX_PERIOD {
            return Ok(Verdict::Pass);
        }
        // Automatic rotation exists only for symmetric encryption keys.
        let purpose = need(&k.purpose, "purpose")?;
        if !purpose.eq_ignore_ascii_case("ENCRYPT_DECRYPT") {
            return Ok(Verdict::NotApplicable(
                "automatic rotation is only available for symmetric encryption keys".into(),
            ));
        }
        let message = if period <= 0 {
            format!("KMS key `{}` has no automatic rotation", r.name)
        } else {
            format!(
                "KMS key `{}` rotates every {} days (more than 90)",
                r.name,
                period / DAY
            )
        };
        Ok(Verdict::fail(
            message,
            "config.rotation_period_seconds",
            json!(period),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.kms.crypto_key_rotation_missing",
    title: "Cloud KMS key is not rotated at least every 90 days",
    severity: Severity::Low,
    severity_rationale: "Key material stays inside Cloud KMS; rotation mainly limits how much data one version \
        protects and satisfies compliance requirements.",
    service: "kms",
    description: "Checks that symmetric encryption keys have an automatic rotation period of 90 days or less. \
        Asymmetric and MAC keys, which cannot rotate automatically, are not applicable.",
    risk: "A single key version protects an unbounded amount of data for an unbounded time; a compromised \
        version stays useful to an attacker.",
    remediation: Remediation {
        summary: "Set a rotation period of 90 days (7776000s) or less.",
        cli: "gcloud kms keys update {name} --project={account} --location={region} --keyring=<keyring> \
              --rotation-period=90d --next-rotation-time=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)",
        terraform: "resource \"google_kms_crypto_key\" \"{name}\" {\n  name            = \"{name}\"\n  key_ring        = google_kms_key_ring.ring.id\n  rotation_period = \"7776000s\"\n}",
        console: "Cloud console → Security → Key Management → key ring → {name} → Edit rotation period → 90 days → \
            Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "New versions become primary for new encryptions; older versions stay enabled for \
        decryption.",
    permissions: &["cloudkms.cryptoKeys.list", "cloudkms.cryptoKeys.get"],
    references: &["https://cloud.google.com/kms/docs/key-rotation"],
    cases: &[
        Case::pass(
            "90 days",
            r#"{"config": {"purpose": "ENCRYPT_DECRYPT", "rotation_period_seconds": 7776000}}"#,
        ),
        Case::pass(
            "30 days",
            r#"{"config": {"purpose": "ENCRYPT_DECRYPT", "rotation_period_seconds": 2592000}}"#,
        ),
        Case::fail(
            "never rotates",
            r#"{"config": {"purpose": "ENCRYPT_DECRYPT", "rotation_period_seconds": 0}}"#,
        ),
        Case::fail(
            "one year",
            r#"{"config": {"purpose": "ENCRYPT_DECRYPT", "rotation_period_seconds": 31536000}}"#,
        ),
        Case::fail(
            "91 days",
            r#"{"config": {"purpose": "ENCRYPT_DECRYPT", "rotation_period_seconds": 7862400}}"#,
        ),
        Case::not_applicable(
            "asymmetric signing key",
            r#"{"config": {"purpose": "ASYMMETRIC_SIGN", "rotation_period_seconds": 0}}"#,
        ),
        Case::unknown(
            "rotation not collected",
            r#"{"config": {"purpose": "ENCRYPT_DECRYPT"}}"#,
        ),
        Case::unknown(
            "no rotation and purpose unknown",
            r#"{"config": {"rotation_period_seconds": 0}}"#,
        ),
    ],
};
