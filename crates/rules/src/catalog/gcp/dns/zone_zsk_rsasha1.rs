use crate::prelude::*;

/// Flags DNSSEC zones whose zone-signing key uses RSASHA1.
pub(crate) struct ZoneZskRsasha1;

impl TypedRule for ZoneZskRsasha1 {
    type Config = gcp::DnsManagedZone;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &gcp::DnsManagedZone,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let state = need(&c.dnssec_state, "dnssec_state")?;
        if !state.eq_ignore_ascii_case("on") {
            return Ok(Verdict::NotApplicable("DNSSEC is not on".into()));
        }
        let algo = need(&c.zsk_algorithm, "zsk_algorithm")?;
        Ok(Verdict::check(
            !algo.eq_ignore_ascii_case("rsasha1"),
            || {
                Verdict::fail(
                    format!(
                        "DNS zone `{}` signs with RSASHA1 (zone-signing key)",
                        r.name
                    ),
                    "config.zsk_algorithm",
                    json!(algo),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.dns.zone_zsk_rsasha1",
    title: "DNSSEC zone-signing key uses RSASHA1",
    severity: Severity::Medium,
    severity_rationale: "SHA-1 signatures are considered forgeable by well-resourced attackers; DNSSEC then gives false assurance.",
    service: "dns",
    description: "For zones with DNSSEC on, checks that the default zone-signing key spec does not use `rsasha1`.",
    risk: "Forged DNS answers may validate, defeating the purpose of DNSSEC.",
    remediation: Remediation {
        summary: "Use RSASHA256 or ECDSAP256SHA256 for the zone-signing key (turn DNSSEC off and on again with the new spec, coordinating the DS record).",
        cli: "gcloud dns managed-zones update {name} --project={account} --dnssec-state=off\ngcloud dns managed-zones update {name} --project={account} --dnssec-state=on --zsk-algorithm=ecdsap256sha256 --zsk-key-length=256 --denial-of-existence=nsec3",
        terraform: "resource \"google_dns_managed_zone\" \"{name}\" {\n  # …\n  dnssec_config {\n    state = \"on\"\n    default_key_specs {\n      algorithm  = \"ecdsap256sha256\"\n      key_length = 256\n      key_type   = \"zoneSigning\"\n    }\n  }\n}",
        console: "Cloud console → Network services → Cloud DNS → {name} → DNSSEC → turn off, then on with a SHA-256 algorithm; update the DS record at the registrar.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "An algorithm roll needs coordination with the registrar; a mistake breaks resolution for validating resolvers.",
    permissions: &["dns.managedZones.get"],
    references: &["https://cloud.google.com/dns/docs/dnssec-advanced"],
    cases: &[
        Case::pass(
            "rsasha256",
            r#"{"config": {"dnssec_state": "on", "zsk_algorithm": "rsasha256"}}"#,
        ),
        Case::fail(
            "rsasha1",
            r#"{"config": {"dnssec_state": "on", "zsk_algorithm": "rsasha1"}}"#,
        ),
        Case::not_applicable(
            "DNSSEC off",
            r#"{"config": {"dnssec_state": "off", "zsk_algorithm": ""}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"dnssec_state": "on"}}"#),
    ],
};
