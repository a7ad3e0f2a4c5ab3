//! Lambda rules.

mod function_env_secret_names;
mod function_runtime_deprecated;
mod function_url_auth_none;

mod function_policy_public;
use crate::engine::Rule;

/// Lambda rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &function_env_secret_names::FunctionEnvSecretNames,
    &function_runtime_deprecated::FunctionRuntimeDeprecated,
    &function_url_auth_none::FunctionUrlAuthNone,
    &function_policy_public::FunctionPolicyPublic,
];
