//! Resource Manager (project) rules.

mod project_primitive_role_granted;

use crate::engine::Rule;

/// Project rules.
pub(crate) const RULES: &[&'static dyn Rule] =
    &[&project_primitive_role_granted::ProjectPrimitiveRoleGranted];
