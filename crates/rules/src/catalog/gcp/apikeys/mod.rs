//! GCP apikeys rules.

mod key_api_unrestricted;
mod key_application_unrestricted;
mod key_not_rotated;

use crate::engine::Rule;

/// apikeys rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &key_api_unrestricted::KeyApiUnrestricted,
    &key_application_unrestricted::KeyApplicationUnrestricted,
    &key_not_rotated::KeyNotRotated,
];
