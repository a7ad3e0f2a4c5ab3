//! GCP dns rules.

mod zone_dnssec_off;
mod zone_ksk_rsasha1;
mod zone_zsk_rsasha1;

use crate::engine::Rule;

/// dns rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &zone_dnssec_off::ZoneDnssecOff,
    &zone_ksk_rsasha1::ZoneKskRsasha1,
    &zone_zsk_rsasha1::ZoneZskRsasha1,
];
