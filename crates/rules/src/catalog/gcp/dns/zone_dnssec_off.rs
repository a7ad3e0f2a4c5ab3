use crate::prelude::*;

/// Flags public Cloud DNS zones without DNSSEC.
pub(crate) struct ZoneDnssecOff;

impl TypedRule for ZoneDnssecOff {
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
        let vis = need(&c.visibility, "visibility")?;
        if !vis.eq_ignore_ascii_case("public") {
            return Ok(Verdict::NotApplicable(
                "DNSSEC applies to public zones".into(),
            ));
        }
        let state = need(&c.dnssec_state, "dnssec_state")?;
        Ok(Verdict::check(state.eq_ignore_ascii_case("on"), || {
            Verdict::fail(
                format!("Public DNS zone `{}` has DNSSEC `{state}`", r.name),
                "config.dnssec_state",
                json!(state),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.dns.zone_dnssec_off",
    title: "Public Cloud DNS zone has DNSSEC off",
    severity: Severity::Medium,
    severity_rationale: "Without DNSSEC, resolvers cannot detect forged answers; exploitation needs cache poisoning or an on-path attacker.",
    service: "dns",
    description: "For public managed zones, checks that the DNSSEC state is `on`. (The registrar must also publish the DS record.)",
    risk: "Users can be sent to attacker-controlled addresses through spoofed DNS responses.",
    remediation: Remediation {
        summary: "Turn DNSSEC on and add the DS record at the registrar.",
        cli: "gcloud dns managed-zones update {name} --project={account} --dnssec-state=on",
        terraform: "resource \"google_dns_managed_zone\" \"{name}\" {\n  # …\n  dnssec_config {\n    state = \"on\"\n  }\n}",
        console: "Cloud console → Network services → Cloud DNS → {name} → DNSSEC: On → then publish the DS record at the registrar.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "A wrong or stale DS record at the registrar makes the zone fail validation (an outage for validating resolvers).",
    permissions: &["dns.managedZones.get"],
    references: &["https://cloud.google.com/dns/docs/dnssec-config"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"visibility": "public", "dnssec_state": "on"}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"visibility": "public", "dnssec_state": "off"}}"#,
        ),
        Case::not_applicable(
            "private zone",
            r#"{"config": {"visibility": "private", "dnssec_state": "off"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"visibility": "public"}}"#),
    ],
};
