//! AWS Config rules.

mod recorder_not_recording_all_resources;

use crate::engine::Rule;

/// AWS Config rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&recorder_not_recording_all_resources::RecorderNotRecordingAllResources];
